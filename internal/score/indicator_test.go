package score_test

import (
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/score"
	"jixiao/internal/value"
)

func parse(s string) jixiao.Target { return value.Parse(s, value.Context{FiscalYear: 2024}) }

func ind(l1, name, target string) *jixiao.Indicator {
	return &jixiao.Indicator{Seq: 1, Level1: jixiao.Category{Name: l1}, Name: name, Annual: jixiao.Target{Raw: target}}
}

func withSettings(f func(*score.Settings)) score.Settings {
	s := score.DefaultSettings()
	f(&s)
	return s
}

// Every branch of every formula: the status, the score, the rule the
// explanation names and, where it matters, the rendered text or a note.
func TestScoreIndicator(t *testing.T) {
	def := score.DefaultSettings()
	ratio := withSettings(func(s *score.Settings) { s.Negative = score.NegativeRatio })
	eqPos := withSettings(func(s *score.Settings) { s.Equal = score.EqualPositive })
	noYear := 0
	tests := []struct {
		name     string
		ind      *jixiao.Indicator
		actual   string
		s        score.Settings
		year     int
		status   score.Status
		want     string // score
		rule     string
		dir      score.Direction
		text     string // rendered explanation, when given
		note     string // a note that must be there, when given
		scoreMin string // band, qualitative without share
		scoreMax string
	}{
		// positive
		{name: "positive met", ind: ind("产出指标", "培训合格率", "≥95%"), actual: "96%", want: "10", rule: "positive.met", dir: score.Positive,
			text: "实际值≥目标值，记满分：96 ≥ 95，得 10.00"},
		{name: "positive met exactly", ind: ind("产出指标", "培训合格率", "≥95%"), actual: "95%", want: "10", rule: "positive.met", dir: score.Positive},
		{name: "positive strict comparator at the boundary", ind: ind("产出指标", "培训合格率", ">90%"), actual: "90%", want: "10", rule: "positive.met", dir: score.Positive,
			note: "按达到计"},
		{name: "positive far above the target is noted, not deducted", ind: ind("产出指标", "开展培训场次", "≥10场"), actual: "15场", want: "10", rule: "positive.met", dir: score.Positive,
			note: "超出目标值 50.00%"},
		{name: "positive just above the note threshold is quiet", ind: ind("产出指标", "开展培训场次", "≥10场"), actual: "12场", want: "10", rule: "positive.met"},
		{name: "positive ratio", ind: ind("产出指标", "培训合格率", "≥95%"), actual: "92%", want: "9.68", rule: "positive.ratio", dir: score.Positive,
			text: "实际值/目标值×权重 = 92/95×10 = 9.68"},
		{name: "positive ratio rounds half away from zero", ind: ind("产出指标", "完成数", "≥8个"), actual: "7个", want: "8.75", rule: "positive.ratio"},
		{name: "positive negative actual scores 0", ind: ind("效益指标", "销售额增长率", "≥10%"), actual: "-2%", want: "0", rule: "positive.ratio", note: "记 0 分"},
		{name: "positive zero target, actual below", ind: ind("效益指标", "利润增长率", "≥0"), actual: "-1", want: "0", rule: "positive.zero"},
		{name: "positive zero target met", ind: ind("效益指标", "利润增长率", "≥0"), actual: "0", want: "10", rule: "positive.met"},
		{name: "positive negative target", ind: ind("效益指标", "亏损额增长率", "≥-2%"), actual: "-3%", want: "5", rule: "positive.deviation",
			text: "(1−(目标值−实际值)/|目标值|)×权重 = (1−((-2)−(-3))/2)×10 = 5.00"},
		{name: "bare number is positive", ind: ind("产出指标", "举办活动场次", "8场"), actual: "6场", want: "7.5", rule: "positive.ratio", dir: score.Positive},
		{name: "hand-set direction wins", ind: func() *jixiao.Indicator {
			i := ind("产出指标", "办理时长", "≥5天")
			i.Direction = jixiao.DirectionNegative
			return i
		}(), actual: "4天", want: "10", rule: "negative.met", dir: score.Negative},

		// negative
		{name: "negative met", ind: ind("产出指标", "企业投诉次数", "≤5次"), actual: "5次", want: "10", rule: "negative.met", dir: score.Negative},
		{name: "negative deviation", ind: ind("产出指标", "企业投诉次数", "≤5次"), actual: "6次", want: "8", rule: "negative.deviation", dir: score.Negative,
			text: "(1−(实际值−目标值)/目标值)×权重 = (1−(6−5)/5)×10 = 8.00"},
		{name: "negative at twice the target scores 0", ind: ind("产出指标", "企业投诉次数", "≤5次"), actual: "10次", want: "0", rule: "negative.double",
			text: "实际值≥2×目标值，记0分：10 ≥ 2×5，得 0.00"},
		{name: "negative just under twice", ind: ind("产出指标", "企业投诉次数", "≤5次"), actual: "9.9次", want: "0.2", rule: "negative.deviation"},
		{name: "negative ratio formula", ind: ind("产出指标", "企业投诉次数", "≤5次"), actual: "6次", s: ratio, want: "8.33", rule: "negative.ratio",
			text: "目标值/实际值×权重 = 5/6×10 = 8.33"},
		{name: "negative ratio has no zero at twice", ind: ind("产出指标", "企业投诉次数", "≤5次"), actual: "10次", s: ratio, want: "5", rule: "negative.ratio"},
		{name: "negative bare number by name", ind: ind("产出指标", "企业投诉次数", "3次"), actual: "4次", want: "6.67", rule: "negative.deviation", dir: score.Negative},
		{name: "negative zero target met", ind: ind("产出指标", "安全生产事故", "0起"), actual: "0起", want: "10", rule: "negative.met", dir: score.Negative},
		{name: "negative zero target missed", ind: ind("产出指标", "安全生产事故", "0起"), actual: "1起", want: "0", rule: "negative.zero",
			text: "目标值为0，实际值超过0，记0分：1 > 0，得 0.00"},
		{name: "negative zero target missed, ratio formula", ind: ind("产出指标", "安全生产事故", "0起"), actual: "1起", s: ratio, want: "0", rule: "negative.zero"},
		{name: "negative negative target", ind: ind("产出指标", "能耗增长率", "≤-2%"), actual: "-1%", want: "5", rule: "negative.deviation"},
		{name: "negative negative target under ratio falls back", ind: ind("产出指标", "能耗增长率", "≤-2%"), actual: "-1%", s: ratio, want: "5", rule: "negative.deviation",
			note: "不适用"},

		// equal
		{name: "equal met", ind: ind("产出指标", "资金到位率", "=100%"), actual: "100%", want: "10", rule: "equal.met", dir: score.Equal},
		{name: "equal below is positive", ind: ind("产出指标", "资金到位率", "=100%"), actual: "80%", want: "8", rule: "equal.below", dir: score.Equal},
		{name: "equal above deviates", ind: ind("产出指标", "举办培训班", "=2场"), actual: "3场", want: "5", rule: "equal.above", dir: score.Equal,
			text: "(1−(实际值−目标值)/目标值)×权重 = (1−(3−2)/2)×10 = 5.00"},
		{name: "equal far above scores 0", ind: ind("产出指标", "举办培训班", "=2场"), actual: "5场", want: "0", rule: "equal.above", note: "记 0 分"},
		{name: "equal as positive setting", ind: ind("产出指标", "举办培训班", "=2场"), actual: "3场", s: eqPos, want: "10", rule: "positive.met", note: "equal_formula"},
		{name: "equal zero target", ind: ind("产出指标", "违规项目数", "=0"), actual: "1", want: "0", rule: "equal.zero"},

		// range
		{name: "range met", ind: ind("产出指标", "成本偏差率", "±5%以内"), actual: "3%", want: "10", rule: "range.met", dir: score.Range,
			text: "下限≤实际值≤上限，记满分：-5 ≤ 3 ≤ 5，得 10.00"},
		{name: "range above", ind: ind("产出指标", "成本偏差率", "±5%以内"), actual: "7%", want: "6", rule: "range.above", dir: score.Range},
		{name: "range below a negative bound", ind: ind("产出指标", "成本偏差率", "±5%以内"), actual: "-7%", want: "6", rule: "range.below"},
		{name: "range below a positive bound", ind: ind("产出指标", "检测合格率", "95%-98%"), actual: "90%", want: "9.47", rule: "range.below",
			text: "实际值/下限×权重 = 90/95×10 = 9.47"},
		{name: "range below a zero bound", ind: ind("产出指标", "偏差率", "0-5%"), actual: "-1%", want: "0", rule: "range.zero"},

		// units
		{name: "亿元 to 万元", ind: ind("效益指标", "带动投资", "≥5000万元"), actual: "0.45亿元", want: "9", rule: "positive.ratio",
			text: "实际值/目标值×权重 = 4500/5000×10 = 9.00", note: "0.45亿元 换算为 4500万元"},
		{name: "元 to 万元", ind: ind("效益指标", "带动投资", "≥10万元"), actual: "95000元", want: "9.5", rule: "positive.ratio"},
		{name: "万人次 to 人次", ind: ind("产出指标", "服务人次", "≥500人次"), actual: "0.046万人次", want: "9.2", rule: "positive.ratio"},
		{name: "日 is 天", ind: ind("产出指标", "办结时限", "≤30天"), actual: "25日", want: "10", rule: "negative.met"},
		{name: "百分比 is %", ind: ind("满意度指标", "满意度", "≥90%"), actual: "92百分比", want: "10", rule: "positive.met"},
		{name: "小时 to 分钟", ind: ind("产出指标", "响应时间", "≤30分钟"), actual: "1小时", want: "0", rule: "negative.double"},
		{name: "亩 to 平方米", ind: ind("产出指标", "绿化面积", "≥10000平方米"), actual: "15亩", want: "10", rule: "positive.met"},
		{name: "家 is not 个", ind: ind("产出指标", "新增企业", "≥20家"), actual: "25个", status: score.StatusInvalid, want: "0", rule: "invalid",
			text: "实际值无法与目标值比较，记0分：实际值的单位“个”与年度指标值的单位“家”不能换算，得 0.00"},
		{name: "天 is not 月", ind: ind("产出指标", "建设周期", "≤3个月"), actual: "100天", status: score.StatusInvalid, want: "0", rule: "invalid"},
		{name: "a fraction for a percentage is taken as written, with a note", ind: ind("满意度指标", "满意度", "≥90%"), actual: "0.92", want: "0.1", rule: "positive.ratio",
			note: "如为 92%，请写明 %"},
		{name: "bare actual takes the target unit", ind: ind("满意度指标", "满意度", "≥90%"), actual: "85.5", want: "9.5", rule: "positive.ratio"},
		{name: "unit from the name", ind: ind("满意度指标", "企业满意率（%）", "≥90"), actual: "99", want: "10", rule: "positive.met"},
		{name: "target without unit takes the actual's", ind: ind("产出指标", "开展培训", "≥2"), actual: "3场", want: "10", rule: "positive.met", note: "未写单位"},
		{name: "indicator unit column", ind: func() *jixiao.Indicator { i := ind("产出指标", "覆盖率", "≥95"); i.Unit = "%"; return i }(), actual: "92%", want: "9.68", rule: "positive.ratio"},

		// actual values that cannot be read
		{name: "actual with a comparator", ind: ind("产出指标", "培训合格率", "≥95%"), actual: "≥96%", want: "10", rule: "positive.met", note: "带比较符"},
		{name: "actual not a number", ind: ind("产出指标", "培训合格率", "≥95%"), actual: "较好", status: score.StatusInvalid, want: "0", rule: "invalid"},
		{name: "actual a range", ind: ind("产出指标", "培训合格率", "≥95%"), actual: "93%-96%", status: score.StatusInvalid, want: "0", rule: "invalid"},
		{name: "missing actual", ind: ind("产出指标", "培训合格率", "≥95%"), actual: "", status: score.StatusMissing, want: "0", rule: "missing",
			text: "未填实际值，记0分，得 0.00"},
		{name: "dash is missing", ind: ind("产出指标", "培训合格率", "≥95%"), actual: "—", status: score.StatusMissing, want: "0", rule: "missing"},
		{name: "slash is missing", ind: ind("产出指标", "培训合格率", "≥95%"), actual: " / ", status: score.StatusMissing, want: "0", rule: "missing"},
		{name: "empty target", ind: ind("产出指标", "培训合格率", ""), actual: "90%", status: score.StatusInvalid, want: "0", rule: "invalid"},

		// deadline
		{name: "deadline met", ind: ind("产出指标", "完成时间", "2024年12月31日前"), actual: "2024-11-30", want: "10", rule: "deadline.met",
			text: "完成日期≤时限，记满分：2024-11-30 ≤ 2024-12-31，得 10.00"},
		{name: "deadline met on the day", ind: ind("产出指标", "完成时间", "2024年12月31日前"), actual: "2024年12月31日", want: "10", rule: "deadline.met"},
		{name: "deadline missed", ind: ind("产出指标", "完成时间", "2024年12月31日前"), actual: "2025年1月15日", want: "0", rule: "deadline.missed",
			text: "完成日期晚于时限，记0分：2025-01-15 > 2024-12-31，得 0.00"},
		{name: "deadline actual without year takes the fiscal year", ind: ind("产出指标", "完成时间", "12月31日前"), actual: "11月30日", year: 2024, want: "10", rule: "deadline.met"},
		{name: "deadline without year or fiscal year", ind: ind("产出指标", "完成时间", "12月31日前"), actual: "2024-11-30", year: noYear, status: score.StatusInvalid, want: "0", rule: "invalid"},
		{name: "deadline met in words", ind: ind("产出指标", "完成时间", "2024年9月30日前"), actual: "按时完成", want: "10", rule: "deadline.met"},
		{name: "deadline missed in words", ind: ind("产出指标", "完成时间", "2024年9月30日前"), actual: "逾期完成", want: "0", rule: "deadline.missed"},
		{name: "deadline not on time in words", ind: ind("产出指标", "完成时间", "2024年9月30日前"), actual: "未按时完成", want: "0", rule: "deadline.missed"},
		{name: "deadline answered 是", ind: ind("产出指标", "完成时间", "2024年9月30日前"), actual: "是", want: "10", rule: "deadline.met"},
		{name: "deadline unreadable", ind: ind("产出指标", "完成时间", "2024年9月30日前"), actual: "正在推进", status: score.StatusInvalid, want: "0", rule: "invalid"},

		// boolean
		{name: "boolean met", ind: ind("效益指标", "是否建成平台", "是"), actual: "是", want: "10", rule: "boolean.met", text: "实际值与目标值一致，记满分：是 = 是，得 10.00"},
		{name: "boolean missed", ind: ind("效益指标", "是否建成平台", "是"), actual: "否", want: "0", rule: "boolean.missed"},
		{name: "boolean 否 target met", ind: ind("效益指标", "是否发生安全事故", "否"), actual: "否", want: "10", rule: "boolean.met"},
		{name: "boolean 达成", ind: ind("效益指标", "是否发生安全事故", "否"), actual: "达成", want: "10", rule: "boolean.met"},
		{name: "boolean 未达成", ind: ind("效益指标", "是否建成平台", "是"), actual: "未达成", want: "0", rule: "boolean.missed"},
		{name: "boolean unreadable", ind: ind("效益指标", "是否建成平台", "是"), actual: "基本建成", status: score.StatusInvalid, want: "0", rule: "invalid"},

		// qualitative
		{name: "qualitative 达成 takes the default share", ind: ind("效益指标", "营商环境", "持续优化"), actual: "达成", want: "10", rule: "qualitative.default",
			scoreMin: "8", scoreMax: "10", text: "默认比例（达成 80%–100%）×权重 = 100%×10 = 10.00"},
		{name: "qualitative 部分达成 default", ind: ind("效益指标", "营商环境", "持续优化"), actual: "部分达成", want: "7", rule: "qualitative.default", scoreMin: "6", scoreMax: "8"},
		{name: "qualitative 未达成 default", ind: ind("效益指标", "营商环境", "持续优化"), actual: "未达成", want: "3", rule: "qualitative.default", scoreMin: "0", scoreMax: "6"},
		{name: "qualitative with a share", ind: ind("效益指标", "营商环境", "持续优化"), actual: "部分达成（75%）", want: "7.5", rule: "qualitative.share",
			text: "得分比例（部分达成 60%–80%）×权重 = 75%×10 = 7.50"},
		{name: "qualitative share at the band's edge", ind: ind("效益指标", "营商环境", "持续优化"), actual: "部分达成 80", want: "8", rule: "qualitative.share"},
		{name: "qualitative share outside the band", ind: ind("效益指标", "营商环境", "持续优化"), actual: "部分达成 90%", status: score.StatusInvalid, want: "0", rule: "invalid",
			text: "实际值无法与目标值比较，记0分：部分达成的得分比例应在 60%–80% 之间，实际为 90%，得 0.00"},
		{name: "qualitative synonym 基本达成", ind: ind("效益指标", "营商环境", "持续优化"), actual: "基本达成", want: "7", rule: "qualitative.default", scoreMin: "6", scoreMax: "8"},
		{name: "qualitative narrative is not a grade", ind: ind("效益指标", "营商环境", "持续优化"), actual: "营商环境明显改善", status: score.StatusInvalid, want: "0", rule: "invalid"},
		{name: "qualitative missing", ind: ind("效益指标", "营商环境", "持续优化"), actual: "", status: score.StatusMissing, want: "0", rule: "missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.s
			if s.Negative == "" {
				s = def
			}
			year := tt.year
			if year == 0 && tt.name != "deadline without year or fiscal year" {
				year = 2024
			}
			status := tt.status
			if status == "" {
				status = score.StatusScored
			}
			got := score.ScoreIndicator(score.IndicatorInput{Indicator: tt.ind, Actual: tt.actual}, jixiao.MustDecimal("10"), year, s)
			if got.Status != status || got.Score.String() != tt.want || got.Explanation.Rule != tt.rule {
				t.Errorf("got %s %s rule %s, want %s %s rule %s\n%s", got.Status, got.Score, got.Explanation.Rule, status, tt.want, tt.rule, got.Explanation)
			}
			if tt.dir != "" && got.Direction != tt.dir {
				t.Errorf("direction %s, want %s", got.Direction, tt.dir)
			}
			if tt.text != "" && got.Explanation.Text != tt.text {
				t.Errorf("text\n got %s\nwant %s", got.Explanation.Text, tt.text)
			}
			if tt.note != "" && !strings.Contains(strings.Join(got.Explanation.Notes, "；"), tt.note) {
				t.Errorf("notes %q lack %q", got.Explanation.Notes, tt.note)
			}
			if got.ScoreMin.String() != tt.scoreMin || got.ScoreMax.String() != tt.scoreMax {
				t.Errorf("band %s–%s, want %s–%s", got.ScoreMin, got.ScoreMax, tt.scoreMin, tt.scoreMax)
			}
			if (status == score.StatusScored) != (got.Reason == "") {
				t.Errorf("reason %q with status %s", got.Reason, got.Status)
			}
			wantMet := strings.HasSuffix(tt.rule, ".met") || strings.HasPrefix(tt.rule, "qualitative.") && strings.HasPrefix(tt.actual, "达成")
			if got.Met != wantMet {
				t.Errorf("met %v, want %v", got.Met, wantMet)
			}
		})
	}
}

