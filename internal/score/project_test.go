package score_test

import (
	"encoding/json"
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/score"
)

func weighted(l1, name, target, weight string) *jixiao.Indicator {
	i := ind(l1, name, target)
	if weight != "" {
		i.Weight = jixiao.MustDecimal(weight)
	}
	return i
}

func decimals(ds []jixiao.Decimal) string {
	var s []string
	for _, d := range ds {
		s = append(s, d.String())
	}
	return strings.Join(s, " ")
}

func TestAllocate(t *testing.T) {
	costOwn := withSettings(func(s *score.Settings) {
		s.Weights.Output, s.Weights.Cost = jixiao.MustDecimal("40"), jixiao.MustDecimal("10")
	})
	tests := []struct {
		name  string
		inds  []*jixiao.Indicator
		s     score.Settings
		want  string
		notes []string
	}{
		{"equal shares in hundredths that add up", []*jixiao.Indicator{
			weighted("产出指标", "a", "1", ""), weighted("产出指标", "b", "1", ""), weighted("产出指标", "c", "1", ""),
			weighted("效益指标", "d", "1", ""), weighted("满意度指标", "e", "1", ""),
		}, score.DefaultSettings(), "16.67 16.67 16.66 30 10", nil},
		{"set weights kept, the rest shared", []*jixiao.Indicator{
			weighted("产出指标", "a", "1", "20"), weighted("产出指标", "b", "1", ""), weighted("产出指标", "c", "1", ""),
			weighted("效益指标", "d", "1", ""), weighted("效益指标", "e", "1", ""), weighted("满意度指标", "f", "1", ""),
		}, score.DefaultSettings(), "20 15 15 15 15 10", nil},
		{"set weights over the category", []*jixiao.Indicator{
			weighted("产出指标", "a", "1", "40"), weighted("产出指标", "b", "1", "20"), weighted("产出指标", "c", "1", ""),
			weighted("效益指标", "d", "1", ""), weighted("满意度指标", "e", "1", ""),
		}, score.DefaultSettings(), "40 20 0 30 10", []string{"产出指标已填写的权重合计 60，超过评分设置的 50"}},
		{"all set but not the category's", []*jixiao.Indicator{
			weighted("产出指标", "a", "1", "30"), weighted("产出指标", "b", "1", "25"),
			weighted("效益指标", "d", "1", "30"), weighted("满意度指标", "e", "1", "10"),
		}, score.DefaultSettings(), "30 25 30 10", []string{"产出指标的权重合计 55，评分设置为 50"}},
		{"missing category", []*jixiao.Indicator{
			weighted("产出指标", "a", "1", ""), weighted("满意度指标", "e", "1", ""),
		}, score.DefaultSettings(), "50 10", []string{"没有效益指标：其权重 30 未分配"}},
		{"cost counts under 产出 by default", []*jixiao.Indicator{
			weighted("产出指标", "a", "1", ""), weighted("成本指标", "b", "1", ""),
			weighted("效益指标", "d", "1", ""), weighted("满意度指标", "e", "1", ""),
		}, score.DefaultSettings(), "25 25 30 10", nil},
		{"cost weighed on its own", []*jixiao.Indicator{
			weighted("产出指标", "a", "1", ""), weighted("成本指标", "b", "1", ""),
			weighted("效益指标", "d", "1", ""), weighted("满意度指标", "e", "1", ""),
		}, costOwn, "40 10 30 10", nil},
		{"category by code and loose name", []*jixiao.Indicator{
			{Level1: jixiao.Category{Code: "1"}}, {Level1: jixiao.Category{Name: "效益"}}, {Level1: jixiao.Category{Name: " 满意度 指标"}},
		}, score.DefaultSettings(), "50 30 10", nil},
		{"unknown category", []*jixiao.Indicator{
			weighted("产出指标", "a", "1", ""), weighted("效益指标", "d", "1", ""), weighted("满意度指标", "e", "1", ""),
			{Seq: 4, Name: "x", Level1: jixiao.Category{Name: "管理指标"}}, {Seq: 5, Name: "y", Level1: jixiao.Category{Name: "管理指标"}, Weight: jixiao.MustDecimal("5")},
		}, score.DefaultSettings(), "50 30 10 0 5", []string{"“管理指标”不在评分设置中，未分配权重", "按其填写的权重 5 计"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, notes := score.Allocate(tt.inds, tt.s)
			if decimals(got) != tt.want {
				t.Errorf("weights %s, want %s", decimals(got), tt.want)
			}
			joined := strings.Join(notes, "\n")
			for _, n := range tt.notes {
				if !strings.Contains(joined, n) {
					t.Errorf("notes %q lack %q", notes, n)
				}
			}
			if len(tt.notes) == 0 && len(notes) > 0 {
				t.Errorf("unexpected notes %q", notes)
			}
		})
	}
}

