package scoresheet

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"

	"jixiao"
	"jixiao/internal/score"
)

// field is a column the reader knows.
type field int

const (
	fNone field = iota
	fProject
	fLevel1
	fLevel2
	fName
	fUnit
	fDirection
	fTarget
	fActual
	fWeight
	fScore
	fAttainment
	fShare
	fDeviation
	fBudget
	fExecuted
	fBudgetScore
	fBudgetWeight
	fTotal
	fGrade
	nFields
)

var fieldNames = [nFields]string{
	fProject: "项目名称", fLevel1: "一级指标", fLevel2: "二级指标", fName: "三级指标", fUnit: "计量单位", fDirection: "指标方向",
	fTarget: "年度指标值", fActual: "实际完成值", fWeight: "分值", fScore: "得分", fAttainment: "达成程度", fShare: "得分比例",
	fDeviation: "偏差原因分析", fBudget: "预算数", fExecuted: "执行数", fBudgetScore: "预算执行率得分", fBudgetWeight: "预算执行率分值",
	fTotal: "总分", fGrade: "等级",
}

// aliases per field, most preferred first: when two columns match one field
// (年初预算数 and 全年预算数), the one with the earlier alias wins.
var aliases = [nFields][]string{
	fProject:      {"项目名称", "项目"},
	fLevel1:       {"一级指标"},
	fLevel2:       {"二级指标"},
	fName:         {"三级指标", "三级指标名称", "指标名称", "绩效指标"},
	fUnit:         {"计量单位", "指标单位", "单位"},
	fDirection:    {"指标方向", "方向", "指标性质"},
	fTarget:       {"年度指标值", "年度目标值", "全年指标值", "年度目标", "预期指标值", "指标值", "目标值"},
	fActual:       {"实际完成值", "全年实际完成值", "全年实际值", "实际值", "完成值", "实际完成情况", "实际完成"},
	fWeight:       {"分值", "权重", "权重分值", "指标分值", "指标权重"},
	fScore:        {"得分", "指标得分", "自评得分", "评分"},
	fAttainment:   {"达成程度", "完成程度", "达成情况", "定性评价"},
	fShare:        {"得分比例", "得分率", "评分比例"},
	fDeviation:    {"偏差原因分析及改进措施", "偏差原因分析", "偏差原因", "未完成原因分析"},
	fBudget:       {"全年预算数", "预算数", "调整后预算数", "年度预算数", "预算金额", "预算资金", "年初预算数"},
	fExecuted:     {"全年执行数", "执行数", "实际执行数", "执行金额", "实际支出", "支出数"},
	fBudgetScore:  {"预算执行率得分", "执行率得分"},
	fBudgetWeight: {"预算执行率分值", "预算执行率权重", "执行率分值"},
	fTotal:        {"总分", "总得分", "项目总分", "合计得分", "自评总分", "综合得分"},
	fGrade:        {"等级", "自评等级", "评价等级", "评级", "绩效等级"},
}

// normHeader folds a header for matching: half-width, no spaces, no
// asterisks or colons, brackets dropped with what they hold (returned as
// the bracket text: a unit such as 万元).
func normHeader(s string) (key, bracket string) {
	s = width.Fold.String(s)
	var b strings.Builder
	depth := 0
	var br strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == '（' || r == '[' || r == '【':
			depth++
		case r == ')' || r == '）' || r == ']' || r == '】':
			if depth > 0 {
				depth--
			}
		case depth > 0:
			br.WriteRune(r)
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '*' || r == ':' || r == '：' || r == '\u3000':
		default:
			b.WriteRune(r)
		}
	}
	return b.String(), strings.TrimSpace(br.String())
}

// matchHeader returns the field of a header and the alias's rank (lower
// is preferred): an exact alias; else the longest alias of three or more
// characters that the header contains ("全年实际完成值（B）" → 实际完成值,
// "预算执行率得分" → the budget score, not 得分); else a two-character alias
// the header ends with ("本项得分" → 得分, but "单位名称" is not 单位).
// The period target (实施周期指标值) is not the annual target.
func matchHeader(h string) (field, int) {
	key, _ := normHeader(h)
	if key == "" || strings.Contains(key, "实施周期") {
		return fNone, 0
	}
	for f := fProject; f < nFields; f++ {
		for i, a := range aliases[f] {
			if key == a {
				return f, i
			}
		}
	}
	best, bestLen, rank := fNone, 0, 0
	for f := fProject; f < nFields; f++ {
		for i, a := range aliases[f] {
			n := utf8.RuneCountInString(a)
			if n > bestLen && (n >= 3 && strings.Contains(key, a) || n < 3 && strings.HasSuffix(key, a)) {
				best, bestLen, rank = f, n, 100+i
			}
		}
	}
	return best, rank
}

