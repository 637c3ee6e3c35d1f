package chart

import (
	"encoding/xml"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ellipsis marks a cut label. It is measured as full width: CJK fonts draw
// it as wide as a Han character.
const ellipsis = "…"

// clean makes a label fit for one line of SVG text: invalid UTF-8 becomes
// U+FFFD, control characters and line breaks become spaces, runs of white
// space become one space, and the ends are trimmed. Filers' names come from
// PDFs and spreadsheets and carry all of these.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// esc escapes s for SVG text and for a double-quoted attribute. It is
// encoding/xml's escaper: & < > " ' are escaped, and characters XML does not
// allow at all (most C0 controls, U+FFFE) become U+FFFD, so the output always
// parses.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder never fails
	return b.String()
}

// runeWidth is the approximate advance of r in em. The few ASCII glyphs
// far wider than 0.55em in every sans font (% @ M W m w) get their own
// width: a percentage column measured at 0.55em per rune came out clipped.
func runeWidth(r rune) float64 {
	switch {
	case r < 0x20 || r == 0x7f:
		return 0
	case r == '%' || r == '@' || r == 'M' || r == 'W' || r == 'm' || r == 'w':
		return 0.9
	case r >= 'A' && r <= 'Z':
		return 0.65
	case r < 0x7f:
		return 0.55
	case zeroWidth(r):
		return 0
	case wide(r):
		return 1
	}
	return 0.6
}

// zeroWidth reports runes drawn on the rune before them: combining marks,
// joiners, variation selectors.
func zeroWidth(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me) ||
		(r >= 0x200B && r <= 0x200F) || r == 0x2060 ||
		(r >= 0xFE00 && r <= 0xFE0F) || (r >= 0xE0100 && r <= 0xE01EF)
}

// wide reports runes a CJK font draws full width: Han, kana, Hangul, CJK
// and full-width punctuation, the quotes, dashes and ellipsis of Chinese
// text, and emoji.
func wide(r rune) bool {
	switch {
	case r == '—' || r == '…' || r == '“' || r == '”' || r == '‘' || r == '’' || r == '·':
		return true
	case r >= 0x1100 && r <= 0x115F, // Hangul Jamo
		r >= 0x2E80 && r <= 0xA4CF, // CJK radicals … Yi, includes 、。《》 and Han
		r >= 0xAC00 && r <= 0xD7A3, // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF, // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60, // full-width forms: （），：；
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x1F300 && r <= 0x1FAFF, // emoji
		r >= 0x20000 && r <= 0x3FFFD: // CJK extensions B…
		return true
	}
	return false
}

// textWidth is the approximate width of s in em.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += runeWidth(r)
	}
	return w
}

// truncate cuts s to at most maxEm em, ending it with "…" when it is cut.
// It cuts between runes, never inside one, and never between a rune and
// the combining marks or joiners that follow it. When not even "…" fits,
// it returns "…" alone: a cut label must look cut.
func truncate(s string, maxEm float64) string {
	const eps = 1e-9 // widths are sums of floats: 3 × 1em may exceed 39px / 13px
	if textWidth(s) <= maxEm+eps {
		return s
	}
	room := maxEm - runeWidth('…') + eps
	w, end := 0.0, 0
	for i, r := range s {
		w += runeWidth(r)
		if w > room {
			break
		}
		end = i + utf8.RuneLen(r)
	}
	// The rune after the cut may belong to the one before it (é as e +
	// U+0301, an emoji with a variation selector or ZWJ): back up past the
	// whole cluster rather than leave half of it.
	for end > 0 {
		next, _ := utf8.DecodeRuneInString(s[end:])
		last, size := utf8.DecodeLastRuneInString(s[:end])
		if !zeroWidth(next) && last != '\u200D' {
			break
		}
		end -= size
	}
	return strings.TrimRight(s[:end], " ") + ellipsis
}
