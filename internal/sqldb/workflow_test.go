package sqldb

import (
	"context"
	"reflect"
	"sync"
	"testing"
	"time"

	"jixiao"
)

// edit loads version id, lets change alter it, and saves it as an edit of
// that version by actor.
func edit(tb testing.TB, db *DB, id int64, actor string, change func(t *jixiao.Table)) (*jixiao.Table, error) {
	tb.Helper()
	t, err := db.Table(context.Background(), id)
	if err != nil {
		tb.Fatal(err)
	}
	change(t)
	_, err = db.SaveVersion(context.Background(), t, SaveOptions{BaseVersion: t.Version, Actor: actor})
	return t, err
}

// TestWorkflow takes one table through the whole workflow of DESIGN §5,
// with the steps refused on the way.
func TestWorkflow(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		v1 := testTable("工作流单位", 2024, 3, 2)
		v1.Status, v1.CreatedBy = jixiao.StatusDraft, "filer1"
		if _, err := db.SaveVersion(ctx, v1, SaveOptions{}); err != nil {
			t.Fatal(err)
		}
		type state struct {
			Status  jixiao.Status
			Grade   string
			Comment string
			Current bool
		}
		stateOf := func(id int64) state {
			t.Helper()
			tb, err := db.Table(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			s, err := db.Summary(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if s.Status != tb.Status || s.Grade != tb.Grade {
				t.Errorf("summary says %s %q, table says %s %q", s.Status, s.Grade, tb.Status, tb.Grade)
			}
			return state{tb.Status, tb.Grade, tb.Comment, s.Current}
		}
		steps := []struct {
			name    string
			id      *int64 // a pointer: v2 exists only after the edit
			step    jixiao.Step
			actor   string
			code    string // "" when the step is taken
			want    state  // of the version after the step
			version int
		}{
			{"a draft cannot be published", &v1.ID, jixiao.Step{Action: jixiao.ActionPublish}, "filer1",
				jixiao.EINVALID, state{jixiao.StatusDraft, "", "", true}, 1},
			{"a draft cannot be approved", &v1.ID, jixiao.Step{Action: jixiao.ActionApprove, Grade: "优"}, "reviewer",
				jixiao.EINVALID, state{jixiao.StatusDraft, "", "", true}, 1},
			{"submit", &v1.ID, jixiao.Step{Action: jixiao.ActionSubmit}, "filer1",
				"", state{jixiao.StatusSubmitted, "", "", true}, 1},
			{"submitted twice", &v1.ID, jixiao.Step{Action: jixiao.ActionSubmit}, "filer1",
				jixiao.EINVALID, state{jixiao.StatusSubmitted, "", "", true}, 1},
			{"return without a comment", &v1.ID, jixiao.Step{Action: jixiao.ActionReturn}, "reviewer",
				jixiao.EINVALID, state{jixiao.StatusSubmitted, "", "", true}, 1},
			{"return", &v1.ID, jixiao.Step{Action: jixiao.ActionReturn, Comment: "  指标不够具体，\n请量化 "}, "reviewer",
				"", state{jixiao.StatusReturned, "", "指标不够具体， 请量化", true}, 1},
		}
		run := func(steps []struct {
			name    string
			id      *int64
			step    jixiao.Step
			actor   string
			code    string
			want    state
			version int
		}) {
			for _, s := range steps {
				to, err := db.Transition(ctx, *s.id, s.step, s.actor)
				if code := jixiao.ErrorCode(err); code != s.code {
					t.Errorf("%s: err = %v (code %q), want code %q", s.name, err, code, s.code)
				}
				if s.code == "" && to != s.want.Status {
					t.Errorf("%s: Transition = %q, want %q", s.name, to, s.want.Status)
				}
				if got := stateOf(*s.id); got != s.want {
					t.Errorf("%s: version %d is %+v, want %+v", s.name, s.version, got, s.want)
				}
			}
		}
		run(steps)

		// The filer edits the returned version: a new version, a draft,
		// with no grade; the returned one is kept as it was.
		v2, err := edit(t, db, v1.ID, "filer1", func(t *jixiao.Table) {
			t.Units[0].Projects[0].Indicators[0].Annual.Raw = "≥3场"
		})
		if err != nil {
			t.Fatal(err)
		}
		if v2.Version != 2 || v2.ID == v1.ID {
			t.Fatalf("edit saved as version %d id %d", v2.Version, v2.ID)
		}
		if got, want := stateOf(v2.ID), (state{jixiao.StatusDraft, "", "指标不够具体， 请量化", true}); got != want {
			t.Errorf("edited version is %+v, want %+v", got, want)
		}
		if got := stateOf(v1.ID); got != (state{jixiao.StatusReturned, "", "指标不够具体， 请量化", false}) {
			t.Errorf("returned version is now %+v", got)
		}

		run([]struct {
			name    string
			id      *int64
			step    jixiao.Step
			actor   string
			code    string
			want    state
			version int
		}{
			{"the old version is no longer current", &v1.ID, jixiao.Step{Action: jixiao.ActionSubmit}, "filer1",
				jixiao.ECONFLICT, state{jixiao.StatusReturned, "", "指标不够具体， 请量化", false}, 1},
			{"submit the edit", &v2.ID, jixiao.Step{Action: jixiao.ActionSubmit}, "filer1",
				"", state{jixiao.StatusSubmitted, "", "", true}, 2},
			{"approve without a grade", &v2.ID, jixiao.Step{Action: jixiao.ActionApprove}, "reviewer",
				jixiao.EINVALID, state{jixiao.StatusSubmitted, "", "", true}, 2},
			{"approve with a grade that is none of 优良中差", &v2.ID, jixiao.Step{Action: jixiao.ActionApprove, Grade: "甲"}, "reviewer",
				jixiao.EINVALID, state{jixiao.StatusSubmitted, "", "", true}, 2},
			{"approve", &v2.ID, jixiao.Step{Action: jixiao.ActionApprove, Grade: "良", Comment: "可以"}, "reviewer",
				"", state{jixiao.StatusApproved, "良", "可以", true}, 2},
			{"approved twice", &v2.ID, jixiao.Step{Action: jixiao.ActionApprove, Grade: "优"}, "reviewer",
				jixiao.EINVALID, state{jixiao.StatusApproved, "良", "可以", true}, 2},
			{"an approved table cannot be returned", &v2.ID, jixiao.Step{Action: jixiao.ActionReturn, Comment: "再改"}, "reviewer",
				jixiao.EINVALID, state{jixiao.StatusApproved, "良", "可以", true}, 2},
			{"publish keeps grade and comment", &v2.ID, jixiao.Step{Action: jixiao.ActionPublish}, "filer1",
				"", state{jixiao.StatusPublished, "良", "可以", true}, 2},
			{"published twice", &v2.ID, jixiao.Step{Action: jixiao.ActionPublish}, "filer1",
				jixiao.EINVALID, state{jixiao.StatusPublished, "良", "可以", true}, 2},
		})

		missing := v2.ID + 1000
		if _, err := db.Transition(ctx, missing, jixiao.Step{Action: jixiao.ActionSubmit}, "x"); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
			t.Errorf("transition of a missing table: %v, want ENOTFOUND", err)
		}

		// Versions lists both, from either.
		for _, id := range []int64{v1.ID, v2.ID} {
			vs, err := db.Versions(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			type row struct {
				ID      int64
				Version int
				Status  jixiao.Status
				Current bool
			}
			var got []row
			for _, v := range vs {
				got = append(got, row{v.ID, v.Version, v.Status, v.Current})
			}
			want := []row{{v1.ID, 1, jixiao.StatusReturned, false}, {v2.ID, 2, jixiao.StatusPublished, true}}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Versions(%d) = %+v, want %+v", id, got, want)
			}
		}
		if _, err := db.Versions(ctx, missing); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
			t.Errorf("Versions of a missing table: %v, want ENOTFOUND", err)
		}

		// The steps taken, across both versions, from either; refused steps
		// left no event.
		type event struct {
			TableID  int64
			Version  int
			Action   jixiao.Action
			From, To jixiao.Status
			Actor    string
			Comment  string
			Grade    string
		}
		want := []event{
			{v1.ID, 1, jixiao.ActionSubmit, jixiao.StatusDraft, jixiao.StatusSubmitted, "filer1", "", ""},
			{v1.ID, 1, jixiao.ActionReturn, jixiao.StatusSubmitted, jixiao.StatusReturned, "reviewer", "指标不够具体， 请量化", ""},
			{v2.ID, 2, jixiao.ActionSubmit, jixiao.StatusDraft, jixiao.StatusSubmitted, "filer1", "", ""},
			{v2.ID, 2, jixiao.ActionApprove, jixiao.StatusSubmitted, jixiao.StatusApproved, "reviewer", "可以", "良"},
			{v2.ID, 2, jixiao.ActionPublish, jixiao.StatusApproved, jixiao.StatusPublished, "filer1", "", ""},
		}
		for _, id := range []int64{v1.ID, v2.ID} {
			evs, err := db.WorkflowEvents(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			var got []event
			for i, e := range evs {
				got = append(got, event{e.TableID, e.Version, e.Action, e.From, e.To, e.Actor, e.Comment, e.Grade})
				if e.At.IsZero() || (i > 0 && e.At.Before(evs[i-1].At)) {
					t.Errorf("event %d at %v, after %v", i, e.At, evs[max(i-1, 0)].At)
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("WorkflowEvents(%d):\n got  %+v\n want %+v", id, got, want)
			}
		}
		// Another org's table has no events of these.
		other := testTable("别的单位", 2024, 1, 1)
		if _, err := db.SaveTable(ctx, other); err != nil {
			t.Fatal(err)
		}
		if evs, err := db.WorkflowEvents(ctx, other.ID); err != nil || len(evs) != 0 {
			t.Errorf("events of another table = %+v, %v", evs, err)
		}
		mustVerify(t, db, 3+5) // three saves, five steps
	})
}