// grid is a sheet of text cells with a way to name a cell.
type grid struct {
	file  string
	rows  [][]string
	where func(row, col int) string // 0-based; "第 7 行" or "Sheet1!F7"
	cell  bool                      // where names a cell (XLSX) rather than a row (CSV)
}

func (g *grid) at(row, col int) string {
	if row < len(g.rows) && col >= 0 && col < len(g.rows[row]) {
		return strings.TrimSpace(g.rows[row][col])
	}
	return ""
}

// errAt is an invalid-input error at a cell of the grid.
func (g *grid) errAt(row, col int, column, expected, got string) error {
	loc := g.file + ": " + g.where(row, col)
	if column != "" {
		loc += "，列“" + column + "”"
	}
	msg := loc + "：应为" + expected
	if got != "" {
		r := []rune(got)
		if len(r) > 60 {
			got = string(r[:60]) + "…"
		}
		msg += "，实际为“" + got + "”"
	}
	return jixiao.Errorf(jixiao.EINVALID, "%s", msg)
}

// headerScanRows bounds the search for the header row.
const headerScanRows = 20

var (
	yearRe     = regexp.MustCompile(`(20\d\d|19\d\d)\s*年度?`)
	bareYearRe = regexp.MustCompile(`^[（(]?\s*(20\d\d|19\d\d)\s*年度\s*[)）]?$`) // （2024年度） under the title
)

