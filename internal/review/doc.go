// Package review is the automatic review (审核) of 项目支出绩效目标: a
// catalogue of rules, each with a stable ID, a family, a default severity, a
// Chinese message and suggestion and the reviewing principle it serves, and
// an engine that runs them over a jixiao.Table.
//
// Review is pure: Table takes a table and Options and returns findings in a
// deterministic order (table-level first, then projects in table order, then
// indicator number, rule ID and field). It does no I/O except LoadOptions,
// which reads a rules file. Score turns findings into a 0–100 quality score
// and a suggested grade 优/良/中/差 per project and per table.
//
// Many rules are heuristics over Chinese text (misfiled indicators, vague
// targets, cut-off values, personal names). They are tuned on real published
// tables; their default severity is info or warning, never error, and the
// tests show where they stop working. Error is kept for what is certain:
// sums that do not add up, missing parts, stale dates, checksummed ID numbers.
package review