// An edit is a new version nobody has reviewed yet: whatever status and
// grade the loaded version had, the edit is a draft without a grade.
func TestEditIsADraft(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		v1 := testTable("调整单位", 2024, 2, 2)
		v1.Status = jixiao.StatusDraft
		if _, err := db.SaveTable(ctx, v1); err != nil {
			t.Fatal(err)
		}
		for _, s := range []jixiao.Step{{Action: jixiao.ActionSubmit}, {Action: jixiao.ActionApprove, Grade: "优"}} {
			if _, err := db.Transition(ctx, v1.ID, s, "x"); err != nil {
				t.Fatal(err)
			}
		}
		v2, err := edit(t, db, v1.ID, "filer1", func(t *jixiao.Table) {
			t.Note = "调整：资金压减"
			t.Units[0].Projects[0].Funding.Fiscal -= 100
		})
		if err != nil {
			t.Fatal(err)
		}
		if v2.Status != jixiao.StatusDraft {
			t.Errorf("the saved table says status %q, want draft", v2.Status)
		}
		got, err := db.Summary(ctx, v2.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != jixiao.StatusDraft || got.Grade != "" || got.Note != "调整：资金压减" || got.CreatedBy != "filer1" {
			t.Errorf("adjustment stored as status %q grade %q note %q created by %q; want a draft with no grade, its note, by filer1",
				got.Status, got.Grade, got.Note, got.CreatedBy)
		}
		if since := time.Since(got.ImportedAt); since < 0 || since > time.Minute || !got.ImportedAt.Equal(v2.ImportedAt) {
			t.Errorf("adjustment dated %v (table says %v), want now, not the loaded version's %v", got.ImportedAt, v2.ImportedAt, v1.ImportedAt)
		}
		if old, _ := db.Summary(ctx, v1.ID); old.Status != jixiao.StatusApproved || old.Grade != "优" {
			t.Errorf("the approved version became %s %q", old.Status, old.Grade)
		}
		// An import (no base version) keeps the status it is given.
		imp := testTable("调整单位", 2024, 3, 3)
		if _, err := db.SaveTable(ctx, imp); err != nil {
			t.Fatal(err)
		}
		if s, _ := db.Summary(ctx, imp.ID); s.Status != jixiao.StatusPublished {
			t.Errorf("import stored as %q, want published", s.Status)
		}
	})
}

// TestConcurrentApprovals: reviewers approving one submitted table at once;
// exactly one approval is taken, the others are told.
func TestConcurrentApprovals(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		for round := range 5 {
			tb := testTable("并发审核单位", 2024+round, 2, 2)
			tb.Status = jixiao.StatusSubmitted
			if _, err := db.SaveTable(ctx, tb); err != nil {
				t.Fatal(err)
			}
			const reviewers = 8
			errs := make([]error, reviewers)
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i := range reviewers {
				wg.Go(func() {
					<-start
					_, errs[i] = db.Transition(ctx, tb.ID, jixiao.Step{Action: jixiao.ActionApprove, Grade: jixiao.Grades[i%4]}, "reviewer")
				})
			}
			close(start)
			wg.Wait()
			winner := -1
			for i, err := range errs {
				switch jixiao.ErrorCode(err) {
				case "":
					if winner >= 0 {
						t.Errorf("round %d: reviewers %d and %d both approved", round, winner, i)
					}
					winner = i
				case jixiao.EINVALID, jixiao.ECONFLICT: // already approved / changed under us
				default:
					t.Errorf("round %d: reviewer %d: %v", round, i, err)
				}
			}
			if winner < 0 {
				t.Fatalf("round %d: no approval taken: %v", round, errs)
			}
			s, err := db.Summary(ctx, tb.ID)
			if err != nil {
				t.Fatal(err)
			}
			if s.Status != jixiao.StatusApproved || s.Grade != jixiao.Grades[winner%4] {
				t.Errorf("round %d: table is %s %q, want approved with the winner's %q", round, s.Status, s.Grade, jixiao.Grades[winner%4])
			}
			evs, err := db.WorkflowEvents(ctx, tb.ID)
			if err != nil || len(evs) != 1 {
				t.Errorf("round %d: events = %+v, %v; want one approval", round, evs, err)
			}
		}
		mustVerify(t, db, 5+5)
	})
}