// read turns the grid into a sheet.
func (g *grid) read(opts Options) (score.Sheet, error) {
	sh := score.Sheet{File: g.file, FiscalYear: opts.FiscalYear, MoneyUnit: opts.MoneyUnit}
	hdr := -1
	var cols [nFields]int
	for r := 0; r < len(g.rows) && r < headerScanRows; r++ {
		c, ok := g.header(r)
		if ok {
			hdr, cols = r, c
			break
		}
	}
	if hdr < 0 {
		return sh, jixiao.Errorf(jixiao.EINVALID, "%s: 前 %d 行中没有找到表头：应有“三级指标”“年度指标值”“实际完成值”等列", g.file, headerScanRows)
	}
	// Title lines above the header.
	var titleProject, titleOrg string
	titleYear, titleUnit := 0, jixiao.MoneyUnit("")
	for r := 0; r < hdr; r++ {
		for c := range g.rows[r] {
			text := g.at(r, c)
			if text == "" {
				continue
			}
			if sh.Title == "" && strings.Contains(text, "自评") {
				sh.Title = text
			}
			k, v := keyValue(text, g.at(r, c+1))
			switch k {
			case "项目名称":
				titleProject = v
			case "单位名称", "预算单位", "主管部门", "实施单位", "部门名称":
				if titleOrg == "" {
					titleOrg = v
				}
			case "预算年度", "年度":
				if y, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), "年")); err == nil {
					titleYear = y
				}
			case "单位", "金额单位":
				if u := moneyUnit(v); u != "" {
					titleUnit = u
				}
			}
			if m := yearRe.FindStringSubmatch(text); m != nil && titleYear == 0 && (strings.Contains(text, "自评") || bareYearRe.MatchString(text)) {
				titleYear, _ = strconv.Atoi(m[1])
			}
			if _, br := normHeader(text); titleUnit == "" && strings.Contains(text, "资金") {
				titleUnit = moneyUnit(br) // 项目资金（万元）
			}
		}
	}
	sh.Org = titleOrg
	if sh.FiscalYear == 0 {
		sh.FiscalYear = titleYear
	}
	if sh.MoneyUnit == "" {
		sh.MoneyUnit = titleUnit
	}
	for _, f := range []field{fBudget, fExecuted} {
		if c := cols[f]; c >= 0 && sh.MoneyUnit == "" {
			if _, br := normHeader(g.at(hdr, c)); moneyUnit(br) != "" {
				sh.MoneyUnit = moneyUnit(br)
			}
		}
	}
	if sh.MoneyUnit == "" {
		sh.MoneyUnit = jixiao.WanYuan
	}
	if cols[fProject] < 0 && titleProject == "" {
		titleProject = "（未命名项目）"
	}
	var block *score.SheetProject
	if cols[fProject] < 0 {
		var err error
		if block, err = g.budgetBlock(hdr, sh.MoneyUnit); err != nil {
			return sh, err
		}
	}

	var (
		cur                 *score.SheetProject
		curName, lvl1, lvl2 string
		firstAt             = map[*score.SheetProject]map[field]int{}
		projects            []*score.SheetProject
		byName              = map[string]*score.SheetProject{}
		col                 = func(f field) int { return cols[f] }
		get                 = func(r int, f field) string { return g.at(r, col(f)) }
		blankRow            = func(r int) bool { return strings.Join(g.rows[r], "") == "" }
		rowWhere            = func(r int) string { return g.where(r, -1) }
	)
	for r := hdr + 1; r < len(g.rows); r++ {
		if blankRow(r) {
			continue
		}
		name := titleProject
		projectCell := ""
		if c := col(fProject); c >= 0 {
			projectCell = strings.ReplaceAll(g.at(r, c), " ", "")
			if v := g.at(r, c); v != "" && !isTotalLabel(projectCell) {
				curName, lvl1, lvl2 = v, "", ""
			}
			name = curName
		}
		// A header row repeated on a new page.
		if _, isHdr := g.header(r); isHdr {
			continue
		}
		if name == "" {
			return sh, g.errAt(r, col(fProject), "项目名称", "项目名称（第一行指标的项目名称为空）", "")
		}
		if cur == nil || cur.Name != name {
			if p, seen := byName[name]; seen {
				cur = p // the project continues after another one: keep one project
			} else {
				cur = &score.SheetProject{Name: name, Where: rowWhere(r)}
				byName[name] = cur
				projects = append(projects, cur)
				firstAt[cur] = map[field]int{}
			}
		}
		if v := get(r, fLevel1); v != "" {
			lvl1, lvl2 = v, ""
		}
		if v := get(r, fLevel2); v != "" {
			lvl2 = v
		}
		indName := get(r, fName)
		label := strings.ReplaceAll(firstNonEmpty(indName, get(r, fLevel1), get(r, fLevel2)), " ", "")
		if isTotalLabel(projectCell) {
			label = projectCell
		} else if first := strings.ReplaceAll(g.firstCell(r), " ", ""); isTotalLabel(first) {
			label = first // 总分 in the template's first column
		}

		// Project figures on any row.
		if err := g.projectFigures(r, cur, firstAt[cur], cols, sh.MoneyUnit); err != nil {
			return sh, err
		}
		switch {
		case strings.Contains(label, "预算执行率"):
			if err := g.decimalInto(r, fWeight, cols, &cur.BudgetWeight, firstAt[cur], fBudgetWeight); err != nil {
				return sh, err
			}
			if err := g.decimalInto(r, fScore, cols, &cur.BudgetScore, firstAt[cur], fBudgetScore); err != nil {
				return sh, err
			}
			if cur.BudgetScoreWhere == "" && col(fScore) >= 0 {
				cur.BudgetScoreWhere = g.where(r, col(fScore))
			}
			continue
		case isTotalLabel(label):
			if isTotalLabel(projectCell) && cur.Total.IsSet() {
				continue // a grand total under projects that have their own: not one project's
			}
			if err := g.decimalInto(r, fScore, cols, &cur.Total, firstAt[cur], fTotal); err != nil {
				return sh, err
			}
			if cur.TotalWhere == "" && col(fScore) >= 0 {
				cur.TotalWhere = g.where(r, col(fScore))
			}
			if v := get(r, fGrade); v != "" && cur.Grade == "" {
				cur.Grade, cur.GradeWhere = v, g.where(r, col(fGrade))
			}
			continue
		}
		if indName == "" {
			if get(r, fTarget) == "" && get(r, fActual) == "" && get(r, fScore) == "" {
				continue // a row of project figures only
			}
			return sh, g.errAt(r, col(fName), "三级指标", "指标名称", "（空）")
		}
		si := score.SheetIndicator{Where: rowWhere(r), Actual: get(r, fActual), Deviation: get(r, fDeviation)}
		ind := &si.Indicator
		ind.Seq = len(cur.Indicators) + 1
		ind.Level1, ind.Level2 = category(lvl1), category(lvl2)
		ind.Name = indName
		ind.Unit = get(r, fUnit)
		ind.Annual = jixiao.Target{Raw: get(r, fTarget)}
		switch d := get(r, fDirection); {
		case d == "":
		case strings.Contains(d, "反"), strings.Contains(d, "逆"), strings.Contains(d, "负"):
			ind.Direction = jixiao.DirectionNegative
		case strings.Contains(d, "正"):
			ind.Direction = jixiao.DirectionPositive
		}
		var err error
		if ind.Weight, err = g.decimal(r, fWeight, cols); err != nil {
			return sh, err
		}
		if si.Score, err = g.decimal(r, fScore, cols); err != nil {
			return sh, err
		}
		if si.Share, err = g.decimal(r, fShare, cols); err != nil {
			return sh, err
		}
		if col(fScore) >= 0 {
			si.ScoreWhere = g.where(r, col(fScore))
		}
		if v := get(r, fAttainment); v != "" {
			a, share, ok := score.ParseAttainment(v)
			if !ok {
				return sh, g.errAt(r, col(fAttainment), fieldNames[fAttainment], "达成、部分达成或未达成", v)
			}
			si.Attainment = a
			if !si.Share.IsSet() {
				si.Share = share
			}
		}
		cur.Indicators = append(cur.Indicators, si)
	}
	if block != nil && len(projects) == 1 {
		p := projects[0]
		if p.Budget == nil && p.Executed == nil {
			p.Budget, p.Executed, p.BudgetWhere = block.Budget, block.Executed, block.BudgetWhere
		}
		if !p.BudgetWeight.IsSet() {
			p.BudgetWeight = block.BudgetWeight
		}
		if !p.BudgetScore.IsSet() {
			p.BudgetScore, p.BudgetScoreWhere = block.BudgetScore, block.BudgetScoreWhere
		}
	}
	for _, p := range projects {
		sh.Projects = append(sh.Projects, *p)
	}
	if len(sh.Projects) == 0 {
		return sh, jixiao.Errorf(jixiao.EINVALID, "%s: 表头（%s）之下没有指标行", g.file, g.where(hdr, -1))
	}
	return sh, nil
}

