package review_test

import (
	"runtime"
	"syscall"
	"testing"
	"time"

	"jixiao/internal/review"
)

func threadCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestZZSpeed(t *testing.T) {
	ts, n := corpus(t, 1, 0, 100_000)
	t.Logf("%d tables, %d indicators", len(ts), n)
	runtime.LockOSThread()
	runtime.GC()
	for round := 0; round < 3; round++ {
		w, c, p := time.Now(), threadCPU(), cpuTime()
		for _, tb := range ts {
			review.Table(tb, review.Options{})
		}
		tw, tc, tp := time.Since(w), threadCPU()-c, cpuTime()-p
		t.Logf("wall %v (%.0f/s) thread-cpu %v (%.0f/s) proc-cpu %v (%.0f/s)", tw, float64(n)/tw.Seconds(), tc, float64(n)/tc.Seconds(), tp, float64(n)/tp.Seconds())
	}
}
