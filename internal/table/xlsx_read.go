package table

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"jixiao"
)

// ReadXLSX reads every table of an Excel workbook (.xlsx), one per
// worksheet that holds one, in tab order. Two layouts are read, told apart
// by their headers: the published layout (one row per project, every
// indicator in one numbered cell, as in the seed) and the long layout (one
// row per indicator; a project's cells may be merged over its rows or
// left blank under the first).
//
// Sheets are streamed row by row; only the shared strings and the table
// being built are held in memory. Every cell that cannot be read is
// reported with its place ("book.xlsx!Sheet1!B7"). Without opts.Partial a
// workbook with any such cell gives no table; with it, the tables are
// returned without the rows and sheets that could not be read, together
// with an error listing them (as io.Reader returns data and an error).
//
// A sheet that says it details another ("对应工作表：…", as our export's
// second sheet does) is the same table: the two are checked against each
// other and read as one.
func ReadXLSX(ra io.ReaderAt, size int64, opts ReadOptions) ([]*Result, error) {
	head := make([]byte, len(oleMagic))
	if n, _ := ra.ReadAt(head, 0); n == len(head) && string(head) == string(oleMagic) {
		return nil, sniffOLE(ra, size, opts.File)
	}
	b, err := openBook(ra, size, opts.File)
	if err != nil {
		return nil, err
	}
	var (
		results   []*Result
		errs      ParseErrors
		notTables []string
		notes     []string
	)
	for _, s := range b.sheets {
		if s.hidden {
			notes = append(notes, "隐藏的工作表“"+s.name+"”未读取")
			continue
		}
		sr := &sheetReader{b: b, opts: opts, sheet: s.name}
		res, serrs := sr.read(s.part, nil)
		errs = append(errs, serrs...)
		switch {
		case res != nil:
			results = append(results, res)
		case len(serrs) == 0:
			seen := sr.bestRow
			if seen == "" {
				seen = "空工作表"
			}
			notTables = append(notTables, "工作表“"+s.name+"”"+seen)
			notes = append(notes, "工作表“"+s.name+"”不是绩效目标表（没有含“项目名称”的表头行），未读取")
		}
		if len(errs) > maxErrors {
			break
		}
	}
	reread := func(sheet string, units map[string]bool) *Result {
		for _, s := range b.sheets {
			if s.name == sheet {
				res, errs := (&sheetReader{b: b, opts: opts, sheet: s.name}).read(s.part, units)
				if len(errs) == 0 {
					return res
				}
			}
		}
		return nil
	}
	results, perrs := pairSheets(results, opts.File, reread)
	errs = append(errs, perrs...)
	if len(results) == 0 && len(errs) == 0 {
		found := strings.Join(notTables, "；")
		if len(b.sheets) == 0 {
			found = "工作簿中没有工作表"
		}
		return nil, invalid(&ParseError{File: opts.File, Expected: expectedHeaders, Got: "工作簿中没有绩效目标表", Found: found})
	}
	if len(errs) > 0 && (!opts.Partial || len(results) == 0) {
		return nil, invalidAll(errs)
	}
	if len(results) > 0 {
		results[0].Notes = append(results[0].Notes, notes...)
	}
	return results, invalidAll(errs)
}

// maxErrors bounds the places one workbook reports.
const maxErrors = 1000

// errStopSheet ends the reading of a sheet that turned out not to be a table.
var errStopSheet = errors.New("not a table")

// sheetReader reads one worksheet.
type sheetReader struct {
	b        *book
	opts     ReadOptions
	sheet    string
	res      *Result
	errs     ParseErrors
	hdr      *header
	pending  *xrow // a header row, until the next row says whether the header has two rows
	preamble int
	pairWith string // "对应工作表：…"
	bestRow  string // the most header-like row seen before giving up, for messages
	bestN    int
	skipped  int // rows left out (partial reading)
	flat     flatBuilder
	long     *longBuilder
}

