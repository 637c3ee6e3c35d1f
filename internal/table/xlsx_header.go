package table

import (
	"sort"
	"strings"

	"golang.org/x/text/width"

	"jixiao"
)

// column is what a worksheet column holds, known by its header.
type column int

const (
	colNone       column = iota
	colName              // 项目名称
	colUnit              // 资金使用单位
	colOrg               // 单位名称: the table's org, on every row of a long sheet
	colTotal             // 总计
	colFiscal            // 财政拨款
	colSpecial           // 财政专户拨款
	colOther             // 其他资金
	colGoal              // 绩效目标 (实施周期)
	colAnnualGoal        // 年度绩效目标
	colIndicators        // 绩效指标: every indicator of a project in one cell (the published layout)
	colSeq               // 序号 of the indicator
	colL1Code            // 一级指标代码
	colL1                // 一级指标
	colL2Code            // 二级指标代码
	colL2                // 二级指标
	colL3                // 三级指标 (指标名称)
	colMeasure           // 计量单位
	colDirection         // 指标方向
	colWeight            // 权重
	colPeriod            // 实施周期指标值
	colAnnual            // 年度指标值
	colYear              // 预算年度
	colMoneyUnit         // 金额单位
	colTransfer          // 转移支付
	colIgnored           // a column we write for researchers and do not read back (annual_kind …)
)

// columnNames maps header texts, folded by headerKey, to columns. Header
// wording varies between provinces and years; these are the variants seen
// in published tables and templates.
var columnNames = map[string]column{}

func init() {
	for col, names := range map[column][]string{
		colName:       {"项目名称", "项目", "项目名", "项目全称"},
		colUnit:       {"资金使用单位", "使用单位", "单位", "预算单位", "资金使用单位名称", "实施单位"},
		colOrg:        {"单位名称", "部门名称", "编制单位", "填报单位", "预算部门"},
		colTotal:      {"总计", "合计", "资金总额", "总额", "金额", "项目金额", "预算金额", "资金合计", "年度资金总额", "项目资金总额"},
		colFiscal:     {"财政拨款", "财政拨款资金", "财政资金", "一般公共预算"},
		colSpecial:    {"财政专户拨款", "财政专户", "财政专户资金", "财政专户管理资金"},
		colOther:      {"其他资金", "其他", "其他来源资金", "其他来源"},
		colGoal:       {"绩效目标", "实施周期绩效目标", "总体目标", "项目绩效目标", "中长期绩效目标", "实施周期目标", "中长期目标"},
		colAnnualGoal: {"年度绩效目标", "年度目标"},
		colIndicators: {"绩效指标"},
		colSeq:        {"序号", "指标序号"},
		colL1Code:     {"一级指标代码"},
		colL1:         {"一级指标", "一级指标名称"},
		colL2Code:     {"二级指标代码"},
		colL2:         {"二级指标", "二级指标名称"},
		colL3:         {"三级指标", "指标名称", "绩效指标名称", "三级指标名称"},
		colMeasure:    {"计量单位", "指标单位", "度量单位"},
		colDirection:  {"指标方向", "方向", "指标性质"},
		colWeight:     {"权重", "分值", "指标分值", "指标权重"},
		colPeriod:     {"实施周期指标值", "中长期指标值", "实施周期目标值", "中长期目标值", "实施周期指标"},
		colAnnual:     {"年度指标值", "年度目标值", "指标值", "年度指标"},
		colYear:       {"预算年度", "年度"},
		colMoneyUnit:  {"金额单位"},
		colTransfer:   {"转移支付", "是否转移支付", "转移支付项目"},
		colIgnored: {"annual_kind", "annual_op", "annual_value", "annual_max", "annual_unit", "annual_qualifier", "annual_date", "annual_bool",
			"period_kind", "period_op", "period_value", "period_max", "period_unit", "period_qualifier", "period_date", "period_bool"},
	} {
		for _, n := range names {
			columnNames[headerKey(n)] = col
		}
	}
}

