package score_test

import (
	"strings"
	"testing"
	"time"

	"jixiao"
	"jixiao/internal/score"
)

func TestBudgetLight(t *testing.T) {
	def := score.DefaultSettings()
	local := withSettings(func(s *score.Settings) {
		s.Monitor.BudgetRedBelow, s.Monitor.BudgetGreenFrom = jixiao.MustDecimal("50"), jixiao.MustDecimal("70")
	})
	const budget = jixiao.Fen(120_000_000) // 120 万元
	tests := []struct {
		name     string
		budget   jixiao.Fen
		executed jixiao.Fen
		month    int
		s        score.Settings
		color    score.Color
		value    string
	}{
		{"on schedule", budget, 30_000_000, 3, def, score.Green, "100"},
		{"green from 80", budget, 48_000_000, 6, def, score.Green, "80"},
		{"just under 80 is yellow", budget, 47_990_000, 6, def, score.Yellow, "79.98"},
		{"yellow from 60", budget, 36_000_000, 6, def, score.Yellow, "60"},
		{"red under 60", budget, 35_990_000, 6, def, score.Red, "59.98"},
		{"nothing executed", budget, 0, 9, def, score.Red, "0"},
		{"ahead of schedule", budget, 120_000_000, 6, def, score.Green, "200"},
		{"local thresholds", budget, 36_000_000, 6, local, score.Yellow, "60"},
		{"local thresholds red", budget, 29_000_000, 6, local, score.Red, "48.33"},
		{"zero budget", 0, 0, 6, def, score.NoLight, ""},
		{"month out of range", budget, 1, 13, def, score.NoLight, ""},
		{"month zero", budget, 1, 0, def, score.NoLight, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := score.BudgetLight(tt.budget, tt.executed, tt.month, jixiao.WanYuan, tt.s)
			if l.Color != tt.color || l.Value.String() != tt.value || l.Reason == "" {
				t.Errorf("got %s %s %q, want %s %s", l.Color, l.Value, l.Reason, tt.color, tt.value)
			}
		})
	}
	l := score.BudgetLight(budget, 36_000_000, 6, jixiao.WanYuan, def)
	if l.Explanation.Text != "(执行数/预算数)/(月份/12)×100 = (36.00/120.00)/(6/12)×100 = 60.00 → 黄灯" {
		t.Errorf("text %q", l.Explanation.Text)
	}
	if l.Reason != "预算执行预警值 60.00，在 60–80 之间：执行慢于序时进度" {
		t.Errorf("reason %q", l.Reason)
	}
}

func TestIndicatorLight(t *testing.T) {
	def := score.DefaultSettings()
	ratio := withSettings(func(s *score.Settings) { s.Negative = score.NegativeRatio })
	yellow90 := withSettings(func(s *score.Settings) { s.Monitor.IndicatorYellowFrom = jixiao.MustDecimal("90") })
	tests := []struct {
		name       string
		ind        *jixiao.Indicator
		forecast   string
		attainment score.Attainment
		s          score.Settings
		color      score.Color
		value      string
		text       string
	}{
		{"positive met", ind("产出指标", "培训场次", "≥10场"), "10场", "", def, score.Green, "100", "预计值≥目标值：10 ≥ 10 → 绿灯"},
		{"positive over 80%", ind("产出指标", "培训合格率", "≥95%"), "92%", "", def, score.Yellow, "96.84", "预计值/目标值×100% = 92/95×100% = 96.84% → 黄灯"},
		{"positive at 80%", ind("产出指标", "培训场次", "≥10场"), "8场", "", def, score.Yellow, "80", ""},
		{"positive under 80%", ind("产出指标", "培训场次", "≥10场"), "7场", "", def, score.Red, "70", ""},
		{"local yellow threshold", ind("产出指标", "培训场次", "≥10场"), "8场", "", yellow90, score.Red, "80", ""},
		{"negative met", ind("产出指标", "投诉次数", "≤5次"), "3次", "", def, score.Green, "100", ""},
		{"negative inverted by deviation", ind("产出指标", "投诉次数", "≤5次"), "6次", "", def, score.Yellow, "80", "(1−(预计值−目标值)/目标值)×100% = (1−(6−5)/5)×100% = 80.00% → 黄灯"},
		{"negative inverted by ratio", ind("产出指标", "投诉次数", "≤5次"), "6次", "", ratio, score.Yellow, "83.33", "目标值/预计值×100% = 5/6×100% = 83.33% → 黄灯"},
		{"negative far over", ind("产出指标", "投诉次数", "≤5次"), "8次", "", def, score.Red, "40", ""},
		{"negative zero target", ind("产出指标", "安全事故", "0起"), "1起", "", def, score.Red, "0", ""},
		{"range", ind("产出指标", "成本偏差率", "±5%以内"), "5.5%", "", def, score.Yellow, "90", ""},
		{"deadline on time", ind("产出指标", "完成时间", "2024年12月31日前"), "2024年11月", "", def, score.Green, "", "预计完成日期≤时限：2024-11-30 ≤ 2024-12-31 → 绿灯"},
		{"deadline late", ind("产出指标", "完成时间", "2024年9月30日前"), "2024-10-15", "", def, score.Red, "", ""},
		{"boolean", ind("效益指标", "是否建成平台", "是"), "否", "", def, score.Red, "", ""},
		{"qualitative 达成", ind("效益指标", "营商环境", "持续优化"), "达成", "", def, score.Green, "", "按预计达成程度：达成绿灯，部分达成黄灯，未达成红灯：达成 → 绿灯"},
		{"qualitative 部分达成", ind("效益指标", "营商环境", "持续优化"), "", score.Partial, def, score.Yellow, "", ""},
		{"qualitative 未达成", ind("效益指标", "营商环境", "持续优化"), "未达成", "", def, score.Red, "", ""},
		{"no forecast", ind("产出指标", "培训场次", "≥10场"), "", "", def, score.NoLight, "", ""},
		{"forecast in another unit", ind("产出指标", "新增企业", "≥20家"), "25个", "", def, score.NoLight, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := score.IndicatorLight(score.IndicatorInput{Indicator: tt.ind, Actual: tt.forecast, Attainment: tt.attainment}, 2024, tt.s)
			if l.Color != tt.color || l.Value.String() != tt.value || l.Reason == "" {
				t.Errorf("got %s %s %q, want %s %s\n%s", l.Color, l.Value, l.Reason, tt.color, tt.value, l.Explanation)
			}
			if tt.text != "" && l.Explanation.Text != tt.text {
				t.Errorf("text\n got %s\nwant %s", l.Explanation.Text, tt.text)
			}
		})
	}
}

