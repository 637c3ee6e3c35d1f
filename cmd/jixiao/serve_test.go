package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"

	"jixiao"
	"jixiao/internal/review"
	"jixiao/internal/sqldb"
)

// The demo tables are stored as an import stores tables: with their target
// values parsed, so that the review and the pages see numbers and dates.
func TestDemoTargetsAreParsed(t *testing.T) {
	ctx := context.Background()
	db, err := sqldb.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a := &app{ctx: ctx, stdout: io.Discard, stderr: io.Discard, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if err := a.loadDemo(db, review.DefaultOptions()); err != nil {
		t.Fatal(err)
	}
	list, err := db.Tables(ctx, jixiao.TableFilter{AllVersions: true})
	if err != nil || len(list) == 0 {
		t.Fatalf("%d demo tables, %v", len(list), err)
	}
	tab, err := db.Table(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range tab.Projects() {
		for _, in := range p.Indicators {
			if in.Annual.Raw != "" && in.Annual.Kind == "" {
				t.Fatalf("%s / %s: annual %q stored unparsed", p.Name, in.Name, in.Annual.Raw)
			}
		}
	}
}
