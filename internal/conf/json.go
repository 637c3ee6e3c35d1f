package conf

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// Decode reads a settings file's bytes: JSON when the name ends in .json,
// TOML when it ends in .toml, and otherwise JSON when the content starts
// with '{'.
func Decode(name string, b []byte) (map[string]any, error) {
	ext := filepath.Ext(name)
	isJSON := strings.EqualFold(ext, ".json") ||
		!strings.EqualFold(ext, ".toml") && bytes.HasPrefix(bytes.TrimSpace(b), []byte("{"))
	if isJSON {
		return DecodeJSON(b)
	}
	return DecodeTOML(b)
}

// DecodeJSON reads one JSON object, numbers kept as json.Number (exact
// text). A syntax error names its line and column.
func DecodeJSON(b []byte) (map[string]any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line, col := LineCol(b, se.Offset)
			return nil, fmt.Errorf("第 %d 行第 %d 列 JSON 语法错误：%v", line, col, se)
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, fmt.Errorf("应为一个 JSON 对象（{…}），实际为 %s", te.Value)
		}
		return nil, fmt.Errorf("JSON 无法读取：%v", err)
	}
	if d.More() {
		return nil, fmt.Errorf("JSON 对象之后还有多余内容")
	}
	return m, nil
}

// LineCol turns a byte offset of b into a 1-based line and column, for
// messages about JSON that name the place.
func LineCol(b []byte, off int64) (int, int) {
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	line, col := 1, 1
	for _, c := range b[:off] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

// TypeName names the generic type of a decoded value in Chinese, for
// messages such as "应为数字，实际为字符串".
func TypeName(v any) string {
	switch v.(type) {
	case nil:
		return "空值"
	case string:
		return "字符串"
	case bool:
		return "布尔值"
	case json.Number, int64, float64:
		return "数字"
	case []any:
		return "数组"
	case map[string]any:
		return "表（对象）"
	}
	return fmt.Sprintf("%T", v)
}

// Describe shows a decoded value with its type: `字符串 "x"`, `数字 3`.
func Describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "（缺失）"
	case string:
		return fmt.Sprintf("字符串 %q", x)
	case json.Number:
		return "数字 " + x.String()
	case int64, float64, bool:
		return fmt.Sprintf("%s %v", TypeName(v), x)
	}
	return TypeName(v)
}
