package gen

import (
	"slices"

	"jixiao"
)

// DefectKind names a mistake injected into a generated table. The kinds
// are the ones DESIGN §2 finds in the published seed, plus the review
// rules of DESIGN §4 that the seed breaks without being listed there.
type DefectKind string

const (
	DefectTruncated           DefectKind = "truncated"            // value cut off mid-word: "在规定时间内完成划拨手"
	DefectStaleDeadline       DefectKind = "stale-deadline"       // deadline in the year before the budget year
	DefectMisfiled            DefectKind = "misfiled"             // a count under 31 满意度, or a 满意度 under 21/22 效益
	DefectCopiedGoal          DefectKind = "copied-goal"          // another, unrelated project's goal text
	DefectVagueTarget         DefectKind = "vague-target"         // "稳步提升", "有所提高" where a number is possible
	DefectPersonalName        DefectKind = "personal-name"        // "张三同志" in the published goal
	DefectMissingBenefit      DefectKind = "missing-benefit"      // no 效益 indicator
	DefectMissingSatisfaction DefectKind = "missing-satisfaction" // no 满意度 indicator
	DefectSubtotal            DefectKind = "subtotal-mismatch"    // a unit's subtotal is not the sum of its projects
	DefectTwoUnits            DefectKind = "two-units"            // "3家以上（含3个）"
	DefectSatisfaction100     DefectKind = "satisfaction-100"     // 满意度 target of 100%
	DefectProcessIndicator    DefectKind = "process-indicator"    // 资金拨付及时率 and the like as an output
	DefectNoComparator        DefectKind = "no-comparator"        // "85%", "2", "3.8亿美元": no ≥/≤ where one is meant
)

// Family is the review rule family (DESIGN §4, findings JSON) expected to
// report the defect.
func (k DefectKind) Family() string {
	switch k {
	case DefectSubtotal:
		return "arithmetic"
	case DefectMissingBenefit, DefectMissingSatisfaction:
		return "completeness"
	case DefectMisfiled, DefectTwoUnits:
		return "consistency"
	case DefectVagueTarget, DefectSatisfaction100, DefectProcessIndicator, DefectNoComparator:
		return "measurability"
	}
	return "hygiene"
}

// Defect is one injected mistake and where it is.
type Defect struct {
	Kind      DefectKind
	Unit      string // 资金使用单位
	Project   string // project name (unique in its table); "" for a unit subtotal
	Indicator int    // the indicator's Seq; 0 when the defect is about the project or unit
	Detail    string // what was done, for test failure messages
}

// Defects returns what was injected into a table made by Table or
// Generate, by regenerating it from the options recorded in t.Source. It
// returns nil for a table made elsewhere. It describes the table as
// generated, not any later edit of it.
func Defects(t *jixiao.Table) []Defect {
	if t == nil {
		return nil
	}
	opts, i, ok := parseSource(t.Source)
	if !ok {
		return nil
	}
	_, ds := Generate(opts, i)
	return ds
}

// pending is a defect whose indicator seq is known only once the list is
// sorted.
type pending struct {
	kind   DefectKind
	ind    *draft
	detail string
}

func (pr *project) note(kind DefectKind, d *draft, detail string) {
	pr.defects = append(pr.defects, pending{kind, d, detail})
}

func (pr *project) touched(d *draft) bool {
	for _, pd := range pr.defects {
		if pd.ind == d {
			return true
		}
	}
	return false
}

func (pr *project) resolve() []Defect {
	if len(pr.defects) == 0 {
		return nil
	}
	out := make([]Defect, len(pr.defects))
	for k, pd := range pr.defects {
		seq := 0
		if pd.ind != nil {
			seq = slices.Index(pr.inds, pd.ind) + 1
		}
		out[k] = Defect{Kind: pd.kind, Unit: pr.unit.name, Project: pr.p.Name, Indicator: seq, Detail: pd.detail}
	}
	return out
}

// projectKinds weigh the project-level defects by how often the seed
// shows them.
var projectKinds = []struct {
	kind   DefectKind
	weight int
}{
	{DefectTruncated, 9},
	{DefectStaleDeadline, 9},
	{DefectMisfiled, 12},
	{DefectCopiedGoal, 8},
	{DefectVagueTarget, 14},
	{DefectPersonalName, 4},
	{DefectMissingBenefit, 8},
	{DefectMissingSatisfaction, 8},
	{DefectTwoUnits, 6},
	{DefectSatisfaction100, 10},
	{DefectProcessIndicator, 10},
	{DefectNoComparator, 10},
}

