package review_test

import (
	"sync"
	"testing"

	"jixiao/internal/review"
)

// Review is safe to run on many tables at once: the catalogue and the
// default plan are shared read-only.
func TestConcurrentTables(t *testing.T) {
	ts, _ := corpus(t, 9, 0, 2000)
	want := make([]int, len(ts))
	for i, tb := range ts {
		want[i] = len(review.Table(tb, review.Options{}))
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, tb := range ts {
				if n := len(review.Table(tb, review.Options{Reference: refs})); n < want[i] {
					t.Errorf("table %d: %d findings concurrently, %d alone", i, n, want[i])
				}
			}
		}()
	}
	wg.Wait()
}
