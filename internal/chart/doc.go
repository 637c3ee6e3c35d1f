// Package chart draws the overview page's charts as inline SVG, with our own
// code and no script: a horizontal bar chart (Bars: money by project), a
// stacked column chart (Columns: findings by family and severity) and a
// donut (Donut: grade distribution).
//
// Each function returns template.HTML, so html/template embeds the chart
// as is. That makes this package, not the template, responsible for
// escaping: every text and attribute goes through one escaper (esc), labels
// are cleaned of invalid UTF-8 and control characters, and a link is only
// drawn for a relative or http(s)/mailto URL — a javascript: URL inside
// template.HTML would not be caught by html/template.
//
// The web app runs under a strict CSP, so the SVG has no script, no style
// attribute and no <style> element. Colours and fonts are presentation
// attributes (fill, stroke, font-size), which CSS overrides, and every part
// has a class to hang CSS on:
//
//	svg.chart.chart-bars|chart-columns|chart-donut (.chart-empty: 暂无数据)
//	.row (a bar and its texts; an <a> when the bar has Href)
//	.bar, .bar.other, .bar.negative, .bar.<Series.Class>
//	.slice.<Slice.Class>, .slice.empty (a donut of zeros)
//	.swatch.<Series.Class or Slice.Class> (in a .legend)
//	.label .value .tick .unit .legend .total .placeholder .axis .grid
//
// The default fills are the Okabe–Ito palette, distinguishable with the
// common colour-vision deficiencies; severities and grades have fixed
// colours and classes (SeveritySeries, GradeSlices), and every colour is
// also said in words (legend, tooltips, <desc>).
//
// A chart has width and height attributes (its natural size) and a viewBox,
// so `svg.chart { max-width: 100%; height: auto; }` makes it fluid.
// Accessibility: the svg has role="img", an aria-label and a <title> (the
// title), and a <desc> that lists the data. Under role="img" a screen
// reader does not see the links inside, so a page that relies on the bar
// links should list them as well (a table under the chart).
//
// There is no font metric in pure Go, so text is measured approximately:
// CJK and other wide runes 1em, ASCII 0.55em (capitals 0.65em). The layout
// leaves room for the error, and long labels are cut at a rune boundary
// with "…", the full text kept in a <title> tooltip.
//
// Money is never a float: values are int64 (fen for money) and are only
// turned into float64 for geometry; WanYuan formats fen as 万元 with integer
// arithmetic.
package chart
