package review_test

import (
	"syscall"
	"testing"
	"time"

	"jixiao"
	"jixiao/internal/gen"
	"jixiao/internal/review"
)

// corpus generates gen tables until they hold at least n indicators, with
// every target parsed (the review's input is a parsed table).
func corpus(tb testing.TB, seed int64, from, n int) (ts []*jixiao.Table, inds int) {
	tb.Helper()
	for i := from; inds < n; i++ {
		t := gen.Table(gen.DefaultOptions(seed), i)
		parse(t)
		ts = append(ts, t)
		inds += t.IndicatorCount()
	}
	return ts, inds
}

// BenchmarkTable reviews generated tables (about 15 % of projects with
// injected defects) one per op, round robin over a corpus of ≥100,000
// indicators, and reports indicators per second on one goroutine.
func BenchmarkTable(b *testing.B) {
	ts, _ := corpus(b, 1, 0, 100_000)
	opts := review.Options{}
	b.ReportAllocs()
	b.ResetTimer()
	reviewed, findings := 0, 0
	start, cpu := time.Now(), cpuTime()
	for i := 0; i < b.N; i++ {
		t := ts[i%len(ts)]
		findings += len(review.Table(t, opts))
		reviewed += t.IndicatorCount()
	}
	el, cpuEl := time.Since(start), cpuTime()-cpu
	b.ReportMetric(float64(reviewed)/el.Seconds(), "indicators/s")
	b.ReportMetric(float64(reviewed)/cpuEl.Seconds(), "indicators/cpu-s")
	b.ReportMetric(float64(findings)/float64(reviewed), "findings/indicator")
}

// cpuTime is the CPU time of the process so far. On a shared machine wall
// time measures the neighbours too; run with -cpu 1 so that this is the
// time of one core (GC included).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCorpus1M reviews a gen corpus of at least 1,000,000 indicators
// per op (issue 3: the speed target is stated over such a corpus). Tables
// are generated and parsed in chunks with the timer stopped, so memory stays
// bounded and only the review is timed. Run with -benchtime=1x.
func BenchmarkCorpus1M(b *testing.B) {
	if testing.Short() {
		b.Skip("1M-indicator corpus skipped in -short mode")
	}
	const total, chunk = 1_000_000, 50_000
	opts := review.Options{}
	var reviewed int
	var el, cpuEl time.Duration
	for i := 0; i < b.N; i++ {
		next := 0
		for done := 0; done < total; {
			b.StopTimer()
			ts, n := corpus(b, 7, next, chunk)
			next += len(ts)
			b.StartTimer()
			start, cpu := time.Now(), cpuTime()
			for _, t := range ts {
				review.Table(t, opts)
			}
			el += time.Since(start)
			cpuEl += cpuTime() - cpu
			done += n
			reviewed += n
		}
	}
	b.ReportMetric(float64(reviewed)/el.Seconds(), "indicators/s")
	b.ReportMetric(float64(reviewed)/cpuEl.Seconds(), "indicators/cpu-s")
	b.ReportMetric(float64(reviewed)/float64(b.N), "indicators/op")
}
