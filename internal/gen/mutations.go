package gen

import (
	"slices"
	"strings"
	"unicode/utf8"

	"jixiao"
)

// The mutations: one function per DefectKind, each turning a clean project
// (or unit) into a defective one the way real filers do, recording where,
// and reporting false when the project offers no place for it.

func dropLastRune(s string) string {
	_, n := utf8.DecodeLastRuneInString(s)
	return s[:len(s)-n]
}

// longTargets are text values long enough to be cut off mid-word.
var longTargets = []struct{ name, value string }{
	{"工作完成时限", "在上级要求的时间内完成全部工作任务"},
	{"成果提交时间", "在合同约定的时间内提交全部成果"},
	{"项目完成时间", "{y}年12月31日前完成验收"},
	{"交付使用时间", "{y}年12月31日前交付使用"},
}

func (g *gen) truncate(pr *project) bool {
	d := g.pick(pr, func(d *draft) bool {
		return d.form == fDeadline && d.action != "" && utf8.RuneCountInString(d.action) >= 2 && strings.HasSuffix(d.annual, d.action) ||
			d.form == fText && utf8.RuneCountInString(d.annual) >= 4
	})
	if d == nil {
		lt := longTargets[g.r.IntN(len(longTargets))]
		v := strings.ReplaceAll(lt.value, "{y}", itoa(g.year))
		d = g.place(pr, &draft{l2: "13", name: lt.name, form: fText, period: v, annual: v}, '1')
		if d == nil {
			return false
		}
	}
	full := d.annual
	d.annual, d.period = dropLastRune(d.annual), dropLastRune(d.period)
	pr.note(DefectTruncated, d, "“"+full+"”截断为“"+d.annual+"”")
	return true
}

// deadlineNames name the deadline indicators a stale copy is written into
// when a project has none.
var deadlineNames = []struct{ name, action string }{
	{"项目完成时间", "完成"}, {"项目验收时间", "完成验收"}, {"成果交付时间", "交付使用"},
}

func (g *gen) stale(pr *project) bool {
	d := g.pick(pr, func(d *draft) bool { return d.form == fDeadline && d.action != "" })
	if d == nil {
		dn := deadlineNames[g.r.IntN(len(deadlineNames))]
		d = g.place(pr, &draft{l2: "13", name: dn.name, form: fDeadline, action: dn.action}, '1')
		if d == nil {
			return false
		}
	}
	d.annual = g.datedDeadline(g.year-1, d.action)
	d.period = d.annual
	pr.note(DefectStaleDeadline, d, "截止时间“"+d.annual+"”早于预算年度"+itoa(g.year))
	return true
}

// misfile files a count under 满意度 or a 满意度 under 效益. It never
// fills a category a missing-* defect emptied, which would hide that one.
func (g *gen) misfile(pr *project) bool {
	if g.chance(0.5) && count(pr.inds, '1') >= 2 && count(pr.inds, '3') > 0 {
		if d := g.pick(pr, func(d *draft) bool { return d.count && d.l2[0] == '1' }); d != nil {
			d.l2 = "31"
			pr.note(DefectMisfiled, d, "数量指标“"+d.name+"”填在满意度指标下")
			return true
		}
	}
	if count(pr.inds, '2') == 0 {
		return false
	}
	r := g.field.recipients[g.r.IntN(len(g.field.recipients))]
	x := sat(r + "满意度")
	nd := g.render(&x, g.projectStyle(), g.year, 0)
	nd.l2 = "22"
	if g.chance(0.4) {
		nd.l2 = "21"
	}
	if g.place(pr, nd, '2') == nil {
		return false
	}
	pr.note(DefectMisfiled, nd, "满意度指标“"+nd.name+"”填在效益指标下")
	return true
}

// vagueWords are the seed's targets that cannot be measured. Clean tables
// never use them.
var vagueWords = []string{"稳步提升", "有所提高", "有所提升", "进一步提升", "明显改善", "逐步完善"}

