package gen

import (
	"strconv"
	"strings"

	"jixiao"
)

// style is how a filer writes comparators. One filer tends to write a
// whole project one way (the seed's LaTeX residue comes in runs of
// projects), so a style is drawn per project and only sometimes varied per
// indicator.
type style uint8

const (
	styleAbove style = iota // "90%以上", "3场以上", "3个以上（含3个）"
	styleSign               // "≥90%", "全年≥40家", "新增≥1家"
	styleLatex              // " $\geq$ 60", " $\geq 50$ 家", " $\geq 90\%$ " (PDF residue)
	styleWords              // "不少于300项", "不低于98%", "超过200人次"
	numStyles
	styleMixed = numStyles // a different one for every value
)

var styleWeights = [...]int{styleAbove: 30, styleSign: 28, styleLatex: 10, styleWords: 17, styleMixed: 15}

func (g *gen) projectStyle() style { return style(g.weighted(styleWeights[:])) }

// indicatorStyle varies the project's style now and then, as filers do.
func (g *gen) indicatorStyle(st style) style {
	if st == styleMixed || g.chance(0.12) {
		return style(g.r.IntN(int(numStyles)))
	}
	return st
}

// nice rounds n the way targets are set: 37, 85, 320, 4500, 12000.
func nice(n int) int {
	switch {
	case n < 20:
		return n
	case n < 100:
		return n / 5 * 5
	case n < 1000:
		return n / 10 * 10
	case n < 10000:
		return n / 100 * 100
	default:
		return n / 1000 * 1000
	}
}

func (g *gen) draw(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return max(lo, nice(g.between(lo, hi)))
}

// percents are the rates filers actually write.
var percents = [...]int{5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 92, 95, 96, 97, 98, 99, 100}

// satisfactions are the usual 满意度 targets.
var satisfactions = [...]int{80, 85, 90, 95, 98}

func (g *gen) percentIn(set []int, lo, hi int) int {
	n := 0
	for _, p := range set {
		if p >= lo && p <= hi {
			n++
		}
	}
	if n == 0 {
		return lo
	}
	k := g.r.IntN(n)
	for _, p := range set {
		if p >= lo && p <= hi {
			if k == 0 {
				return p
			}
			k--
		}
	}
	return lo
}

// atLeast writes "num unit or more" in style st; flags add the seed's
// 全年/新增 qualifiers.
func (g *gen) atLeast(st style, num, unit string, flags flag) string {
	if st >= numStyles {
		st = style(g.r.IntN(int(numStyles)))
	}
	switch st {
	case styleAbove:
		switch k := g.r.IntN(10); {
		case k >= 7 && k <= 8 && unit != "" && unit != "%":
			return num + unit + "以上（含" + num + unit + "）"
		case k == 9:
			return num + unit + "及以上"
		}
		return num + unit + "以上"
	case styleSign:
		prefix := ""
		switch {
		case flags&qAdded != 0 && g.chance(0.6):
			prefix = "新增"
		case flags&qYear != 0 && g.chance(0.6):
			prefix = "全年"
		}
		if unit == "%" && g.chance(0.1) {
			return prefix + ">" + num + unit
		}
		return prefix + "≥" + num + unit
	case styleLatex:
		switch {
		case unit == "%" && g.chance(0.5):
			return ` $\geq ` + num + `\%$ `
		case unit == "":
			if g.chance(0.5) {
				return ` $\geq$ ` + num
			}
			return ` $\geq ` + num + `$ `
		case unit != "%" && g.chance(0.5):
			return ` $\geq ` + num + `$ ` + unit
		}
		return ` $\geq$ ` + num + unit
	default: // styleWords
		switch {
		case unit == "%" || strings.HasSuffix(unit, "元"):
			return "不低于" + num + unit
		case g.chance(0.2):
			return "超过" + num + unit
		}
		return "不少于" + num + unit
	}
}

// atMost writes "num unit or less" for indicators where less is better.
func (g *gen) atMost(st style, num, unit string) string {
	if st >= numStyles {
		st = style(g.r.IntN(int(numStyles)))
	}
	switch st {
	case styleAbove:
		if unit == "%" || g.chance(0.5) {
			return num + unit + "以内"
		}
		return num + unit + "以下"
	case styleSign:
		return "≤" + num + unit
	case styleLatex:
		return ` $\leq$ ` + num + unit
	default:
		if g.chance(0.5) {
			return "不超过" + num + unit
		}
		return "不高于" + num + unit
	}
}

// amount draws a money number: tenths for 亿 ("3.8"), round numbers for 万元.
func (g *gen) amount(unit string, lo, hi int) string {
	if strings.Contains(unit, "亿") && hi <= 100 {
		v := g.between(lo*10, hi*10)
		if v%10 == 0 || g.chance(0.4) {
			return strconv.Itoa(v / 10)
		}
		return strconv.Itoa(v/10) + "." + strconv.Itoa(v%10)
	}
	return strconv.Itoa(g.draw(lo, hi))
}

