package gen

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"jixiao"
)

// Title is the title published tables carry.
const Title = "项目支出绩效目标表（含转移支付项目）"

// Table returns the i-th table of the corpus opts describes. The same
// (opts, i) always gives an identical table; tables for different i are
// independent.
func Table(opts Options, i int) *jixiao.Table {
	t, _ := Generate(opts, i)
	return t
}

// Generate is Table that also returns the defects it injected.
func Generate(opts Options, i int) (*jixiao.Table, []Defect) {
	opts = opts.normalize()
	return newGen(opts, i).table()
}

// Corpus calls fn with tables 0..n-1 of the corpus in order and stops at the
// first error, which it returns.
func Corpus(opts Options, n int, fn func(i int, t *jixiao.Table) error) error {
	for i := 0; i < n; i++ {
		if err := fn(i, Table(opts, i)); err != nil {
			return err
		}
	}
	return nil
}

// gen holds the state of one table being generated.
type gen struct {
	r            *rand.Rand
	opts         Options
	index        int
	year         int
	field        *field
	district     struct{ name, short string }
	levels       *levelNames
	mixedFunding bool
	usedNames    map[string]bool
	usedGoals    map[string]bool
	scratch      []int
	drafts       []draft // chunk newDraft allocates from
}

// project is a project while its table is being built.
type project struct {
	unit       *unit
	arch       *archetype
	p          *jixiao.Project
	inds       []*draft
	defects    []pending
	goalEdited bool // a defect rewrote the goal: not a source for a copy
	copyGoal   bool // receives another project's goal once all exist
}

func newGen(opts Options, i int) *gen {
	// Each table has its own stream, seeded from (Seed, i) through a
	// mixer, so table i never depends on how many tables came before it.
	s1 := splitmix(uint64(opts.Seed) ^ splitmix(uint64(i)))
	s2 := splitmix(uint64(i) + 0x9e3779b97f4a7c15*uint64(opts.Seed|1))
	return &gen{
		r:         rand.New(rand.NewPCG(s1, s2)),
		opts:      opts,
		index:     i,
		year:      opts.FiscalYear,
		usedNames: make(map[string]bool, 64),
		usedGoals: make(map[string]bool, 64),
		scratch:   make([]int, 0, 16),
	}
}

// splitmix is SplitMix64's finaliser: it spreads nearby seeds apart.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// between returns an int in [lo, hi].
func (g *gen) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.r.IntN(hi-lo+1)
}

// weighted returns an index of ws with probability proportional to its weight.
func (g *gen) weighted(ws []int) int {
	sum := 0
	for _, w := range ws {
		sum += w
	}
	k := g.r.IntN(sum)
	for i, w := range ws {
		if k < w {
			return i
		}
		k -= w
	}
	return len(ws) - 1
}

func (g *gen) table() (*jixiao.Table, []Defect) {
	g.field = fields[g.r.IntN(len(fields))]
	g.district = districts[g.r.IntN(len(districts))]
	g.levels = seedLevels
	if g.chance(0.3) {
		g.levels = catalogueLevels
	}
	g.mixedFunding = g.chance(0.4)

	t := &jixiao.Table{
		Title:            Title,
		Org:              "广州市" + g.district.name + g.field.bureau + "（本级）",
		FiscalYear:       g.year,
		FiscalYearSource: "given: generated for " + itoa(g.year),
		MoneyUnit:        jixiao.WanYuan,
		Source:           g.opts.source(g.index),
	}
	us := g.units(g.between(g.opts.MinUnits, g.opts.MaxUnits))
	var all []*project
	perUnit := make([][]*project, len(us))
	for k, u := range us {
		n := g.between(g.opts.MinProjects, g.opts.MaxProjects)
		for range n {
			pr := g.project(u)
			perUnit[k] = append(perUnit[k], pr)
			all = append(all, pr)
		}
	}
	g.injectProjectDefects(all)

	var defects []Defect
	for k, u := range us {
		tu := jixiao.Unit{Name: u.name, Projects: make([]*jixiao.Project, 0, len(perUnit[k]))}
		for _, pr := range perUnit[k] {
			tu.Projects = append(tu.Projects, g.finish(pr))
			defects = append(defects, pr.resolve()...)
		}
		tu.Funding = subtotal(tu.Projects)
		t.Total = t.Total.Add(tu.Funding)
		t.Units = append(t.Units, tu)
	}
	// The 合计 row stays the true sum; a wrong unit subtotal is the kind of
	// slip the seed's readers find in the middle of a table.
	if d, ok := g.subtotalDefect(t); ok {
		defects = append(defects, d)
	}
	// Many published tables print the year in the title; one that names no
	// year anywhere always does here, so that every generated table can be
	// imported without --year (readers infer the year from the text).
	if g.chance(0.3) || !namesAYear(t) {
		t.Title = itoa(g.year) + "年" + Title
	}
	return t, defects
}

// namesAYear reports whether any name, goal or value writes a year.
func namesAYear(t *jixiao.Table) bool {
	for _, p := range t.Projects() {
		if strings.Contains(p.Name, "年") && hasYearDigits(p.Name) || hasYearDigits(p.Goal) {
			return true
		}
		for _, in := range p.Indicators {
			if hasYearDigits(in.Period.Raw) || hasYearDigits(in.Annual.Raw) {
				return true
			}
		}
	}
	return false
}

// hasYearDigits reports "20xx" followed by 年 or "-" (a written year).
func hasYearDigits(s string) bool {
	for i := 0; i+4 < len(s); i++ {
		if s[i] == '2' && s[i+1] == '0' && isDigit(s[i+2]) && isDigit(s[i+3]) && (s[i+4] == '-' || strings.HasPrefix(s[i+4:], "年")) &&
			(i == 0 || !isDigit(s[i-1])) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// project generates one clean project of unit u.
func (g *gen) project(u *unit) *project {
	a := u.archetype()
	name := g.projectName(a)
	total := g.projectTotal(name)
	p := &jixiao.Project{
		Name:    name,
		Org:     u.name,
		Funding: g.funding(total),
		Goal:    g.goal(a, name),
	}
	return &project{unit: u, arch: a, p: p, inds: g.indicators(a, g.projectStyle(), p.Funding.Total)}
}

// finish sorts the final indicator list and turns it into the domain type.
func (g *gen) finish(pr *project) *jixiao.Project {
	sortDrafts(pr.inds)
	pr.p.Indicators = g.levels.indicators(pr.inds)
	return pr.p
}

func itoa(n int) string { return strconv.Itoa(n) }
