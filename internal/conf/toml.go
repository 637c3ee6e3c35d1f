package conf

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// DecodeTOML reads the subset of TOML a settings file needs into the same
// generic shape DecodeJSON produces (map[string]any, []any, string,
// int64, float64, bool): comments, [table] and [[array of tables]]
// headers, bare/quoted/dotted keys, basic and literal strings, integers,
// floats, booleans, arrays (multi-line allowed) and inline tables.
// Multi-line strings and dates are rejected with the line number; a
// settings file has no use for them. Keeping this small parser avoids a
// dependency for a few dozen keys.
func DecodeTOML(b []byte) (map[string]any, error) {
	if !utf8.Valid(b) {
		return nil, fmt.Errorf("TOML 文件应为 UTF-8 编码")
	}
	p := &tomlParser{s: string(b), line: 1}
	root := map[string]any{}
	cur := root
	for {
		p.skipBlank(true)
		if p.eof() {
			return root, nil
		}
		if p.peek() == '[' {
			arr := strings.HasPrefix(p.s[p.i:], "[[")
			if arr {
				p.i += 2
			} else {
				p.i++
			}
			p.skipBlank(false)
			path, err := p.keyPath()
			if err != nil {
				return nil, err
			}
			p.skipBlank(false)
			closing := "]"
			if arr {
				closing = "]]"
			}
			if !strings.HasPrefix(p.s[p.i:], closing) {
				return nil, p.errf("表头应以 %s 结束", closing)
			}
			p.i += len(closing)
			if cur, err = p.header(root, path, arr); err != nil {
				return nil, err
			}
		} else {
			if err := p.keyValue(cur); err != nil {
				return nil, err
			}
		}
		if err := p.lineEnd(); err != nil {
			return nil, err
		}
	}
}

type tomlParser struct {
	s    string
	i    int
	line int
}

func (p *tomlParser) eof() bool  { return p.i >= len(p.s) }
func (p *tomlParser) peek() byte { return p.s[p.i] }

func (p *tomlParser) errf(format string, args ...any) error {
	return fmt.Errorf("第 %d 行：%s", p.line, fmt.Sprintf(format, args...))
}

// skipBlank skips spaces and comments, and newlines too when nl is set.
func (p *tomlParser) skipBlank(nl bool) {
	for !p.eof() {
		switch c := p.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			p.i++
		case c == '#':
			for !p.eof() && p.peek() != '\n' {
				p.i++
			}
		case c == '\n' && nl:
			p.i++
			p.line++
		default:
			return
		}
	}
}

func (p *tomlParser) lineEnd() error {
	p.skipBlank(false)
	if p.eof() {
		return nil
	}
	if p.peek() != '\n' {
		return p.errf("一行只能有一个键值对，多出了 %q", clip(strings.SplitN(p.s[p.i:], "\n", 2)[0], 20))
	}
	return nil
}

func (p *tomlParser) keyPath() ([]string, error) {
	var path []string
	for {
		k, err := p.key()
		if err != nil {
			return nil, err
		}
		path = append(path, k)
		p.skipBlank(false)
		if p.eof() || p.peek() != '.' {
			return path, nil
		}
		p.i++
		p.skipBlank(false)
	}
}

func (p *tomlParser) key() (string, error) {
	if p.eof() {
		return "", p.errf("缺少键名")
	}
	switch p.peek() {
	case '"':
		return p.basicString()
	case '\'':
		return p.literalString()
	}
	start := p.i
	for !p.eof() {
		c := p.peek()
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' {
			p.i++
			continue
		}
		break
	}
	if p.i == start {
		return "", p.errf("应为键名（字母、数字、-、_，或带引号），实际为 %q", clip(p.s[p.i:min(len(p.s), p.i+12)], 12))
	}
	return p.s[start:p.i], nil
}

func (p *tomlParser) value() (any, error) {
	if p.eof() || p.peek() == '\n' {
		return nil, p.errf("= 之后缺少值")
	}
	switch c := p.peek(); {
	case strings.HasPrefix(p.s[p.i:], `"""`) || strings.HasPrefix(p.s[p.i:], "'''"):
		return nil, p.errf("设置文件不支持多行字符串")
	case c == '"':
		return p.basicString()
	case c == '\'':
		return p.literalString()
	case c == '[':
		return p.array()
	case c == '{':
		return p.inlineTable()
	case strings.HasPrefix(p.s[p.i:], "true"):
		p.i += 4
		return true, nil
	case strings.HasPrefix(p.s[p.i:], "false"):
		p.i += 5
		return false, nil
	}
	return p.number()
}

func (p *tomlParser) number() (any, error) {
	start := p.i
	for !p.eof() && strings.IndexByte("+-0123456789._eE", p.peek()) >= 0 {
		p.i++
	}
	raw := p.s[start:p.i]
	if raw == "" {
		return nil, p.errf("应为字符串、数字、布尔值、数组或表，实际为 %q", clip(p.s[start:min(len(p.s), start+12)], 12))
	}
	s := strings.ReplaceAll(raw, "_", "")
	if !strings.ContainsAny(s, ".eE") {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n, nil
		}
	} else if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f, nil
	}
	return nil, p.errf("%q 不是数字（设置文件不支持日期）", raw)
}

