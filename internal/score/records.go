package score

import (
	"time"

	"jixiao"
)

// Records the web app stores: what units report during the year (运行监控)
// and at its end (绩效自评). They hold only what people typed or decided;
// lights, scores and grades are derived from them with the region's
// Settings whenever they are shown (Lights, Input → Evaluate), so that a
// settings change or a corrected target is reflected at once. A published
// evaluation freezes its result in ProjectEvaluation.Result.
//
// Dates are calendar dates: only the year, month and day of a time.Time
// count (store them as DATE, UTC midnight).

// IndicatorProgress is the monitoring record (监控记录) of one indicator as
// of a date.
type IndicatorProgress struct {
	Seq int // the indicator's Seq in its project (version of the table the project belongs to)
	// ActualToDate is the 截至当期实际完成值 as typed ("46%", "2场",
	// "2024-05-20", "是"); "" when not reported.
	ActualToDate string
	// Forecast is the 全年预计完成值 as typed; the light compares it with
	// the annual target. For a qualitative target use ForecastAttainment.
	Forecast           string
	ForecastAttainment Attainment // 预计达成程度 of a qualitative target
	DeviationReason    string     // 偏差原因 (required by the forms when the light is yellow or red)
	Measure            string     // 纠偏措施 / 改进措施
}

// ProjectProgress is a project's monitoring report as of a date: budget
// execution and the progress of each indicator (双监控).
type ProjectProgress struct {
	ID         int64
	ProjectID  int64
	FiscalYear int
	AsOf       time.Time  // 监控截止日期; its month is the month of the budget warning value
	Budget     jixiao.Fen // 全年预算数 as of the date (after adjustments)
	Executed   jixiao.Fen // 截至当期执行数
	Indicators []IndicatorProgress
	Note       string // 总体情况说明
	RecordedBy string
	RecordedAt time.Time
}

// ProgressLights are the derived lights of a monitoring report.
type ProgressLights struct {
	Budget     Light
	Indicators []IndicatorLightResult
}

// IndicatorLightResult is the light of one indicator in a report.
type IndicatorLightResult struct {
	Seq   int
	Name  string
	Light Light
}

// Lights derives the budget light and each indicator's light of a report
// for project p (whose indicators the Seq numbers refer to). An indicator
// without a record has no light (NoLight, "未填报").
func (pp ProjectProgress) Lights(p *jixiao.Project, unit jixiao.MoneyUnit, s Settings) ProgressLights {
	out := ProgressLights{Budget: BudgetLight(pp.Budget, pp.Executed, int(pp.AsOf.Month()), unit, s)}
	bySeq := map[int]IndicatorProgress{}
	for _, ip := range pp.Indicators {
		bySeq[ip.Seq] = ip
	}
	for _, ind := range p.Indicators {
		ip, ok := bySeq[ind.Seq]
		l := Light{Color: NoLight, Reason: "未填报"}
		if ok {
			l = IndicatorLight(IndicatorInput{Indicator: ind, Actual: ip.Forecast, Attainment: ip.ForecastAttainment}, pp.FiscalYear, s)
		}
		out.Indicators = append(out.Indicators, IndicatorLightResult{Seq: ind.Seq, Name: ind.Name, Light: l})
	}
	return out
}

// IndicatorEvaluation is the year-end record of one indicator.
type IndicatorEvaluation struct {
	Seq    int
	Actual string // 全年实际完成值 as typed
	// Attainment and Share grade a qualitative indicator: 达成 / 部分达成 /
	// 未达成, and the grader's share of the weight within the band (unset:
	// the band's default).
	Attainment Attainment
	Share      jixiao.Decimal
	// DeviationAnalysis is 偏差原因分析及改进措施: why the target was missed
	// or far exceeded, and what will change.
	DeviationAnalysis string
}

// ProjectEvaluation is a project's self-evaluation (绩效自评) for a year.
type ProjectEvaluation struct {
	ID         int64
	ProjectID  int64
	FiscalYear int
	Budget     *jixiao.Fen // 全年预算数; nil until entered
	Executed   *jixiao.Fen // 全年执行数; nil until entered
	Indicators []IndicatorEvaluation
	// Summary is 总体目标完成情况; Problems 存在的问题; Improvements 改进措施.
	Summary      string
	Problems     string
	Improvements string
	EvaluatedBy  string
	EvaluatedAt  time.Time
	// Region names the Settings the result was computed under.
	Region string
	// Result is frozen when the evaluation is submitted or published, so
	// that a later settings change does not rewrite a published score;
	// nil for a draft (compute it with Evaluate(e.Input(p), s)).
	Result *ProjectResult
}

// Input joins the records to project p's indicators for Evaluate. An
// indicator without a record is scored as missing.
func (e ProjectEvaluation) Input(p *jixiao.Project, unit jixiao.MoneyUnit) ProjectInput {
	in := ProjectInput{Name: p.Name, FiscalYear: e.FiscalYear, MoneyUnit: unit, Budget: e.Budget, Executed: e.Executed}
	bySeq := map[int]IndicatorEvaluation{}
	for _, ie := range e.Indicators {
		bySeq[ie.Seq] = ie
	}
	for _, ind := range p.Indicators {
		ie := bySeq[ind.Seq]
		in.Indicators = append(in.Indicators, IndicatorInput{Indicator: ind, Actual: ie.Actual, Attainment: ie.Attainment, Share: ie.Share})
	}
	return in
}