func (g *gen) vague(pr *project) bool {
	// "稳步提升" on a less-is-better indicator (故障率) would read as a
	// contradiction, not as vagueness; leave those alone.
	measurable := func(d *draft) bool {
		return d.form == fCount || d.form == fPercent || d.form == fMoney
	}
	d := g.pick(pr, func(d *draft) bool { return d.l2[0] == '2' && measurable(d) })
	if d == nil {
		d = g.pick(pr, func(d *draft) bool { return d.l2[0] == '1' && measurable(d) })
	}
	if d == nil {
		return false
	}
	w := vagueWords[g.r.IntN(len(vagueWords))]
	d.annual, d.period, d.form, d.count = w, w, fText, false
	pr.note(DefectVagueTarget, d, "指标“"+d.name+"”的指标值“"+w+"”无法衡量")
	return true
}

// fictional are placeholder names, the Chinese "John Doe"s: obviously
// nobody's.
var fictional = []string{"张三", "李四", "王五", "赵六", "钱七", "孙八"}

var personalMatters = []struct{ request, benefit string }{
	{"报销医药费问题", "医疗报销费用"},
	{"生活困难补助问题", "基本生活"},
	{"遗属抚恤待遇问题", "抚恤待遇"},
	{"工伤待遇问题", "工伤保险待遇"},
}

func (g *gen) personalName(pr *project) bool {
	if pr.copyGoal || pr.goalEdited {
		return false
	}
	n := fictional[g.r.IntN(len(fictional))]
	s := ""
	if g.chance(0.3) {
		m := personalMatters[g.r.IntN(len(personalMatters))]
		s = "根据《关于" + n + "同志" + m.request + "的请示》，保障" + n + "同志的" + m.benefit + "。"
	}
	if s == "" || g.usedGoals[s] {
		// Appending to the project's own (distinct) goal keeps it distinct.
		s = strings.TrimSuffix(pr.p.Goal, "。") + "，由" + n + "同志负责组织实施。"
	}
	g.usedGoals[s] = true
	pr.p.Goal = s
	pr.goalEdited = true
	pr.note(DefectPersonalName, nil, "绩效目标含个人姓名“"+n+"同志”")
	return true
}

// drop removes every indicator of category l1 and tops the project up to
// three indicators with outputs.
func (g *gen) drop(pr *project, l1 byte, kind DefectKind, detail string) bool {
	if count(pr.inds, l1) == 0 {
		return false
	}
	for _, d := range pr.inds {
		if d.l2[0] == l1 && pr.touched(d) {
			return false
		}
	}
	pr.inds = slices.DeleteFunc(pr.inds, func(d *draft) bool { return d.l2[0] == l1 })
	st := g.projectStyle()
	need := 3 - len(pr.inds)
	pr.inds = g.choose(pr.inds, pr.arch.inds, '1', need, st, pr.p.Funding.Total)
	pr.inds = g.choose(pr.inds, generic, '1', 3-len(pr.inds), st, pr.p.Funding.Total)
	pr.note(kind, nil, detail)
	return true
}

// measureWords are units that count things, so that a second one in the
// same value is a contradiction.
var measureWords = map[string]bool{
	"家": true, "个": true, "项": true, "场": true, "次": true, "所": true, "名": true,
	"人": true, "条": true, "篇": true, "份": true, "座": true, "处": true, "间": true,
	"块": true, "辆": true, "台": true, "户": true, "期": true, "宗": true, "批次": true,
}

func (g *gen) twoUnits(pr *project) bool {
	d := g.pick(pr, func(d *draft) bool { return d.count && d.num != "" && measureWords[d.unit] })
	if d == nil {
		return false
	}
	other := "个"
	if d.unit == "个" {
		other = "家"
	}
	d.annual = d.num + d.unit + "以上（含" + d.num + other + "）"
	d.period = d.annual
	pr.note(DefectTwoUnits, d, "指标值“"+d.annual+"”含两个计量单位")
	return true
}

