package table

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"jixiao"
)

// Format names an interchange format.
type Format string

const (
	FormatText Format = "text"
	FormatJSON Format = "json"
	FormatCSV  Format = "csv"
	FormatXLSX Format = "xlsx" // Excel workbook: the published layout, and one row per indicator
	FormatPDF  Format = "pdf"  // the published table for printing; written only
)

// Read reads one table in any format this package reads, chosen by
// content: an Excel workbook starts with the zip signature, JSON with "{",
// everything else is the published text layout. A workbook with several
// tables is an error here; ReadAll returns them all.
func Read(r io.Reader, opts ReadOptions) (*Result, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(512)
	if isWorkbook(head) {
		return single(ReadAll(br, opts))
	}
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	if bytes.HasPrefix(bytes.TrimLeft(head, " \t\r\n"), []byte("{")) {
		return ReadJSON(br, opts)
	}
	return ReadText(br, opts)
}

// ReadAll reads every table of the input: one from a text or JSON file, one
// per table sheet from a workbook (see ReadXLSX, also for opts.Partial,
// where tables come back together with an error listing what was left out).
// A workbook from a stream is held in memory, up to 256 MB; ReadAllFile
// reads a file in place.
func ReadAll(r io.Reader, opts ReadOptions) ([]*Result, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(len(oleMagic))
	if !isWorkbook(head) {
		res, err := Read(br, opts)
		if err != nil {
			return nil, err
		}
		return []*Result{res}, nil
	}
	b, err := io.ReadAll(io.LimitReader(br, maxXLSXBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", opts.File, err)
	}
	return ReadXLSX(bytes.NewReader(b), int64(len(b)), opts)
}

// isWorkbook reports the start of a zip archive (an .xlsx) or of a
// Compound File (an encrypted workbook, or an old .xls), which the
// workbook reader explains.
func isWorkbook(head []byte) bool {
	return bytes.HasPrefix(head, zipMagic) || bytes.HasPrefix(head, oleMagic)
}

// single returns the one table of a ReadAll, or says there are several.
func single(rs []*Result, err error) (*Result, error) {
	if err != nil {
		return nil, err
	}
	if len(rs) != 1 {
		var names []string
		for _, r := range rs {
			names = append(names, "“"+r.Sheet+"”")
		}
		return nil, jixiao.Errorf(jixiao.EINVALID, "%s 中有 %d 张表（工作表 %s）：请用 jixiao import 导入，每个工作表一张表", rs[0].Table.Source, len(rs), strings.Join(names, "、"))
	}
	return rs[0], nil
}

// ReadFile opens and reads one file; "-" is standard input. A workbook
// with several tables is an error; ReadAllFile returns them all.
func ReadFile(path string, stdin io.Reader, opts ReadOptions) (*Result, error) {
	return single(ReadAllFile(path, stdin, opts))
}

// ReadAllFile opens a file and reads every table in it (see ReadAll); "-"
// is standard input.
func ReadAllFile(path string, stdin io.Reader, opts ReadOptions) ([]*Result, error) {
	if opts.File == "" {
		opts.File = path
	}
	if path == "-" {
		return ReadAll(stdin, opts)
	}
	f, err := os.Open(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 文件不存在", path)
		}
		return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 无法打开：%v", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err == nil && st.IsDir() {
		return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 是目录，不是文件", path)
	}
	head := make([]byte, len(oleMagic))
	n, _ := f.ReadAt(head, 0)
	if isWorkbook(head[:n]) && err == nil && st.Mode().IsRegular() {
		// In place: only the parts being read are unpacked.
		rs, err := ReadXLSX(f, st.Size(), opts)
		if err != nil && len(rs) == 0 {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		return rs, err
	}
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".pdf", ".doc", ".docx", ".wps", ".et":
		return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 暂不支持 %s 文件；请导入 Excel 工作簿（.xlsx）、文本版式（.txt/.tsv）或 jixiao.table/v1 JSON", path, ext)
	}
	rs, err := ReadAll(f, opts)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return rs, nil
}

// Write writes t in format f. PDF is written with the first Chinese font
// found on the system; WritePDF chooses the font.
func Write(w io.Writer, t *jixiao.Table, f Format) error {
	switch f {
	case FormatText:
		return WriteText(w, t)
	case FormatJSON:
		return WriteJSON(w, t)
	case FormatCSV:
		return WriteCSV(w, t)
	case FormatXLSX:
		return WriteXLSX(w, t)
	case FormatPDF:
		return WritePDF(w, t, PDFOptions{})
	}
	return jixiao.Errorf(jixiao.EINVALID, "未知的导出格式 %q：可用 json、text、csv、xlsx、pdf", f)
}
