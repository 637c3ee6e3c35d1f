package score

import (
	"strings"

	"jixiao"
	"jixiao/internal/value"
)

// Attainment is the grade of a qualitative indicator at evaluation (and of
// its forecast in monitoring): 达成, 部分达成 or 未达成.
type Attainment string

const (
	Achieved    Attainment = "达成"
	Partial     Attainment = "部分达成"
	NotAchieved Attainment = "未达成"
)

// attainmentWords, most specific first: 未达成 and 部分达成 contain 达成.
var attainmentWords = []struct {
	word string
	a    Attainment
}{
	{"未达成", NotAchieved}, {"未达到", NotAchieved}, {"没有达成", NotAchieved}, {"未完成", NotAchieved}, {"未实现", NotAchieved},
	{"部分达成", Partial}, {"基本达成", Partial}, {"部分完成", Partial}, {"基本完成", Partial}, {"部分实现", Partial}, {"基本实现", Partial},
	{"完全达成", Achieved}, {"全部达成", Achieved}, {"已达成", Achieved}, {"达成", Achieved},
	{"已完成", Achieved}, {"完成", Achieved}, {"已实现", Achieved},
}

// ParseAttainment reads an attainment and an optional share of the weight
// (percent) from what a grader wrote: "达成", "部分达成（70%）",
// "基本达成 75", "未达成,40%". The text must start with the attainment (a
// sentence that merely contains 完成 is not a grade); a share is a number
// after it, with or without %. ok is false when no attainment is found or
// something else follows it.
func ParseAttainment(s string) (a Attainment, share jixiao.Decimal, ok bool) {
	t := value.Normalize(s)
	for _, w := range attainmentWords {
		rest, found := strings.CutPrefix(t, w.word)
		if !found {
			continue
		}
		rest = strings.Trim(rest, " ,，、:：;；()（）[]【】")
		if rest == "" {
			return w.a, jixiao.Decimal{}, true
		}
		rest = strings.TrimPrefix(rest, "得分比例")
		rest = strings.TrimSuffix(strings.TrimSuffix(rest, "%"), "％")
		d, err := jixiao.ParseDecimal(rest)
		if err != nil {
			return "", jixiao.Decimal{}, false
		}
		return w.a, d, true
	}
	return "", jixiao.Decimal{}, false
}

// ParseAttainmentName accepts exactly one of the three names (and the
// ASCII achieved / partial / not_achieved), for stored records and forms.
func ParseAttainmentName(s string) (Attainment, bool) {
	switch strings.TrimSpace(s) {
	case "达成", "achieved":
		return Achieved, true
	case "部分达成", "partial":
		return Partial, true
	case "未达成", "not_achieved":
		return NotAchieved, true
	}
	return "", false
}