func (g *gen) satisfaction100(pr *project) bool {
	d := g.pick(pr, func(d *draft) bool { return d.form == fSatisfaction && d.l2 == "31" })
	if d == nil {
		return false
	}
	d.annual, d.period = "100%", "100%"
	pr.note(DefectSatisfaction100, d, "满意度指标“"+d.name+"”目标值为100%")
	return true
}

// processTemplates are fund-management steps, not outputs (财预〔2021〕101号
// warns against them); the seed has many.
var processTemplates = []ind{
	pct("13", "资金拨付及时率", 100, 100),
	pct("12", "拨款足额率", 100, 100),
	text("12", "资金使用合规性", "合法合规"),
	pct("12", "资金使用合规率", 100, 100),
	pct("12", "扶持资金拨付正确率", 100, 100),
}

func (g *gen) processIndicator(pr *project) bool {
	x := processTemplates[g.r.IntN(len(processTemplates))]
	nd := g.render(&x, styleSign, g.year, 0)
	if g.place(pr, nd, '1') == nil {
		return false
	}
	pr.note(DefectProcessIndicator, nd, "“"+nd.name+"”是资金管理过程指标，不反映产出")
	return true
}

func (g *gen) noComparator(pr *project) bool {
	d := g.pick(pr, func(d *draft) bool {
		return d.form == fSatisfaction || d.form == fMoney && d.num != "" || d.form == fCount && d.num != "" && d.num != "1"
	})
	if d == nil {
		return false
	}
	switch d.form {
	case fSatisfaction:
		d.annual = itoa(g.percentIn(satisfactions[:], 80, 95)) + "%"
	case fMoney:
		d.annual = d.num + d.unit
	default:
		d.annual = d.num // the seed's "开展培训场次：2"
	}
	d.period = d.annual
	pr.note(DefectNoComparator, d, "指标值“"+d.annual+"”没有写明比较关系")
	return true
}

// copyGoals gives each project marked copied-goal the goal of another
// project of a different kind; without one, it gets a vague target instead.
func (g *gen) copyGoals(all []*project) {
	for _, pr := range all {
		if !pr.copyGoal {
			continue
		}
		var src *project
		n := 0
		for _, q := range all {
			if q == pr || q.copyGoal || q.goalEdited || q.arch == pr.arch {
				continue
			}
			n++
			if g.r.IntN(n) == 0 {
				src = q
			}
		}
		if src == nil {
			pr.copyGoal = false
			if !g.vague(pr) {
				g.personalName(pr)
			}
			continue
		}
		pr.p.Goal = src.p.Goal
		pr.note(DefectCopiedGoal, nil, "绩效目标与无关项目“"+src.p.Name+"”相同")
	}
}

// subtotalDefect misprints one unit's subtotal in a small share of tables.
// The row stays internally consistent (总计 = 财政拨款 + …); only the sum
// over the unit's projects disagrees.
func (g *gen) subtotalDefect(t *jixiao.Table) (Defect, bool) {
	if g.opts.DefectRate == 0 || !g.chance(g.opts.DefectRate/3) {
		return Defect{}, false
	}
	u := &t.Units[g.r.IntN(len(t.Units))]
	want := u.Funding
	delta := jixiao.Fen(g.between(1, 99)) * fenPerCent
	if g.chance(0.5) {
		delta *= 100 // a whole-万元 slip
	}
	if g.chance(0.5) && u.Funding.Fiscal > delta {
		delta = -delta
	}
	u.Funding.Total += delta
	u.Funding.Fiscal += delta
	return Defect{
		Kind:   DefectSubtotal,
		Unit:   u.Name,
		Detail: "小计" + u.Funding.Total.Format(jixiao.WanYuan) + "万元，所属项目合计" + want.Total.Format(jixiao.WanYuan) + "万元",
	}, true
}
