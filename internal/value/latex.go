package value

// LaTeX residue: the PDF-to-text tool that produced the published tables
// turned ≥ into "$\geq$" and "90%" into "$\geq 90\%$". unLaTeX undoes the
// few constructs that occur in targets; other commands lose only their
// backslash, so that review can still show what was written.

// latexSymbols maps a command name to its text.
var latexSymbols = map[string]string{
	"geq": "≥", "ge": "≥", "geqslant": "≥",
	"leq": "≤", "le": "≤", "leqslant": "≤",
	"gt": ">", "lt": "<",
	"pm": "±", "times": "×", "cdot": "·", "sim": "~", "approx": "≈",
	"neq": "≠", "ne": "≠",
	"quad": " ", "qquad": " ",
	// wrappers: the command goes, its braced argument stays
	"text": "", "mathrm": "", "mathbf": "", "rm": "", "textrm": "", "mbox": "",
}

// unLaTeX unwraps $…$ pairs whose content is not Chinese (a "$" between
// Chinese words is more likely a dollar sign than math) and replaces the
// known commands anywhere. Inside math, braces are dropped and ^2 ^3
// become ² ³. The output contains no unwrappable pair, which keeps
// Normalize idempotent.
func unLaTeX(s string) string {
	b := make([]byte, 0, len(s))
	inMath := false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '$':
			i++
			if inMath {
				inMath = false
				continue
			}
			if j := nextDollar(s, i); j >= 0 && !hasHan(s[i:j]) {
				inMath = true
				continue
			}
			b = append(b, '$')
		case c == '\\':
			b, i = latexCommand(s, i, b, inMath)
		case inMath && (c == '{' || c == '}'):
			i++
		case inMath && c == '^':
			sup, n := superscript(s[i+1:])
			if n == 0 {
				b = append(b, c)
				i++
				continue
			}
			b = append(b, sup...)
			i += 1 + n
		default:
			b = append(b, c)
			i++
		}
	}
	return string(b)
}

// nextDollar finds the next '$' that is not escaped as "\$".
func nextDollar(s string, i int) int {
	for ; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++ // skip the escaped byte
		case '$':
			return i
		}
	}
	return -1
}

// hasHan reports Chinese characters or Chinese punctuation.
func hasHan(s string) bool {
	for _, r := range s {
		if isHan(r) {
			return true
		}
	}
	return false
}

func isHan(r rune) bool {
	return r >= 0x3400 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0x20000 && r <= 0x3FFFF || r > 0x3000 && r <= 0x303F // not U+3000: fold turns it into a space
}

func superscript(s string) (string, int) {
	switch {
	case len(s) >= 1 && s[0] == '2':
		return "²", 1
	case len(s) >= 1 && s[0] == '3':
		return "³", 1
	case len(s) >= 3 && s[0] == '{' && s[2] == '}' && s[1] == '2':
		return "²", 3
	case len(s) >= 3 && s[0] == '{' && s[2] == '}' && s[1] == '3':
		return "³", 3
	}
	return "", 0
}

// maxTextArg bounds the argument of \text{…} outside math, which keeps
// unbalanced garbage linear.
const maxTextArg = 64

// latexCommand handles the backslash at s[i] and returns the new position.
func latexCommand(s string, i int, b []byte, inMath bool) ([]byte, int) {
	j := i + 1
	for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
		j++
	}
	if j > i+1 {
		name := s[i+1 : j]
		rep, ok := latexSymbols[name]
		if !ok {
			// An unknown command loses its backslash. Keeping it would let
			// an unwrapped pair complete it on the next pass ("\g$e$" →
			// "\ge"), and Normalize must be idempotent.
			return append(b, name...), j
		}
		if rep == "" && !inMath && j < len(s) && s[j] == '{' {
			// \text{…} outside math: keep the argument, drop its braces.
			if k := indexByteFrom(s[:min(len(s), j+maxTextArg)], '}', j); k > 0 {
				return append(b, s[j+1:k]...), k + 1
			}
		}
		return append(b, rep...), j
	}
	if j >= len(s) {
		return append(b, '\\'), j
	}
	switch c := s[j]; c {
	case '%', '{', '}', '_', '&', '#':
		return append(b, c), j + 1
	case ',', ';', '!', ':', ' ', '\\':
		return append(b, ' '), j + 1
	case '$':
		return append(b, '\\', '$'), j + 1 // an escaped dollar stays escaped
	}
	return append(b, '\\'), j
}

func indexByteFrom(s string, c byte, from int) int {
	for k := from; k < len(s); k++ {
		if s[k] == c {
			return k
		}
	}
	return -1
}
