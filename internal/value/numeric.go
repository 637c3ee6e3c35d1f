package value

import (
	"strings"
	"unicode/utf8"

	"jixiao"
)

// Comparators (DESIGN §3). Chinese statutory usage counts the number in
// 以上/以下/以内 (《民法典》第1259条), so X以上 is ≥ and X以下 is ≤;
// 超过/大于/高于 are strict (>), 低于/小于/少于/不足 are strict (<). A
// parenthesised （含…） makes a strict comparator inclusive and （不含…） makes
// an inclusive one strict. When words on both sides of the number agree in
// direction ("超10家以上", "≥90%以上") the one before the number wins; when
// they disagree ("不超过5次以上") the value is qualitative.

// prefixOps are the comparator words written before the number, longest
// first so that 不低于 is not read as 低于.
var prefixOps = []struct {
	word string
	op   jixiao.Op
}{
	{"大于或等于", jixiao.OpGE}, {"小于或等于", jixiao.OpLE}, {"大于等于", jixiao.OpGE}, {"小于等于", jixiao.OpLE},
	{"不低于", jixiao.OpGE}, {"不少于", jixiao.OpGE}, {"不小于", jixiao.OpGE}, {"不下于", jixiao.OpGE},
	{"不超过", jixiao.OpLE}, {"不高于", jixiao.OpLE}, {"不大于", jixiao.OpLE}, {"不多于", jixiao.OpLE},
	{"不超出", jixiao.OpLE}, {"未超过", jixiao.OpLE}, {"控制在", jixiao.OpLE},
	{"至少", jixiao.OpGE}, {"最少", jixiao.OpGE}, {"最低", jixiao.OpGE}, {"达到", jixiao.OpGE},
	{"超过", jixiao.OpGT}, {"超出", jixiao.OpGT}, {"大于", jixiao.OpGT}, {"高于", jixiao.OpGT}, {"多于", jixiao.OpGT},
	{"低于", jixiao.OpLT}, {"小于", jixiao.OpLT}, {"少于", jixiao.OpLT}, {"不足", jixiao.OpLT}, {"不到", jixiao.OpLT},
	{"最多", jixiao.OpLE}, {"至多", jixiao.OpLE}, {"最高", jixiao.OpLE}, {"不超", jixiao.OpLE},
	{"超", jixiao.OpGT}, {"逾", jixiao.OpGT}, {"达", jixiao.OpGE},
	{"≥", jixiao.OpGE}, {"≤", jixiao.OpLE}, {">", jixiao.OpGT}, {"<", jixiao.OpLT}, {"=", jixiao.OpEQ},
	{"±", jixiao.OpRange},
}

// suffixOps are the comparator words written after the number and unit.
// 内 alone is accepted only right after the unit ("30天内", "3个工作日内").
var suffixOps = []struct {
	word string
	op   jixiao.Op
}{
	{"及以上", jixiao.OpGE}, {"或以上", jixiao.OpGE}, {"以上", jixiao.OpGE}, {"之上", jixiao.OpGE},
	{"及以下", jixiao.OpLE}, {"或以下", jixiao.OpLE}, {"以下", jixiao.OpLE},
	{"以内", jixiao.OpLE}, {"之内", jixiao.OpLE}, {"内", jixiao.OpLE},
}

// rangeSeps join the two ends of a range: "95%-98%", "3~5个", "3至5个".
var rangeSeps = []string{"-", "~", "～", "至", "到", "—", "–", "－"}

// Narrative threshold. A target names one number; a sentence that merely
// contains one ("吸引超10家以上优秀企业到花都进行招商考察") is a narrative and
// stays qualitative. The rule, kept simple enough to explain to a filer:
// the words after the number (its object, "国内经贸活动") may be at most
// maxSuffixRunes long and contain no clause break; the words before it
// (the subject, "狮岭镇培育上市企业") at most maxPrefixRunes and no sentence
// end. Commas are allowed before the number ("到2025年，…增长1倍以上").
const (
	maxSuffixRunes = 8
	maxPrefixRunes = 32
)

