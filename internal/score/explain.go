package score

import "strings"

// Explanation is how a number was reached, for people: the web page, the
// exports and the API show it beside every score and every light.
//
// Formula is the rule in words ("实际值/目标值×权重"), Expr the same with
// the numbers put in ("92/95×10"), Result the outcome as shown ("9.68").
// Text renders the three in one line:
//
//	arithmetic:  实际值/目标值×权重 = 92/95×10 = 9.68
//	a decision:  实际值≥目标值，记满分：96 ≥ 95，得 10.00
//
// Inputs name every number that went in, with its unit, in the order of
// the formula; Notes say what a reader should know besides (a unit that
// was converted, a grader's share that was assumed, a target set too low).
type Explanation struct {
	Rule    string   `json:"rule"`    // stable ID, e.g. "positive.ratio" (see Rules)
	Formula string   `json:"formula"` // the rule in words
	Inputs  []Input  `json:"inputs"`  // the numbers that went in
	Expr    string   `json:"expr"`    // the formula with the numbers; "" when there is none
	Result  string   `json:"result"`  // as shown, e.g. "9.68", "良", "绿灯"
	Text    string   `json:"text"`    // rendered line
	Notes   []string `json:"notes,omitempty"`
}

// Input is one named number of an explanation.
type Input struct {
	Name  string `json:"name"`           // 实际值, 目标值, 权重, 执行数 …
	Value string `json:"value"`          // exact decimal, date or text as used
	Unit  string `json:"unit,omitempty"` // %, 万元, 家 …
}

// Rule describes one rule of the catalogue, for documentation and the web
// page's legend.
type Rule struct {
	ID      string
	Formula string
	When    string // when the rule applies, in Chinese
}

// Rules is the catalogue of every rule an Explanation can name.
var Rules = []Rule{
	{"positive.met", "实际值≥目标值，记满分", "正向指标达到目标值（> 按 ≥ 计；超出较多时附注意）"},
	{"positive.ratio", "实际值/目标值×权重", "正向指标未达到目标值（目标值 > 0）"},
	{"positive.deviation", "(1−(目标值−实际值)/|目标值|)×权重", "正向指标未达到小于 0 的目标值"},
	{"positive.zero", "目标值为0，实际值低于目标值，记0分", "正向指标目标值为 0 而实际值为负"},
	{"negative.met", "实际值≤目标值，记满分", "反向指标未超过目标值（< 按 ≤ 计）"},
	{"negative.deviation", "(1−(实际值−目标值)/目标值)×权重", "反向指标超过目标值但不到 2 倍（偏离度公式，默认）"},
	{"negative.double", "实际值≥2×目标值，记0分", "反向指标达到目标值的 2 倍及以上（偏离度公式）"},
	{"negative.ratio", "目标值/实际值×权重", "反向指标超过目标值（设置 negative_formula = \"ratio\"）"},
	{"negative.zero", "目标值为0，实际值超过0，记0分", "反向指标目标值为 0（如安全事故 0 起）而实际发生"},
	{"equal.met", "实际值=目标值，记满分", "写明“=”的目标值恰好达到"},
	{"equal.below", "实际值/目标值×权重", "写明“=”的目标值未达到"},
	{"equal.above", "(1−(实际值−目标值)/目标值)×权重", "写明“=”的目标值被超过（设置 equal_formula = \"deviation\"，默认）"},
	{"equal.zero", "目标值为0，实际值不为0，记0分", "写明“=0”而实际值不为 0"},
	{"range.met", "下限≤实际值≤上限，记满分", "区间目标值（如 95%–98%、±5%以内）落在区间内"},
	{"range.below", "实际值/下限×权重", "低于区间下限（下限 > 0；下限 ≤ 0 时按 (1−(下限−实际值)/|下限|)×权重）"},
	{"range.above", "(1−(实际值−上限)/上限)×权重", "高于区间上限（上限 < 0 时取 |上限|）"},
	{"range.zero", "区间端点为0，实际值越过端点，记0分", "越过的区间端点为 0，无法按比例计分"},
	{"deadline.met", "完成日期≤时限，记满分", "时效指标按时完成"},
	{"deadline.missed", "完成日期晚于时限，记0分", "时效指标逾期"},
	{"boolean.met", "实际值与目标值一致，记满分", "是/否指标"},
	{"boolean.missed", "实际值与目标值不一致，记0分", "是/否指标"},
	{"qualitative.share", "得分比例×权重", "定性指标：评分人给出了该档内的比例"},
	{"qualitative.default", "默认比例×权重", "定性指标：评分人只给出达成程度，按该档默认比例"},
	{"qualitative.graded", "评分人在该档内给分", "定性指标：复核自评表时，公布得分落在达成程度对应的分数段内"},
	{"budget.ratio", "执行数/预算数×权重", "预算执行率"},
	{"budget.capped", "执行数≥预算数，记满分", "预算执行率达到 100%"},
	{"missing", "未填实际值，记0分", "实际完成值（或执行数、预算数）为空"},
	{"invalid", "实际值无法与目标值比较，记0分", "单位不能换算、不是数字或日期、未给出达成程度等"},
	{"total", "各指标得分+预算执行率得分", "项目总分"},
	{"grade", "按总分分档", "优、良、中、差"},
	{"monitor.budget", "(执行数/预算数)/(月份/12)×100", "预算执行预警值"},
	{"monitor.indicator", "预计完成值对年度指标值的完成程度", "指标预计完成情况"},
	{"monitor.qualitative", "按预计达成程度", "定性指标：达成绿、部分达成黄、未达成红"},
}

// arithmetic builds an explanation of a computed number.
func arithmetic(rule, formula, expr, result string, inputs ...Input) Explanation {
	return Explanation{Rule: rule, Formula: formula, Inputs: inputs, Expr: expr, Result: result,
		Text: formula + " = " + expr + " = " + result}
}

// decision builds an explanation of a rule that decides without a
// formula: "实际值≥目标值，记满分：96 ≥ 95，得 10.00".
func decision(rule, formula, expr, result string, inputs ...Input) Explanation {
	text := formula
	if expr != "" {
		text += "：" + expr
	}
	if result != "" {
		text += "，得 " + result
	}
	return Explanation{Rule: rule, Formula: formula, Inputs: inputs, Expr: expr, Result: result, Text: text}
}

// note adds a note to the explanation.
func (e *Explanation) note(s string) {
	if s != "" {
		e.Notes = append(e.Notes, s)
	}
}

// String is the rendered line with its notes in brackets.
func (e Explanation) String() string {
	if len(e.Notes) == 0 {
		return e.Text
	}
	return e.Text + "（" + strings.Join(e.Notes, "；") + "）"
}
