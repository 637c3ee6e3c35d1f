package web

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/sqldb"
)

var (
	rowRe  = regexp.MustCompile(`(?s)<tr\b[^>]*>(.*?)</tr>`)
	cellRe = regexp.MustCompile(`(?s)<td\b[^>]*>(.*?)</td>`)
)

// rows reads the body rows of the first table of a page whose opening tag
// contains marker, each as its cells' text.
func rows(t testing.TB, body, marker string) [][]string {
	t.Helper()
	i := strings.Index(body, marker)
	if i < 0 {
		return nil
	}
	body = body[i:]
	body = body[:strings.Index(body, "</table>")]
	var out [][]string
	for _, r := range rowRe.FindAllStringSubmatch(body, -1) {
		var cells []string
		for _, c := range cellRe.FindAllStringSubmatch(r[1], -1) {
			cells = append(cells, text(c[1]))
		}
		if cells != nil {
			out = append(out, cells)
		}
	}
	return out
}

func TestVersionsAndDiff(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		filer, public := e.as(roleFiler), e.as(rolePublic)
		v1 := e.table(orgOwn, jixiao.StatusPublished)
		old := e.load(v1).Projects()[0]

		// The filer adjusts the published table: one indicator's annual
		// value and the goal.
		action, form := filer.editForm(v1, 1)
		form["ind_annual"][0] = "≥99场"
		form.Set("goal", "调整后的绩效目标：全年开展培训九十九场。")
		form.Set("reason", "任务量增加")
		v2 := idFrom(t, filer.post(action, form).wantRedirect(t, "/tables/"))

		// The versions page lists both for the filer, the published one only
		// for the public.
		list := rows(t, filer.get(tablePath(v2, "/versions")).want(t, http.StatusOK).body, `class="list"`)
		if len(list) != 2 || !strings.HasPrefix(list[0][2], "第 1 版") || list[1][2] != "第 2 版 （当前）" {
			t.Fatalf("the filer's versions: %q", list)
		}
		if list[1][3] != "已报送" || list[1][5] != roleFiler || list[1][6] != "调整：任务量增加" {
			t.Errorf("version 2's row %q: want 已报送, by %s, with the reason", list[1], roleFiler)
		}
		pubList := rows(t, public.get(tablePath(v1, "/versions")).want(t, http.StatusOK).body, `class="list"`)
		if len(pubList) != 1 || !strings.HasPrefix(pubList[0][2], "第 1 版") {
			t.Errorf("the public's versions: %q, want version 1 only", pubList)
		}
		public.get(tablePath(v2, "/versions")).want(t, http.StatusNotFound)

		// The diff says what changed, field by field, before and after.
		for _, path := range []string{
			tablePath(v2, "/diff"),
			tablePath(v2, "/diff?from="+itoa(v1)+"&to="+itoa(v2)),
			tablePath(v1, "/diff?to="+itoa(v2)+"&project="+url.QueryEscape(old.Name)),
		} {
			r := filer.get(path).want(t, http.StatusOK)
			mustSay(t, r, "第 1 版 → 第 2 版")
			changes := rows(t, r.body, `class="list diff"`)
			want := [][]string{
				{"修改", old.Name, "", "绩效目标", old.Goal, "调整后的绩效目标：全年开展培训九十九场。"},
				{"修改", old.Name, "1. " + old.Indicators[0].Name, "年度指标值", old.Indicators[0].Annual.Raw, "≥99场"},
			}
			for _, w := range want {
				if !slices.ContainsFunc(changes, func(c []string) bool { return slices.Equal(c, w) }) {
					t.Errorf("%s: no change %q among\n%q", path, w, changes)
				}
			}
			if len(changes) != len(want) {
				t.Errorf("%s: %d changes, want %d: %q", path, len(changes), len(want), changes)
			}
		}
		// The public cannot compare with a version it may not see.
		public.get(tablePath(v1, "/diff?to="+itoa(v2))).want(t, http.StatusNotFound)
		mustSay(t, public.get(tablePath(v1, "/diff")).want(t, http.StatusOK), "没有差别")
	})
}

// searchTable is a one-project table of org with the words to search for.
func searchTable(org string, year int, name, goal, indicator string) *jixiao.Table {
	t := oneProject(org, year, 3)
	p := t.Projects()[0]
	p.Name, p.Goal, p.Indicators[2].Name = name, goal, indicator
	return t
}

