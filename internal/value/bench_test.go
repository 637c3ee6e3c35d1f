package value

import (
	"testing"

	"jixiao"
)

// BenchmarkParse parses every 指标值 of the seed table once per iteration
// and reports the time per value (ns/value) and values per second.
//
//	go test ./internal/value -run '^$' -bench Parse -count 5
func BenchmarkParse(b *testing.B) {
	values := readSeedValues(b)
	ctxs := make([]Context, len(values))
	for i, v := range values {
		ctxs[i] = Context{FiscalYear: 2024, IndicatorName: v.name}
	}
	b.ReportAllocs()
	for b.Loop() {
		for i, v := range values {
			_ = Parse(v.raw, ctxs[i])
		}
	}
	perValue := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / float64(len(values))
	b.ReportMetric(perValue, "ns/value")
	b.ReportMetric(1e9/perValue, "values/s")
}

// BenchmarkFormat formats every parsed seed value; Format parses its own
// output to check it, so it costs a few Parse calls.
func BenchmarkFormat(b *testing.B) {
	values := readSeedValues(b)
	targets := make([]jixiao.Target, 0, len(values))
	for _, v := range values {
		targets = append(targets, Parse(v.raw, Context{FiscalYear: 2024, IndicatorName: v.name}))
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range targets {
			_ = Format(t)
		}
	}
}