// firstCell is the first non-empty cell of row r.
func (g *grid) firstCell(r int) string {
	for c := range g.rows[r] {
		if v := g.at(r, c); v != "" {
			return v
		}
	}
	return ""
}

// budgetBlock reads the budget block of the official template
// (财预〔2020〕10号 附件), above the indicator header:
//
//	项目资金（万元） |            | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
//	                | 年度资金总额 | 100       | 100       | 95        | 10   | 95%   | 9.5
//
// The first row under its header with a 预算数 is the total (年度资金总额);
// the rows for 当年财政拨款, 上年结转资金 and 其他资金 below it are parts of
// it. nil when there is no such block.
func (g *grid) budgetBlock(hdr int, unit jixiao.MoneyUnit) (*score.SheetProject, error) {
	for r := 0; r < hdr; r++ {
		var cols [nFields]int
		var rank [nFields]int
		for i := range cols {
			cols[i] = -1
		}
		for c := range g.rows[r] {
			if f, rk := matchHeader(g.at(r, c)); f != fNone && (cols[f] < 0 || rk < rank[f]) {
				cols[f], rank[f] = c, rk
			}
		}
		if cols[fBudget] < 0 || cols[fExecuted] < 0 {
			continue
		}
		for v := r + 1; v < hdr; v++ {
			if g.at(v, cols[fBudget]) == "" {
				continue
			}
			p := &score.SheetProject{}
			first := map[field]int{}
			cols[fBudgetWeight], cols[fBudgetScore] = cols[fWeight], cols[fScore]
			if err := g.projectFigures(v, p, first, cols, unit); err != nil {
				return nil, err
			}
			return p, nil
		}
		return nil, nil
	}
	return nil, nil
}

// header reports whether row r is a header row, and the column of each
// field (-1 when absent). It needs 三级指标, 年度指标值 and 实际完成值.
func (g *grid) header(r int) ([nFields]int, bool) {
	var cols [nFields]int
	var rank [nFields]int
	for i := range cols {
		cols[i] = -1
	}
	for c := range g.rows[r] {
		f, rk := matchHeader(g.at(r, c))
		if f == fNone {
			continue
		}
		if cols[f] < 0 || rk < rank[f] {
			cols[f], rank[f] = c, rk
		}
	}
	ok := cols[fName] >= 0 && cols[fTarget] >= 0 && cols[fActual] >= 0
	return cols, ok
}

