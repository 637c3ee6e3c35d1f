package review

import "jixiao"

// Reviewing principles (财预〔2015〕88号 审核内容) and publication hygiene,
// used in Rule.Principle.
const (
	PrincipleCompleteness = "完整性"  // 目标与指标齐全、明确、细化量化
	PrincipleRelevance    = "相关性"  // 指标与项目内容、目标相关，能反映目标实现程度
	PrincipleAppropriate  = "适当性"  // 目标、指标值与资金量、实际相匹配
	PrincipleFeasibility  = "可行性"  // 指标值可核验、可实现
	PrinciplePublication  = "公开规范" // 公开数据准确、不泄露个人信息
)

// Rule describes one review rule. The catalogue is the reference for what
// the review checks; `jixiao rules` prints it.
type Rule struct {
	ID        string          // stable: FAMILY-WHAT, e.g. "HYG-STALE-DEADLINE"
	Family    jixiao.Family   // arithmetic, completeness, consistency, measurability, hygiene
	Severity  jixiao.Severity // default; a rules file can change it
	Principle string          // 完整性 / 相关性 / 适当性 / 可行性 / 公开规范
	Title     string          // short Chinese title
	Checks    string          // what the rule looks at, in one Chinese sentence
	Rationale string          // why a reviewer cares
}

// ruleDef binds a catalogue entry to the code that checks it. Exactly one of
// the three check functions is set; it reports through the checker, which
// knows the current rule.
type ruleDef struct {
	Rule
	table     func(c *checker)
	project   func(c *checker, p *proj)
	indicator func(c *checker, p *proj, x *ind)
}

// catalogue lists every rule in its stable order: by family, then as the
// family file declares them. It is assembled in init because the check
// functions refer back to it (through the checker), which a package-level
// initialiser would reject as a cycle.
var (
	catalogue []ruleDef
	ruleIndex map[string]int
)

func init() {
	catalogue = concat(arithmeticRules, completenessRules, consistencyRules, measurabilityRules, hygieneRules)
	ruleIndex = make(map[string]int, len(catalogue))
	for i, d := range catalogue {
		if _, dup := ruleIndex[d.ID]; dup {
			panic("review: duplicate rule ID " + d.ID)
		}
		ruleIndex[d.ID] = i
	}
}

func concat(parts ...[]ruleDef) []ruleDef {
	var out []ruleDef
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// Rules returns the catalogue in its stable order.
func Rules() []Rule {
	out := make([]Rule, len(catalogue))
	for i, d := range catalogue {
		out[i] = d.Rule
	}
	return out
}

// Lookup returns the rule with the given ID.
func Lookup(id string) (Rule, bool) {
	i, ok := ruleIndex[id]
	if !ok {
		return Rule{}, false
	}
	return catalogue[i].Rule, true
}
