package pdfdoc

import (
	"fmt"
	"io"
	"strings"

	"github.com/signintech/gopdf"

	"jixiao"
)

// Align is how a column's text sits in its cells.
type Align int

const (
	Left Align = iota
	Center
	Right
)

// Column is one column of the table.
type Column struct {
	Title string
	Width float64 // a share of the table's width: the shares are scaled to fill it
	Align Align
}

// Row is one row of the table: a cell per column; Emphasis shades it (a
// total or subtotal).
type Row struct {
	Cells    []string
	Emphasis bool
}

// Document is a title, a line of particulars under it (left, right), and a
// table.
type Document struct {
	Title     string
	Left      string // under the title, on the left: "单位名称：…"
	Right     string // under the title, on the right: "单位：万元"
	Columns   []Column
	Rows      []Row
	FontSize  float64 // of the table; 0 means 8.5 pt
	Author    string  // PDF metadata
	Subject   string
	CreatedBy string
}

// Page geometry, in points: A4 landscape.
const (
	pageW, pageH   = 842.0, 595.0
	margin         = 28.0
	footerH        = 18.0
	padX, padY     = 3.0, 2.5
	lineSpacing    = 1.35
	titleSize      = 15.0
	particularSize = 9.5
)

// Render lays the document out on A4 landscape pages and writes the PDF.
// The header row is repeated at the top of every page; a row taller than
// what is left of a page moves to the next, and a row taller than a whole
// page is split between pages at a line.
func Render(w io.Writer, doc *Document, font *Font) error {
	if len(doc.Columns) == 0 {
		return jixiao.Errorf(jixiao.EINVALID, "PDF：表格没有列")
	}
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4Landscape, Unit: gopdf.UnitPT})
	opt := gopdf.TtfOption{OnGlyphNotFoundSubstitute: func(rune) rune { return '?' }}
	if err := pdf.AddTTFFontDataWithOption("cjk", font.ttf, opt); err != nil {
		return fmt.Errorf("pdf font %s: %w", font.Path, err)
	}
	// Text takes the fill colour unless it has its own; shaded cells would
	// grey it.
	pdf.SetTextColor(0, 0, 0)
	pdf.SetInfo(gopdf.PdfInfo{Title: doc.Title, Author: doc.Author, Subject: doc.Subject, Creator: doc.CreatedBy, Producer: "jixiao"})
	r := &renderer{pdf: pdf, doc: doc, widths: map[rune]float64{}}
	r.measure = func(c rune) float64 {
		w, err := pdf.MeasureTextWidth(string(c))
		if err != nil {
			return 1
		}
		return w / r.size
	}
	if err := r.setSize(10); err != nil {
		return err
	}
	pages := r.layout()
	for i, p := range pages {
		if err := r.draw(p, i+1, len(pages)); err != nil {
			return err
		}
	}
	return pdf.Write(w)
}

// renderer holds the font's character widths (at 1 pt) and the column
// geometry.
type renderer struct {
	pdf     *gopdf.GoPdf
	doc     *Document
	size    float64
	measure func(rune) float64 // advance at 1 pt
	widths  map[rune]float64   // measure's answers so far
	colX    []float64
	colW    []float64
}

func (r *renderer) setSize(size float64) error {
	r.size = size
	return r.pdf.SetFont("cjk", "", size)
}

// charWidth is the advance of c at 1 pt, measured once per character.
func (r *renderer) charWidth(c rune) float64 {
	if w, ok := r.widths[c]; ok {
		return w
	}
	w := r.measure(c)
	r.widths[c] = w
	return w
}

func (r *renderer) textWidth(s string, size float64) float64 {
	x := 0.0
	for _, c := range s {
		x += r.charWidth(c)
	}
	return x * size
}

func (r *renderer) wrap(s string, width, size float64) []string {
	return Wrap(s, width, func(c rune) float64 { return r.charWidth(c) * size })
}

// placed is a row on a page: the lines of each cell that fall there.
type placed struct {
	y, h     float64
	lines    [][]string
	header   bool
	emphasis bool
}

type page struct {
	first bool // carries the title
	rows  []placed
}

func (r *renderer) fontSize() float64 {
	if r.doc.FontSize > 0 {
		return r.doc.FontSize
	}
	return 8.5
}

