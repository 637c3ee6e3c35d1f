package gen

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"jixiao"
)

func TestDefectRateZeroGivesCleanTables(t *testing.T) {
	opts := Options{Seed: 4}
	tables, defects := corpus(t, opts, 100)
	for i, tab := range tables {
		if len(defects[i]) != 0 {
			t.Errorf("table %d: %d defects at DefectRate 0", i, len(defects[i]))
		}
		if ds := Defects(tab); ds != nil {
			t.Errorf("table %d: Defects = %v at DefectRate 0", i, ds)
		}
		goals := map[string]string{}
		for _, p := range tab.Projects() {
			if prev, dup := goals[p.Goal]; dup {
				t.Errorf("table %d: %q and %q share a goal", i, prev, p.Name)
			}
			goals[p.Goal] = p.Name
			if strings.Contains(p.Goal, "同志") {
				t.Errorf("table %d %q: a personal name in a clean goal", i, p.Name)
			}
			var l1 = map[string]int{}
			for _, in := range p.Indicators {
				l1[in.Level1.Code]++
				v := in.Annual.Raw
				if slices.Contains(vagueWords, v) {
					t.Errorf("table %d %q: vague target %q in a clean table", i, p.Name, v)
				}
				if strings.Contains(v+in.Period.Raw, itoa(tab.FiscalYear-1)) {
					t.Errorf("table %d %q: stale year in %q", i, p.Name, v)
				}
				sat := strings.Contains(in.Name, "满意")
				if in.Level2.Code == "31" && (!sat || v == "100%") || in.Level2.Code != "31" && sat {
					t.Errorf("table %d %q: %s %q = %q is a satisfaction defect", i, p.Name, in.Level2.Code, in.Name, v)
				}
				if strings.Contains(in.Name, "拨付") || strings.Contains(in.Name, "足额") || strings.Contains(in.Name, "合规性") {
					t.Errorf("table %d %q: process indicator %q in a clean table", i, p.Name, in.Name)
				}
				if before, after, ok := strings.Cut(v, "以上（含"); ok && after != before+"）" {
					t.Errorf("table %d %q: two units in %q", i, p.Name, v)
				}
			}
			if l1["1"] == 0 || l1["2"] == 0 || l1["3"] == 0 {
				t.Errorf("table %d %q: categories %v, want 产出, 效益 and 满意度", i, p.Name, l1)
			}
		}
	}
}

func TestDefectShareFollowsTheRate(t *testing.T) {
	for _, rate := range []float64{0.05, 0.15, 0.5} {
		opts := Options{Seed: 8, DefectRate: rate}
		tables, defects := corpus(t, opts, 100)
		projects := 0
		for _, tab := range tables {
			projects += len(tab.Projects())
		}
		defective := map[string]bool{}
		for i, ds := range defects {
			for _, d := range ds {
				if d.Project != "" {
					defective[itoa(i)+"/"+d.Project] = true
				}
			}
		}
		got := float64(len(defective)) / float64(projects)
		if got < rate*0.8 || got > rate*1.2 {
			t.Errorf("DefectRate %.2f: %d of %d projects (%.3f) carry a defect", rate, len(defective), projects, got)
		}
	}
}

func TestEveryDefectKindOccurs(t *testing.T) {
	_, defects := corpus(t, DefaultOptions(2), 100)
	seen := map[DefectKind]int{}
	for _, ds := range defects {
		for _, d := range ds {
			seen[d.Kind]++
		}
	}
	for _, k := range append(kinds(), DefectSubtotal) {
		if seen[k] == 0 {
			t.Errorf("defect kind %s never injected in 100 tables", k)
		}
	}
	if seen[DefectSubtotal] > seen[DefectVagueTarget] {
		t.Errorf("subtotal mismatches (%d) should be rare, vague targets: %d", seen[DefectSubtotal], seen[DefectVagueTarget])
	}
}

func kinds() []DefectKind {
	var ks []DefectKind
	for _, k := range projectKinds {
		ks = append(ks, k.kind)
	}
	return ks
}

func TestDefectsRegeneratesWhatGenerateReturned(t *testing.T) {
	opts := Options{Seed: 12, FiscalYear: 2023, MaxUnits: 2, DefectRate: 0.3}
	for i := range 10 {
		tab, want := Generate(opts, i)
		if got := Defects(tab); !reflect.DeepEqual(got, want) {
			t.Fatalf("table %d: Defects = %v, Generate said %v", i, got, want)
		}
	}
	if Defects(&jixiao.Table{Source: "seed.txt"}) != nil {
		t.Error("Defects of a table read from a file is not nil")
	}
}

