package score

import (
	"fmt"
	"math/big"
	"strings"

	"jixiao"
)

// Group is the weight category of an indicator: its level-1 category, or
// 预算执行率 for the budget line.
type Group string

const (
	GroupOutput       Group = "产出"
	GroupBenefit      Group = "效益"
	GroupSatisfaction Group = "满意度"
	GroupCost         Group = "成本"
	GroupBudget       Group = "预算执行率"
)

// indicatorGroups in the order weights are reported.
var indicatorGroups = []Group{GroupOutput, GroupBenefit, GroupSatisfaction, GroupCost}

// Weight returns the points of a group under the settings; unset for 成本
// when cost indicators count under 产出.
func (w Weights) Weight(g Group) jixiao.Decimal {
	switch g {
	case GroupOutput:
		return w.Output
	case GroupBenefit:
		return w.Benefit
	case GroupSatisfaction:
		return w.Satisfaction
	case GroupCost:
		return w.Cost
	case GroupBudget:
		return w.Budget
	}
	return jixiao.Decimal{}
}

// groupOf places an indicator by its level-1 name (产出指标, 效益, 满意度指标,
// 成本指标), else its code (1–4). Cost indicators join 产出 unless the
// settings weigh 成本 on its own. ok is false for a category the settings
// do not know.
func groupOf(ind *jixiao.Indicator, s Settings) (Group, bool) {
	name := strings.TrimSuffix(jixiao.FoldSpace(ind.Level1.Name), "指标")
	var g Group
	switch {
	case strings.Contains(name, "产出"):
		g = GroupOutput
	case strings.Contains(name, "效益"):
		g = GroupBenefit
	case strings.Contains(name, "满意"):
		g = GroupSatisfaction
	case strings.Contains(name, "成本"):
		g = GroupCost
	case name == "":
		switch strings.TrimSpace(ind.Level1.Code) {
		case jixiao.L1Output:
			g = GroupOutput
		case jixiao.L1Benefit:
			g = GroupBenefit
		case jixiao.L1Satisfaction:
			g = GroupSatisfaction
		case jixiao.L1Cost:
			g = GroupCost
		}
	}
	if g == "" {
		return "", false
	}
	if g == GroupCost && !s.Weights.Cost.IsSet() {
		g = GroupOutput
	}
	return g, true
}

// Allocate gives each indicator its weight. An indicator's own Weight is
// kept; the others of its category share what is left of the category's
// weight equally, split in hundredths so that they add up exactly (50 over
// three indicators: 16.67, 16.67, 16.66 — the first ones get the extra
// hundredth). Notes say where the weights do not add up: a category whose
// set weights exceed or fall short of its setting, a category without
// indicators (its points go nowhere), an indicator in a category the
// settings do not weigh.
func Allocate(inds []*jixiao.Indicator, s Settings) (weights []jixiao.Decimal, notes []string) {
	weights = make([]jixiao.Decimal, len(inds))
	byGroup := map[Group][]int{}
	for i, ind := range inds {
		g, ok := groupOf(ind, s)
		if !ok {
			if ind.Weight.IsSet() {
				weights[i] = ind.Weight
				notes = append(notes, fmt.Sprintf("第 %d 个指标“%s”的一级指标“%s”不在评分设置中，按其填写的权重 %s 计", ind.Seq, ind.Name, ind.Level1.Name, ind.Weight))
			} else {
				weights[i] = jixiao.MustDecimal("0")
				notes = append(notes, fmt.Sprintf("第 %d 个指标“%s”的一级指标“%s”不在评分设置中，未分配权重", ind.Seq, ind.Name, ind.Level1.Name))
			}
			continue
		}
		byGroup[g] = append(byGroup[g], i)
	}
	for _, g := range indicatorGroups {
		gw := s.Weights.Weight(g)
		if !gw.IsSet() {
			continue
		}
		idx := byGroup[g]
		if len(idx) == 0 {
			if gw.Rat().Sign() > 0 {
				notes = append(notes, fmt.Sprintf("没有%s指标：其权重 %s 未分配", g, gw))
			}
			continue
		}
		set := new(big.Rat)
		var open []int
		for _, i := range idx {
			if inds[i].Weight.IsSet() {
				weights[i] = inds[i].Weight
				set.Add(set, inds[i].Weight.Rat())
			} else {
				open = append(open, i)
			}
		}
		rest := sub(gw.Rat(), set)
		switch {
		case len(open) == 0:
			if set.Cmp(gw.Rat()) != 0 {
				notes = append(notes, fmt.Sprintf("%s指标的权重合计 %s，评分设置为 %s", g, fmtRat(set), gw))
			}
		case rest.Sign() < 0:
			for _, i := range open {
				weights[i] = jixiao.MustDecimal("0")
			}
			notes = append(notes, fmt.Sprintf("%s指标已填写的权重合计 %s，超过评分设置的 %s：未填写权重的 %d 个指标记 0", g, fmtRat(set), gw, len(open)))
		default:
			for k, w := range splitHundredths(rest, len(open)) {
				weights[open[k]] = w
			}
		}
	}
	return weights, notes
}

