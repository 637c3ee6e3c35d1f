package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"testing"

	"jixiao"
	"jixiao/internal/sqldb"
)

// liveResult is what the edit page's script gets back as the user types.
type liveResult struct {
	Errors   []fieldError   `json:"errors"`
	Findings []liveFinding  `json:"findings"`
	Counts   map[string]int `json:"counts"`
}

// live posts the form as typed to the live review of project seq of id.
func (c *client) live(id int64, seq int, form url.Values) liveResult {
	c.e.t.Helper()
	r := c.post(tablePath(id, "/projects/"+strconv.Itoa(seq)+"/review"), form).want(c.e.t, http.StatusOK)
	if ct := r.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		c.e.t.Errorf("live review answers %q", ct)
	}
	var res liveResult
	if err := json.Unmarshal([]byte(r.body), &res); err != nil {
		c.e.t.Fatalf("live review: %v\n%s", err, r.body)
	}
	return res
}

// has reports whether the live review found rule at indicator ind (1-based).
func (l liveResult) has(rule string, ind int) bool {
	return slices.ContainsFunc(l.Findings, func(f liveFinding) bool { return f.Rule == rule && f.Indicator == ind })
}

func (l liveResult) fieldError(field string) string {
	for _, e := range l.Errors {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

func TestLiveReview(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		id := e.table(orgOwn, jixiao.StatusDraft)
		filer := e.as(roleFiler)
		_, form := filer.editForm(id, 1)
		stale := strconv.Itoa(e.summary(id).FiscalYear-3) + "年6月30日前完成"

		tests := []struct {
			name  string
			edit  func(f url.Values)
			check func(t *testing.T, l liveResult)
		}{
			{"the form as loaded has no field errors", func(url.Values) {}, func(t *testing.T, l liveResult) {
				if len(l.Errors) != 0 {
					t.Errorf("errors %+v", l.Errors)
				}
				n := 0
				for _, c := range l.Counts {
					n += c
				}
				if n != len(l.Findings) {
					t.Errorf("counts %v add up to %d, findings are %d", l.Counts, n, len(l.Findings))
				}
			}},
			{"a blank indicator name is a field error", func(f url.Values) { f["ind_name"][1] = "" }, func(t *testing.T, l liveResult) {
				if msg := l.fieldError("ind_name.1"); msg != "第 2 个指标缺少指标名称" {
					t.Errorf("ind_name.1: %q; errors %+v", msg, l.Errors)
				}
			}},
			{"a blank project name is a field error", func(f url.Values) { f.Set("name", " ") }, func(t *testing.T, l liveResult) {
				if l.fieldError("name") == "" {
					t.Errorf("no error for the name; errors %+v", l.Errors)
				}
			}},
			{"money that is not money is a field error", func(f url.Values) { f.Set("fiscal", "十万") }, func(t *testing.T, l liveResult) {
				if l.fieldError("fiscal") == "" {
					t.Errorf("no error for fiscal; errors %+v", l.Errors)
				}
			}},
			{"a deadline before the budget year is found", func(f url.Values) {
				f["ind_period"][0], f["ind_annual"][0] = stale, stale
			}, func(t *testing.T, l liveResult) {
				if !l.has(staleRule, 1) {
					t.Errorf("no %s at indicator 1 for %q: %+v", staleRule, stale, l.Findings)
				}
			}},
			{"the deadline fixed, the finding is gone", func(f url.Values) {
				ok := strconv.Itoa(e.summary(id).FiscalYear) + "年6月30日前完成"
				f["ind_period"][0], f["ind_annual"][0] = ok, ok
			}, func(t *testing.T, l liveResult) {
				if l.has(staleRule, 1) {
					t.Errorf("%s still at indicator 1", staleRule)
				}
			}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				defer e.use(t)()
				f := clone(form)
				tc.edit(f)
				tc.check(t, filer.live(id, 1, f))
			})
		}
		// Reviewing saves nothing.
		if vs, _ := e.db.Versions(t.Context(), id); len(vs) != 1 {
			t.Errorf("live review made %d versions", len(vs))
		}
	})
}

func TestSaveKeepsWhatWasTyped(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		id := e.table(orgOwn, jixiao.StatusDraft)
		filer := e.as(roleFiler)
		const goal = "新的绩效目标：完成全年培训任务。"

		t.Run("invalid money", func(t *testing.T) {
			defer e.use(t)()
			action, form := filer.editForm(id, 1)
			form.Set("total", "12,3x")
			form.Set("goal", goal)
			form["ind_name"][0] = "改过的指标名称"
			r := filer.post(action, form).want(t, http.StatusUnprocessableEntity)
			mustSay(t, r, "总计须是金额", "现为“12,3x”")
			_, again := pageForm(t, r.body, `id="edit-form"`)
			for _, field := range []string{"total", "goal", "base_version"} {
				if again.Get(field) != form.Get(field) {
					t.Errorf("re-rendered %s = %q, typed %q", field, again.Get(field), form.Get(field))
				}
			}
			if !slices.Equal(again["ind_name"], form["ind_name"]) {
				t.Errorf("re-rendered indicator names %q, typed %q", again["ind_name"], form["ind_name"])
			}
			if e.current(id).ID != id {
				t.Error("an invalid form saved a version")
			}
		})

		t.Run("a stale base version", func(t *testing.T) {
			defer e.use(t)()
			// Two people open the same project; the other saves first.
			mine, form := filer.editForm(id, 1)
			other, theirs := e.fresh(roleAdmin).editForm(id, 1)
			theirs.Set("goal", "另一人先保存的目标。")
			e.as(roleAdmin).post(other, theirs).wantRedirect(t, "/tables/")

			form.Set("goal", goal)
			form["ind_annual"][0] = "≥ 12场"
			r := filer.post(mine, form).want(t, http.StatusConflict)
			mustSay(t, r, "保存冲突：您编辑的是第 1 版，此后已有人保存了第 2 版", "打开最新版本")
			_, again := pageForm(t, r.body, `id="edit-form"`)
			if again.Get("goal") != goal || again["ind_annual"][0] != "≥ 12场" {
				t.Errorf("the conflict page lost what was typed: goal %q, annual %q", again.Get("goal"), again["ind_annual"][0])
			}
			cur := e.load(e.current(id).ID)
			if cur.Version != 2 || cur.Projects()[0].Goal != "另一人先保存的目标。" {
				t.Errorf("current version %d, goal %q: the other's save must stand", cur.Version, cur.Projects()[0].Goal)
			}

			// A form without its base version (a script, a page cut
			// short), or naming the newest version, is still an edit of
			// the version in its address, and cannot save over a newer
			// one either.
			for _, base := range []string{"", "2"} {
				form.Set("base_version", base)
				filer.post(mine, form).want(t, http.StatusConflict)
				if cur := e.current(id); cur.Version != 2 {
					t.Fatalf("a save of version 1 with base_version %q made version %d over version 2", base, cur.Version)
				}
			}
		})
	})
}
