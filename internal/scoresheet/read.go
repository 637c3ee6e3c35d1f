package scoresheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"jixiao"
	"jixiao/internal/score"
)

// Options are what the caller knows beyond the file.
type Options struct {
	File       string           // name for messages; the path by default
	FiscalYear int              // given (--year); wins over a year in the file
	MoneyUnit  jixiao.MoneyUnit // given; wins over the file; default 万元
}

// Result is a sheet and what the reader wants the user to know (an
// encoding it converted, a worksheet it chose).
type Result struct {
	Sheet score.Sheet
	Notes []string
}

// maxFileBytes bounds what is read: a self-evaluation table is small.
const maxFileBytes = 64 << 20

// ReadFile reads a self-evaluation table; "-" is standard input. The format
// comes from the extension (.csv .tsv .txt, .xlsx, .json), else from the
// content (a zip is XLSX, '{' is JSON, anything else CSV).
func ReadFile(path string, stdin io.Reader, opts Options) (*Result, error) {
	if opts.File == "" {
		opts.File = path
	}
	var r io.Reader = stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 文件不存在", path)
			}
			return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 无法打开：%v", path, unwrapPath(err))
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 是目录，不是文件", path)
		}
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxFileBytes+1))
	if err != nil {
		return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 读取失败：%v", opts.File, err)
	}
	if len(b) > maxFileBytes {
		return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 文件超过 %d MB，不像一张自评表", opts.File, maxFileBytes>>20)
	}
	switch ext := strings.ToLower(filepath.Ext(path)); {
	case ext == ".xls" || ext == ".et" || bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 旧版 Excel（.xls）文件无法读取：请在 Excel 或 WPS 中另存为 .xlsx 或 CSV", opts.File)
	case ext == ".xlsx" || ext == ".xlsm" || bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return ReadXLSX(bytes.NewReader(b), opts)
	case ext == ".json" || ext == "" && bytes.HasPrefix(bytes.TrimSpace(bytes.TrimPrefix(b, bom)), []byte("{")):
		return ReadJSON(bytes.NewReader(b), opts)
	case ext == ".pdf" || ext == ".doc" || ext == ".docx":
		return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 不支持 %s 文件：请提供 CSV、XLSX 或 JSON", opts.File, ext)
	}
	return ReadCSV(bytes.NewReader(b), opts)
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

var bom = []byte{0xEF, 0xBB, 0xBF}

// ReadCSV reads a CSV (or tab-separated) self-evaluation table. UTF-8 (a
// BOM is dropped) is read as is; anything that is not valid UTF-8 is taken
// for GBK (GB18030), as Excel on a Chinese Windows saves CSV, and a note
// says so.
func ReadCSV(r io.Reader, opts Options) (*Result, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxFileBytes+1))
	if err != nil {
		return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 读取失败：%v", opts.File, err)
	}
	res := &Result{}
	b = bytes.TrimPrefix(b, bom)
	if !utf8.Valid(b) {
		u, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
		if err != nil || !utf8.Valid(u) {
			return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 既不是 UTF-8 也不是 GBK 编码的文本", opts.File)
		}
		b = u
		res.Notes = append(res.Notes, "文件不是 UTF-8 编码，已按 GBK 读取")
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comma = sniffComma(b)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	var rows [][]string
	var lines []int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 第 %d 行：CSV 格式错误：%v", opts.File, pe.StartLine, pe.Err)
			}
			return nil, jixiao.Errorf(jixiao.EINVALID, "%s: CSV 无法读取：%v", opts.File, err)
		}
		line, _ := cr.FieldPos(0)
		rows = append(rows, rec)
		lines = append(lines, line)
	}
	g := &grid{file: opts.File, rows: rows, where: func(row, _ int) string {
		if row < 0 || row >= len(lines) {
			return "第 ? 行"
		}
		return fmt.Sprintf("第 %d 行", lines[row])
	}}
	sh, err := g.read(opts)
	if err != nil {
		return nil, err
	}
	res.Sheet = sh
	return res, nil
}

// sniffComma picks tab when the first lines have more tabs than commas.
func sniffComma(b []byte) rune {
	head := b
	if len(head) > 4096 {
		head = head[:4096]
	}
	if bytes.Count(head, []byte("\t")) > bytes.Count(head, []byte(",")) {
		return '\t'
	}
	return ','
}

func noHeader(err error) bool { return strings.Contains(err.Error(), "没有找到表头") }

// ReadXLSX reads the first worksheet that has a recognisable header.
// Values are read as Excel shows them (a cell formatted as a percentage
// reads "92%"), formulas by their cached result.
func ReadXLSX(r io.Reader, opts Options) (*Result, error) {
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: 256 << 20, UnzipXMLSizeLimit: 64 << 20})
	if err != nil {
		return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 不是可读取的 XLSX 文件：%v", opts.File, err)
	}
	defer f.Close()
	res := &Result{}
	var firstErr error
	sheets := f.GetSheetList()
	for i, name := range sheets {
		rows, err := f.GetRows(name)
		if err != nil {
			return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 工作表“%s”无法读取：%v", opts.File, name, err)
		}
		sheetName := name
		g := &grid{file: opts.File, rows: rows, cell: true, where: func(row, col int) string {
			if col < 0 {
				return fmt.Sprintf("%s!第 %d 行", sheetName, row+1)
			}
			c, _ := excelize.CoordinatesToCellName(col+1, row+1)
			return sheetName + "!" + c
		}}
		sh, err := g.read(opts)
		if err == nil {
			if i > 0 {
				res.Notes = append(res.Notes, fmt.Sprintf("读取的是工作表“%s”（前面的工作表没有自评表表头）", name))
			}
			res.Sheet = sh
			return res, nil
		}
		// A sheet with a header and a bad cell says more than one without.
		if firstErr == nil || noHeader(firstErr) && !noHeader(err) {
			firstErr = err
		}
	}
	if firstErr == nil {
		firstErr = jixiao.Errorf(jixiao.EINVALID, "%s: 没有工作表", opts.File)
	}
	return nil, firstErr
}