// splitHundredths splits r into n parts of whole hundredths that add up to
// r (any part of r finer than a hundredth goes to the first part).
func splitHundredths(r *big.Rat, n int) []jixiao.Decimal {
	cents := mul(r, hundred)
	whole := new(big.Int).Quo(cents.Num(), cents.Denom()) // floor, r ≥ 0
	base := new(big.Int).Quo(whole, big.NewInt(int64(n)))
	extra := new(big.Int).Rem(whole, big.NewInt(int64(n))).Int64()
	fine := sub(cents, new(big.Rat).SetInt(whole)) // < 1 hundredth
	out := make([]jixiao.Decimal, n)
	for k := range out {
		c := new(big.Rat).SetInt(base)
		if int64(k) < extra {
			c.Add(c, ratInt(1))
		}
		if k == 0 {
			c.Add(c, fine)
		}
		out[k] = decOf(quo(c, hundred))
	}
	return out
}

// ProjectInput is one project's self-evaluation input.
type ProjectInput struct {
	Name       string
	FiscalYear int              // dates deadlines written without a year
	MoneyUnit  jixiao.MoneyUnit // how explanations print money (default 万元)
	Budget     *jixiao.Fen      // 全年预算数; nil when not given
	Executed   *jixiao.Fen      // 全年执行数; nil when not given
	// BudgetWeight is the 预算执行率 weight when the table sets its own;
	// unset: Settings.Weights.Budget.
	BudgetWeight jixiao.Decimal
	Indicators   []IndicatorInput
}

// ProjectResult is a project's self-evaluation: every indicator's score,
// the budget execution score, the total and the grade, each explained.
type ProjectResult struct {
	Name       string            `json:"name"`
	Indicators []IndicatorResult `json:"indicators"`
	Budget     BudgetResult      `json:"budget"`
	// WeightTotal is the indicators' weights plus the budget weight; Notes
	// say so when it is not 100.
	WeightTotal      jixiao.Decimal `json:"weight_total"`
	Total            jixiao.Decimal `json:"total"`
	TotalExplanation Explanation    `json:"total_explanation"`
	Grade            string         `json:"grade"`
	GradeExplanation Explanation    `json:"grade_explanation"`
	Notes            []string       `json:"notes,omitempty"`
}

// Evaluate scores a project: weights (Allocate), each indicator
// (ScoreIndicator), the budget line (ScoreBudget), the total — the sum of
// the rounded scores, so that the figures shown add up — and the grade.
func Evaluate(p ProjectInput, s Settings) ProjectResult {
	inds := make([]*jixiao.Indicator, len(p.Indicators))
	for i, in := range p.Indicators {
		inds[i] = in.Indicator
		if inds[i] == nil {
			inds[i] = &jixiao.Indicator{Seq: i + 1}
		}
	}
	weights, notes := Allocate(inds, s)
	r := ProjectResult{Name: p.Name, Notes: notes}
	wtotal := new(big.Rat)
	for i, in := range p.Indicators {
		in.Indicator = inds[i]
		r.Indicators = append(r.Indicators, ScoreIndicator(in, weights[i], p.FiscalYear, s))
		wtotal.Add(wtotal, weights[i].Rat())
	}
	bw := p.BudgetWeight
	if !bw.IsSet() {
		bw = s.Weights.Budget
	}
	r.Budget = ScoreBudget(p.Budget, p.Executed, bw, p.MoneyUnit)
	wtotal.Add(wtotal, bw.Rat())
	r.WeightTotal = decOf(wtotal)
	if wtotal.Cmp(hundred) != 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("权重合计 %s，应为 100", fmtRat(wtotal)))
	}
	r.total(s)
	return r
}

// total adds the rounded scores up and grades the sum.
func (r *ProjectResult) total(s Settings) {
	total := new(big.Rat)
	var terms []string
	for _, ir := range r.Indicators {
		total.Add(total, ir.Score.Rat())
		terms = append(terms, fmt2(ir.Score.Rat()))
	}
	total.Add(total, r.Budget.Score.Rat())
	terms = append(terms, fmt2(r.Budget.Score.Rat()))
	r.Total = dec2(total)
	r.TotalExplanation = arithmetic("total", "各指标得分+预算执行率得分", strings.Join(terms, "+"), fmt2(total))
	r.Grade, r.GradeExplanation = GradeFor(r.Total, s)
}

