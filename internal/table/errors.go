package table

import (
	"fmt"
	"strconv"
	"strings"

	"jixiao"
)

// ParseError says where a file could not be read and what was expected there.
type ParseError struct {
	File     string // file name as given; "" for a stream without a name
	Sheet    string // worksheet of a workbook; "" for text and JSON
	Cell     string // cell of a worksheet ("B7"); "" when the error is about a whole row or sheet
	Line     int    // 1-based line of a text file or row of a worksheet; 0 when the error is about the whole file or sheet
	Field    string // 总计, 绩效指标第 3 个 … ; "" when the whole line is wrong
	Expected string // what the reader wanted, in Chinese
	Got      string // what it found, shortened
	Found    string // for a missing header: the headers that were there, in full
}

// Place names where the error is: "t.txt:7", or "book.xlsx!Sheet1!B7"
// for a workbook (file, sheet and cell, as Excel writes references).
func (e *ParseError) Place() string {
	loc := e.File
	if loc == "" {
		loc = "<输入>"
	}
	switch {
	case e.Sheet != "":
		loc += "!" + e.Sheet
		if e.Cell != "" {
			loc += "!" + e.Cell
		} else if e.Line > 0 {
			loc += "!第 " + strconv.Itoa(e.Line) + " 行"
		}
	case e.Line > 0:
		loc = fmt.Sprintf("%s:%d", loc, e.Line)
	}
	return loc
}

func (e *ParseError) Error() string {
	msg := e.Place() + ": "
	if e.Field != "" {
		msg += e.Field + ": "
	}
	msg += "应为" + e.Expected
	if e.Got != "" {
		msg += "，实际为 “" + shorten(e.Got, 60) + "”"
	}
	if e.Found != "" {
		msg += "；找到的是：" + e.Found
	}
	return msg
}

// ParseErrors is every place a reader could not read, in reading order. A
// workbook reader reports them all at once, so that a filer fixes a sheet
// in one go rather than one cell per attempt.
type ParseErrors []*ParseError

// maxListed is how many places an error message lists.
const maxListed = 20

func (es ParseErrors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i == maxListed {
			fmt.Fprintf(&b, "\n……另有 %d 处错误", len(es)-maxListed)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap lets errors.As find the first *ParseError.
func (es ParseErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// invalid wraps a ParseError as the domain's invalid-input error, so callers
// can map it to exit status 1 or HTTP 422 without knowing this package.
func invalid(pe *ParseError) error {
	return &jixiao.Error{Code: jixiao.EINVALID, Message: pe.Error(), Err: pe}
}

// invalidAll is invalid for several places; nil when there are none.
func invalidAll(es ParseErrors) error {
	switch len(es) {
	case 0:
		return nil
	case 1:
		return invalid(es[0])
	}
	return &jixiao.Error{Code: jixiao.EINVALID, Message: es.Error(), Err: es}
}

func shorten(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max]) + "…"
}