func (g *gen) projectKind() DefectKind {
	sum := 0
	for _, k := range projectKinds {
		sum += k.weight
	}
	w := g.r.IntN(sum)
	for _, k := range projectKinds {
		if w < k.weight {
			return k.kind
		}
		w -= k.weight
	}
	return DefectVagueTarget
}

// injectProjectDefects gives each project a defect with probability
// DefectRate (sometimes two). It runs after every project is generated, so
// a table's clean content is the same whatever the rate: Table with
// DefectRate 0 is the clean original of the same (Seed, i).
func (g *gen) injectProjectDefects(all []*project) {
	rate := g.opts.DefectRate
	if rate == 0 {
		return
	}
	for _, pr := range all {
		if !g.chance(rate) {
			continue
		}
		kinds := []DefectKind{g.projectKind()}
		if g.chance(0.15) {
			if k := g.projectKind(); k != kinds[0] {
				kinds = append(kinds, k)
			}
		}
		// Dropping a category renumbers the indicators, so it goes first.
		slices.SortStableFunc(kinds, func(a, b DefectKind) int { return dropsFirst(a) - dropsFirst(b) })
		applied := 0
		for _, k := range kinds {
			if g.apply(pr, k) {
				applied++
			}
		}
		for tries := 0; applied == 0; tries++ {
			k := g.projectKind()
			if tries > 8 {
				k = DefectPersonalName // always possible
			}
			if g.apply(pr, k) {
				applied++
			}
		}
	}
	g.copyGoals(all)
}

func dropsFirst(k DefectKind) int {
	if k == DefectMissingBenefit || k == DefectMissingSatisfaction {
		return 0
	}
	return 1
}

func (g *gen) apply(pr *project, k DefectKind) bool {
	switch k {
	case DefectTruncated:
		return g.truncate(pr)
	case DefectStaleDeadline:
		return g.stale(pr)
	case DefectMisfiled:
		return g.misfile(pr)
	case DefectCopiedGoal:
		if pr.goalEdited || pr.copyGoal {
			return false
		}
		pr.copyGoal = true // done once every goal is final
		return true
	case DefectVagueTarget:
		return g.vague(pr)
	case DefectPersonalName:
		return g.personalName(pr)
	case DefectMissingBenefit:
		return g.drop(pr, '2', k, "缺少效益指标")
	case DefectMissingSatisfaction:
		return g.drop(pr, '3', k, "缺少满意度指标")
	case DefectTwoUnits:
		return g.twoUnits(pr)
	case DefectSatisfaction100:
		return g.satisfaction100(pr)
	case DefectProcessIndicator:
		return g.processIndicator(pr)
	case DefectNoComparator:
		return g.noComparator(pr)
	}
	return false
}

// pick returns a random untouched indicator of pr that ok accepts, or nil.
func (g *gen) pick(pr *project, ok func(*draft) bool) *draft {
	n := 0
	var chosen *draft
	for _, d := range pr.inds {
		if pr.touched(d) || !ok(d) {
			continue
		}
		// Reservoir sampling: one pass, no allocation.
		n++
		if g.r.IntN(n) == 0 {
			chosen = d
		}
	}
	return chosen
}

func count(ds []*draft, l1 byte) int {
	n := 0
	for _, d := range ds {
		if d.l2[0] == l1 {
			n++
		}
	}
	return n
}

// place puts a new indicator of category l1 into pr: in place of an
// untouched one of the same category when there are two or more, else
// added while the project has room. It returns nd, or nil.
func (g *gen) place(pr *project, nd *draft, l1 byte) *draft {
	if hasName(pr.inds, nd.name) {
		return nil
	}
	if count(pr.inds, l1) >= 2 {
		if old := g.pick(pr, func(d *draft) bool { return d.l2[0] == l1 }); old != nil {
			pr.inds[slices.Index(pr.inds, old)] = nd
			return nd
		}
	}
	if len(pr.inds) < 8 {
		pr.inds = append(pr.inds, nd)
		return nd
	}
	return nil
}