// headerKey folds a header text for matching: full-width letters and
// punctuation to half-width, no white space (headers are often broken over
// lines), no required-field stars, lower case.
func headerKey(s string) string {
	s = width.Fold.String(s)
	s = strings.Map(func(r rune) rune {
		if isSpaceRune(r) || r == '*' || r == '＊' {
			return -1
		}
		return r
	}, s)
	return strings.ToLower(s)
}

func isSpaceRune(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u3000', '\u2002', '\u2003', '\u2009', '\u200b', '\ufeff':
		return true
	}
	return false
}

// lookupColumn finds the column a header names, trying the text as is and
// then without a trailing parenthesis ("项目名称（资金使用单位）",
// "总计（万元）", "三级指标（指标名称）"). A money unit in the parenthesis
// is returned too, also for a header it does not know ("资金（万元）").
func lookupColumn(header string) (column, jixiao.MoneyUnit) {
	k := headerKey(header)
	if k == "" {
		return colNone, ""
	}
	if c, ok := columnNames[k]; ok {
		return c, ""
	}
	i := strings.Index(k, "(")
	if i <= 0 {
		return colNone, ""
	}
	inner := strings.TrimSuffix(k[i+1:], ")")
	var u jixiao.MoneyUnit
	if mu := jixiao.MoneyUnit(strings.TrimPrefix(strings.TrimPrefix(inner, "单位:"), "单位")); mu != "" {
		if _, ok := mu.FenPer(); ok {
			u = mu
		}
	}
	if c, ok := columnNames[k[:i]]; ok {
		return c, u
	}
	return colNone, u
}

// header is a recognised header: which worksheet column holds what.
type header struct {
	row       int            // worksheet row of the (last) header row
	cols      map[column]int // column kind → 1-based worksheet column
	names     map[int]string // worksheet column → header text, for messages
	moneyUnit jixiao.MoneyUnit
	unknown   []string // headers we do not know, "H3 备注"
	dups      []string // a second column of the same kind, ignored
	long      bool     // one row per indicator; else the published layout
}

func (h *header) has(c column) bool { _, ok := h.cols[c]; return ok }

// groupLabels head a group of columns in a two-row header ("资金（万元）"
// over 总计, 财政拨款 …).
var groupLabels = []string{"资金", "资金来源", "金额", "项目资金", "资金情况", "预算资金", "年度资金", "绩效指标", "指标值"}

func newHeader(row int) *header {
	return &header{row: row, cols: map[column]int{}, names: map[int]string{}}
}

// recognise reads a header from one row, or from two when the second names
// columns under group labels of the first ("资金（万元）" over 总计,
// 财政拨款 …; "绩效指标" over 一级指标, 二级指标, 三级指标). It returns nil
// when the row names no 项目名称 column.
func recognise(first, second *xrow) (h *header, usedSecond bool) {
	h = newHeader(first.n)
	for _, c := range first.cells {
		h.add(c, first.n)
	}
	if !h.has(colName) {
		return nil, false
	}
	if second == nil || second.n != first.n+1 {
		return h, false
	}
	sub := newHeader(second.n)
	for _, c := range second.cells {
		sub.add(c, second.n)
	}
	if len(sub.cols) == 0 || len(sub.unknown) > len(sub.cols) {
		return h, false
	}
	for _, col := range sub.cols {
		if above := headerKey(first.cell(col).text); above != "" && !isGroupLabel(above) {
			return h, false // under a real header: the second row is data
		}
	}
	// The second row's names replace the group labels above them; the
	// first row's other headers stand.
	merged := newHeader(second.n)
	covered := map[int]bool{}
	for kind, col := range sub.cols {
		merged.cols[kind], merged.names[col], covered[col] = col, sub.names[col], true
	}
	for kind, col := range h.cols {
		if covered[col] {
			continue
		}
		if _, dup := merged.cols[kind]; dup {
			merged.dups = append(merged.dups, cellRef(col, first.n)+" "+h.names[col])
			continue
		}
		merged.cols[kind], merged.names[col] = col, h.names[col]
	}
	for _, u := range h.unknown {
		if !isGroupLabel(headerKey(strings.SplitN(u, " ", 2)[1])) {
			merged.unknown = append(merged.unknown, u)
		}
	}
	merged.unknown = append(merged.unknown, sub.unknown...)
	merged.dups = append(append(merged.dups, h.dups...), sub.dups...)
	merged.moneyUnit = h.moneyUnit
	if merged.moneyUnit == "" {
		merged.moneyUnit = sub.moneyUnit
	}
	return merged, true
}

