package table

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"jixiao"
)

// Limits on what a workbook may unpack to. A published table is a few
// hundred kilobytes; the 100,000-indicator benchmark workbook is about
// 15 MB zipped and 200 MB unpacked. A zip bomb declares (or, lying, tries to
// deliver) far more: archive/zip stops a part that delivers more than it
// declared, and these caps stop what it declares.
const (
	maxXLSXBytes    = 256 << 20 // the workbook file
	maxPartBytes    = 1 << 30   // one part unpacked (a worksheet's XML)
	maxUnzipBytes   = 2 << 30   // all parts unpacked
	maxSmallPart    = 64 << 20  // parts read whole: workbook, relationships, styles, shared strings
	maxRatio        = 1000      // unpacked/packed, for parts over ratioFloor
	ratioFloor      = 1 << 20
	maxSheetsInBook = 1000
	maxParts        = 20000 // files in the archive; a workbook has tens
)

var (
	zipMagic = []byte("PK\x03\x04")
	// oleMagic starts a Compound File: an encrypted (password-protected)
	// workbook, or an Excel 97-2003 .xls.
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// book is an opened workbook: its parts, its sheets in tab order, and what
// every sheet shares (strings, number formats, the date system).
type book struct {
	file     string
	parts    map[string]*zip.File // by lower-case name
	sheets   []sheetRef
	strings  []string
	formats  []cellFormat // by style index (the s attribute of a cell)
	date1904 bool
}

type sheetRef struct {
	name   string
	part   string
	hidden bool
}

// openBook checks the archive against the limits and reads the workbook
// parts; worksheets are streamed later, one at a time.
func openBook(ra io.ReaderAt, size int64, file string) (*book, error) {
	fail := func(expected, got string) error {
		return invalid(&ParseError{File: file, Expected: expected, Got: got})
	}
	if size > maxXLSXBytes {
		return nil, fail(fmt.Sprintf("不超过 %d MB 的工作簿", maxXLSXBytes>>20), fmt.Sprintf("%d MB", size>>20))
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return nil, fail("有效的 Excel 工作簿（.xlsx）", "损坏的 zip 文件："+err.Error())
	}
	if len(zr.File) > maxParts {
		return nil, fail("Excel 工作簿（.xlsx）", fmt.Sprintf("含 %d 个文件的压缩包", len(zr.File)))
	}
	b := &book{file: file, parts: make(map[string]*zip.File, len(zr.File))}
	var total uint64
	for _, f := range zr.File {
		n := f.UncompressedSize64
		total += n
		switch {
		case n > maxPartBytes || total > maxUnzipBytes:
			return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 工作簿解压后过大（%s 声明 %d MB，上限共 %d MB），疑似压缩炸弹，未读取", file, f.Name, n>>20, maxUnzipBytes>>20)
		case n > ratioFloor && (f.CompressedSize64 == 0 || n/f.CompressedSize64 > maxRatio):
			return nil, jixiao.Errorf(jixiao.EINVALID, "%s: %s 的压缩率超过 %d:1，疑似压缩炸弹，未读取", file, f.Name, maxRatio)
		}
		b.parts[strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))] = f
	}
	wbPart := b.officeDocument()
	if b.parts[wbPart] == nil {
		return nil, fail("Excel 工作簿（.xlsx）", "zip 中没有 xl/workbook.xml（不是 Excel 文件？）")
	}
	if err := b.readWorkbook(wbPart); err != nil {
		return nil, err
	}
	return b, nil
}

// officeDocument finds the workbook part through the package relationships,
// as the standard says, falling back to the usual name.
func (b *book) officeDocument() string {
	var rels relationships
	if err := b.readXML("_rels/.rels", &rels); err == nil {
		for _, r := range rels.Rel {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				return strings.ToLower(strings.TrimPrefix(path.Clean("/"+r.Target), "/"))
			}
		}
	}
	return "xl/workbook.xml"
}

