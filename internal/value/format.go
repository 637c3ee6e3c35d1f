package value

import (
	"slices"
	"strings"

	"jixiao"
)

// Format returns the canonical text of a parsed target, for editors and the
// generator: "≥60家", "≤5次", "95-98%", "±3%", "2024-12-31前", "是", the
// words of Qualifier around the number or date ("狮岭镇培育上市企业≥1家",
// "2024-12-31前完成验收", "2024-03至2024-12-31"), and Text for a
// qualitative target or one whose parsed form is incomplete (a deadline
// whose year is unknown).
//
// Parse(Format(t)) reads the same kind, comparator, number, unit and date
// as t. Format checks that by parsing its own output: when the words of
// the qualifier would change the reading (a suffix glued to the unit, a
// number in the words), it drops them, suffix first; a number that would
// read as a date or quarter is spelled with zeros that change nothing
// ("02024.120", "01季度").
func Format(t jixiao.Target) string {
	switch t.Kind {
	case jixiao.KindBoolean:
		if t.Bool {
			return "是"
		}
		return "否"
	case jixiao.KindDeadline:
		if t.Date == "" {
			return text(t)
		}
		prefix, suffix := splitQualifier(t.Qualifier)
		core := t.Date
		if !strings.HasSuffix(prefix, "至") {
			core += "前"
		}
		return stable(t, prefix, suffix, core)
	case jixiao.KindNumeric:
		// Spellings in order of preference; the later ones exist for the
		// rare readings the first would change: "02024.120" when "2024.12"
		// reads as December. A range writes its unit once ("95-98%",
		// "10-15家"), which also keeps "3-5月" from reading as a period.
		var cores []string
		for _, pad := range [...]bool{false, true} {
			for _, unitOnce := range [...]bool{true, false} {
				c, ok := numericCore(t, pad, unitOnce)
				if !ok {
					return text(t)
				}
				if !slices.Contains(cores, c) {
					cores = append(cores, c)
				}
			}
		}
		prefix, suffix := splitQualifier(t.Qualifier)
		return stable(t, prefix, suffix, cores...)
	}
	return text(t)
}

func text(t jixiao.Target) string {
	if t.Text != "" || t.Raw == "" {
		return t.Text
	}
	return Normalize(t.Raw)
}

// numericCore is comparator, number and unit. pad writes a leading zero
// and the fraction of a decimal with at least three digits ("02024.120",
// "01季度"), a spelling no date has; unitOnce writes the unit of a range once
// ("95-98%").
func numericCore(t jixiao.Target, pad, unitOnce bool) (string, bool) {
	if !t.Value.IsSet() {
		return "", false
	}
	num := func(d jixiao.Decimal) string {
		s := d.String()
		if !pad {
			return s
		}
		if k := strings.IndexByte(s, '.'); k >= 0 {
			for len(s)-k-1 < 3 { // no month or day has three digits
				s += "0"
			}
		}
		if strings.HasPrefix(s, "-") {
			return "-0" + s[1:]
		}
		return "0" + s // no quarter or year starts with 0: "01季度"
	}
	v, u := num(t.Value), t.Unit
	switch t.Op {
	case jixiao.OpRange:
		if !t.Max.IsSet() {
			return "", false
		}
		m := num(t.Max)
		if !strings.HasPrefix(t.Max.String(), "-") && neg(t.Max) == t.Value {
			return "±" + m + u, true
		}
		sep := "-"
		if strings.HasPrefix(v, "-") {
			sep = "~" // "-5~3%": "-5--3%" would be unreadable
		}
		if unitOnce {
			return v + sep + m + u, true
		}
		return v + u + sep + m + u, true
	case jixiao.OpGE:
		return "≥" + v + u, true
	case jixiao.OpLE:
		return "≤" + v + u, true
	case jixiao.OpGT:
		return ">" + v + u, true
	case jixiao.OpLT:
		return "<" + v + u, true
	case jixiao.OpEQ, "":
		if t.ImplicitOp || t.Op == "" {
			return v + u, true
		}
		return "=" + v + u, true
	}
	return "", false
}

// stable returns the first of prefix+core+suffix, prefix+core, core (for
// each spelling of the core in turn) that parses back to t's reading, or
// the first when none does.
func stable(t jixiao.Target, prefix, suffix string, cores ...string) string {
	if prefix != "" && cores[0] != "" && isASCIIAlnum(rune(prefix[len(prefix)-1])) && isASCIIAlnum(rune(cores[0][0])) {
		prefix += " " // "A1 3季度": the one place Normalize keeps a space
	}
	for _, core := range cores {
		for _, s := range [...]string{prefix + core + suffix, prefix + core, core} {
			if sameReading(Parse(s, Context{}), t) {
				return s
			}
		}
	}
	return prefix + cores[0] + suffix
}

// sameReading compares the parsed parts that Format promises to keep.
func sameReading(a, b jixiao.Target) bool {
	return a.Kind == b.Kind && a.Op == b.Op && a.ImplicitOp == b.ImplicitOp &&
		a.Value == b.Value && a.Max == b.Max && a.Unit == b.Unit && a.Date == b.Date
}
