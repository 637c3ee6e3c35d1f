package table

import (
	"fmt"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/internal/value"
)

// longBuilder assembles a table from the long layout: one row per
// indicator. A project's rows follow each other; its name, money and goal
// are on its first row and either repeated, merged over its rows or left
// blank below (all three read the same: Excel keeps a merged value in the
// top cell only). 一级指标 and 二级指标 left blank under a filled one
// repeat it too. Rows may also carry the table's 单位名称, 预算年度 and
// 金额单位, a 合计 row, and 资金使用单位 subtotal rows (a unit, money, no
// project).
type longBuilder struct {
	res       *Result
	units     map[string]int // unit name → index in Table.Units
	printed   map[int]bool   // units whose subtotal row was read
	cur       *jixiao.Project
	curUnit   string
	skipName  string // the project whose first row could not be read: its other rows are left out too
	skipping  bool
	totalSeen bool
	lastL1    jixiao.Category
	lastL2    jixiao.Category
	hand      map[*jixiao.Indicator]jixiao.Direction
	org       string // from a 单位名称 column
	orgRow    int
}

func newLongBuilder(res *Result) *longBuilder {
	return &longBuilder{res: res, units: map[string]int{}, printed: map[int]bool{}, hand: map[*jixiao.Indicator]jixiao.Direction{}}
}

func (lb *longBuilder) row(sr *sheetReader, r *xrow) {
	if r.empty() {
		return
	}
	name := sr.text(r, colName)
	if isHeaderAgain(name) {
		return
	}
	t := lb.res.Table
	if !sr.checkCells(r, colName, colUnit, colOrg, colTotal, colFiscal, colSpecial, colOther, colGoal, colAnnualGoal, colSeq,
		colL1Code, colL1, colL2Code, colL2, colL3, colMeasure, colDirection, colWeight, colPeriod, colAnnual, colYear, colMoneyUnit, colTransfer) {
		lb.skipRow(sr, name)
		return
	}
	if !lb.tableColumns(sr, r) {
		lb.skipRow(sr, name)
		return
	}
	unit := sr.text(r, colUnit)
	if unit == "" {
		unit = lb.curUnit
	}
	hasIndicator := false
	for _, k := range []column{colL1, colL1Code, colL2, colL2Code, colL3, colPeriod, colAnnual, colMeasure, colWeight} {
		if sr.text(r, k) != "" {
			hasIndicator = true
		}
	}
	if lb.skipping && (name == "" || name == lb.skipName) {
		sr.skipped++
		return // the rest of a project whose first row was bad
	}
	lb.skipping = false
	funding, given, ok := sr.money(r, t.MoneyUnit)
	if !ok {
		lb.skipRow(sr, name)
		return
	}
	anyMoney := given[0] || given[1] || given[2] || given[3]
	switch {
	case (name == "合计" || name == "总计") && !hasIndicator:
		if lb.totalSeen {
			sr.fail(sr.hdr.cols[colName], r.n, "项目名称", "只有一行“合计”", name)
			return
		}
		lb.totalSeen = true
		t.Total = funding
		return
	case name == "" && !hasIndicator && sr.text(r, colUnit) != "" && anyMoney && sr.text(r, colGoal) == "":
		i := lb.unitIndex(unit, r.n)
		t.Units[i].Funding = funding
		lb.printed[i] = true
		lb.curUnit, lb.cur = unit, nil
		return
	case name == "" && lb.cur == nil:
		sr.fail(sr.hdr.cols[colName], r.n, "项目名称", "非空的项目名称（第一行指标之前要写项目名称）", describeRow(r))
		sr.skipped++
		return
	}
	seq := 0
	if s := sr.text(r, colSeq); s != "" {
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(s, "、"), "."))
		if err != nil || n < 1 {
			sr.fail(sr.hdr.cols[colSeq], r.n, "序号", "正整数", s)
			sr.skipped++
			return
		}
		seq = n
	}
	newProject := name != "" && (lb.cur == nil || name != lb.cur.Name || unit != lb.curUnit || seq == 1 && len(lb.cur.Indicators) > 0)
	if newProject {
		p := &jixiao.Project{Name: name, Funding: funding, Goal: sr.text(r, colGoal), AnnualGoal: sr.text(r, colAnnualGoal), Line: r.n}
		if s := sr.text(r, colTransfer); s != "" {
			b, ok := yesNo(s)
			if !ok {
				sr.fail(sr.hdr.cols[colTransfer], r.n, "转移支付", "“是”或“否”", s)
				lb.skipRow(sr, name)
				return
			}
			p.TransferPayment = b
		}
		i := lb.unitIndex(unit, r.n)
		p.Org = t.Units[i].Name
		t.Units[i].Projects = append(t.Units[i].Projects, p)
		lb.cur, lb.curUnit = p, unit
		lb.lastL1, lb.lastL2 = jixiao.Category{}, jixiao.Category{}
	} else if !lb.sameProject(sr, r, funding, given) {
		sr.skipped++
		return
	}
	if !hasIndicator {
		if !newProject {
			sr.fail(sr.hdr.cols[colL3], r.n, "三级指标", "指标名称（本行既不是新项目，也没有指标）", describeRow(r))
			sr.skipped++
		}
		return
	}
	lb.indicator(sr, r, seq)
}

