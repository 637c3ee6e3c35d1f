// Package seedtest finds the real published table that tests read from
// ../shared/seeds/ beside the repository. A fresh clone of the repository
// alone does not have it, so tests skip with a message there; CI always has
// it: there a missing seed fails the test.
package seedtest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// SeedName is the file name of the first real input.
const SeedName = "000_69318a9b511d8c9f.txt"

// Path returns the path of the seed table, or skips the test.
func Path(t testing.TB) string {
	t.Helper()
	_, self, _, ok := runtime.Caller(0)
	if !ok {
		t.Skip("seed table: cannot locate the source tree")
	}
	// self is <repo>/internal/seedtest/seedtest.go; shared/ sits beside <repo>.
	p := filepath.Join(filepath.Dir(self), "..", "..", "..", "shared", "seeds", SeedName)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("seed table %s not found, and CI must always have it: %v", p, err)
		}
		t.Skipf("seed table %s not found (it lives in ../shared/seeds/ beside the repository; CI has it): %v", p, err)
	}
	return p
}
