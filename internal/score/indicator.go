package score

import (
	"fmt"
	"math/big"
	"strings"

	"jixiao"
	"jixiao/internal/value"
)

// Status says whether an indicator (or the budget line) could be scored.
type Status string

const (
	StatusScored  Status = "scored"
	StatusMissing Status = "missing" // 未填实际值: scores 0, said apart so that a form can ask for it
	StatusInvalid Status = "invalid" // the actual cannot be compared with the target: scores 0, with the reason
)

// Direction is how a numeric target is scored.
type Direction string

const (
	Positive Direction = "positive" // 正向: more is better (≥ >, or a bare number)
	Negative Direction = "negative" // 反向: less is better (≤ <, or the name: 投诉, 故障, 成本 …)
	Equal    Direction = "equal"    // 等于: an explicit "=": any deviation counts
	Range    Direction = "range"    // 区间: 95%–98%, ±5%以内
)

// IndicatorInput is what self-evaluation needs of one indicator: the
// indicator (category, name, unit, hand-set direction, annual target,
// optional weight) and what the unit reports.
type IndicatorInput struct {
	Indicator *jixiao.Indicator
	// Actual is the 实际完成值 as typed: a number with or without unit, a
	// completion date, 是/否, or for a qualitative target an attainment
	// (optionally with a share: "部分达成 70%"). "" (or "-", "/") is
	// missing.
	Actual string
	// Attainment and Share grade a qualitative target when they are kept
	// apart from Actual (a form's select and number field); they win over
	// what Actual says.
	Attainment Attainment
	Share      jixiao.Decimal // percent of the weight, within the attainment's band
}

// IndicatorResult is the score of one indicator and how it was reached.
type IndicatorResult struct {
	Seq       int               `json:"seq"`
	Name      string            `json:"name"`
	Group     Group             `json:"group"` // the weight category: 产出, 效益, 满意度, 成本
	Kind      jixiao.TargetKind `json:"kind"`
	Direction Direction         `json:"direction,omitempty"` // numeric targets only
	Target    string            `json:"target"`              // the annual target as read (normalised text)
	Actual    string            `json:"actual"`              // as given
	Weight    jixiao.Decimal    `json:"weight"`
	Status    Status            `json:"status"`
	Met       bool              `json:"met"`
	Score     jixiao.Decimal    `json:"score"` // two decimals
	// ScoreMin and ScoreMax are set for a qualitative indicator graded
	// without a share: any score in the band is the grader's to give, and
	// Score is the band's default.
	ScoreMin    jixiao.Decimal `json:"score_min,omitzero"`
	ScoreMax    jixiao.Decimal `json:"score_max,omitzero"`
	Reason      string         `json:"reason,omitempty"` // why missing or invalid
	Explanation Explanation    `json:"explanation"`
}

// outcome is the judgement of an actual (or forecast) against a target,
// before a weight is applied: met or not, the share of the weight earned
// (frac, 0–1), and how to say it.
type outcome struct {
	status Status
	reason string // missing or invalid
	met    bool
	frac   *big.Rat
	rule   string
	dir    Direction
	// arithmetic rules: the share as a formula and with numbers;
	// decisions: the comparison with numbers in expr.
	arith   bool
	formula string
	expr    string
	inputs  []Input
	notes   []string
	// qualitative graded without a share: the band, in percent
	bandMin, bandMax *big.Rat
}

// words name the value being judged: 实际值 at evaluation, 预计值 in
// monitoring.
type words struct {
	value, date string
}

var (
	actualWords   = words{"实际值", "完成日期"}
	forecastWords = words{"预计值", "预计完成日期"}
)

