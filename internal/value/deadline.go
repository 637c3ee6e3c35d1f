package value

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Deadlines (时效). A deadline phrase is one of:
//
//   - a full date: 2024年12月31日, 2023-10-31, 2024/3/5, 2024.12.31;
//   - a month: 2024年6月, 2024.06, 6月底 (the last day of the month);
//     "2024.6" alone is a number, "2024.6前" and "2024.6-2024.12" are months;
//   - a year end: 2024年底, 2024年末, 2024年内, 2024年度内; 上半年 (06-30);
//   - a day without a year: 1月17日 (the fiscal year);
//   - a quarter: 第三季度, 三季度, 前三季度, 第3季度 (the last day of it);
//   - the fiscal year itself: 年度内, 年内, 年底, 年末, 本年度, 当年;
//   - a period: 2024.03-2024.12, 2024年3月至12月 — Date is its end, and the
//     start goes into Qualifier before the date: "2024-03至".
//
// optionally followed by 底/末 and by 前 之前 以前 止 为止 内 以内. Reading
// "X前" with a period X as "by the end of X" is deliberate: filers write
// 第三季度前 and 6月前 to mean "by the end of Q3/June", and monitoring
// checks them at that date. Frequencies (按季度开展, 每月) and vague times
// (在广州要求的时间内) are not deadlines; neither is a date right after a
// comparator sign ("≥2024.12") or after "N-" ("1-2024.12", a number range).
//
// At most maxDeadlinePrefix runes may stand before the phrase, without a
// clause break ("在", "项目于", "计划于"); otherwise the date is part of a
// sentence and the value is not a deadline.
const maxDeadlinePrefix = 12

// datePhrase is a deadline found in a text.
type datePhrase struct {
	start, end int  // byte span, markers included
	y, m, d    int  // y 0: fiscal year; m 12 d 31 for a year end; d 0: end of month
	explicit   bool // the year is written
	period     bool // a period: fy-fm-fd is its start
	fy, fm, fd int  // start of a period; fy 0 is the fiscal year, fd 0 a whole month
}

// findDeadline finds the deadline phrase of s. A second date in the words
// after it ("2024年6月30日前完成招标，12月31日前完成验收") makes two
// deadlines and no way to tell which is the target: none is returned, as
// for several numbers.
func findDeadline(s string) (datePhrase, bool) {
	p, ok := scanDeadline(s, 0, maxDeadlinePrefix)
	if !ok {
		return p, false
	}
	if _, again := scanDeadline(s, p.end, -1); again {
		return datePhrase{}, false
	}
	return p, true
}

// scanDeadline finds the first deadline phrase of s[from:] with at most
// maxPrefix runes and no clause break before it (any, when maxPrefix < 0).
func scanDeadline(s string, from, maxPrefix int) (datePhrase, bool) {
	if !mayHaveDate(s[from:]) {
		return datePhrase{}, false
	}
	for i := from; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		var p datePhrase
		ok := false
		switch {
		case isASCIIDigit(r) && (i == 0 || !isDigitByte(s[i-1]) && s[i-1] != '.' && s[i-1] != '-') && !afterNumberSep(s, i):
			if p, ok = absDate(s, i); !ok {
				if p, ok = monthDay(s, i); !ok {
					p, ok = quarter(s, i)
				}
			}
		case r == '第' || r == '前' || r == '上' || r == '下' || hanDigit(r) > 0 && hanDigit(r) <= 4:
			if p, ok = quarter(s, i); !ok {
				p, ok = relative(s, i)
			}
		case r == '年' || r == '本' || r == '当':
			p, ok = relative(s, i)
		}
		if ok {
			if p.start > from && maxPrefix >= 0 {
				pre := s[from:p.start]
				if utf8.RuneCountInString(pre) > maxPrefix || strings.ContainsAny(pre, "，,。；;") {
					return datePhrase{}, false
				}
			}
			return p, true
		}
		i += n
	}
	return datePhrase{}, false
}

// mayHaveDate is a quick filter: every deadline phrase has 年, 月 or 季,
// or a 4-digit year followed by - / or a dot. One pass over the bytes,
// matching the UTF-8 of 年 (E5 B9 B4), 月 (E6 9C 88) and 季 (E5 AD A3).
func mayHaveDate(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigitByte(c):
			run++
			continue
		case run >= 4 && (c == '-' || c == '/' || c == '.'):
			return true
		case (c == 0xE5 || c == 0xE6) && i+2 < len(s):
			b1, b2 := s[i+1], s[i+2]
			if c == 0xE5 && (b1 == 0xB9 && b2 == 0xB4 || b1 == 0xAD && b2 == 0xA3) || c == 0xE6 && b1 == 0x9C && b2 == 0x88 {
				return true
			}
		}
		run = 0
	}
	return false
}