// deadline writes a completion date or period for action ("完成验收") in
// year; dated reports whether the text names the year (so it can go stale).
func (g *gen) deadline(year int, action string) string {
	y := strconv.Itoa(year)
	switch k := g.r.IntN(20); {
	case k < 4:
		return "年度内" + action
	case k < 9:
		return y + "年12月31日前" + action
	case k < 12:
		m := g.between(6, 11)
		return y + "年" + strconv.Itoa(m) + "月" + strconv.Itoa(monthDays(year, m)) + "日前" + action
	case k < 14:
		return "第" + quarters[g.r.IntN(len(quarters))] + "季度前" + action
	case k < 16:
		return strconv.Itoa(g.between(1, 12)) + "月" + strconv.Itoa(g.between(1, 28)) + "日前"
	case k < 18:
		m := g.between(6, 12)
		return y + "-" + pad2(m) + "-" + pad2(monthDays(year, m))
	default:
		return y + "年" + strconv.Itoa(g.between(6, 12)) + "月底前" + action
	}
}

// datedDeadline always names the year: the forms a stale copy shows.
func (g *gen) datedDeadline(year int, action string) string {
	y := strconv.Itoa(year)
	switch g.r.IntN(3) {
	case 0:
		m := g.between(6, 12)
		return y + "-" + pad2(m) + "-" + pad2(monthDays(year, m))
	case 1:
		m := g.between(5, 11)
		return y + "年" + strconv.Itoa(m) + "月" + strconv.Itoa(monthDays(year, m)) + "日前" + action
	}
	return y + "年12月31日前" + action
}

var quarters = []string{"二", "三", "四"}

func monthDays(year, m int) int {
	switch m {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// render writes a template's name and values. Period and annual are the
// same text unless a multi-year project sets a larger period total.
func (g *gen) render(x *ind, st style, year int, total jixiao.Fen) *draft {
	d := g.newDraft()
	d.l2, d.name, d.form, d.unit = x.l2, x.name, x.form, x.unit
	st = g.indicatorStyle(st)
	switch x.form {
	case fCount:
		n := g.draw(x.lo, x.hi)
		unit := x.unit
		if unitInName(unit) && g.chance(0.08) {
			d.name += "（" + unit + "）"
			unit, d.unit = "", ""
		}
		num := strconv.Itoa(n)
		d.num = num
		d.annual = g.atLeast(st, num, unit, x.flags)
		d.period = d.annual
		if g.chance(0.12) && !strings.Contains(d.annual, "全年") {
			d.period = strings.ReplaceAll(d.annual, num, strconv.Itoa(n*g.between(2, 3)))
		}
		d.count = true
	case fExact:
		d.num = strconv.Itoa(g.between(x.lo, x.hi))
		d.annual = d.num + x.unit
		d.period = d.annual
		d.count = true
	case fPercent:
		p := g.percentIn(percents[:], x.lo, x.hi)
		if strings.HasSuffix(d.name, "率") && g.chance(0.1) {
			d.name += "（%）"
		}
		if p == 100 {
			d.annual = "100%"
		} else {
			d.annual = g.atLeast(st, strconv.Itoa(p), "%", 0)
		}
		d.period = d.annual
	case fSatisfaction:
		d.name = g.satisfactionName(d.name)
		d.annual = g.atLeast(st, strconv.Itoa(g.percentIn(satisfactions[:], x.lo, x.hi)), "%", 0)
		d.period = d.annual
	case fLess:
		d.annual = g.atMost(st, strconv.Itoa(g.draw(x.lo, x.hi)), x.unit)
		d.period = d.annual
	case fMoney:
		num := g.amount(x.unit, x.lo, x.hi)
		d.num = num
		d.annual = g.atLeast(st, num, x.unit, x.flags)
		d.period = d.annual
	case fDeadline:
		d.annual = g.deadline(year, x.text)
		d.period = d.annual
		d.action = x.text
	case fBool:
		if g.chance(0.5) {
			d.name += "（是/否）"
		}
		d.annual, d.period = "是", "是"
	case fText:
		d.annual, d.period = x.text, x.text
	case fCostCap:
		d.annual = "≤" + total.Format(jixiao.WanYuan) + "万元"
		if g.chance(0.3) {
			d.annual = "不超过" + total.Format(jixiao.WanYuan) + "万元"
		}
		d.period = d.annual
	}
	return d
}

// unitInName reports units the seed sometimes moves into the indicator
// name ("面向消费者的智慧化应用场景数量（个）", value " $\geq$ 2").
func unitInName(unit string) bool {
	switch unit {
	case "个", "家", "项", "场", "次", "人", "人次", "份", "篇", "所":
		return true
	}
	return false
}

// satisfactionName varies "企业满意度" into "企业满意率（%）" now and then.
func (g *gen) satisfactionName(name string) string {
	if base, ok := strings.CutSuffix(name, "满意度"); ok && g.chance(0.2) {
		if g.chance(0.5) {
			return base + "满意率（%）"
		}
		return base + "满意率"
	}
	return name
}