// ScoreIndicator scores one indicator with the weight allocated to it (see
// Allocate). fiscalYear dates deadlines written without a year ("12月31日前").
func ScoreIndicator(in IndicatorInput, weight jixiao.Decimal, fiscalYear int, s Settings) IndicatorResult {
	ind := in.Indicator
	if ind == nil {
		ind = &jixiao.Indicator{}
	}
	t := target(ind, fiscalYear)
	r := IndicatorResult{Seq: ind.Seq, Name: ind.Name, Kind: t.Kind, Target: targetText(t), Actual: in.Actual, Weight: weight}
	r.Group, _ = groupOf(ind, s)
	o := judge(in, t, fiscalYear, s, actualWords)
	r.Status, r.Met, r.Direction, r.Reason = o.status, o.met, o.dir, o.reason
	w := ratOf(weight)
	wText := fmtRat(w)
	wIn := Input{Name: "权重", Value: wText}
	switch {
	case o.status == StatusMissing:
		r.Score = dec2(new(big.Rat))
		r.Explanation = decision("missing", "未填实际值，记0分", "", "0.00", wIn)
	case o.status == StatusInvalid:
		r.Score = dec2(new(big.Rat))
		r.Explanation = decision("invalid", "实际值无法与目标值比较，记0分", o.reason, "0.00", append(o.inputs, wIn)...)
	case o.arith:
		score := round2(mul(o.frac, w))
		r.Score = dec2(score)
		r.Explanation = arithmetic(o.rule, o.formula+"×权重", o.expr+"×"+wText, fmt2(score), append(o.inputs, wIn)...)
	default:
		score := round2(mul(o.frac, w))
		r.Score = dec2(score)
		r.Explanation = decision(o.rule, Lookup(o.rule).Formula, o.expr, fmt2(score), append(o.inputs, wIn)...)
	}
	if o.bandMin != nil {
		lo, hi := round2(quo(mul(o.bandMin, w), hundred)), round2(quo(mul(o.bandMax, w), hundred))
		r.ScoreMin, r.ScoreMax = dec2(lo), dec2(hi)
		o.notes = append(o.notes, fmt.Sprintf("评分人未给出得分比例，按%s的默认比例计；该档可得 %s–%s 分", in.attainmentFor(), fmt2(lo), fmt2(hi)))
	}
	for _, n := range o.notes {
		r.Explanation.note(n)
	}
	return r
}

func (in IndicatorInput) attainmentFor() Attainment {
	if in.Attainment != "" {
		return in.Attainment
	}
	a, _, _ := ParseAttainment(in.Actual)
	return a
}

// Lookup returns the catalogue entry of a rule ID (zero Rule when unknown).
func Lookup(id string) Rule {
	for _, r := range Rules {
		if r.ID == id {
			return r
		}
	}
	return Rule{}
}

// target returns the annual target, parsed if only its raw text is set.
// The indicator's 计量单位 stands in for a unit the value does not write.
func target(ind *jixiao.Indicator, fiscalYear int) jixiao.Target {
	t := ind.Annual
	if t.Kind == "" && strings.TrimSpace(t.Raw) != "" {
		t = value.Parse(t.Raw, value.Context{FiscalYear: fiscalYear, IndicatorName: ind.Name})
	}
	if t.Kind == jixiao.KindDeadline && t.Date == "" && fiscalYear > 0 {
		t = value.Parse(t.Raw, value.Context{FiscalYear: fiscalYear, IndicatorName: ind.Name})
	}
	if t.Kind == jixiao.KindNumeric && t.Unit == "" && strings.TrimSpace(ind.Unit) != "" {
		t.Unit = value.Normalize(ind.Unit)
		if t.Unit == "百分比" {
			t.Unit = "%"
		}
	}
	return t
}

func targetText(t jixiao.Target) string {
	if t.Text != "" {
		return t.Text
	}
	return strings.TrimSpace(t.Raw)
}

// isBlank reports a value that gives nothing: empty, or a dash or slash
// that a spreadsheet uses for "not applicable".
func isBlank(s string) bool {
	switch strings.TrimSpace(s) {
	case "", "-", "—", "－", "/", "／", "——":
		return true
	}
	return false
}

// judge compares the actual (or forecast) with the target.
func judge(in IndicatorInput, t jixiao.Target, fiscalYear int, s Settings, w words) outcome {
	ind := in.Indicator
	if ind == nil {
		ind = &jixiao.Indicator{}
	}
	if t.Kind == "" {
		return invalid("年度指标值为空，无法评分")
	}
	if isBlank(in.Actual) && in.Attainment == "" {
		return outcome{status: StatusMissing, reason: "未填" + w.value}
	}
	switch t.Kind {
	case jixiao.KindNumeric:
		return judgeNumeric(in, ind, t, fiscalYear, s, w)
	case jixiao.KindDeadline:
		return judgeDeadline(in, t, fiscalYear, w)
	case jixiao.KindBoolean:
		return judgeBoolean(in, t, w)
	}
	return judgeQualitative(in, s, w)
}