// afterNumberSep reports a range separator right after a number before
// s[i:]: "-1~2000.01" is a range of numbers, not a number and a date.
func afterNumberSep(s string, i int) bool {
	for _, sep := range rangeSeps {
		if strings.HasSuffix(s[:i], sep) {
			before := s[:i-len(sep)]
			return before != "" && (isDigitByte(before[len(before)-1]) || before[len(before)-1] == '%')
		}
	}
	return false
}

// digits12 reads a 1- or 2-digit number at s[i:] that is not followed by
// another digit.
func digits12(s string, i int) (v, end int, ok bool) {
	j := i
	for j < len(s) && j < i+3 && isDigitByte(s[j]) {
		j++
	}
	if j == i || j-i > 2 {
		return 0, i, false
	}
	for k := i; k < j; k++ {
		v = v*10 + int(s[k]-'0')
	}
	return v, j, true
}

// year4 reads a plausible 4-digit year at s[i:].
func year4(s string, i int) (y, end int, ok bool) {
	if i+4 > len(s) || i+4 < len(s) && isDigitByte(s[i+4]) {
		return 0, i, false
	}
	y = 0
	for k := i; k < i+4; k++ {
		if !isDigitByte(s[k]) {
			return 0, i, false
		}
		y = y*10 + int(s[k]-'0')
	}
	if y < 1900 || y >= 2200 {
		return 0, i, false
	}
	return y, i + 4, true
}

// absDate reads a date that starts with a written year. A comparator
// before it makes it a number ("≥2024.12").
func absDate(s string, i int) (datePhrase, bool) {
	p, j, tentative, ok := ymd(s, i, false)
	if !ok {
		return p, false
	}
	if _, opStart := prefixOp(s[:i]); opStart < i && isSymbolOp(s[opStart:i]) {
		return datePhrase{}, false
	}
	p.start, p.explicit = i, true
	// a period: 2024.03-2024.12, 2024年3月至12月, 2024年3月1日-2024年6月30日
	if k, sepOK := rangeSep(s, j); sepOK {
		if q, j2, _, ok := ymd(s, k, true); ok {
			p.startPeriod()
			p.y, p.m, p.d, j = q.y, q.m, q.d, j2
		} else if q, j2, ok := md(s, k); ok && p.m != 0 {
			p.startPeriod()
			p.m, p.d, j = q.m, q.d, j2
		} else if tentative {
			return p, false // "2000.1-10000": a number range after all
		}
	}
	p.end = markers(s, j)
	return p, true
}

// ymd reads Y年M月D日, Y年M月, Y年底-like year ends, Y-M-D, Y-M, Y/M/D,
// Y.M.D, Y.M. j is the end of what was read. periodEnd says a period
// separator came before, which makes "2024.3" a month without doubt;
// tentative reports a month accepted only because a separator follows it,
// which holds only if a period end follows the separator.
func ymd(s string, i int, periodEnd bool) (p datePhrase, j int, tentative, ok bool) {
	y, j, ok := year4(s, i)
	if !ok {
		return p, i, false, false
	}
	p.y = y
	switch {
	case strings.HasPrefix(s[j:], "年"):
		j += len("年")
		if m, k, ok := digits12(s, j); ok && strings.HasPrefix(s[k:], "月") && m >= 1 && m <= 12 {
			p.m, j = m, k+len("月")
			if strings.HasPrefix(s[j:], "份") {
				j += len("份")
			}
			if d, k, ok := digits12(s, j); ok && (strings.HasPrefix(s[k:], "日") || strings.HasPrefix(s[k:], "号")) {
				p.d, j = d, k+len("日")
			}
			return p, j, false, p.valid()
		}
		for _, w := range []string{"度内", "度末", "度底", "底", "末", "内"} {
			if strings.HasPrefix(s[j:], w) {
				p.m, p.d = 12, 31
				return p, j + len(w), false, true
			}
		}
		if q, ok := quarter(s, j); ok {
			p.m, p.d = q.m, q.d
			return p, q.end, false, true
		}
		if q, ok := relative(s, j); ok { // 2024年上半年
			p.m, p.d = q.m, q.d
			return p, q.end, false, true
		}
		return p, i, false, false // a year mentioned, not a date
	case j < len(s) && (s[j] == '-' || s[j] == '/' || s[j] == '.'):
		sep := s[j]
		m, k, ok := digits12(s, j+1)
		if !ok || m < 1 || m > 12 {
			return p, i, false, false
		}
		twoDigitMonth := k-(j+1) == 2
		p.m, j = m, k
		if j+1 < len(s) && s[j] == sep && isDigitByte(s[j+1]) {
			d, k, ok := digits12(s, j+1)
			if !ok {
				return p, i, false, false
			}
			p.d, j = d, k
		} else {
			switch monthOnlyEnd(s, j, twoDigitMonth, periodEnd) {
			case monthNo:
				return p, i, false, false
			case monthIfPeriod:
				tentative = true
			}
		}
		if j < len(s) && (s[j] == '%' || s[j] == '.' || s[j] == sep && p.d != 0) {
			return p, i, false, false // 2024.5% is a number, 2024.1.2.3 a section
		}
		if _, _, hasUnit := scanUnit(s, j); hasUnit && !strings.HasPrefix(s[j:], "日") {
			return p, i, false, false // 2024.5万元 is an amount
		}
		return p, j, tentative, p.valid()
	}
	return p, i, false, false
}