// expr is one number with its comparator words and unit.
type expr struct {
	start, end int // byte span of the expression, comparator words included
	op         jixiao.Op
	explicit   bool // a comparator was written
	val, max   jixiao.Decimal
	unit       string
	weak       bool
	used       int // numbers consumed: this one, a range end, the ones in （含…）
}

// dir is +1 for ≥ >, -1 for ≤ <, 0 otherwise.
func dir(op jixiao.Op) int {
	switch op {
	case jixiao.OpGE, jixiao.OpGT:
		return 1
	case jixiao.OpLE, jixiao.OpLT:
		return -1
	}
	return 0
}

// parseNumeric reads s as a numeric target, ignoring numbers in
// [skipFrom, skipTo). ok is false when s is not one (no number, several
// unrelated numbers, contradictory comparators, narrative text).
func parseNumeric(s string, skipFrom, skipTo int, ctx Context) (jixiao.Target, bool) {
	var buf [8]number
	nums := findNumbers(s, buf[:0], skipFrom, skipTo)
	if len(nums) == 0 {
		return jixiao.Target{}, false
	}
	var chosen expr
	found, explicitCount, count := false, 0, 0
	for k := 0; k < len(nums); {
		e, ok := parseExpr(s, nums, k)
		if !ok {
			return jixiao.Target{}, false
		}
		k += e.used
		if e.weak && !e.explicit {
			continue // "打造一个平台": 一 as an article
		}
		count++
		if e.explicit {
			explicitCount++
		}
		if count == 1 || e.explicit && explicitCount == 1 {
			chosen, found = e, true
		}
	}
	if !found || count > 1 && explicitCount != 1 {
		return jixiao.Target{}, false // several numbers and no way to tell which is the target
	}
	e := chosen
	prefix := s[:e.start]
	suffix := s[e.end:]
	if e.op != jixiao.OpRange { // a range already says it all
		if op, cut, ok := trailingOp(suffix); ok {
			switch {
			case e.op == jixiao.OpEQ: // implicit, or "=" which 以上 overrides
				e.op, e.explicit = op, true
			case dir(op) != dir(e.op):
				return jixiao.Target{}, false // "≤20家企业以上"
			}
			suffix = suffix[:cut]
		}
	}
	if narrative(prefix, suffix) {
		return jixiao.Target{}, false
	}
	if e.unit == "" && ctx.IndicatorName != "" {
		e.unit = nameUnit(ctx.IndicatorName)
	}
	t := jixiao.Target{
		Kind:       jixiao.KindNumeric,
		Op:         e.op,
		ImplicitOp: !e.explicit,
		Value:      e.val,
		Max:        e.max,
		Unit:       e.unit,
		Qualifier:  joinQualifier(prefix, suffix),
	}
	return t, true
}

// joinQualifier marks the place of the number with "…" when words follow it.
func joinQualifier(prefix, suffix string) string {
	if suffix == "" {
		return prefix
	}
	return prefix + placeholder + suffix
}

// placeholder stands for the number (or date) inside a Qualifier.
const placeholder = "…"

// splitQualifier undoes joinQualifier. Words that contain "…" themselves
// split at their first one; the reading is unaffected, only where Format
// puts the words.
func splitQualifier(q string) (prefix, suffix string) {
	if p, s, ok := strings.Cut(q, placeholder); ok {
		return p, s
	}
	return q, ""
}

// narrative applies the threshold described at maxSuffixRunes.
func narrative(prefix, suffix string) bool {
	if utf8.RuneCountInString(suffix) > maxSuffixRunes || utf8.RuneCountInString(prefix) > maxPrefixRunes {
		return true
	}
	for _, r := range suffix {
		switch r {
		case '，', ',', '。', '；', ';', '！', '!', '？', '?':
			return true
		}
	}
	for _, r := range prefix {
		switch r {
		case '。', '；', ';', '！', '!', '？', '?':
			return true
		}
	}
	return false
}

