package sqldb

import (
	"context"
	"reflect"
	"testing"

	"jixiao"
)

// TableProject gives, of one project, exactly what Table gives of it.
func TestTableProject(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		in := testTable("某区某局（本级）", 2024, 10, 3)
		in.Review = testReview("HYG-CUT-OFF", 2)
		for i := range in.Review.Findings {
			in.Review.Findings[i].Project = in.Projects()[1].Name
		}
		in.Review.Findings = append(in.Review.Findings, jixiao.Finding{Rule: "ARITH-TOTAL", Family: jixiao.FamilyArithmetic,
			Severity: jixiao.SeverityError, Field: "total", Message: "合计不等", Suggestion: "改"})
		res, err := db.SaveTable(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		whole, err := db.Table(ctx, res.TableID)
		if err != nil {
			t.Fatal(err)
		}
		withFindings := 0
		defer func() {
			if withFindings != 1 {
				t.Errorf("%d projects with findings, want 1", withFindings)
			}
		}()
		for seq, want := range whole.Projects() {
			seq++
			sum, got, p, err := db.TableProject(ctx, res.TableID, seq)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(p, want) {
				t.Errorf("project %d = %+v, want %+v", seq, p, want)
			}
			if want, _ := db.Summary(ctx, res.TableID); sum != want {
				t.Errorf("project %d: summary %+v, want %+v", seq, sum, want)
			}
			if len(got.Units) != 1 || len(got.Units[0].Projects) != 1 || got.Units[0].Projects[0] != p {
				t.Fatalf("project %d: units %+v", seq, got.Units)
			}
			var unit jixiao.Unit
			for _, u := range whole.Units {
				for _, q := range u.Projects {
					if q.ID == p.ID {
						unit = u
					}
				}
			}
			if got.Units[0].Name != unit.Name || got.Units[0].Funding != unit.Funding {
				t.Errorf("project %d: unit %s %+v, want %s %+v", seq, got.Units[0].Name, got.Units[0].Funding, unit.Name, unit.Funding)
			}
			h := *got
			h.Units, h.Review = whole.Units, whole.Review
			if !reflect.DeepEqual(&h, whole) {
				t.Errorf("project %d: header %+v, want %+v", seq, h, *whole)
			}
			var fs []jixiao.Finding
			for _, f := range whole.Review.Findings {
				if f.Project == p.Name {
					fs = append(fs, f)
				}
			}
			if len(fs) > 0 {
				withFindings++
			}
			if got.Review.Score != whole.Review.Score || got.Review.Grade != whole.Review.Grade || len(got.Review.Findings) != len(fs) ||
				(len(fs) > 0 && !reflect.DeepEqual(got.Review.Findings, fs)) {
				t.Errorf("project %d: review %+v, want the findings %+v", seq, got.Review, fs)
			}
		}
		// A missing project is not found, with the version's summary.
		for _, seq := range []int{0, 11} {
			if sum, _, _, err := db.TableProject(ctx, res.TableID, seq); jixiao.ErrorCode(err) != jixiao.ENOTFOUND || sum.ID != res.TableID {
				t.Errorf("project %d: %v, summary %d, want not found with the summary", seq, err, sum.ID)
			}
		}
		if sum, _, _, err := db.TableProject(ctx, res.TableID+1, 1); jixiao.ErrorCode(err) != jixiao.ENOTFOUND || sum.ID != 0 {
			t.Errorf("no table: %v, %d, want not found", err, sum.ID)
		}
	})
}