// read returns the sheet's table, or nil when the sheet holds none, and
// the places that could not be read. units, when not nil, names the
// 资金使用单位 of a published-layout sheet (see flatBuilder).
func (sr *sheetReader) read(part string, units map[string]bool) (*Result, ParseErrors) {
	t := &jixiao.Table{Source: sr.opts.File + "!" + sr.sheet}
	sr.res = &Result{Table: t, Sheet: sr.sheet}
	sr.flat.res, sr.flat.units = sr.res, units
	err := sr.b.eachRow(part, sr.row)
	if err == nil && sr.pending != nil {
		sr.takeHeader(sr.pending, nil)
	}
	switch {
	case errors.Is(err, errStopSheet):
		return nil, sr.errs
	case err != nil:
		sr.errs = append(sr.errs, &ParseError{File: sr.opts.File, Sheet: sr.sheet, Expected: "可读的工作表", Got: err.Error()})
		return nil, sr.errs
	case sr.hdr == nil:
		return nil, sr.errs
	}
	if len(sr.errs) > 0 && !sr.opts.Partial {
		return nil, sr.errs
	}
	if !sr.finish() {
		return nil, sr.errs
	}
	return sr.res, sr.errs
}

func (sr *sheetReader) fail(col, row int, field, expected, got string) {
	pe := &ParseError{File: sr.opts.File, Sheet: sr.sheet, Line: row, Field: field, Expected: expected, Got: got}
	if col > 0 {
		pe.Cell = cellRef(col, row)
	}
	if len(sr.errs) < maxErrors {
		sr.errs = append(sr.errs, pe)
	}
}

// row takes the rows of the sheet one by one: preamble, header, data.
func (sr *sheetReader) row(r *xrow) error {
	if sr.hdr != nil {
		if len(sr.errs) >= maxErrors {
			return nil // enough to report; the rest is not looked at
		}
		if sr.hdr.long {
			sr.long.row(sr, r)
		} else {
			sr.flatRow(r)
		}
		return nil
	}
	if sr.pending != nil {
		first := sr.pending
		sr.pending = nil
		if sr.takeHeader(first, r) {
			return nil
		}
		if sr.hdr == nil {
			return errStopSheet
		}
		return sr.row(r)
	}
	if r.empty() {
		return nil
	}
	if h, _ := recognise(r, nil); h != nil {
		sr.pending = &xrow{n: r.n, cells: append([]xcell(nil), r.cells...)}
		return nil
	}
	if n := len(r.cells); n > sr.bestN {
		sr.bestN, sr.bestRow = n, "第 "+strconv.Itoa(r.n)+" 行："+describeRow(r)
	}
	sr.readPreamble(r)
	sr.preamble++
	if sr.preamble >= maxPreambleRows {
		return errStopSheet
	}
	return nil
}

// takeHeader settles the header from its first row and the row after it;
// it reports whether that second row was part of the header.
func (sr *sheetReader) takeHeader(first, second *xrow) bool {
	h, used := recognise(first, second)
	if missing := h.layout(); missing != "" {
		last := first
		if used {
			last = second
		}
		sr.errs = append(sr.errs, &ParseError{File: sr.opts.File, Sheet: sr.sheet, Line: last.n, Field: "表头",
			Expected: missing + "；" + expectedHeaders, Found: describeRow(first)})
		return used
	}
	sr.hdr = h
	t := sr.res.Table
	if t.MoneyUnit == "" {
		t.MoneyUnit = h.moneyUnit
	}
	if t.MoneyUnit == "" && !h.has(colMoneyUnit) {
		t.MoneyUnit = jixiao.WanYuan
		sr.res.Notes = append(sr.res.Notes, "表头前没有“单位：万元”：金额按万元读取")
	}
	if len(h.unknown) > 0 {
		sr.res.Notes = append(sr.res.Notes, "未读取不认识的列："+strings.Join(h.unknown, "、"))
	}
	if len(h.dups) > 0 {
		sr.res.Notes = append(sr.res.Notes, "重复的列只读第一列，未读取："+strings.Join(h.dups, "、"))
	}
	if h.long {
		sr.long = newLongBuilder(sr.res)
	}
	return used
}