// skipRow leaves a bad row out; when it would have started a project, the
// project's other rows go with it.
func (lb *longBuilder) skipRow(sr *sheetReader, name string) {
	sr.skipped++
	if name != "" && (lb.cur == nil || name != lb.cur.Name) {
		lb.skipping, lb.skipName, lb.cur = true, name, nil
	}
}

// sameProject checks that a project's later row repeats, or leaves blank,
// its money and goal.
func (lb *longBuilder) sameProject(sr *sheetReader, r *xrow, f jixiao.Funding, given [4]bool) bool {
	have := [4]jixiao.Fen{lb.cur.Funding.Total, lb.cur.Funding.Fiscal, lb.cur.Funding.SpecialAccount, lb.cur.Funding.Other}
	got := [4]jixiao.Fen{f.Total, f.Fiscal, f.SpecialAccount, f.Other}
	for i, k := range []column{colTotal, colFiscal, colSpecial, colOther} {
		if given[i] && got[i] != have[i] {
			sr.fail(sr.hdr.cols[k], r.n, moneyColumns[i], fmt.Sprintf("与项目“%s”第一行相同的金额 %s（同一项目的各行金额应一致，或合并单元格）", lb.cur.Name, have[i].Format(lb.res.Table.MoneyUnit)), r.cell(sr.hdr.cols[k]).text)
			return false
		}
	}
	for _, g := range []struct {
		k    column
		have string
	}{{colGoal, lb.cur.Goal}, {colAnnualGoal, lb.cur.AnnualGoal}} {
		if s := sr.text(r, g.k); s != "" && s != g.have {
			sr.fail(sr.hdr.cols[g.k], r.n, sr.hdr.names[sr.hdr.cols[g.k]], fmt.Sprintf("与项目“%s”第一行相同的内容（或留空、合并单元格）", lb.cur.Name), s)
			return false
		}
	}
	return true
}

