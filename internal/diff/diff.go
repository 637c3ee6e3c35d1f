// Package diff compares two versions of a 绩效目标表 and says, in the
// words of the table, what changed: projects and indicators added, removed
// or changed, field by field, with the text before and after.
package diff

import (
	"strconv"

	"jixiao"
)

// Kind of a change.
type Kind string

const (
	Added   Kind = "added"
	Removed Kind = "removed"
	Changed Kind = "changed"
)

// Label is the change's Chinese name.
func (k Kind) Label() string {
	switch k {
	case Added:
		return "新增"
	case Removed:
		return "删除"
	}
	return "修改"
}

// Change is one difference. Project is "" for the table's own fields;
// Indicator is "" for a project's own fields.
type Change struct {
	Kind      Kind
	Project   string
	Indicator string // "3. 资金拨付及时率": number and name in the newer version (older when removed)
	Field     string // Chinese label: 年度指标值, 绩效目标, 总计 …
	Before    string
	After     string
}

// Tables lists what changed from a to b, in b's order (removals where the
// removed item stood). Projects are matched by name, indicators within a
// project by name and, for names used twice, by order.
func Tables(a, b *jixiao.Table) []Change {
	var out []Change
	field := func(project, ind, name, before, after string) {
		if before != after {
			out = append(out, Change{Kind: Changed, Project: project, Indicator: ind, Field: name, Before: before, After: after})
		}
	}
	field("", "", "标题", a.Title, b.Title)
	field("", "", "单位名称", a.Org, b.Org)
	field("", "", "金额单位", string(a.MoneyUnit), string(b.MoneyUnit))
	funding(field, "", "合计", a.Total, b.Total, a.MoneyUnit, b.MoneyUnit)

	old := a.Projects()
	used := make([]bool, len(old))
	find := func(name string) *jixiao.Project {
		for i, p := range old {
			if !used[i] && p.Name == name {
				used[i] = true
				return p
			}
		}
		return nil
	}
	for _, q := range b.Projects() {
		p := find(q.Name)
		if p == nil {
			out = append(out, Change{Kind: Added, Project: q.Name, After: projectSummary(q, b.MoneyUnit)})
			continue
		}
		field(q.Name, "", "资金使用单位", p.Org, q.Org)
		funding(field, q.Name, "", p.Funding, q.Funding, a.MoneyUnit, b.MoneyUnit)
		field(q.Name, "", "绩效目标", p.Goal, q.Goal)
		field(q.Name, "", "年度绩效目标", p.AnnualGoal, q.AnnualGoal)
		out = append(out, indicators(q.Name, p.Indicators, q.Indicators)...)
	}
	for i, p := range old {
		if !used[i] {
			out = append(out, Change{Kind: Removed, Project: p.Name, Before: projectSummary(p, a.MoneyUnit)})
		}
	}
	return out
}

func funding(field func(p, i, n, b, a string), project, prefix string, x, y jixiao.Funding, ux, uy jixiao.MoneyUnit) {
	field(project, "", prefix+"总计", x.Total.FormatGrouped(ux), y.Total.FormatGrouped(uy))
	field(project, "", prefix+"财政拨款", x.Fiscal.FormatGrouped(ux), y.Fiscal.FormatGrouped(uy))
	field(project, "", prefix+"财政专户拨款", x.SpecialAccount.FormatGrouped(ux), y.SpecialAccount.FormatGrouped(uy))
	field(project, "", prefix+"其他资金", x.Other.FormatGrouped(ux), y.Other.FormatGrouped(uy))
}

func projectSummary(p *jixiao.Project, u jixiao.MoneyUnit) string {
	return "总计 " + p.Funding.Total.FormatGrouped(u) + " " + string(u) + "，" + strconv.Itoa(len(p.Indicators)) + " 个指标"
}

func label(in *jixiao.Indicator) string { return strconv.Itoa(in.Seq) + ". " + in.Name }

func category(c jixiao.Category) string {
	if c.Code == "" {
		return c.Name
	}
	return c.Code + "-" + c.Name
}

func indicators(project string, xs, ys []*jixiao.Indicator) []Change {
	var out []Change
	used := make([]bool, len(xs))
	for _, y := range ys {
		var x *jixiao.Indicator
		for i, c := range xs {
			if !used[i] && c.Name == y.Name {
				used[i], x = true, c
				break
			}
		}
		if x == nil {
			out = append(out, Change{Kind: Added, Project: project, Indicator: label(y),
				After: category(y.Level1) + "；" + category(y.Level2) + "；年度指标值：" + y.Annual.Raw})
			continue
		}
		add := func(name, before, after string) {
			if before != after {
				out = append(out, Change{Kind: Changed, Project: project, Indicator: label(y), Field: name, Before: before, After: after})
			}
		}
		add("序号", strconv.Itoa(x.Seq), strconv.Itoa(y.Seq))
		add("一级指标", category(x.Level1), category(y.Level1))
		add("二级指标", category(x.Level2), category(y.Level2))
		add("计量单位", x.Unit, y.Unit)
		add("实施周期指标值", x.Period.Raw, y.Period.Raw)
		add("年度指标值", x.Annual.Raw, y.Annual.Raw)
		add("权重", x.Weight.String(), y.Weight.String())
	}
	for i, x := range xs {
		if !used[i] {
			out = append(out, Change{Kind: Removed, Project: project, Indicator: label(x),
				Before: category(x.Level1) + "；" + category(x.Level2) + "；年度指标值：" + x.Annual.Raw})
		}
	}
	return out
}