// hits reads a search page: per hit, the project's link and what matched.
func hits(t testing.TB, r *response) map[string]string {
	t.Helper()
	out := map[string]string{}
	i := strings.Index(r.body, `<table class="list">`)
	if i < 0 {
		return out
	}
	body := r.body[i:]
	for _, row := range rowRe.FindAllStringSubmatch(body[:strings.Index(body, "</table>")], -1) {
		cells := cellRe.FindAllStringSubmatch(row[1], -1)
		if len(cells) < 4 {
			continue
		}
		h := hrefs(cells[0][1])
		if len(h) != 1 {
			t.Fatalf("search hit without its link: %q", row[1])
		}
		out[h[0]] = text(cells[3][1])
	}
	return out
}

func TestSearch(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		// A published table of the other org, then a draft of its next
		// version renaming the project; and a draft of the filer's org.
		pub := e.save(searchTable(orgOther, 2024, "森林防火项目", "巡护覆盖全部林区，全年无重大火灾。", "防火隔离带长度"), jixiao.StatusPublished)
		next := e.save(searchTable(orgOther, 2024, "森林防火项目（调整稿）", "巡护覆盖全部林区，全年无重大火灾。", "防火隔离带长度"), jixiao.StatusDraft)
		draft := e.save(searchTable(orgOwn, 2024, "湿地保护修复项目", "建设湿地示范区两处。", "湿地恢复面积"), jixiao.StatusDraft)
		project := func(id int64) string { return tablePath(id, "/projects/1") }

		tests := []struct {
			role string
			q    string
			want map[string]string // link → what matched
		}{
			{rolePublic, "森林防火", map[string]string{project(pub): "项目名称"}},
			{rolePublic, "巡护覆盖", map[string]string{project(pub): "绩效目标"}},
			{rolePublic, "隔离带", map[string]string{project(pub): "防火隔离带长度"}},
			{rolePublic, "调整稿", map[string]string{}},
			{rolePublic, "湿地", map[string]string{}},
			{rolePublic, "项目", map[string]string{project(pub): "项目名称"}},
			// Those who manage an org see its current version, never
			// both it and the published one.
			{roleOtherFiler, "森林防火", map[string]string{project(next): "项目名称"}},
			{roleOtherFiler, "调整稿", map[string]string{project(next): "项目名称"}},
			{roleOtherFiler, "湿地", map[string]string{}},
			{roleFiler, "湿地", map[string]string{project(draft): "项目名称"}},
			{roleFiler, "湿地恢复", map[string]string{project(draft): "湿地恢复面积"}},
			{roleFiler, "森林防火", map[string]string{project(pub): "项目名称"}},
			{roleReviewer, "项目", map[string]string{project(next): "项目名称", project(draft): "项目名称"}},
			{roleOtherReviewer, "项目", map[string]string{project(next): "项目名称"}},
			// LIKE's wildcards are only characters.
			{rolePublic, "%", map[string]string{}},
			{rolePublic, "_", map[string]string{}},
		}
		for _, tc := range tests {
			t.Run(tc.role+"/"+tc.q, func(t *testing.T) {
				defer e.use(t)()
				r := e.as(tc.role).get("/search?q="+url.QueryEscape(tc.q)).want(t, http.StatusOK)
				got := hits(t, r)
				if len(got) != len(tc.want) {
					t.Errorf("%d hits %v, want %v", len(got), got, tc.want)
				}
				for link, match := range tc.want {
					if got[link] != match {
						t.Errorf("hit %s: matched %q, want %q (hits %v)", link, got[link], match, got)
					}
				}
				mustSay(t, r, strconv.Itoa(len(tc.want))+" 个项目")
			})
		}
	})
}

