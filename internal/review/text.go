package review

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"jixiao"
)

// Text helpers. The rules run over every indicator of large corpora, so
// they use plain string searches instead of regular expressions.

// trim is strings.TrimSpace with a fast path for the usual case: text that
// starts and ends with a visible character.
func trim(s string) string {
	if s == "" {
		return s
	}
	if b := s[0]; b <= ' ' || b >= 0x80 && unicode.IsSpace(firstRune(s)) {
		return strings.TrimSpace(s)
	}
	if b := s[len(s)-1]; b <= ' ' || b >= 0x80 && unicode.IsSpace(lastRune(s)) {
		return strings.TrimSpace(s)
	}
	return s
}

// textOf returns a target's normalised text, falling back to a light
// normalisation of the raw text when the parser has not filled Text.
func textOf(t *jixiao.Target) string {
	if t.Text != "" {
		return t.Text
	}
	s := strings.TrimSpace(t.Raw)
	s = strings.TrimSuffix(s, "。")
	return strings.TrimSpace(s)
}

// normKey folds a text for equality tests: no spaces, ASCII brackets and
// punctuation as full-width, no trailing 。.
func normKey(s string) string {
	s = strings.TrimRight(s, "。.")
	if !needsFold(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			continue
		case r == '(':
			r = '（'
		case r == ')':
			r = '）'
		case r == ',':
			r = '，'
		case r == ';':
			r = '；'
		case r == ':':
			r = '：'
		}
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), "。.")
}

// wordSet finds any of a list of words in a text in one pass over the
// text's characters: the rules test names against dozens of words for every
// indicator, and one strings.Contains per word is what made them slow.
type wordSet struct {
	bits  [1 << 10]uint64   // first characters (BMP) of the words
	words map[rune][]string // by first character, longest first
}

func newWordSet(words ...string) *wordSet {
	ws := &wordSet{words: make(map[rune][]string)}
	for _, w := range words {
		r := firstRune(w)
		if r >= 1<<16 {
			panic("review: word outside the BMP: " + w)
		}
		ws.bits[r>>6] |= 1 << (r & 63)
		list := append(ws.words[r], w)
		sort.SliceStable(list, func(i, j int) bool { return len(list[i]) > len(list[j]) })
		ws.words[r] = list
	}
	return ws
}

// find returns the leftmost word of the set in s (the longest one at that
// place), or "".
func (ws *wordSet) find(s string) string {
	for i, r := range s {
		if r < 1<<16 && ws.bits[r>>6]&(1<<(r&63)) != 0 {
			for _, w := range ws.words[r] {
				if strings.HasPrefix(s[i:], w) {
					return w
				}
			}
		}
	}
	return ""
}

func (ws *wordSet) in(s string) bool { return ws.find(s) != "" }

// prefix returns the longest word of the set that s starts with, or "".
func (ws *wordSet) prefix(s string) string {
	r := firstRune(s)
	if s == "" || r >= 1<<16 || ws.bits[r>>6]&(1<<(r&63)) == 0 {
		return ""
	}
	for _, w := range ws.words[r] {
		if strings.HasPrefix(s, w) {
			return w
		}
	}
	return ""
}

var foldBytes = func() (t [256]bool) {
	for _, b := range []byte(" \t\n\r\v\f(),;:") {
		t[b] = true
	}
	return t
}()

// needsFold reports whether normKey would change s.
func needsFold(s string) bool {
	for i := 0; i < len(s); i++ {
		if foldBytes[s[i]] {
			return true
		}
	}
	// the Unicode spaces met in Chinese text: ideographic and no-break
	return strings.Contains(s, "\u3000") || strings.Contains(s, "\u00a0")
}