func (p *tomlParser) basicString() (string, error) {
	p.i++ // "
	var b strings.Builder
	for {
		if p.eof() || p.peek() == '\n' {
			return "", p.errf("字符串缺少结尾的 \"")
		}
		c := p.peek()
		p.i++
		switch c {
		case '"':
			return b.String(), nil
		case '\\':
			if p.eof() {
				return "", p.errf("字符串缺少结尾的 \"")
			}
			e := p.peek()
			p.i++
			switch e {
			case '"', '\\':
				b.WriteByte(e)
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'u', 'U':
				n := 4
				if e == 'U' {
					n = 8
				}
				if p.i+n > len(p.s) {
					return "", p.errf("\\%c 之后应有 %d 位十六进制数", e, n)
				}
				r, err := strconv.ParseUint(p.s[p.i:p.i+n], 16, 32)
				if err != nil {
					return "", p.errf("\\%c 之后应有 %d 位十六进制数", e, n)
				}
				p.i += n
				b.WriteRune(rune(r))
			default:
				return "", p.errf("字符串中不支持的转义 \\%c", e)
			}
		default:
			b.WriteByte(c)
		}
	}
}

func (p *tomlParser) literalString() (string, error) {
	p.i++ // '
	end := strings.IndexAny(p.s[p.i:], "'\n")
	if end < 0 || p.s[p.i+end] != '\'' {
		return "", p.errf("字符串缺少结尾的 '")
	}
	s := p.s[p.i : p.i+end]
	p.i += end + 1
	return s, nil
}

func (p *tomlParser) array() ([]any, error) {
	p.i++ // [
	out := []any{}
	for {
		p.skipBlank(true)
		if p.eof() {
			return nil, p.errf("数组缺少结尾的 ]")
		}
		if p.peek() == ']' {
			p.i++
			return out, nil
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		p.skipBlank(true)
		if p.eof() {
			return nil, p.errf("数组缺少结尾的 ]")
		}
		switch p.peek() {
		case ',':
			p.i++
		case ']':
		default:
			return nil, p.errf("数组元素之间应为逗号")
		}
	}
}

func (p *tomlParser) inlineTable() (map[string]any, error) {
	p.i++ // {
	out := map[string]any{}
	for first := true; ; first = false {
		p.skipBlank(false)
		if p.eof() || p.peek() == '\n' {
			return nil, p.errf("内联表缺少结尾的 }")
		}
		if p.peek() == '}' && first {
			p.i++
			return out, nil
		}
		if err := p.keyValue(out); err != nil {
			return nil, err
		}
		p.skipBlank(false)
		if p.eof() {
			return nil, p.errf("内联表缺少结尾的 }")
		}
		switch p.peek() {
		case ',':
			p.i++
		case '}':
			p.i++
			return out, nil
		default:
			return nil, p.errf("内联表的键值对之间应为逗号")
		}
	}
}

// set assigns v at a dotted path below m, creating tables on the way.
func (p *tomlParser) set(m map[string]any, path []string, v any) error {
	for _, k := range path[:len(path)-1] {
		switch x := m[k].(type) {
		case nil:
			t := map[string]any{}
			m[k] = t
			m = t
		case map[string]any:
			m = x
		default:
			return p.errf("键 %q 已是一个值，不能再作为表", k)
		}
	}
	last := path[len(path)-1]
	if _, dup := m[last]; dup {
		return p.errf("键 %q 重复", strings.Join(path, "."))
	}
	m[last] = v
	return nil
}

// header returns the table a [path] or [[path]] header opens.
func (p *tomlParser) header(root map[string]any, path []string, arr bool) (map[string]any, error) {
	m := root
	for _, k := range path[:len(path)-1] {
		switch x := m[k].(type) {
		case nil:
			t := map[string]any{}
			m[k] = t
			m = t
		case map[string]any:
			m = x
		case []any:
			if len(x) == 0 {
				return nil, p.errf("表头 %q 无效", strings.Join(path, "."))
			}
			t, ok := x[len(x)-1].(map[string]any)
			if !ok {
				return nil, p.errf("键 %q 已是一个值，不能再作为表", k)
			}
			m = t
		default:
			return nil, p.errf("键 %q 已是一个值，不能再作为表", k)
		}
	}
	last := path[len(path)-1]
	if arr {
		list, ok := m[last].([]any)
		if m[last] != nil && !ok {
			return nil, p.errf("键 %q 已定义，不能再作为表数组", last)
		}
		t := map[string]any{}
		m[last] = append(list, t)
		return t, nil
	}
	switch x := m[last].(type) {
	case nil:
		t := map[string]any{}
		m[last] = t
		return t, nil
	case map[string]any:
		return x, nil
	}
	return nil, p.errf("键 %q 已是一个值，不能再作为表", last)
}

// keyValue reads `key.path = value` and stores the value in dst: the same
// at the top level, in a [table] and in an inline { … } table.
func (p *tomlParser) keyValue(dst map[string]any) error {
	path, err := p.keyPath()
	if err != nil {
		return err
	}
	p.skipBlank(false)
	if p.eof() || p.peek() != '=' {
		return p.errf("键 %q 之后应为 =", strings.Join(path, "."))
	}
	p.i++
	p.skipBlank(false)
	v, err := p.value()
	if err != nil {
		return err
	}
	return p.set(dst, path, v)
}

// clip shortens s to n runes, marking the cut with "…".
func clip(s string, n int) string {
	k := 0
	for i := range s {
		if k == n {
			return s[:i] + "…"
		}
		k++
	}
	return s
}