// parseExpr reads the expression around nums[k].
func parseExpr(s string, nums []number, k int) (expr, bool) {
	n := nums[k]
	e := expr{start: n.start, val: n.val, op: jixiao.OpEQ, weak: n.weak, used: 1}
	pos := n.end
	more := false // 100余家, 100多人: more than 100
	if rest := s[pos:]; strings.HasPrefix(rest, "余") || strings.HasPrefix(rest, "多") {
		after := pos + len("余")
		if u, _, _ := scanUnit(s, after); u > after || after == len(s) {
			pos, more = after, true
		}
	}
	end, unit, _ := scanUnit(s, pos)
	pos, e.unit = end, unit

	// range: "95%-98%", "3~5个", "3至5个"
	if k+1 < len(nums) && !more {
		m := nums[k+1]
		var sepEnd int
		switch {
		case m.signed && m.start == pos && s[pos] == '-':
			sepEnd = pos + 1
		default:
			for _, sep := range rangeSeps {
				if strings.HasPrefix(s[pos:], sep) && m.start == pos+len(sep) {
					sepEnd = pos + len(sep)
					break
				}
			}
		}
		if sepEnd > 0 {
			hi := m.val
			if m.signed && m.start == pos {
				hi = abs(m.val)
			}
			end2, unit2, _ := scanUnit(s, m.end)
			if e.unit == "" || unit2 == "" || e.unit == unit2 {
				if e.unit == "" {
					e.unit = unit2
				}
				e.op, e.explicit, e.max, e.used = jixiao.OpRange, true, hi, 2
				if e.val.Cmp(hi) > 0 {
					e.val, e.max = hi, e.val
				}
				pos = end2
				for _, w := range []string{"以内", "之间", "内"} {
					if strings.HasPrefix(s[pos:], w) {
						pos += len(w)
						break
					}
				}
				if preOp, _ := prefixOp(s[:e.start]); preOp != "" {
					return e, false // "≥95%-98%": which one?
				}
				e.end = pos
				return e, true
			}
		}
	}

	// comparator words after the number: [（含）] [以上] [（含X）]
	var sufOp jixiao.Op
	incl := 0 // +1 （含…）, -1 （不含…）
	for step := 0; step < 3; step++ {
		if c, end, used := inclusion(s, pos, nums, k+e.used); c != 0 {
			incl, pos, e.used = c, end, e.used+used
			continue
		}
		if sufOp == "" {
			matched := false
			for _, w := range suffixOps {
				if w.word == "内" && (pos != end || unit == "") {
					continue
				}
				if strings.HasPrefix(s[pos:], w.word) {
					sufOp, pos, matched = w.op, pos+len(w.word), true
					break
				}
			}
			if matched {
				continue
			}
		}
		break
	}
	e.end = pos

	preOp, opStart := prefixOp(s[:n.start])
	if preOp != "" {
		e.start = opStart
	}
	if preOp == jixiao.OpRange { // ±3%以内
		if sufOp != "" && dir(sufOp) > 0 || strings.HasPrefix(n.val.String(), "-") {
			return e, false
		}
		e.op, e.explicit = jixiao.OpRange, true
		e.val, e.max = neg(n.val), n.val
		return e, true
	}
	op := preOp
	if op == "" || op == jixiao.OpEQ && sufOp != "" {
		op = sufOp
	} else if sufOp != "" && dir(sufOp) != dir(op) {
		return e, false // 不超过5次以上
	}
	if op == "" && more {
		op = jixiao.OpGT
	}
	if op == "" {
		return e, true // implicit =
	}
	switch {
	case incl > 0 && op == jixiao.OpGT:
		op = jixiao.OpGE
	case incl > 0 && op == jixiao.OpLT:
		op = jixiao.OpLE
	case incl < 0 && op == jixiao.OpGE:
		op = jixiao.OpGT
	case incl < 0 && op == jixiao.OpLE:
		op = jixiao.OpLT
	}
	e.op, e.explicit = op, true
	return e, true
}

// prefixOpsByLast indexes prefixOps by their last rune, so that prefixOp
// rejects most texts with one lookup and tries few words otherwise.
var prefixOpsByLast = map[rune][]int{}