func fen(f jixiao.Fen) *jixiao.Fen { return &f }

func TestScoreBudget(t *testing.T) {
	ten := jixiao.MustDecimal("10")
	tests := []struct {
		name             string
		budget, executed *jixiao.Fen
		weight           jixiao.Decimal
		status           score.Status
		want, rate, text string
	}{
		{"ratio", fen(120_000_000), fen(110_500_000), ten, score.StatusScored, "9.21", "92.08", "执行数/预算数×权重 = 110.50/120.00×10 = 9.21"},
		{"fully executed", fen(120_000_000), fen(120_000_000), ten, score.StatusScored, "10", "100", "执行数≥预算数，记满分：120.00 ≥ 120.00，得 10.00"},
		{"over-executed is capped", fen(120_000_000), fen(130_000_000), ten, score.StatusScored, "10", "108.33", ""},
		{"another weight", fen(100_000_000), fen(95_000_000), jixiao.MustDecimal("20"), score.StatusScored, "19", "95", ""},
		{"nothing executed", fen(100_000_000), fen(0), ten, score.StatusScored, "0", "0", ""},
		{"missing executed", fen(100_000_000), nil, ten, score.StatusMissing, "0", "", "未填执行数，记0分，得 0.00"},
		{"missing budget", nil, fen(1), ten, score.StatusMissing, "0", "", ""},
		{"missing both", nil, nil, ten, score.StatusMissing, "0", "", ""},
		{"zero budget", fen(0), fen(0), ten, score.StatusInvalid, "0", "", "预算数为 0.00，无法计算执行率，记0分，得 0.00"},
		{"negative execution", fen(100), fen(-1), ten, score.StatusInvalid, "0", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := score.ScoreBudget(tt.budget, tt.executed, tt.weight, jixiao.WanYuan)
			if got.Status != tt.status || got.Score.String() != tt.want || got.Rate.String() != tt.rate {
				t.Errorf("got %s %s rate %s, want %s %s rate %s: %s", got.Status, got.Score, got.Rate, tt.status, tt.want, tt.rate, got.Explanation)
			}
			if tt.text != "" && got.Explanation.Text != tt.text {
				t.Errorf("text %q, want %q", got.Explanation.Text, tt.text)
			}
		})
	}
	if got := score.ScoreBudget(fen(300), fen(200), ten, jixiao.Yuan); got.Explanation.Expr != "2.00/3.00×10" {
		t.Errorf("in 元: %s", got.Explanation)
	}
}

func TestGradeFor(t *testing.T) {
	def := score.DefaultSettings()
	local := withSettings(func(s *score.Settings) {
		s.Grades = score.GradeBands{Excellent: jixiao.MustDecimal("85"), Good: jixiao.MustDecimal("75"), Fair: jixiao.MustDecimal("60")}
	})
	tests := []struct {
		total string
		s     score.Settings
		want  string
	}{
		{"100", def, "优"}, {"90", def, "优"}, {"89.99", def, "良"}, {"80", def, "良"}, {"79.99", def, "中"},
		{"60", def, "中"}, {"59.99", def, "差"}, {"0", def, "差"}, {"86", local, "优"}, {"80", local, "良"}, {"74.5", local, "中"},
	}
	for _, tt := range tests {
		g, e := score.GradeFor(jixiao.MustDecimal(tt.total), tt.s)
		if g != tt.want || e.Result != tt.want || !strings.HasSuffix(e.Text, "→ "+tt.want) {
			t.Errorf("GradeFor(%s) = %s (%s), want %s", tt.total, g, e.Text, tt.want)
		}
	}
	_, e := score.GradeFor(jixiao.MustDecimal("88.5"), def)
	if e.Text != "按总分分档：优≥90，良≥80，中≥60，差<60：80 ≤ 88.50 < 90 → 良" {
		t.Errorf("text %q", e.Text)
	}
}