// projectFigures reads the project columns of row r; a second, different
// value for the same project is an error.
func (g *grid) projectFigures(r int, p *score.SheetProject, first map[field]int, cols [nFields]int, unit jixiao.MoneyUnit) error {
	for _, f := range []field{fBudget, fExecuted} {
		c := cols[f]
		v := g.at(r, c)
		if c < 0 || v == "" {
			continue
		}
		fen, err := jixiao.ParseMoney(foldNumber(v), unit)
		if err != nil {
			return g.errAt(r, c, fieldNames[f], "金额（"+string(unit)+"，最多精确到分）", v)
		}
		dst := &p.Budget
		if f == fExecuted {
			dst = &p.Executed
		}
		if prev, seen := first[f]; seen {
			if *dst != nil && **dst != fen {
				return g.errAt(r, c, fieldNames[f], fmt.Sprintf("与%s的 %s 相同（同一项目只能有一个%s）", g.where(prev, -1), (*dst).Format(unit), fieldNames[f]), v)
			}
			continue
		}
		first[f] = r
		*dst = &fen
		if f == fBudget {
			p.BudgetWhere = g.where(r, c)
		}
	}
	for _, f := range []field{fBudgetScore, fBudgetWeight, fTotal} {
		dst := &p.BudgetScore
		switch f {
		case fBudgetWeight:
			dst = &p.BudgetWeight
		case fTotal:
			dst = &p.Total
		}
		if err := g.decimalInto(r, f, cols, dst, first, f); err != nil {
			return err
		}
		if dst.IsSet() && first[f] == r {
			switch f {
			case fBudgetScore:
				p.BudgetScoreWhere = g.where(r, cols[f])
			case fTotal:
				p.TotalWhere = g.where(r, cols[f])
			}
		}
	}
	if c := cols[fGrade]; c >= 0 {
		if v := g.at(r, c); v != "" {
			if p.Grade != "" && p.Grade != v {
				return g.errAt(r, c, fieldNames[fGrade], "与"+p.GradeWhere+"的“"+p.Grade+"”相同（同一项目只能有一个等级）", v)
			}
			if p.Grade == "" {
				p.Grade, p.GradeWhere = v, g.where(r, c)
			}
		}
	}
	return nil
}

// decimalInto reads a number from column f of row r into dst, once per
// project (key names the figure in first); a different second value is an
// error.
func (g *grid) decimalInto(r int, f field, cols [nFields]int, dst *jixiao.Decimal, first map[field]int, key field) error {
	d, err := g.decimal(r, f, cols)
	if err != nil || !d.IsSet() {
		return err
	}
	if prev, seen := first[key]; seen {
		if dst.IsSet() && dst.Cmp(d) != 0 {
			return g.errAt(r, cols[f], fieldNames[f], fmt.Sprintf("与%s的 %s 相同（同一项目只能有一个%s）", g.where(prev, -1), dst, fieldNames[key]), g.at(r, cols[f]))
		}
		return nil
	}
	first[key] = r
	*dst = d
	return nil
}

// decimal reads a number from column f of row r: "9.68", "10分", "９.５",
// "85%" (a share); unset when the cell is empty.
func (g *grid) decimal(r int, f field, cols [nFields]int) (jixiao.Decimal, error) {
	c := cols[f]
	v := g.at(r, c)
	if c < 0 || v == "" || v == "-" || v == "—" || v == "/" {
		return jixiao.Decimal{}, nil
	}
	t := foldNumber(v)
	t = strings.TrimSuffix(t, "分")
	if f == fShare {
		t = strings.TrimSuffix(t, "%")
	}
	d, err := jixiao.ParseDecimal(t)
	if err != nil {
		return jixiao.Decimal{}, g.errAt(r, c, fieldNames[f], "数字", v)
	}
	return d, nil
}

// foldNumber makes full-width digits and signs half-width and drops spaces.
func foldNumber(s string) string {
	return strings.ReplaceAll(width.Fold.String(strings.TrimSpace(s)), " ", "")
}

// keyValue splits "项目名称：xxx" (or the key alone with the value in the
// next cell).
func keyValue(text, next string) (string, string) {
	t := width.Fold.String(text)
	for _, sep := range []string{"：", ":"} {
		if k, v, ok := strings.Cut(t, sep); ok {
			return strings.Trim(strings.TrimSpace(k), "（(）)"), strings.Trim(strings.TrimSpace(v), "（(）)")
		}
	}
	return strings.TrimSpace(t), strings.TrimSpace(next)
}

func moneyUnit(s string) jixiao.MoneyUnit {
	switch u := jixiao.MoneyUnit(strings.TrimSpace(s)); u {
	case jixiao.Yuan, jixiao.WanYuan, jixiao.YiYuan:
		return u
	}
	return ""
}

var codeRe = regexp.MustCompile(`^\s*(\d{1,3})\s*[-、.．:：]\s*`)

// category reads "1-产出指标", "产出指标" or "11、数量指标".
func category(s string) jixiao.Category {
	if m := codeRe.FindStringSubmatchIndex(s); m != nil {
		return jixiao.Category{Code: s[m[2]:m[3]], Name: strings.TrimSpace(s[m[1]:])}
	}
	return jixiao.Category{Name: strings.TrimSpace(s)}
}

func isTotalLabel(s string) bool {
	switch s {
	case "总分", "合计", "总计", "总得分", "合计得分", "自评总分", "项目总分":
		return true
	}
	return false
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
