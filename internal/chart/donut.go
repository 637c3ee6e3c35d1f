package chart

import (
	"fmt"
	"html/template"
	"math"
	"math/bits"
	"strings"
)

// Slice is one part of a donut.
type Slice struct {
	Label string // legend text: 优
	Value int64  // a count; a negative one is drawn as zero
	Class string // added to the slice's class: "grade-excellent"; "" for none
	Fill  string // default colour; "" → the palette by position
}

// Donut geometry, px.
const (
	legendRowH = 22.0
	totalFont  = 20.0
	hole       = 0.6 // inner radius / outer radius
	minRing    = 30  // the smallest outer radius; the legend's labels are cut first
)

// Donut draws a donut of the slices, clockwise from the top in their
// order, with the total in the hole and a legend of label, value and
// percentage on the right. The percentages are rounded to 0.1% so that
// they add up to exactly 100.0% (largest remainder). When every value is
// zero the ring is grey, the total 0 and the percentages "—"; no slices at
// all draw the 暂无数据 placeholder.
func Donut(slices []Slice, opt Options) template.HTML {
	s := opt.settings("环形图", 360, 200)
	if len(slices) == 0 {
		return placeholder(s, "chart-donut")
	}
	labels := make([]string, len(slices))
	values := make([]int64, len(slices))
	var total int64
	for i, sl := range slices {
		labels[i] = clean(sl.Label)
		if labels[i] == "" {
			labels[i] = "（未命名）"
		}
		values[i] = max(sl.Value, 0)
		total = addSat(total, values[i])
	}
	pcts := percentages(values, total)

	// Legend columns: swatch, label, value (right-aligned), percentage
	// (right-aligned). The donut gets the width the legend leaves, and the
	// two are centred together.
	valueTexts := make([]string, len(slices))
	valueEm, pctEm, labelEm := 0.0, 0.0, 0.0
	for i := range slices {
		valueTexts[i] = clean(s.format(values[i]))
		if s.unit != "" {
			valueTexts[i] += " " + s.unit
		}
		valueEm = max(valueEm, textWidth(valueTexts[i]))
		pctEm = max(pctEm, textWidth(pcts[i]))
		labelEm = max(labelEm, textWidth(labels[i]))
	}
	const ringGap = 24.0 // between the ring and the legend
	fixed := swatch + 6 + 2*legendGap + (valueEm+pctEm)*fontSize
	labelW := min(labelEm*fontSize, maxLabel*s.width)
	height := max(s.height, float64(len(slices))*legendRowH+2*pad)
	// The ring takes up to 28% of the width; long labels are cut to the
	// rest, but not below 5em — then the ring gives way, down to minRing.
	outer := min(s.height/2-pad, s.width*0.28)
	if room := s.width - 2*pad - 2*outer - ringGap - fixed; room < min(labelW, 5*fontSize) {
		outer = max((s.width-2*pad-ringGap-fixed-min(labelW, 5*fontSize))/2, minRing)
	}
	labelW = max(min(labelW, s.width-2*pad-2*outer-ringGap-fixed), fontSize)
	inner := outer * hole
	spare := max(s.width-2*pad-(2*outer+ringGap+fixed+labelW), 0)
	cx, cy := pad+spare/2+outer, height/2
	lx := cx + outer + ringGap
	labelX := lx + swatch + 6
	valueX := labelX + labelW + legendGap + valueEm*fontSize // right edge
	pctX := valueX + legendGap + pctEm*fontSize              // right edge

	var c canvas
	c.open(s, "chart-donut", height, donutDesc(s, labels, values, pcts, total))
	if total == 0 {
		c.printf(`<path class="slice empty" d="%s" fill="%s" fill-rule="evenodd"/>`+"\n", ring(cx, cy, outer, inner), gridStroke)
	}
	var cum int64
	for i, sl := range slices {
		v := values[i]
		if v == 0 {
			continue
		}
		a0 := angle(cum, total)
		cum = addSat(cum, v)
		a1 := angle(cum, total)
		d := ring(cx, cy, outer, inner)
		if v < total {
			d = arc(cx, cy, outer, inner, a0, a1)
		}
		c.printf(`<path class="%s" d="%s" fill="%s" fill-rule="evenodd" stroke="#ffffff" stroke-width="1"><title>%s</title></path>`+"\n",
			esc(strings.TrimSpace("slice "+sl.Class)), d, esc(paletteFill(sl.Fill, i)),
			esc(labels[i]+"："+valueTexts[i]+"（"+pcts[i]+"）"))
	}
	totalText := clean(s.format(total))
	size := min(totalFont, 1.7*inner/max(textWidth(totalText), 1))
	if inner >= 28 {
		c.text(cx, cy+2, "total", "middle", textFill, size, totalText)
		c.text(cx, cy+18, "total-label", "middle", mutedFill, smallFont, "合计")
	} else { // a small ring has room for the number only
		c.text(cx, cy+size*0.35, "total", "middle", textFill, min(size, inner), totalText)
	}

	top := cy - float64(len(slices))*legendRowH/2
	for i, sl := range slices {
		y := top + float64(i)*legendRowH
		base := y + legendRowH/2 + fontSize*0.35
		end := c.row("legend", "", labels[i]+"："+valueTexts[i]+"（"+pcts[i]+"）")
		c.printf(`<rect class="%s" x="%s" y="%s" width="%s" height="%s" fill="%s"/>`+"\n",
			esc(strings.TrimSpace("swatch "+sl.Class)), num(lx), num(y+(legendRowH-swatch)/2), num(swatch), num(swatch), esc(paletteFill(sl.Fill, i)))
		c.text(labelX, base, "label", "start", textFill, fontSize, truncate(labels[i], labelW/fontSize))
		c.text(valueX, base, "value", "end", textFill, fontSize, valueTexts[i])
		c.text(pctX, base, "percent", "end", mutedFill, fontSize, pcts[i])
		c.WriteString(end)
	}
	return c.close()
}

