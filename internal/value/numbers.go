package value

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"jixiao"
)

// number is one number found in a normalised text.
type number struct {
	start, end int // byte span in the text, sign included
	val        jixiao.Decimal
	signed     bool // starts with '-' or '+', which may turn out to be a range separator
	han        bool // written in Chinese numerals (三个, 两次)
	weak       bool // bare 一: counts only with an explicit comparator ("不少于一次")
}

// findNumbers appends to buf the numbers of s that can be a target's
// number, skipping the byte range [skipFrom, skipTo) (a date phrase) and
// numbers that are something else:
//
//   - years: 4 digits 1900–2199 followed by 年 ("到2025年", "比2022年");
//   - fractions: "2/5的村集体" — both parts belong to the words;
//   - ordinals and list marks: "第2批", "3、";
//   - identifiers: digits glued to a preceding ASCII letter ("G20", "ISO9001")
//     and dotted section numbers ("1.2.3");
//   - numbers inside quotes or titles: 《…》 “…” 「…」.
func findNumbers(s string, buf []number, skipFrom, skipTo int) []number {
	quote := 0
	for i := 0; i < len(s); {
		if i >= skipFrom && i < skipTo {
			i = skipTo
			continue
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			switch r {
			case '《', '“', '「', '『':
				quote++
			case '》', '”', '」', '』':
				if quote > 0 {
					quote--
				}
			default:
				if quote == 0 && hanDigit(r) >= 0 {
					if num, end, ok := scanHanNumber(s, i); ok {
						buf = append(buf, num)
						i = end
						continue
					} else if end > i {
						i = end
						continue
					}
				}
			}
			i += n
			continue
		}
		if c == '"' {
			quote ^= 1 // ASCII quotes pair up; good enough for the rare case
			i++
			continue
		}
		if !isDigitByte(c) {
			i++
			continue
		}
		end, digits := scanDigits(s, i)
		if quote > 0 || !plainNumber(s, i, end) {
			i = skipIdentifier(s, end)
			continue
		}
		num := number{start: i, end: end}
		if i > 0 && (s[i-1] == '-' || s[i-1] == '+') && (i < 2 || !isASCIIAlnum(rune(s[i-2]))) {
			num.start, num.signed = i-1, true
			if s[i-1] == '-' {
				digits = "-" + digits
			}
		}
		d, ok := decimal(digits)
		if !ok { // cannot happen for scanned digits; be safe
			i = end
			continue
		}
		num.val = d
		buf = append(buf, num)
		i = end
	}
	return buf
}

// smallInts holds the decimals 0–999, the numbers of nearly every target,
// so that the hot path does not reparse "100" and "90" each time.
var smallInts [1000]jixiao.Decimal

func init() {
	for n := range smallInts {
		smallInts[n] = jixiao.MustDecimal(strconv.Itoa(n))
	}
}

