package value

import "jixiao"

// Context is what Parse needs to know beyond the text.
type Context struct {
	FiscalYear    int    // 0 when unknown: deadlines without a written year keep Date ""
	IndicatorName string // 三级指标 name; a unit in it counts: 企业满意率（%） → unit "%"
}

// Parse reads a 指标值. It never fails: a value it cannot read with
// confidence is qualitative. Raw is kept exactly; Text is Normalize(raw).
// An empty value gives the zero Target with Raw ""; a value that is only
// whitespace or punctuation keeps its Raw but has Kind "" (nothing was
// given).
//
// The kinds are tried in this order: boolean (是/否); deadline, unless the
// words outside the date hold a numeric target ("2024年底前培育企业10家" is
// numeric, with the date in Qualifier); numeric; qualitative.
func Parse(raw string, ctx Context) jixiao.Target {
	t := jixiao.Target{Raw: raw}
	if raw == "" {
		return t
	}
	text := Normalize(raw)
	t.Text = text
	switch text {
	case "":
		return t
	case "是":
		t.Kind, t.Bool = jixiao.KindBoolean, true
		return t
	case "否":
		t.Kind = jixiao.KindBoolean
		return t
	}
	if p, ok := findDeadline(text); ok {
		if hasNumberOutside(text, p.start, p.end) {
			if n, ok := parseNumeric(text, p.start, p.end, ctx); ok {
				return withText(n, raw, text)
			}
		}
		t.Kind = jixiao.KindDeadline
		t.Date = p.date(ctx.FiscalYear)
		pre := text[:p.start]
		if p.period {
			pre += p.from(ctx.FiscalYear) + "至"
		}
		t.Qualifier = joinQualifier(pre, text[p.end:])
		return t
	}
	if n, ok := parseNumeric(text, 0, 0, ctx); ok {
		return withText(n, raw, text)
	}
	t.Kind = jixiao.KindQualitative
	return t
}

func withText(t jixiao.Target, raw, text string) jixiao.Target {
	t.Raw, t.Text = raw, text
	return t
}

// hasNumberOutside reports an ASCII digit or Chinese numeral outside
// s[from:to]; without one there is no numeric reading to try.
func hasNumberOutside(s string, from, to int) bool {
	for _, part := range [2]string{s[:from], s[to:]} {
		for _, r := range part {
			if isASCIIDigit(r) || hanDigit(r) > 0 {
				return true
			}
		}
	}
	return false
}