type relationships struct {
	Rel []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

func (b *book) readWorkbook(wbPart string) error {
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string `xml:"name,attr"`
			State string `xml:"state,attr"`
			RID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
			RID2  string `xml:"http://purl.oclc.org/ooxml/officeDocument/relationships id,attr"` // strict OOXML
		} `xml:"sheets>sheet"`
	}
	if err := b.readXML(wbPart, &wb); err != nil {
		return invalid(&ParseError{File: b.file, Expected: "可读的 xl/workbook.xml", Got: err.Error()})
	}
	b.date1904 = wb.Pr.Date1904 == "1" || wb.Pr.Date1904 == "true"
	dir := path.Dir(wbPart)
	relsPart := path.Join(dir, "_rels", path.Base(wbPart)+".rels")
	var rels relationships
	if err := b.readXML(relsPart, &rels); err != nil {
		return invalid(&ParseError{File: b.file, Expected: "可读的 " + relsPart, Got: err.Error()})
	}
	target := map[string]string{}
	stringsPart, stylesPart := path.Join(dir, "sharedstrings.xml"), path.Join(dir, "styles.xml")
	for _, r := range rels.Rel {
		p := strings.ToLower(resolvePart(dir, r.Target))
		target[r.ID] = p
		switch {
		case strings.HasSuffix(r.Type, "/sharedStrings"):
			stringsPart = p
		case strings.HasSuffix(r.Type, "/styles"):
			stylesPart = p
		}
	}
	if len(wb.Sheets) > maxSheetsInBook {
		return invalid(&ParseError{File: b.file, Expected: fmt.Sprintf("不超过 %d 个工作表", maxSheetsInBook), Got: strconv.Itoa(len(wb.Sheets))})
	}
	for _, s := range wb.Sheets {
		id := s.RID
		if id == "" {
			id = s.RID2
		}
		p := target[id]
		if b.parts[p] == nil || !strings.Contains(p, "worksheets/") {
			continue // a chart sheet, or a sheet whose part is missing: nothing to read
		}
		b.sheets = append(b.sheets, sheetRef{name: s.Name, part: p, hidden: s.State == "hidden" || s.State == "veryHidden"})
	}
	if err := b.readSharedStrings(stringsPart); err != nil {
		return invalid(&ParseError{File: b.file, Expected: "可读的共享字符串表（" + stringsPart + "）", Got: err.Error()})
	}
	if err := b.readStyles(stylesPart); err != nil {
		return invalid(&ParseError{File: b.file, Expected: "可读的样式表（" + stylesPart + "）", Got: err.Error()})
	}
	return nil
}

