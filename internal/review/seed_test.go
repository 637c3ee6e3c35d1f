package review_test

import (
	"os"
	"path/filepath"
	"testing"

	"jixiao"
	"jixiao/internal/review"
	"jixiao/internal/table"
)

const seedPath = "../../../shared/seeds/000_69318a9b511d8c9f.txt"

func readSeed(t testing.TB) *jixiao.Table {
	t.Helper()
	f, err := os.Open(seedPath)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("seed table %s not found, and CI must always have it: %v", seedPath, err)
		}
		t.Skipf("seed table %s not found (it lives in ../shared/seeds/ beside the repository): %v", seedPath, err)
	}
	defer f.Close()
	res, err := table.ReadText(f, table.ReadOptions{File: filepath.Base(seedPath)})
	if err != nil {
		t.Fatalf("read seed: %v", err)
	}
	return res.Table
}

func TestSeedDump(t *testing.T) {
	tb := readSeed(t)
	fs := review.Table(tb, review.Options{})
	for _, f := range fs {
		t.Logf("%-26s %-7s %s #%d %s | %s", f.Rule, f.Severity, f.Project, f.Indicator, f.Field, f.Message)
	}
	q, _ := review.Score(tb, fs)
	t.Logf("year %d (%s) score %+v", tb.FiscalYear, tb.FiscalYearSource, q)
}
