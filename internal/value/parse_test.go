package value

import (
	"testing"

	"jixiao"
)

// fy2024 is the context of the seed table: fiscal year 2024, no name.
var fy2024 = Context{FiscalYear: 2024}

type parseCase struct {
	name string
	raw  string
	want string // describe(Parse(raw))
}

func runParseCases(t *testing.T, ctx Context, cases []parseCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			got := Parse(tt.raw, ctx)
			if d := describe(got); d != tt.want {
				t.Errorf("Parse(%q)\n got  %s\n want %s", tt.raw, d, tt.want)
			}
			if got.Raw != tt.raw {
				t.Errorf("Raw = %q, want %q", got.Raw, tt.raw)
			}
		})
	}
}

func TestParseComparators(t *testing.T) {
	runParseCases(t, fy2024, []parseCase{
		{"bare number is implicit =", "2", "numeric = 2 implicit"},
		{"percent", "100%", "numeric = 100 % implicit"},
		{"symbol ≥", "≥90%", "numeric ≥ 90 %"},
		{"symbol ≤", "≤5次", "numeric ≤ 5 次"},
		{"symbol >", ">2", "numeric > 2"},
		{"symbol <", "<3%", "numeric < 3 %"},
		{"explicit = with spaces", "= 100 %", "numeric = 100 %"},
		{"ASCII >= becomes ≥", ">=80%", "numeric ≥ 80 %"},
		{"ASCII <= with composite unit", "<=300元/亩", "numeric ≤ 300 元/亩"},
		{"LaTeX geq before number", " $\\geq$ 60", "numeric ≥ 60"},
		{"LaTeX geq around number", " $\\geq 90\\%$ ", "numeric ≥ 90 %"},
		{"LaTeX leq", "$\\leq$ 5次", "numeric ≤ 5 次"},
		{"LaTeX gt", "$>$ 3个", "numeric > 3 个"},
		{"LaTeX inside words", "连山、连南、德庆县每县帮扶项目 $\\geq$ 3个", "numeric ≥ 3 个 q=连山、连南、德庆县每县帮扶项目"},
		{"space inside unit amount", "≤ 25 万元", "numeric ≤ 25 万元"},
		{"ASCII unit", "≥60M", "numeric ≥ 60 M"},
		{"百分比 is %", "≥95百分比", "numeric ≥ 95 %"},
		{"以上 is inclusive", "3个以上", "numeric ≥ 3 个"},
		{"及以上", "完成2次及以上国内经贸活动", "numeric ≥ 2 次 q=完成…国内经贸活动"},
		{"或以上", "5家或以上", "numeric ≥ 5 家"},
		{"以上（含X）", "3个以上（含3个）", "numeric ≥ 3 个"},
		{"以上（含X） with another unit keeps the first", "3家以上（含3个）", "numeric ≥ 3 家"},
		{"（含）以上", "1次（含）以上", "numeric ≥ 1 次"},
		{"X（含）以上 ASCII parens", "1次(含)以上", "numeric ≥ 1 次"},
		{"以上（不含） is strict", "3个以上（不含）", "numeric > 3 个"},
		{"以下（不含） is strict", "3个以下（不含3个）", "numeric < 3 个"},
		{"不低于", "不低于95%", "numeric ≥ 95 %"},
		{"不少于", "不少于1份", "numeric ≥ 1 份"},
		{"至少", "至少3场", "numeric ≥ 3 场"},
		{"达到", "2/5的村集体收入达到15万", "numeric ≥ 15 万 q=2/5的村集体收入"},
		{"超过", "超过200人次", "numeric > 200 人次"},
		{"大于", "满意度大于90%", "numeric > 90 % q=满意度"},
		{"高于", "高于80%", "numeric > 80 %"},
		{"超", "超10家", "numeric > 10 家"},
		{"超…以上: the word before the number wins", "超10家以上", "numeric > 10 家"},
		{"≥…以上 agree", "≥90%以上", "numeric ≥ 90 %"},
		{"contradiction is qualitative", "不超过5次以上", "qualitative"},
		{"不高于", "不高于5%", "numeric ≤ 5 %"},
		{"不超过", "不超过3项", "numeric ≤ 3 项"},
		{"以内", "3项以内", "numeric ≤ 3 项"},
		{"以下", "5%以下", "numeric ≤ 5 %"},
		{"低于 is strict", "低于5%", "numeric < 5 %"},
		{"小于", "小于2次", "numeric < 2 次"},
		{"不足", "不足3%", "numeric < 3 %"},
		{"大于等于", "大于等于80%", "numeric ≥ 80 %"},
		{"内 after a time unit", "3个工作日内", "numeric ≤ 3 个工作日"},
		{"30天内办结", "30天内办结", "numeric ≤ 30 天 q=…办结"},
		{"余 means more than", "100余家", "numeric > 100 家"},
		{"多 means more than", "200多人", "numeric > 200 人"},
		{"约 stays a word", "约100人", "numeric = 100 人 implicit q=约"},
		{"左右 stays a word", "100人左右", "numeric = 100 人 implicit q=…左右"},
	})
}

