// Package progressfile writes the monitoring template (运行监控填报模板) of
// a table as CSV or XLSX, one row per indicator, and reads a filled one
// back. Units fill the template in Excel offline and upload it; every cell
// that cannot be read is reported with its place, and nothing is taken
// from a file with errors.
package progressfile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"jixiao"
)

// Columns of the template, in order.
var Columns = []string{"项目名称", "序号", "三级指标", "年度指标值", "截止日期", "全年预算数", "截至当期执行数",
	"截至当期实际完成值", "全年预计完成值", "预计达成程度", "偏差原因", "纠偏措施"}

const (
	colProject = iota
	colSeq
	colName
	colTarget
	colAsOf
	colBudget
	colExecuted
	colActual
	colForecast
	colAttainment
	colReason
	colMeasure
)

// Row is one indicator's line of a template.
type Row struct {
	Project, Name, Target                         string
	Seq                                           int
	AsOf, Budget, Executed                        string
	Actual, Forecast, Attainment, Reason, Measure string
	Place                                         string // "文件 第 N 行" or "Sheet!B7", for messages
}

func (r Row) cells(unit jixiao.MoneyUnit) []string {
	return []string{r.Project, strconv.Itoa(r.Seq), r.Name, r.Target, r.AsOf, r.Budget, r.Executed,
		r.Actual, r.Forecast, r.Attainment, r.Reason, r.Measure}
}

func header(unit jixiao.MoneyUnit) []string {
	h := append([]string(nil), Columns...)
	h[colBudget] += "（" + string(unit) + "）"
	h[colExecuted] += "（" + string(unit) + "）"
	return h
}

// WriteCSV writes the template as CSV, UTF-8 with a BOM so that Excel
// opens it with the Chinese intact.
func WriteCSV(w io.Writer, unit jixiao.MoneyUnit, rows []Row) error {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	cw := csv.NewWriter(&buf)
	cw.Write(header(unit))
	for _, r := range rows {
		cw.Write(r.cells(unit))
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// WriteXLSX writes the template as a workbook: a frozen header, the
// given columns grey (they identify the row and must not change), hints
// as cell comments, and a drop-down list for 预计达成程度.
func WriteXLSX(w io.Writer, unit jixiao.MoneyUnit, rows []Row) error {
	f := excelize.NewFile()
	defer f.Close()
	sh := "运行监控"
	f.SetSheetName("Sheet1", sh)
	for i, h := range header(unit) {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		f.SetCellStr(sh, cell, h)
	}
	for r, row := range rows {
		for c, v := range row.cells(unit) {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
			if c == colSeq {
				f.SetCellInt(sh, cell, int64(row.Seq))
				continue
			}
			f.SetCellStr(sh, cell, v)
		}
	}
	head, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"DDE4EE"}, Pattern: 1},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	fixed, _ := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Color: []string{"F2F2F2"}, Pattern: 1}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	f.SetCellStyle(sh, "A1", "L1", head)
	if len(rows) > 0 {
		last := strconv.Itoa(len(rows) + 1)
		f.SetCellStyle(sh, "A2", "D"+last, fixed)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = "J2:J" + last
		dv.SetDropList([]string{"达成", "部分达成", "未达成"})
		f.AddDataValidation(sh, dv)
	}
	for i, wdt := range []float64{28, 6, 24, 18, 12, 12, 12, 16, 16, 12, 24, 24} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		f.SetColWidth(sh, col, col, wdt)
	}
	f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	f.AddComment(sh, excelize.Comment{Cell: "E1", Author: "jixiao", Text: "日期，例如 2024-06-30；同一项目各行相同"})
	f.AddComment(sh, excelize.Comment{Cell: "I1", Author: "jixiao", Text: "与年度指标值同一计量单位（可换算的单位也可，如 亿元/万元）"})
	f.AddComment(sh, excelize.Comment{Cell: "K1", Author: "jixiao", Text: "预计达不到年度指标值时必填"})
	return f.Write(w)
}

// Error lists every problem of a file, each with its place.
type Error struct {
	File     string
	Problems []string
}

func (e *Error) Error() string {
	return e.File + "：" + strings.Join(e.Problems, "；")
}

