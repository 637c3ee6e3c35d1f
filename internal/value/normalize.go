package value

import (
	"strings"
	"unicode/utf8"
)

// Normalize returns the Target.Text of a raw value: LaTeX residue turned
// into ≥ ≤ %, full-width ASCII digits, letters and math signs made
// half-width, whitespace folded and dropped where Chinese text has none,
// trailing 。 . ； ; dropped. See the package doc for the full rule. It is
// idempotent.
func Normalize(raw string) string {
	if isClean(raw) {
		return raw // the common case: no allocation
	}
	s := fold(raw)
	if strings.ContainsAny(s, `$\`) {
		// Fold first so that what follows a backslash is final ("\％",
		// "\ ！"), then fold what unLaTeX produced ("≥ 90").
		s = fold(unLaTeX(s))
	}
	return s
}

// isClean reports whether fold would return s unchanged, by looking for any
// byte or rune it rewrites. It errs on the side of "not clean".
func isClean(s string) bool {
	if s == "" {
		return true
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case ' ', '\t', '\n', '\r', '\v', '\f', '$', '\\':
				return false
			case '=':
				if i > 0 && (s[i-1] == '>' || s[i-1] == '<') {
					return false
				}
			}
			i++
			continue
		}
		if c >= 0xE4 && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			i += 3 // U+4000–U+9FFF, the bulk of Chinese text: nothing to map
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if _, ok := mapRune(r); ok || isSpace(r) || isZeroWidth(r) || r == utf8.RuneError {
			return false
		}
		i += n
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return !isTrailingJunk(r)
}

// isTrailingJunk reports the sentence ends the filers add out of habit.
func isTrailingJunk(r rune) bool {
	return r == '。' || r == '.' || r == '；' || r == ';'
}

// isSpace covers ASCII and the Unicode spaces PDF extraction produces:
// U+3000 ideographic space, no-break space, the en/em/thin spaces.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', 0x3000, 0x00A0, 0x202F, 0x205F:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// isZeroWidth covers the invisible characters that break comparisons
// without separating anything; they are dropped.
func isZeroWidth(r rune) bool {
	return r == 0x200B || r == 0x200C || r == 0x200D || r == 0x2060 || r == 0xFEFF
}

// mapRune maps the characters that differ from their canonical form only by
// width or by typographic variant. Chinese punctuation is deliberately not
// here (see the package doc).
func mapRune(r rune) (rune, bool) {
	switch {
	case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
		return r - 0xFEE0, true
	}
	switch r {
	case '％', '﹪':
		return '%', true
	case '＞':
		return '>', true
	case '＜':
		return '<', true
	case '＝':
		return '=', true
	case '＋':
		return '+', true
	case '－', '−': // full-width hyphen-minus, U+2212 minus sign
		return '-', true
	case '．':
		return '.', true
	case '／':
		return '/', true
	case '≧', '⩾':
		return '≥', true
	case '≦', '⩽':
		return '≤', true
	}
	return r, false
}

func isASCIIAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }

// keepSpace decides whether a run of whitespace between prev and next
// survives: only between two ASCII letters or digits ("ISO 9001",
// "1 2"), and not between a number and the letters of its unit ("60 M").
func keepSpace(prev, next rune) bool {
	if !isASCIIAlnum(prev) || !isASCIIAlnum(next) {
		return false
	}
	return !(isASCIIDigit(prev) && !isASCIIDigit(next))
}

// fold applies the character mapping, the whitespace rule, the ">=" "<="
// ligatures and the trailing-junk trim in one pass.
func fold(s string) string {
	b := make([]byte, 0, len(s)+8)
	var prev rune = -1 // last rune written
	pendingSpace := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if isSpace(r) {
			pendingSpace = true
			continue
		}
		if isZeroWidth(r) {
			continue
		}
		if m, ok := mapRune(r); ok {
			r = m
		}
		if pendingSpace {
			pendingSpace = false
			if prev >= 0 && keepSpace(prev, r) {
				b = append(b, ' ')
				prev = ' '
			}
		}
		if r == '=' && (prev == '>' || prev == '<') {
			b = b[:len(b)-1] // ">=" → "≥": replace the '>' just written
			if prev == '>' {
				r = '≥'
			} else {
				r = '≤'
			}
		}
		b = utf8.AppendRune(b, r)
		prev = r
	}
	for len(b) > 0 {
		r, n := utf8.DecodeLastRune(b)
		if !isTrailingJunk(r) && r != ' ' {
			break
		}
		b = b[:len(b)-n]
	}
	return string(b)
}
