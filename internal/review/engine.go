package review

import (
	"sort"
	"strconv"
	"sync"

	"jixiao"
)

// Table reviews t and returns its findings in a deterministic order:
// table-level findings first, then each project in table order; within a
// project, project-level findings (indicator 0) before indicators by number;
// then rule ID and field (period before annual). Table does not modify t.
func Table(t *jixiao.Table, opts Options) []jixiao.Finding {
	if t == nil {
		return nil
	}
	c := newChecker(t, opts.withDefaults())
	c.run()
	sort.SliceStable(c.out, func(i, j int) bool {
		a, b := &c.out[i], &c.out[j]
		if a.pi != b.pi {
			return a.pi < b.pi
		}
		if a.f.Indicator != b.f.Indicator {
			return a.f.Indicator < b.f.Indicator
		}
		if a.f.Rule != b.f.Rule {
			return a.f.Rule < b.f.Rule
		}
		return a.ford < b.ford
	})
	fs := make([]jixiao.Finding, len(c.out))
	for i := range c.out {
		fs[i] = c.out[i].f
	}
	return fs
}

// checker holds one review run: the table, the resolved options, indexes
// built once per table, and the findings so far.
type checker struct {
	t       *jixiao.Table
	opts    Options
	cat     []jixiao.CatalogueEntry          // built-in plus configured categories
	l1Names map[string]string                // level-1 code → name
	l2      map[string]jixiao.CatalogueEntry // level-2 code → entry

	sev      []jixiao.Severity // effective severity per catalogue index
	tableRs  []int             // enabled rules by kind, catalogue order
	projRs   []int
	indRs    []int
	cur      int // catalogue index of the rule being run
	curPI    int // project index for findings, -1 for table level
	projects []*jixiao.Project

	// Table-wide facts some rules need; computed once.
	anyPeriod    bool                // some indicator has a 实施周期 value, so a missing one is a gap
	anyBreakdown bool                // some row prints 财政拨款/专户/其他, so a bare 总计 is a gap
	anyCost      bool                // some project has a 成本指标
	valuesByName map[string][]string // indicator name → distinct value texts, for HYG-CUT-OFF
	goals        map[string][]int    // normalised goal → indices of projects so far, for HYG-DUP-GOAL
	projNames    map[string]int      // normalised project name → first index, for HYG-DUP-PROJECT
	moneyRows    []row               // printed money rows, for the arithmetic rules
	runeStats    map[pair]*runeStat  // how the last two characters of suspect values go on elsewhere, for HYG-CUT-OFF

	out []item
}

type item struct {
	pi   int // project index, -1 for table level
	ford int // field order: project fields, then period, then annual
	f    jixiao.Finding
}

// proj is a project with facts shared by the project and indicator rules.
// The checker reuses one proj and its indicator buffer for every project.
type proj struct {
	i    int
	p    *jixiao.Project
	name string
	inds []*ind
	buf  []ind

	numbersDone bool        // numbers() has scanned the texts
	numberHits  []numberHit // ID and phone numbers found, for HYG-ID-NUMBER and HYG-PHONE
}

// has reports whether the project has an indicator of a level-1 category;
// 14-成本指标 under 产出 counts as 成本.
func (p *proj) has(l1 string) bool {
	for _, x := range p.inds {
		if x.l1 == l1 || l1 == jixiao.L1Cost && x.l2 == "14" {
			return true
		}
	}
	return false
}

// ind is an indicator with its canonical categories and values, so that
// each rule does not redo the same string work.
type ind struct {
	in   *jixiao.Indicator
	seq  int
	name string // trimmed
	key  string // normalised name for comparisons
	l1   string // canonical level-1 code ("1".."4" or configured), "" when unknown
	l2   string // canonical level-2 code, "" when unknown
	vals []val  // see values(); points into vbuf
	sat  bool   // the name measures satisfaction
	vbuf [2]val
}