// readPreamble takes the title, 单位名称, 单位 (money unit), 预算年度 and
// 对应工作表 cells above the header. A label may have its value in the
// next cell ("单位名称：" | "某局").
func (sr *sheetReader) readPreamble(r *xrow) {
	t := sr.res.Table
	for i := 0; i < len(r.cells); i++ {
		c := r.cells[i]
		s := strings.TrimSpace(c.text)
		if s == "" {
			continue
		}
		label, val, ok := cutLabel(s)
		if !ok {
			if t.Title == "" {
				t.Title = s
			}
			continue
		}
		if val == "" && i+1 < len(r.cells) && r.cells[i+1].col == c.col+1 {
			if next := strings.TrimSpace(r.cells[i+1].text); next != "" {
				if _, _, isLabel := cutLabel(next); !isLabel {
					i++
					c, val = r.cells[i], next
				}
			}
		}
		if val == "" {
			continue // a label left blank, as in the filing template
		}
		switch label {
		case "单位名称", "编制单位", "填报单位", "部门名称", "预算部门", "单位名称(盖章)", "编制单位(盖章)":
			t.Org = val
		case "单位", "金额单位", "货币单位":
			u := jixiao.MoneyUnit(val)
			if _, ok := u.FenPer(); !ok {
				sr.fail(c.col, r.n, "金额单位", "“元”“万元”或“亿元”", val)
				continue
			}
			t.MoneyUnit = u
		case "预算年度", "年度":
			if c.num != "" {
				val = c.num
			}
			y, err := strconv.Atoi(strings.TrimSuffix(val, "年"))
			if err != nil {
				sr.fail(c.col, r.n, "预算年度", "四位数年份，如“预算年度：2024”", val)
				continue
			}
			t.FiscalYear, t.FiscalYearSource = y, "given: "+yearLabel+strconv.Itoa(y)+" in the sheet"
		case "对应工作表":
			sr.pairWith, _, _ = strings.Cut(val, "（")
			sr.pairWith = strings.TrimSpace(sr.pairWith)
		default:
			if t.Title == "" {
				t.Title = s
			}
		}
	}
}

// cutLabel splits "单位：万元" (or "（单位：万元）") into a folded label and
// its value.
func cutLabel(s string) (label, val string, ok bool) {
	for _, p := range [][2]string{{"（", "）"}, {"(", ")"}} {
		if strings.HasPrefix(s, p[0]) && strings.HasSuffix(s, p[1]) {
			s = strings.TrimSuffix(strings.TrimPrefix(s, p[0]), p[1])
		}
	}
	i := strings.IndexAny(s, ":：")
	if i <= 0 {
		return "", "", false
	}
	label = headerKey(s[:i])
	if len([]rune(label)) > 12 {
		return "", "", false // a sentence with a colon, not a label
	}
	return label, strings.TrimSpace(cutColon(s[i:])), true
}

// text returns the text of the cell under a header column, "" when the
// sheet has no such column.
func (sr *sheetReader) text(r *xrow, c column) string {
	col, ok := sr.hdr.cols[c]
	if !ok {
		return ""
	}
	return strings.TrimSpace(r.cell(col).text)
}

// rawText is text without trimming: target values keep their spaces.
func (sr *sheetReader) rawText(r *xrow, c column) string {
	col, ok := sr.hdr.cols[c]
	if !ok {
		return ""
	}
	return r.cell(col).text
}

// checkCells reports cells of the given columns that hold no usable value:
// a formula without its result, an error value, or unreadable data. It
// reports whether all were usable.
func (sr *sheetReader) checkCells(r *xrow, cols ...column) bool {
	ok := true
	for _, k := range cols {
		col, has := sr.hdr.cols[k]
		if !has {
			continue
		}
		c := r.cell(col)
		field := sr.hdr.names[col]
		switch {
		case c.formulaNoValue:
			sr.fail(col, r.n, field, "数值或文字（单元格是公式，文件中没有保存计算结果：请在 Excel 中打开并保存，或把公式改为数值）", "="+c.formula)
			ok = false
		case c.errValue != "":
			sr.fail(col, r.n, field, "数值或文字（单元格是错误值）", c.errValue)
			ok = false
		case c.bad != "":
			sr.fail(col, r.n, field, "可读的单元格", c.bad)
			ok = false
		}
	}
	return ok
}

