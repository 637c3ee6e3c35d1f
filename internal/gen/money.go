package gen

import (
	"strings"

	"jixiao"
)

// Amounts are drawn in hundredths of 万元 (the printed precision: 0.01 万元
// is 100 元, 10,000 fen), so every amount prints exactly with two decimals.
const fenPerCent = jixiao.Fen(10_000)

type bucket struct {
	lo, hi int64 // 万元
	weight int
}

// Project sizes in 万元 by the kind of project, after the seed: running
// costs (…经费) are small, subsidies and works (…资金, …工程) large, with
// the odd big transfer (8,948.00).
var (
	smallAmounts  = []bucket{{1, 10, 30}, {10, 100, 50}, {100, 1000, 18}, {1000, 5000, 2}}
	mediumAmounts = []bucket{{1, 10, 10}, {10, 100, 40}, {100, 1000, 40}, {1000, 5000, 10}}
	largeAmounts  = []bucket{{10, 100, 20}, {100, 1000, 45}, {1000, 5000, 27}, {5000, 20000, 8}}
)

// amountsFor picks the size profile from the project name's wording.
func amountsFor(name string) []bucket {
	for _, w := range []string{"工程", "建设", "补贴", "补助", "津贴", "资金", "扶助金", "保障金"} {
		if strings.Contains(name, w) {
			return largeAmounts
		}
	}
	if strings.Contains(name, "经费") || strings.Contains(name, "费用") {
		return smallAmounts
	}
	return mediumAmounts
}

// projectTotal draws a project's 总计 in hundredths of 万元.
func (g *gen) projectTotal(name string) int64 {
	bs := amountsFor(name)
	w := g.r.IntN(100)
	b := bs[len(bs)-1]
	for _, c := range bs {
		if w < c.weight {
			b = c
			break
		}
		w -= c.weight
	}
	v := b.lo*100 + g.r.Int64N((b.hi-b.lo)*100)
	// Budgets are mostly round: whole 万元, large ones whole tens.
	switch {
	case v >= 100_000 && g.chance(0.5):
		v = v / 1000 * 1000
	case g.chance(0.6):
		v = v / 100 * 100
	}
	return max(v, 50)
}

// funding splits a total between the money columns. Most projects are
// 财政拨款 only; tables with mixed funding have some 财政专户拨款 and
// 其他资金. Total is always the exact sum.
func (g *gen) funding(total int64) jixiao.Funding {
	f := jixiao.Funding{Total: jixiao.Fen(total) * fenPerCent}
	fiscal, special, other := total, int64(0), int64(0)
	if g.mixedFunding {
		part := func() int64 { return total * int64(g.between(10, 90)) / 100 }
		switch k := g.r.IntN(100); {
		case k < 55:
		case k < 75:
			special = part()
		case k < 90:
			other = part()
		case k < 95:
			fiscal, special = 0, total
		default:
			special = part()
			other = (total - special) / 2
		}
		fiscal = total - special - other
	}
	f.Fiscal = jixiao.Fen(fiscal) * fenPerCent
	f.SpecialAccount = jixiao.Fen(special) * fenPerCent
	f.Other = jixiao.Fen(other) * fenPerCent
	return f
}

// subtotal adds up projects' funding column by column.
func subtotal(ps []*jixiao.Project) jixiao.Funding {
	var f jixiao.Funding
	for _, p := range ps {
		f = f.Add(p.Funding)
	}
	return f
}