func TestQualitativeGradeFromSeparateFields(t *testing.T) {
	in := score.IndicatorInput{Indicator: ind("效益指标", "营商环境", "持续优化"), Actual: "营商环境明显改善", Attainment: score.Partial, Share: jixiao.MustDecimal("65")}
	got := score.ScoreIndicator(in, jixiao.MustDecimal("20"), 2024, score.DefaultSettings())
	if got.Status != score.StatusScored || got.Score.String() != "13" || got.Met {
		t.Errorf("got %s %s met %v: %s", got.Status, got.Score, got.Met, got.Explanation)
	}
	// A custom band default.
	s := withSettings(func(s *score.Settings) { s.Qualitative.Achieved.Default = jixiao.MustDecimal("90") })
	got = score.ScoreIndicator(score.IndicatorInput{Indicator: in.Indicator, Attainment: score.Achieved}, jixiao.MustDecimal("10"), 2024, s)
	if got.Score.String() != "9" || !got.Met {
		t.Errorf("default 90%%: %s", got.Explanation)
	}
}

func TestExplanationInputs(t *testing.T) {
	got := score.ScoreIndicator(score.IndicatorInput{Indicator: ind("产出指标", "培训合格率", "≥95%"), Actual: "92%"}, jixiao.MustDecimal("10"), 2024, score.DefaultSettings())
	want := []score.Input{{Name: "实际值", Value: "92", Unit: "%"}, {Name: "目标值", Value: "95", Unit: "%"}, {Name: "权重", Value: "10"}}
	if len(got.Explanation.Inputs) != len(want) {
		t.Fatalf("inputs %+v", got.Explanation.Inputs)
	}
	for i := range want {
		if got.Explanation.Inputs[i] != want[i] {
			t.Errorf("input %d = %+v, want %+v", i, got.Explanation.Inputs[i], want[i])
		}
	}
	if got.Explanation.Formula != "实际值/目标值×权重" || got.Explanation.Expr != "92/95×10" || got.Explanation.Result != "9.68" {
		t.Errorf("%+v", got.Explanation)
	}
	for _, r := range score.Rules {
		if r.ID == "" || r.Formula == "" || r.When == "" {
			t.Errorf("rule %+v incomplete", r)
		}
	}
}

