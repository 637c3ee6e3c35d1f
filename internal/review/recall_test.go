package review_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/gen"
	"jixiao/internal/review"
)

// defectRules maps the defects internal/gen injects to the rules that must
// report them.
var defectRules = map[gen.DefectKind][]string{
	gen.DefectTruncated:           {"HYG-CUT-OFF"},
	gen.DefectStaleDeadline:       {"HYG-STALE-DEADLINE"},
	gen.DefectMisfiled:            {"CONS-NOT-SATISFACTION", "CONS-MISFILED-SATISFACTION"},
	gen.DefectCopiedGoal:          {"HYG-DUP-GOAL"},
	gen.DefectVagueTarget:         {"MEAS-VAGUE"},
	gen.DefectPersonalName:        {"HYG-PERSONAL-NAME"},
	gen.DefectMissingBenefit:      {"COMP-NO-BENEFIT"},
	gen.DefectMissingSatisfaction: {"COMP-NO-SATISFACTION", "CONS-MISFILED-SATISFACTION"}, // a 满意度 filed under 效益 is reported as misfiled instead
	gen.DefectSubtotal:            {"ARITH-UNIT-SUBTOTAL"},
	gen.DefectTwoUnits:            {"CONS-TWO-UNITS"},
	gen.DefectSatisfaction100:     {"MEAS-SATISFACTION-CEILING"},
	gen.DefectProcessIndicator:    {"MEAS-PROCESS-AS-OUTPUT"},
	gen.DefectNoComparator:        {"MEAS-NO-COMPARATOR", "MEAS-NO-UNIT"},
}

// minRecall is what the review must catch of each kind. Where it is below
// 1 the rule is a heuristic that knowingly lets some cases pass, and the
// comment says which.
var minRecall = map[gen.DefectKind]float64{
	gen.DefectTruncated:           0.8, // 成果 cut to 成 with no complete copy elsewhere stays unseen: 成 ends too many words
	gen.DefectStaleDeadline:       1,
	gen.DefectMisfiled:            1,
	gen.DefectCopiedGoal:          0.9, // copies between related names (same project, another year) are allowed
	gen.DefectVagueTarget:         0.9,
	gen.DefectPersonalName:        1,
	gen.DefectMissingBenefit:      1,
	gen.DefectMissingSatisfaction: 0.6, // gen also drops 满意度 from internal projects (机构运行, 办公楼, 法律顾问, 档案), which the rule exempts on purpose
	gen.DefectSubtotal:            1,
	gen.DefectTwoUnits:            1,
	gen.DefectSatisfaction100:     1,
	gen.DefectProcessIndicator:    1,
	gen.DefectNoComparator:        0, // by design: "85%" for a 满意度 is a floor by convention, not reported
}

func found(fs []jixiao.Finding, rules []string, d gen.Defect) bool {
	for _, f := range fs {
		if !contains(rules, f.Rule) {
			continue
		}
		switch {
		case d.Project == "": // a unit subtotal
			if strings.Contains(f.Message, d.Unit) {
				return true
			}
		case f.Project == d.Project && (d.Indicator == 0 || f.Indicator == d.Indicator):
			return true
		case d.Kind == gen.DefectCopiedGoal && strings.Contains(f.Message, "「"+d.Project+"」"):
			return true // reported on the other project of the pair
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestRecallOnGeneratedDefects reviews a generated corpus and checks that
// the defects gen injected are found where they were put.
func TestRecallOnGeneratedDefects(t *testing.T) {
	n := 300
	if testing.Short() {
		n = 60
	}
	hit, all := map[gen.DefectKind]int{}, map[gen.DefectKind]int{}
	var missed []string
	for i := 0; i < n; i++ {
		tb, ds := gen.Generate(gen.Options{Seed: 3, DefectRate: 0.3}, i)
		parse(tb)
		fs := review.Table(tb, review.Options{})
		for _, d := range ds {
			all[d.Kind]++
			if found(fs, defectRules[d.Kind], d) {
				hit[d.Kind]++
			} else if len(missed) < 40 && minRecall[d.Kind] > 0 {
				missed = append(missed, fmt.Sprintf("%s %s #%d: %s", d.Kind, d.Project, d.Indicator, d.Detail))
			}
		}
	}
	var kinds []string
	for k := range all {
		kinds = append(kinds, string(k))
	}
	sort.Strings(kinds)
	var report []string
	for _, k := range kinds {
		kind := gen.DefectKind(k)
		r := float64(hit[kind]) / float64(all[kind])
		report = append(report, fmt.Sprintf("%-22s %4d/%-4d %.2f", k, hit[kind], all[kind], r))
		if r < minRecall[kind] {
			t.Errorf("%s: recall %.2f, want ≥ %.2f", k, r, minRecall[kind])
		}
	}
	t.Logf("recall by defect kind:\n%s", strings.Join(report, "\n"))
	if t.Failed() {
		t.Logf("missed (first %d):\n%s", len(missed), strings.Join(missed, "\n"))
	}
}

// TestNoiseOnCleanTables: generated tables without injected defects are
// written the way careful filers write; the review should say little.
func TestNoiseOnCleanTables(t *testing.T) {
	perRule := map[string]int{}
	inds, total := 0, 0
	examples := map[string]string{}
	for i := 0; i < 100; i++ {
		tb := gen.Table(gen.Options{Seed: 5, DefectRate: 0}, i)
		parse(tb)
		inds += tb.IndicatorCount()
		for _, f := range review.Table(tb, review.Options{}) {
			perRule[f.Rule]++
			total++
			if _, ok := examples[f.Rule]; !ok {
				examples[f.Rule] = f.Message
			}
		}
	}
	var lines []string
	for r, c := range perRule {
		lines = append(lines, fmt.Sprintf("%-27s %5d  e.g. %s", r, c, examples[r]))
	}
	sort.Strings(lines)
	t.Logf("%d findings on %d indicators of clean tables (%.3f per indicator):\n%s", total, inds, float64(total)/float64(inds), strings.Join(lines, "\n"))
}
