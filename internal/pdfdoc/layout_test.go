package pdfdoc

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func monoWidth(r rune) float64 {
	if utf8.RuneLen(r) == 3 {
		return 1
	}
	return 0.5
}

// layoutOf paginates without a PDF: characters are measured as 1 em (Chinese)
// or ½ em.
func layoutOf(doc *Document) []page {
	r := &renderer{doc: doc, widths: map[rune]float64{}, measure: monoWidth, size: doc.FontSize}
	return r.layout()
}

func TestLayoutRepeatsTheHeaderAndSplitsOnlyRowsTallerThanAPage(t *testing.T) {
	long := strings.Repeat("完成年度培训任务，", 600) // hundreds of lines in its column
	doc := &Document{Title: "t", FontSize: 8.5,
		Columns: []Column{{Title: "项目名称", Width: 1}, {Title: "绩效指标", Width: 3}}}
	for i := 0; i < 30; i++ {
		doc.Rows = append(doc.Rows, Row{Cells: []string{"项目", strings.Repeat("指标值", 40)}})
	}
	doc.Rows = append(doc.Rows, Row{Cells: []string{"很长的项目", long}})
	doc.Rows = append(doc.Rows, Row{Cells: []string{"最后", "x"}})
	pages := layoutOf(doc)
	if len(pages) < 4 {
		t.Fatalf("%d pages", len(pages))
	}
	bottom := pageH - margin - footerH
	var longLines, rows int
	for i, p := range pages {
		if !p.rows[0].header || p.first != (i == 0) {
			t.Errorf("page %d does not start with the header row", i+1)
		}
		for _, r := range p.rows {
			if r.y+r.h > bottom+0.01 {
				t.Errorf("page %d: a row ends at %.1f, below the printable area (%.1f)", i+1, r.y+r.h, bottom)
			}
			if r.header {
				continue
			}
			rows++
			if strings.Contains(strings.Join(r.lines[1], ""), "培训") {
				longLines += len(r.lines[1])
			}
		}
	}
	r := &renderer{doc: doc, widths: map[rune]float64{}, measure: monoWidth}
	r.layout()
	want := len(r.wrap(long, r.colW[1]-2*padX, 8.5))
	if longLines != want {
		t.Errorf("the tall row shows %d lines over its pages, want all %d", longLines, want)
	}
	if last := pages[len(pages)-1].rows; last[len(last)-1].lines[0][0] != "最后" {
		t.Errorf("rows out of order: the last page ends with %q", last[len(last)-1].lines[0])
	}
	if rows <= 32 {
		t.Errorf("%d placed rows: the tall one should be in several pieces", rows)
	}
}