func TestScoringDirection(t *testing.T) {
	tests := []struct {
		name, target string
		want         score.Direction
	}{
		{"投诉次数", "≤3次", score.Negative},
		{"培训人数", "≥3人", score.Positive},
		{"培训人数", "=3人", score.Equal},
		{"培训人数", "3人", score.Positive},
		{"设备故障率", "2%", score.Negative},
		{"人均培训成本", "500元", score.Negative},
		{"偏差率", "±3%", score.Range},
	}
	for _, tt := range tests {
		i := ind("产出指标", tt.name, tt.target)
		i.Annual = parse(tt.target)
		if got := score.ScoringDirection(i, i.Annual); got != tt.want {
			t.Errorf("%s %s: %s, want %s", tt.name, tt.target, got, tt.want)
		}
	}
}

func TestParseAttainment(t *testing.T) {
	tests := []struct {
		in    string
		want  score.Attainment
		share string
		ok    bool
	}{
		{"达成", score.Achieved, "", true},
		{"已达成", score.Achieved, "", true},
		{"完全达成（95%）", score.Achieved, "95", true},
		{"部分达成(70%)", score.Partial, "70", true},
		{"基本达成 75", score.Partial, "75", true},
		{"部分达成，得分比例65%", score.Partial, "65", true},
		{"未达成", score.NotAchieved, "", true},
		{"未完成,40%", score.NotAchieved, "40", true},
		{"完成率95%", "", "", false},
		{"达成了预期效果", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		a, share, ok := score.ParseAttainment(tt.in)
		if a != tt.want || share.String() != tt.share || ok != tt.ok {
			t.Errorf("ParseAttainment(%q) = %q %q %v, want %q %q %v", tt.in, a, share, ok, tt.want, tt.share, tt.ok)
		}
	}
	if a, ok := score.ParseAttainmentName("partial"); !ok || a != score.Partial {
		t.Error("ParseAttainmentName(partial)")
	}
	if _, ok := score.ParseAttainmentName("部分达成 70"); ok {
		t.Error("ParseAttainmentName takes a name only")
	}
}
