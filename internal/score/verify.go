package score

import (
	"fmt"
	"math/big"

	"jixiao"
)

// Sheet is a published self-evaluation table (项目支出绩效自评表) as read
// from a file: per project the targets, the actual values, the weights and
// the scores the unit published. Verify recomputes it.
type Sheet struct {
	File       string
	Title      string
	Org        string
	FiscalYear int              // 0 when the file does not say and none was given
	MoneyUnit  jixiao.MoneyUnit // of 预算数 and 执行数 (default 万元)
	Projects   []SheetProject
}

// SheetProject is one project of a Sheet. Where fields locate a figure in
// the file for messages ("第 7 行", "Sheet1!E7"); published figures are
// unset when their cell is empty.
type SheetProject struct {
	Name             string
	Where            string
	Budget, Executed *jixiao.Fen // 全年预算数, 全年执行数
	BudgetWhere      string
	BudgetWeight     jixiao.Decimal // 分值 of the 预算执行率 line
	BudgetScore      jixiao.Decimal // published 得分 of the 预算执行率 line
	BudgetScoreWhere string
	Total            jixiao.Decimal // published 总分
	TotalWhere       string
	Grade            string // published 等级 (优/良/中/差)
	GradeWhere       string
	Indicators       []SheetIndicator
}

// SheetIndicator is one indicator row of a Sheet.
type SheetIndicator struct {
	Where      string
	Indicator  jixiao.Indicator // Weight is the published 分值, when given
	Actual     string
	Attainment Attainment
	Share      jixiao.Decimal
	Score      jixiao.Decimal // published 得分
	ScoreWhere string
	Deviation  string // 偏差原因分析及改进措施, as written
}

// Check is the verdict on one published figure.
type Check string

const (
	Agree        Check = "agree"
	Disagree     Check = "disagree"
	Unverifiable Check = "unverifiable" // the actual value cannot be scored (see the reason)
	Unpublished  Check = "unpublished"  // no published figure to compare
)

// Problem kinds.
const (
	ProblemScore        = "score"              // an indicator's published score differs from the recomputed one
	ProblemAboveWeight  = "score_above_weight" // a published score exceeds its weight
	ProblemUnverifiable = "unverifiable"       // a published score whose actual value cannot be scored
	ProblemBudget       = "budget_score"       // the budget execution score differs
	ProblemTotal        = "total"              // the published total differs from the recomputed total
	ProblemTotalSum     = "total_sum"          // the published total is not the sum of the published scores
	ProblemWeights      = "weights_total"      // the weights do not add up to 100
	ProblemGrade        = "grade"              // the published grade differs from the recomputed one
)

// Problem is one disagreement between a published figure and its
// recomputation, or an arithmetic error inside the published table.
type Problem struct {
	Kind      string `json:"kind"`
	Indicator int    `json:"indicator,omitempty"` // the indicator's Seq; 0 for the project
	Where     string `json:"where,omitempty"`
	Message   string `json:"message"`
}

// Report is the verification of a Sheet (schema jixiao.score/v1).
type Report struct {
	Schema     string           `json:"schema"`
	File       string           `json:"file"`
	FiscalYear int              `json:"fiscal_year,omitempty"`
	MoneyUnit  jixiao.MoneyUnit `json:"money_unit"`
	Tolerance  jixiao.Decimal   `json:"tolerance"`
	Agree      bool             `json:"agree"` // no problem anywhere
	Summary    Summary          `json:"summary"`
	Projects   []ProjectReport  `json:"projects"`
}

// Summary counts a Report.
type Summary struct {
	Projects             int `json:"projects"`
	Indicators           int `json:"indicators"`
	Problems             int `json:"problems"`
	ProjectsWithProblems int `json:"projects_with_problems"`
}

// ProjectReport is one project: the recomputation, the published figures
// beside it, and the problems.
type ProjectReport struct {
	Name           string            `json:"name"`
	Where          string            `json:"where,omitempty"`
	Indicators     []IndicatorReport `json:"indicators"`
	Budget         BudgetReport      `json:"budget"`
	WeightTotal    jixiao.Decimal    `json:"weight_total"`
	Total          jixiao.Decimal    `json:"total"`
	Grade          string            `json:"grade"`
	Published      PublishedTotals   `json:"published"`
	TotalDiff      jixiao.Decimal    `json:"total_diff,omitzero"` // published − recomputed
	TotalCheck     Check             `json:"total_check"`
	TotalExplained Explanation       `json:"total_explanation"`
	GradeExplained Explanation       `json:"grade_explanation"`
	Notes          []string          `json:"notes,omitempty"`
	Problems       []Problem         `json:"problems"`
}