// TestPublishedListing: the public sees the newest published version of
// each table while later versions are drafted and reviewed.
func TestPublishedListing(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		type row struct {
			Org     string
			Version int
			Status  jixiao.Status
			Current bool
		}
		list := func(f jixiao.TableFilter) []row {
			t.Helper()
			ss, err := db.Tables(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			rows := []row{}
			for _, s := range ss {
				rows = append(rows, row{s.Org, s.Version, s.Status, s.Current})
			}
			return rows
		}
		step := func(id int64, s jixiao.Step) {
			t.Helper()
			if _, err := db.Transition(ctx, id, s, "x"); err != nil {
				t.Fatal(err)
			}
		}
		published := jixiao.TableFilter{Published: true}

		v1 := testTable("公开单位", 2024, 2, 2) // an import of a published table
		if _, err := db.SaveTable(ctx, v1); err != nil {
			t.Fatal(err)
		}
		never := testTable("未公开单位", 2024, 1, 1)
		never.Status = jixiao.StatusDraft
		if _, err := db.SaveTable(ctx, never); err != nil {
			t.Fatal(err)
		}
		v2, err := edit(t, db, v1.ID, "filer", func(t *jixiao.Table) { t.Title = "第二稿" })
		if err != nil {
			t.Fatal(err)
		}

		for _, tc := range []struct {
			name   string
			before func()
			filter jixiao.TableFilter
			want   []row
		}{
			{"a draft over a published version", nil, published,
				[]row{{"公开单位", 1, jixiao.StatusPublished, false}}},
			{"what the staff see meanwhile", nil, jixiao.TableFilter{},
				[]row{{"公开单位", 2, jixiao.StatusDraft, true}, {"未公开单位", 1, jixiao.StatusDraft, true}}},
			{"the draft submitted", func() { step(v2.ID, jixiao.Step{Action: jixiao.ActionSubmit}) }, published,
				[]row{{"公开单位", 1, jixiao.StatusPublished, false}}},
			{"approved, not yet published", func() { step(v2.ID, jixiao.Step{Action: jixiao.ActionApprove, Grade: "中"}) }, published,
				[]row{{"公开单位", 1, jixiao.StatusPublished, false}}},
			{"published: the new version replaces the old", func() { step(v2.ID, jixiao.Step{Action: jixiao.ActionPublish}) }, published,
				[]row{{"公开单位", 2, jixiao.StatusPublished, true}}},
			{"by org", nil, jixiao.TableFilter{Published: true, Org: "公开单位"},
				[]row{{"公开单位", 2, jixiao.StatusPublished, true}}},
			{"by org without a published version", nil, jixiao.TableFilter{Published: true, Org: "未公开单位"}, []row{}},
			{"by another year", nil, jixiao.TableFilter{Published: true, FiscalYear: 2025}, []row{}},
			{"a third version drafted", func() {
				if _, err := edit(t, db, v2.ID, "filer", func(t *jixiao.Table) { t.Title = "第三稿" }); err != nil {
					t.Fatal(err)
				}
			}, published, []row{{"公开单位", 2, jixiao.StatusPublished, false}}},
			{"ID lists that version, current or not", nil, jixiao.TableFilter{ID: v1.ID},
				[]row{{"公开单位", 1, jixiao.StatusPublished, false}}},
			{"ID wins over Published", nil, jixiao.TableFilter{ID: never.ID, Published: true},
				[]row{{"未公开单位", 1, jixiao.StatusDraft, true}}},
			{"ID of no table", nil, jixiao.TableFilter{ID: 99999}, []row{}},
		} {
			if tc.before != nil {
				tc.before()
			}
			if got := list(tc.filter); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
			}
		}
		if _, err := db.Summary(ctx, 99999); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
			t.Errorf("Summary of a missing table: %v, want ENOTFOUND", err)
		}
	})
}
