package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func golden(t *testing.T, name string, got template.HTML) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != string(got) {
		t.Errorf("%s differs from the golden file (run with -update if the change is intended)\n--- got\n%s", name, got)
	}
}

// svgDoc is a parsed chart: the root's attributes, every element name in
// order, and the text of every <title>, <text> and <desc>.
type svgDoc struct {
	root     map[string]string
	elements []string
	titles   []string
	texts    []string
	desc     string
	hrefs    []string
	classes  []string
}

// parse proves the chart is well-formed XML with an svg root that has what
// a chart must have: role="img", an aria-label, a viewBox, a <title> first.
func parse(t *testing.T, h template.HTML) svgDoc {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(string(h)))
	d.Strict = true
	var doc svgDoc
	var stack []string
	var text strings.Builder
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, h)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			name := tok.Name.Local
			if len(stack) == 0 {
				if name != "svg" || tok.Name.Space != "http://www.w3.org/2000/svg" {
					t.Fatalf("root is %v, want svg in the SVG namespace", tok.Name)
				}
				doc.root = map[string]string{}
				for _, a := range tok.Attr {
					doc.root[a.Name.Local] = a.Value
				}
			}
			if len(stack) == 1 && len(doc.elements) == 1 && name != "title" {
				t.Errorf("first child of svg is <%s>, want <title>", name)
			}
			for _, a := range tok.Attr {
				switch a.Name.Local {
				case "href":
					doc.hrefs = append(doc.hrefs, a.Value)
				case "class":
					doc.classes = append(doc.classes, a.Value)
				case "style":
					t.Errorf("<%s> has a style attribute; the CSP forbids inline styles", name)
				}
			}
			if name == "script" || name == "style" || name == "foreignObject" {
				t.Errorf("chart has a <%s> element", name)
			}
			doc.elements = append(doc.elements, name)
			stack = append(stack, name)
			text.Reset()
		case xml.CharData:
			text.Write(tok)
		case xml.EndElement:
			switch stack[len(stack)-1] {
			case "title":
				doc.titles = append(doc.titles, text.String())
			case "text":
				doc.texts = append(doc.texts, text.String())
			case "desc":
				doc.desc = text.String()
			}
			stack = stack[:len(stack)-1]
			text.Reset()
		}
	}
	if doc.root == nil {
		t.Fatalf("no svg element in %q", h)
	}
	for _, a := range []string{"role", "aria-label", "viewBox", "width", "height"} {
		if doc.root[a] == "" {
			t.Errorf("svg has no %s", a)
		}
	}
	if doc.root["role"] != "img" {
		t.Errorf(`role = %q, want "img"`, doc.root["role"])
	}
	if len(doc.titles) == 0 || doc.titles[0] != doc.root["aria-label"] {
		t.Errorf("the svg <title> %q is not the aria-label %q", doc.titles, doc.root["aria-label"])
	}
	return doc
}

func (d svgDoc) has(text string) bool {
	for _, s := range d.texts {
		if s == text {
			return true
		}
	}
	return false
}

func (d svgDoc) count(element string) int {
	n := 0
	for _, e := range d.elements {
		if e == element {
			n++
		}
	}
	return n
}

// projects are the money-by-project sample: real-looking names up to 40
// characters, amounts in fen, each linking to its project page.
func projects() []Bar {
	names := []struct {
		name string
		fen  int64
	}{
		{"城乡义务教育学校公用经费补助", 27_793_940_000},
		{"花都区2024年农村人居环境整治提升及美丽乡村建设专项资金项目（第二批）", 15_624_500_000},
		{"区属公立医院基本建设和设备购置补助", 9_870_000_000},
		{"困难群众基本生活救助资金", 6_543_210_000},
		{"智慧城市运行管理中心（城市大脑）二期建设及运维服务采购项目", 5_000_000_000},
		{"公共文化服务体系建设", 3_210_987_600},
		{"道路交通安全设施提升改造工程", 2_450_000_000},
		{"老年人居家养老服务补贴", 1_987_654_300},
		{"ISO 9001质量管理体系认证及CMMI三级评估服务", 1_234_567_800},
		{"防汛抗旱应急物资储备", 876_543_200},
		{"基层综合文化服务中心免费开放补助", 543_210_000},
		{"社区卫生服务中心标准化建设", 321_000_000},
		{"农村公路养护", 120_000_000},
		{"青少年科技创新大赛", 4_567_800},
	}
	bars := make([]Bar, len(names))
	for i, n := range names {
		bars[i] = Bar{Label: n.name, Value: n.fen, Href: fmt.Sprintf("/projects/%d", i+1)}
	}
	return bars
}

