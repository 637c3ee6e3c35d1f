package jixiao

// Severity of a review finding.
type Severity string

const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityInfo    Severity = "info"
)

// Family groups review rules (DESIGN §4).
type Family string

const (
	FamilyArithmetic    Family = "arithmetic"
	FamilyCompleteness  Family = "completeness"
	FamilyConsistency   Family = "consistency"
	FamilyMeasurability Family = "measurability"
	FamilyHygiene       Family = "hygiene"
)

// Finding is one 审核意见 produced by the automatic review.
type Finding struct {
	Rule       string // stable rule ID, e.g. "R-ARITH-TOTAL"
	Family     Family
	Severity   Severity
	Project    string // project name; "" for a table-level finding
	Indicator  int    // the indicator's Seq within its project; 0 for project or table level
	Field      string // "level2", "annual", "goal", "funding.total" …
	Message    string // Chinese, names the exact place and the offending text
	Suggestion string // Chinese, a concrete fix
}