// BudgetResult is the 预算执行率 line of a self-evaluation.
type BudgetResult struct {
	Status      Status         `json:"status"`
	Weight      jixiao.Decimal `json:"weight"`
	Rate        jixiao.Decimal `json:"rate,omitzero"` // executed/budget in percent, two decimals; unset when it cannot be computed
	Score       jixiao.Decimal `json:"score"`
	Reason      string         `json:"reason,omitempty"`
	Explanation Explanation    `json:"explanation"`
}

// ScoreBudget scores budget execution: executed/budget × weight, capped at
// the weight (执行数 above 预算数 earns no more than full marks). Missing
// figures score 0 as missing; a budget of 0 or less, or a negative
// execution, cannot be scored (invalid).
func ScoreBudget(budget, executed *jixiao.Fen, weight jixiao.Decimal, unit jixiao.MoneyUnit) BudgetResult {
	if _, ok := unit.FenPer(); !ok {
		unit = jixiao.WanYuan
	}
	w := ratOf(weight)
	r := BudgetResult{Weight: weight, Score: dec2(new(big.Rat))}
	wIn := Input{Name: "权重", Value: fmtRat(w)}
	money := func(name string, f *jixiao.Fen) Input {
		return Input{Name: name, Value: f.Format(unit), Unit: string(unit)}
	}
	switch {
	case budget == nil && executed == nil:
		r.Status, r.Reason = StatusMissing, "未填预算数和执行数"
	case budget == nil:
		r.Status, r.Reason = StatusMissing, "未填预算数"
	case executed == nil:
		r.Status, r.Reason = StatusMissing, "未填执行数"
	case *budget <= 0:
		r.Status, r.Reason = StatusInvalid, fmt.Sprintf("预算数为 %s，无法计算执行率", budget.Format(unit))
	case *executed < 0:
		r.Status, r.Reason = StatusInvalid, fmt.Sprintf("执行数为负（%s）", executed.Format(unit))
	}
	if r.Status != "" {
		rule := "missing"
		if r.Status == StatusInvalid {
			rule = "invalid"
		}
		r.Explanation = decision(rule, r.Reason+"，记0分", "", "0.00", wIn)
		return r
	}
	r.Status = StatusScored
	b, e := big.NewRat(int64(*budget), 1), big.NewRat(int64(*executed), 1)
	rate := quo(e, b)
	r.Rate = dec2(mul(rate, hundred))
	inputs := []Input{money("执行数", executed), money("预算数", budget), wIn}
	if rate.Cmp(ratInt(1)) >= 0 {
		r.Score = dec2(w)
		r.Explanation = decision("budget.capped", "执行数≥预算数，记满分", executed.Format(unit)+" ≥ "+budget.Format(unit), fmt2(w), inputs...)
		if rate.Cmp(ratInt(1)) > 0 {
			r.Explanation.note(fmt.Sprintf("执行率 %s%%，超过 100%% 的部分不加分", fmt2(mul(rate, hundred))))
		}
		return r
	}
	score := round2(mul(rate, w))
	r.Score = dec2(score)
	r.Explanation = arithmetic("budget.ratio", "执行数/预算数×权重", executed.Format(unit)+"/"+budget.Format(unit)+"×"+fmtRat(w), fmt2(score), inputs...)
	r.Explanation.note(fmt.Sprintf("执行率 %s%%", fmt2(mul(rate, hundred))))
	return r
}

// GradeFor grades a total under the settings' bands: 优 from Excellent,
// 良 from Good, 中 from Fair, 差 below.
func GradeFor(total jixiao.Decimal, s Settings) (string, Explanation) {
	g := s.Grades
	t := ratOf(total)
	formula := fmt.Sprintf("按总分分档：优≥%s，良≥%s，中≥%s，差<%s", g.Excellent, g.Good, g.Fair, g.Fair)
	T := fmt2(t)
	in := Input{Name: "总分", Value: T}
	var grade, expr string
	switch {
	case t.Cmp(g.Excellent.Rat()) >= 0:
		grade, expr = "优", T+" ≥ "+g.Excellent.String()
	case t.Cmp(g.Good.Rat()) >= 0:
		grade, expr = "良", g.Good.String()+" ≤ "+T+" < "+g.Excellent.String()
	case t.Cmp(g.Fair.Rat()) >= 0:
		grade, expr = "中", g.Fair.String()+" ≤ "+T+" < "+g.Good.String()
	default:
		grade, expr = "差", T+" < "+g.Fair.String()
	}
	e := decision("grade", formula, expr, "", in)
	e.Result = grade
	e.Text += " → " + grade
	return grade, e
}