var money = Options{Title: "各项目资金（前 10 项）", Unit: "万元", Format: WanYuan}

func TestBarsGolden(t *testing.T) {
	golden(t, "bars.golden.svg", Bars(projects(), money))
}

func TestBarsNegativeGolden(t *testing.T) {
	bars := []Bar{
		{Label: "年初预算", Value: 120_000_000},
		{Label: "追加", Value: 35_500_000},
		{Label: "未使用", Value: 0},
		{Label: "调减（收回结余资金）", Value: -48_000_000},
	}
	golden(t, "bars-negative.golden.svg", Bars(bars, Options{Title: "预算调整", Unit: "万元", Format: WanYuan}))
}

// families are the findings-by-family sample, counts per severity.
var families = []string{"金额核对", "完整性", "一致性", "可衡量性", "公开规范"}

func TestColumnsGolden(t *testing.T) {
	series := SeveritySeries(
		[]int64{3, 5, 1, 0, 0},
		[]int64{0, 12, 7, 21, 2},
		[]int64{1, 4, 9, 16, 30},
	)
	golden(t, "columns.golden.svg", Columns(families, series, Options{Title: "审核意见（按类别）", Unit: "条"}))
}

func TestColumnsZeroGolden(t *testing.T) {
	golden(t, "columns-zero.golden.svg", Columns(families, SeveritySeries(nil, nil, nil), Options{Title: "审核意见（按类别）", Unit: "条"}))
}

func TestDonutGolden(t *testing.T) {
	golden(t, "donut.golden.svg", Donut(GradeSlices(12, 25, 8, 3), Options{Title: "审核等级分布", Unit: "个"}))
}

func TestDonutZeroGolden(t *testing.T) {
	golden(t, "donut-zero.golden.svg", Donut(GradeSlices(0, 0, 0, 0), Options{Title: "审核等级分布", Unit: "个"}))
}

func TestEmptyGolden(t *testing.T) {
	golden(t, "empty.golden.svg", Bars(nil, money))
}

// Every chart kind and every odd input gives a well-formed SVG.
func TestWellFormed(t *testing.T) {
	many := make([]Bar, 1000)
	for i := range many {
		many[i] = Bar{Label: fmt.Sprintf("项目%04d", i), Value: int64(1000 - i), Href: fmt.Sprintf("/p/%d", i)}
	}
	huge := []Bar{{Label: "甲", Value: 1<<63 - 1}, {Label: "乙", Value: 1<<63 - 1}, {Label: "丙", Value: -1 << 63}}
	tests := []struct {
		name string
		got  template.HTML
	}{
		{"bars", Bars(projects(), money)},
		{"bars: none", Bars(nil, Options{})},
		{"bars: one", Bars([]Bar{{Label: "唯一项目", Value: 100}}, Options{})},
		{"bars: all zero", Bars([]Bar{{Label: "甲"}, {Label: "乙"}}, money)},
		{"bars: all negative", Bars([]Bar{{Label: "甲", Value: -5}, {Label: "乙", Value: -50}}, money)},
		{"bars: 1,000", Bars(many, Options{MaxBars: 1000})},
		{"bars: int64 limits", Bars(huge, Options{MaxBars: 1})},
		{"bars: empty label", Bars([]Bar{{Label: " \n\t"}}, Options{})},
		{"bars: narrow", Bars(projects(), Options{Width: 10})},
		{"bars: wide", Bars(projects(), Options{Width: 1 << 30})},
		{"columns", Columns(families, SeveritySeries([]int64{1}, []int64{2, 3}, nil), Options{})},
		{"columns: none", Columns(nil, nil, Options{})},
		{"columns: no series", Columns(families, nil, Options{})},
		{"columns: negative", Columns([]string{"甲"}, []Series{{Name: "负", Values: []int64{-3}}}, Options{})},
		{"columns: 1,000 categories", Columns(make([]string, 1000), []Series{{Name: "x", Values: []int64{1, 2, 3}}}, Options{MaxBars: 1000})},
		{"columns: int64 limits", Columns([]string{"甲", "乙"}, []Series{{Values: []int64{1<<63 - 1, 1}}, {Values: []int64{1<<63 - 1}}}, Options{})},
		{"columns: long legend", Columns(families, []Series{{Name: strings.Repeat("很长的图例", 30)}, {Name: "短"}}, Options{Width: 240})},
		{"donut", Donut(GradeSlices(1, 2, 3, 4), Options{})},
		{"donut: none", Donut(nil, Options{})},
		{"donut: zero", Donut(GradeSlices(0, 0, 0, 0), Options{})},
		{"donut: one slice", Donut(GradeSlices(7, 0, 0, 0), Options{})},
		{"donut: negative", Donut(GradeSlices(-7, 3, 0, 0), Options{})},
		{"donut: int64 limits", Donut(GradeSlices(1<<63-1, 1<<63-1, 1, 0), Options{})},
		{"donut: many slices", Donut(make([]Slice, 40), Options{})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parse(t, tt.got)
		})
	}
}