// val is one target of an indicator as the rules see it. When the period
// and annual targets are the same text (the normal case in published
// tables) only the annual one is checked, so a defect is reported once.
type val struct {
	field string // "period" or "annual"
	ord   int
	t     *jixiao.Target
	text  string // normalised text
	kind  jixiao.TargetKind
	dim   dim  // dimension of the unit of a numeric target
	same  bool // period and annual are the same text
}

// plan is which rules run, at which severity, over which catalogue: a
// function of the options alone. The plan of the default options is built
// once, since most calls use it.
type plan struct {
	cat                    []jixiao.CatalogueEntry
	l1Names                map[string]string                // level-1 code → name
	l2                     map[string]jixiao.CatalogueEntry // level-2 code → entry
	sev                    []jixiao.Severity
	tableRs, projRs, indRs []int
}

var (
	defaultPlanOnce sync.Once
	defaultPlan     *plan
)

func planFor(o Options) *plan {
	if len(o.Disabled) == 0 && len(o.Severity) == 0 && len(o.Categories) == 0 {
		defaultPlanOnce.Do(func() { defaultPlan = makePlan(o) })
		return defaultPlan
	}
	return makePlan(o)
}

func newChecker(t *jixiao.Table, o Options) *checker {
	pl := planFor(o)
	c := &checker{t: t, opts: o, curPI: -1, cat: pl.cat, l1Names: pl.l1Names, l2: pl.l2, sev: pl.sev, tableRs: pl.tableRs, projRs: pl.projRs, indRs: pl.indRs}
	c.projects = t.Projects()
	c.out = make([]item, 0, len(c.projects))
	return c
}

func makePlan(o Options) *plan {
	c := &plan{}
	c.cat = append(append([]jixiao.CatalogueEntry(nil), jixiao.Catalogue...), o.Categories...)
	c.l1Names = map[string]string{}
	c.l2 = map[string]jixiao.CatalogueEntry{}
	for _, e := range c.cat {
		if _, ok := c.l1Names[e.Level1.Code]; !ok {
			c.l1Names[e.Level1.Code] = e.Level1.Name
		}
		if _, ok := c.l2[e.Level2.Code]; !ok {
			c.l2[e.Level2.Code] = e
		}
	}
	c.sev = make([]jixiao.Severity, len(catalogue))
	for i := range catalogue {
		d := &catalogue[i]
		c.sev[i] = d.Severity
		if s, ok := o.Severity[d.ID]; ok {
			c.sev[i] = s
		}
		if o.Disabled[d.ID] {
			continue
		}
		switch {
		case d.table != nil:
			c.tableRs = append(c.tableRs, i)
		case d.project != nil:
			c.projRs = append(c.projRs, i)
		case d.indicator != nil:
			c.indRs = append(c.indRs, i)
		}
	}
	return c
}

func (c *checker) enabled(id string) bool {
	return !c.opts.Disabled[id]
}

func (c *checker) run() {
	c.scanTable()
	for _, r := range c.tableRs {
		c.cur, c.curPI = r, -1
		catalogue[r].table(c)
	}
	pr := &proj{}
	for pi, p := range c.projects {
		c.fillProj(pr, pi, p)
		c.curPI = pi
		for _, r := range c.projRs {
			c.cur = r
			catalogue[r].project(c, pr)
		}
		for _, x := range pr.inds {
			for _, r := range c.indRs {
				c.cur = r
				catalogue[r].indicator(c, pr, x)
			}
		}
	}
}

