package jixiao

import "time"

// Table is one 绩效目标表 as published or submitted: the header lines, the
// 合计 row, one subtotal row per 资金使用单位 and the projects under each.
type Table struct {
	ID               int64
	Title            string    // 项目支出绩效目标表（含转移支付项目）
	Org              string    // 单位名称 as printed, e.g. "…局（本级）"
	FiscalYear       int       // 预算年度; never printed in the seed, so given or inferred
	FiscalYearSource string    // "given: --year 2024" or "inferred: …" — says how we know
	MoneyUnit        MoneyUnit // 单位：万元
	Total            Funding   // the 合计 row as printed (not recomputed)
	Units            []Unit    // 资金使用单位 rows in table order, each with its projects
	Source           string    // file name it was read from, if any
	Hash             string    // content hash of the data (not of the file bytes)
	Version          int       // 1, 2, … per (Org, FiscalYear)
	ImportedAt       time.Time
	Review           *Review // nil when not reviewed

	// Workflow (DESIGN §5); not part of the content hash.
	Status    Status // "" is read as published: what an import of a published file is
	CreatedBy string // who made this version
	Note      string // why: the adjustment reason, or what an edit changed
	Grade     string // the reviewer's grade once approved: 优/良/中/差
	Comment   string // the reviewer's last comment
}

// Unit is a 资金使用单位 row: its printed subtotal and its projects.
type Unit struct {
	Name     string
	Funding  Funding // subtotal as printed
	Projects []*Project
	Line     int // line in the source file, 0 when unknown
}

// Funding is the four money columns of a row, in fen.
type Funding struct {
	Total          Fen // 总计
	Fiscal         Fen // 财政拨款
	SpecialAccount Fen // 财政专户拨款
	Other          Fen // 其他资金
}

// Sum returns 财政拨款 + 财政专户拨款 + 其他资金, which should equal Total.
func (f Funding) Sum() Fen { return f.Fiscal + f.SpecialAccount + f.Other }

// Add returns the column-wise sum of f and g.
func (f Funding) Add(g Funding) Funding {
	return Funding{f.Total + g.Total, f.Fiscal + g.Fiscal, f.SpecialAccount + g.SpecialAccount, f.Other + g.Other}
}

// Project is one 项目 row.
type Project struct {
	ID              int64
	Name            string
	Org             string // 资金使用单位
	Funding         Funding
	Goal            string // 绩效目标 (实施周期 goal; the only one the published layout prints)
	AnnualGoal      string // 年度绩效目标, when a source gives it separately
	TransferPayment bool   // 转移支付项目
	Indicators      []*Indicator
	Line            int // line in the source file, 0 when unknown
}

// Projects returns every project of t in table order.
func (t *Table) Projects() []*Project {
	var ps []*Project
	for _, u := range t.Units {
		ps = append(ps, u.Projects...)
	}
	return ps
}

// IndicatorCount returns how many indicators t has.
func (t *Table) IndicatorCount() int {
	n := 0
	for _, u := range t.Units {
		for _, p := range u.Projects {
			n += len(p.Indicators)
		}
	}
	return n
}

// Indicator is one 绩效指标 (三级指标) with its place in the catalogue.
type Indicator struct {
	Seq       int       // N in "N、…", 1-based within the project
	Level1    Category  // 一级指标
	Level2    Category  // 二级指标
	Name      string    // 三级指标
	Unit      string    // 计量单位, when given separately
	Direction Direction // set by hand only; "" means derived from the targets (value.Direction)
	Period    Target    // 实施周期指标值
	Annual    Target    // 年度指标值
	Weight    Decimal   // 权重 (分值), optional
}

// Category is a level-1 or level-2 indicator category: code and name as
// printed ("21", "经济效益").
type Category struct {
	Code string
	Name string
}

// Direction says whether more is better (正向) or less is better (反向).
type Direction string

const (
	DirectionUnknown  Direction = ""
	DirectionPositive Direction = "positive" // 正向
	DirectionNegative Direction = "negative" // 反向
)

// Review is the automatic review (审核) of one table version, stored with it
// and recomputed whenever the table changes.
type Review struct {
	Findings []Finding
	Score    float64 // quality score 0–100, one decimal
	Grade    string  // suggested grade 优 / 良 / 中 / 差
}