func TestAuditPage(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		admin, filer := e.as(roleAdmin), e.as(roleFiler)
		id := e.table(orgOwn, jixiao.StatusDraft)
		action, form := filer.editForm(id, 1)
		form.Set("goal", "审计测试：修改后的目标。")
		v2 := idFrom(t, filer.post(action, form).wantRedirect(t, "/tables/"))
		filer.post(tablePath(v2, "/workflow"), url.Values{"action": {"submit"}}).wantRedirect(t, "/tables/")
		admin.post("/admin/users", url.Values{"login": {"auditor"}, "role": {"reviewer"}, "password": {"auditor-pw-1"}}).wantRedirect(t, "/admin/users")

		// Columns: 序号 时间 操作人 操作 对象 修改前 修改后.
		records := rows(t, admin.get("/audit").want(t, http.StatusOK).body, `class="list audit"`)
		has := func(recs [][]string, actor, act, object, after string) bool {
			return slices.ContainsFunc(recs, func(r []string) bool {
				return r[2] == actor && r[3] == act && (object == "" || r[4] == object) && strings.Contains(r[6], after)
			})
		}
		for _, w := range []struct{ actor, action, object, after string }{
			{roleFiler, "project.edit", "table:" + itoa(v2), "审计测试：修改后的目标。"},
			{roleFiler, "table.submit", "table:" + itoa(v2), `"status":"submitted"`},
			{roleAdmin, "user.create", "user:auditor", `"role":"reviewer"`},
			{"fixture", "table.import", "table:" + itoa(id), `"status":"draft"`},
		} {
			if !has(records, w.actor, w.action, w.object, w.after) {
				t.Errorf("the audit page has no %s %s of %s with %s:\n%q", w.actor, w.action, w.object, w.after, records)
			}
		}
		if n, _ := strconv.Atoi(records[0][0]); n != len(records) {
			t.Errorf("the newest record is number %d of %d listed: newest first, none missing", n, len(records))
		}

		// Filters.
		mine := rows(t, admin.get("/audit?actor="+roleFiler).want(t, http.StatusOK).body, `class="list audit"`)
		if len(mine) != 2 || !has(mine, roleFiler, "project.edit", "", "") || !has(mine, roleFiler, "table.submit", "", "") {
			t.Errorf("the filer's records: %q", mine)
		}
		obj := rows(t, admin.get("/audit?object=table:"+itoa(v2)).want(t, http.StatusOK).body, `class="list audit"`)
		if len(obj) != 2 {
			t.Errorf("the records of table %d: %q", v2, obj)
		}

		// The chain is intact, every record checked.
		r := admin.get("/audit?verify=1").want(t, http.StatusOK)
		mustSay(t, r, "哈希链完整：已检查 "+strconv.Itoa(len(records))+" 条记录")
		mustNotSay(t, r, "断开")
	})
}

