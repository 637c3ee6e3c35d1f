package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"jixiao"
	"jixiao/internal/sqldb"
)

func TestChangePassword(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		e.createUser("pw-user", jixiao.RoleFiler, e.orgs[orgOwn])
		here, elsewhere := e.anonymous(), e.anonymous()
		here.login("pw-user", password)
		elsewhere.login("pw-user", password)

		for _, tc := range []struct {
			form url.Values
			says string
		}{
			{url.Values{"current": {"wrong-password"}, "new": {"new-password-9"}, "repeat": {"new-password-9"}}, "当前密码不正确"},
			{url.Values{"current": {password}, "new": {"short"}, "repeat": {"short"}}, "密码至少 8 个字符"},
			{url.Values{"current": {password}, "new": {"new-password-9"}, "repeat": {"new-password-8"}}, "两次输入的新密码不一致"},
		} {
			mustSay(t, here.post("/account/password", tc.form).want(t, http.StatusUnprocessableEntity), tc.says)
		}

		to := here.post("/account/password", url.Values{"current": {password}, "new": {"new-password-9"}, "repeat": {"new-password-9"}}).
			wantRedirect(t, "/account")
		mustSay(t, here.get(to).want(t, http.StatusOK), "密码已修改。")
		// This session goes on; every other one of the account ended.
		here.get("/account").want(t, http.StatusOK)
		elsewhere.get("/account").wantRedirect(t, "/login?next=")
		e.anonymous().post("/login", url.Values{"login": {"pw-user"}, "password": {password}}).want(t, http.StatusUnauthorized)
		e.anonymous().login("pw-user", "new-password-9")
	})
}

var tokenRe = regexp.MustCompile(`<code class="token">([^<]+)</code>`)

func TestPersonalAccessTokens(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		filer := e.as(roleFiler)
		draft := e.table(orgOwn, jixiao.StatusDraft)

		r := filer.post("/account/tokens", url.Values{"name": {" "}}).want(t, http.StatusUnprocessableEntity)
		mustSay(t, r, "请给令牌起个名字")
		r = filer.post("/account/tokens", url.Values{"name": {"导出脚本"}}).want(t, http.StatusOK)
		m := tokenRe.FindStringSubmatch(r.body)
		if m == nil {
			t.Fatalf("the new token is not shown:\n%s", excerpt(r.body))
		}
		secret := m[1]
		// Shown once: the account page lists the token by name only.
		page := filer.get("/account").want(t, http.StatusOK)
		mustSay(t, page, "导出脚本")
		mustNotSay(t, page, secret)

		script := func(path, token string) *response {
			req, _ := http.NewRequest(http.MethodGet, e.ts.URL+path, nil)
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Accept", "application/json")
			return e.anonymous().do(req)
		}
		// The token acts as its account: it sees the org's draft.
		script(tablePath(draft, "/export/json"), secret).want(t, http.StatusOK)
		// A wrong token is an error, not the public.
		r = script("/", "jxt_not-a-token").want(t, http.StatusUnauthorized)
		if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
			t.Errorf("a refused token answers %q, want application/problem+json", ct)
		}

		// Revoked, it no longer works.
		form := regexp.MustCompile(`action="(/account/tokens/\d+/delete)"`).FindStringSubmatch(page.body)
		if form == nil {
			t.Fatal("no revoke button on the account page")
		}
		filer.post(form[1], nil).wantRedirect(t, "/account")
		script(tablePath(draft, "/export/json"), secret).want(t, http.StatusUnauthorized)
	})
}

func TestLoginReturnsOnlyWithinTheSite(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	// A page that needs a login sends there and names the way back.
	to := e.anonymous().get("/account").wantRedirect(t, "/login?next=")
	_, form := pageForm(t, e.anonymous().get(to).want(t, http.StatusOK).body, `action="/login"`)
	if form.Get("next") != "/account" {
		t.Errorf("the login form's next is %q, want /account", form.Get("next"))
	}
	for _, tc := range []struct{ next, want string }{
		{"/account", "/account"},
		{"/tables/1?review=1", "/tables/1?review=1"},
		{"", "/"},
		{"//evil.example/x", "/"},
		{"https://evil.example/", "/"},
		{`/\evil.example`, "/"},
		{"javascript:alert(1)", "/"},
	} {
		r := e.anonymous().post("/login", url.Values{"login": {roleFiler}, "password": {password}, "next": {tc.next}})
		if r.status != http.StatusSeeOther || r.location() != tc.want {
			t.Errorf("login with next=%q: %d to %q, want 303 to %q", tc.next, r.status, r.location(), tc.want)
		}
	}
}

func TestSessionExpires(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	e := newEnv(t, openSQLite(t), func(c *Config) { c.Now = clock; c.SessionTTL = 8 * time.Hour })
	c := e.fresh(roleFiler)
	if ck := c.get("/").want(t, http.StatusOK); strings.Contains(ck.body, `href="/login"`) {
		t.Fatal("not logged in")
	}
	mu.Lock()
	now = now.Add(8*time.Hour - time.Minute)
	mu.Unlock()
	c.get("/account").want(t, http.StatusOK)
	mu.Lock()
	now = now.Add(2 * time.Minute)
	mu.Unlock()
	c.get("/account").wantRedirect(t, "/login?next=")
}
