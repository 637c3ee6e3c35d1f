package value

import (
	"testing"

	"jixiao"
)

func TestFormat(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		ctx  Context
		want string
	}{
		{"implicit =", "100%", fy2024, "100%"},
		{"LaTeX residue", " $\\geq$ 60", fy2024, "≥60"},
		{"Chinese comparator becomes a sign", "60家以上", fy2024, "≥60家"},
		{"不少于", "不少于1份", fy2024, "≥1份"},
		{"strict", "超过200人次", fy2024, ">200人次"},
		{"≤", "$\\leq$ 5次", fy2024, "≤5次"},
		{"explicit =", "= 100 %", fy2024, "=100%"},
		{"qualifier before", "狮岭镇培育上市企业1家以上", fy2024, "狮岭镇培育上市企业≥1家"},
		{"qualifier around", "完成不少于300个点位数", fy2024, "完成≥300个点位数"},
		{"inclusion clause dropped", "3家以上（含3个）", fy2024, "≥3家"},
		{"thousands separator dropped", "≥10,420元", fy2024, "≥10420元"},
		{"unit from the name is written", " $\\geq$ 2", Context{IndicatorName: "应用场景数量（个）"}, "≥2个"},
		{"range writes its unit once", "95%-98%", fy2024, "95-98%"},
		{"symmetric range", "±3%以内", fy2024, "±3%"},
		{"negative range", "-5%~3%", fy2024, "-5~3%"},
		{"date", "2024年12月31日前完成验收", fy2024, "2024-12-31前完成验收"},
		{"ISO date gets 前", "2023-10-31", fy2024, "2023-10-31前"},
		{"relative date resolved", "年度内完成", fy2024, "2024-12-31前完成"},
		{"relative date without fiscal year keeps the text", "年度内完成。", Context{}, "年度内完成"},
		{"quarter", "在前三季度内完成经费划拨", fy2024, "在2024-09-30前完成经费划拨"},
		{"period", "2024.03-2024.12", fy2024, "2024-03至2024-12-31"},
		{"boolean", "是", fy2024, "是"},
		{"qualitative is its text", "数据详实，内容充实。", fy2024, "数据详实，内容充实"},
		{"empty", "", fy2024, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Parse(tt.raw, tt.ctx)
			got := Format(p)
			if got != tt.want {
				t.Errorf("Format(Parse(%q)) = %q, want %q", tt.raw, got, tt.want)
			}
			if p.Kind == jixiao.KindQualitative || p.Kind == "" || p.Kind == jixiao.KindDeadline && p.Date == "" {
				return
			}
			if back := Parse(got, Context{}); !sameReading(back, p) {
				t.Errorf("Parse(%q) = %s, want %s", got, describe(back), describe(p))
			}
		})
	}
}

// TestFormatBuiltTargets covers targets built by an editor or the
// generator rather than parsed.
func TestFormatBuiltTargets(t *testing.T) {
	d := jixiao.MustDecimal
	tests := []struct {
		name string
		t    jixiao.Target
		want string
	}{
		{"≥ with unit", jixiao.Target{Kind: jixiao.KindNumeric, Op: jixiao.OpGE, Value: d("60"), Unit: "家"}, "≥60家"},
		{"≤", jixiao.Target{Kind: jixiao.KindNumeric, Op: jixiao.OpLE, Value: d("5"), Unit: "次"}, "≤5次"},
		{"implicit", jixiao.Target{Kind: jixiao.KindNumeric, Op: jixiao.OpEQ, ImplicitOp: true, Value: d("95"), Unit: "%"}, "95%"},
		{"no op at all reads as implicit", jixiao.Target{Kind: jixiao.KindNumeric, Value: d("2")}, "2"},
		{"decimal", jixiao.Target{Kind: jixiao.KindNumeric, Op: jixiao.OpGE, Value: d("3.80"), Unit: "亿美元"}, "≥3.8亿美元"},
		{"qualifier", jixiao.Target{Kind: jixiao.KindNumeric, Op: jixiao.OpGE, Value: d("2"), Unit: "场次", Qualifier: "全年"}, "全年≥2场次"},
		{"deadline", jixiao.Target{Kind: jixiao.KindDeadline, Date: "2024-12-31"}, "2024-12-31前"},
		{"deadline with words", jixiao.Target{Kind: jixiao.KindDeadline, Date: "2024-06-30", Qualifier: "…完成验收"}, "2024-06-30前完成验收"},
		{"false", jixiao.Target{Kind: jixiao.KindBoolean}, "否"},
		{"qualitative", jixiao.Target{Kind: jixiao.KindQualitative, Text: "稳步提升"}, "稳步提升"},
		{"qualitative from Raw only", jixiao.Target{Kind: jixiao.KindQualitative, Raw: "稳步提升。"}, "稳步提升"},
		{"numeric without a value falls back to text", jixiao.Target{Kind: jixiao.KindNumeric, Text: "若干"}, "若干"},
		{"range without a max falls back to text", jixiao.Target{Kind: jixiao.KindNumeric, Op: jixiao.OpRange, Value: d("1"), Text: "1-"}, "1-"},
		{"a number that looks like a month is padded",
			jixiao.Target{Kind: jixiao.KindNumeric, Op: jixiao.OpEQ, ImplicitOp: true, Value: d("2024.12")}, "02024.120"},
		{"a count of quarters gets a leading zero",
			jixiao.Target{Kind: jixiao.KindNumeric, Op: jixiao.OpEQ, ImplicitOp: true, Value: d("1"), Unit: "季度"}, "01季度"},
		{"an identifier before the number is kept apart",
			jixiao.Target{Kind: jixiao.KindNumeric, Op: jixiao.OpEQ, ImplicitOp: true, Value: d("3"), Unit: "个", Qualifier: "G20"}, "G20 3个"},
		{"a suffix that would glue onto the unit is dropped",
			jixiao.Target{Kind: jixiao.KindNumeric, Op: jixiao.OpGE, Value: d("5"), Unit: "个", Qualifier: "…月"}, "≥5个"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Format(tt.t); got != tt.want {
				t.Errorf("Format(%+v) = %q, want %q", tt.t, got, tt.want)
			}
		})
	}
}
