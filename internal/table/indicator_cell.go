package table

import (
	"strconv"
	"strings"

	"jixiao"
)

// The indicator cell of the published layout holds every indicator of a
// project in one run of text:
//
//	N、<L1 code>-<L1 name>；<L2 code>-<L2 name>；<name>；实施周期指标值:<v>；年度指标值:<v>。
//
// repeated with N = 1, 2, …. Values may contain digits followed by 、 and
// ASCII dates, so an indicator ends only where the next expected number
// starts a category ("2、1-"), after its own 年度指标值 marker.

const (
	periodMarker = "实施周期指标值"
	annualMarker = "年度指标值"
)

// cellError describes what is wrong in an indicator cell; the row reader
// adds the file and line.
type cellError struct {
	seq      int
	expected string
	got      string
}

// parseIndicatorCell splits a cell into indicators with raw targets. The
// parsed forms of the targets are filled in later, once the fiscal year is
// known.
func parseIndicatorCell(cell string) ([]*jixiao.Indicator, *cellError) {
	cell = strings.TrimSpace(cell)
	if cell == "" {
		return nil, nil
	}
	var out []*jixiao.Indicator
	rest := cell
	for seq := 1; rest != ""; seq++ {
		prefix := strconv.Itoa(seq) + "、"
		if !strings.HasPrefix(rest, prefix) {
			return nil, &cellError{seq, "“" + prefix + "”开头的第 " + strconv.Itoa(seq) + " 个指标", rest}
		}
		body := rest[len(prefix):]
		annualAt := indexMarker(body, annualMarker)
		if annualAt < 0 {
			return nil, &cellError{seq, "“年度指标值:”", body}
		}
		next := nextIndicatorStart(body, annualAt, seq+1)
		seg := body
		rest = ""
		if next >= 0 {
			seg, rest = body[:next], body[next:]
		}
		ind, err := parseIndicatorSegment(seg, seq)
		if err != nil {
			return nil, err
		}
		out = append(out, ind)
	}
	return out, nil
}

// indexMarker finds marker followed by a colon (ASCII or full-width): a
// value may mention 年度指标值 in passing, but never with a colon after it.
func indexMarker(s, marker string) int {
	from := 0
	for {
		i := strings.Index(s[from:], marker)
		if i < 0 {
			return -1
		}
		i += from
		after := s[i+len(marker):]
		if hasColon(after) {
			return i
		}
		from = i + len(marker)
	}
}

func hasColon(s string) bool { return strings.HasPrefix(s, ":") || strings.HasPrefix(s, "：") }

func cutColon(s string) string {
	if strings.HasPrefix(s, ":") {
		return s[1:]
	}
	return strings.TrimPrefix(s, "：")
}

// nextIndicatorStart finds "<seq>、<digits>-" after the annual marker: the
// start of the next indicator. Tables that print category names without
// codes start it with "<seq>、<level-1 name>；" instead.
func nextIndicatorStart(body string, from, seq int) int {
	want := strconv.Itoa(seq) + "、"
	for i := from; ; {
		j := strings.Index(body[i:], want)
		if j < 0 {
			return -1
		}
		j += i
		k := j + len(want)
		d := k
		for d < len(body) && body[d] >= '0' && body[d] <= '9' {
			d++
		}
		if d > k && d < len(body) && body[d] == '-' || startsWithLevel1Name(body[k:]) {
			return j
		}
		i = k
	}
}

// startsWithLevel1Name reports "产出指标；…" (or "产出；…"): a level-1
// category of the catalogue, named without its code.
func startsWithLevel1Name(s string) bool {
	name, _, ok := strings.Cut(s, "；")
	if !ok || len(name) > 32 {
		return false
	}
	for _, e := range jixiao.Catalogue {
		if jixiao.SameCategoryName(name, e.Level1.Name) {
			return true
		}
	}
	return false
}

func parseIndicatorSegment(seg string, seq int) (*jixiao.Indicator, *cellError) {
	ind := &jixiao.Indicator{Seq: seq}
	l1, rest, ok := strings.Cut(seg, "；")
	if !ok {
		return nil, &cellError{seq, "“一级指标；二级指标；指标名称；…”", seg}
	}
	l2, rest, ok := strings.Cut(rest, "；")
	if !ok {
		return nil, &cellError{seq, "二级指标后的“；”", rest}
	}
	var err *cellError
	if ind.Level1, err = parseCategory(l1, seq, "一级指标"); err != nil {
		return nil, err
	}
	if ind.Level2, err = parseCategory(l2, seq, "二级指标"); err != nil {
		return nil, err
	}
	annualAt := indexMarker(rest, annualMarker)
	periodAt := indexMarker(rest, periodMarker)
	nameEnd := annualAt
	if periodAt >= 0 && periodAt < annualAt {
		nameEnd = periodAt
		period := cutColon(rest[periodAt+len(periodMarker) : annualAt])
		ind.Period.Raw = strings.TrimSuffix(period, "；")
	}
	ind.Name = strings.TrimSpace(strings.TrimSuffix(rest[:nameEnd], "；"))
	annual := cutColon(rest[annualAt+len(annualMarker):])
	ind.Annual.Raw = strings.TrimSuffix(annual, "。") // the 。 that ends the indicator
	return ind, nil
}

// parseCategory reads "<code>-<name>"; a bare name (no code) is accepted,
// since some tables print only names.
func parseCategory(s string, seq int, field string) (jixiao.Category, *cellError) {
	s = strings.TrimSpace(s)
	code, name, ok := strings.Cut(s, "-")
	if ok && code != "" && isDigits(code) {
		return jixiao.Category{Code: code, Name: strings.TrimSpace(name)}, nil
	}
	if s == "" || isDigits(s) || strings.Contains(s, "指标值") || strings.ContainsAny(s, ":：") {
		return jixiao.Category{}, &cellError{seq, field + "（如“1-产出指标”）", s}
	}
	return jixiao.Category{Name: s}, nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
