package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/sqldb"
)

// Every kind of response carries the security headers; client.do checks
// them on each response of every test, this names the kinds.
func TestSecurityHeadersOnEveryKindOfResponse(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		pub := e.as(rolePublic)
		for _, tc := range []struct {
			name   string
			resp   *response
			status int
		}{
			{"a page", pub.get("/"), http.StatusOK},
			{"a static file", pub.get("/static/app.js"), http.StatusOK},
			{"a page that does not exist", pub.get("/no/such/page"), http.StatusNotFound},
			{"a redirect to log in", pub.get("/account"), http.StatusSeeOther},
			{"a refused form", pub.post("/logout", nil), http.StatusForbidden},
			{"a JSON problem", pub.do(jsonRequest(t, e, "/tables/999")), http.StatusNotFound},
			{"a login form with an error", pub.post("/login", url.Values{"login": {"x"}, "password": {"y"}}), http.StatusUnauthorized},
		} {
			if tc.resp.status != tc.status {
				t.Errorf("%s: %s: status %d, want %d", tc.name, tc.resp.req, tc.resp.status, tc.status)
			}
			if got := tc.resp.header.Get("X-Frame-Options"); got != "DENY" {
				t.Errorf("%s: X-Frame-Options %q, want DENY", tc.name, got)
			}
		}
	})
}

func jsonRequest(t testing.TB, e *env, path string) *http.Request {
	req, err := http.NewRequest(http.MethodGet, e.ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "application/json")
	return req
}

// cookie returns the cookie named name that r sets.
func (r *response) cookie(name string) *http.Cookie {
	for _, c := range (&http.Response{Header: r.header}).Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func TestSessionCookie(t *testing.T) {
	for _, secure := range []bool{false, true} {
		t.Run("SecureCookies="+strconv.FormatBool(secure), func(t *testing.T) {
			e := newEnv(t, openSQLite(t), func(c *Config) { c.SecureCookies = secure })
			r := e.anonymous().post("/login", url.Values{"login": {roleFiler}, "password": {password}})
			r.wantRedirect(t, "/")
			c := r.cookie(sessionCookie)
			if c == nil {
				t.Fatalf("login sets no %s cookie; Set-Cookie: %q", sessionCookie, r.header.Values("Set-Cookie"))
			}
			if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure != secure || c.Path != "/" {
				t.Errorf("session cookie %q: want HttpOnly, SameSite=Lax, Path=/, Secure=%v", c.Raw, secure)
			}
			if len(c.Value) < 32 {
				t.Errorf("session secret %q is too short to be unguessable", c.Value)
			}
			if hsts := r.header.Get("Strict-Transport-Security"); (hsts != "") != secure {
				t.Errorf("Strict-Transport-Security %q with SecureCookies=%v", hsts, secure)
			}
		})
	}
}

// A form posted from another site is refused before it does anything;
// a link from another site still opens pages.
func TestCrossSiteRequests(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		id := e.table(orgOwn, jixiao.StatusDraft)
		filer := e.as(roleFiler)
		for _, tc := range []struct {
			name   string
			header map[string]string
			want   int
		}{
			{"Sec-Fetch-Site: cross-site", map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
			{"Sec-Fetch-Site: same-site (another subdomain)", map[string]string{"Sec-Fetch-Site": "same-site"}, http.StatusForbidden},
			{"a foreign Origin", map[string]string{"Origin": "https://evil.example"}, http.StatusForbidden},
			{"Sec-Fetch-Site: same-origin", map[string]string{"Sec-Fetch-Site": "same-origin"}, http.StatusSeeOther},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := e.summary(id).Status
				req, _ := http.NewRequest(http.MethodPost, e.ts.URL+tablePath(id, "/workflow"), strings.NewReader("action=submit"))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				for k, v := range tc.header {
					req.Header.Set(k, v)
				}
				r := filer.do(req)
				if r.status != tc.want {
					t.Fatalf("submit with %s: status %d, want %d\n%s", tc.name, r.status, tc.want, excerpt(r.body))
				}
				after := e.summary(id).Status
				if tc.want == http.StatusForbidden {
					mustSay(t, r, "跨站请求被拒绝")
					if after != before {
						t.Errorf("a refused cross-site submit changed the status from %s to %s", before, after)
					}
				} else if after != jixiao.StatusSubmitted {
					t.Errorf("status after a same-origin submit: %s, want submitted", after)
				}
			})
		}
		t.Run("login from another site", func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, e.ts.URL+"/login", strings.NewReader("login=filer&password="+password))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Sec-Fetch-Site", "cross-site")
			r := e.anonymous().do(req)
			if r.status != http.StatusForbidden || r.cookie(sessionCookie) != nil {
				t.Errorf("cross-site login: status %d, cookie %v; want 403 and no session", r.status, r.cookie(sessionCookie))
			}
		})
		t.Run("a link from another site", func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, e.ts.URL+"/", nil)
			req.Header.Set("Sec-Fetch-Site", "cross-site")
			filer.do(req).want(t, http.StatusOK)
		})
	})
}

var errorLine = regexp.MustCompile(`<p class="error"[^>]*>([^<]*)</p>`)

// loginError is the error a login page shows.
func loginError(r *response) string {
	if m := errorLine.FindStringSubmatch(r.body); m != nil {
		return m[1]
	}
	return ""
}