// indicator reads the indicator part of a row into the current project.
func (lb *longBuilder) indicator(sr *sheetReader, r *xrow, seq int) {
	p := lb.cur
	in := &jixiao.Indicator{Seq: seq, Name: sr.text(r, colL3), Unit: sr.text(r, colMeasure),
		Period: jixiao.Target{Raw: sr.rawText(r, colPeriod)}, Annual: jixiao.Target{Raw: sr.rawText(r, colAnnual)}}
	if in.Seq == 0 {
		in.Seq = len(p.Indicators) + 1
	}
	var ok bool
	if in.Level1, ok = lb.category(sr, r, colL1Code, colL1, "一级指标", lb.lastL1, len(p.Indicators) > 0); !ok {
		sr.skipped++
		return
	}
	if in.Level2, ok = lb.category(sr, r, colL2Code, colL2, "二级指标", lb.lastL2, len(p.Indicators) > 0); !ok {
		sr.skipped++
		return
	}
	if in.Name == "" {
		sr.fail(sr.hdr.cols[colL3], r.n, "三级指标", "指标名称", describeRow(r))
		sr.skipped++
		return
	}
	if s := sr.text(r, colWeight); s != "" {
		if c := r.cell(sr.hdr.cols[colWeight]); c.num != "" {
			s = c.num
		}
		w, err := jixiao.ParseDecimal(s)
		if err != nil {
			sr.fail(sr.hdr.cols[colWeight], r.n, "权重", "数字", s)
			sr.skipped++
			return
		}
		in.Weight = w
	}
	if s := sr.text(r, colDirection); s != "" {
		d, ok := parseDirection(s)
		if !ok {
			sr.fail(sr.hdr.cols[colDirection], r.n, "指标方向", "“正向”或“反向”", s)
			sr.skipped++
			return
		}
		lb.hand[in] = d
	}
	lb.lastL1, lb.lastL2 = in.Level1, in.Level2
	p.Indicators = append(p.Indicators, in)
}

// category reads a level-1 or level-2 category from its code and name
// columns: "1-产出指标" in the name column, or the code in its own column;
// a blank under a filled one in the same project repeats it; a code alone
// takes the catalogue's name.
func (lb *longBuilder) category(sr *sheetReader, r *xrow, codeCol, nameCol column, field string, last jixiao.Category, canRepeat bool) (jixiao.Category, bool) {
	code, name := sr.text(r, codeCol), sr.text(r, nameCol)
	if code == "" && name == "" {
		if canRepeat {
			return last, true
		}
		return jixiao.Category{}, true // an empty category: the review reports it
	}
	var c jixiao.Category
	if name != "" {
		var cerr *cellError
		c, cerr = parseCategory(name, 0, field)
		if cerr != nil {
			sr.fail(sr.hdr.cols[nameCol], r.n, field, cerr.expected, cerr.got)
			return c, false
		}
	}
	if code != "" {
		if c.Code != "" && c.Code != code {
			sr.fail(sr.hdr.cols[codeCol], r.n, field+"代码", "与“"+name+"”一致的代码", code)
			return c, false
		}
		c.Code = code
	}
	if c.Name == "" {
		if field == "一级指标" {
			c.Name = jixiao.Level1Name(c.Code)
		} else if e, ok := jixiao.LookupLevel2(c.Code); ok {
			c.Name = e.Level2.Name
		}
	}
	return c, true
}

