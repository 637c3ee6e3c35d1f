package table

import (
	"fmt"
	"strings"

	"jixiao"
)

// flatBuilder assembles a table from the rows of the published layout (one
// row per project, all indicators in one cell) after its header: the 合计
// row, 资金使用单位 rows with their subtotals, and project rows. The text
// reader and the workbook reader share it, so both tell the kinds of row
// apart in the same way.
type flatBuilder struct {
	res       *Result
	totalSeen bool
	unit      *jixiao.Unit
	// units, when known from elsewhere (the detail sheet of our own
	// workbook), says which rows without goal and indicators are units;
	// otherwise their names decide.
	units map[string]bool
}

// rowProblem is what is wrong with one row; the reader adds the place.
type rowProblem struct {
	inIndicators bool // in the indicator cell (else the row, or its name)
	field        string
	expected     string
	got          string
}

// add takes one row: its name (first cell) and the other cells; line is its
// line or worksheet row, for notes and for Unit.Line and Project.Line.
func (b *flatBuilder) add(name string, r row, line int, raw string) *rowProblem {
	t := b.res.Table
	switch {
	case name == "合计" || name == "总计":
		if b.totalSeen {
			return &rowProblem{expected: "只有一行“合计”", got: raw}
		}
		b.totalSeen = true
		t.Total = r.funding
	case r.goal == "" && r.indicators == "" && b.isUnit(name):
		t.Units = append(t.Units, jixiao.Unit{Name: name, Funding: r.funding, Line: line})
		b.unit = &t.Units[len(t.Units)-1]
	default:
		if r.goal == "" && r.indicators == "" {
			b.note("第 %d 行“%s”没有绩效目标和指标，名称不像单位，按项目读取", line, name)
		}
		inds, cerr := parseIndicatorCell(r.indicators)
		if cerr != nil {
			return &rowProblem{inIndicators: true, field: fmt.Sprintf("绩效指标第 %d 个", cerr.seq), expected: cerr.expected, got: cerr.got}
		}
		b.addProject(&jixiao.Project{Name: name, Funding: r.funding, Goal: r.goal, AnnualGoal: r.annualGoal, Indicators: inds, Line: line})
	}
	return nil
}

// isUnit decides whether a row without goal and indicators is a 资金使用单位.
func (b *flatBuilder) isUnit(name string) bool {
	if b.units != nil {
		return b.units[name]
	}
	return b.unit == nil || looksLikeOrg(name)
}

// addProject files p under the current 资金使用单位, or under an unnamed
// one that finish names after the table's org.
func (b *flatBuilder) addProject(p *jixiao.Project) {
	t := b.res.Table
	if b.unit == nil {
		t.Units = append(t.Units, jixiao.Unit{Name: "", Line: 0})
		b.unit = &t.Units[len(t.Units)-1]
		b.note("第 %d 行之前没有资金使用单位行：项目归入表头的单位名称", p.Line)
	}
	p.Org = b.unit.Name
	b.unit.Projects = append(b.unit.Projects, p)
}

func (b *flatBuilder) note(format string, args ...any) {
	b.res.Notes = append(b.res.Notes, fmt.Sprintf(format, args...))
}

// missingPart is what a table lacks once all its rows are read: projects
// (missing at the end) or an org (missing at the top).
type missingPart struct {
	expected, got string
	atTop         bool
}

// finish checks that there is a table and settles its org: the 单位名称
// line, else the first unit; unnamed units take the org's name. It returns
// what is missing, or nil.
func (b *flatBuilder) finish() *missingPart {
	t := b.res.Table
	if len(t.Units) == 0 || len(t.Projects()) == 0 {
		return &missingPart{expected: "至少一个项目行", got: "文件结束"}
	}
	if !b.totalSeen {
		b.note("表中没有“合计”行")
	}
	// A row without goal and indicators was taken for a unit by its name.
	// Where its subtotal is the sum of the projects under it, that is what
	// it is; where not, the reader says what it decided, for a person to
	// check (the first unit heads the table and is never in doubt).
	for i := 1; i < len(t.Units); i++ {
		u := &t.Units[i]
		var sum jixiao.Funding
		for _, p := range u.Projects {
			sum = sum.Add(p.Funding)
		}
		if len(u.Projects) == 0 || sum != u.Funding {
			b.note("第 %d 行“%s”没有绩效目标和指标，按名称当作资金使用单位（小计）行（其小计与其下项目之和不符，请核对）", u.Line, u.Name)
		}
	}
	if t.Org == "" {
		t.Org = t.Units[0].Name
		if t.Org == "" {
			return &missingPart{expected: "“单位名称：…”一行或资金使用单位行", got: "都没有", atTop: true}
		}
		b.note("%s", "表头没有“单位名称：…”：以第一个资金使用单位“"+t.Org+"”为单位名称")
	}
	for i := range t.Units {
		if t.Units[i].Name == "" {
			t.Units[i].Name = strings.TrimSuffix(t.Org, "（本级）")
			for _, p := range t.Units[i].Projects {
				p.Org = t.Units[i].Name
			}
		}
	}
	return nil
}

// orgSuffixes end the names of 资金使用单位; a row without goal and
// indicators whose name ends so is a unit subtotal, any other such row is a
// project that lacks them (a defect the review reports).
var orgSuffixes = []string{"局", "委", "办", "中心", "站", "所", "院", "校", "学", "园", "馆", "队", "室", "处", "会", "部", "厅", "社", "台", "团", "本级）", "（本级)"}

func looksLikeOrg(name string) bool {
	for _, s := range orgSuffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}