func TestBarsTopN(t *testing.T) {
	doc := parse(t, Bars(projects(), money))
	// 14 projects, 10 drawn, the last 4 added up: 543.21 + 321.00 + 120.00 + 4.57 万元.
	if n := len(doc.hrefs); n != 10 {
		t.Errorf("%d links, want 10 (the 其他 bar has none)", n)
	}
	if !doc.has("其他（4 项）") || !doc.has("988.78") {
		t.Errorf("no 其他（4 项） bar of 988.78 万元 in %q", doc.texts)
	}
	if !doc.has("27,793.94") {
		t.Errorf("the largest amount is not 27,793.94 万元 in %q", doc.texts)
	}
	if !doc.has("单位：万元") {
		t.Errorf("no unit in %q", doc.texts)
	}
}

func TestBarsOrder(t *testing.T) {
	doc := parse(t, Bars([]Bar{{Label: "小", Value: 1}, {Label: "大", Value: 3}, {Label: "中甲", Value: 2}, {Label: "中乙", Value: 2}}, Options{}))
	var labels []string
	for i := 0; i < len(doc.texts); i += 2 {
		labels = append(labels, doc.texts[i])
	}
	if got, want := strings.Join(labels, " "), "大 中甲 中乙 小"; got != want {
		t.Errorf("order %q, want %q (largest first, ties as given)", got, want)
	}
}

// One bar beyond the limit is drawn as itself, not as "其他（1 项）".
func TestBarsOneBeyondMax(t *testing.T) {
	bars := projects()[:11]
	doc := parse(t, Bars(bars, money))
	if len(doc.hrefs) != 11 {
		t.Errorf("%d bars linked, want all 11", len(doc.hrefs))
	}
}

// 1,000 bars are capped at 100 drawn and one 其他 bar, whatever MaxBars asks.
func TestBarsCap(t *testing.T) {
	many := make([]Bar, 1000)
	for i := range many {
		many[i] = Bar{Label: fmt.Sprintf("项目%d", i), Value: 1}
	}
	doc := parse(t, Bars(many, Options{MaxBars: 1000}))
	if n := doc.count("rect"); n != 101 {
		t.Errorf("%d bars, want 101", n)
	}
	if !doc.has("其他（900 项）") || !doc.has("900") {
		t.Errorf("no 其他（900 项） bar of 900")
	}
}

// A 其他 bar longer than the top bar is drawn broken: the top bars keep
// the width, and 其他 says its true value.
func TestBarsBrokenOther(t *testing.T) {
	bars := []Bar{{Label: "甲", Value: 100}, {Label: "乙", Value: 90}}
	for i := range 50 {
		bars = append(bars, Bar{Label: fmt.Sprintf("尾%d", i), Value: 10})
	}
	h := Bars(bars, Options{MaxBars: 2})
	doc := parse(t, h)
	if !doc.has("其他（50 项）") || !doc.has("500") {
		t.Errorf("no 其他（50 项） bar of 500 in %q", doc.texts)
	}
	if !strings.Contains(strings.Join(doc.classes, " "), "break") {
		t.Errorf("the 其他 bar is not broken:\n%s", h)
	}
	small := parse(t, Bars(bars[:4], Options{MaxBars: 2}))
	if strings.Contains(strings.Join(small.classes, " "), "break") {
		t.Errorf("a 其他 bar shorter than the top bar is broken")
	}
}