func TestProgressLights(t *testing.T) {
	p := &jixiao.Project{Name: "p", Indicators: []*jixiao.Indicator{
		{Seq: 1, Level1: jixiao.Category{Name: "产出指标"}, Name: "培训场次", Annual: jixiao.Target{Raw: "≥10场"}},
		{Seq: 2, Level1: jixiao.Category{Name: "效益指标"}, Name: "营商环境", Annual: jixiao.Target{Raw: "持续优化"}},
		{Seq: 3, Level1: jixiao.Category{Name: "满意度指标"}, Name: "满意度", Annual: jixiao.Target{Raw: "≥90%"}},
	}}
	pp := score.ProjectProgress{FiscalYear: 2024, AsOf: time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC), Budget: 1_000_000, Executed: 300_000,
		Indicators: []score.IndicatorProgress{
			{Seq: 1, ActualToDate: "4场", Forecast: "9场", DeviationReason: "场地未落实", Measure: "下半年加开"},
			{Seq: 2, ForecastAttainment: score.Achieved},
		}}
	got := pp.Lights(p, jixiao.WanYuan, score.DefaultSettings())
	var colors []string
	for _, l := range got.Indicators {
		colors = append(colors, string(l.Light.Color))
	}
	if got.Budget.Color != score.Yellow || got.Budget.Value.String() != "60" {
		t.Errorf("budget %s %s, indicators %v", got.Budget.Color, got.Budget.Value, colors)
	}
	if strings.Join(colors, " ") != "yellow green none" || got.Indicators[2].Light.Reason != "未填报" {
		t.Errorf("indicators %v", colors)
	}
}

func TestEvaluationRecordInput(t *testing.T) {
	p := &jixiao.Project{Name: "p", Indicators: []*jixiao.Indicator{
		{Seq: 1, Level1: jixiao.Category{Name: "产出指标"}, Name: "培训场次", Annual: jixiao.Target{Raw: "≥10场"}},
		{Seq: 2, Level1: jixiao.Category{Name: "效益指标"}, Name: "营商环境", Annual: jixiao.Target{Raw: "持续优化"}},
		{Seq: 3, Level1: jixiao.Category{Name: "满意度指标"}, Name: "满意度", Annual: jixiao.Target{Raw: "≥90%"}},
	}}
	e := score.ProjectEvaluation{FiscalYear: 2024, Budget: fen(1_000_000), Executed: fen(900_000), Indicators: []score.IndicatorEvaluation{
		{Seq: 1, Actual: "10场"},
		{Seq: 2, Attainment: score.Partial, Share: jixiao.MustDecimal("80"), DeviationAnalysis: "部分措施未落地"},
	}}
	r := score.Evaluate(e.Input(p, jixiao.WanYuan), score.DefaultSettings())
	// 50 + 80%×30 + missing + 9.
	if r.Total.String() != "83" || r.Indicators[2].Status != score.StatusMissing || r.Grade != "良" {
		t.Errorf("total %s, statuses %s %s %s", r.Total, r.Indicators[0].Status, r.Indicators[1].Status, r.Indicators[2].Status)
	}
}