// Answers of monthOnlyEnd.
const (
	monthNo       = iota // a number, not a month
	monthYes             // a month
	monthIfPeriod        // a month if the end of a period follows
)

// monthOnlyEnd decides whether "2024.03" / "2024-3" without a day is a
// month: as the end of a period or followed by a marker it is ("2024.3前");
// followed by a separator it is if a period end follows ("2024.3-2024.12");
// at the end of the text only with a two-digit month ("2024.03"), since
// "2024.3" is as likely a number.
func monthOnlyEnd(s string, j int, twoDigitMonth, periodEnd bool) int {
	switch {
	case periodEnd:
		return monthYes
	case j == len(s):
		if twoDigitMonth {
			return monthYes
		}
		return monthNo
	case markers(s, j) > j:
		return monthYes
	}
	if _, ok := rangeSep(s, j); ok {
		return monthIfPeriod
	}
	return monthNo
}

// md reads M月D日, M月底, M月 (no year).
func md(s string, i int) (p datePhrase, j int, ok bool) {
	m, j, ok := digits12(s, i)
	if !ok || m < 1 || m > 12 || !strings.HasPrefix(s[j:], "月") {
		return p, i, false
	}
	p.m, j = m, j+len("月")
	if strings.HasPrefix(s[j:], "份") {
		j += len("份")
	}
	if d, k, ok := digits12(s, j); ok && (strings.HasPrefix(s[k:], "日") || strings.HasPrefix(s[k:], "号")) {
		p.d, j = d, k+len("日")
	}
	return p, j, p.valid()
}

// monthDay reads a deadline without a year: 1月17日前, 6月底前, 6月前.
func monthDay(s string, i int) (datePhrase, bool) {
	if strings.HasSuffix(s[:i], "年") {
		return datePhrase{}, false // the year failed to read: do not guess it
	}
	p, j, ok := md(s, i)
	if !ok {
		return p, false
	}
	p.start = i
	if k, sepOK := rangeSep(s, j); sepOK {
		if q, j2, ok := md(s, k); ok {
			p.startPeriod()
			p.m, p.d, j = q.m, q.d, j2
		}
	}
	end := markers(s, j)
	if p.d == 0 && end == j && !p.period {
		return p, false // "3月" alone is a duration or a month name, not a deadline
	}
	p.end = end
	return p, true
}

// quarter reads 第三季度, 三季度, 第3季度, 前三季度, 前3个季度, 一季度末.
func quarter(s string, i int) (datePhrase, bool) {
	j := i
	for _, w := range []string{"第", "前"} {
		if strings.HasPrefix(s[j:], w) {
			j += len(w)
			break
		}
	}
	r, n := utf8.DecodeRuneInString(s[j:])
	q := hanDigit(r)
	if isASCIIDigit(r) {
		q = int(r - '0')
	}
	if q < 1 || q > 4 {
		return datePhrase{}, false
	}
	j += n
	if strings.HasPrefix(s[j:], "个") {
		j += len("个")
	}
	if !strings.HasPrefix(s[j:], "季度") {
		return datePhrase{}, false
	}
	j += len("季度")
	p := datePhrase{start: i, m: 3 * q, d: 0}
	p.end = markers(s, j)
	return p, true
}