func TestBarsLongLabels(t *testing.T) {
	long := "花都区2024年农村人居环境整治提升及美丽乡村建设专项资金项目（第二批）"
	doc := parse(t, Bars([]Bar{{Label: long, Value: 1}}, Options{}))
	label := doc.texts[0]
	if !strings.HasSuffix(label, "…") || !strings.HasPrefix(long, strings.TrimSuffix(label, "…")) {
		t.Errorf("label %q is not a cut of %q", label, long)
	}
	if w := textWidth(label) * fontSize; w > maxLabel*640 {
		t.Errorf("label is %.0f px wide, more than the %.0f px column", w, maxLabel*640)
	}
	if !strings.Contains(strings.Join(doc.titles, "\n"), long+"：1") {
		t.Errorf("the tooltip does not have the full name: %q", doc.titles)
	}
}

// Labels, units, titles and classes with markup come out as text: the
// parsed text equals what was given (not double-escaped), and nothing is
// an element.
func TestEscaping(t *testing.T) {
	evil := `<script>alert("x&y")</script> & 'q' "z" ]]> <!-- c -->`
	charts := []struct {
		name string
		got  template.HTML
	}{
		{"bars", Bars([]Bar{{Label: evil, Value: 1, Href: `/p?a=1&b="2"`}}, Options{Title: evil, Unit: evil})},
		{"columns", Columns([]string{evil}, []Series{{Name: evil, Class: `x" onclick="alert(1)`, Fill: `red" onload="x`, Values: []int64{1}}}, Options{Title: evil, Unit: evil})},
		{"donut", Donut([]Slice{{Label: evil, Value: 1, Class: "<b>", Fill: "'"}}, Options{Title: evil, Unit: evil})},
		{"placeholder", Bars(nil, Options{Title: evil})},
	}
	for _, c := range charts {
		t.Run(c.name, func(t *testing.T) {
			doc := parse(t, c.got)
			if doc.root["aria-label"] != evil {
				t.Errorf("aria-label %q, want %q", doc.root["aria-label"], evil)
			}
			if strings.Contains(string(c.got), "<script") || strings.Contains(string(c.got), "<b>") {
				t.Errorf("markup was not escaped:\n%s", c.got)
			}
			for _, e := range doc.elements {
				if e == "script" || e == "b" {
					t.Errorf("<%s> element in the chart", e)
				}
			}
			found := false
			for _, s := range append(doc.titles, doc.texts...) {
				found = found || strings.Contains(s, evil)
			}
			if c.name != "placeholder" && !found {
				t.Errorf("no tooltip or text has the label as given: %q %q", doc.titles, doc.texts)
			}
		})
	}
	doc := parse(t, charts[0].got)
	if len(doc.hrefs) != 1 || doc.hrefs[0] != `/p?a=1&b="2"` {
		t.Errorf("href %q, want the URL as given", doc.hrefs)
	}
}

func TestSafeHref(t *testing.T) {
	tests := []struct {
		name string
		href string
		want string
	}{
		{"relative path", "/projects/12", "/projects/12"},
		{"query", "/projects?id=12&year=2024", "/projects?id=12&year=2024"},
		{"https", "https://example.gov.cn/a", "https://example.gov.cn/a"},
		{"fragment", "#p12", "#p12"},
		{"Chinese path", "/项目/12", "/项目/12"},
		{"javascript", "javascript:alert(1)", ""},
		{"javascript in capitals", "JavaScript:alert(1)", ""},
		{"javascript with a tab", "java\tscript:alert(1)", ""},
		{"leading space", " javascript:alert(1)", ""},
		{"data", "data:text/html,<script>alert(1)</script>", ""},
		{"vbscript", "vbscript:msgbox", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := safeHref(tt.href); got != tt.want {
				t.Errorf("safeHref(%q) = %q, want %q", tt.href, got, tt.want)
			}
		})
	}
	doc := parse(t, Bars([]Bar{{Label: "甲", Value: 1, Href: "javascript:alert(1)"}}, Options{}))
	if len(doc.hrefs) != 0 || doc.count("a") != 0 {
		t.Errorf("a javascript: URL became a link: %q", doc.hrefs)
	}
}

