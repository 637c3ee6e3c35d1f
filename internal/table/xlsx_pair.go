package table

import (
	"fmt"

	"jixiao"
)

// pairSheets joins a long sheet that details another sheet ("对应工作表：…")
// with that sheet: they are one table in two layouts. The published layout
// gives what it prints (合计 and subtotals as printed); the long layout adds
// what only it carries (年度绩效目标, 转移支付, 计量单位, 指标方向, 权重,
// and indicator numbers other than 1, 2, …).
// Everything both carry must agree; if it does not, someone edited one
// sheet and not the other, and which one is right cannot be known.
//
// The published layout tells a unit row from a project without goal and
// indicators only by its name; when the two sheets disagree, the published
// sheet is read again with the detail sheet's units (reread), and only a
// disagreement that remains is an error.
func pairSheets(results []*Result, file string, reread func(sheet string, units map[string]bool) *Result) ([]*Result, ParseErrors) {
	bySheet := map[string]*Result{}
	for _, r := range results {
		bySheet[r.Sheet] = r
	}
	var out []*Result
	var errs ParseErrors
	joined := map[*Result]bool{}
	for _, r := range results {
		if r.pairWith == "" {
			continue
		}
		flat := bySheet[r.pairWith]
		if flat == nil || flat.pairWith != "" {
			r.Notes = append(r.Notes, "工作表“"+r.pairWith+"”不在工作簿中：只按本工作表（每行一个指标）读取")
			continue
		}
		diff := differs(common(flat.Table), common(r.Table))
		if diff != "" {
			units := map[string]bool{}
			for _, u := range r.Table.Units {
				units[u.Name] = true
			}
			if again := reread(flat.Sheet, units); again != nil && differs(common(again.Table), common(r.Table)) == "" {
				*flat = *again
				diff = ""
			}
		}
		if diff != "" {
			errs = append(errs, &ParseError{File: file, Sheet: r.Sheet,
				Expected: fmt.Sprintf("与工作表“%s”相同的内容（两者是同一张表的两种版式）：请只改其中一张并删去另一张，再导入", flat.Sheet),
				Got:      diff})
			joined[flat], joined[r] = true, true
			continue
		}
		addExtras(flat.Table, r.Table)
		joined[r] = true
	}
	for _, r := range results {
		if !joined[r] {
			out = append(out, r)
		}
	}
	return out, errs
}

// common is the part of a table both layouts carry: no subtotals or total
// (the long layout sums them), none of the columns only the long layout has.
func common(t *jixiao.Table) *jixiao.Table {
	c := &jixiao.Table{Title: t.Title, Org: t.Org, FiscalYear: t.FiscalYear, MoneyUnit: t.MoneyUnit}
	for _, u := range t.Units {
		cu := jixiao.Unit{Name: u.Name}
		for _, p := range u.Projects {
			cp := &jixiao.Project{Name: p.Name, Org: p.Org, Funding: p.Funding, Goal: p.Goal}
			for j, in := range p.Indicators {
				// The published layout numbers indicators 1, 2, …; the
				// long one gives the numbers as they are.
				cp.Indicators = append(cp.Indicators, &jixiao.Indicator{Seq: j + 1, Level1: in.Level1, Level2: in.Level2, Name: in.Name,
					Period: jixiao.Target{Raw: in.Period.Raw}, Annual: jixiao.Target{Raw: in.Annual.Raw}})
			}
			cu.Projects = append(cu.Projects, cp)
		}
		c.Units = append(c.Units, cu)
	}
	return c
}

// differs names the first difference between two tables, or returns "".
func differs(a, b *jixiao.Table) string {
	if jixiao.ContentHash(a) == jixiao.ContentHash(b) {
		return ""
	}
	if a.Title != b.Title || a.Org != b.Org || a.FiscalYear != b.FiscalYear || a.MoneyUnit != b.MoneyUnit {
		return "表头（标题、单位名称、预算年度或金额单位）不同"
	}
	pa, pb := a.Projects(), b.Projects()
	for i := range pa {
		if i >= len(pb) {
			return fmt.Sprintf("项目“%s”只在一张工作表中", pa[i].Name)
		}
		x, y := pa[i], pb[i]
		if x.Name != y.Name || x.Org != y.Org {
			return fmt.Sprintf("第 %d 个项目：“%s”与“%s”", i+1, x.Name, y.Name)
		}
		if x.Funding != y.Funding || x.Goal != y.Goal || len(x.Indicators) != len(y.Indicators) {
			return fmt.Sprintf("项目“%s”的金额、绩效目标或指标个数不同", x.Name)
		}
		for j := range x.Indicators {
			if *x.Indicators[j] != *y.Indicators[j] {
				return fmt.Sprintf("项目“%s”第 %d 个指标“%s”不同", x.Name, j+1, y.Indicators[j].Name)
			}
		}
	}
	if len(pb) > len(pa) {
		return fmt.Sprintf("项目“%s”只在一张工作表中", pb[len(pa)].Name)
	}
	return "单位分组不同"
}

// addExtras copies what only the long layout carries onto the published
// one; the two have the same projects and indicators in the same order.
func addExtras(dst, src *jixiao.Table) {
	ps, qs := dst.Projects(), src.Projects()
	for i, p := range ps {
		q := qs[i]
		p.AnnualGoal, p.TransferPayment = q.AnnualGoal, q.TransferPayment
		for j, in := range p.Indicators {
			from := q.Indicators[j]
			in.Seq, in.Unit, in.Direction, in.Weight = from.Seq, from.Unit, from.Direction, from.Weight
		}
	}
}
