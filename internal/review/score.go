package review

import (
	"math"

	"jixiao"
)

// Quality is the review's verdict on a project or a table.
type Quality struct {
	Score    float64 // 0–100, one decimal
	Grade    string  // 优 / 良 / 中 / 差
	Errors   int
	Warnings int
	Infos    int
	Note     string // why the grade is lower than the score alone gives; "" when it is not
}

// Notes for a capped grade.
const (
	NoteErrorCap   = "有错误，须改正后才能通过，最高为良"
	NoteRewriteCap = "缺少绩效目标、指标或产出、效益指标，须重新设定，最高为中"
)

// rewriteRules are the errors that mean the targets must be set again, not
// corrected: no goal, no indicators, no 产出 or no 效益. They cap the grade
// at 中 (returned to be redone).
var rewriteRules = map[string]bool{
	"COMP-GOAL-MISSING": true, "COMP-NO-INDICATORS": true, "COMP-NO-OUTPUT": true, "COMP-NO-BENEFIT": true,
}

// Grades and what they mean for a submission (财预〔2015〕88号): 优 goes
// ahead into the budget; 良 goes ahead once the unit has fixed it after
// consultation; 中 is returned to be revised and resubmitted; 差 stops the
// project from entering the budget.
const (
	GradeExcellent = "优"
	GradeGood      = "良"
	GradeFair      = "中"
	GradePoor      = "差"
)

// Penalties of the score formula (points off 100).
const (
	PenaltyError   = 15.0
	PenaltyWarning = 5.0
	PenaltyInfo    = 1.0
	// RepeatCap: a rule counts at most this many times per project (and per
	// table for table-level findings), so one habit repeated on every
	// indicator lowers the score without drowning everything else.
	RepeatCap = 3
)

// Score computes the quality of a table and of each project from the
// findings of Table (with their effective severities):
//
//	project score = max(0, 100 − Σ over rules of min(count, 3) × penalty)
//	                penalty: error 15, warning 5, info 1
//	table score   = max(0, mean of the project scores − table-level penalties)
//	                (table-level findings: arithmetic of 合计/小计, table-wide notes;
//	                 a table without projects starts from 100)
//	grade         = 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 < 60 (the DESIGN §6 bands),
//	                then capped: any error caps it at 良 (it must be fixed
//	                before the targets go ahead); an error that means the
//	                targets must be set again — no goal, no indicators, no
//	                产出 or 效益 指标 — caps it at 中 (returned to be redone).
//	                A table's grade takes the caps of all its findings: it can
//	                go ahead only when every project can.
//
// Scores are rounded to one decimal. perProject is keyed by project name;
// projects with the same name share an entry (HYG-DUP-PROJECT reports them).
func Score(t *jixiao.Table, fs []jixiao.Finding) (table Quality, perProject map[string]Quality) {
	type tally struct {
		q       Quality
		counts  map[string]int
		pen     float64
		rewrite bool
	}
	add := func(tl *tally, f jixiao.Finding) {
		if tl.counts == nil {
			tl.counts = map[string]int{}
		}
		tl.counts[f.Rule]++
		pen := 0.0
		switch f.Severity {
		case jixiao.SeverityError:
			tl.q.Errors++
			pen = PenaltyError
			tl.rewrite = tl.rewrite || rewriteRules[f.Rule]
		case jixiao.SeverityWarning:
			tl.q.Warnings++
			pen = PenaltyWarning
		default:
			tl.q.Infos++
			pen = PenaltyInfo
		}
		if tl.counts[f.Rule] <= RepeatCap {
			tl.pen += pen
		}
	}

	projects := map[string]*tally{}
	var order []string
	if t != nil {
		for _, p := range t.Projects() {
			if _, ok := projects[p.Name]; !ok {
				projects[p.Name] = &tally{}
				order = append(order, p.Name)
			}
		}
	}
	top := &tally{}
	all := Quality{}
	rewrite := false
	for _, f := range fs {
		switch f.Severity {
		case jixiao.SeverityError:
			all.Errors++
			rewrite = rewrite || rewriteRules[f.Rule]
		case jixiao.SeverityWarning:
			all.Warnings++
		default:
			all.Infos++
		}
		tl, ok := projects[f.Project]
		if f.Project == "" || !ok {
			add(top, f)
			continue
		}
		add(tl, f)
	}

	perProject = make(map[string]Quality, len(projects))
	sum := 0.0
	for _, name := range order {
		tl := projects[name]
		tl.q.Score = round1(math.Max(0, 100-tl.pen))
		tl.q.Grade, tl.q.Note = grade(tl.q.Score, tl.q.Errors > 0, tl.rewrite)
		perProject[name] = tl.q
		sum += tl.q.Score
	}
	mean := 100.0
	if len(order) > 0 {
		mean = sum / float64(len(order))
	}
	all.Score = round1(math.Max(0, mean-top.pen))
	all.Grade, all.Note = grade(all.Score, all.Errors > 0, rewrite)
	return all, perProject
}

func grade(score float64, hasError, rewrite bool) (g, note string) {
	g = GradePoor
	switch {
	case score >= 90:
		g = GradeExcellent
	case score >= 80:
		g = GradeGood
	case score >= 60:
		g = GradeFair
	}
	if rewrite && (g == GradeExcellent || g == GradeGood) {
		return GradeFair, NoteRewriteCap
	}
	if hasError && g == GradeExcellent {
		return GradeGood, NoteErrorCap
	}
	return g, ""
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }
