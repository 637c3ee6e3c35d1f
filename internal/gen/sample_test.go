package gen

import "testing"

// TestSample shows one small generated table in the published layout when
// run with -v, so a person can judge its realism against the seed.
func TestSample(t *testing.T) {
	if !testing.Verbose() {
		t.Skip("prints a sample table with -v")
	}
	opts := Options{Seed: 2024, MaxUnits: 2, MaxProjects: 4, DefectRate: 0.3}
	tab, defects := Generate(opts, 0)
	t.Log("\n" + layout(tab))
	for _, d := range defects {
		t.Logf("defect %-20s %s / %s #%d: %s", d.Kind, d.Unit, d.Project, d.Indicator, d.Detail)
	}
}