// TestDefectsAreWhereTheyAreRecorded checks each recorded defect against
// the table, so that review tests can trust the record as ground truth.
func TestDefectsAreWhereTheyAreRecorded(t *testing.T) {
	tables, defects := corpus(t, DefaultOptions(6), 150)
	for i, tab := range tables {
		byName := map[string]*jixiao.Project{}
		for _, p := range tab.Projects() {
			byName[p.Name] = p
		}
		for _, d := range defects[i] {
			if d.Kind == DefectSubtotal {
				continue // checked by TestMoneyAddsUp
			}
			p := byName[d.Project]
			if p == nil || p.Org != d.Unit {
				t.Errorf("table %d: defect %v names no project of that unit", i, d)
				continue
			}
			var in *jixiao.Indicator
			if d.Indicator > 0 {
				if d.Indicator > len(p.Indicators) {
					t.Errorf("table %d: defect %v points past the indicators", i, d)
					continue
				}
				in = p.Indicators[d.Indicator-1]
			}
			if msg := checkDefect(tab, p, in, d); msg != "" {
				t.Errorf("table %d %q: %s: %s", i, p.Name, d.Kind, msg)
			}
		}
	}
}

func checkDefect(tab *jixiao.Table, p *jixiao.Project, in *jixiao.Indicator, d Defect) string {
	needIndicator := map[DefectKind]bool{
		DefectTruncated: true, DefectStaleDeadline: true, DefectMisfiled: true, DefectVagueTarget: true,
		DefectTwoUnits: true, DefectSatisfaction100: true, DefectProcessIndicator: true, DefectNoComparator: true,
	}
	if needIndicator[d.Kind] != (in != nil) {
		return "indicator seq " + itoa(d.Indicator)
	}
	has := func(l1 string) bool {
		for _, x := range p.Indicators {
			if x.Level1.Code == l1 {
				return true
			}
		}
		return false
	}
	switch d.Kind {
	case DefectTruncated:
		if !strings.Contains(d.Detail, "“"+in.Annual.Raw) {
			return "value " + in.Annual.Raw + " is not the cut one of " + d.Detail
		}
	case DefectStaleDeadline:
		if !strings.Contains(in.Annual.Raw, itoa(tab.FiscalYear-1)) {
			return in.Annual.Raw + " has no earlier year"
		}
	case DefectMisfiled:
		sat := strings.Contains(in.Name, "满意")
		if !(in.Level2.Code == "31" && !sat || in.Level1.Code == "2" && sat) {
			return in.Level2.Code + " " + in.Name + " is filed right"
		}
	case DefectCopiedGoal:
		for _, q := range tab.Projects() {
			if q != p && q.Goal == p.Goal {
				return ""
			}
		}
		return "no other project has its goal"
	case DefectVagueTarget:
		if !slices.Contains(vagueWords, in.Annual.Raw) {
			return in.Annual.Raw + " is not vague"
		}
	case DefectPersonalName:
		if !strings.Contains(p.Goal, "同志") {
			return "no name in " + p.Goal
		}
	case DefectMissingBenefit:
		if has("2") {
			return "has a 效益 indicator"
		}
	case DefectMissingSatisfaction:
		if has("3") {
			return "has a 满意度 indicator"
		}
	case DefectTwoUnits:
		if !strings.Contains(in.Annual.Raw, "以上（含") {
			return in.Annual.Raw
		}
	case DefectSatisfaction100:
		if in.Level2.Code != "31" || in.Annual.Raw != "100%" {
			return in.Name + " " + in.Annual.Raw
		}
	case DefectProcessIndicator:
		if !slices.ContainsFunc(processTemplates, func(x ind) bool { return strings.HasPrefix(in.Name, x.name) }) {
			return in.Name + " is not a process indicator"
		}
	case DefectNoComparator:
		if strings.ContainsAny(in.Annual.Raw, "≥≤><$") || strings.ContainsAny(in.Annual.Raw, "以上下内不超含") {
			return in.Annual.Raw + " has a comparator"
		}
	default:
		return "unknown kind"
	}
	return ""
}

// TestDefectsLeaveTheRestAlone checks that a defective table is its clean
// original (same seed and index, DefectRate 0) plus the recorded defects:
// every project not named in a defect is unchanged.
func TestDefectsLeaveTheRestAlone(t *testing.T) {
	for i := range 30 {
		clean := Table(Options{Seed: 21}, i)
		dirty, defects := Generate(Options{Seed: 21, DefectRate: 0.3}, i)
		touched := map[string]bool{}
		for _, d := range defects {
			touched[d.Project] = true
		}
		cp, dp := clean.Projects(), dirty.Projects()
		if len(cp) != len(dp) {
			t.Fatalf("table %d: %d projects clean, %d with defects", i, len(cp), len(dp))
		}
		for k := range cp {
			if !touched[dp[k].Name] && !reflect.DeepEqual(cp[k], dp[k]) {
				t.Errorf("table %d: project %q changed but no defect is recorded for it", i, dp[k].Name)
			}
		}
	}
}

func TestDefectKindsHaveAReviewFamily(t *testing.T) {
	families := map[string]bool{"arithmetic": true, "completeness": true, "consistency": true, "measurability": true, "hygiene": true}
	for _, k := range append(kinds(), DefectSubtotal) {
		if !families[k.Family()] {
			t.Errorf("%s: family %q", k, k.Family())
		}
	}
}