// PublishedTotals are the project-level figures as published.
type PublishedTotals struct {
	Total jixiao.Decimal `json:"total,omitzero"`
	// Sum is the sum of the published scores (indicators and budget line),
	// when every one of them is published.
	Sum   jixiao.Decimal `json:"sum,omitzero"`
	Grade string         `json:"grade,omitempty"`
}

// IndicatorReport is one indicator's recomputation beside its published
// score.
type IndicatorReport struct {
	Where  string `json:"where,omitempty"`
	Level1 string `json:"level1"`
	Level2 string `json:"level2"`
	IndicatorResult
	WeightSource string         `json:"weight_source"` // "published" (分值 in the file) or "allocated" (from the settings)
	Published    jixiao.Decimal `json:"published,omitzero"`
	Diff         jixiao.Decimal `json:"diff,omitzero"` // published − recomputed (for a band: distance outside it)
	Check        Check          `json:"check"`
	// AsPublished is set when the indicator cannot be scored and its
	// published score stands in for it in the recomputed total.
	AsPublished bool   `json:"as_published,omitempty"`
	Deviation   string `json:"deviation,omitempty"` // 偏差原因分析及改进措施, as published
}

// BudgetReport is the budget execution line beside its published score.
type BudgetReport struct {
	BudgetResult
	Where     string         `json:"where,omitempty"`
	Published jixiao.Decimal `json:"published,omitzero"`
	Diff      jixiao.Decimal `json:"diff,omitzero"`
	Check     Check          `json:"check"`
	// AsPublished is set when the budget figures are missing and the
	// published score stands in for them in the recomputed total.
	AsPublished bool `json:"as_published,omitempty"`
}

// SchemaScore names the JSON form of a Report.
const SchemaScore = "jixiao.score/v1"

// Verify recomputes every score of a sheet under the settings and compares
// the published figures: each indicator's score (within s.Tolerance; for a
// qualitative indicator graded without a share, anywhere in its band), the
// budget line, the total (against the recomputation and against the sum
// of the published scores), the weights (they must add up to 100) and the
// grade. Published weights (分值) are taken as given: they are what the
// unit scored against, and their sum is checked.
//
// Where a figure cannot be recomputed — an actual value that cannot be
// compared with its target (reported as unverifiable), budget figures that
// are missing — its published score stands in for it in the recomputed
// total, so that the total still checks everything else. A qualitative
// indicator graded without a share agrees anywhere in its band, and the
// grader's score is then the score.
func Verify(sh Sheet, s Settings) Report {
	unit := sh.MoneyUnit
	if _, ok := unit.FenPer(); !ok {
		unit = jixiao.WanYuan
	}
	rep := Report{Schema: SchemaScore, File: sh.File, FiscalYear: sh.FiscalYear, MoneyUnit: unit, Tolerance: s.Tolerance, Projects: []ProjectReport{}}
	tol := ratOf(s.Tolerance)
	for _, sp := range sh.Projects {
		pr := verifyProject(sp, sh.FiscalYear, unit, s, tol)
		rep.Summary.Projects++
		rep.Summary.Indicators += len(pr.Indicators)
		rep.Summary.Problems += len(pr.Problems)
		if len(pr.Problems) > 0 {
			rep.Summary.ProjectsWithProblems++
		}
		rep.Projects = append(rep.Projects, pr)
	}
	rep.Agree = rep.Summary.Problems == 0
	return rep
}

