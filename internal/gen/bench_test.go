package gen

import "testing"

// BenchmarkTable generates default tables (about 130 indicators each) and
// reports the cost per indicator, the unit the million-indicator benchmarks
// of the reader and the review think in.
func BenchmarkTable(b *testing.B) {
	opts := DefaultOptions(1)
	indicators := 0
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		indicators += Table(opts, i).IndicatorCount()
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(indicators), "ns/indicator")
	b.ReportMetric(float64(indicators)/float64(i), "indicators/table")
}
