package gen

import (
	"strconv"
	"strings"
)

// Options chooses the shape of a corpus. Zero counts and years take the
// defaults; DefectRate is taken as given, because 0 (clean tables) is a
// meaningful choice — use DefaultOptions for the usual 15 %.
type Options struct {
	Seed                     int64
	FiscalYear               int     // default 2024
	MinUnits, MaxUnits       int     // 资金使用单位 per table, default 1..4
	MinProjects, MaxProjects int     // projects per unit, default 3..20
	DefectRate               float64 // share of projects with at least one defect; 0 → clean tables
}

// DefaultDefectRate is the share of defective projects DefaultOptions asks
// for: about what the published seed shows.
const DefaultDefectRate = 0.15

// DefaultOptions returns the usual corpus settings for seed.
func DefaultOptions(seed int64) Options {
	return Options{Seed: seed, DefectRate: DefaultDefectRate}.normalize()
}

// normalize fills defaults and repairs impossible ranges, so that every
// Options value generates something rather than panicking deep inside.
func (o Options) normalize() Options {
	if o.FiscalYear <= 0 {
		o.FiscalYear = 2024
	}
	if o.MinUnits <= 0 {
		o.MinUnits = 1
	}
	if o.MaxUnits <= 0 {
		o.MaxUnits = max(4, o.MinUnits)
	}
	if o.MinProjects <= 0 {
		o.MinProjects = 3
	}
	if o.MaxProjects <= 0 {
		o.MaxProjects = max(20, o.MinProjects)
	}
	if o.MaxUnits < o.MinUnits {
		o.MinUnits, o.MaxUnits = o.MaxUnits, o.MinUnits
	}
	if o.MaxProjects < o.MinProjects {
		o.MinProjects, o.MaxProjects = o.MaxProjects, o.MinProjects
	}
	o.MinUnits = min(o.MinUnits, maxUnits)
	o.MaxUnits = min(o.MaxUnits, maxUnits)
	switch {
	case !(o.DefectRate > 0): // also NaN
		o.DefectRate = 0
	case o.DefectRate > 1:
		o.DefectRate = 1
	}
	return o
}

// sourcePrefix starts Table.Source of a generated table. The rest of the
// source names the options and the index, so that Defects can regenerate
// the table and tell what was injected without a side registry.
const sourcePrefix = "gen:"

func (o Options) source(i int) string {
	var b strings.Builder
	b.WriteString(sourcePrefix)
	b.WriteString("seed=" + strconv.FormatInt(o.Seed, 10))
	b.WriteString(",i=" + strconv.Itoa(i))
	b.WriteString(",year=" + strconv.Itoa(o.FiscalYear))
	b.WriteString(",units=" + strconv.Itoa(o.MinUnits) + "-" + strconv.Itoa(o.MaxUnits))
	b.WriteString(",projects=" + strconv.Itoa(o.MinProjects) + "-" + strconv.Itoa(o.MaxProjects))
	b.WriteString(",defects=" + strconv.FormatFloat(o.DefectRate, 'g', -1, 64))
	return b.String()
}

// parseSource reverses source; ok is false for a table that was not made
// here (or whose Source was overwritten).
func parseSource(s string) (o Options, i int, ok bool) {
	rest, found := strings.CutPrefix(s, sourcePrefix)
	if !found {
		return o, 0, false
	}
	seen := 0
	for _, kv := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(kv, "=")
		var err error
		switch k {
		case "seed":
			o.Seed, err = strconv.ParseInt(v, 10, 64)
		case "i":
			i, err = strconv.Atoi(v)
		case "year":
			o.FiscalYear, err = strconv.Atoi(v)
		case "units":
			o.MinUnits, o.MaxUnits, err = parseRange(v)
		case "projects":
			o.MinProjects, o.MaxProjects, err = parseRange(v)
		case "defects":
			o.DefectRate, err = strconv.ParseFloat(v, 64)
		default:
			return o, 0, false
		}
		if err != nil {
			return o, 0, false
		}
		seen++
	}
	return o, i, seen == 6
}

func parseRange(s string) (lo, hi int, err error) {
	a, b, _ := strings.Cut(s, "-")
	if lo, err = strconv.Atoi(a); err != nil {
		return 0, 0, err
	}
	hi, err = strconv.Atoi(b)
	return lo, hi, err
}
