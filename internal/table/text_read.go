package table

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"jixiao"
)

// ReadOptions configure a reader.
type ReadOptions struct {
	File       string // file name for messages and Table.Source
	FiscalYear int    // 0: infer it from the text and say how
	// Partial reads what can be read of a workbook: rows and sheets with
	// errors are left out and listed in the error returned with the
	// tables. Text and JSON files are always read whole or not at all.
	Partial bool
}

// Result is a table as read, with notes for the user about what the reader
// decided (encoding converted, fiscal year inferred, rows it had to guess).
type Result struct {
	Table *jixiao.Table
	Notes []string
	Sheet string // the worksheet it was read from; "" for text and JSON

	pairWith string // the sheet a long sheet details ("对应工作表：…"), until the two are joined
}

// yearLabel starts the line in which our own exports give the fiscal year.
const yearLabel = "预算年度："

const (
	maxLineBytes    = 4 << 20 // a project row with hundreds of indicators is ~100 KB
	maxPreambleRows = 40      // non-blank lines before the header row
)

// ReadText reads the published text layout (DESIGN §2). It streams the
// input line by line with bounded memory and stops at the first line it
// cannot read.
func ReadText(r io.Reader, opts ReadOptions) (*Result, error) {
	text, note, err := decodeUTF8(r, opts.File)
	if err != nil {
		return nil, err
	}
	tr := &textReader{file: opts.File, flatBuilder: flatBuilder{res: &Result{Table: &jixiao.Table{Source: opts.File}}}}
	if note != "" {
		tr.res.Notes = append(tr.res.Notes, note)
	}
	sc := bufio.NewScanner(text)
	sc.Buffer(make([]byte, 64<<10), maxLineBytes)
	for sc.Scan() {
		tr.line++
		if err := tr.readLine(strings.TrimRight(sc.Text(), "\r")); err != nil {
			return nil, err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, invalid(&ParseError{File: opts.File, Line: tr.line + 1, Expected: fmt.Sprintf("不超过 %d MB 的一行", maxLineBytes>>20), Got: "过长的行（不是绩效目标表？）"})
		}
		return nil, fmt.Errorf("read %s: %w", opts.File, err)
	}
	if err := tr.finish(); err != nil {
		return nil, err
	}
	if err := completeTable(tr.res, opts); err != nil {
		return nil, err
	}
	return tr.res, nil
}

type textReader struct {
	flatBuilder
	file       string
	line       int
	preamble   int  // non-blank lines seen before the header
	headerSeen bool // the 项目名称… row
}

func (tr *textReader) fail(field, expected, got string) error {
	return invalid(&ParseError{File: tr.file, Line: tr.line, Field: field, Expected: expected, Got: got})
}

func (tr *textReader) readLine(line string) error {
	if !utf8.ValidString(line) {
		return tr.fail("", "UTF-8 文本（本行混有其他编码的字节，可能是 GBK 内容拼接进了 UTF-8 文件）", strings.ToValidUTF8(line, "�"))
	}
	if strings.TrimSpace(line) == "" {
		return nil // blank lines at page breaks
	}
	if !tr.headerSeen {
		return tr.readPreamble(line)
	}
	cells := strings.Split(line, "\t")
	name := strings.TrimSpace(cells[0])
	if len(cells) < 2 {
		return tr.fail("", "以制表符分隔的项目行（项目名称、金额、绩效目标、绩效指标）", line)
	}
	if strings.HasPrefix(name, "项目名称") {
		return nil // header repeated on a new page
	}
	if name == "" {
		return tr.fail("项目名称", "非空的项目或单位名称", line)
	}
	row, err := tr.splitRow(cells)
	if err != nil {
		return err
	}
	if p := tr.add(name, row, tr.line, line); p != nil {
		return tr.fail(p.field, p.expected, p.got)
	}
	return nil
}

// readPreamble takes the title, 单位名称 and 单位 lines, then the header row.
func (tr *textReader) readPreamble(line string) error {
	t := tr.res.Table
	s := strings.TrimSpace(line)
	tr.preamble++
	switch {
	case strings.HasPrefix(s, "项目名称") && strings.Contains(line, "\t"):
		tr.headerSeen = true
		if t.MoneyUnit == "" {
			t.MoneyUnit = jixiao.WanYuan
			tr.res.Notes = append(tr.res.Notes, "表头前没有“单位：万元”一行：金额按万元读取")
		}
		return nil
	case strings.HasPrefix(s, yearLabel):
		y, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(s, yearLabel)))
		if err != nil {
			return tr.fail("预算年度", "四位数年份，如“预算年度：2024”", s)
		}
		t.FiscalYear, t.FiscalYearSource = y, "given: "+yearLabel+strconv.Itoa(y)+" in the file"
	case strings.HasPrefix(s, "单位名称"):
		t.Org = strings.TrimSpace(cutColon(strings.TrimSpace(strings.TrimPrefix(s, "单位名称"))))
	case strings.HasPrefix(s, "单位") && hasColon(strings.TrimPrefix(s, "单位")):
		u := jixiao.MoneyUnit(strings.TrimSpace(cutColon(strings.TrimPrefix(s, "单位"))))
		if _, ok := u.FenPer(); !ok {
			return tr.fail("金额单位", "“元”“万元”或“亿元”", string(u))
		}
		t.MoneyUnit = u
	case t.Title == "" && !strings.Contains(line, "\t"):
		t.Title = s
	case strings.Contains(line, "\t"):
		return tr.fail("", "标题、“单位名称：…”、“单位：万元”或表头行“项目名称（资金使用单位）→总计→…→绩效指标”", line)
	}
	if tr.preamble >= maxPreambleRows {
		return tr.fail("", "表头行“项目名称（资金使用单位）…”", line)
	}
	return nil
}

func (tr *textReader) finish() error {
	if !tr.headerSeen {
		return invalid(&ParseError{File: tr.file, Line: tr.line, Expected: "表头行“项目名称（资金使用单位）→总计→财政拨款→财政专户拨款→其他资金→绩效目标→绩效指标”", Got: "文件结束"})
	}
	if m := tr.flatBuilder.finish(); m != nil {
		line := tr.line
		if m.atTop {
			line = 1
		}
		return invalid(&ParseError{File: tr.file, Line: line, Expected: m.expected, Got: m.got})
	}
	return nil
}