func invalid(reason string, inputs ...Input) outcome {
	return outcome{status: StatusInvalid, reason: reason, frac: new(big.Rat), inputs: inputs}
}

// ScoringDirection is how a numeric target scores: a range is a range;
// a hand-set direction wins; then the written comparator (≥ > positive,
// ≤ < negative, an explicit "=" equal); a bare number (implicit "=") takes
// the direction of the name (value.Direction: 投诉, 故障, 成本 … negative)
// and is positive when the name says nothing, since a bare number in a
// published table is the amount to achieve.
func ScoringDirection(ind *jixiao.Indicator, t jixiao.Target) Direction {
	if t.Op == jixiao.OpRange {
		return Range
	}
	switch ind.Direction {
	case jixiao.DirectionPositive:
		return Positive
	case jixiao.DirectionNegative:
		return Negative
	}
	switch t.Op {
	case jixiao.OpGE, jixiao.OpGT:
		return Positive
	case jixiao.OpLE, jixiao.OpLT:
		return Negative
	case jixiao.OpEQ:
		if !t.ImplicitOp {
			return Equal
		}
	}
	probe := *ind
	probe.Annual, probe.Period = jixiao.Target{}, jixiao.Target{} // the name alone
	if value.Direction(&probe) == jixiao.DirectionNegative {
		return Negative
	}
	return Positive
}

// paren puts a negative number in brackets inside an expression.
func paren(r *big.Rat) string {
	if r.Sign() < 0 {
		return "(" + fmtRat(r) + ")"
	}
	return fmtRat(r)
}

func judgeNumeric(in IndicatorInput, ind *jixiao.Indicator, t jixiao.Target, fiscalYear int, s Settings, w words) outcome {
	a := value.Parse(in.Actual, value.Context{FiscalYear: fiscalYear, IndicatorName: ind.Name})
	aIn := Input{Name: w.value, Value: strings.TrimSpace(in.Actual)}
	if a.Kind != jixiao.KindNumeric {
		return invalid(fmt.Sprintf("%s“%s”不是数字（年度指标值“%s”是数值）", w.value, strings.TrimSpace(in.Actual), targetText(t)), aIn)
	}
	if a.Op == jixiao.OpRange {
		return invalid(fmt.Sprintf("%s“%s”是区间，应为一个数", w.value, a.Text), aIn)
	}
	var notes []string
	if !a.ImplicitOp {
		notes = append(notes, fmt.Sprintf("%s带比较符“%s”，按 %s 计", w.value, a.Op, a.Value))
	}
	av := a.Value.Rat()
	tu, au := t.Unit, a.Unit
	switch {
	case au == "":
		au = tu
		if tu == "%" && av.Sign() > 0 && av.Cmp(ratInt(1)) <= 0 && t.Value.IsSet() && t.Value.Rat().Cmp(ratInt(1)) > 0 {
			notes = append(notes, fmt.Sprintf("%s %s 未写单位，按 %s%% 计；如为 %s%%，请写明 %%", w.value, a.Value, a.Value, fmtRat(mul(av, hundred))))
		}
	case tu == "":
		tu = au
		notes = append(notes, fmt.Sprintf("年度指标值未写单位，按%s的单位“%s”比较", w.value, au))
	}
	aIn = Input{Name: w.value, Value: a.Value.String(), Unit: au}
	if au != tu {
		conv, ok := convertUnit(av, au, tu)
		if !ok {
			return invalid(fmt.Sprintf("%s的单位“%s”与年度指标值的单位“%s”不能换算", w.value, au, tu), aIn)
		}
		notes = append(notes, fmt.Sprintf("%s %s%s 换算为 %s%s", w.value, a.Value, au, fmtRat(conv), tu))
		av = conv
		aIn = Input{Name: w.value, Value: fmtRat(conv), Unit: tu}
	}
	dir := ScoringDirection(ind, t)
	var o outcome
	if dir == Range {
		o = judgeRange(av, t.Value.Rat(), t.Max.Rat(), tu, aIn, w)
	} else {
		o = judgeDirected(dir, av, t, tu, aIn, s, w)
	}
	o.dir = dir
	o.notes = append(notes, o.notes...)
	return o
}

