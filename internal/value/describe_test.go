package value

import (
	"strings"

	"jixiao"
)

// describe renders a parsed target compactly so that table tests read like
// a specification:
//
//	numeric ≥ 1 家 q=狮岭镇培育上市企业
//	numeric = 100 % implicit
//	numeric range -3..3 %
//	deadline 2024-12-31 q=…完成验收
//	deadline ? q=…完成           (year unknown)
//	boolean true
//	qualitative
//	empty
func describe(t jixiao.Target) string {
	var b strings.Builder
	switch t.Kind {
	case "":
		return "empty"
	case jixiao.KindQualitative:
		return "qualitative"
	case jixiao.KindBoolean:
		if t.Bool {
			return "boolean true"
		}
		return "boolean false"
	case jixiao.KindDeadline:
		b.WriteString("deadline ")
		if t.Date == "" {
			b.WriteString("?")
		} else {
			b.WriteString(t.Date)
		}
	case jixiao.KindNumeric:
		b.WriteString("numeric ")
		switch t.Op {
		case jixiao.OpRange:
			b.WriteString("range " + t.Value.String() + ".." + t.Max.String())
		default:
			b.WriteString(opSymbol(t.Op) + " " + t.Value.String())
		}
		if t.Unit != "" {
			b.WriteString(" " + t.Unit)
		}
		if t.ImplicitOp {
			b.WriteString(" implicit")
		}
	default:
		b.WriteString(string(t.Kind))
	}
	if t.Qualifier != "" {
		b.WriteString(" q=" + t.Qualifier)
	}
	return b.String()
}

func opSymbol(op jixiao.Op) string {
	switch op {
	case jixiao.OpGE:
		return "≥"
	case jixiao.OpLE:
		return "≤"
	}
	return string(op)
}
