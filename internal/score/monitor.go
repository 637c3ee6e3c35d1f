package score

import (
	"fmt"
	"math/big"

	"jixiao"
)

// Color is a monitoring light (运行监控预警).
type Color string

const (
	Green  Color = "green"
	Yellow Color = "yellow"
	Red    Color = "red"
	// NoLight: nothing to judge yet (no forecast, no budget) or the
	// forecast cannot be compared with the target; Reason says which.
	NoLight Color = "none"
)

// Chinese names the light as a page shows it: 绿灯, 黄灯, 红灯, 无.
func (c Color) Chinese() string {
	switch c {
	case Green:
		return "绿灯"
	case Yellow:
		return "黄灯"
	case Red:
		return "红灯"
	}
	return "无"
}

// Light is one monitoring light with its reason.
type Light struct {
	Color Color `json:"color"`
	// Value is the budget warning value, or for an indicator the forecast's
	// completion of its target in percent (100 when met); unset when there
	// is no light or a yes/no judgement.
	Value       jixiao.Decimal `json:"value,omitzero"`
	Reason      string         `json:"reason"` // one sentence, Chinese
	Explanation Explanation    `json:"explanation"`
}

// BudgetLight is the budget execution warning (预算执行预警) as of the end
// of month (1–12): value = (executed/budget)/(month/12)×100, the execution
// against the time-proportional schedule (序时进度). Red below
// Monitor.BudgetRedBelow (60), green from Monitor.BudgetGreenFrom (80),
// yellow between.
func BudgetLight(budget, executed jixiao.Fen, month int, unit jixiao.MoneyUnit, s Settings) Light {
	if _, ok := unit.FenPer(); !ok {
		unit = jixiao.WanYuan
	}
	switch {
	case month < 1 || month > 12:
		return Light{Color: NoLight, Reason: fmt.Sprintf("月份应为 1–12，实际为 %d", month)}
	case budget <= 0:
		return Light{Color: NoLight, Reason: fmt.Sprintf("预算数为 %s，无法计算执行进度", budget.Format(unit))}
	}
	v := quo(mul(big.NewRat(int64(executed)*12, int64(month)), hundred), big.NewRat(int64(budget), 1))
	v2 := round2(v)
	inputs := []Input{
		{Name: "执行数", Value: executed.Format(unit), Unit: string(unit)},
		{Name: "预算数", Value: budget.Format(unit), Unit: string(unit)},
		{Name: "月份", Value: fmt.Sprint(month)},
	}
	e := arithmetic("monitor.budget", "(执行数/预算数)/(月份/12)×100",
		fmt.Sprintf("(%s/%s)/(%d/12)×100", executed.Format(unit), budget.Format(unit), month), fmt2(v2), inputs...)
	m := s.Monitor
	l := Light{Value: dec2(v2), Explanation: e}
	switch {
	case v.Cmp(m.BudgetRedBelow.Rat()) < 0:
		l.Color = Red
		l.Reason = fmt.Sprintf("预算执行预警值 %s，低于 %s：执行明显慢于序时进度", fmt2(v2), m.BudgetRedBelow)
	case v.Cmp(m.BudgetGreenFrom.Rat()) < 0:
		l.Color = Yellow
		l.Reason = fmt.Sprintf("预算执行预警值 %s，在 %s–%s 之间：执行慢于序时进度", fmt2(v2), m.BudgetRedBelow, m.BudgetGreenFrom)
	default:
		l.Color = Green
		l.Reason = fmt.Sprintf("预算执行预警值 %s，不低于 %s：执行符合序时进度", fmt2(v2), m.BudgetGreenFrom)
	}
	l.Explanation.Text += " → " + l.Color.Chinese()
	return l
}

