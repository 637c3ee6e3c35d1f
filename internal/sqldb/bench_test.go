package sqldb

import (
	"context"
	"fmt"
	"testing"
)

// The benchmarks save synthetic tables of 500 projects × 6 indicators, each
// under a new org, into one fresh database, and report indicators/s of wall
// time, and indicators per second of this process's CPU time: on a shared
// machine the second is the steadier figure (for SQLite it is all the work;
// for PostgreSQL the server's share is not in it). One million indicators
// is -benchtime 334x:
//
//	JIXIAO_TEST_PG=postgres://… go test ./internal/sqldb -run '^$' -bench SaveTable -benchtime 334x -count 5

func BenchmarkSaveTableSQLite(b *testing.B) { benchmarkSaveTable(b, openSQLite(b)) }

func BenchmarkSaveTablePostgres(b *testing.B) { benchmarkSaveTable(b, openPostgres(b)) }

func benchmarkSaveTable(b *testing.B, db *DB) {
	const projects, indicators = 500, 6
	tb := testTable("基准单位", 2024, projects, indicators)
	ctx := context.Background()
	b.ReportAllocs()
	n := 0
	cpu0 := cpuTime()
	for i := 0; b.Loop(); i++ {
		tb.Org = fmt.Sprintf("基准单位%d", i) // a new table, not an unchanged one
		res, err := db.SaveTable(ctx, tb)
		if err != nil {
			b.Fatal(err)
		}
		if res.Version != 1 {
			b.Fatalf("result %+v, want version 1", res)
		}
		n += projects * indicators
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "indicators/s")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(n)/cpu.Seconds(), "indicators/cpu-s")
	}
}

func BenchmarkTableSQLite(b *testing.B) { benchmarkTable(b, openSQLite(b)) }

func BenchmarkTablePostgres(b *testing.B) { benchmarkTable(b, openPostgres(b)) }

// benchmarkTable loads one table of 500 projects × 6 indicators.
func benchmarkTable(b *testing.B, db *DB) {
	tb := testTable("基准单位", 2024, 500, 6)
	ctx := context.Background()
	if _, err := db.SaveTable(ctx, tb); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		got, err := db.Table(ctx, tb.ID)
		if err != nil {
			b.Fatal(err)
		}
		n += got.IndicatorCount()
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "indicators/s")
}