func judgeDirected(dir Direction, av *big.Rat, t jixiao.Target, unit string, aIn Input, s Settings, w words) outcome {
	tv := t.Value.Rat()
	tIn := Input{Name: "目标值", Value: t.Value.String(), Unit: unit}
	inputs := []Input{aIn, tIn}
	A, T := paren(av), paren(tv)     // inside arithmetic
	cA, cT := fmtRat(av), fmtRat(tv) // in a comparison
	met := func(rule, cmp string) outcome {
		return outcome{status: StatusScored, met: true, frac: ratInt(1), rule: rule, expr: cA + " " + cmp + " " + cT, inputs: inputs}
	}
	ratio := func(rule, formula, expr string, frac *big.Rat) outcome {
		o := outcome{status: StatusScored, frac: frac, rule: rule, arith: true, formula: formula, expr: expr, inputs: inputs}
		if frac.Sign() < 0 {
			o.frac = new(big.Rat)
			o.notes = append(o.notes, "按公式得分为负，记 0 分")
		}
		return o
	}
	zero := func(rule, expr string) outcome {
		return outcome{status: StatusScored, frac: new(big.Rat), rule: rule, expr: expr, inputs: inputs}
	}
	wv := w.value
	strictNote := func(o outcome) outcome {
		if av.Cmp(tv) == 0 && (t.Op == jixiao.OpGT || t.Op == jixiao.OpLT) {
			o.notes = append(o.notes, fmt.Sprintf("目标为“%s%s”，%s等于目标值，按达到计", t.Op, t.Value, wv))
		}
		return o
	}
	equalAsPositive := dir == Equal && s.Equal == EqualPositive
	if equalAsPositive {
		dir = Positive
	}
	switch dir {
	case Positive:
		if av.Cmp(tv) >= 0 {
			o := strictNote(met("positive.met", "≥"))
			if on := ratOf(s.OvershootNote); tv.Sign() > 0 && on.Sign() > 0 && av.Cmp(mul(tv, add(ratInt(1), quo(on, hundred)))) > 0 {
				over := round2(mul(quo(sub(av, tv), tv), hundred))
				o.notes = append(o.notes, fmt.Sprintf("%s超出目标值 %s%%：完成值高于指标值较多的，应分析原因，如系年初指标值设定明显偏低，按偏离度适度调减分值（财预〔2020〕10号）；此处未调减", wv, fmt2(over)))
			}
			if equalAsPositive {
				o.notes = append(o.notes, "写明“=”的目标值按正向计（equal_formula = \"positive\"）")
			}
			return o
		}
		switch tv.Sign() {
		case 1:
			return ratio("positive.ratio", wv+"/目标值", A+"/"+T, quo(av, tv))
		case 0:
			return zero("positive.zero", cA+" < 0")
		}
		return ratio("positive.deviation", "(1−(目标值−"+wv+")/|目标值|)", "(1−("+T+"−"+A+")/"+fmtRat(abs(tv))+")", sub(ratInt(1), quo(sub(tv, av), abs(tv))))
	case Negative:
		if av.Cmp(tv) <= 0 {
			return strictNote(met("negative.met", "≤"))
		}
		switch {
		case tv.Sign() == 0:
			return zero("negative.zero", cA+" > 0")
		case tv.Sign() < 0:
			o := ratio("negative.deviation", "(1−("+wv+"−目标值)/|目标值|)", "(1−("+A+"−"+T+")/"+fmtRat(abs(tv))+")", sub(ratInt(1), quo(sub(av, tv), abs(tv))))
			if s.Negative == NegativeRatio {
				o.notes = append(o.notes, "目标值为负，目标值/实际值公式不适用，按偏离度计")
			}
			return o
		case s.Negative == NegativeRatio:
			return ratio("negative.ratio", "目标值/"+wv, T+"/"+A, quo(tv, av))
		case av.Cmp(mul(ratInt(2), tv)) >= 0:
			return zero("negative.double", cA+" ≥ 2×"+T)
		}
		return ratio("negative.deviation", "(1−("+wv+"−目标值)/目标值)", "(1−("+A+"−"+T+")/"+T+")", sub(ratInt(1), quo(sub(av, tv), tv)))
	default: // Equal, deviation either way
		if av.Cmp(tv) == 0 {
			return met("equal.met", "=")
		}
		if tv.Sign() == 0 {
			return zero("equal.zero", cA+" ≠ 0")
		}
		if tv.Sign() < 0 {
			rule := "equal.below"
			if av.Cmp(tv) > 0 {
				rule = "equal.above"
			}
			return ratio(rule, "(1−|"+wv+"−目标值|/|目标值|)", "(1−|"+A+"−"+T+"|/"+fmtRat(abs(tv))+")", sub(ratInt(1), quo(abs(sub(av, tv)), abs(tv))))
		}
		if av.Cmp(tv) < 0 {
			return ratio("equal.below", wv+"/目标值", A+"/"+T, quo(av, tv))
		}
		return ratio("equal.above", "(1−("+wv+"−目标值)/目标值)", "(1−("+A+"−"+T+")/"+T+")", sub(ratInt(1), quo(sub(av, tv), tv)))
	}
}