func TestParseRanges(t *testing.T) {
	runParseCases(t, fy2024, []parseCase{
		{"± 以内", "±3%以内", "numeric range -3..3 %"},
		{"±", "±0.5", "numeric range -0.5..0.5"},
		{"± with words", "误差±5%", "numeric range -5..5 % q=误差"},
		{"percent range", "95%-98%", "numeric range 95..98 %"},
		{"unit once", "95-98%", "numeric range 95..98 %"},
		{"tilde", "3~5个", "numeric range 3..5 个"},
		{"full-width tilde", "3～5个", "numeric range 3..5 个"},
		{"至", "3至5个", "numeric range 3..5 个"},
		{"reversed ends are ordered", "98%-95%", "numeric range 95..98 %"},
		{"negative lower end", "-5%~3%", "numeric range -5..3 %"},
		{"different units is not a range", "3个-5家", "qualitative"},
		{"comparator on a range is contradictory", "≥95%-98%", "qualitative"},
	})
}

func TestParseNumbers(t *testing.T) {
	runParseCases(t, fy2024, []parseCase{
		{"decimal", "3.8亿美元", "numeric = 3.8 亿美元 implicit"},
		{"thousands separator", "≥10,420元", "numeric ≥ 10420 元"},
		{"two groups", "1,234,567.50元", "numeric = 1234567.5 元 implicit"},
		{"comma not followed by three digits is not a separator", "1,23个", "qualitative"},
		{"negative", "≥-5%", "numeric ≥ -5 %"},
		{"negative at start", "-2%", "numeric = -2 % implicit"},
		{"full-width digits and percent", "９５％", "numeric = 95 % implicit"},
		{"full-width comparator", "＞９０％", "numeric > 90 %"},
		{"full-width parentheses in （含）", "３个以上（含３个）", "numeric ≥ 3 个"},
		{"full-width letters unit", "≥６０Ｍ", "numeric ≥ 60 M"},
		{"full-width decimal point", "３．５万元", "numeric = 3.5 万元 implicit"},
		{"ideographic space", "≥\u300020\u3000家", "numeric ≥ 20 家"},
		{"Chinese numeral count", "两次", "numeric = 2 次 implicit"},
		{"Chinese numeral with comparator", "不少于三个", "numeric ≥ 3 个"},
		{"Chinese numeral tens", "二十家以上", "numeric ≥ 20 家"},
		{"Chinese numeral with 零", "一百零五人", "numeric = 105 人 implicit"},
		{"Chinese numeral 千", "两千家", "numeric = 2000 家 implicit"},
		{"三千五 is ambiguous in speech", "三千五人", "qualitative"},
		{"Chinese digit string is not a number", "一二个", "qualitative"},
		{"bare 一 is an article", "打造一个平台", "qualitative"},
		{"bare 一 with a comparator counts", "不少于一次", "numeric ≥ 1 次"},
		{"进一步 is not a number", "进一步提升", "qualitative"},
		{"ordinal is not a number", "第三方评价", "qualitative"},
		{"magnitude alone is the unit", "达到15万", "numeric ≥ 15 万"},
		{"magnitude and base", "≥5000万元", "numeric ≥ 5000 万元"},
		{"亿人民币", "660亿人民币", "numeric = 660 亿人民币 implicit"},
		{"平米", "180平米", "numeric = 180 平米 implicit"},
		{"平方米以上", "630平方米以上", "numeric ≥ 630 平方米"},
		{"家次 beats 家", "100家次", "numeric = 100 家次 implicit"},
		{"场次 beats 场", "全年≥2场次", "numeric ≥ 2 场次 q=全年"},
		{"个百分点 beats 个", "提高2个百分点", "numeric = 2 个百分点 implicit q=提高"},
		{"个月 beats 个", "≤6个月", "numeric ≤ 6 个月"},
		{"倍", "增长1倍以上", "numeric ≥ 1 倍 q=增长"},
		{"‰", "≤3‰", "numeric ≤ 3 ‰"},
		{"unknown measure word stays in the words", "≥3盒", "numeric ≥ 3 q=…盒"},
	})
}

