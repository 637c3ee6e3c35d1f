package gen

import (
	"strings"
	"unicode/utf8"
)

// goal writes a project's 绩效目标: the archetype's sentence, usually with
// what the work is for. Goals in one table are kept distinct, because the
// same goal on two projects is a defect (copied-goal) and must appear only
// where it is injected.
func (g *gen) goal(a *archetype, name string) string {
	core := g.fill(a.goals[g.r.IntN(len(a.goals))])
	aims := g.field.aims
	if a.aims != nil {
		aims = a.aims
	}
	aim := func(k int) string {
		s := g.fill(aims[k])
		if strings.Contains(core, lastRunes(s, 4)) {
			return "" // the sentence already says it
		}
		return s
	}
	for tries := 0; tries < 4; tries++ {
		var s string
		switch k := g.r.IntN(100); {
		case k < 30:
			s = core + "。"
		case k < 90:
			a1 := aim(g.r.IntN(len(aims)))
			if a1 == "" {
				continue
			}
			s = core + "，" + a1 + "。"
		case k < 97:
			i1, i2 := g.r.IntN(len(aims)), g.r.IntN(len(aims))
			a1, a2 := aim(i1), aim(i2)
			if i1 == i2 || a1 == "" || a2 == "" {
				continue
			}
			s = core + "，" + a1 + "，" + a2 + "。"
		default:
			// Some filers number the parts of a goal; the number-and-、 is
			// harmless here, outside the indicator cell.
			a1 := aim(g.r.IntN(len(aims)))
			if a1 == "" {
				continue
			}
			s = "1、" + core + "；2、" + a1 + "。"
		}
		if !g.usedGoals[s] {
			g.usedGoals[s] = true
			return s
		}
	}
	s := core + "，确保" + name + "各项任务按期完成。"
	g.usedGoals[s] = true
	return s
}

// lastRunes returns the last n runes of s.
func lastRunes(s string, n int) string {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}