func verifyProject(sp SheetProject, year int, unit jixiao.MoneyUnit, s Settings, tol *big.Rat) ProjectReport {
	in := ProjectInput{Name: sp.Name, FiscalYear: year, MoneyUnit: unit, Budget: sp.Budget, Executed: sp.Executed, BudgetWeight: sp.BudgetWeight}
	for i := range sp.Indicators {
		si := &sp.Indicators[i]
		ind := si.Indicator
		if ind.Seq == 0 {
			ind.Seq = i + 1
		}
		in.Indicators = append(in.Indicators, IndicatorInput{Indicator: &ind, Actual: si.Actual, Attainment: si.Attainment, Share: si.Share})
	}
	res := Evaluate(in, s)
	pr := ProjectReport{Name: sp.Name, Where: sp.Where, Indicators: []IndicatorReport{}, Problems: []Problem{}}

	// The budget line first: its published score may stand in for missing figures.
	br := BudgetReport{BudgetResult: res.Budget, Where: sp.BudgetScoreWhere, Published: sp.BudgetScore, Check: Unpublished}
	if sp.BudgetScore.IsSet() {
		switch res.Budget.Status {
		case StatusMissing:
			br.AsPublished, br.Check = true, Unverifiable
			res.Budget.Score = dec2(sp.BudgetScore.Rat())
			res.Budget.Explanation.note(fmt.Sprintf("无法复核，按公布的 %s 计入总分", fmt2(sp.BudgetScore.Rat())))
			br.BudgetResult = res.Budget
		case StatusInvalid:
			br.Check = Unverifiable
			pr.Problems = append(pr.Problems, Problem{Kind: ProblemUnverifiable, Where: sp.BudgetScoreWhere,
				Message: fmt.Sprintf("预算执行率：%s，无法复核公布得分 %s", res.Budget.Reason, fmt2(sp.BudgetScore.Rat()))})
		default:
			diff := sub(sp.BudgetScore.Rat(), res.Budget.Score.Rat())
			br.Diff, br.Check = dec2(diff), Agree
			if abs(diff).Cmp(tol) > 0 {
				br.Check = Disagree
				pr.Problems = append(pr.Problems, Problem{Kind: ProblemBudget, Where: sp.BudgetScoreWhere,
					Message: fmt.Sprintf("预算执行率：公布得分 %s，复核 %s，差 %s", fmt2(sp.BudgetScore.Rat()), fmt2(res.Budget.Score.Rat()), signed(diff))})
			}
		}
		if w := res.Budget.Weight; w.IsSet() && sp.BudgetScore.Cmp(w) > 0 {
			pr.Problems = append(pr.Problems, Problem{Kind: ProblemAboveWeight, Where: sp.BudgetScoreWhere,
				Message: fmt.Sprintf("预算执行率：公布得分 %s 超过权重 %s", fmt2(sp.BudgetScore.Rat()), w)})
		}
	}
	pr.Budget = br

	var indProblems []Problem
	pubSum, allPublished := new(big.Rat), sp.BudgetScore.IsSet()
	for i := range res.Indicators {
		ir := &res.Indicators[i]
		si := sp.Indicators[i]
		rep := IndicatorReport{Where: si.Where, Level1: si.Indicator.Level1.Name, Level2: si.Indicator.Level2.Name,
			WeightSource: "allocated", Published: si.Score, Check: Unpublished, Deviation: si.Deviation}
		if si.Indicator.Weight.IsSet() {
			rep.WeightSource = "published"
		}
		label := fmt.Sprintf("第 %d 个指标“%s”", ir.Seq, ir.Name)
		where := si.ScoreWhere
		if where == "" {
			where = si.Where
		}
		if !si.Score.IsSet() {
			allPublished = false
		} else {
			pub := si.Score.Rat()
			pubSum.Add(pubSum, pub)
			switch {
			case ir.Status == StatusInvalid:
				// Cannot be checked: the published score stands in, so
				// that the total still checks everything else.
				rep.Check, rep.AsPublished = Unverifiable, true
				ir.Score = dec2(pub)
				ir.Explanation.note(fmt.Sprintf("无法复核，按公布的 %s 计入总分", fmt2(pub)))
				indProblems = append(indProblems, Problem{Kind: ProblemUnverifiable, Indicator: ir.Seq, Where: where,
					Message: fmt.Sprintf("%s：%s，无法复核公布得分 %s", label, ir.Reason, fmt2(pub))})
			case ir.ScoreMin.IsSet():
				lo, hi := ir.ScoreMin.Rat(), ir.ScoreMax.Rat()
				diff := new(big.Rat)
				switch {
				case pub.Cmp(lo) < 0:
					diff = sub(pub, lo)
				case pub.Cmp(hi) > 0:
					diff = sub(pub, hi)
				}
				rep.Diff, rep.Check = dec2(diff), Agree
				if abs(diff).Cmp(tol) > 0 {
					rep.Check = Disagree
					indProblems = append(indProblems, Problem{Kind: ProblemScore, Indicator: ir.Seq, Where: where,
						Message: fmt.Sprintf("%s：公布得分 %s 不在%s可得的 %s–%s 分之内", label, fmt2(pub), si.attainment(), fmt2(lo), fmt2(hi))})
				} else {
					// The grader's choice within the band is the score.
					ir.Score = dec2(clamp(pub, hi))
					ir.Explanation = decision("qualitative.graded", Lookup("qualitative.graded").Formula,
						fmt2(lo)+" ≤ "+fmt2(pub)+" ≤ "+fmt2(hi), fmt2(ir.Score.Rat()), ir.Explanation.Inputs...)
				}
			default:
				diff := sub(pub, ir.Score.Rat())
				rep.Diff, rep.Check = dec2(diff), Agree
				if abs(diff).Cmp(tol) > 0 {
					rep.Check = Disagree
					indProblems = append(indProblems, Problem{Kind: ProblemScore, Indicator: ir.Seq, Where: where,
						Message: fmt.Sprintf("%s：公布得分 %s，复核 %s，差 %s", label, fmt2(pub), fmt2(ir.Score.Rat()), signed(diff))})
				}
			}
			if ir.Weight.IsSet() && si.Score.Cmp(ir.Weight) > 0 {
				indProblems = append(indProblems, Problem{Kind: ProblemAboveWeight, Indicator: ir.Seq, Where: where,
					Message: fmt.Sprintf("%s：公布得分 %s 超过权重 %s", label, fmt2(pub), ir.Weight)})
			}
		}
		rep.IndicatorResult = *ir
		pr.Indicators = append(pr.Indicators, rep)
	}
	res.total(s)
	pr.Problems = append(indProblems, pr.Problems...)

	if res.WeightTotal.Cmp(jixiao.MustDecimal("100")) != 0 {
		pr.Problems = append(pr.Problems, Problem{Kind: ProblemWeights, Where: sp.Where,
			Message: fmt.Sprintf("权重合计 %s，应为 100（%s）", res.WeightTotal, weightParts(pr))})
	}
	pr.WeightTotal, pr.Total, pr.Grade = res.WeightTotal, res.Total, res.Grade
	pr.TotalExplained, pr.GradeExplained, pr.Notes = res.TotalExplanation, res.GradeExplanation, notesBut(res.Notes, "权重合计")
	pr.Published = PublishedTotals{Total: sp.Total, Grade: sp.Grade}
	if allPublished {
		pubSum.Add(pubSum, sp.BudgetScore.Rat())
		pr.Published.Sum = dec2(pubSum)
	}
	pr.TotalCheck = Unpublished
	if sp.Total.IsSet() {
		diff := sub(sp.Total.Rat(), res.Total.Rat())
		pr.TotalDiff, pr.TotalCheck = dec2(diff), Agree
		if abs(diff).Cmp(tol) > 0 {
			pr.TotalCheck = Disagree
			pr.Problems = append(pr.Problems, Problem{Kind: ProblemTotal, Where: sp.TotalWhere,
				Message: fmt.Sprintf("总分：公布 %s，复核 %s，差 %s", fmt2(sp.Total.Rat()), fmt2(res.Total.Rat()), signed(diff))})
		}
		if allPublished && abs(sub(sp.Total.Rat(), pubSum)).Cmp(tol) > 0 {
			pr.Problems = append(pr.Problems, Problem{Kind: ProblemTotalSum, Where: sp.TotalWhere,
				Message: fmt.Sprintf("公布总分 %s 不等于公布的各项得分之和 %s", fmt2(sp.Total.Rat()), fmt2(pubSum))})
		}
	}
	if sp.Grade != "" && sp.Grade != res.Grade {
		pr.Problems = append(pr.Problems, Problem{Kind: ProblemGrade, Where: sp.GradeWhere,
			Message: fmt.Sprintf("等级：公布“%s”，按复核总分 %s 应为“%s”", sp.Grade, fmt2(res.Total.Rat()), res.Grade)})
	}
	return pr
}