// scanTable computes the table-wide facts in one pass.
func (c *checker) scanTable() {
	breakdown := func(f jixiao.Funding) {
		c.anyBreakdown = c.anyBreakdown || f.Fiscal != 0 || f.SpecialAccount != 0 || f.Other != 0
	}
	breakdown(c.t.Total)
	for _, u := range c.t.Units {
		breakdown(u.Funding)
	}
	needValues := c.enabled("HYG-CUT-OFF")
	var suspects map[string]bool // names with a value that may be cut off
	for _, p := range c.projects {
		breakdown(p.Funding)
		for _, in := range p.Indicators {
			if !in.Period.IsEmpty() {
				c.anyPeriod = true
			}
			if l1, l2 := c.level1(in.Level1), ""; l1 == jixiao.L1Cost {
				c.anyCost = true
			} else if l2 = c.level2(in.Level2, l1); l2 == "14" {
				c.anyCost = true
			}
			if needValues && (mayBeCutOff(textOf(&in.Period)) || mayBeCutOff(textOf(&in.Annual))) {
				if suspects == nil {
					suspects = map[string]bool{}
				}
				suspects[normKey(in.Name)] = true
				for _, s := range [2]string{textOf(&in.Period), textOf(&in.Annual)} {
					if mayBeCutOff(s) {
						if k, ok := lastPair(s); ok && c.runeStats[k] == nil {
							if c.runeStats == nil {
								c.runeStats = map[pair]*runeStat{}
							}
							c.runeStats[k] = &runeStat{}
						}
					}
				}
			}
		}
	}
	if c.runeStats != nil {
		c.countRunes()
	}
	// Index the values of the suspect names only: a cut-off value is rare,
	// and the index is what costs.
	if suspects != nil {
		c.valuesByName = make(map[string][]string, len(suspects))
		for _, p := range c.projects {
			for _, in := range p.Indicators {
				k := normKey(in.Name)
				if !suspects[k] {
					continue
				}
				for _, tg := range []*jixiao.Target{&in.Period, &in.Annual} {
					if s := textOf(tg); s != "" && !contains(c.valuesByName[k], s) {
						c.valuesByName[k] = append(c.valuesByName[k], s)
					}
				}
			}
		}
	}
}

// fillProj prepares pr for project p, reusing its buffers: the review
// allocates per finding, not per indicator.
func (c *checker) fillProj(pr *proj, pi int, p *jixiao.Project) {
	pr.i, pr.p, pr.name = pi, p, trim(p.Name)
	pr.numbersDone, pr.numberHits = false, pr.numberHits[:0]
	if cap(pr.buf) < len(p.Indicators) {
		pr.buf = make([]ind, len(p.Indicators))
		pr.inds = make([]*ind, 0, len(p.Indicators))
	}
	pr.buf = pr.buf[:len(p.Indicators)]
	pr.inds = pr.inds[:0]
	for k, in := range p.Indicators {
		x := &pr.buf[k]
		*x = ind{in: in, seq: in.Seq, name: trim(in.Name)}
		x.key = normKey(x.name)
		x.l1 = c.level1(in.Level1)
		x.l2 = c.level2(in.Level2, x.l1)
		if x.l1 == "" && x.l2 != "" {
			x.l1 = c.parentOf(x.l2)
		}
		x.sat = isSatisfactionName(x.name)
		x.setValues()
		pr.inds = append(pr.inds, x)
	}
}

// setValues sets the targets to check: the period target only when it
// differs from the annual one.
func (x *ind) setValues() {
	in := x.in
	a, p := textOf(&in.Annual), textOf(&in.Period)
	annual := val{field: "annual", ord: 2, t: &in.Annual, text: a, kind: kindOf(&in.Annual, a)}
	if p == a {
		annual.same = p != ""
		annual.dim = unitDim(in.Annual.Unit)
		x.vbuf[0] = annual
		x.vals = x.vbuf[:1]
		return
	}
	x.vbuf[0] = val{field: "period", ord: 1, t: &in.Period, text: p, kind: kindOf(&in.Period, p)}
	x.vbuf[1] = annual
	x.vals = x.vbuf[:2]
	x.vbuf[0].dim = unitDim(in.Period.Unit)
	x.vbuf[1].dim = unitDim(in.Annual.Unit)
}

func kindOf(t *jixiao.Target, text string) jixiao.TargetKind {
	if t.Kind == "" && text != "" {
		return jixiao.KindQualitative
	}
	return t.Kind
}

