package pdfdoc

import (
	"strings"
	"unicode"
)

// Closing marks never start a line and opening marks never end one (the
// 禁则 of Chinese typesetting). A closing mark at a break takes the
// character before it to the next line (推出); a word of Latin letters
// and digits ("2024-12-31", "27,793.94", "≥90%") is not broken unless it
// is wider than the line.
const (
	closing = "，。、；：？！）》」』”’〉】〕〗…—·%‰℃,.;:!?)]}"
	opening = "（《「『“‘〈【〔〖([{"
)

func isClosing(r rune) bool { return strings.ContainsRune(closing, r) }
func isOpening(r rune) bool { return strings.ContainsRune(opening, r) }

// inWord reports characters that join into one unbreakable word: Latin
// letters, digits, and the marks inside numbers and dates.
func inWord(r rune) bool {
	return r < 0x2E80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) || strings.ContainsRune("-+./:,_#&@≥≤><=±~", r)
}

// atom is the smallest piece a line is built of.
type atom struct {
	text  string
	space bool // a run of white space: a break opportunity that vanishes at a break
}

// atoms splits one paragraph into atoms: each Chinese character, each
// word, each run of spaces; closing marks stick to the atom before them
// and opening marks to the atom after them.
func atoms(s string) []atom {
	var out []atom
	var word, prefix strings.Builder
	flushWord := func() {
		if word.Len() > 0 {
			out = append(out, atom{text: prefix.String() + word.String()})
			prefix.Reset()
			word.Reset()
		}
	}
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			flushWord()
			if prefix.Len() > 0 { // an opening mark before a space: keep it as text
				out = append(out, atom{text: prefix.String()})
				prefix.Reset()
			}
			if n := len(out); n > 0 && out[n-1].space {
				continue
			}
			out = append(out, atom{text: " ", space: true})
		case isClosing(r) && !(inWord(r) && word.Len() > 0):
			flushWord()
			// An opening mark still waiting ("（%）") closes with it.
			glued := prefix.String() + string(r)
			prefix.Reset()
			n := len(out)
			switch {
			case n > 0 && !out[n-1].space:
				out[n-1].text += glued
			case n > 1: // after a space: the space is kept, unbreakable
				out[n-2].text += " " + glued
				out = out[:n-1]
			default:
				out = append(out, atom{text: glued})
			}
		case isOpening(r):
			flushWord()
			prefix.WriteRune(r)
		case inWord(r):
			word.WriteRune(r)
		default: // a Chinese character, or any other symbol: an atom of its own
			flushWord()
			out = append(out, atom{text: prefix.String() + string(r)})
			prefix.Reset()
		}
	}
	flushWord()
	if prefix.Len() > 0 {
		out = append(out, atom{text: prefix.String()})
	}
	return out
}

// Wrap breaks text into lines no wider than width, as measured by w (the
// width of one character). Line breaks in the text are kept. Only a single
// atom wider than the whole line is cut inside; even then a closing mark
// stays on the line before it.
func Wrap(text string, width float64, w func(rune) float64) []string {
	var lines []string
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		lines = append(lines, wrapParagraph(para, width, w)...)
	}
	return lines
}

func wrapParagraph(para string, width float64, w func(rune) float64) []string {
	measure := func(s string) float64 {
		x := 0.0
		for _, r := range s {
			x += w(r)
		}
		return x
	}
	var lines []string
	var line strings.Builder
	x := 0.0
	pendingSpace := false
	newLine := func() {
		lines = append(lines, line.String())
		line.Reset()
		x, pendingSpace = 0, false
	}
	for _, a := range atoms(para) {
		if a.space {
			pendingSpace = line.Len() > 0
			continue
		}
		aw := measure(a.text)
		sw := 0.0
		if pendingSpace {
			sw = w(' ')
		}
		switch {
		case x+sw+aw <= width:
		case line.Len() > 0 && aw <= width:
			newLine()
			sw = 0
		default: // wider than a line: cut it, character by character
			if line.Len() > 0 && x+sw+w(firstRune(a.text)) > width {
				newLine()
				sw = 0
			}
			if sw > 0 {
				line.WriteByte(' ')
				x += sw
			}
			pendingSpace = false
			for _, r := range a.text {
				rw := w(r)
				if x+rw > width && line.Len() > 0 && !isClosing(r) {
					newLine()
				}
				line.WriteRune(r)
				x += rw
			}
			continue
		}
		if sw > 0 {
			line.WriteByte(' ')
			x += sw
		}
		pendingSpace = false
		line.WriteString(a.text)
		x += aw
	}
	if line.Len() > 0 || len(lines) == 0 {
		lines = append(lines, line.String())
	}
	return lines
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}