func (si SheetIndicator) attainment() Attainment {
	if si.Attainment != "" {
		return si.Attainment
	}
	a, _, _ := ParseAttainment(si.Actual)
	return a
}

// weightParts lists the weight of each category and the budget line:
// "产出 60 + 效益 30 + 满意度 10 + 预算执行率 10".
func weightParts(pr ProjectReport) string {
	sums := map[Group]*big.Rat{}
	var order []Group
	for _, ir := range pr.Indicators {
		g := ir.Group
		if g == "" {
			g = Group(ir.Level1)
		}
		if sums[g] == nil {
			sums[g] = new(big.Rat)
			order = append(order, g)
		}
		sums[g].Add(sums[g], ratOf(ir.Weight))
	}
	out := ""
	for _, g := range order {
		out += fmt.Sprintf("%s %s + ", g, fmtRat(sums[g]))
	}
	return out + "预算执行率 " + fmtRat(ratOf(pr.Budget.Weight))
}

func notesBut(notes []string, prefix string) []string {
	var out []string
	for _, n := range notes {
		if len(n) < len(prefix) || n[:len(prefix)] != prefix {
			out = append(out, n)
		}
	}
	return out
}

// signed prints a difference with its sign and two decimals: "+0.32", "-1.00".
func signed(r *big.Rat) string {
	if r.Sign() > 0 {
		return "+" + fmt2(r)
	}
	return fmt2(r)
}
