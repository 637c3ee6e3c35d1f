package review

import (
	"fmt"

	"jixiao"
)

// Arithmetic: the money columns of a published table must add up. These
// are certain, so they are errors.

var arithmeticRules = []ruleDef{
	{Rule: Rule{
		ID: "ARITH-ROW-TOTAL", Family: jixiao.FamilyArithmetic, Severity: jixiao.SeverityError, Principle: PrinciplePublication,
		Title:     "总计不等于各资金来源之和",
		Checks:    "每一行（合计、单位小计、项目）的总计 = 财政拨款 + 财政专户拨款 + 其他资金。",
		Rationale: "总计是公开口径的预算额，与分项不符说明抄录或计算出错，公众无法判断哪个数对。",
	}, table: checkRowTotals},
	{Rule: Rule{
		ID: "ARITH-UNIT-SUBTOTAL", Family: jixiao.FamilyArithmetic, Severity: jixiao.SeverityError, Principle: PrinciplePublication,
		Title:     "单位小计不等于所属项目之和",
		Checks:    "每个资金使用单位行的各列 = 其下各项目该列之和（未印小计的单位不查）。",
		Rationale: "小计与明细不符，说明漏列、重列项目或金额抄错。",
	}, table: checkUnitSubtotals},
	{Rule: Rule{
		ID: "ARITH-GRAND-TOTAL", Family: jixiao.FamilyArithmetic, Severity: jixiao.SeverityError, Principle: PrinciplePublication,
		Title:     "合计不等于各行之和",
		Checks:    "合计行各列 = 各单位小计之和（单位未印小计时用其项目之和）。",
		Rationale: "合计是全表的预算规模，与明细不符时公开数据自相矛盾。",
	}, table: checkGrandTotal},
	{Rule: Rule{
		ID: "ARITH-NEGATIVE", Family: jixiao.FamilyArithmetic, Severity: jixiao.SeverityError, Principle: PrinciplePublication,
		Title:     "金额为负数",
		Checks:    "任何一行任何一列的金额不得为负。",
		Rationale: "预算安排不会是负数；负数多为抄录错误或把调减数填进了目标表。",
	}, table: checkNegative},
}

// column names for messages and Finding.Field.
var moneyColumns = []struct {
	field, label string
	get          func(jixiao.Funding) jixiao.Fen
}{
	{"funding.total", "总计", func(f jixiao.Funding) jixiao.Fen { return f.Total }},
	{"funding.fiscal", "财政拨款", func(f jixiao.Funding) jixiao.Fen { return f.Fiscal }},
	{"funding.special_account", "财政专户拨款", func(f jixiao.Funding) jixiao.Fen { return f.SpecialAccount }},
	{"funding.other", "其他资金", func(f jixiao.Funding) jixiao.Fen { return f.Other }},
}

func (c *checker) money(f jixiao.Fen) string {
	if _, ok := c.t.MoneyUnit.FenPer(); ok {
		return f.FormatGrouped(c.t.MoneyUnit) + string(c.t.MoneyUnit)
	}
	return f.FormatGrouped(jixiao.Yuan) + "元"
}

// row is one printed money row: 合计, a unit subtotal or a project.
type row struct {
	pi      int    // project index, -1 for table-level rows
	project string // project name for project rows
	unit    string // unit name for unit rows
	field   string // prefix for Finding.Field: "" for projects, "total." or "unit."
	f       jixiao.Funding
}

// label names the row in a message; built only when a rule reports.
func (r row) label() string {
	switch {
	case r.project != "":
		return "项目「" + trim(r.project) + "」"
	case r.field == "unit.":
		return "单位「" + r.unit + "」小计行"
	}
	return "合计行"
}