// level1 resolves a level-1 category to its code: the printed code when it
// is in the catalogue, else by name. Unknown → "".
func (c *checker) level1(cat jixiao.Category) string {
	if cat.Code != "" {
		if _, ok := c.l1Names[cat.Code]; ok {
			return cat.Code
		}
		return ""
	}
	n := cat.Name
	switch {
	case n == "":
		return ""
	case hasAny(n, "产出"):
		return jixiao.L1Output
	case hasAny(n, "效益"):
		return jixiao.L1Benefit
	case hasAny(n, "满意"):
		return jixiao.L1Satisfaction
	case hasAny(n, "成本"):
		return jixiao.L1Cost
	}
	for _, e := range c.cat {
		if jixiao.SameCategoryName(e.Level1.Name, n) {
			return e.Level1.Code
		}
	}
	return ""
}

// level2 resolves a level-2 category like level1; a bare 成本指标 name is
// 14 under 产出 and 41 otherwise.
func (c *checker) level2(cat jixiao.Category, l1 string) string {
	if cat.Code != "" {
		if _, ok := c.l2[cat.Code]; ok {
			return cat.Code
		}
		return ""
	}
	n := cat.Name
	if n == "" {
		return ""
	}
	for _, e := range c.cat {
		if jixiao.SameCategoryName(e.Level2.Name, n) {
			return e.Level2.Code
		}
	}
	switch {
	case hasAny(n, "数量"):
		return "11"
	case hasAny(n, "质量"):
		return "12"
	case hasAny(n, "时效", "进度"):
		return "13"
	case hasAny(n, "经济效益"):
		return "21"
	case hasAny(n, "社会效益"):
		return "22"
	case hasAny(n, "生态效益", "环境效益"):
		return "23"
	case hasAny(n, "可持续"):
		return "24"
	case hasAny(n, "满意"):
		return "31"
	case hasAny(n, "社会成本"):
		return "42"
	case hasAny(n, "生态", "环境成本"):
		return "43"
	case hasAny(n, "成本"):
		if l1 == jixiao.L1Output {
			return "14"
		}
		return "41"
	}
	return ""
}

func (c *checker) parentOf(l2 string) string {
	if e, ok := c.l2[l2]; ok {
		return e.Level1.Code
	}
	return ""
}

func (c *checker) entry(l2 string) (jixiao.CatalogueEntry, bool) {
	e, ok := c.l2[l2]
	return e, ok
}

func (c *checker) level1Name(code string) string { return c.l1Names[code] }

// report adds a finding of the current rule. project is "" and seq 0 for a
// table-level finding.
func (c *checker) report(project string, seq int, field string, ford int, msg, sugg string) {
	d := &catalogue[c.cur]
	c.out = append(c.out, item{pi: c.curPI, ford: ford, f: jixiao.Finding{
		Rule:       d.ID,
		Family:     d.Family,
		Severity:   c.sev[c.cur],
		Project:    project,
		Indicator:  seq,
		Field:      field,
		Message:    msg,
		Suggestion: sugg,
	}})
}

// reportProject reports at project level.
func (c *checker) reportProject(p *proj, field, msg, sugg string) {
	c.report(p.p.Name, 0, field, 0, msg, sugg)
}

// reportInd reports on an indicator field other than a value.
func (c *checker) reportInd(p *proj, x *ind, field, msg, sugg string) {
	c.report(p.p.Name, x.seq, field, 0, msg, sugg)
}

// reportVal reports on one target value.
func (c *checker) reportVal(p *proj, x *ind, v *val, msg, sugg string) {
	c.report(p.p.Name, x.seq, v.field, v.ord, msg, sugg)
}

// Places, for messages.

func (p *proj) where() string { return "项目「" + p.name + "」" }

func (x *ind) where(p *proj) string {
	return p.where() + "第" + strconv.Itoa(x.seq) + "个指标「" + clip(x.name, 40) + "」"
}

func (v *val) label() string {
	switch {
	case v.same:
		return "指标值（实施周期与年度相同）"
	case v.field == "period":
		return "实施周期指标值"
	}
	return "年度指标值"
}

// whereVal names the indicator, the field and quotes the value.
func (v *val) where(p *proj, x *ind) string {
	return x.where(p) + "的" + v.label() + "「" + clip(v.text, 60) + "」"
}
