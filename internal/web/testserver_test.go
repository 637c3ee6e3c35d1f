package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"html"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"jixiao"
	"jixiao/internal/auth"
	"jixiao/internal/gen"
	"jixiao/internal/review"
	"jixiao/internal/sqldb"
	"jixiao/internal/table"
)

// The tests run the whole application: a Server on a real database behind
// an httptest.Server, and users who log in through /login and keep their
// session in a cookie jar, as a browser does.

// pgEnv names the PostgreSQL URL the tests also run against when set, e.g.
// postgres://postgres@127.0.0.1:5432/jixiao_test?sslmode=disable.
const pgEnv = "JIXIAO_TEST_PG"

// forEachDB runs f against a fresh SQLite database and, when JIXIAO_TEST_PG
// is set, against a fresh PostgreSQL schema.
func forEachDB(t *testing.T, f func(t *testing.T, db *sqldb.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { f(t, openSQLite(t)) })
	t.Run("postgres", func(t *testing.T) { f(t, openPostgres(t)) })
}

func openSQLite(tb testing.TB) *sqldb.DB {
	tb.Helper()
	db, err := sqldb.Open(context.Background(), filepath.Join(tb.TempDir(), "jixiao.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// openPostgres opens a database whose search_path is a schema of its own,
// dropped at the end, so that tests neither see nor disturb each other.
func openPostgres(tb testing.TB) *sqldb.DB {
	tb.Helper()
	base := os.Getenv(pgEnv)
	if base == "" {
		tb.Skipf("%s not set; set it to a PostgreSQL URL to run the web tests against PostgreSQL too", pgEnv)
	}
	ctx := context.Background()
	admin, err := sql.Open("pgx", base) // the driver sqldb registers
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { admin.Close() })
	b := make([]byte, 6)
	rand.Read(b)
	schema := "webtest_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatalf("create schema (does the database in %s exist?): %v", pgEnv, err)
	}
	tb.Cleanup(func() {
		if _, err := admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			tb.Errorf("drop schema: %v", err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	db, err := sqldb.Open(ctx, u.String())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() }) // runs before the schema is dropped
	return db
}

// The orgs of every test: two subtrees, the filer's own org (the seed's,
// so that the filer may import the seed) under one, the other filer's org
// under the other.
const (
	orgOwnParent   = "广州市花都区财政局"
	orgOwn         = "广州市花都区科技工业商务和信息化局（本级）"
	orgOtherParent = "从化区财政局"
	orgOther       = "从化区教育局"
)

// The roles every route is tried with.
const (
	rolePublic        = "public"         // not logged in
	roleFiler         = "filer"          // filer of the fixtures' org (orgOwn)
	roleOtherFiler    = "other-filer"    // filer of another org (orgOther)
	roleReviewer      = "reviewer"       // reviewer of all orgs
	roleOtherReviewer = "other-reviewer" // reviewer of the other subtree only
	roleAdmin         = "admin"
)

var allRoles = []string{rolePublic, roleFiler, roleOtherFiler, roleReviewer, roleOtherReviewer, roleAdmin}

// password is every test account's password.
const password = "test-password-1"

// cheapHash makes test accounts' password hashes in well under a
// millisecond: a login verifies with the parameters in the hash, so the
// production code path runs unchanged.
var cheapHash = func() string {
	h, err := auth.HashPassword(password, auth.Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 16, SaltLen: 8})
	if err != nil {
		panic(err)
	}
	return h
}()

// env is one running application with its accounts and a client per role.
type env struct {
	t     testing.TB
	db    *sqldb.DB
	srv   *Server
	ts    *httptest.Server
	orgs  map[string]int64
	users map[string]*jixiao.User // by role; none for the public
	year  atomic.Int64            // the last fiscal year given to a fixture table

	mu      sync.Mutex
	clients map[string]*client
}

// newEnv starts the application on db with the orgs and an account of
// every role. cfg may adjust the Config before the Server is made.
func newEnv(t testing.TB, db *sqldb.DB, cfg ...func(*Config)) *env {
	t.Helper()
	ctx := context.Background()
	e := &env{t: t, db: db, orgs: map[string]int64{}, users: map[string]*jixiao.User{}, clients: map[string]*client{}}
	e.year.Store(2040)
	for _, o := range []struct{ name, parent string }{
		{orgOwnParent, ""}, {orgOwn, orgOwnParent}, {orgOtherParent, ""}, {orgOther, orgOtherParent},
	} {
		id, err := db.EnsureOrg(ctx, o.name, e.orgs[o.parent], "test")
		if err != nil {
			t.Fatal(err)
		}
		e.orgs[o.name] = id
	}
	for _, u := range []struct {
		role  string
		r     jixiao.Role
		orgID int64
	}{
		{roleFiler, jixiao.RoleFiler, e.orgs[orgOwn]},
		{roleOtherFiler, jixiao.RoleFiler, e.orgs[orgOther]},
		{roleReviewer, jixiao.RoleReviewer, 0},
		{roleOtherReviewer, jixiao.RoleReviewer, e.orgs[orgOtherParent]},
		{roleAdmin, jixiao.RoleAdmin, 0},
	} {
		e.users[u.role] = e.createUser(u.role, u.r, u.orgID)
	}
	c := Config{DB: db, Log: slog.New(slog.NewTextHandler(testWriter{t}, nil)), Review: review.DefaultOptions()}
	for _, f := range cfg {
		f(&c)
	}
	srv, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	e.srv = srv
	e.ts = httptest.NewServer(srv)
	t.Cleanup(e.ts.Close)
	return e
}

// createUser adds an account directly in the store.
func (e *env) createUser(login string, role jixiao.Role, orgID int64) *jixiao.User {
	e.t.Helper()
	u, err := e.db.CreateUser(context.Background(), sqldb.NewUser{Login: login, Name: login, Role: role, OrgID: orgID, PasswordHash: cheapHash}, "test")
	if err != nil {
		e.t.Fatal(err)
	}
	return u
}

// testWriter sends the server's log to the test's log, shown on failure.
type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Logf("server: %s", bytes.TrimRight(p, "\n"))
	return len(p), nil
}