// relatives are the fiscal-year phrases; 上半年 ends in June.
var relatives = []struct {
	word string
	m    int
}{
	{"本年度内", 12}, {"本年度", 12}, {"本年内", 12}, {"本年底", 12}, {"年度内", 12}, {"年度末", 12},
	{"年底", 12}, {"年末", 12}, {"年内", 12}, {"当年", 12}, {"上半年", 6}, {"下半年", 12},
}

// notFiscalYearBefore: 三年内 and 明年底 are not the fiscal year.
const notFiscalYearBefore = "明去后前多每几数"

// relative reads the fiscal-year phrases.
func relative(s string, i int) (datePhrase, bool) {
	if i > 0 {
		p, _ := utf8.DecodeLastRuneInString(s[:i])
		if isASCIIDigit(p) || hanDigit(p) >= 0 || strings.ContainsRune(notFiscalYearBefore, p) {
			return datePhrase{}, false
		}
	}
	for _, w := range relatives {
		if strings.HasPrefix(s[i:], w.word) {
			p := datePhrase{start: i, m: w.m}
			p.end = markers(s, i+len(w.word))
			return p, true
		}
	}
	return datePhrase{}, false
}

// rangeSep reads a period separator at s[i:].
func rangeSep(s string, i int) (int, bool) {
	for _, sep := range []string{"-", "~", "～", "至", "到", "—", "–"} {
		if strings.HasPrefix(s[i:], sep) {
			return i + len(sep), true
		}
	}
	return i, false
}

// markers skips 底/末 and a "by" word after a date.
func markers(s string, j int) int {
	for _, w := range []string{"底", "末"} {
		if strings.HasPrefix(s[j:], w) {
			j += len(w)
			break
		}
	}
	for _, w := range []string{"结束前", "之前", "以前", "为止", "以内", "之内", "前", "止", "内"} {
		if strings.HasPrefix(s[j:], w) {
			return j + len(w)
		}
	}
	return j
}

// valid checks the day against the month (a leap year when unknown).
func (p datePhrase) valid() bool {
	if p.m < 1 || p.m > 12 {
		return false
	}
	y := p.y
	if y == 0 {
		y = 2024
	}
	return p.d >= 0 && p.d <= daysIn(y, p.m)
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// startPeriod makes the date read so far the start of a period.
func (p *datePhrase) startPeriod() {
	p.period, p.fy, p.fm, p.fd = true, p.y, p.m, p.d
}

// from renders the start of a period as written: YYYY-MM or YYYY-MM-DD,
// the fiscal year filling a missing year (MM-DD when that is unknown too).
func (p datePhrase) from(fiscalYear int) string {
	if !p.period {
		return ""
	}
	var b []byte
	y := p.fy
	if y == 0 {
		y = fiscalYear
	}
	if y > 0 && y <= 9999 {
		b = strconv.AppendInt(b, int64(y), 10)
		b = append(b, '-')
	}
	b = append2(b, p.fm)
	if p.fd != 0 {
		b = append(b, '-')
		b = append2(b, p.fd)
	}
	return string(b)
}

func append2(b []byte, v int) []byte {
	return append(b, byte('0'+v/10), byte('0'+v%10))
}

// date resolves the phrase to YYYY-MM-DD, "" when the year is unknown.
func (p datePhrase) date(fiscalYear int) string {
	y := p.y
	if y == 0 {
		y = fiscalYear
	}
	if y <= 0 || y > 9999 {
		return ""
	}
	d := p.d
	if d == 0 {
		d = daysIn(y, p.m)
	}
	b := make([]byte, 0, 10)
	b = strconv.AppendInt(b, int64(y), 10)
	b = append(b, '-')
	b = append2(b, p.m)
	b = append(b, '-')
	b = append2(b, d)
	return string(b)
}

// ExplicitYear returns the year written in a deadline-like value
// ("2024年12月31日前…" → 2024, "2023-10-31" → 2023, "2024.03-2024.12" →
// 2024, the year of the period's end), for inferring the fiscal year of a
// table. ok is false when the value has no deadline phrase with a written
// year: "年度内完成" and "到2025年，…增长1倍以上" (a horizon, not a date)
// give none.
func ExplicitYear(raw string) (year int, ok bool) {
	p, found := findDeadline(Normalize(raw))
	if !found || !p.explicit {
		return 0, false
	}
	return p.y, true
}

// isSymbolOp reports a comparator sign. Comparator words do not stop a
// date: "达到" may precede a deadline ("达到2024年底前…" is odd but not a number).
func isSymbolOp(op string) bool {
	switch op {
	case "≥", "≤", ">", "<", "=", "±":
		return true
	}
	return false
}
