package table

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"jixiao"
)

// cellFormat is what a cell's number format means for reading it: a date
// stored as a serial number, a percentage stored as a fraction, or a plain
// number.
type cellFormat uint8

const (
	fmtGeneral cellFormat = iota
	fmtDate
	fmtPercent
)

func (b *book) readStyles(name string) error {
	if b.parts[name] == nil {
		return nil
	}
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmtID int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := b.readXML(name, &st); err != nil {
		return err
	}
	custom := map[int]string{}
	for _, f := range st.NumFmts {
		custom[f.ID] = f.Code
	}
	for _, xf := range st.Xfs {
		code, ok := custom[xf.NumFmtID]
		if !ok {
			b.formats = append(b.formats, builtinFormat(xf.NumFmtID))
			continue
		}
		b.formats = append(b.formats, classifyFormat(code))
	}
	return nil
}

// builtinFormat classifies Excel's built-in number formats: 9 and 10 are
// percentages; 14–22, 27–36, 45–47 and 50–58 (the East Asian ones) dates
// and times.
func builtinFormat(id int) cellFormat {
	switch {
	case id == 9 || id == 10:
		return fmtPercent
	case id >= 14 && id <= 22, id >= 27 && id <= 36, id >= 45 && id <= 47, id >= 50 && id <= 58:
		return fmtDate
	}
	return fmtGeneral
}

// classifyFormat reads a custom format code: outside quoted text, escaped
// characters and [bracketed] parts, a % makes a percentage and y, m, d, h or
// s a date or time.
func classifyFormat(code string) cellFormat {
	if strings.EqualFold(code, "General") || code == "@" {
		return fmtGeneral
	}
	section, _, _ := strings.Cut(code, ";") // the format of positive numbers
	var plain strings.Builder
	inQuote, inBracket := false, false
	for i := 0; i < len(section); i++ {
		c := section[i]
		switch {
		case inQuote:
			inQuote = c != '"'
		case inBracket:
			inBracket = c != ']'
		case c == '"':
			inQuote = true
		case c == '[':
			inBracket = true
		case c == '\\' || c == '_' || c == '*':
			i++ // the next character is literal (or padding)
		default:
			plain.WriteByte(c)
		}
	}
	p := strings.ToLower(plain.String())
	switch {
	case strings.Contains(p, "%"):
		return fmtPercent
	case strings.ContainsAny(p, "ydhs") || strings.Contains(p, "m") && !strings.Contains(p, "e+"):
		return fmtDate
	}
	return fmtGeneral
}

// xcell is one cell as read from a worksheet.
type xcell struct {
	col  int    // 1-based column
	text string // the value as a person reads it: text as is, numbers in plain decimals, dates as 2024-12-31, percentages as 90%
	num  string // for a number cell: the number in plain decimals (no format applied), else ""

	formulaNoValue bool   // a formula whose result the file does not hold
	formula        string // its text, for the message
	errValue       string // an error value such as #DIV/0!
	bad            string // the cell could not be read: why
}

// xrow is one worksheet row: its number and its non-empty cells in
// column order.
type xrow struct {
	n     int
	cells []xcell
}

// cell returns the cell in column col, or an empty one.
func (r *xrow) cell(col int) xcell {
	for _, c := range r.cells {
		if c.col == col {
			return c
		}
	}
	return xcell{col: col}
}

func (r *xrow) empty() bool {
	for _, c := range r.cells {
		if strings.TrimSpace(c.text) != "" || c.formulaNoValue || c.errValue != "" || c.bad != "" {
			return false
		}
	}
	return true
}

// cellRef names a cell as Excel does: "B7".
func cellRef(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return fmt.Sprintf("R%dC%d", row, col)
	}
	return name
}

// Excel's grid.
const (
	maxExcelRows = 1_048_576
	maxExcelCols = 16_384
)

// eachRow streams the rows of a worksheet part to fn, in file order, with
// memory bounded by the longest row: the sheet's XML is never held whole.
// A row whose cells cannot be read carries the reason in the cell (bad),
// for the caller to report at its place.
func (b *book) eachRow(part string, fn func(*xrow) error) error {
	rc, err := b.open(part)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := newXMLDecoder(rc)
	var row xrow
	inData, lastRow := false, 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("worksheet XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "sheetData":
				inData = true
			case "row":
				if !inData {
					continue
				}
				n := lastRow + 1
				if v := attr(t, "r"); v != "" {
					if n, err = strconv.Atoi(v); err != nil || n < 1 || n > maxExcelRows {
						return fmt.Errorf("row number %q", v)
					}
				}
				lastRow = n
				row = xrow{n: n, cells: row.cells[:0]}
				if err := b.readRow(d, &row); err != nil {
					return err
				}
				if err := fn(&row); err != nil {
					return err
				}
			}
		case xml.EndElement:
			if t.Name.Local == "sheetData" {
				return nil // merged cells, page setup … come after the data and are not needed
			}
		}
	}
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// readRow reads the cells of one <row> up to its end element.
func (b *book) readRow(d *xml.Decoder, row *xrow) error {
	lastCol := 0
	for {
		tok, err := d.RawToken()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return fmt.Errorf("worksheet XML, row %d: %w", row.n, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "c" {
				if err := skipElement(d); err != nil {
					return err
				}
				continue
			}
			col := lastCol + 1
			if ref := attr(t, "r"); ref != "" {
				c, r, err := excelize.CellNameToCoordinates(ref)
				if err != nil || r != row.n || c > maxExcelCols {
					return fmt.Errorf("cell reference %q in row %d", ref, row.n)
				}
				col = c
			}
			if col > maxExcelCols {
				return fmt.Errorf("row %d has more than %d columns", row.n, maxExcelCols)
			}
			lastCol = col
			c, err := b.readCell(d, t, col)
			if err != nil {
				return fmt.Errorf("cell %s: %w", cellRef(col, row.n), err)
			}
			if c.text != "" || c.formulaNoValue || c.errValue != "" || c.bad != "" {
				row.cells = append(row.cells, c)
			}
		case xml.EndElement:
			if t.Name.Local == "row" {
				return nil
			}
		}
	}
}