// money reads the four money columns; a missing column or empty cell is
// zero. It reports whether all could be read.
func (sr *sheetReader) money(r *xrow, u jixiao.MoneyUnit) (jixiao.Funding, [4]bool, bool) {
	var f jixiao.Funding
	var given [4]bool
	ok := true
	dst := []*jixiao.Fen{&f.Total, &f.Fiscal, &f.SpecialAccount, &f.Other}
	for i, k := range []column{colTotal, colFiscal, colSpecial, colOther} {
		col, has := sr.hdr.cols[k]
		if !has {
			continue
		}
		c := r.cell(col)
		s := strings.TrimSpace(c.text)
		if c.num != "" {
			s = c.num
		}
		if s == "" {
			continue
		}
		v, err := jixiao.ParseMoney(s, u)
		if err != nil {
			sr.fail(col, r.n, moneyColumns[i], "以"+string(u)+"为单位、最多精确到分的金额", c.text)
			ok = false
			continue
		}
		*dst[i], given[i] = v, true
	}
	return f, given, ok
}

// isHeaderAgain reports a header row repeated on a new printed page.
func isHeaderAgain(name string) bool {
	c, _ := lookupColumn(name)
	return c == colName
}

// flatRow reads a row of the published layout.
func (sr *sheetReader) flatRow(r *xrow) {
	if r.empty() {
		return
	}
	name := sr.text(r, colName)
	if isHeaderAgain(name) {
		return
	}
	if !sr.checkCells(r, colName, colTotal, colFiscal, colSpecial, colOther, colGoal, colAnnualGoal, colIndicators) {
		sr.skipped++
		return
	}
	nameCol := sr.hdr.cols[colName]
	if name == "" {
		sr.fail(nameCol, r.n, "项目名称", "非空的项目或单位名称", describeRow(r))
		sr.skipped++
		return
	}
	f, _, ok := sr.money(r, sr.res.Table.MoneyUnit)
	if !ok {
		sr.skipped++
		return
	}
	rw := row{funding: f, goal: sr.text(r, colGoal), annualGoal: sr.text(r, colAnnualGoal), indicators: joinIndicatorLines(sr.text(r, colIndicators))}
	if p := sr.flat.add(name, rw, r.n, describeRow(r)); p != nil {
		col := nameCol
		if p.inIndicators {
			col = sr.hdr.cols[colIndicators]
		}
		sr.fail(col, r.n, p.field, p.expected, p.got)
		sr.skipped++
	}
}

// joinIndicatorLines undoes the line breaks a filer types (Alt+Enter)
// before each numbered indicator of a published-layout cell; other line
// breaks are kept.
func joinIndicatorLines(cell string) string {
	if !strings.Contains(cell, "\n") {
		return cell
	}
	lines := strings.Split(strings.ReplaceAll(cell, "\r\n", "\n"), "\n")
	var b strings.Builder
	for i, l := range lines {
		if i > 0 && !startsNumbered(strings.TrimLeft(l, " \t\u3000")) {
			b.WriteByte('\n')
		} else if i > 0 {
			l = strings.TrimLeft(l, " \t\u3000")
		}
		b.WriteString(l)
	}
	return b.String()
}

// startsNumbered reports "12、…".
func startsNumbered(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && strings.HasPrefix(s[i:], "、")
}

// finish completes the table of a sheet that had a header; it reports
// whether there is a table.
func (sr *sheetReader) finish() bool {
	fail := func(expected, got string) bool {
		sr.errs = append(sr.errs, &ParseError{File: sr.opts.File, Sheet: sr.sheet, Expected: expected, Got: got})
		return false
	}
	if sr.hdr.long {
		if m := sr.long.finish(); m != nil {
			return fail(m.expected, m.got)
		}
	} else if m := sr.flat.finish(); m != nil {
		return fail(m.expected, m.got)
	}
	if sr.skipped > 0 {
		sr.res.Notes = append(sr.res.Notes, fmt.Sprintf("部分导入：工作表“%s”有 %d 行未读取（见错误）", sr.sheet, sr.skipped))
	}
	opts := sr.opts
	opts.File = sr.res.Table.Source
	if err := completeTable(sr.res, opts); err != nil {
		var pe *ParseError
		if errors.As(err, &pe) {
			pe.File, pe.Sheet = sr.opts.File, sr.sheet
			sr.errs = append(sr.errs, pe)
			return false
		}
		return fail("可读的表", err.Error())
	}
	if sr.long != nil {
		sr.long.settleDirections()
	}
	sr.res.pairWith = sr.pairWith
	return true
}