// as returns the logged-in client of role (anonymous for the public),
// the same one on every call.
func (e *env) as(role string) *client {
	e.mu.Lock()
	c := e.clients[role]
	e.mu.Unlock()
	if c != nil {
		return c
	}
	c = e.fresh(role)
	e.mu.Lock()
	e.clients[role] = c
	e.mu.Unlock()
	return c
}

// fresh returns a new client of role with a session of its own.
func (e *env) fresh(role string) *client {
	e.t.Helper()
	c := e.anonymous()
	c.role = role
	if role != rolePublic {
		c.login(role, password)
	}
	return c
}

// anonymous returns a new client without a session.
func (e *env) anonymous() *client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		e.t.Fatal(err)
	}
	hc := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &client{e: e, role: rolePublic, hc: hc}
}

// client is one browser: a cookie jar, redirects not followed so that
// tests see them. It reports to the env's current test.
type client struct {
	e    *env
	role string
	hc   *http.Client
}

// response is an HTTP response with its body read.
type response struct {
	status int
	header http.Header
	body   string
	req    string // "METHOD path", for messages
}

// location is the path a redirect points to.
func (r *response) location() string { return r.header.Get("Location") }

func (c *client) login(login, pw string) *response {
	c.e.t.Helper()
	r := c.post("/login", url.Values{"login": {login}, "password": {pw}})
	if r.status != http.StatusSeeOther {
		c.e.t.Fatalf("login %s: status %d, want 303\n%s", login, r.status, excerpt(r.body))
	}
	return r
}

func (c *client) get(path string) *response {
	c.e.t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.e.ts.URL+path, nil)
	if err != nil {
		c.e.t.Fatal(err)
	}
	return c.do(req)
}

// follow GETs path and follows redirects on this site, as a browser would.
func (c *client) follow(path string) *response {
	c.e.t.Helper()
	for range 5 {
		r := c.get(path)
		if r.status/100 != 3 {
			return r
		}
		path = r.location()
	}
	c.e.t.Fatalf("GET %s: too many redirects", path)
	return nil
}