func (c *checker) rows() []row {
	if c.moneyRows != nil {
		return c.moneyRows
	}
	rs := make([]row, 0, len(c.projects)+len(c.t.Units)+1)
	if c.t.Total != (jixiao.Funding{}) {
		rs = append(rs, row{pi: -1, field: "total.", f: c.t.Total})
	}
	pi := 0
	for _, u := range c.t.Units {
		if u.Funding != (jixiao.Funding{}) {
			rs = append(rs, row{pi: -1, unit: u.Name, field: "unit.", f: u.Funding})
		}
		for _, p := range u.Projects {
			rs = append(rs, row{pi: pi, project: p.Name, f: p.Funding})
			pi++
		}
	}
	c.moneyRows = rs
	return rs
}

func (c *checker) reportRow(r row, field, msg, sugg string) {
	c.curPI = r.pi
	c.report(r.project, 0, r.field+field, 0, msg, sugg)
	c.curPI = -1
}

func checkRowTotals(c *checker) {
	for _, r := range c.rows() {
		sum := r.f.Sum()
		if sum == r.f.Total {
			continue
		}
		// A table that prints only 总计 (no breakdown anywhere) is a layout,
		// not an error; a bare 总计 in a table that breaks down other rows is.
		if sum == 0 && !c.anyBreakdown {
			continue
		}
		c.reportRow(r, "funding.total",
			fmt.Sprintf("%s总计为 %s，但财政拨款 %s + 财政专户拨款 %s + 其他资金 %s = %s，相差 %s。",
				r.label(), c.money(r.f.Total), c.money(r.f.Fiscal), c.money(r.f.SpecialAccount), c.money(r.f.Other), c.money(sum), c.money(r.f.Total-sum)),
			"核对原始预算数据，更正总计或分项金额，使总计等于三项资金来源之和。")
	}
}

func checkUnitSubtotals(c *checker) {
	for _, u := range c.t.Units {
		if u.Funding == (jixiao.Funding{}) || len(u.Projects) == 0 {
			continue // no subtotal printed
		}
		var sum jixiao.Funding
		for _, p := range u.Projects {
			sum = sum.Add(p.Funding)
		}
		r := row{pi: -1, unit: u.Name, field: "unit."}
		for _, col := range moneyColumns {
			got, want := col.get(u.Funding), col.get(sum)
			if got == want {
				continue
			}
			c.reportRow(r, col.field,
				fmt.Sprintf("%s的%s为 %s，但其下 %d 个项目的%s合计 %s，相差 %s。",
					r.label(), col.label, c.money(got), len(u.Projects), col.label, c.money(want), c.money(got-want)),
				"核对该单位的项目是否漏列或重列，更正小计或项目金额。")
		}
	}
}

func checkGrandTotal(c *checker) {
	if c.t.Total == (jixiao.Funding{}) {
		return // no 合计 row printed
	}
	var sum jixiao.Funding
	for _, u := range c.t.Units {
		if u.Funding != (jixiao.Funding{}) {
			sum = sum.Add(u.Funding)
			continue
		}
		for _, p := range u.Projects {
			sum = sum.Add(p.Funding)
		}
	}
	for _, col := range moneyColumns {
		got, want := col.get(c.t.Total), col.get(sum)
		if got == want {
			continue
		}
		c.reportRow(row{pi: -1, field: "total."}, col.field,
			fmt.Sprintf("合计行的%s为 %s，但各单位（或项目）%s之和为 %s，相差 %s。",
				col.label, c.money(got), col.label, c.money(want), c.money(got-want)),
			"核对是否漏列单位或项目，更正合计行。")
	}
}

func checkNegative(c *checker) {
	for _, r := range c.rows() {
		for _, col := range moneyColumns {
			if v := col.get(r.f); v < 0 {
				c.reportRow(r, col.field,
					fmt.Sprintf("%s的%s为负数 %s。", r.label(), col.label, c.money(v)),
					"预算安排不应为负数：更正金额；如为调减，应在调整表中说明，而不是填入绩效目标表。")
			}
		}
	}
}
