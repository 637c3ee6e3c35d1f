package gen

import (
	"slices"
	"strings"

	"jixiao"
)

// draft is an indicator while its project is being built: defects are
// injected into drafts, and seqs are given only when the list is final.
type draft struct {
	l2     string
	name   string
	form   form
	unit   string
	period string
	annual string
	count  bool   // the value counts things ("≥20家"): can be misfiled or given two units
	num    string // the number of a count or amount, so a defect can rewrite the value
	action string // fDeadline: the action, so a stale copy can be rewritten
}

// newDraft hands out drafts from chunks, one allocation per chunk instead
// of one per indicator.
func (g *gen) newDraft() *draft {
	if len(g.drafts) == cap(g.drafts) {
		g.drafts = make([]draft, 0, 128)
	}
	g.drafts = g.drafts[:len(g.drafts)+1]
	return &g.drafts[len(g.drafts)-1]
}

// indicatorCounts weighs how many indicators a project has, after the seed
// (mostly 4, often 5, sometimes 3 or 6).
var indicatorCounts = [...]int{3: 14, 4: 38, 5: 26, 6: 13, 7: 6, 8: 3}

// plan says how many indicators of each level-1 category a project gets.
type plan struct{ output, benefit, satisfaction, cost int }

func (g *gen) plan() plan {
	n := g.weighted(indicatorCounts[:])
	p := plan{satisfaction: 1, benefit: 1}
	if n >= 5 && g.chance(0.2) {
		p.satisfaction = 2
	}
	if n >= 5 && g.chance(0.08) {
		p.cost = 1
	}
	switch {
	case n >= 5:
		// Up to three benefits, leaving two outputs where there is room.
		p.benefit = 1 + g.r.IntN(min(3, max(1, n-p.satisfaction-p.cost-2)))
	case n == 4 && g.chance(0.3):
		p.benefit = 2
	}
	p.output = n - p.satisfaction - p.benefit - p.cost
	return p
}

// indicators builds a clean, sorted indicator list for a project of
// archetype a: the archetype's own indicators first, then generic ones.
func (g *gen) indicators(a *archetype, st style, total jixiao.Fen) []*draft {
	p := g.plan()
	ds := make([]*draft, 0, 8)
	ds = g.choose(ds, a.inds, '1', p.output, st, total)
	ds = g.choose(ds, generic, '1', p.output-len(ds), st, total)
	nb := len(ds)
	ds = g.choose(ds, a.inds, '2', p.benefit, st, total)
	ds = g.choose(ds, generic, '2', p.benefit-(len(ds)-nb), st, total)
	ns := len(ds)
	ds = g.choose(ds, a.inds, '3', p.satisfaction, st, total)
	for tries := 0; len(ds)-ns < p.satisfaction && tries < 4; tries++ {
		r := g.field.recipients[g.r.IntN(len(g.field.recipients))]
		x := sat(r + "满意度")
		if !hasName(ds, x.name) {
			ds = append(ds, g.render(&x, st, g.year, total))
		}
	}
	ds = g.choose(ds, costs, 0, p.cost, st, total)
	sortDrafts(ds)
	return ds
}

// choose appends up to k indicators of level-1 category l1 ('1', '2', '3';
// 0 for any) from pool, in pool order, skipping names already present.
func (g *gen) choose(ds []*draft, pool []ind, l1 byte, k int, st style, total jixiao.Fen) []*draft {
	if k <= 0 {
		return ds
	}
	idx := g.scratch[:0]
	for i := range pool {
		if l1 == 0 || pool[i].l2[0] == l1 {
			idx = append(idx, i)
		}
	}
	// A partial Fisher–Yates shuffle picks k without replacement; sorting the
	// picks keeps the archetype's order (数量 before 质量 before 时效).
	k = min(k, len(idx))
	for i := 0; i < k; i++ {
		j := i + g.r.IntN(len(idx)-i)
		idx[i], idx[j] = idx[j], idx[i]
	}
	picks := idx[:k]
	slices.Sort(picks)
	for _, i := range picks {
		if !hasName(ds, pool[i].name) {
			ds = append(ds, g.render(&pool[i], st, g.year, total))
		}
	}
	g.scratch = idx
	return ds
}

// hasName reports whether ds already has the indicator name, allowing for
// what render appends ("（个）", "（是/否）") and for 满意度 written as 满意率.
func hasName(ds []*draft, name string) bool {
	if base, ok := strings.CutSuffix(name, "满意度"); ok {
		name = base + "满意"
	}
	for _, d := range ds {
		if strings.HasPrefix(d.name, name) {
			return true
		}
	}
	return false
}

// sortDrafts orders indicators by category code, as published, keeping
// the order within a category.
func sortDrafts(ds []*draft) {
	slices.SortStableFunc(ds, func(a, b *draft) int {
		switch {
		case a.l2 < b.l2:
			return -1
		case a.l2 > b.l2:
			return 1
		}
		return 0
	})
}

// levelNames are the category names a table prints. The seed prints
// level-2 names of 效益 and 满意度 without the 指标 suffix ("21-经济效益",
// "31-服务对象满意度") but keeps it for 产出 ("11-数量指标"); other
// systems print the catalogue names. Indexed by the two-digit code, so the
// hot loop does no map lookups.
type levelNames [50]struct{ l1, l2 jixiao.Category }

var (
	seedLevels      = makeLevels(true)
	catalogueLevels = makeLevels(false)
)

func makeLevels(seedStyle bool) *levelNames {
	var ln levelNames
	for _, e := range jixiao.Catalogue {
		c := e.Level2
		if seedStyle && c.Code[0] != '1' {
			c.Name = strings.TrimSuffix(c.Name, "指标")
		}
		ln[codeIndex(c.Code)].l1 = e.Level1
		ln[codeIndex(c.Code)].l2 = c
	}
	return &ln
}

func codeIndex(l2 string) int { return int(l2[0]-'0')*10 + int(l2[1]-'0') }

// indicators turns a project's final drafts into the domain type, all
// indicators in one allocation; only Raw is set on targets.
func (ln *levelNames) indicators(ds []*draft) []*jixiao.Indicator {
	slab := make([]jixiao.Indicator, len(ds))
	out := make([]*jixiao.Indicator, len(ds))
	for k, d := range ds {
		// Field by field into the zeroed slab: assigning a whole composite
		// literal would copy the 480-byte struct through write barriers.
		c, in := &ln[codeIndex(d.l2)], &slab[k]
		in.Seq = k + 1
		in.Level1, in.Level2 = c.l1, c.l2
		in.Name = d.name
		in.Period.Raw, in.Annual.Raw = d.period, d.annual
		out[k] = in
	}
	return out
}
