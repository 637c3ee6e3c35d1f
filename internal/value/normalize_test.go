package value

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, raw, want string
	}{
		{"clean text is unchanged", "狮岭镇培育上市企业1家以上", "狮岭镇培育上市企业1家以上"},
		{"empty", "", ""},
		{"LaTeX geq before the number", " $\\geq$ 60", "≥60"},
		{"LaTeX geq around number and percent", " $\\geq 90\\%$ ", "≥90%"},
		{"LaTeX leq with unit", "$\\leq$ 5次", "≤5次"},
		{"LaTeX gt", "$>$ 3", ">3"},
		{"LaTeX ge and le short forms", "$\\ge$1 $\\le$2", "≥1≤2"},
		{"LaTeX pm", "$\\pm 3\\%$以内", "±3%以内"},
		{"LaTeX text wrapper", "$\\text{≥}90$", "≥90"},
		{"LaTeX superscript", "$100m^2$", "100m²"},
		{"LaTeX braced superscript", "$5000m^{3}$", "5000m³"},
		{"LaTeX text outside math", "\\text{不少于}3个", "不少于3个"},
		{"escaped percent outside math", "90\\%", "90%"},
		{"dollar between Chinese words is a dollar", "投资$中国$项目", "投资$中国$项目"},
		{"lone dollar stays", "$500万", "$500万"},
		{"unknown command loses its backslash", "\\foo 3", "foo 3"},
		{"unknown command completed by an unwrapped pair", "\\g$e$", "ge"},
		{"ASCII ligatures", ">= 80%", "≥80%"},
		{"ASCII ligature ≤", "<=300元/亩", "≤300元/亩"},
		{"spaced ligature", "> = 80%", "≥80%"},
		{"variant signs", "≧90%，⩽5次", "≥90%，≤5次"},
		{"spaces around comparator and unit", "≤ 25 万元", "≤25万元"},
		{"space between number and ASCII unit", "≥ 60 M", "≥60M"},
		{"space between words is dropped", "连山、连南、德庆县每县帮扶项目 ≥ 3个", "连山、连南、德庆县每县帮扶项目≥3个"},
		{"space inside an English name stays", "通过ISO 9001认证", "通过ISO 9001认证"},
		{"space between two numbers stays", "1 2", "1 2"},
		{"ideographic space", "数据详实，\u3000内容充实", "数据详实，内容充实"},
		{"tabs and newlines", "\t100%\n", "100%"},
		{"zero-width space", "10\u200B0%", "100%"},
		{"trailing 。", "年度内完成。", "年度内完成"},
		{"trailing ；", "3个以上；", "3个以上"},
		{"trailing ASCII period and semicolon", "3个以上.;", "3个以上"},
		{"trailing junk after space", "3个 。", "3个"},
		{"inner 。 stays", "做好宣传。完成3个", "做好宣传。完成3个"},
		{"full-width digits and percent", "９５％", "95%"},
		{"full-width comparators", "＞＝９０％", "≥90%"},
		{"full-width letters", "ＩＳＯ", "ISO"},
		{"full-width decimal point and slash", "３．５元／亩", "3.5元/亩"},
		{"full-width minus and U+2212", "－5%−3%", "-5%-3%"},
		{"Chinese punctuation stays", "3个以上（含3个）、“两不愁”：《协议》", "3个以上（含3个）、“两不愁”：《协议》"},
		{"ASCII parentheses stay", "1次(含)以上", "1次(含)以上"},
		{"full-width tilde stays", "3～5个", "3～5个"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.raw)
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.raw, got, tt.want)
			}
			if again := Normalize(got); again != got {
				t.Errorf("not idempotent: Normalize(%q) = %q", got, again)
			}
		})
	}
}

func TestNormalizeCleanTextDoesNotAllocate(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() { _ = Normalize("狮岭镇培育上市企业1家以上") })
	if allocs != 0 {
		t.Errorf("Normalize of clean text allocates %.0f times, want 0", allocs)
	}
}

func TestParseEmptyBooleanQualitative(t *testing.T) {
	runParseCases(t, fy2024, []parseCase{
		{"empty", "", "empty"},
		{"whitespace only is empty", "  \u3000", "empty"},
		{"punctuation only is empty", "。", "empty"},
		{"是", "是", "boolean true"},
		{"否", "否", "boolean false"},
		{"是 with spaces and 。", " 是。", "boolean true"},
		{"是/否 itself is not an answer", "是/否", "qualitative"},
		{"vague", "稳步提升", "qualitative"},
		{"有效保障", "有效保障", "qualitative"},
		{"grade words", "合格及以上", "qualitative"},
		{"良好", "良好", "qualitative"},
		{"two clauses", "数据详实，内容充实", "qualitative"},
		{"cut-off text", "在广州要求的时间内完成划拨手", "qualitative"},
	})
	if got := Parse("", fy2024); got != (Parse("", Context{})) || got.Raw != "" || got.Kind != "" {
		t.Errorf("Parse(\"\") = %+v, want the zero Target", got)
	}
}