// html/template embeds a chart as it is, without escaping it again.
func TestTemplateEmbeds(t *testing.T) {
	tmpl := template.Must(template.New("page").Parse(`<figure>{{.}}</figure>`))
	chart := Donut(GradeSlices(1, 1, 0, 0), Options{Title: "等级"})
	var b bytes.Buffer
	if err := tmpl.Execute(&b, chart); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "<figure>"+string(chart)+"</figure>"; got != want {
		t.Errorf("template changed the chart:\n%s", got)
	}
}

func TestPlaceholder(t *testing.T) {
	for _, h := range []template.HTML{Bars(nil, Options{}), Columns(nil, nil, Options{}), Donut(nil, Options{})} {
		doc := parse(t, h)
		if !doc.has("暂无数据") || !strings.Contains(doc.root["class"], "chart-empty") {
			t.Errorf("no 暂无数据 placeholder: %s", h)
		}
	}
}

func TestColumns(t *testing.T) {
	series := SeveritySeries([]int64{3, 5}, []int64{0, 12}, []int64{1})
	doc := parse(t, Columns([]string{"金额核对", "完整性"}, series, Options{Unit: "条"}))
	for _, want := range []string{"4", "17", "错误", "警告", "提示", "单位：条", "金额核对", "完整性"} {
		if !doc.has(want) {
			t.Errorf("no text %q in %q", want, doc.texts)
		}
	}
	// A zero layer draws no bar: 3 + 1 in the first column, 5 + 12 in the second.
	var bars int
	for _, c := range doc.classes {
		if strings.HasPrefix(c, "bar sev-") {
			bars++
		}
	}
	if bars != 4 {
		t.Errorf("%d bars with a severity class, want 4", bars)
	}
	if !strings.Contains(strings.Join(doc.titles, "\n"), "完整性 · 警告：12 条") {
		t.Errorf("no tooltip for 完整性 · 警告: %q", doc.titles)
	}
}

func TestDonut(t *testing.T) {
	doc := parse(t, Donut(GradeSlices(1, 1, 1, 0), Options{}))
	// Thirds round to 33.3% each; the missing 0.1% goes to the first.
	for _, want := range []string{"33.4%", "33.3%", "0.0%", "3"} {
		if !doc.has(want) {
			t.Errorf("no text %q in %q", want, doc.texts)
		}
	}
	zero := parse(t, Donut(GradeSlices(0, 0, 0, 0), Options{}))
	if !zero.has("0") || !zero.has("—") || !strings.Contains(strings.Join(zero.classes, " "), "slice empty") {
		t.Errorf("a donut of zeros is not a grey ring with 0 and —: %q %q", zero.texts, zero.classes)
	}
}

func TestPercentages(t *testing.T) {
	tests := []struct {
		name   string
		values []int64
		want   string
	}{
		{"halves", []int64{1, 1}, "50.0% 50.0%"},
		{"thirds add up to 100", []int64{1, 1, 1}, "33.4% 33.3% 33.3%"},
		{"largest remainder gets the tenth", []int64{2, 1, 1, 0}, "50.0% 25.0% 25.0% 0.0%"},
		{"sevenths", []int64{1, 2, 4}, "14.3% 28.6% 57.1%"},
		{"one", []int64{0, 9, 0}, "0.0% 100.0% 0.0%"},
		{"zero total", []int64{0, 0}, "— —"},
		{"tiny share", []int64{1, 9999}, "0.0% 100.0%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var total int64
			for _, v := range tt.values {
				total += v
			}
			if got := strings.Join(percentages(tt.values, total), " "); got != tt.want {
				t.Errorf("percentages(%v) = %q, want %q", tt.values, got, tt.want)
			}
		})
	}
}

func TestNiceTicks(t *testing.T) {
	tests := []struct {
		name      string
		most      int64
		step, top int64
	}{
		{"nothing", 0, 1, 1},
		{"one", 1, 1, 1},
		{"three", 3, 1, 3},
		{"seven", 7, 2, 8},
		{"twelve", 12, 5, 15},
		{"thirty", 30, 10, 30},
		{"thirty-one", 31, 10, 40},
		{"large", 27_793, 10_000, 30_000},
		{"int64 limit: the top stops at the limit", 1<<63 - 1, 5_000_000_000_000_000_000, 1<<63 - 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			step, top := niceTicks(tt.most)
			if step != tt.step || top != tt.top {
				t.Errorf("niceTicks(%d) = %d, %d; want %d, %d", tt.most, step, top, tt.step, tt.top)
			}
		})
	}
}
