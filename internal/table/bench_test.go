package table_test

import (
	"bytes"
	"testing"

	"jixiao/internal/gen"
	"jixiao/internal/table"
)

// BenchmarkReadText parses a gen corpus in the published text layout; it
// reports MB/s (via SetBytes) and indicators/s. The corpus is built once:
// enough tables for ≥ 50 MB with -benchtime=1x, and any b.N reuses it.
func BenchmarkReadText(b *testing.B) {
	var files [][]byte
	total, indicators := 0, 0
	for i := 0; total < 50<<20; i++ {
		t := gen.Table(gen.Options{Seed: 1, DefectRate: 0.15}, i)
		var buf bytes.Buffer
		if err := table.WriteText(&buf, t); err != nil {
			b.Fatal(err)
		}
		files = append(files, buf.Bytes())
		total += buf.Len()
		indicators += t.IndicatorCount()
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for _, f := range files {
			if _, err := table.ReadText(bytes.NewReader(f), table.ReadOptions{File: "bench.txt"}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(indicators)*float64(b.N)/b.Elapsed().Seconds(), "indicators/s")
	b.ReportMetric(float64(len(files)), "tables")
}