// IndicatorLight judges an indicator's forecast for the year (in.Actual,
// or in.Attainment for a qualitative target) against its annual target,
// with the rules of self-evaluation: green when the target will be met;
// otherwise the forecast's share of the target — forecast/target for a
// positive indicator, the settings' negative formula for a negative one
// (so 6 complaints against a target of ≤5 is 80 %), the deviation for an
// equal target or a range — yellow from Monitor.IndicatorYellowFrom (80 %),
// red below. A deadline or a yes/no target is green or red; a qualitative
// forecast is green for 达成, yellow for 部分达成 and red for 未达成.
func IndicatorLight(in IndicatorInput, fiscalYear int, s Settings) Light {
	ind := in.Indicator
	if ind == nil {
		ind = &jixiao.Indicator{}
	}
	t := target(ind, fiscalYear)
	o := judge(in, t, fiscalYear, s, forecastWords)
	switch o.status {
	case StatusMissing:
		return Light{Color: NoLight, Reason: "未填全年预计值", Explanation: decision("missing", "未填全年预计值，不亮灯", "", "")}
	case StatusInvalid:
		return Light{Color: NoLight, Reason: o.reason, Explanation: decision("invalid", "预计值无法与目标值比较", o.reason, "", o.inputs...)}
	}
	var l Light
	switch {
	case t.Kind == jixiao.KindQualitative:
		switch in.attainmentFor() {
		case Achieved:
			l = Light{Color: Green, Reason: "预计全年可达成目标"}
		case Partial:
			l = Light{Color: Yellow, Reason: "预计全年部分达成目标"}
		default:
			l = Light{Color: Red, Reason: "预计全年不能达成目标"}
		}
		l.Explanation = decision("monitor.qualitative", "按预计达成程度：达成绿灯，部分达成黄灯，未达成红灯", string(in.attainmentFor()), "", o.inputs[:1]...)
	case o.met:
		l = Light{Color: Green, Reason: "预计全年可达到年度指标值"}
	case t.Kind != jixiao.KindNumeric:
		l = Light{Color: Red, Reason: "预计不能达到年度指标值"}
	default:
		pct := round2(mul(o.frac, hundred))
		yellow := s.Monitor.IndicatorYellowFrom
		if pct.Cmp(yellow.Rat()) >= 0 {
			l = Light{Color: Yellow, Reason: fmt.Sprintf("预计完成年度指标值的 %s%%，不低于 %s%%", fmt2(pct), yellow)}
		} else {
			l = Light{Color: Red, Reason: fmt.Sprintf("预计完成年度指标值的 %s%%，低于 %s%%", fmt2(pct), yellow)}
		}
	}
	if t.Kind == jixiao.KindNumeric {
		pct := round2(mul(o.frac, hundred))
		l.Value = dec2(pct)
		if o.arith {
			l.Explanation = arithmetic("monitor.indicator", o.formula+"×100%", o.expr+"×100%", fmt2(pct)+"%", o.inputs...)
		}
	}
	if l.Explanation.Rule == "" {
		l.Explanation = decision("monitor.indicator", forecastFormula(o.rule), o.expr, "", o.inputs...)
		l.Explanation.Result = l.Color.Chinese()
	}
	l.Explanation.Text += " → " + l.Color.Chinese()
	for _, n := range o.notes {
		l.Explanation.note(n)
	}
	return l
}

// forecastFormula is a decision rule's formula in monitoring words.
func forecastFormula(rule string) string {
	switch rule {
	case "positive.met":
		return "预计值≥目标值"
	case "negative.met":
		return "预计值≤目标值"
	case "equal.met":
		return "预计值=目标值"
	case "range.met":
		return "下限≤预计值≤上限"
	case "negative.double":
		return "预计值≥2×目标值"
	case "positive.zero", "negative.zero", "equal.zero", "range.zero":
		return "目标值为0，预计值越过目标值"
	case "deadline.met":
		return "预计完成日期≤时限"
	case "deadline.missed":
		return "预计完成日期晚于时限"
	case "boolean.met":
		return "预计值与目标值一致"
	case "boolean.missed":
		return "预计值与目标值不一致"
	}
	return Lookup(rule).Formula
}
