package chart

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Series is one layer of a stacked column chart: one count per category.
type Series struct {
	Name   string  // legend text: 错误
	Class  string  // added to the bar's class: "sev-error"; "" for none
	Fill   string  // default colour, "#D55E00"; "" → the palette by position
	Values []int64 // one per category, in the categories' order; missing ones are 0
}

// Column chart geometry, px.
const (
	legendH   = 20.0 // one line of legend
	swatch    = 12.0
	legendGap = 16.0 // between legend entries
	maxColumn = 64.0 // the widest column
)

// Columns draws a stacked column chart: one column per category, one stack
// layer per series, the first series at the bottom, the total above each
// column and a legend of the series on top. Categories keep their order;
// beyond opt.MaxBars, the rest are added up in one 其他 column. Stacked
// values are counts: a negative value is drawn as zero. When every value is
// zero the plot says "均为 0"; no categories or no series draw the 暂无数据
// placeholder.
func Columns(categories []string, series []Series, opt Options) template.HTML {
	s := opt.settings("柱状图", 640, 300)
	if len(categories) == 0 || len(series) == 0 {
		return placeholder(s, "chart-columns")
	}
	cats, grid := foldColumns(categories, series, s.maxBars)
	totals := make([]int64, len(cats))
	var most int64
	for ci := range cats {
		for si := range series {
			totals[ci] = addSat(totals[ci], grid[si][ci])
		}
		most = max(most, totals[ci])
	}
	step, top := niceTicks(most)
	ticks := []int64{0}
	if most > 0 {
		for i := int64(1); i <= top/step; i++ {
			ticks = append(ticks, i*step)
		}
	}

	// The legend: entries left to right, wrapping; the unit at the right
	// of the first line.
	unitW := 0.0
	if s.unit != "" {
		unitW = textWidth("单位："+s.unit)*smallFont + legendGap
	}
	type entry struct{ x, y float64 }
	entries := make([]entry, len(series))
	x, y := pad, pad
	names := make([]string, len(series))
	for i, sr := range series {
		names[i] = clean(sr.Name)
		limit := s.width - pad
		if y == pad {
			limit -= unitW
		}
		w := swatch + 4 + textWidth(names[i])*smallFont
		if x > pad && x+w > limit {
			x, y = pad, y+legendH
			limit = s.width - pad
		}
		if x+w > limit { // alone on its line and still too long
			names[i] = truncate(names[i], (limit-x-swatch-4)/smallFont)
			w = swatch + 4 + textWidth(names[i])*smallFont
		}
		entries[i] = entry{x, y}
		x += w + legendGap
	}
	plotTop := y + legendH + fontSize + 6 // room for the totals
	height := max(s.height, plotTop+80+fontSize+6+pad)
	plotBottom := height - pad - fontSize - 6 // room for the category labels

	tickEm := 0.0
	for _, t := range ticks {
		tickEm = max(tickEm, textWidth(clean(s.format(t))))
	}
	left := pad + tickEm*smallFont + 6
	right := s.width - pad
	ys := newScale(0, top, plotBottom, plotTop)
	slot := (right - left) / float64(len(cats))
	colW := min(slot*0.6, maxColumn)

	var c canvas
	c.open(s, "chart-columns", height, columnsDesc(s, cats, series, grid, totals))
	for i, sr := range series {
		e := entries[i]
		c.printf(`<g class="legend"><title>%s</title><rect class="%s" x="%s" y="%s" width="%s" height="%s" fill="%s"/>`,
			esc(clean(sr.Name)), esc(strings.TrimSpace("swatch "+sr.Class)), num(e.x), num(e.y+2), num(swatch), num(swatch), esc(paletteFill(sr.Fill, i)))
		c.text(e.x+swatch+4, e.y+2+swatch-1, "legend", "start", textFill, smallFont, names[i])
		c.WriteString("</g>\n")
	}
	if s.unit != "" {
		c.text(s.width-pad, pad+2+swatch-1, "unit", "end", mutedFill, smallFont, "单位："+s.unit)
	}
	for _, t := range ticks {
		ty := ys.x(t)
		class, stroke := "grid", gridStroke
		if t == 0 {
			class, stroke = "axis", axisStroke
		}
		c.printf(`<line class="%s" x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`+"\n",
			class, num(left), num(ty), num(right), num(ty), stroke)
		c.text(left-6, ty+smallFont*0.35, "tick", "end", mutedFill, smallFont, clean(s.format(t)))
	}
	if most == 0 {
		// Every count is zero (a table without findings): say so, rather
		// than leave an empty plot that looks like a failed render.
		c.text((left+right)/2, (plotTop+plotBottom)/2, "placeholder", "middle", mutedFill, fontSize, "均为 0")
	}
	for ci, cat := range cats {
		cx := left + slot*(float64(ci)+0.5)
		end := c.row("row", "", cat+"：共 "+s.value(totals[ci]))
		var cum int64 // the stack so far
		for si, sr := range series {
			v := grid[si][ci]
			if v == 0 {
				continue
			}
			y0, y1 := ys.x(cum), ys.x(addSat(cum, v))
			cum = addSat(cum, v)
			h := max(y0-y1, 1) // a layer too thin to see still shows it is there
			c.printf(`<rect class="%s" x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s</title></rect>`+"\n",
				esc(strings.TrimSpace("bar "+sr.Class)), num(cx-colW/2), num(y0-h), num(colW), num(h),
				esc(paletteFill(sr.Fill, si)), esc(cat+" · "+clean(sr.Name)+"："+s.value(v)))
		}
		c.text(cx, ys.x(totals[ci])-4, "total", "middle", textFill, fontSize, clean(s.format(totals[ci])))
		c.text(cx, plotBottom+6+fontSize*0.8, "label", "middle", textFill, fontSize, truncate(cat, (slot-4)/fontSize))
		c.WriteString(end)
	}
	return c.close()
}

