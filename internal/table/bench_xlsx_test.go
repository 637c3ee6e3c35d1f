package table_test

import (
	"bytes"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/gen"
	"jixiao/internal/table"
)

// bigTable joins the units of gen tables into one table of at least n
// indicators. Unit names get the table's number in front, so that no name
// comes back in a later part of the table and each still ends like a
// unit's name.
func bigTable(n int) *jixiao.Table {
	big := &jixiao.Table{Title: gen.Title, Org: "基准测试局", FiscalYear: 2024, MoneyUnit: jixiao.WanYuan}
	for i, count := 0, 0; count < n; i++ {
		t := gen.Table(gen.DefaultOptions(1), i)
		for _, u := range t.Units {
			u.Name = strconv.Itoa(i) + "号" + u.Name
			for _, p := range u.Projects {
				p.Org = u.Name
			}
			big.Units = append(big.Units, u)
			big.Total = big.Total.Add(u.Funding)
		}
		count += t.IndicatorCount()
	}
	table.ParseTargets(big)
	return big
}

// rssKB reads a line of /proc/self/status (Linux); 0 elsewhere.
func rssKB(field string) int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return n
		}
	}
	return 0
}

// peakRSS runs fn and reports the process's peak resident memory during
// it (VmHWM, reset first through clear_refs) and what it was before.
func peakRSS(b *testing.B, fn func()) {
	runtime.GC()
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // resets VmHWM to VmRSS
	before := rssKB("VmRSS")
	cpu := cpuTime()
	fn()
	if cpu > 0 {
		// On a busy machine wall time is shared; the CPU time is ours.
		b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "s-CPU/op")
	}
	if peak := rssKB("VmHWM"); peak > 0 {
		b.ReportMetric(float64(before)/1024, "MB-RSS-before")
		b.ReportMetric(float64(peak)/1024, "MB-RSS-peak")
	}
}

// BenchmarkXLSX100k writes and reads a workbook of 100,000 indicators (both
// sheets: the published layout and one row per indicator). It reports
// indicators/s and the peak resident memory of the process, which holds
// the table itself throughout (MB-RSS-before).
// Run: scripts/bench-xlsx, or
// go test ./internal/table -run '^$' -bench XLSX100k -benchtime 1x
func BenchmarkXLSX100k(b *testing.B) {
	big := bigTable(100_000)
	n := big.IndicatorCount()
	var first bytes.Buffer
	if err := table.WriteXLSX(&first, big); err != nil {
		b.Fatal(err)
	}
	book := first.Bytes()
	path := b.TempDir() + "/big.xlsx"
	if err := os.WriteFile(path, book, 0o644); err != nil {
		b.Fatal(err)
	}
	b.Run("write", func(b *testing.B) {
		peakRSS(b, func() {
			for i := 0; i < b.N; i++ {
				var buf bytes.Buffer
				if err := table.WriteXLSX(&buf, big); err != nil {
					b.Fatal(err)
				}
				book = buf.Bytes()
			}
		})
		b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "indicators/s")
		b.ReportMetric(float64(len(book))/(1<<20), "MB-file")
	})
	book, first = nil, bytes.Buffer{}
	b.Run("read", func(b *testing.B) {
		var rs []*table.Result
		peakRSS(b, func() {
			for i := 0; i < b.N; i++ {
				var err error
				if rs, err = table.ReadAllFile(path, nil, table.ReadOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "indicators/s")
		if len(rs) != 1 || rs[0].Table.IndicatorCount() != n || jixiao.ContentHash(rs[0].Table) != jixiao.ContentHash(big) {
			b.Fatalf("read back %d tables, not the table written", len(rs))
		}
	})
}