func sampleProject() score.ProjectInput {
	return score.ProjectInput{
		Name: "中小企业培训经费", FiscalYear: 2024, MoneyUnit: jixiao.WanYuan,
		Budget: fen(5_000_000), Executed: fen(4_600_000),
		Indicators: []score.IndicatorInput{
			{Indicator: weighted("产出指标", "开展培训场次", "≥10场", ""), Actual: "12场"},
			{Indicator: weighted("产出指标", "培训合格率", "≥95%", ""), Actual: "92%"},
			{Indicator: weighted("产出指标", "培训完成时间", "2024年11月30日前", ""), Actual: "2024-11-20"},
			{Indicator: weighted("效益指标", "参训企业经营管理能力", "有效提升", ""), Actual: "部分达成"},
			{Indicator: weighted("效益指标", "带动企业新增销售额", "≥1000万元", ""), Actual: "0.08亿元"},
			{Indicator: weighted("满意度指标", "参训企业满意率", "≥90%", ""), Actual: ""},
		},
	}
}

func TestEvaluate(t *testing.T) {
	r := score.Evaluate(sampleProject(), score.DefaultSettings())
	var got []string
	for _, ir := range r.Indicators {
		got = append(got, ir.Weight.String()+":"+ir.Score.String())
	}
	// 50/3 = 16.67, 16.67, 16.66; 92/95×16.67 = 16.14; 70%×15; 800/1000×15; missing.
	if strings.Join(got, " ") != "16.67:16.67 16.67:16.14 16.66:16.66 15:10.5 15:12 10:0" {
		t.Errorf("indicators %s", strings.Join(got, " "))
	}
	if r.Budget.Score.String() != "9.2" || r.Total.String() != "81.17" || r.Grade != "良" || r.WeightTotal.String() != "100" {
		t.Errorf("budget %s total %s grade %s weights %s", r.Budget.Score, r.Total, r.Grade, r.WeightTotal)
	}
	if r.TotalExplanation.Text != "各指标得分+预算执行率得分 = 16.67+16.14+16.66+10.50+12.00+0.00+9.20 = 81.17" {
		t.Errorf("total: %s", r.TotalExplanation.Text)
	}
	if len(r.Notes) != 0 {
		t.Errorf("notes %q", r.Notes)
	}

	// Weights that do not add up are said.
	p := sampleProject()
	p.Indicators[0].Indicator.Weight = jixiao.MustDecimal("30")
	p.BudgetWeight = jixiao.MustDecimal("10")
	r = score.Evaluate(p, score.DefaultSettings())
	if r.WeightTotal.String() != "100" {
		t.Errorf("a set weight inside the category: weights %s, notes %q", r.WeightTotal, r.Notes)
	}
	p.Indicators[1].Indicator.Weight, p.Indicators[2].Indicator.Weight = jixiao.MustDecimal("20"), jixiao.MustDecimal("10")
	r = score.Evaluate(p, score.DefaultSettings())
	if r.WeightTotal.String() != "110" || !strings.Contains(strings.Join(r.Notes, "；"), "权重合计 110，应为 100") {
		t.Errorf("weights %s, notes %q", r.WeightTotal, r.Notes)
	}

	// Results marshal with decimal strings and their explanations.
	b, err := json.Marshal(score.Evaluate(sampleProject(), score.DefaultSettings()))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"total":"81.17"`, `"grade":"良"`, `"rule":"positive.ratio"`, `"score_min":"9"`, `"score_max":"12"`, `"status":"missing"`, `"text":"实际值/目标值×权重 = 92/95×16.67 = 16.14"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
}

func BenchmarkEvaluate(b *testing.B) {
	p := sampleProject()
	s := score.DefaultSettings()
	for b.Loop() {
		score.Evaluate(p, s)
	}
}
