package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"jixiao"
	"jixiao/internal/gen"
	"jixiao/internal/review"
	"jixiao/internal/sqldb"
	"jixiao/internal/table"
)

// benchServer is a server on a database of n generated, published,
// reviewed tables; it returns their ids.
func benchServer(b *testing.B, n int) (*Server, []int64) {
	b.Helper()
	ctx := context.Background()
	db, err := sqldb.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	var ids []int64
	opts := gen.DefaultOptions(1)
	for i := range n {
		t := gen.Table(opts, i)
		table.ParseTargets(t)
		fs := review.Table(t, review.DefaultOptions())
		q, _ := review.Score(t, fs)
		t.Review = &jixiao.Review{Findings: fs, Score: q.Score, Grade: q.Grade}
		res, err := db.SaveTable(ctx, t)
		if err != nil {
			b.Fatal(err)
		}
		ids = append(ids, res.TableID)
	}
	srv, err := New(Config{DB: db, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Review: review.DefaultOptions()})
	if err != nil {
		b.Fatal(err)
	}
	return srv, ids
}

// The two reads scripts/bench-web loads: a project page and the API's
// project, a random one of the first three projects of a random table.
func BenchmarkProjectRead(b *testing.B) {
	srv, ids := benchServer(b, 40)
	for _, bc := range []struct{ name, prefix string }{{"page", "/tables/"}, {"api", "/api/v1/tables/"}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				r := rand.New(rand.NewPCG(1, 2))
				for pb.Next() {
					url := fmt.Sprintf("%s%d/projects/%d", bc.prefix, ids[r.IntN(len(ids))], 1+r.IntN(3))
					w := httptest.NewRecorder()
					srv.ServeHTTP(w, httptest.NewRequest(http.MethodGet, url, nil))
					if w.Code != http.StatusOK {
						b.Fatalf("GET %s = %d", url, w.Code)
					}
				}
			})
		})
	}
}