// post sends a form as a page of this site does: with its Origin.
func (c *client) post(path string, form url.Values) *response {
	c.e.t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.e.ts.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		c.e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", c.e.ts.URL)
	return c.do(req)
}

// upload posts a multipart form with one file, as the import page does.
func (c *client) upload(path string, fields map[string]string, fileName string, data []byte) *response {
	c.e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	fw, err := mw.CreateFormFile("file", fileName)
	if err != nil {
		c.e.t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	req, err := http.NewRequest(http.MethodPost, c.e.ts.URL+path, &buf)
	if err != nil {
		c.e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

// do sends req and checks what every response must carry: the security
// headers.
func (c *client) do(req *http.Request) *response {
	c.e.t.Helper()
	r, err := c.send(req)
	if err != nil {
		c.e.t.Fatal(err)
	}
	return r
}

// send is do for goroutines other than the test's: it returns its error.
func (c *client) send(req *http.Request) (*response, error) {
	res, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	r := &response{status: res.StatusCode, header: res.Header, body: string(b), req: req.Method + " " + req.URL.RequestURI()}
	checkSecurityHeaders(c.e.t, r)
	return r, nil
}

// checkSecurityHeaders: a CSP with no inline script or style and no
// framing, and no MIME sniffing, on every response whatever its status.
func checkSecurityHeaders(t testing.TB, r *response) {
	t.Helper()
	csp := r.header.Get("Content-Security-Policy")
	if csp == "" || strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") ||
		!strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("%s (%d): Content-Security-Policy %q", r.req, r.status, csp)
	}
	if got := r.header.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("%s (%d): X-Content-Type-Options %q, want nosniff", r.req, r.status, got)
	}
}

// want fails the test unless r has status.
func (r *response) want(t testing.TB, status int) *response {
	t.Helper()
	if r.status != status {
		t.Fatalf("%s: status %d, want %d\n%s", r.req, r.status, status, excerpt(r.body))
	}
	return r
}

// wantRedirect fails the test unless r is a 303 to a path starting with prefix.
func (r *response) wantRedirect(t testing.TB, prefix string) string {
	t.Helper()
	r.want(t, http.StatusSeeOther)
	if !strings.HasPrefix(r.location(), prefix) {
		t.Fatalf("%s: redirect to %q, want %q…", r.req, r.location(), prefix)
	}
	return r.location()
}

// excerpt is the readable part of a page for a failure message.
func excerpt(body string) string {
	if i := strings.Index(body, "<main>"); i >= 0 {
		body = body[i:]
	}
	body = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(body, " ")
	body = strings.Join(strings.Fields(html.UnescapeString(body)), " ")
	if len(body) > 1500 {
		body = body[:1500] + "…"
	}
	return body
}

// text is a page's visible text, unescaped, for "the page says" checks.
func text(body string) string {
	body = regexp.MustCompile(`(?s)<script.*?</script>|<[^>]*>`).ReplaceAllString(body, " ")
	return strings.Join(strings.Fields(html.UnescapeString(body)), " ")
}

// mustSay fails the test unless the page's text contains every phrase.
func mustSay(t testing.TB, r *response, phrases ...string) {
	t.Helper()
	txt := text(r.body)
	for _, p := range phrases {
		if !strings.Contains(txt, p) {
			t.Errorf("%s: page does not say %q\n%s", r.req, p, excerpt(r.body))
		}
	}
}

// mustNotSay fails the test if the page's text contains any phrase.
func mustNotSay(t testing.TB, r *response, phrases ...string) {
	t.Helper()
	txt := text(r.body)
	for _, p := range phrases {
		if strings.Contains(txt, p) {
			t.Errorf("%s: page says %q, it must not\n%s", r.req, p, excerpt(r.body))
		}
	}
}

// Fixture tables.

// fixtureOptions make small generated tables: one unit, a few projects.
func fixtureOptions(year int) gen.Options {
	return gen.Options{Seed: int64(year), FiscalYear: year, MinUnits: 1, MaxUnits: 1, MinProjects: 2, MaxProjects: 3, DefectRate: 0.5}
}

// table stores a small generated table of org, in a fiscal year of its own
// (so that fixtures never become versions of one another), in status st,
// reviewed, and returns its id.
func (e *env) table(org string, st jixiao.Status) int64 {
	e.t.Helper()
	year := int(e.year.Add(1))
	t := gen.Table(fixtureOptions(year), 0)
	t.Org = org
	return e.save(t, st)
}

// save stores t in status st, reviewed, and returns the new version's id.
func (e *env) save(t *jixiao.Table, st jixiao.Status) int64 {
	e.t.Helper()
	t.Status, t.CreatedBy, t.Note = st, "fixture", "测试数据"
	if st == jixiao.StatusApproved || st == jixiao.StatusPublished {
		t.Grade = "良"
	}
	t.Review, _ = e.srv.reviewed(t, "")
	res, err := e.db.SaveVersion(context.Background(), t, sqldb.SaveOptions{Actor: "fixture"})
	if err != nil {
		e.t.Fatal(err)
	}
	return res.TableID
}

// tableJSON is a fixture table of org in a fiscal year of its own as the
// import page takes it: jixiao.table/v1 JSON.
func (e *env) tableJSON(org string) []byte {
	e.t.Helper()
	year := int(e.year.Add(1))
	t := gen.Table(fixtureOptions(year), 0)
	t.Org = org
	var buf bytes.Buffer
	if err := table.Write(&buf, t, table.FormatJSON); err != nil {
		e.t.Fatal(err)
	}
	return buf.Bytes()
}

// summary loads the listing of version id.
func (e *env) summary(id int64) jixiao.TableSummary {
	e.t.Helper()
	s, err := e.db.Summary(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return s
}

// current returns the current version of the table version id belongs to.
func (e *env) current(id int64) jixiao.TableSummary {
	e.t.Helper()
	vs, err := e.db.Versions(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, v := range vs {
		if v.Current {
			return v
		}
	}
	e.t.Fatalf("table %d has no current version", id)
	return jixiao.TableSummary{}
}

// load loads version id whole.
func (e *env) load(id int64) *jixiao.Table {
	e.t.Helper()
	t, err := e.db.Table(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return t
}

// Forms as the pages carry them.

var (
	tagRe  = regexp.MustCompile(`<(input|textarea|select)\b([^>]*)>`)
	attrRe = regexp.MustCompile(`([a-zA-Z_:-]+)(?:="([^"]*)")?`)
	tmplRe = regexp.MustCompile(`(?s)<template\b.*?</template>`)
)

func attrs(s string) map[string]string {
	m := map[string]string{}
	for _, a := range attrRe.FindAllStringSubmatch(s, -1) {
		m[a[1]] = html.UnescapeString(a[2])
	}
	return m
}

// pageForm returns the action and the values a browser would submit
// unchanged from the form of the page that contains marker (an id, an
// action): text inputs, checked boxes, textareas and each select's
// selected option, in document order.
func pageForm(t testing.TB, body, marker string) (string, url.Values) {
	t.Helper()
	action, vals, err := readPageForm(body, marker)
	if err != nil {
		t.Fatal(err)
	}
	return action, vals
}

// readPageForm is pageForm for goroutines other than the test's.
func readPageForm(body, marker string) (string, url.Values, error) {
	i := strings.Index(body, marker)
	if i < 0 {
		return "", nil, fmt.Errorf("no form %q in page\n%s", marker, excerpt(body))
	}
	start := strings.LastIndex(body[:i], "<form")
	end := strings.Index(body[i:], "</form>")
	if start < 0 || end < 0 {
		return "", nil, fmt.Errorf("form %q not closed", marker)
	}
	form := tmplRe.ReplaceAllString(body[start:i+end], "")
	action := attrs(form[:strings.Index(form, ">")])["action"]
	vals := url.Values{}
	for _, m := range tagRe.FindAllStringSubmatchIndex(form, -1) {
		kind, a := form[m[2]:m[3]], attrs(form[m[4]:m[5]])
		name := a["name"]
		if name == "" {
			continue
		}
		rest := form[m[1]:]
		switch kind {
		case "input":
			if typ := a["type"]; (typ == "checkbox" || typ == "radio") && !hasAttr(form[m[4]:m[5]], "checked") {
				continue
			}
			vals.Add(name, a["value"])
		case "textarea":
			vals.Add(name, html.UnescapeString(rest[:strings.Index(rest, "</textarea>")]))
		case "select":
			// Options are many (a category select on every indicator
			// row), so they are read without the attribute regexp.
			opts := rest[:strings.Index(rest, "</select>")]
			chosen, first := "", ""
			for k, o := range strings.Split(opts, "<option")[1:] {
				o = o[:strings.Index(o, ">")]
				v := ""
				if i := strings.Index(o, `value="`); i >= 0 {
					v = o[i+7:]
					v = html.UnescapeString(v[:strings.Index(v, `"`)])
				}
				if k == 0 {
					first = v
				}
				if strings.HasSuffix(o, " selected") {
					chosen = v
				}
			}
			if chosen == "" {
				chosen = first
			}
			vals.Add(name, chosen)
		}
	}
	return action, vals, nil
}

func hasAttr(s, name string) bool {
	for _, a := range attrRe.FindAllStringSubmatch(s, -1) {
		if a[1] == name {
			return true
		}
	}
	return false
}

// editForm opens the edit page of project seq of version id (following
// the redirect to the current version) and returns the form's action and
// its values.
func (c *client) editForm(id int64, seq int) (string, url.Values) {
	c.e.t.Helper()
	r := c.follow("/tables/"+itoa(id)+"/projects/"+strconv.Itoa(seq)+"/edit").want(c.e.t, http.StatusOK)
	return pageForm(c.e.t, r.body, `id="edit-form"`)
}

// clone copies form values, so that a test can change one without the other.
func clone(v url.Values) url.Values {
	c := url.Values{}
	for k, vs := range v {
		c[k] = append([]string(nil), vs...)
	}
	return c
}

var ruleRe = regexp.MustCompile(`<code class="rule">([^<]+)</code>`)

// rules lists the rule IDs of the findings a page shows.
func rules(body string) []string {
	var out []string
	for _, m := range ruleRe.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

// idFrom reads the table id out of a path /tables/{id}….
func idFrom(t testing.TB, path string) int64 {
	t.Helper()
	rest, ok := strings.CutPrefix(path, "/tables/")
	if !ok {
		t.Fatalf("%q is not a table's path", path)
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	if err != nil {
		t.Fatalf("%q is not a table's path", path)
	}
	return id
}

var hrefRe = regexp.MustCompile(`href="([^"]*)"`)

// hrefs lists the links of a page.
func hrefs(body string) []string {
	var out []string
	for _, m := range hrefRe.FindAllStringSubmatch(body, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// use makes the env report to t, a subtest, until the returned func runs.
func (e *env) use(t testing.TB) (restore func()) {
	parent := e.t
	e.t = t
	return func() { e.t = parent }
}

// tryFollow is follow for goroutines other than the test's. Under
// concurrent saves the current version may move on while the redirect to
// it is followed, so it follows more than a browser needs to.
func (c *client) tryFollow(path string) (*response, error) {
	for range 20 {
		req, err := http.NewRequest(http.MethodGet, c.e.ts.URL+path, nil)
		if err != nil {
			return nil, err
		}
		r, err := c.send(req)
		if err != nil || r.status/100 != 3 {
			return r, err
		}
		path = r.location()
	}
	return nil, fmt.Errorf("GET %s: too many redirects", path)
}

// tryPost is post for goroutines other than the test's.
func (c *client) tryPost(path string, form url.Values) (*response, error) {
	req, err := http.NewRequest(http.MethodPost, c.e.ts.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", c.e.ts.URL)
	return c.send(req)
}

// api calls the JSON API as a script in the browser's session would: JSON
// in and out, from this site.
func (c *client) api(method, path, body string) *response {
	c.e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, c.e.ts.URL+path, rd)
	if err != nil {
		c.e.t.Fatal(err)
	}
	req.Header.Set("Accept", "application/json")
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if method != http.MethodGet && method != http.MethodHead {
		req.Header.Set("Origin", c.e.ts.URL)
	}
	return c.do(req)
}
