package web

import (
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"testing"

	"jixiao"
	"jixiao/internal/seedtest"
	"jixiao/internal/sqldb"
)

// staleProject is the seed's project whose second indicator has a deadline
// of the year before the budget year: 项目完成时间 2023-10-31.
const (
	staleProject  = "花都区“十四五”发展规划中期评估费用"
	staleDeadline = "2023-10-31"
	staleRule     = "HYG-STALE-DEADLINE"
)

// projectSeq is the place of the project named name in version id.
func (e *env) projectSeq(id int64, name string) int {
	e.t.Helper()
	for i, p := range e.load(id).Projects() {
		if p.Name == name {
			return i + 1
		}
	}
	e.t.Fatalf("table %d has no project %s", id, name)
	return 0
}

// indicatorRow is the row of the edit form whose period value is v.
func indicatorRow(t testing.TB, form url.Values, v string) int {
	t.Helper()
	i := slices.Index(form["ind_period"], v)
	if i < 0 {
		t.Fatalf("no indicator with the value %q in the form: %q", v, form["ind_period"])
	}
	return i
}

// without removes one occurrence of x from list.
func without(list []string, x string) []string {
	i := slices.Index(list, x)
	if i < 0 {
		return list
	}
	return slices.Delete(slices.Clone(list), i, i+1)
}

