package table_test

import (
	"bufio"
	"bytes"
	"sync"
	"testing"

	"jixiao/internal/gen"
	"jixiao/internal/table"
)

// benchCorpus is a gen corpus in the published text layout of at least
// 50 MB, built once per process.
var benchCorpus = sync.OnceValues(func() ([][]byte, int) {
	var files [][]byte
	total, indicators := 0, 0
	for i := 0; total < 50<<20; i++ {
		t := gen.Table(gen.DefaultOptions(1), i)
		var buf bytes.Buffer
		if err := table.WriteText(&buf, t); err != nil {
			panic(err)
		}
		files = append(files, buf.Bytes())
		total += buf.Len()
		indicators += t.IndicatorCount()
	}
	return files, indicators
})

func corpusBytes(files [][]byte) int64 {
	n := 0
	for _, f := range files {
		n += len(f)
	}
	return int64(n)
}

// BenchmarkReadText parses the corpus: MB/s (SetBytes) and indicators/s.
// Run: go test ./internal/table -run '^$' -bench 'ReadText|ScanLines' -benchtime 2x -count 5
func BenchmarkReadText(b *testing.B) {
	files, indicators := benchCorpus()
	b.SetBytes(corpusBytes(files))
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for _, f := range files {
			if _, err := table.ReadText(bytes.NewReader(f), table.ReadOptions{File: "bench.txt"}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(indicators)*float64(b.N)/b.Elapsed().Seconds(), "indicators/s")
}

// BenchmarkScanLinesBaseline only splits the same corpus into lines and
// cells: the floor any reader of this layout pays, measured in the same run.
func BenchmarkScanLinesBaseline(b *testing.B) {
	files, _ := benchCorpus()
	b.SetBytes(corpusBytes(files))
	b.ResetTimer()
	cells := 0
	for n := 0; n < b.N; n++ {
		for _, f := range files {
			sc := bufio.NewScanner(bytes.NewReader(f))
			sc.Buffer(make([]byte, 64<<10), 4<<20)
			for sc.Scan() {
				cells += len(bytes.Split(sc.Bytes(), []byte{'\t'}))
			}
		}
	}
	if cells == 0 {
		b.Fatal("no cells")
	}
}