func TestParseUnitBoundary(t *testing.T) {
	runParseCases(t, fy2024, []parseCase{
		{"noun after the measure word", "不少于2个专项统计", "numeric ≥ 2 个 q=…专项统计"},
		{"noun then 以上", "20家企业以上", "numeric ≥ 20 家 q=…企业"},
		{"noun then 以上（不含）", "20家企业以上（不含）", "numeric > 20 家 q=…企业"},
		{"noun then 以下（含）", "5家企业以下（含）", "numeric ≤ 5 家 q=…企业"},
		{"noun then 以上 contradicts ≤", "≤20家企业以上", "qualitative"},
		{"verb before, noun after", "完成不少于300个点位数", "numeric ≥ 300 个 q=完成…点位数"},
		{"subject before", "狮岭镇培育上市企业1家以上", "numeric ≥ 1 家 q=狮岭镇培育上市企业"},
		{"subject before with 亿元 in a word", "狮岭镇培育年产值过亿元企业50家以上", "numeric ≥ 50 家 q=狮岭镇培育年产值过亿元企业"},
		{"qualifier with a title", "签订《项目投入产出监管协议》税收合计1亿元以上（含1亿元）", "numeric ≥ 1 亿元 q=签订《项目投入产出监管协议》税收合计"},
		{"number in a title is not the target", "落实《2号文》不少于3项", "numeric ≥ 3 项 q=落实《2号文》"},
		{"identifier is not a number", "通过ISO9001认证", "qualitative"},
		{"identifier and a target", "5G基站≥100个", "numeric ≥ 100 个 q=5G基站"},
		{"composite unit", "≤300元/亩", "numeric ≤ 300 元/亩"},
		{"composite ASCII unit", "≥100km/h", "numeric ≥ 100 km/h"},
	})
}

func TestParseNameUnit(t *testing.T) {
	cases := []struct {
		name, indicator, raw, want string
	}{
		{"（%） fills a missing unit", "企业满意率（%）", "90", "numeric = 90 % implicit"},
		{"（个） fills a missing unit", "面向消费者的智慧化应用场景数量（个）", " $\\geq$ 2", "numeric ≥ 2 个"},
		{"ASCII parentheses", "培训人数(人次)", "≥100", "numeric ≥ 100 人次"},
		{"the value's own unit wins", "企业满意率（%）", "3个", "numeric = 3 个 implicit"},
		{"（是/否） is not a unit", "行业对环境污染持续减少（是/否）", "1", "numeric = 1 implicit"},
		{"parentheses inside the name are not a unit", "国家级或省级示范步行街（商圈）数量", "≥1", "numeric ≥ 1"},
		{"a word in parentheses is not a unit", "打造名牌产品（驰名商标）", "3", "numeric = 3 implicit"},
		{"unit word without parentheses does not count", "开展培训场次", "2", "numeric = 2 implicit"},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			got := describe(Parse(tt.raw, Context{FiscalYear: 2024, IndicatorName: tt.indicator}))
			if got != tt.want {
				t.Errorf("Parse(%q) with name %q\n got  %s\n want %s", tt.raw, tt.indicator, got, tt.want)
			}
		})
	}
}

func TestParseNarrative(t *testing.T) {
	// The narrative threshold: at most 8 runes of words after the number
	// (no clause break), at most 32 before it (no sentence end).
	runParseCases(t, fy2024, []parseCase{
		{"horizon and base years are not the number", "到2025年，狮岭镇税收区库收入比2022年增长1倍以上",
			"numeric ≥ 1 倍 q=到2025年，狮岭镇税收区库收入比2022年增长"},
		{"long object after the number is a narrative", "吸引超10家以上优秀企业到花都进行招商考察", "qualitative"},
		{"8 runes of words after the number", "完成3个甲乙丙丁戊己庚辛", "numeric = 3 个 implicit q=完成…甲乙丙丁戊己庚辛"},
		{"9 runes of words after the number", "完成3个甲乙丙丁戊己庚辛壬", "qualitative"},
		{"32 runes before the number", "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙≥3个",
			"numeric ≥ 3 个 q=甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙"},
		{"33 runes before the number", "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙丙≥3个", "qualitative"},
		{"a clause after the number", "完成3个，确保质量", "qualitative"},
		{"a sentence end before the number", "做好宣传。完成3个", "qualitative"},
		{"two numbers, no comparator", "培训3期150人", "qualitative"},
		{"two numbers, one comparator", "培训3期，每期不少于50人", "numeric ≥ 50 人 q=培训3期，每期"},
		{"two comparators", "≥3期，≥50人", "qualitative"},
		{"fraction and number", "2/5的村集体收入达到15万", "numeric ≥ 15 万 q=2/5的村集体收入"},
		{"fraction alone", "1/3以上", "qualitative"},
		{"section number", "按1.2.3条执行", "qualitative"},
	})
}

func TestHealthUnitsAreUnits(t *testing.T) {
	for raw, unit := range map[string]string{"≥5000剂次": "剂次", "≥200人份": "人份", "30床位": "床位", "≥12例次": "例次"} {
		if got := Parse(raw, Context{FiscalYear: 2024}); got.Kind != jixiao.KindNumeric || got.Unit != unit {
			t.Errorf("Parse(%q) = %s unit %q, want unit %q", raw, got.Kind, got.Unit, unit)
		}
	}
}