// resolvePart turns a relationship target into a part name: relative to
// the workbook's folder, or absolute from the package root.
func resolvePart(dir, target string) string {
	target = strings.ReplaceAll(target, `\`, "/")
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean("/"+path.Join(dir, target)), "/")
}

// open opens a part for streaming, never delivering more than it declared.
func (b *book) open(name string) (io.ReadCloser, error) {
	f := b.parts[name]
	if f == nil {
		return nil, fmt.Errorf("%s: %w", name, errNoPart)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(rc, int64(f.UncompressedSize64)), rc}, nil
}

var errNoPart = errors.New("part not in the workbook")

// readXML decodes a small part whole.
func (b *book) readXML(name string, v any) error {
	f := b.parts[name]
	if f == nil {
		return fmt.Errorf("%s: %w", name, errNoPart)
	}
	if f.UncompressedSize64 > maxSmallPart {
		return fmt.Errorf("%s: %d MB, more than %d MB", name, f.UncompressedSize64>>20, maxSmallPart>>20)
	}
	rc, err := b.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	return newXMLDecoder(rc).Decode(v)
}

func newXMLDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(r)
	d.CharsetReader = func(label string, input io.Reader) (io.Reader, error) {
		if strings.EqualFold(label, "utf-8") || strings.EqualFold(label, "utf8") {
			return input, nil
		}
		return nil, fmt.Errorf("XML encoding %q: only UTF-8 is read", label)
	}
	return d
}

// readSharedStrings loads the shared string table: every text cell of a
// sheet written by Excel points into it. A workbook without one has only
// inline strings.
func (b *book) readSharedStrings(name string) error {
	f := b.parts[name]
	if f == nil {
		return nil
	}
	if f.UncompressedSize64 > maxSmallPart*4 {
		return fmt.Errorf("%d MB, more than %d MB", f.UncompressedSize64>>20, maxSmallPart*4>>20)
	}
	rc, err := b.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := newXMLDecoder(rc)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "si" {
			s, err := readRichText(d, se.Name.Local)
			if err != nil {
				return err
			}
			b.strings = append(b.strings, s)
		}
	}
}

// readRichText reads the text of a string item (<si> or <is>) up to its end
// element: plain <t>, or the <t> of each run <r>, leaving out phonetic
// guides (<rPh>), which are not part of the value.
func readRichText(d *xml.Decoder, end string) (string, error) {
	var sb strings.Builder
	inT, skip := false, 0
	for {
		tok, err := d.RawToken()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Local == "rPh" || t.Name.Local == "phoneticPr":
				skip++
			case t.Name.Local == "t" && skip == 0:
				inT = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "rPh", "phoneticPr":
				skip--
			case "t":
				inT = false
			case end:
				return unescapeXString(sb.String()), nil
			}
		case xml.CharData:
			if inT && skip == 0 {
				if sb.Len()+len(t) > maxCellBytes {
					return "", fmt.Errorf("a text longer than %d KB", maxCellBytes>>10)
				}
				sb.Write(t)
			}
		}
	}
}

// maxCellBytes bounds one cell's text: Excel's own limit is 32,767
// characters, at most about 128 KB of UTF-8.
const maxCellBytes = 256 << 10

// unescapeXString decodes the _xHHHH_ escapes OOXML uses for characters XML
// cannot carry (control characters), and _x005F_ for a literal underscore
// that would otherwise start one.
func unescapeXString(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var sb strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || len(s) < i+7 {
			sb.WriteString(s)
			return sb.String()
		}
		hex := s[i+2 : i+6]
		v, err := strconv.ParseUint(hex, 16, 16)
		if err != nil || s[i+6] != '_' {
			sb.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		sb.WriteString(s[:i])
		sb.WriteRune(rune(v))
		s = s[i+7:]
	}
}

// sniffOLE tells a password-protected workbook (an encrypted package inside
// a Compound File) from an old binary .xls, by the stream names in the
// file's directory (UTF-16LE).
func sniffOLE(ra io.ReaderAt, size int64, file string) error {
	utf16 := func(s string) []byte {
		var b []byte
		for _, c := range s {
			b = append(b, byte(c), 0)
		}
		return b
	}
	encrypted := utf16("EncryptedPackage")
	found := false
	buf := make([]byte, 1<<20)
	for off := int64(0); off < size && off < maxXLSXBytes && !found; off += int64(len(buf) - len(encrypted)) {
		n, _ := ra.ReadAt(buf, off)
		found = bytes.Contains(buf[:n], encrypted)
		if n < len(buf) {
			break
		}
	}
	if found {
		return jixiao.Errorf(jixiao.EINVALID, "%s: 工作簿有密码保护，无法读取：请在 Excel 中打开，用“文件 → 信息 → 保护工作簿 → 用密码进行加密”清除密码并保存后再导入 (password-protected workbook)", file)
	}
	return jixiao.Errorf(jixiao.EINVALID, "%s: 是旧版 Excel 97-2003（.xls）或其他 Office 二进制文件，无法读取：请在 Excel 中另存为 .xlsx 后再导入 (not an .xlsx workbook)", file)
}
