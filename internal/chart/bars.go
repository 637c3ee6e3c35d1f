package chart

import (
	"fmt"
	"html/template"
	"slices"
	"strings"
)

// Bar is one bar of a horizontal bar chart.
type Bar struct {
	Label string // e.g. a project name; cut with … when too long, in full in the tooltip
	Value int64  // e.g. fen, with Options.Format WanYuan
	Href  string // optional: the bar and its label link here
}

// Bar chart geometry, px.
const (
	rowH      = 26.0
	barH      = 16.0
	gap       = 6.0  // between a label or value and its bar
	unitLineH = 22.0 // the 单位：… line above the bars
	minPlot   = 0.35 // of the width, at least, for the bars themselves
	maxLabel  = 0.4  // of the width, at most, for the label column
)

// barRow is a bar as drawn.
type barRow struct {
	Bar
	label string // cleaned
	other int    // > 0: the 其他 bar, standing for this many bars
}

// Bars draws a horizontal bar chart, largest value on top. When there are
// more than opt.MaxBars bars, the first MaxBars are drawn and the rest are
// added up in one grey bar "其他（N 项）", drawn broken (full width, a
// break mark, its true value) when it is longer than the top bar. Labels
// are cut to fit a column of at most 40% of the width. Negative values
// extend left of a zero line; no bars at all draw the 暂无数据 placeholder.
func Bars(bars []Bar, opt Options) template.HTML {
	s := opt.settings("条形图", 640, 0)
	if len(bars) == 0 {
		return placeholder(s, "chart-bars")
	}
	rows := topBars(bars, s.maxBars)

	values := make([]string, len(rows))
	labelEm, valueEm := 0.0, 0.0
	lo, hi := int64(0), int64(0)
	for i, r := range rows {
		values[i] = clean(s.format(r.Value))
		labelEm = max(labelEm, textWidth(r.label))
		valueEm = max(valueEm, textWidth(values[i]))
		if r.other == 0 {
			lo, hi = min(lo, r.Value), max(hi, r.Value)
		}
	}
	// The 其他 bar adds up a long tail and is often longer than the top
	// bar; on one scale it would squash the bars the chart is for. It is
	// drawn broken instead: to the full width, with a break mark and its
	// true value.
	broken := false
	if last := rows[len(rows)-1]; last.other > 0 {
		broken = last.Value > hi && hi > 0
		if !broken {
			lo, hi = min(lo, last.Value), max(hi, last.Value)
		}
	}
	valueW := valueEm*fontSize + gap
	sides := 1.0 // value texts right of the bars
	if lo < 0 {
		sides = 2 // and left of the negative ones
	}
	labelW := min(labelEm*fontSize, maxLabel*s.width,
		s.width-2*pad-gap-sides*valueW-minPlot*s.width)
	labelW = max(labelW, 3*fontSize)
	plotL := pad + labelW + gap
	if lo < 0 {
		plotL += valueW
	}
	plotR := s.width - pad - valueW
	scale := newScale(lo, hi, plotL, plotR)

	top := pad
	if s.unit != "" {
		top = unitLineH
	}
	height := top + float64(len(rows))*rowH + pad

	var c canvas
	c.open(s, "chart-bars", height, barsDesc(s, rows))
	if s.unit != "" {
		c.text(s.width-pad, top-8, "unit", "end", mutedFill, smallFont, "单位："+s.unit)
	}
	x0 := scale.x(0)
	c.printf(`<line class="axis" x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`+"\n",
		num(x0), num(top), num(x0), num(height-pad), axisStroke)
	for i, r := range rows {
		y := top + float64(i)*rowH
		mid := y + rowH/2
		baseline := mid + fontSize*0.35
		end := c.row("row", r.Href, r.label+"："+s.value(r.Value))
		c.text(pad+labelW, baseline, "label", "end", textFill, fontSize, truncate(r.label, labelW/fontSize))
		x1 := scale.x(r.Value)
		if broken && r.other > 0 {
			x1 = plotR
		}
		left, width := min(x0, x1), abs64f(x1-x0)
		if r.Value != 0 && width < 1 {
			width = 1 // a bar too small to see still shows it is not zero
			if r.Value < 0 {
				left = x0 - 1
			}
		}
		class, fill := "bar", Blue
		switch {
		case r.other > 0:
			class, fill = "bar other", Grey
		case r.Value < 0:
			class, fill = "bar negative", Vermillion
		}
		c.printf(`<rect class="%s" x="%s" y="%s" width="%s" height="%s" fill="%s"/>`+"\n",
			class, num(left), num(mid-barH/2), num(width), num(barH), fill)
		if broken && r.other > 0 {
			bx := left + width - 12
			c.printf(`<path class="break" d="M%s %sL%s %sM%s %sL%s %s" stroke="#ffffff" stroke-width="2"/>`+"\n",
				num(bx-3), num(mid+barH/2+1), num(bx+3), num(mid-barH/2-1),
				num(bx+2), num(mid+barH/2+1), num(bx+8), num(mid-barH/2-1))
		}
		if r.Value < 0 {
			c.text(left-gap, baseline, "value", "end", textFill, fontSize, values[i])
		} else {
			c.text(left+width+gap, baseline, "value", "start", textFill, fontSize, values[i])
		}
		c.WriteString(end)
	}
	return c.close()
}

// topBars cleans the labels, sorts by value, largest first (equal values
// keep their order), and folds what is beyond the first n into one 其他
// bar. A single bar beyond n is drawn as itself: "其他（1 项）" would hide its
// name for nothing.
func topBars(bars []Bar, n int) []barRow {
	rows := make([]barRow, len(bars))
	for i, b := range bars {
		rows[i] = barRow{Bar: b, label: clean(b.Label)}
		if rows[i].label == "" {
			rows[i].label = "（未命名）"
		}
	}
	slices.SortStableFunc(rows, func(a, b barRow) int {
		switch {
		case a.Value > b.Value:
			return -1
		case a.Value < b.Value:
			return 1
		}
		return 0
	})
	if len(rows) <= n+1 {
		return rows
	}
	other := barRow{other: len(rows) - n}
	for _, r := range rows[n:] {
		other.Value = addSat(other.Value, r.Value)
	}
	other.label = fmt.Sprintf("其他（%d 项）", other.other)
	return append(rows[:n:n], other)
}

// barsDesc lists the bars drawn, for <desc>.
func barsDesc(s settings, rows []barRow) string {
	parts := make([]string, len(rows))
	for i, r := range rows {
		parts[i] = r.label + " " + s.value(r.Value)
	}
	return strings.Join(parts, "；")
}

// scale maps values to x (or y) linearly. A span of zero (every value
// zero) maps everything to the low end.
type scale struct {
	lo, hi, p0, p1 float64
}

func newScale(lo, hi int64, p0, p1 float64) scale {
	return scale{lo: float64(lo), hi: float64(hi), p0: p0, p1: p1}
}

func (s scale) x(v int64) float64 {
	if s.hi == s.lo {
		return s.p0
	}
	return s.p0 + (float64(v)-s.lo)/(s.hi-s.lo)*(s.p1-s.p0)
}

func abs64f(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