func TestAdminAccountsAndOrgs(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		admin := e.as(roleAdmin)

		t.Run("create a user", func(t *testing.T) {
			defer e.use(t)()
			admin.post("/admin/users", url.Values{"login": {"zhang"}, "name": {"张填报"}, "role": {"filer"}, "org": {orgOther}, "password": {"zhang-password"}}).
				wantRedirect(t, "/admin/users")
			users := rows(t, admin.get("/admin/users").want(t, http.StatusOK).body, `class="list"`)
			if !slices.ContainsFunc(users, func(r []string) bool { return r[0] == "zhang" && r[1] == "张填报" }) {
				t.Errorf("the users page does not list zhang: %q", users)
			}
			c := e.anonymous()
			c.login("zhang", "zhang-password")
			mustSay(t, c.get("/account").want(t, http.StatusOK), "张填报（zhang） · 填报人 · "+orgOther)
		})

		t.Run("a user the form cannot make", func(t *testing.T) {
			defer e.use(t)()
			for _, tc := range []struct {
				form url.Values
				says string
			}{
				{url.Values{"login": {"li"}, "role": {"filer"}, "org": {orgOwn}, "password": {"short"}}, "密码至少 8 个字符"},
				{url.Values{"login": {roleFiler}, "role": {"filer"}, "org": {orgOwn}, "password": {"long-enough-1"}}, "登录名 filer 已被使用"},
				{url.Values{"login": {"wang"}, "role": {"filer"}, "org": {""}, "password": {"long-enough-1"}}, "填报人须属于一个单位"},
				{url.Values{"login": {""}, "role": {"filer"}, "org": {orgOwn}, "password": {"long-enough-1"}}, "请填写登录名"},
			} {
				r := admin.post("/admin/users", tc.form).want(t, http.StatusUnprocessableEntity)
				mustSay(t, r, tc.says)
				if _, v := pageForm(t, r.body, `action="/admin/users"`); v.Get("login") != tc.form.Get("login") {
					t.Errorf("the form lost the login typed: %q", v.Get("login"))
				}
			}
		})

		t.Run("create an org and move one", func(t *testing.T) {
			defer e.use(t)()
			admin.post("/admin/orgs", url.Values{"name": {"花都区教育局"}, "parent": {itoa(e.orgs[orgOwnParent])}}).wantRedirect(t, "/admin/orgs")
			orgs := rows(t, admin.get("/admin/orgs").want(t, http.StatusOK).body, `class="list"`)
			if !slices.ContainsFunc(orgs, func(r []string) bool { return r[0] == "花都区教育局" }) {
				t.Errorf("the orgs page does not list the new org: %q", orgs)
			}

			// The other reviewer sees the other org's drafts while it lies
			// in their subtree, and no longer once it is moved out.
			draft := e.table(orgOther, jixiao.StatusDraft)
			rev := e.as(roleOtherReviewer)
			rev.get(tablePath(draft, "")).want(t, http.StatusOK)
			admin.post("/admin/orgs/"+itoa(e.orgs[orgOther]), url.Values{"parent": {itoa(e.orgs[orgOwnParent])}}).wantRedirect(t, "/admin/orgs")
			rev.get(tablePath(draft, "")).want(t, http.StatusNotFound)
			parents := map[int64]int64{}
			all, _ := e.db.Orgs(t.Context())
			for _, o := range all {
				parents[o.ID] = o.ParentID
			}
			if parents[e.orgs[orgOther]] != e.orgs[orgOwnParent] {
				t.Errorf("after the move, %s's parent is %d, want %d", orgOther, parents[e.orgs[orgOther]], e.orgs[orgOwnParent])
			}

			// A cycle is refused with a message, and nothing moves.
			for _, tc := range []struct{ org, under string }{
				{orgOwnParent, orgOwn}, // under its own child
				{orgOwn, orgOwn},       // under itself
			} {
				r := admin.post("/admin/orgs/"+itoa(e.orgs[tc.org]), url.Values{"parent": {itoa(e.orgs[tc.under])}}).want(t, http.StatusUnprocessableEntity)
				mustSay(t, r, "不能把单位放到它自己的下级之下")
			}
			all, _ = e.db.Orgs(t.Context())
			for _, o := range all {
				if o.ParentID != parents[o.ID] {
					t.Errorf("a refused move changed %s's parent to %d", o.Name, o.ParentID)
				}
			}
		})
	})
}

// A flash message says what just happened on the page the redirect leads
// to, once, and not later on another page.
func TestFlashShowsOnceWhereItBelongs(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	id := e.table(orgOwn, jixiao.StatusDraft)
	for _, tc := range []struct {
		name string
		as   string
		do   func(c *client) *response
		says string
	}{
		{"a token revoked", roleFiler, func(c *client) *response {
			return c.post("/account/tokens/"+itoa(e.token(roleFiler))+"/delete", nil)
		}, "令牌已撤销。"},
		{"a user created", roleAdmin, func(c *client) *response {
			return c.post("/admin/users", url.Values{"login": {"flash-user"}, "role": {"reviewer"}, "password": {"flash-user-pw"}})
		}, "账号已保存。"},
		{"an org created", roleAdmin, func(c *client) *response {
			return c.post("/admin/orgs", url.Values{"name": {"闪现测试单位"}})
		}, "单位已保存。"},
		{"a project saved", roleFiler, func(c *client) *response {
			action, form := c.editForm(id, 1)
			return c.post(action, form)
		}, "没有改动，未生成新版本。"},
		{"a table submitted", roleFiler, func(c *client) *response {
			return c.post(tablePath(e.current(id).ID, "/workflow"), url.Values{"action": {"submit"}})
		}, "已报送审核。"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer e.use(t)()
			c := e.fresh(tc.as)
			r := tc.do(c)
			to := r.wantRedirect(t, "/")
			mustSay(t, c.get(to).want(t, http.StatusOK), tc.says)
			mustNotSay(t, c.get(to).want(t, http.StatusOK), tc.says)
			mustNotSay(t, c.get("/").want(t, http.StatusOK), tc.says)
		})
	}
}
