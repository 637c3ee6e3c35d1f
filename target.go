package jixiao

// TargetKind is the parsed form of a 指标值 (DESIGN §3).
type TargetKind string

const (
	KindNumeric     TargetKind = "numeric"
	KindDeadline    TargetKind = "deadline"
	KindBoolean     TargetKind = "boolean"
	KindQualitative TargetKind = "qualitative"
)

// Op is the comparator of a numeric target.
type Op string

const (
	OpGE    Op = ">="
	OpLE    Op = "<="
	OpGT    Op = ">"
	OpLT    Op = "<"
	OpEQ    Op = "="
	OpRange Op = "range" // Value ≤ x ≤ Max, e.g. "±5%以内" or "95%-98%"
)

// Target is one 指标值: the raw text as read plus its parsed form. The raw
// text is the source of truth; everything else is derived by
// internal/value and can be derived again.
type Target struct {
	Raw  string     // exactly as read
	Text string     // normalised: LaTeX residue → ≥ ≤, spaces folded, trailing 。 dropped
	Kind TargetKind // "" only for an empty value

	// numeric
	Op         Op
	ImplicitOp bool    // no comparator was written; Op is the reading we chose
	Value      Decimal // the number (lower bound for ranges)
	Max        Decimal // upper bound for ranges
	Unit       string  // as written, magnitude included: "%", "家", "万元", "亿美元", "人次"
	Qualifier  string  // 全年, 新增, 每县 … and other words around the number

	// deadline
	Date string // YYYY-MM-DD

	// boolean
	Bool bool
}

// IsEmpty reports whether no value was given: nothing, or only white space
// and punctuation (which normalise to no text).
func (t Target) IsEmpty() bool { return t.Text == "" && t.Kind == "" }
