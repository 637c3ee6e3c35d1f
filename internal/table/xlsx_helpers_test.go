package table_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"html"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao"
	"jixiao/internal/table"
)

// rawSheet is a worksheet written as XML by hand, for what no spreadsheet
// library writes on purpose: formulas without results, error values,
// dates as serial numbers, shared strings out of range.
type rawSheet struct {
	name   string
	rows   []string // <row> elements
	hidden bool
}

// rawBook builds a minimal .xlsx: a workbook, its sheets, a style sheet
// whose cell formats are 0 General, 1 a date (built-in 14), 2 a percentage
// (built-in 9), 3 a custom Chinese date, and optional shared strings.
func rawBook(t testing.TB, sst []string, sheets ...rawSheet) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + body))
	}
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	put("[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`)
	put("_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	var sh, rels strings.Builder
	for i, s := range sheets {
		state := ""
		if s.hidden {
			state = ` state="hidden"`
		}
		fmt.Fprintf(&sh, `<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>`, html.EscapeString(s.name), i+1, state, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
		put(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), `<worksheet `+ns+`><sheetData>`+strings.Join(s.rows, "")+`</sheetData></worksheet>`)
	}
	rels.WriteString(`<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`)
	if sst != nil {
		rels.WriteString(`<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`)
		var si strings.Builder
		for _, s := range sst {
			si.WriteString(`<si><t xml:space="preserve">` + html.EscapeString(s) + `</t></si>`)
		}
		put("xl/sharedStrings.xml", `<sst `+ns+`>`+si.String()+`</sst>`)
	}
	put("xl/workbook.xml", `<workbook `+ns+`><sheets>`+sh.String()+`</sheets></workbook>`)
	put("xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels.String()+`</Relationships>`)
	put("xl/styles.xml", `<styleSheet `+ns+`><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>`+
		`<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="9"/><xf numFmtId="176"/></cellXfs></styleSheet>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// xrow writes a <row> of cells, each given as "B=text" (an inline string),
// "B#123.4" (a number), "B#45657@1" (a number in style 1), "B!=SUM(C1)"
// (a formula without result), "B!=SUM(C1)|5" (with its cached result),
// "B?#DIV/0!" (an error value) or "B$3" (shared string 3).
func xrow(n int, cells ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, n)
	for _, c := range cells {
		col, rest := c[:1], c[1:]
		ref := fmt.Sprintf("%s%d", col, n)
		kind, v := rest[:1], rest[1:]
		switch kind {
		case "=":
			fmt.Fprintf(&b, `<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, ref, html.EscapeString(v))
		case "#":
			style := ""
			if num, s, ok := strings.Cut(v, "@"); ok {
				v, style = num, ` s="`+s+`"`
			}
			fmt.Fprintf(&b, `<c r="%s"%s><v>%s</v></c>`, ref, style, v)
		case "!":
			f, cached, ok := strings.Cut(v, "|")
			if ok {
				fmt.Fprintf(&b, `<c r="%s"><f>%s</f><v>%s</v></c>`, ref, html.EscapeString(strings.TrimPrefix(f, "=")), cached)
			} else {
				fmt.Fprintf(&b, `<c r="%s"><f>%s</f></c>`, ref, html.EscapeString(strings.TrimPrefix(f, "=")))
			}
		case "?":
			fmt.Fprintf(&b, `<c r="%s" t="e"><v>%s</v></c>`, ref, v)
		case "$":
			fmt.Fprintf(&b, `<c r="%s" t="s"><v>%s</v></c>`, ref, v)
		}
	}
	b.WriteString(`</row>`)
	return b.String()
}

// flatRows is a small table in the published layout, rows 1–6 (the
// project on row 6), for tests to vary.
func flatRows(project ...string) []string {
	if project == nil {
		project = []string{"A=培训经费", "B#5", "C#5", "F=完成培训。", "G=1、1-产出指标；11-数量指标；开展培训场次；实施周期指标值:2场；年度指标值:2场。2、1-产出指标；13-时效指标；完成时间；实施周期指标值:2024年12月31日前；年度指标值:2024年12月31日前。"}
	}
	return []string{
		xrow(1, "A=项目支出绩效目标表（含转移支付项目）"),
		xrow(2, "A=单位名称：测试局", "G=单位：万元"),
		xrow(3, "A=项目名称（资金使用单位）", "B=总计", "C=财政拨款", "D=财政专户拨款", "E=其他资金", "F=绩效目标", "G=绩效指标"),
		xrow(4, "A=合计", "B#5", "C#5"),
		xrow(5, "A=测试局", "B#5", "C#5"),
		xrow(6, project...),
	}
}

// readBook reads a workbook from bytes.
func readBook(t testing.TB, b []byte, opts table.ReadOptions) ([]*table.Result, error) {
	t.Helper()
	if opts.File == "" {
		opts.File = "book.xlsx"
	}
	return table.ReadXLSX(bytes.NewReader(b), int64(len(b)), opts)
}

// readOne reads a workbook that must hold exactly one table.
func readOne(t testing.TB, b []byte, opts table.ReadOptions) *table.Result {
	t.Helper()
	rs, err := readBook(t, b, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 {
		t.Fatalf("%d tables, want 1", len(rs))
	}
	return rs[0]
}

// writeBook saves an excelize workbook to bytes.
func writeBook(t testing.TB, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// setRows writes rows of values from A1 down with excelize's ordinary API
// (shared strings, as Excel writes them).
func setRows(t testing.TB, f *excelize.File, sheet string, first int, rows ...[]any) {
	t.Helper()
	for i, r := range rows {
		if err := f.SetSheetRow(sheet, fmt.Sprintf("A%d", first+i), &r); err != nil {
			t.Fatal(err)
		}
	}
}

// wantInvalid checks an error is the domain's invalid input and mentions
// every piece of says.
func wantInvalid(t *testing.T, err error, says ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one mentioning %q", says)
	}
	if jixiao.ErrorCode(err) != jixiao.EINVALID {
		t.Errorf("code %q, want invalid: %v", jixiao.ErrorCode(err), err)
	}
	for _, s := range says {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error does not mention %q:\n%v", s, err)
		}
	}
}

// zipOf builds a zip of the given parts, compressed as well as deflate can.
func zipOf(t testing.TB, parts map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestCompression) })
	for name, b := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// lyingZip holds xl/workbook.xml declaring declared bytes unpacked while
// its data unpacks to 10 MB.
func lyingZip(t testing.TB, declared uint64) []byte {
	t.Helper()
	var data bytes.Buffer
	fw, _ := flate.NewWriter(&data, flate.BestCompression)
	fw.Write([]byte("<workbook>"))
	fw.Write(bytes.Repeat([]byte("<sheets/>"), 10<<20/9))
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/workbook.xml", Method: zip.Deflate,
		CompressedSize64: uint64(data.Len()), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeFile(path string, b []byte) error { return os.WriteFile(path, b, 0o644) }