// The workflow of DESIGN §5 as its users go through it in their browsers:
// the filer imports the seed and fixes a finding, the reviewer returns and
// approves, the table is published, then adjusted.
func TestWorkflowThroughHTTP(t *testing.T) {
	seed, err := os.ReadFile(seedtest.Path(t))
	if err != nil {
		t.Fatal(err)
	}
	forEachDB(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		filer, reviewer, public := e.as(roleFiler), e.as(roleReviewer), e.as(rolePublic)
		workflow := func(c *client, id int64, form url.Values) *response {
			return c.post(tablePath(id, "/workflow"), form)
		}

		// The filer uploads the seed: the preview shows what was read, the
		// inferred budget year and the review, and stores nothing yet.
		filer.get("/import").want(t, http.StatusOK)
		preview := filer.upload("/import", nil, seedtest.SeedName, seed).want(t, http.StatusOK)
		mustSay(t, preview, orgOwn, "预算年度 2024", "推断为 2024 年", "53 个项目，221 个指标", "27,793.94", "错误 ", staleRule)
		if n, _ := e.db.Tables(t.Context(), jixiao.TableFilter{}); len(n) != 0 {
			t.Fatalf("the preview stored %d tables", len(n))
		}
		confirm, _ := pageForm(t, preview.body, `id="import-confirm"`)
		loc := filer.post(confirm, nil).wantRedirect(t, "/tables/")
		draft := idFrom(t, loc)
		mustSay(t, filer.get(loc).want(t, http.StatusOK), "已导入，状态为草稿。", "草稿")
		if s := e.summary(draft); s.Status != jixiao.StatusDraft || s.FiscalYear != 2024 || s.Projects != 53 {
			t.Fatalf("imported: %+v, want a draft of 2024 with 53 projects", s)
		}
		// A confirmed preview is used up.
		filer.post(confirm, nil).want(t, http.StatusNotFound)

		// The draft is not the public's business.
		public.get(tablePath(draft, "")).want(t, http.StatusNotFound)
		mustNotSay(t, public.get("/").want(t, http.StatusOK), orgOwn)

		// The filer fixes the stale deadline; that finding goes, the
		// project's others stay.
		seq := e.projectSeq(draft, staleProject)
		projectPath := "/projects/" + strconv.Itoa(seq)
		before := rules(filer.get(tablePath(draft, projectPath)).want(t, http.StatusOK).body)
		if !slices.Contains(before, staleRule) {
			t.Fatalf("findings of %s before the fix: %v, want %s", staleProject, before, staleRule)
		}
		action, form := filer.editForm(draft, seq)
		row := indicatorRow(t, form, staleDeadline)
		form["ind_period"][row], form["ind_annual"][row] = "2024-10-31", "2024-10-31"
		loc = filer.post(action, form).wantRedirect(t, "/tables/")
		v2 := idFrom(t, loc)
		page := filer.get(loc).want(t, http.StatusOK)
		mustSay(t, page, "已保存。")
		after := rules(page.body)
		slices.Sort(after)
		want := without(before, staleRule)
		slices.Sort(want)
		if !slices.Equal(after, want) {
			t.Errorf("findings of %s after the fix:\n got %v\nwant %v", staleProject, after, want)
		}
		if v2 == draft || e.summary(v2).Version != 2 || e.summary(v2).Status != jixiao.StatusDraft {
			t.Errorf("the edit made %+v, want version 2, a draft", e.summary(v2))
		}

		// Submitted: the filer cannot change it while it is reviewed.
		workflow(filer, v2, url.Values{"action": {"submit"}}).wantRedirect(t, tablePath(v2, ""))
		mustSay(t, filer.get(tablePath(v2, projectPath+"/edit")).want(t, http.StatusConflict), "正在审核中")

		// The reviewer returns it; a return needs a comment.
		r := workflow(reviewer, v2, url.Values{"action": {"return"}, "comment": {"  "}}).want(t, http.StatusUnprocessableEntity)
		mustSay(t, r, "退回须写明意见")
		if s := e.summary(v2).Status; s != jixiao.StatusSubmitted {
			t.Fatalf("a refused return changed the status to %s", s)
		}
		const comment = "请补充服务对象满意度指标"
		workflow(reviewer, v2, url.Values{"action": {"return"}, "comment": {comment}}).wantRedirect(t, tablePath(v2, ""))
		mustSay(t, filer.get(tablePath(v2, "")).want(t, http.StatusOK), "审核意见："+comment, "已退回")

		// The filer edits the returned table and submits it again.
		action, form = filer.editForm(v2, seq)
		form.Set("goal", form.Get("goal")+"评估报告按期提交。")
		v3 := idFrom(t, filer.post(action, form).wantRedirect(t, "/tables/"))
		workflow(filer, v3, url.Values{"action": {"submit"}}).wantRedirect(t, tablePath(v3, ""))

		// Approval needs a grade; then the reviewer publishes.
		workflow(reviewer, v3, url.Values{"action": {"approve"}}).want(t, http.StatusUnprocessableEntity)
		workflow(reviewer, v3, url.Values{"action": {"approve"}, "grade": {"良"}}).wantRedirect(t, tablePath(v3, ""))
		if s := e.summary(v3); s.Status != jixiao.StatusApproved || s.Grade != "良" {
			t.Fatalf("approved: %+v", s)
		}
		workflow(reviewer, v3, url.Values{"action": {"publish"}}).wantRedirect(t, tablePath(v3, ""))

		// Now the public sees it, on the overview and in full.
		overview := public.get("/").want(t, http.StatusOK)
		mustSay(t, overview, orgOwn)
		if !containsLink(overview.body, tablePath(v3, "")) {
			t.Errorf("the overview does not link the published table %d", v3)
		}
		mustSay(t, public.get(tablePath(v3, "")).want(t, http.StatusOK), staleProject, "2024-10-31", "已公开")
		mustSay(t, public.get(tablePath(v3, projectPath)).want(t, http.StatusOK), "评估报告按期提交。")

		// Approved targets change only by an adjustment with a reason.
		action, form = filer.editForm(v3, seq)
		mustSay(t, filer.get(tablePath(v3, projectPath+"/edit")), "调整原因")
		form.Set("goal", form.Get("goal")+"另增开专家论证会。")
		r = filer.post(action, form).want(t, http.StatusUnprocessableEntity)
		mustSay(t, r, "请填写调整原因")
		if got := e.current(v3).ID; got != v3 {
			t.Fatalf("an adjustment without a reason saved version %d", got)
		}
		form.Set("reason", "上级追加论证要求")
		v4 := idFrom(t, filer.post(action, form).wantRedirect(t, "/tables/"))
		if s := e.summary(v4); s.Status != jixiao.StatusSubmitted || s.Version != 4 || s.Note != "调整：上级追加论证要求" {
			t.Errorf("the adjustment: %+v, want version 4, submitted, with the reason", s)
		}

		// The public still reads the published version, not the adjustment.
		overview = public.get("/").want(t, http.StatusOK)
		if !containsLink(overview.body, tablePath(v3, "")) || containsLink(overview.body, tablePath(v4, "")) {
			t.Errorf("the public's overview must link version 3 (%d), not the adjustment (%d)", v3, v4)
		}
		public.get(tablePath(v4, "")).want(t, http.StatusNotFound)
		pubPage := public.get(tablePath(v3, projectPath)).want(t, http.StatusOK)
		mustNotSay(t, pubPage, "另增开专家论证会。")
		// The filer works on the adjustment.
		if !containsLink(filer.get("/").body, tablePath(v4, "")) {
			t.Errorf("the filer's overview does not link the adjustment %d", v4)
		}
	})
}

// containsLink reports whether a page links exactly to path.
func containsLink(body, path string) bool {
	return slices.Contains(hrefs(body), path)
}