func judgeRange(av, lo, hi *big.Rat, unit string, aIn Input, w words) outcome {
	inputs := []Input{aIn, {Name: "下限", Value: fmtRat(lo), Unit: unit}, {Name: "上限", Value: fmtRat(hi), Unit: unit}}
	A, L, H := paren(av), paren(lo), paren(hi)
	wv := w.value
	ratio := func(rule, formula, expr string, frac *big.Rat) outcome {
		o := outcome{status: StatusScored, frac: frac, rule: rule, arith: true, formula: formula, expr: expr, inputs: inputs}
		if frac.Sign() < 0 {
			o.frac = new(big.Rat)
			o.notes = append(o.notes, "按公式得分为负，记 0 分")
		}
		return o
	}
	switch {
	case av.Cmp(lo) >= 0 && av.Cmp(hi) <= 0:
		return outcome{status: StatusScored, met: true, frac: ratInt(1), rule: "range.met", expr: fmtRat(lo) + " ≤ " + fmtRat(av) + " ≤ " + fmtRat(hi), inputs: inputs}
	case av.Cmp(lo) < 0:
		switch lo.Sign() {
		case 1:
			return ratio("range.below", wv+"/下限", A+"/"+L, quo(av, lo))
		case 0:
			return outcome{status: StatusScored, frac: new(big.Rat), rule: "range.zero", expr: fmtRat(av) + " < 0", inputs: inputs}
		}
		return ratio("range.below", "(1−(下限−"+wv+")/|下限|)", "(1−("+L+"−"+A+")/"+fmtRat(abs(lo))+")", sub(ratInt(1), quo(sub(lo, av), abs(lo))))
	}
	if hi.Sign() == 0 {
		return outcome{status: StatusScored, frac: new(big.Rat), rule: "range.zero", expr: fmtRat(av) + " > 0", inputs: inputs}
	}
	if hi.Sign() < 0 {
		return ratio("range.above", "(1−("+wv+"−上限)/|上限|)", "(1−("+A+"−"+H+")/"+fmtRat(abs(hi))+")", sub(ratInt(1), quo(sub(av, hi), abs(hi))))
	}
	return ratio("range.above", "(1−("+wv+"−上限)/上限)", "(1−("+A+"−"+H+")/"+H+")", sub(ratInt(1), quo(sub(av, hi), hi)))
}

// Answers accepted for a deadline instead of a date.
var (
	onTimeWords = []string{"按时", "按期", "如期", "提前", "准时"}
	lateWords   = []string{"未按时", "未按期", "逾期", "延期", "滞后", "未完成", "推迟", "超期"}
)