func TestLoginFailures(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		c := e.anonymous()
		login := func(name, pw string) *response {
			return c.post("/login", url.Values{"login": {name}, "password": {pw}})
		}

		wrong := login(roleFiler, "wrong-password").want(t, http.StatusUnauthorized)
		unknown := login("no-such-user", "wrong-password").want(t, http.StatusUnauthorized)
		if loginError(wrong) == "" || loginError(wrong) != loginError(unknown) {
			t.Errorf("a wrong password says %q, an unknown login %q: they must say the same", loginError(wrong), loginError(unknown))
		}

		// Four more failures make five for this login; the sixth attempt
		// is not even checked, the right password included.
		for range 4 {
			login(roleFiler, "wrong-password").want(t, http.StatusUnauthorized)
		}
		r := login(roleFiler, password).want(t, http.StatusTooManyRequests)
		if s, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || s < 1 {
			t.Errorf("Retry-After %q, want a number of seconds", r.header.Get("Retry-After"))
		}
		mustSay(t, r, "登录失败次数过多")
		if r.cookie(sessionCookie) != nil {
			t.Error("a refused login set a session cookie")
		}

		// Other accounts are not locked out by one account's failures.
		login(roleAdmin, password).wantRedirect(t, "/")
	})
}

func TestLogoutEndsTheSession(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		c := e.fresh(roleFiler)
		c.get("/account").want(t, http.StatusOK)
		u, _ := url.Parse(e.ts.URL)
		old := c.hc.Jar.Cookies(u)

		r := c.post("/logout", nil)
		r.wantRedirect(t, "/")
		if ck := r.cookie(sessionCookie); ck == nil || ck.MaxAge >= 0 {
			t.Errorf("logout does not clear the session cookie")
		}
		c.get("/account").wantRedirect(t, "/login?next=")

		// The old cookie, replayed, no longer opens anything.
		replay := e.anonymous()
		replay.hc.Jar.SetCookies(u, old)
		replay.get("/account").wantRedirect(t, "/login?next=")
	})
}

func TestDisabledAccount(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		filer := e.fresh(roleFiler)
		filer.get("/account").want(t, http.StatusOK)
		filerUser := e.users[roleFiler]

		e.as(roleAdmin).post("/admin/users/"+itoa(filerUser.ID), url.Values{
			"role": {"filer"}, "org": {orgOwn}, "disabled": {"on"},
		}).wantRedirect(t, "/admin/users")

		filer.get("/account").wantRedirect(t, "/login?next=")
		r := e.anonymous().post("/login", url.Values{"login": {roleFiler}, "password": {password}}).want(t, http.StatusUnauthorized)
		wrong := e.anonymous().post("/login", url.Values{"login": {roleReviewer}, "password": {"wrong-password"}})
		if loginError(r) != loginError(wrong) {
			t.Errorf("a disabled account's login says %q, a wrong password %q", loginError(r), loginError(wrong))
		}
		u, err := e.db.User(context.Background(), filerUser.ID)
		if err != nil || !u.Disabled {
			t.Errorf("account after disabling: %+v, %v", u, err)
		}
	})
}

// A failure inside shows the user a page that says so, never the error's
// text (SQL, driver, file paths); the log has the details.
func TestInternalErrorsDoNotLeak(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	e.db.Close()
	pub := e.as(rolePublic)
	r := pub.get("/healthz").want(t, http.StatusInternalServerError)
	mustSay(t, r, "内部错误")
	j := pub.do(jsonRequest(t, e, "/healthz")).want(t, http.StatusInternalServerError)
	for _, resp := range []*response{r, j} {
		low := strings.ToLower(resp.body)
		for _, leak := range []string{"sql", "closed", "count users", "database", ".go"} {
			if strings.Contains(low, leak) {
				t.Errorf("%s: the 500 response says %q:\n%s", resp.req, leak, resp.body)
			}
		}
	}
}

// Text typed by users reaches every page escaped: a project name, a goal
// and an indicator made of markup show as text, in the tables, the SVG
// charts, search, diff and the audit log alike.
func TestUserTextIsEscapedEverywhere(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		const evil = `<script>alert(1)</script><img src=x onerror=alert(2)>"'&`
		tb := searchTable(orgOwn, 2024, "项目"+evil, "目标"+evil, "指标"+evil)
		id := e.save(tb, jixiao.StatusPublished)
		filer, admin := e.as(roleFiler), e.as(roleAdmin)
		action, form := filer.editForm(id, 1)
		form.Set("reason", "调整"+evil)
		form["ind_annual"][0] = "≥2场" + evil
		v2 := idFrom(t, filer.post(action, form).wantRedirect(t, "/tables/"))
		draft := e.save(searchTable(orgOwn, 2025, "项目"+evil, "目标"+evil, "指标"+evil), jixiao.StatusDraft)

		for _, r := range []*response{
			e.as(rolePublic).get("/"),
			e.as(rolePublic).get(tablePath(id, "")),
			e.as(rolePublic).get(tablePath(id, "/projects/1")),
			e.as(rolePublic).get("/search?q=" + url.QueryEscape("项目<script>")),
			filer.get("/"),
			filer.get(tablePath(v2, "?review=1")),
			filer.get(tablePath(draft, "/projects/1/edit")),
			filer.get(tablePath(v2, "/versions")),
			filer.get(tablePath(v2, "/diff")),
			admin.get("/audit"),
		} {
			if r.status != http.StatusOK {
				t.Errorf("%s: status %d", r.req, r.status)
			}
			for _, raw := range []string{"<script>alert", "<img src=x"} {
				if strings.Contains(r.body, raw) {
					t.Errorf("%s: the page carries %q unescaped", r.req, raw)
				}
			}
		}
		// …and still says it, as text.
		mustSay(t, e.as(rolePublic).get(tablePath(id, "/projects/1")), "项目"+evil)
	})
}