// isGroupLabel reports a folded header text that heads a group of columns.
func isGroupLabel(k string) bool {
	for _, g := range groupLabels {
		if k == headerKey(g) || strings.HasPrefix(k, headerKey(g)+"(") {
			return true
		}
	}
	return false
}

func (h *header) add(c xcell, row int) {
	text := strings.TrimSpace(c.text)
	if text == "" {
		return
	}
	kind, u := lookupColumn(text)
	if u != "" && h.moneyUnit == "" {
		h.moneyUnit = u
	}
	switch {
	case kind == colNone:
		h.unknown = append(h.unknown, cellRef(c.col, row)+" "+text)
	case h.has(kind):
		h.dups = append(h.dups, cellRef(c.col, row)+" "+text)
	default:
		h.cols[kind] = c.col
		h.names[c.col] = text
	}
}

// layout decides between the published layout and one row per indicator,
// or says what is missing.
func (h *header) layout() (missing string) {
	// "单位名称" alone on a long sheet names each row's unit.
	if !h.has(colUnit) && h.has(colOrg) {
		h.cols[colUnit] = h.cols[colOrg]
		delete(h.cols, colOrg)
	}
	switch {
	case h.has(colL3) || h.has(colAnnual) || h.has(colPeriod) || h.has(colL1):
		h.long = true
		var miss []string
		for _, need := range []struct {
			c    column
			name string
		}{{colL3, "三级指标"}, {colAnnual, "年度指标值"}} {
			if !h.has(need.c) {
				miss = append(miss, need.name)
			}
		}
		if h.has(colIndicators) {
			return "每行一个指标的表头不应同时有“绩效指标”列（发布版式的列）"
		}
		if len(miss) > 0 {
			return "每行一个指标的表头（还缺 " + strings.Join(miss, "、") + "）"
		}
	case h.has(colIndicators):
		if !h.has(colTotal) {
			return "发布版式的表头（还缺 总计）"
		}
	default:
		return "表头中的“绩效指标”列（发布版式）或“三级指标”“年度指标值”列（每行一个指标）"
	}
	return ""
}

// expectedHeaders is what a header error says is expected.
const expectedHeaders = "表头行：发布版式“项目名称（资金使用单位）、总计、财政拨款、财政专户拨款、其他资金、绩效目标、绩效指标”，" +
	"或每行一个指标“资金使用单位、项目名称、总计、财政拨款、财政专户拨款、其他资金、绩效目标、一级指标、二级指标、三级指标、实施周期指标值、年度指标值”"

// describeRow lists a row's texts with their cells, for a message about
// headers that were not recognised.
func describeRow(r *xrow) string {
	var parts []string
	cells := append([]xcell(nil), r.cells...)
	sort.Slice(cells, func(i, j int) bool { return cells[i].col < cells[j].col })
	for _, c := range cells {
		if t := strings.TrimSpace(c.text); t != "" {
			parts = append(parts, cellRef(c.col, r.n)+" "+shorten(t, 20))
		}
		if len(parts) == 20 {
			parts = append(parts, "…")
			break
		}
	}
	if len(parts) == 0 {
		return "（空行）"
	}
	return strings.Join(parts, "、")
}