func init() {
	for k, w := range prefixOps {
		r, _ := utf8.DecodeLastRuneInString(w.word)
		prefixOpsByLast[r] = append(prefixOpsByLast[r], k) // keeps longest first
	}
}

// prefixOp finds a comparator word at the end of before; opStart is where
// it begins.
func prefixOp(before string) (op jixiao.Op, opStart int) {
	r, _ := utf8.DecodeLastRuneInString(before)
	for _, k := range prefixOpsByLast[r] {
		if w := prefixOps[k]; strings.HasSuffix(before, w.word) {
			return w.op, len(before) - len(w.word)
		}
	}
	return "", len(before)
}

// maxClauseBytes bounds the search for the end of a （含…） clause: 12
// runes of 3 bytes and the closing parenthesis.
const maxClauseBytes = 12*3 + len("）")

// inclusion reads a （含…） / （不含…） / （包含…） clause at s[pos:]: +1 or -1,
// its end, and how many of nums[from:] lie inside it ("（含3个）").
func inclusion(s string, pos int, nums []number, from int) (c, end, used int) {
	rest := s[pos:]
	var closeP string
	switch {
	case strings.HasPrefix(rest, "（"):
		rest, closeP = rest[len("（"):], "）"
	case strings.HasPrefix(rest, "("):
		rest, closeP = rest[1:], ")"
	default:
		return 0, pos, 0
	}
	switch {
	case strings.HasPrefix(rest, "含"), strings.HasPrefix(rest, "包含"):
		c = 1
	case strings.HasPrefix(rest, "不含"), strings.HasPrefix(rest, "不包含"):
		c = -1
	default:
		return 0, pos, 0
	}
	// The clause is short ("含3个", "不含本数"); look no further than
	// that, which also keeps long garbage linear.
	window := rest
	if len(window) > maxClauseBytes {
		window = window[:maxClauseBytes]
	}
	k := strings.Index(window, closeP)
	if k < 0 || utf8.RuneCountInString(rest[:k]) > 12 {
		return 0, pos, 0
	}
	end = len(s) - len(rest) + k + len(closeP)
	for j := from; j < len(nums) && nums[j].start < end; j++ {
		used++
	}
	return c, end, used
}

// trailingOp finds a comparator word at the end of the words after the
// number: "20家企业以上" → ≥ with suffix "企业". cut is where the words end.
func trailingOp(suffix string) (op jixiao.Op, cut int, ok bool) {
	if suffix == "" {
		return "", 0, false
	}
	cut = len(suffix)
	incl := trailingInclusion(suffix[:cut])
	if incl != 0 {
		cut = strings.LastIndexAny(suffix[:cut], "（(")
	}
	for _, w := range suffixOps {
		if w.word != "内" && strings.HasSuffix(suffix[:cut], w.word) {
			op, cut, ok = w.op, cut-len(w.word), true
			break
		}
	}
	if !ok {
		return "", len(suffix), false
	}
	if incl < 0 && op == jixiao.OpGE {
		op = jixiao.OpGT
	} else if incl < 0 && op == jixiao.OpLE {
		op = jixiao.OpLT
	}
	return op, cut, true
}

// trailingInclusion reports a （含…）/（不含…） clause ending suffix.
func trailingInclusion(suffix string) int {
	if !strings.HasSuffix(suffix, "）") && !strings.HasSuffix(suffix, ")") {
		return 0
	}
	k := strings.LastIndexAny(suffix, "（(")
	if k < 0 {
		return 0
	}
	c, _, _ := inclusion(suffix, k, nil, 0)
	return c
}

func abs(d jixiao.Decimal) jixiao.Decimal {
	if strings.HasPrefix(d.String(), "-") {
		return jixiao.MustDecimal(d.String()[1:])
	}
	return d
}

func neg(d jixiao.Decimal) jixiao.Decimal {
	switch s := d.String(); {
	case s == "0":
		return d
	case strings.HasPrefix(s, "-"):
		return jixiao.MustDecimal(s[1:])
	default:
		return jixiao.MustDecimal("-" + s)
	}
}
