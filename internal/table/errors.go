package table

import (
	"fmt"

	"jixiao"
)

// ParseError says where a file could not be read and what was expected there.
type ParseError struct {
	File     string // file name as given; "" for a stream without a name
	Line     int    // 1-based; 0 when the error is about the whole file
	Field    string // 总计, 绩效指标第 3 个 … ; "" when the whole line is wrong
	Expected string // what the reader wanted, in Chinese
	Got      string // what it found, shortened
}

func (e *ParseError) Error() string {
	loc := e.File
	if loc == "" {
		loc = "<输入>"
	}
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", loc, e.Line)
	}
	msg := loc + ": "
	if e.Field != "" {
		msg += e.Field + ": "
	}
	msg += "应为" + e.Expected
	if e.Got != "" {
		msg += "，实际为 “" + shorten(e.Got, 60) + "”"
	}
	return msg
}

// invalid wraps a ParseError as the domain's invalid-input error, so callers
// can map it to exit status 1 or HTTP 422 without knowing this package.
func invalid(pe *ParseError) error {
	return &jixiao.Error{Code: jixiao.EINVALID, Message: pe.Error(), Err: pe}
}

func shorten(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max]) + "…"
}