// readCell reads one <c> element: its type (t), style (s), cached value
// (<v>), formula (<f>) and inline string (<is>).
func (b *book) readCell(d *xml.Decoder, se xml.StartElement, col int) (xcell, error) {
	c := xcell{col: col}
	typ := attr(se, "t")
	style := -1
	if s := attr(se, "s"); s != "" {
		if n, err := strconv.Atoi(s); err == nil {
			style = n
		}
	}
	var v strings.Builder
	hasV, hasF := false, false
	for {
		tok, err := d.RawToken()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return c, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "v":
				hasV = true
				if err := readCharData(d, &v); err != nil {
					return c, err
				}
			case "f":
				hasF = true
				var f strings.Builder
				if err := readCharData(d, &f); err != nil {
					return c, err
				}
				c.formula = f.String()
			case "is":
				s, err := readRichText(d, "is")
				if err != nil {
					return c, err
				}
				c.text = s
			default:
				if err := skipElement(d); err != nil {
					return c, err
				}
			}
		case xml.EndElement:
			if t.Name.Local == "c" {
				if hasF && !hasV && typ != "inlineStr" {
					c.formulaNoValue = true
					return c, nil
				}
				b.value(&c, typ, style, v.String())
				return c, nil
			}
		}
	}
}

// readCharData collects the text of the current element up to its end.
func readCharData(d *xml.Decoder, sb *strings.Builder) error {
	depth := 1
	for depth > 0 {
		tok, err := d.RawToken()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if sb.Len()+len(t) > maxCellBytes {
				return fmt.Errorf("a value longer than %d KB", maxCellBytes>>10)
			}
			sb.Write(t)
		}
	}
	return nil
}

// value turns a cell's stored value into text by its type and format.
func (b *book) value(c *xcell, typ string, style int, v string) {
	switch typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(b.strings) {
			c.bad = fmt.Sprintf("共享字符串编号 %q 超出范围", v)
			return
		}
		c.text = b.strings[i]
	case "inlineStr":
		// read from <is> already
	case "str":
		c.text = unescapeXString(v)
	case "b":
		switch strings.TrimSpace(v) {
		case "1", "true":
			c.text = "是"
		case "0", "false":
			c.text = "否"
		default:
			c.bad = fmt.Sprintf("布尔值 %q", v)
		}
	case "e":
		c.errValue = v
	case "d": // ISO 8601, rare: written by a few tools
		tm, err := time.Parse("2006-01-02T15:04:05", strings.TrimSuffix(v, "Z"))
		if err != nil {
			if tm, err = time.Parse("2006-01-02", v); err != nil {
				c.bad = fmt.Sprintf("日期 %q", v)
				return
			}
		}
		c.text = dateText(tm)
	default: // a number
		v = strings.TrimSpace(v)
		if v == "" {
			return
		}
		num, ok := excelNumber(v)
		if !ok {
			c.bad = fmt.Sprintf("数值 %q", v)
			return
		}
		c.num, c.text = num, num
		format := fmtGeneral
		if style >= 0 && style < len(b.formats) {
			format = b.formats[style]
		}
		switch format {
		case fmtDate:
			f, _ := strconv.ParseFloat(num, 64)
			if f < 1 || f > 2958465 { // 1900-01-01 … 9999-12-31
				c.bad = fmt.Sprintf("日期序号 %s 超出范围", num)
				return
			}
			tm, err := excelize.ExcelDateToTime(f, b.date1904)
			if err != nil {
				c.bad = fmt.Sprintf("日期序号 %s", num)
				return
			}
			c.text = dateText(tm)
		case fmtPercent:
			r := jixiao.MustDecimal(num).Rat()
			c.text = jixiao.DecimalFromRat(r.Mul(r, big.NewRat(100, 1)), 13).String() + "%"
		}
	}
}

// dateText writes a date as the value parser reads it; a time of day, rare
// in a deadline, is kept to the minute.
func dateText(t time.Time) string {
	t = t.Round(time.Minute)
	if t.Hour() == 0 && t.Minute() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04")
}

// excelNumber turns a stored number into plain decimals. Excel stores
// doubles and writes up to 17 significant digits ("27793.939999999999"),
// but shows and computes with 15; a value with more is rounded to 15, which
// is what the person who typed it saw. The float is only the carrier of
// Excel's own representation; amounts are parsed from the decimal text.
func excelNumber(v string) (string, bool) {
	if d, err := jixiao.ParseDecimal(v); err == nil && significantDigits(d.String()) <= 15 {
		return d.String(), true
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return "", false
	}
	g, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	d, err := jixiao.ParseDecimal(strconv.FormatFloat(g, 'f', -1, 64))
	if err != nil {
		return "", false
	}
	return d.String(), true
}

func significantDigits(s string) int {
	s = strings.TrimLeft(strings.Replace(strings.TrimPrefix(s, "-"), ".", "", 1), "0")
	return len(s)
}

// skipElement skips to the end of the element just started. Sheets are
// read with RawToken (no namespace bookkeeping: a third faster), which
// Decoder.Skip does not mix with.
func skipElement(d *xml.Decoder) error {
	for depth := 1; depth > 0; {
		tok, err := d.RawToken()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}
