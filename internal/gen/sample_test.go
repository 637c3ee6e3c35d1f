package gen

import (
	"os"
	"strconv"
	"testing"
)

// TestSample shows one small generated table in the published layout when
// run with -v, so a person can judge its realism against the seed.
// JIXIAO_GEN_SAMPLE=<seed> picks another table.
func TestSample(t *testing.T) {
	if !testing.Verbose() {
		t.Skip("prints a sample table with -v")
	}
	opts := Options{Seed: 2024, MaxUnits: 2, MaxProjects: 4, DefectRate: 0.3}
	if s, err := strconv.ParseInt(os.Getenv("JIXIAO_GEN_SAMPLE"), 10, 64); err == nil {
		opts.Seed = s
	}
	tab, defects := Generate(opts, 0)
	t.Log("\n" + layout(tab))
	for _, d := range defects {
		t.Logf("defect %-20s %s / %s #%d: %s", d.Kind, d.Unit, d.Project, d.Indicator, d.Detail)
	}
}
