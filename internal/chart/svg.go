package chart

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"
)

// Options are the settings shared by the charts. The zero value is usable.
type Options struct {
	Title   string             // accessible name: aria-label and <title>; "" → the kind of chart
	Width   int                // natural width in px; 0 → the chart's default (Bars, Columns 640; Donut 360)
	Height  int                // natural height in px for Columns (300) and Donut (200); Bars grow with their rows
	Unit    string             // unit of the values, "万元" or "条": shown as 单位：… and in tooltips
	MaxBars int                // Bars and Columns: at most this many, the rest in one 其他 bar; 0 → 10, at most 100
	Format  func(int64) string // the text of a value; nil → Count
}

const (
	defaultMaxBars = 10
	maxMaxBars     = 100 // a chart of more bars is no longer read, and 1,000 bars make a 26,000 px SVG
	minWidth       = 240
	maxWidth       = 4000
	fontSize       = 13.0 // px; the root's font-size, labels and values
	smallFont      = 12.0 // px; ticks, unit, legend
	pad            = 8.0  // outer margin
	placeholderH   = 120
	textFill       = "#333333"
	mutedFill      = "#666666"
	axisStroke     = "#999999"
	gridStroke     = "#e5e5e5"
	fontFamily     = "system-ui, -apple-system, PingFang SC, Hiragino Sans GB, Microsoft YaHei, Noto Sans CJK SC, Source Han Sans SC, sans-serif"
	noData         = "暂无数据"
)

// settings are Options with the defaults filled in.
type settings struct {
	title   string
	width   float64
	height  float64
	unit    string
	maxBars int
	format  func(int64) string
}

func (o Options) settings(kind string, w, h int) settings {
	s := settings{title: clean(o.Title), unit: clean(o.Unit), maxBars: o.MaxBars, format: o.Format}
	if s.title == "" {
		s.title = kind
	}
	if o.Width > 0 {
		w = min(max(o.Width, minWidth), maxWidth)
	}
	if o.Height > 0 {
		h = min(max(o.Height, 160), maxWidth)
	}
	s.width, s.height = float64(w), float64(h)
	if s.maxBars <= 0 {
		s.maxBars = defaultMaxBars
	}
	s.maxBars = min(s.maxBars, maxMaxBars)
	if s.format == nil {
		s.format = Count
	}
	return s
}

// value is the text of v with the unit, for tooltips and <desc>.
func (s settings) value(v int64) string {
	t := clean(s.format(v))
	if s.unit != "" {
		t += " " + s.unit
	}
	return t
}

// canvas accumulates the SVG text.
type canvas struct {
	strings.Builder
}

func (c *canvas) printf(format string, args ...any) {
	fmt.Fprintf(c, format, args...)
}

// open writes the root element with its title and description. class is
// the chart kind ("chart-bars").
func (c *canvas) open(s settings, class string, height float64, desc string) {
	c.printf(`<svg xmlns="http://www.w3.org/2000/svg" class="chart %s" role="img" aria-label="%s" width="%s" height="%s" viewBox="0 0 %s %s" font-family="%s" font-size="%s">`,
		class, esc(s.title), num(s.width), num(height), num(s.width), num(height), esc(fontFamily), num(fontSize))
	c.printf("\n<title>%s</title>\n<desc>%s</desc>\n", esc(s.title), esc(desc))
}

func (c *canvas) close() template.HTML {
	c.WriteString("</svg>\n")
	return template.HTML(c.String()) // every text and attribute went through esc
}

// text writes one text element. anchor is start, middle or end.
func (c *canvas) text(x, y float64, class, anchor, fill string, size float64, s string) {
	c.printf(`<text class="%s" x="%s" y="%s"`, class, num(x), num(y))
	if anchor != "start" {
		c.printf(` text-anchor="%s"`, anchor)
	}
	if size != fontSize {
		c.printf(` font-size="%s"`, num(size))
	}
	c.printf(` fill="%s">%s</text>`+"\n", fill, esc(s))
}

// placeholder is the chart without data: a light frame saying 暂无数据, so
// the page keeps its layout.
func placeholder(s settings, class string) template.HTML {
	var c canvas
	c.open(s, class+" chart-empty", placeholderH, noData)
	c.printf(`<rect class="frame" x="0.5" y="0.5" width="%s" height="%s" rx="4" fill="none" stroke="%s" stroke-dasharray="4 4"/>`+"\n",
		num(s.width-1), num(placeholderH-1), gridStroke)
	c.text(s.width/2, placeholderH/2+fontSize*0.35, "placeholder", "middle", mutedFill, fontSize, noData)
	return c.close()
}

// safeHref returns href if a link to it is harmless, else "". Allowed are
// relative URLs and http, https and mailto. Browsers drop tabs and line
// breaks inside a URL ("java\tscript:"), so any white space or control
// character refuses the link outright.
func safeHref(href string) string {
	if href == "" || strings.ContainsFunc(href, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	switch u.Scheme {
	case "", "http", "https", "mailto":
		return href
	}
	return ""
}

// row opens a group for one bar or column: a link when href is safe. The
// <title> is the tooltip of everything in the group.
func (c *canvas) row(class, href, tooltip string) (end string) {
	if h := safeHref(href); h != "" {
		c.printf(`<a class="%s" href="%s">`, class, esc(h))
		end = "</a>\n"
	} else {
		c.printf(`<g class="%s">`, class)
		end = "</g>\n"
	}
	c.printf("<title>%s</title>\n", esc(tooltip))
	return end
}