func judgeDeadline(in IndicatorInput, t jixiao.Target, fiscalYear int, w words) outcome {
	if t.Date == "" {
		return invalid(fmt.Sprintf("年度指标值“%s”未写年份，需要给出预算年度", targetText(t)))
	}
	tIn := Input{Name: "时限", Value: t.Date}
	raw := strings.TrimSpace(in.Actual)
	norm := value.Normalize(raw)
	aIn := Input{Name: w.date, Value: raw}
	decided := func(met bool, expr string, inputs ...Input) outcome {
		o := outcome{status: StatusScored, met: met, frac: new(big.Rat), rule: "deadline.missed", expr: expr, inputs: inputs}
		if met {
			o.frac, o.rule = ratInt(1), "deadline.met"
		}
		return o
	}
	a := value.Parse(raw, value.Context{FiscalYear: fiscalYear})
	switch {
	case a.Kind == jixiao.KindDeadline && a.Date != "":
		aIn.Value = a.Date
		if a.Date <= t.Date {
			return decided(true, a.Date+" ≤ "+t.Date, aIn, tIn)
		}
		return decided(false, a.Date+" > "+t.Date, aIn, tIn)
	case a.Kind == jixiao.KindDeadline:
		return invalid(fmt.Sprintf("%s“%s”未写年份，需要给出预算年度", w.date, raw), aIn, tIn)
	case a.Kind == jixiao.KindBoolean:
		return decided(a.Bool, "按时完成："+raw, aIn, tIn)
	case containsAny(norm, lateWords):
		return decided(false, raw, aIn, tIn)
	case containsAny(norm, onTimeWords):
		return decided(true, raw, aIn, tIn)
	}
	return invalid(fmt.Sprintf("%s“%s”无法识别：应填写完成日期（如 2024-11-30）或“按时完成”“逾期”", w.date, raw), aIn, tIn)
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func judgeBoolean(in IndicatorInput, t jixiao.Target, w words) outcome {
	raw := strings.TrimSpace(in.Actual)
	tIn := Input{Name: "目标值", Value: yesNo(t.Bool)}
	var got bool
	a := value.Parse(raw, value.Context{})
	switch att, _, ok := ParseAttainment(raw); {
	case in.Attainment == Achieved || in.Attainment == "" && a.Kind != jixiao.KindBoolean && ok && att == Achieved:
		got = t.Bool // 达成: as the target says
	case in.Attainment == NotAchieved || in.Attainment == "" && a.Kind != jixiao.KindBoolean && ok && att == NotAchieved:
		got = !t.Bool
	case a.Kind == jixiao.KindBoolean:
		got = a.Bool
	default:
		return invalid(fmt.Sprintf("%s“%s”应为“是”或“否”", w.value, raw), Input{Name: w.value, Value: raw}, tIn)
	}
	aIn := Input{Name: w.value, Value: yesNo(got)}
	o := outcome{status: StatusScored, frac: new(big.Rat), rule: "boolean.missed", expr: yesNo(got) + " ≠ " + yesNo(t.Bool), inputs: []Input{aIn, tIn}}
	if got == t.Bool {
		o.met, o.frac, o.rule, o.expr = true, ratInt(1), "boolean.met", yesNo(got)+" = "+yesNo(t.Bool)
	}
	return o
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

func judgeQualitative(in IndicatorInput, s Settings, w words) outcome {
	att, share := in.Attainment, in.Share
	if att == "" {
		a, sh, ok := ParseAttainment(in.Actual)
		if !ok {
			return invalid(fmt.Sprintf("定性指标应填写达成程度：达成、部分达成或未达成（可附得分比例，如“部分达成 70%%”），实际为“%s”", strings.TrimSpace(in.Actual)),
				Input{Name: w.value, Value: strings.TrimSpace(in.Actual)})
		}
		att = a
		if !share.IsSet() {
			share = sh
		}
	}
	band := s.Qualitative.Band(att)
	aIn := Input{Name: "达成程度", Value: string(att)}
	bandText := fmt.Sprintf("%s%%–%s%%", band.Min, band.Max)
	if share.IsSet() {
		if share.Cmp(band.Min) < 0 || share.Cmp(band.Max) > 0 {
			return invalid(fmt.Sprintf("%s的得分比例应在 %s 之间，实际为 %s%%", att, bandText, share), aIn, Input{Name: "得分比例", Value: share.String(), Unit: "%"})
		}
		return outcome{status: StatusScored, met: att == Achieved, frac: quo(share.Rat(), hundred), rule: "qualitative.share", arith: true,
			formula: "得分比例（" + string(att) + " " + bandText + "）", expr: share.String() + "%",
			inputs: []Input{aIn, {Name: "得分比例", Value: share.String(), Unit: "%"}}}
	}
	return outcome{status: StatusScored, met: att == Achieved, frac: quo(band.Default.Rat(), hundred), rule: "qualitative.default", arith: true,
		formula: "默认比例（" + string(att) + " " + bandText + "）", expr: band.Default.String() + "%",
		inputs:  []Input{aIn, {Name: "默认比例", Value: band.Default.String(), Unit: "%"}},
		bandMin: band.Min.Rat(), bandMax: band.Max.Rat()}
}