// decimal converts scanned digits (optional '-', digits, optional
// fraction, no commas) to a Decimal.
func decimal(digits string) (jixiao.Decimal, bool) {
	if n := len(digits); n >= 1 && n <= 3 && (n == 1 || digits[0] != '0') {
		v := 0
		for k := 0; k < n; k++ {
			if !isDigitByte(digits[k]) {
				v = -1
				break
			}
			v = v*10 + int(digits[k]-'0')
		}
		if v >= 0 {
			return smallInts[v], true
		}
	}
	d, err := jixiao.ParseDecimal(digits)
	return d, err == nil
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// scanDigits reads digits, thousands groups (",ddd" after a 1–3 digit lead)
// and a decimal fraction from s[i:]. digits is the number without commas.
func scanDigits(s string, i int) (end int, digits string) {
	j := i
	for j < len(s) && isDigitByte(s[j]) {
		j++
	}
	grouped := false
	if j-i <= 3 {
		for j+3 < len(s) && s[j] == ',' && isDigitByte(s[j+1]) && isDigitByte(s[j+2]) && isDigitByte(s[j+3]) &&
			(j+4 == len(s) || !isDigitByte(s[j+4])) {
			j += 4
			grouped = true
		}
	}
	if j+1 < len(s) && s[j] == '.' && isDigitByte(s[j+1]) {
		j++
		for j < len(s) && isDigitByte(s[j]) {
			j++
		}
	}
	if grouped {
		return j, strings.ReplaceAll(s[i:j], ",", "")
	}
	return j, s[i:j]
}

// plainNumber reports whether the digits at s[i:end] can be a target's
// number (see findNumbers for what is excluded).
func plainNumber(s string, i, end int) bool {
	if i > 0 {
		p := s[i-1]
		if isASCIILetter(p) || p == '.' && i > 1 && isDigitByte(s[i-2]) {
			return false // G20, ISO9001, 1.2.3
		}
		if p == '/' && i > 1 && isDigitByte(s[i-2]) {
			return false // denominator
		}
		if strings.HasSuffix(s[:i], "第") {
			return false
		}
	}
	rest := s[end:]
	switch {
	case len(rest) >= 2 && rest[0] == '/' && isDigitByte(rest[1]):
		return false // numerator of 2/5
	case len(rest) >= 2 && rest[0] == '.' && isDigitByte(rest[1]):
		return false // 1.2.3: a section number, not a decimal
	case strings.HasPrefix(rest, "、"):
		return false
	case strings.HasPrefix(rest, "年") && end-i == 4:
		if y, _ := strconv.Atoi(s[i:end]); y >= 1900 && y < 2200 {
			return false
		}
	}
	return true
}

// skipIdentifier moves past the rest of an excluded alphanumeric run
// ("1.2.3", "2/5").
func skipIdentifier(s string, i int) int {
	for i < len(s) && (isDigitByte(s[i]) || s[i] == '.' || s[i] == '/') && i+1 <= len(s) {
		if (s[i] == '.' || s[i] == '/') && (i+1 == len(s) || !isDigitByte(s[i+1])) {
			break
		}
		i++
	}
	return i
}

// hanDigit is the value of a Chinese numeral character, -1 if none, and
// 10/100/1000 for 十 百 千.
func hanDigit(r rune) int {
	switch r {
	case '〇', '零':
		return 0
	case '一':
		return 1
	case '二', '两':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	case '十':
		return 10
	case '百':
		return 100
	case '千':
		return 1000
	}
	return -1
}

// hanNoNumberBefore lists characters after which a numeral is part of a
// word, not a count: 第三 (ordinal), 前三 (first three), 之一, 统一, 唯一,
// 进一步, 同一, 单一, 逐一, 万一, 初一, 每一.
const hanNoNumberBefore = "第前后之统唯进同单逐万初每其"

// scanHanNumber reads a Chinese numeral at s[i:] that is followed by a base
// unit ("三个", "两次", "二十家"). ok is false when it is not a count; end
// is then where scanning may resume.
func scanHanNumber(s string, i int) (num number, end int, ok bool) {
	j := i
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if hanDigit(r) < 0 {
			break
		}
		j += n
	}
	if p, _ := utf8.DecodeLastRuneInString(s[:i]); i > 0 && strings.ContainsRune(hanNoNumberBefore, p) {
		return number{}, j, false
	}
	v, valid := parseHan(s[i:j])
	if !valid {
		return number{}, j, false
	}
	if _, _, hasBase := scanUnit(s, j); !hasBase {
		return number{}, j, false
	}
	return number{start: i, end: j, val: jixiao.MustDecimal(strconv.Itoa(v)), han: true, weak: v == 1 && j-i == len("一")}, j, true
}

// parseHan parses 一 … 九千九百九十九 with the usual omissions (十五, 二十,
// 一百零五). It rejects digit strings ("一二") and disordered multipliers.
func parseHan(s string) (int, bool) {
	total, digit, lastMul := 0, -1, 10000
	zero := false
	for _, r := range s {
		d := hanDigit(r)
		switch {
		case d == 0:
			if digit > 0 {
				return 0, false
			}
			digit, zero = -1, true
		case d < 10:
			if digit > 0 {
				return 0, false
			}
			digit = d
		default:
			if d >= lastMul {
				return 0, false
			}
			if digit < 0 {
				if d != 10 || total != 0 {
					return 0, false // 百 / 千 need a digit; only a leading 十 stands alone
				}
				digit = 1
			}
			total += digit * d
			digit, lastMul = -1, d
		}
	}
	if digit > 0 {
		if lastMul >= 100 && lastMul < 10000 && !zero {
			return 0, false // 三千五 is 3500 in speech, 3005 by the rules: refuse to guess
		}
		total += digit
	}
	return total, total > 0
}