// Read reads a filled template, CSV (UTF-8, or GBK as Excel saves it on
// Chinese Windows) or XLSX, chosen by content.
func Read(r io.Reader, file string) ([]Row, error) {
	b, err := io.ReadAll(io.LimitReader(r, 16<<20+1))
	if err != nil {
		return nil, err
	}
	if len(b) > 16<<20 {
		return nil, &Error{File: file, Problems: []string{"文件超过 16 MB"}}
	}
	var grid [][]string
	var place func(row, col int) string
	if bytes.HasPrefix(b, []byte("PK\x03\x04")) {
		f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 32 << 20})
		if err != nil {
			return nil, &Error{File: file, Problems: []string{"不是可读的 Excel 工作簿（.xlsx）：" + err.Error()}}
		}
		defer f.Close()
		sh := f.GetSheetName(0)
		if grid, err = f.GetRows(sh); err != nil {
			return nil, &Error{File: file, Problems: []string{"读取工作表失败：" + err.Error()}}
		}
		place = func(row, col int) string {
			cell, _ := excelize.CoordinatesToCellName(col+1, row+1)
			return sh + "!" + cell
		}
	} else {
		b = bytes.TrimPrefix(b, []byte("\uFEFF"))
		if !utf8.Valid(b) {
			if u, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b); err == nil {
				b = u
			} else {
				return nil, &Error{File: file, Problems: []string{"文件既不是 UTF-8 也不是 GBK 编码的文本"}}
			}
		}
		cr := csv.NewReader(bytes.NewReader(b))
		cr.FieldsPerRecord = -1
		if grid, err = cr.ReadAll(); err != nil {
			return nil, &Error{File: file, Problems: []string{"CSV 格式错误：" + err.Error()}}
		}
		place = func(row, col int) string {
			return fmt.Sprintf("第 %d 行第 %d 列（%s）", row+1, col+1, Columns[col])
		}
	}
	return readGrid(grid, place, file)
}

func readGrid(grid [][]string, place func(row, col int) string, file string) ([]Row, error) {
	if len(grid) == 0 {
		return nil, &Error{File: file, Problems: []string{"文件是空的"}}
	}
	// Columns are found by their header, so that a reordered or widened
	// sheet still reads; the money columns carry the unit in brackets.
	idx := make([]int, len(Columns))
	for i := range idx {
		idx[i] = -1
	}
	for c, h := range grid[0] {
		h = strings.TrimSpace(strings.ReplaceAll(h, "\uFEFF", ""))
		if k := strings.IndexAny(h, "（("); k > 0 {
			h = h[:k]
		}
		for i, want := range Columns {
			if h == want {
				idx[i] = c
			}
		}
	}
	var missing []string
	for i, c := range idx {
		if c < 0 {
			missing = append(missing, Columns[i])
		}
	}
	if len(missing) > 0 {
		return nil, &Error{File: file, Problems: []string{"表头缺少列：" + strings.Join(missing, "、") + "（请使用下载的模板）"}}
	}
	var rows []Row
	var problems []string
	for r := 1; r < len(grid); r++ {
		get := func(i int) string {
			if idx[i] < len(grid[r]) {
				return strings.TrimSpace(grid[r][idx[i]])
			}
			return ""
		}
		row := Row{Project: get(colProject), Name: get(colName), Target: get(colTarget), AsOf: get(colAsOf), Budget: get(colBudget),
			Executed: get(colExecuted), Actual: get(colActual), Forecast: get(colForecast), Attainment: get(colAttainment),
			Reason: get(colReason), Measure: get(colMeasure), Place: place(r, idx[colProject])}
		if row.Project == "" && get(colSeq) == "" {
			continue // a blank line
		}
		seq, err := strconv.Atoi(get(colSeq))
		if err != nil || seq < 1 {
			problems = append(problems, place(r, idx[colSeq])+"：序号须是正整数，现为“"+get(colSeq)+"”")
			continue
		}
		row.Seq = seq
		rows = append(rows, row)
	}
	if len(problems) > 0 {
		return nil, &Error{File: file, Problems: problems}
	}
	if len(rows) == 0 {
		return nil, &Error{File: file, Problems: []string{"没有填报行"}}
	}
	return rows, nil
}

// AsError returns err as an *Error when it is one.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}