func hasAny(s string, subs ...string) bool {
	for _, w := range subs {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// firstOf returns the first of subs found in s, or "".
func firstOf(s string, subs ...string) string {
	for _, w := range subs {
		if strings.Contains(s, w) {
			return w
		}
	}
	return ""
}

func hasPrefixAny(s string, pre ...string) string {
	for _, p := range pre {
		if strings.HasPrefix(s, p) {
			return p
		}
	}
	return ""
}

func hasSuffixAny(s string, suf ...string) string {
	for _, p := range suf {
		if strings.HasSuffix(s, p) {
			return p
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// clip shortens s to n runes for quoting in a message.
func clip(s string, n int) string {
	if runeLen(s) <= n {
		return s
	}
	i, k := 0, 0
	for i = range s {
		if k == n {
			break
		}
		k++
	}
	return s[:i] + "…"
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return true
		}
	}
	return false
}

// number returns a decimal as a float for threshold comparisons of
// percentages and counts (never money); ok is false when unset.
func number(d jixiao.Decimal) (float64, bool) {
	if !d.IsSet() {
		return 0, false
	}
	f, err := strconv.ParseFloat(d.String(), 64)
	return f, err == nil
}

// fmtNum prints a threshold for a message: 98, 99.5.
func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// dim is the physical dimension of a unit: units of the same dimension
// can describe the same indicator, units of different ones cannot.
type dim uint8

const (
	dimNone    dim = iota
	dimPercent     // % ‰
	dimMoney       // 元, 万元, 亿美元, 人民币 …
	dimArea        // 平方米, 亩 …
	dimLength      // 米, 公里
	dimWeight      // 吨
	dimTime        // 天, 小时, 个月 (durations)
	dimCount       // 个, 家, 人次 …
	dimRatio       // 倍: a multiple fits any dimension
	dimBool        // 是/否
)

func (d dim) String() string {
	switch d {
	case dimPercent:
		return "百分比"
	case dimMoney:
		return "金额"
	case dimArea:
		return "面积"
	case dimLength:
		return "长度"
	case dimWeight:
		return "重量"
	case dimTime:
		return "时长"
	case dimCount:
		return "数量"
	case dimRatio:
		return "倍数"
	case dimBool:
		return "是/否"
	}
	return "未知"
}

// units lists the units the review knows, longest first so that a scan
// takes 人次 before 人 and 平方米 before 米.
var units = []struct {
	u string
	d dim
}{
	{"平方公里", dimArea}, {"平方千米", dimArea}, {"工作日", dimTime}, {"千瓦时", dimNone},
	{"亿人民币", dimMoney}, {"万人民币", dimMoney}, {"亿美元", dimMoney}, {"万美元", dimMoney},
	{"平方米", dimArea}, {"立方米", dimNone}, {"人民币", dimMoney},
	{"平米", dimArea}, {"公顷", dimArea}, {"公里", dimLength}, {"千米", dimLength},
	{"万元", dimMoney}, {"亿元", dimMoney}, {"千元", dimMoney}, {"美元", dimMoney},
	{"人次", dimCount}, {"家次", dimCount}, {"场次", dimCount}, {"户次", dimCount},
	{"批次", dimCount}, {"车次", dimCount}, {"个月", dimTime}, {"小时", dimTime},
	{"剂次", dimCount}, {"台次", dimCount}, {"架次", dimCount}, {"班次", dimCount}, {"人天", dimCount},
	{"人日", dimCount}, {"课时", dimCount}, {"学时", dimCount}, {"千克", dimWeight}, {"公斤", dimWeight},
	{"分钟", dimTime}, {"秒", dimTime}, {"周", dimTime}, {"年", dimTime},
	{"亩", dimArea}, {"米", dimLength}, {"吨", dimWeight}, {"元", dimMoney},
	{"人", dimCount}, {"家", dimCount}, {"个", dimCount}, {"项", dimCount},
	{"次", dimCount}, {"场", dimCount}, {"份", dimCount}, {"台", dimCount},
	{"件", dimCount}, {"单", dimCount}, {"户", dimCount}, {"所", dimCount},
	{"名", dimCount}, {"批", dimCount}, {"期", dimCount}, {"篇", dimCount},
	{"套", dimCount}, {"辆", dimCount}, {"座", dimCount}, {"处", dimCount},
	{"条", dimCount}, {"本", dimCount}, {"册", dimCount}, {"张", dimCount},
	{"届", dimCount}, {"间", dimCount}, {"栋", dimCount}, {"株", dimCount},
	{"棵", dimCount}, {"头", dimCount}, {"只", dimCount}, {"天", dimTime},
	{"块", dimCount}, {"宗", dimCount}, {"匹", dimCount}, {"枚", dimCount}, {"盏", dimCount},
	{"根", dimCount}, {"片", dimCount}, {"口", dimCount}, {"盒", dimCount}, {"箱", dimCount},
	{"袋", dimCount}, {"剂", dimCount}, {"例", dimCount}, {"对", dimCount}, {"组", dimCount},
	{"架", dimCount}, {"艘", dimCount}, {"门", dimCount}, {"幅", dimCount}, {"部", dimCount},
	{"首", dimCount}, {"集", dimCount}, {"节", dimCount}, {"班", dimCount}, {"床", dimCount},
	{"顶", dimCount}, {"副", dimCount}, {"双", dimCount}, {"轮", dimCount}, {"起", dimCount},
	{"页", dimCount}, {"卷", dimCount}, {"件次", dimCount}, {"户数", dimCount},
	{"%", dimPercent}, {"％", dimPercent}, {"‰", dimPercent}, {"倍", dimRatio},
}

var unitDims = func() map[string]dim {
	m := make(map[string]dim, len(units)+2)
	for _, e := range units {
		m[e.u] = e.d
	}
	m["是/否"], m["是或否"] = dimBool, dimBool
	return m
}()

// unitDim returns the dimension of a unit as the value parser writes it
// (magnitude included: "亿元", "万人次"). Unknown → dimNone.
func unitDim(u string) dim {
	if u == "" {
		return dimNone
	}
	if d, ok := unitDims[u]; ok {
		return d
	}
	u = strings.TrimSpace(u)
	if d, ok := unitDims[u]; ok {
		return d
	}
	// a magnitude before a known unit: 万人次, 亿元 (listed), 万平方米 …
	for _, m := range []string{"万", "亿", "千", "百"} {
		if rest, ok := strings.CutPrefix(u, m); ok && rest != "" {
			return unitDim(rest)
		}
	}
	return dimNone
}

// unitsByFirst indexes units by their first character, longest first as
// in units.
var unitsByFirst = func() map[rune][]string {
	m := map[rune][]string{}
	for _, e := range units {
		r := firstRune(e.u)
		m[r] = append(m[r], e.u)
	}
	return m
}()

// unitAt returns the known unit starting at s, or "".
func unitAt(s string) string {
	if s == "" {
		return ""
	}
	for _, u := range unitsByFirst[firstRune(s)] {
		if strings.HasPrefix(s, u) {
			return u
		}
	}
	return ""
}

// endsWithUnit: the text ends with a number and a unit ("不高于12分钟",
// "≥36000对"): its last character is not a cut-off word.
func endsWithUnit(s string) bool {
	for _, e := range units {
		if rest, ok := strings.CutSuffix(s, e.u); ok && rest != "" {
			for _, m := range []string{"万", "亿", "千"} {
				rest = strings.TrimSuffix(rest, m)
			}
			if rest != "" && isDigit(rest[len(rest)-1]) {
				return true
			}
		}
	}
	return false
}

// nameUnit returns the unit written in brackets at the end of an indicator
// name: 企业满意率（%）, 数量（个）, 是否达标（是/否）.
func nameUnit(name string) string {
	n := strings.TrimSpace(name)
	var open, close string
	switch {
	case strings.HasSuffix(n, "）"):
		open, close = "（", "）"
	case strings.HasSuffix(n, ")"):
		open, close = "(", ")"
	default:
		return ""
	}
	i := strings.LastIndex(n, open)
	if i < 0 {
		return ""
	}
	u := strings.TrimSpace(n[i+len(open) : len(n)-len(close)])
	if unitDim(u) != dimNone {
		return u
	}
	return ""
}