// layout wraps every cell and paginates, before anything is drawn, so
// that every page knows how many pages there are.
func (r *renderer) layout() []page {
	size := r.fontSize()
	lh := size * lineSpacing
	total := 0.0
	for _, c := range r.doc.Columns {
		total += c.Width
	}
	x := margin
	for _, c := range r.doc.Columns {
		w := (pageW - 2*margin) * c.Width / total
		r.colX, r.colW = append(r.colX, x), append(r.colW, w)
		x += w
	}
	cellLines := func(cells []string) [][]string {
		out := make([][]string, len(r.doc.Columns))
		for i := range r.doc.Columns {
			text := ""
			if i < len(cells) {
				text = cells[i]
			}
			out[i] = r.wrap(text, r.colW[i]-2*padX, size)
		}
		return out
	}
	height := func(lines [][]string) float64 {
		n := 1
		for _, l := range lines {
			n = max(n, len(l))
		}
		return float64(n)*lh + 2*padY
	}
	titles := make([]string, len(r.doc.Columns))
	for i, c := range r.doc.Columns {
		titles[i] = c.Title
	}
	head := cellLines(titles)
	headH := height(head)
	bottom := pageH - margin - footerH
	top := margin
	firstTop := margin + titleSize*1.6 + particularSize*1.8

	var pages []page
	var cur *page
	y := 0.0
	newPage := func() {
		pages = append(pages, page{first: len(pages) == 0})
		cur = &pages[len(pages)-1]
		y = top
		if cur.first {
			y = firstTop
		}
		cur.rows = append(cur.rows, placed{y: y, h: headH, lines: head, header: true})
		y += headH
	}
	newPage()
	for _, row := range r.doc.Rows {
		lines := cellLines(row.Cells)
		for {
			h := height(lines)
			if y+h <= bottom {
				cur.rows = append(cur.rows, placed{y: y, h: h, lines: lines, emphasis: row.Emphasis})
				y += h
				break
			}
			fresh := bottom - (top + headH)
			fits := int((bottom - y - 2*padY) / lh)
			if h <= fresh || fits < 3 {
				newPage() // the row fits on a page of its own, or too little is left here
				if h <= fresh {
					continue
				}
				fits = int((bottom - y - 2*padY) / lh)
			}
			// Taller than a page: what fits here, the rest on the next.
			here, rest := make([][]string, len(lines)), make([][]string, len(lines))
			for i, l := range lines {
				k := min(fits, len(l))
				here[i], rest[i] = l[:k], l[k:]
			}
			hh := height(here)
			cur.rows = append(cur.rows, placed{y: y, h: hh, lines: here, emphasis: row.Emphasis})
			newPage()
			lines = rest
		}
	}
	return pages
}

func (r *renderer) draw(p page, n, total int) error {
	pdf := r.pdf
	pdf.AddPage()
	pdf.SetLineWidth(0.5)
	pdf.SetStrokeColor(0, 0, 0)
	if p.first {
		if err := r.setSize(titleSize); err != nil {
			return err
		}
		if err := r.text(r.doc.Title, margin, margin, pageW-2*margin, Center); err != nil {
			return err
		}
		if err := r.setSize(particularSize); err != nil {
			return err
		}
		y := margin + titleSize*1.6
		if err := r.text(r.doc.Left, margin, y, (pageW-2*margin)*0.7, Left); err != nil {
			return err
		}
		if err := r.text(r.doc.Right, margin+(pageW-2*margin)*0.7, y, (pageW-2*margin)*0.3, Right); err != nil {
			return err
		}
	}
	size := r.fontSize()
	if err := r.setSize(size); err != nil {
		return err
	}
	lh := size * lineSpacing
	for _, row := range p.rows {
		for i := range r.doc.Columns {
			x, w := r.colX[i], r.colW[i]
			switch {
			case row.header:
				pdf.SetFillColor(217, 217, 217)
				pdf.RectFromUpperLeftWithStyle(x, row.y, w, row.h, "FD")
			case row.emphasis:
				pdf.SetFillColor(242, 242, 242)
				pdf.RectFromUpperLeftWithStyle(x, row.y, w, row.h, "FD")
			default:
				pdf.RectFromUpperLeftWithStyle(x, row.y, w, row.h, "D")
			}
			align := r.doc.Columns[i].Align
			if row.header {
				align = Center
			}
			for j, line := range row.lines[i] {
				if err := r.text(line, x+padX, row.y+padY+float64(j)*lh+(lh-size)/2, w-2*padX, align); err != nil {
					return err
				}
			}
		}
	}
	if err := r.setSize(8); err != nil {
		return err
	}
	return r.text(fmt.Sprintf("第 %d 页 / 共 %d 页", n, total), margin, pageH-margin-footerH+6, pageW-2*margin, Center)
}

// text writes one line with its top at y, aligned in the box x…x+w.
func (r *renderer) text(s string, x, y, w float64, align Align) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	switch align {
	case Center:
		x += (w - r.textWidth(s, r.size)) / 2
	case Right:
		x += w - r.textWidth(s, r.size)
	}
	r.pdf.SetXY(x, y)
	return r.pdf.Cell(nil, s)
}