// foldColumns cleans the categories and reads the series into a grid
// [series][category] of values ≥ 0. Beyond the first n categories (and
// more than one of them), the rest are summed into one 其他 category.
func foldColumns(categories []string, series []Series, n int) ([]string, [][]int64) {
	cats := make([]string, len(categories))
	for i, c := range categories {
		cats[i] = clean(c)
		if cats[i] == "" {
			cats[i] = "（未命名）"
		}
	}
	grid := make([][]int64, len(series))
	for si, sr := range series {
		grid[si] = make([]int64, len(cats))
		for ci := range cats {
			if ci < len(sr.Values) {
				grid[si][ci] = max(sr.Values[ci], 0)
			}
		}
	}
	if len(cats) <= n+1 {
		return cats, grid
	}
	cats = append(cats[:n:n], fmt.Sprintf("其他（%d 项）", len(cats)-n))
	for si := range grid {
		var rest int64
		for _, v := range grid[si][n:] {
			rest = addSat(rest, v)
		}
		grid[si] = append(grid[si][:n:n], rest)
	}
	return cats, grid
}

// niceTicks returns the step and the top of an axis from 0 to at least
// most in at most four steps of 1, 2 or 5 × 10ⁿ. An axis for nothing
// (most 0) is 0 to 1.
func niceTicks(most int64) (step, top int64) {
	if most <= 0 {
		return 1, 1
	}
	target := most/4 + min(most%4, 1) // ⌈most/4⌉
	mag := int64(1)
	for mag <= math.MaxInt64/10 && mag*10 <= target {
		mag *= 10
	}
	step = target // past 5 × 10¹⁸ there is no nicer step
	for _, m := range []int64{1, 2, 5, 10} {
		if mag <= math.MaxInt64/m && m*mag >= target {
			step = m * mag
			break
		}
	}
	top = most / step * step
	if top < most {
		top = addSat(top, step)
	}
	return step, top
}

// columnsDesc lists the columns with their stacks, for <desc>.
func columnsDesc(s settings, cats []string, series []Series, grid [][]int64, totals []int64) string {
	parts := make([]string, len(cats))
	for ci, cat := range cats {
		var b strings.Builder
		b.WriteString(cat + " 共 " + s.value(totals[ci]))
		sep := "（"
		for si, sr := range series {
			if grid[si][ci] > 0 {
				b.WriteString(sep + clean(sr.Name) + " " + s.value(grid[si][ci]))
				sep = "，"
			}
		}
		if sep == "，" {
			b.WriteString("）")
		}
		parts[ci] = b.String()
	}
	return strings.Join(parts, "；")
}
