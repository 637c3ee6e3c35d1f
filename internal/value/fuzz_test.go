package value

import (
	"os"
	"testing"
	"unicode/utf8"

	"jixiao"
)

// fuzzCorpus is the seed corpus of FuzzParse: the forms of the brief, of
// the seed table and of the edge cases above.
var fuzzCorpus = []string{
	"", " ", "。", "是", "否", "是/否", "2", "100%", "≥90%", "≤5次", ">2", "<3%", "= 100 %", ">=80%",
	"<=300元/亩", " $\\geq$ 60", " $\\geq 90\\%$ ", "$\\leq$ 5次", "$>$ 3个", "$\\pm 3\\%$以内", "$$", "$\\",
	"连山、连南、德庆县每县帮扶项目 $\\geq$ 3个", "≤ 25 万元", "≥60M", "≥95百分比", "3个以上", "完成2次及以上国内经贸活动",
	"3个以上（含3个）", "3家以上（含3个）", "1次（含）以上", "1次(含)以上", "3个以上（不含）", "不低于95%", "不少于1份",
	"至少3场", "2/5的村集体收入达到15万", "超过200人次", "满意度大于90%", "超10家以上", "不超过5次以上", "3项以内",
	"低于5%", "3个工作日内", "100余家", "200多人", "约100人", "100人左右", "±3%以内", "95%-98%", "95-98%", "3~5个",
	"3至5个", "-5%~3%", "≥-5%", "3.8亿美元", "≥10,420元", "1,234,567.50元", "９５％", "＞９０％", "３个以上（含３个）",
	"≥６０Ｍ", "３．５万元", "两次", "不少于三个", "二十家以上", "一百零五人", "打造一个平台", "不少于一次", "第三方评价",
	"660亿人民币", "180平米", "630平方米以上", "100家次", "全年≥2场次", "提高2个百分点", "≤6个月", "≤3‰",
	"不少于2个专项统计", "20家企业以上", "完成不少于300个点位数", "狮岭镇培育上市企业1家以上",
	"签订《项目投入产出监管协议》税收合计1亿元以上（含1亿元）", "5G基站≥100个", "≥100km/h", "100m^2",
	"到2025年，狮岭镇税收区库收入比2022年增长1倍以上", "吸引超10家以上优秀企业到花都进行招商考察", "培训3期，每期不少于50人",
	"2024年12月31日前完成验收", "2023-10-31", "2024/3/5前", "2024.12.31前完成", "2024年6月底前完成", "2024年底前完成",
	"2024年度内完成", "2024年上半年完成", "2024年第二季度前", "年度内完成", "年度内完成。", "今年内完成", "1月17日前",
	"6月底前完成", "第三季度前完成支付", "第三季度前完成支", "在前三季度内完成经费划拨", "三季度末前完成", "2024.03-2024.12",
	"2024年3月至12月", "2024年3月1日-2024年6月30日完成", "3月1日至6月30日", "2024年底前培育企业10家", "2024年2月30日前",
	"按季度开展", "在广州要求的时间内完成划拨手续", "三年内完成", "2024.5万元", "稳步提升", "合格及以上", "数据详实，内容充实",
	"\xff\xfe", "1.2.3", "G20", "《2号文》", "“3个”", "0", "-0", "00.100", "±0", "1e5", "9999999999999999999999.99999",
}

// FuzzParse checks the properties every reading must have: no panic, Raw
// kept, Text normalised and a fixed point, and Format round-tripping the
// parsed parts of numeric, deadline and boolean targets.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzCorpus {
		f.Add(s)
	}
	if _, err := os.Stat(seedPath); err == nil {
		for _, v := range readSeedValues(f) {
			f.Add(v.raw)
		}
	}
	f.Fuzz(func(t *testing.T, raw string) {
		for _, ctx := range []Context{fy2024, {}, {FiscalYear: 2023, IndicatorName: "企业满意率（%）"}} {
			checkParse(t, raw, ctx)
		}
	})
}

func checkParse(t *testing.T, raw string, ctx Context) {
	got := Parse(raw, ctx)
	if got.Raw != raw {
		t.Fatalf("Raw = %q, want %q", got.Raw, raw)
	}
	if raw == "" && got != (jixiao.Target{}) {
		t.Fatalf("Parse(\"\") = %+v, want the zero Target", got)
	}
	text := Normalize(raw)
	if got.Text != text {
		t.Fatalf("Text = %q, want Normalize = %q", got.Text, text)
	}
	if again := Normalize(text); again != text {
		t.Fatalf("Normalize not idempotent: %q → %q → %q", raw, text, again)
	}
	if !utf8.ValidString(text) {
		t.Fatalf("Text %q is not valid UTF-8", text)
	}
	if again := Parse(text, ctx); !sameReading(again, got) || again.Qualifier != got.Qualifier {
		t.Fatalf("Parse(Text) differs: %q reads %s, its Text %q reads %s", raw, describe(got), text, describe(again))
	}
	switch got.Kind {
	case "":
		if text != "" {
			t.Fatalf("Kind \"\" for non-empty Text %q", text)
		}
		return
	case jixiao.KindQualitative:
		return
	case jixiao.KindNumeric:
		if !got.Value.IsSet() {
			t.Fatalf("%q: numeric without a value", raw)
		}
		if got.Op == jixiao.OpRange && (!got.Max.IsSet() || got.Value.Cmp(got.Max) > 0) {
			t.Fatalf("%q: bad range %s..%s", raw, got.Value, got.Max)
		}
	case jixiao.KindDeadline:
		if got.Date != "" && !validISODate(got.Date) {
			t.Fatalf("%q: bad date %q", raw, got.Date)
		}
	case jixiao.KindBoolean:
	default:
		t.Fatalf("%q: unknown kind %q", raw, got.Kind)
	}
	f := Format(got)
	if back := Parse(f, ctx); !sameReading(back, got) {
		t.Fatalf("round trip: %q reads %s; Format gives %q which reads %s", raw, describe(got), f, describe(back))
	}
}

func validISODate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	p := datePhrase{y: atoi(s[:4]), m: atoi(s[5:7]), d: atoi(s[8:])}
	return p.y > 0 && p.d > 0 && p.valid()
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}
