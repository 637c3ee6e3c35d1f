package gen

import (
	"strconv"
	"strings"
)

// unit is a 资金使用单位 being generated: its printed name and the
// archetypes its projects are drawn from, cycled so that a unit repeats a
// kind of project only after it has run through the others.
type unit struct {
	name string
	pool []*archetype
	next int
}

// fill replaces "{d}" with the district's short name.
func (g *gen) fill(s string) string {
	if !strings.Contains(s, "{d}") {
		return s
	}
	return strings.ReplaceAll(s, "{d}", g.district.short)
}

// units lays out n units: usually the bureau itself first, then 下属单位
// of the field, then generic ones.
func (g *gen) units(n int) []*unit {
	f := g.field
	prefix := "广州市" + g.district.name
	bureau := prefix + f.bureau
	var us []*unit
	if g.chance(0.85) {
		us = append(us, &unit{name: bureau, pool: g.pool(f.projects, nil, 2)})
	}
	subs := g.r.Perm(len(f.subs))
	for _, k := range subs {
		if len(us) == n {
			break
		}
		s := &f.subs[k]
		// Own projects twice, so they dominate; one of the bureau's and
		// two common ones fill the rest of a long list.
		own := make([]archetype, 0, 2*len(s.projects))
		own = append(own, s.projects...)
		own = append(own, s.projects...)
		extra := f.projects[g.r.IntN(len(f.projects)):][:1]
		us = append(us, &unit{name: prefix + s.name, pool: g.pool(own, extra, 2)})
	}
	for _, k := range g.r.Perm(len(genericSubs)) {
		if len(us) == n {
			break
		}
		extra := f.projects[g.r.IntN(len(f.projects)):][:1]
		us = append(us, &unit{name: bureau + genericSubs[k], pool: g.pool(nil, extra, 3)})
	}
	if len(us) > n {
		us = us[:n]
	}
	return us
}

// pool shuffles own and extra archetypes together with k common ones.
func (g *gen) pool(own, extra []archetype, k int) []*archetype {
	p := make([]*archetype, 0, len(own)+len(extra)+k)
	for i := range own {
		p = append(p, &own[i])
	}
	for i := range extra {
		p = append(p, &extra[i])
	}
	for _, i := range g.r.Perm(len(common))[:k] {
		p = append(p, &common[i])
	}
	g.r.Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p
}

func (u *unit) archetype() *archetype {
	a := u.pool[u.next%len(u.pool)]
	u.next++
	return a
}

// nameSuffixes tell apart projects of the same kind in one table, as real
// tables do.
var nameSuffixes = []string{"（续建）", "（二期）", "（三期）", "（第二批）", "（上级补助）", "（区本级）"}

// projectName picks a name of archetype a not yet used in the table.
func (g *gen) projectName(a *archetype) string {
	off := g.r.IntN(len(a.names))
	for i := range a.names {
		name := g.fill(a.names[(off+i)%len(a.names)])
		if g.chance(0.06) {
			if g.chance(0.5) {
				name += "(区本级)"
			} else {
				name += "（区本级）"
			}
		}
		if !g.usedNames[name] {
			g.usedNames[name] = true
			return name
		}
	}
	base := g.fill(a.names[off])
	soff := g.r.IntN(len(nameSuffixes))
	for i := range nameSuffixes {
		name := base + nameSuffixes[(soff+i)%len(nameSuffixes)]
		if !g.usedNames[name] {
			g.usedNames[name] = true
			return name
		}
	}
	for k := 3; ; k++ {
		name := base + "（第" + strconv.Itoa(k) + "批）"
		if !g.usedNames[name] {
			g.usedNames[name] = true
			return name
		}
	}
}