// percentages returns each value's share of total to 0.1%, adding up to
// 100.0%: the shares are rounded down and the tenths still missing go to
// the largest remainders (the first of equal ones). The arithmetic is
// exact (128-bit), not float. A total of zero has no shares: "—".
func percentages(values []int64, total int64) []string {
	out := make([]string, len(values))
	if total <= 0 {
		for i := range out {
			out[i] = "—"
		}
		return out
	}
	tenths := make([]uint64, len(values))
	rems := make([]uint64, len(values))
	missing := int64(1000) // below 0 only when the total was too large for int64 and stopped at its limit
	for i, v := range values {
		hi, lo := bits.Mul64(uint64(v), 1000)
		tenths[i], rems[i] = bits.Div64(hi, lo, uint64(total)) // v ≤ total, so the quotient fits
		missing -= int64(tenths[i])
	}
	for ; missing > 0; missing-- {
		best := -1
		for i, r := range rems {
			if r > 0 && (best < 0 || r > rems[best]) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		tenths[best]++
		rems[best] = 0
	}
	for i, t := range tenths {
		out[i] = fmt.Sprintf("%d.%d%%", t/10, t%10)
	}
	return out
}

// angle is the angle of cum/total of a turn, clockwise from the top.
func angle(cum, total int64) float64 {
	return 2 * math.Pi * float64(cum) / float64(total)
}

// point is the point at angle a (clockwise from the top) on the circle of
// radius r around (cx, cy).
func point(cx, cy, r, a float64) string {
	return num(cx+r*math.Sin(a)) + " " + num(cy-r*math.Cos(a))
}

// arc is the path of the part of the ring between angles a0 and a1.
func arc(cx, cy, outer, inner, a0, a1 float64) string {
	large := 0
	if a1-a0 > math.Pi {
		large = 1
	}
	return fmt.Sprintf("M%s A%s %s 0 %d 1 %s L%s A%s %s 0 %d 0 %s Z",
		point(cx, cy, outer, a0), num(outer), num(outer), large, point(cx, cy, outer, a1),
		point(cx, cy, inner, a1), num(inner), num(inner), large, point(cx, cy, inner, a0))
}

// ring is the path of the whole ring (with fill-rule evenodd): an arc of a
// full turn draws nothing, so each circle is two half turns.
func ring(cx, cy, outer, inner float64) string {
	circle := func(r float64) string {
		return fmt.Sprintf("M%s A%s %s 0 1 1 %s A%s %s 0 1 1 %s Z",
			point(cx, cy, r, 0), num(r), num(r), point(cx, cy, r, math.Pi), num(r), num(r), point(cx, cy, r, 0))
	}
	return circle(outer) + " " + circle(inner)
}

// donutDesc lists the slices, for <desc>.
func donutDesc(s settings, labels []string, values []int64, pcts []string, total int64) string {
	parts := make([]string, 0, len(labels)+1)
	for i, l := range labels {
		parts = append(parts, l+" "+s.value(values[i])+"（"+pcts[i]+"）")
	}
	parts = append(parts, "合计 "+s.value(total))
	return strings.Join(parts, "；")
}
