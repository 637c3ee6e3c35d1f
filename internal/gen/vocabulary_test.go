package gen

import (
	"slices"
	"strings"
	"testing"

	"jixiao"
)

// TestVocabularyIsWellFormed checks the templates once, so that a new
// archetype cannot quietly produce a defect in a clean table.
func TestVocabularyIsWellFormed(t *testing.T) {
	check := func(where string, a *archetype) {
		if len(a.names) == 0 || len(a.goals) == 0 {
			t.Errorf("%s: no names or goals", where)
		}
		per := map[byte]int{}
		for _, x := range a.inds {
			per[x.l2[0]]++
		}
		if per['1'] == 0 || per['2'] == 0 || per['3'] == 0 {
			t.Errorf("%s %q: indicators per category %v, want 产出, 效益 and 满意度", where, a.names[0], per)
		}
		for _, x := range a.inds {
			checkTemplate(t, where+" "+a.names[0], x)
		}
		for _, s := range slices.Concat(a.names, a.goals) {
			if strings.ContainsAny(s, "\t\n；") || strings.HasSuffix(s, "。") {
				t.Errorf("%s: %q has a tab, a line break, a ； or a final 。", where, s)
			}
		}
	}
	for _, f := range fields {
		if len(f.subs) < maxUnits-1-len(genericSubs) {
			t.Errorf("%s: %d 下属单位, want at least %d for maxUnits", f.bureau, len(f.subs), maxUnits-1-len(genericSubs))
		}
		if len(f.aims) < 2 || len(f.recipients) == 0 {
			t.Errorf("%s: too few aims or recipients", f.bureau)
		}
		for i := range f.projects {
			check(f.bureau, &f.projects[i])
		}
		for _, s := range f.subs {
			if slices.Contains(genericSubs, s.name) {
				t.Errorf("%s: 下属单位 %q is also a generic one", f.bureau, s.name)
			}
			for i := range s.projects {
				check(f.bureau+" "+s.name, &s.projects[i])
			}
		}
	}
	for i := range common {
		check("common", &common[i])
	}
	for _, x := range slices.Concat(generic, costs, processTemplates) {
		checkTemplate(t, "generic", x)
	}
}

func checkTemplate(t *testing.T, where string, x ind) {
	t.Helper()
	if _, ok := jixiao.LookupLevel2(x.l2); !ok {
		t.Errorf("%s: %q has unknown category %q", where, x.name, x.l2)
	}
	if (x.l2 == "31") != strings.Contains(x.name, "满意") {
		t.Errorf("%s: %q under %s: 满意度 names go under 31 and only there", where, x.name, x.l2)
	}
	if x.form == fDeadline && x.l2 != "13" {
		t.Errorf("%s: deadline %q not under 13", where, x.name)
	}
	if slices.Contains(vagueWords, x.text) {
		t.Errorf("%s: %q has the vague value %q", where, x.name, x.text)
	}
	if x.form == fPercent && (x.lo < 1 || x.hi > 100 || x.lo > x.hi) || x.lo > x.hi {
		t.Errorf("%s: %q has range %d..%d", where, x.name, x.lo, x.hi)
	}
	if strings.ContainsAny(x.name+x.text+x.unit, "\t\n；") || hasNumberedItem(x.name+x.text) {
		t.Errorf("%s: %q would break the indicator cell", where, x.name)
	}
}
