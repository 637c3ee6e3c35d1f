// Package score is the arithmetic of in-year monitoring (运行监控, 双监控)
// and year-end self-evaluation (绩效自评, 财预〔2020〕10号 style) of
// 项目支出绩效目标 (DESIGN §6), and the check of a published
// self-evaluation table against it (Verify).
//
// The package is pure: it imports the domain package, internal/value (to
// read target and actual values) and internal/conf (to decode a settings
// file), and does no I/O except LoadSettings. Arithmetic is exact
// (math/big.Rat over the decimals as written); a score is rounded once, at
// the end of its formula, half away from zero, to two decimals, and a total
// is the sum of the rounded scores — so that the numbers a reader sees add
// up to the total they see. Every score, total, grade and light carries an
// Explanation: the rule, the formula, the numbers that went in and the
// rendered line, e.g. "实际值/目标值×权重 = 92/95×10 = 9.68".
//
// # Weights
//
// A region's Settings give each level-1 category its points (default
// 产出 50, 效益 30, 满意度 10, 预算执行率 10; 成本 counts under 产出 unless
// given its own). Allocate keeps an indicator's own weight and shares the
// rest of its category equally, in hundredths that add up exactly (50 over
// three: 16.67, 16.67, 16.66). Weights that do not add up to 100 are
// reported, never silently rescaled.
//
// # Scoring an indicator (ScoreIndicator)
//
// The annual target (年度指标值) decides the rule:
//
//   - Numeric, positive (≥, >, or a bare number whose name does not say
//     otherwise): met → full weight; else actual/target × weight. "A bare
//     number is positive" because a published bare number is the amount to
//     achieve; a name such as 投诉次数 or 故障率 makes it negative
//     (value.Direction). Far above the target (Settings.OvershootNote, 20 %)
//     the explanation notes that 财预〔2020〕10号 asks for the reason; it
//     deducts nothing.
//   - Numeric, negative (≤, <, or the name): met → full; target < actual <
//     2×target → (1 − (actual−target)/target) × weight; from 2×target → 0.
//     Settings.Negative = "ratio" scores target/actual × weight instead.
//   - Numeric, equal (an explicit "=", such as "=100%"): the deviation
//     either way counts, (1 − |actual−target|/target) × weight, which below
//     the target is exactly the positive formula; Settings.Equal =
//     "positive" scores it as positive.
//   - Numeric range (95%–98%, ±5%以内): inside → full; below the lower bound
//     actual/lower × weight; above the upper bound (1 − (actual−upper)/upper)
//     × weight (bounds below zero by their absolute value).
//   - A target of 0 cannot divide: a positive "≥0" is met by any actual ≥ 0
//     and scores 0 below it; a negative "0起" (no accidents) is met by 0 and
//     scores 0 for any occurrence, under either negative formula; "=0" scores
//     0 for anything but 0. A formula that goes below 0 scores 0.
//   - > and < score as ≥ and ≤: at the boundary the proportional formula
//     gives the full weight anyway; the explanation says so.
//   - Deadline (时效): the actual completion date on or before the deadline
//     → full, later → 0; "按时完成", "逾期", 是/否 are accepted instead of a
//     date. A deadline without a year takes the fiscal year.
//   - Boolean (是/否): the same answer → full, else 0.
//   - Qualitative: the grader's attainment, 达成 / 部分达成 / 未达成, earns a
//     share of the weight within its band (default 80–100 %, 60–80 %,
//     0–60 %). A share given by the grader ("部分达成 70%") must lie in the
//     band; without one the band's default is used (100 % for 达成, like a
//     met target; the middle, 70 % and 30 %, for the others) and the result
//     carries the band's score range, within which Verify accepts any
//     published score as the grader's choice.
//
// Units convert when they measure the same thing (万元 ↔ 亿元 ↔ 元, 万人次 ↔
// 人次, 天 = 日, 百分比 = %, 公里 = 千米 …, see units.go); a bare actual
// takes the target's unit; anything else cannot be scored. An indicator
// whose actual is missing (empty, "-", "/") is StatusMissing and scores 0
// ("未填实际值"); one whose actual cannot be compared with its target
// (units, not a number or date, no attainment, a share outside its band)
// is StatusInvalid and scores 0 with the reason. Both are told apart from
// a real 0 so that forms can ask for the value.
//
// # Budget execution, total, grade
//
// ScoreBudget: executed/budget × weight, capped at the weight. Evaluate
// adds the rounded scores; GradeFor grades the total (优 ≥ 90, 良 ≥ 80,
// 中 ≥ 60, 差 below, configurable).
//
// # Monitoring
//
// BudgetLight: (executed/budget)/(month/12)×100, red below 60, yellow to
// 80, green from 80. IndicatorLight judges the year-end forecast with the
// self-evaluation rules: green when met; otherwise the share of the weight
// the forecast would earn — forecast/target, or the settings' negative
// formula — yellow from 80 %, red below; deadlines and yes/no targets are
// green or red; qualitative forecasts are green, yellow, red for 达成,
// 部分达成, 未达成.
//
// # Records
//
// records.go has the types the web app stores (monitoring reports and
// self-evaluations); scores and lights are derived from them.
package score