// tableColumns takes the table-level columns a long sheet may repeat on
// every row: 单位名称, 预算年度 and 金额单位. They must agree with each
// other and with the lines above the header.
func (lb *longBuilder) tableColumns(sr *sheetReader, r *xrow) bool {
	t := lb.res.Table
	if s := sr.text(r, colOrg); s != "" {
		if lb.org != "" && s != lb.org {
			sr.fail(sr.hdr.cols[colOrg], r.n, "单位名称", fmt.Sprintf("与第 %d 行相同的单位名称“%s”（一张表一个单位）", lb.orgRow, lb.org), s)
			return false
		}
		lb.org, lb.orgRow = s, r.n
	}
	if s := sr.text(r, colYear); s != "" {
		if c := r.cell(sr.hdr.cols[colYear]); c.num != "" {
			s = c.num
		}
		y, err := strconv.Atoi(strings.TrimSuffix(s, "年"))
		switch {
		case err != nil:
			sr.fail(sr.hdr.cols[colYear], r.n, "预算年度", "四位数年份", s)
			return false
		case t.FiscalYear != 0 && y != t.FiscalYear:
			sr.fail(sr.hdr.cols[colYear], r.n, "预算年度", fmt.Sprintf("与表中其他处相同的年度 %d（一张表一个年度）", t.FiscalYear), s)
			return false
		}
		if t.FiscalYear == 0 {
			t.FiscalYear, t.FiscalYearSource = y, "given: 预算年度 column in the sheet"
		}
	}
	if s := sr.text(r, colMoneyUnit); s != "" {
		u := jixiao.MoneyUnit(s)
		switch _, known := u.FenPer(); {
		case !known:
			sr.fail(sr.hdr.cols[colMoneyUnit], r.n, "金额单位", "“元”“万元”或“亿元”", s)
			return false
		case t.MoneyUnit != "" && u != t.MoneyUnit:
			sr.fail(sr.hdr.cols[colMoneyUnit], r.n, "金额单位", "与表中其他处相同的金额单位“"+string(t.MoneyUnit)+"”", s)
			return false
		}
		t.MoneyUnit = u
	}
	if t.MoneyUnit == "" {
		t.MoneyUnit = jixiao.WanYuan
		lb.res.Notes = append(lb.res.Notes, "没有写明金额单位：金额按万元读取")
	}
	return true
}

func (lb *longBuilder) unitIndex(name string, line int) int {
	t := lb.res.Table
	if i, ok := lb.units[name]; ok {
		return i
	}
	t.Units = append(t.Units, jixiao.Unit{Name: name, Line: line})
	lb.units[name] = len(t.Units) - 1
	return len(t.Units) - 1
}

// finish settles the org, the subtotals that were not printed and the
// total, like the published layout's reader; it returns what is missing.
func (lb *longBuilder) finish() *missingPart {
	t := lb.res.Table
	if len(t.Projects()) == 0 {
		return &missingPart{expected: "至少一个项目行", got: "工作表结束"}
	}
	if t.Org == "" {
		t.Org = lb.org
	}
	if t.Org == "" {
		t.Org = t.Units[0].Name
		if t.Org == "" {
			return &missingPart{expected: "“单位名称：…”一行、单位名称列或资金使用单位列", got: "都没有", atTop: true}
		}
		lb.res.Notes = append(lb.res.Notes, "没有“单位名称：…”：以第一个资金使用单位“"+t.Org+"”为单位名称")
	}
	var sum jixiao.Funding
	for i := range t.Units {
		u := &t.Units[i]
		if u.Name == "" {
			u.Name = strings.TrimSuffix(t.Org, "（本级）")
			for _, p := range u.Projects {
				p.Org = u.Name
			}
		}
		if !lb.printed[i] {
			for _, p := range u.Projects {
				u.Funding = u.Funding.Add(p.Funding)
			}
		}
		sum = sum.Add(u.Funding)
	}
	if !lb.totalSeen {
		t.Total = sum
	}
	return nil
}

// settleDirections keeps a direction from the sheet only where it differs
// from what the targets say: only that one was set by hand (as in JSON).
func (lb *longBuilder) settleDirections() {
	for in, d := range lb.hand {
		if d != value.Direction(in) {
			in.Direction = d
		}
	}
}

func parseDirection(s string) (jixiao.Direction, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "正向", "正向指标", "positive", "+":
		return jixiao.DirectionPositive, true
	case "反向", "反向指标", "negative", "-":
		return jixiao.DirectionNegative, true
	}
	return "", false
}

func directionText(d jixiao.Direction) string {
	switch d {
	case jixiao.DirectionPositive:
		return "正向"
	case jixiao.DirectionNegative:
		return "反向"
	}
	return ""
}

func yesNo(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "是", "true", "yes", "y", "1", "√":
		return true, true
	case "否", "false", "no", "n", "0":
		return false, true
	}
	return false, false
}
