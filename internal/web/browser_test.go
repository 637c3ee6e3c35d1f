package web_test

// Browser tests: the app in-process, driven by a real headless Chromium the
// way its users drive it — login form, file upload, typing in the editor
// with the live review, workflow buttons, the public reading the result.
//
// They need Chromium: JIXIAO_CHROMIUM names it, else chromium,
// chromium-browser or google-chrome on PATH. Without one they skip, except
// under CI, which must run them. Every step writes a full-page screenshot
// into $JIXIAO_ARTIFACTS, else artifacts/browser/ in the repository.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"jixiao"
	"jixiao/internal/auth"
	"jixiao/internal/review"
	"jixiao/internal/seedtest"
	"jixiao/internal/sqldb"
	"jixiao/internal/table"
	"jixiao/internal/web"
)

// Passwords of the test accounts.
const (
	adminPassword    = "admin-pass-1"
	filerPassword    = "filer-pass-1"
	reviewerPassword = "review-pass-1"
)

// Bounds: the whole test, and one step of it (a navigation, a wait).
const (
	testTimeout = 90 * time.Second
	stepTimeout = 15 * time.Second
)

// findChromium returns the browser to drive, or skips (fails under CI).
func findChromium(t *testing.T) string {
	t.Helper()
	if testing.Short() && os.Getenv("CI") == "" {
		t.Skip("browser test: skipped in -short mode")
	}
	if p := os.Getenv("JIXIAO_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("JIXIAO_CHROMIUM=%s: %v", p, err)
		}
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "browser test: no Chromium found (set JIXIAO_CHROMIUM, or put chromium, chromium-browser or google-chrome on PATH)"
	if os.Getenv("CI") != "" {
		t.Fatal(msg + "; CI must run the browser tests")
	}
	t.Skip(msg)
	return ""
}

// artifactDir returns a fresh directory for the test's screenshots.
func artifactDir(t *testing.T) string {
	t.Helper()
	root := os.Getenv("JIXIAO_ARTIFACTS")
	if root == "" {
		dir, err := os.Getwd()
		if err != nil {
			t.Fatal(err)
		}
		for {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				break
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				t.Fatal("artifacts: no go.mod above the test's directory")
			}
			dir = parent
		}
		root = filepath.Join(dir, "artifacts", "browser")
	}
	dir := filepath.Join(root, t.Name())
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// app is the application under test with its database.
type app struct {
	db  *sqldb.DB
	srv *httptest.Server
}

func startApp(t *testing.T) *app {
	t.Helper()
	db, err := sqldb.Open(t.Context(), filepath.Join(t.TempDir(), "jixiao.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	h, err := web.New(web.Config{DB: db, Review: review.DefaultOptions()})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &app{db: db, srv: srv}
}

// user creates an account directly in the store.
func (a *app) user(t *testing.T, login, name string, role jixiao.Role, org int64, pw string) {
	t.Helper()
	h, err := auth.HashPassword(pw, auth.Default)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.CreateUser(t.Context(), sqldb.NewUser{Login: login, Name: name, Role: role, OrgID: org, PasswordHash: h}, "test"); err != nil {
		t.Fatal(err)
	}
}

// seedTable reads the seed as the import would; it returns the table and
// the file's path.
func seedTable(t *testing.T) (*jixiao.Table, string) {
	t.Helper()
	path := seedtest.Path(t)
	res, err := table.ReadFile(path, nil, table.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Table, path
}

// accounts creates admin, a filer of org and an all-orgs reviewer.
func (a *app) accounts(t *testing.T, org string) {
	t.Helper()
	id, err := a.db.EnsureOrg(t.Context(), org, 0, "test")
	if err != nil {
		t.Fatal(err)
	}
	a.user(t, "admin", "管理员", jixiao.RoleAdmin, 0, adminPassword)
	a.user(t, "filer", "王填报", jixiao.RoleFiler, id, filerPassword)
	a.user(t, "reviewer", "李审核", jixiao.RoleReviewer, 0, reviewerPassword)
}

// store saves t as a reviewed draft, as an import through the page would,
// and returns the new version's ID.
func (a *app) store(t *testing.T, tbl *jixiao.Table) int64 {
	t.Helper()
	table.ParseTargets(tbl)
	fs := review.Table(tbl, review.DefaultOptions())
	q, _ := review.Score(tbl, fs)
	tbl.Review = &jixiao.Review{Findings: fs, Score: q.Score, Grade: q.Grade}
	tbl.Status, tbl.CreatedBy = jixiao.StatusDraft, "filer"
	res, err := a.db.SaveVersion(t.Context(), tbl, sqldb.SaveOptions{Actor: "filer"})
	if err != nil {
		t.Fatal(err)
	}
	return res.TableID
}

// browser is one Chromium for one test.
type browser struct {
	t     *testing.T
	ctx   context.Context // the first tab; its browser context has the cookies
	dir   string          // artifacts
	base  string          // the app's URL
	mu    sync.Mutex
	shots int
	bad   []string // exceptions and CSP violations seen in any tab
}

func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	exe := findChromium(t)
	b := &browser{t: t, dir: artifactDir(t), base: base}
	ctx, cancel := context.WithTimeout(t.Context(), testTimeout)
	t.Cleanup(cancel)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests may run as root, in a container
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 900),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "zh-CN"),
	}
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	if err := chromedp.Do(bctx); err != nil { // start the browser
		t.Fatalf("start %s: %v", exe, err)
	}
	b.ctx = bctx
	b.watch(bctx)
	t.Cleanup(func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		for _, m := range b.bad {
			t.Errorf("browser console: %s", m)
		}
	})
	return b
}

// watch records uncaught exceptions and CSP violations in the tab: the
// pages must work under their own Content-Security-Policy.
func (b *browser) watch(ctx context.Context) {
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.IsException() || strings.Contains(m.Text, "Content Security Policy") {
				b.mu.Lock()
				b.bad = append(b.bad, fmt.Sprintf("%s %s (%s:%d)", m.Type, m.Text, m.URL, m.Line+1))
				b.mu.Unlock()
			}
		}
	}()
}

// tab is one browser tab.
type tab struct {
	b    *browser
	t    *testing.T
	ctx  context.Context
	name string
}

// tab returns the browser's first tab.
func (b *browser) tab(name string) *tab { return &tab{b: b, t: b.t, ctx: b.ctx, name: name} }

// newTab opens another tab; incognito gives it a browser context of its
// own (no cookies: a new visitor), else it shares the first tab's cookies.
func (b *browser) newTab(name string, incognito bool) *tab {
	var opts []chromedp.ContextOption
	if incognito {
		opts = append(opts, chromedp.WithNewBrowserContext())
	}
	ctx, cancel := chromedp.NewContext(b.ctx, opts...)
	b.t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		b.t.Fatalf("open tab %s: %v", name, err)
	}
	b.watch(ctx)
	return &tab{b: b, t: b.t, ctx: ctx, name: name}
}

// step runs actions under the step bound; on failure it keeps a
// screenshot and stops the test.
func (tb *tab) step(what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	defer tb.timed(what)()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tb.fail(what, err)
	}
}

func (tb *tab) fail(what string, err error) {
	tb.t.Helper()
	tb.shot("FAILED-" + what)
	loc, _ := run(tb, chromedp.Location())
	tb.t.Fatalf("%s: %s: %v (page %s)", tb.name, what, err, loc)
}

// timed logs a slow step.
func (tb *tab) timed(what string) func() {
	start := time.Now()
	return func() {
		if d := time.Since(start); d > 2*time.Second {
			tb.t.Logf("%s: %s took %v", tb.name, what, d.Round(time.Millisecond))
		}
	}
}

// run runs one action with a value under the step bound.
func run[T any](tb *tab, a chromedp.Action[T]) (T, error) {
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	return chromedp.Run(ctx, a)
}

// must is run that stops the test on an error.
func must[T any](tb *tab, what string, a chromedp.Action[T]) T {
	tb.t.Helper()
	v, err := run(tb, a)
	if err != nil {
		tb.fail(what, err)
	}
	return v
}

// nav clicks or submits and waits for the page that follows; it checks the
// final response's status.
func (tb *tab) nav(what string, want int, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	defer tb.timed(what)()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		tb.fail(what, err)
	}
	if int(resp.Status) != want {
		tb.fail(what, fmt.Errorf("HTTP %d, want %d", resp.Status, want))
	}
}

// open loads a path of the app.
func (tb *tab) open(path string) {
	tb.t.Helper()
	tb.nav("open "+path, http.StatusOK, chromedp.Navigate(tb.b.base+path))
}

// shot writes a full-page screenshot (JPEG: a PNG of the whole table
// takes seconds), numbered in the order taken.
func (tb *tab) shot(name string) {
	tb.t.Helper()
	tb.capture(name, chromedp.FullScreenshot(85))
}

// shotTop writes a screenshot of the viewport only: for a long page seen
// before in full, where the step changed only its top.
func (tb *tab) shotTop(name string) {
	tb.t.Helper()
	tb.capture(name, func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
		r, err := cdp.Call(ctx, tg, page.CaptureScreenshot, page.CaptureScreenshotParams{Format: page.CaptureScreenshotFormatJpeg, Quality: new(int64(85))})
		return r.Data, err
	})
}

func (tb *tab) capture(name string, a chromedp.Action[[]byte]) {
	tb.t.Helper()
	defer tb.timed("screenshot " + name)()
	tb.b.mu.Lock()
	tb.b.shots++
	n := tb.b.shots
	tb.b.mu.Unlock()
	img, err := run(tb, a)
	if err != nil {
		tb.t.Logf("screenshot %s: %v", name, err)
		return
	}
	file := filepath.Join(tb.b.dir, fmt.Sprintf("%02d-%s-%s.jpg", n, tb.name, name))
	if err := os.WriteFile(file, img, 0o644); err != nil {
		tb.t.Error(err)
	}
}

// text returns the text of the first element matching a CSS selector.
func (tb *tab) text(sel string) string {
	tb.t.Helper()
	return must(tb, "read "+sel, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
}

// js evaluates an expression.
func js[T any](tb *tab, expr string) T {
	tb.t.Helper()
	return must(tb, "evaluate "+expr, chromedp.Evaluate[T](expr))
}

// count counts the elements matching a CSS selector.
func (tb *tab) count(sel string) int {
	tb.t.Helper()
	return js[int](tb, fmt.Sprintf("document.querySelectorAll(%s).length", strconv.Quote(sel)))
}

// fill replaces an input's text the way a user does: select all, type.
func fill(sel, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.WaitVisible(chromedp.CSS(sel)),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf("document.querySelector(%s).select()", strconv.Quote(sel))),
		chromedp.SendKeys(chromedp.CSS(sel), value),
	)
}

// appendText types at the end of an input's text.
func appendText(sel, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.WaitVisible(chromedp.CSS(sel)),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(e => { e.focus(); e.setSelectionRange(e.value.length, e.value.length); })(document.querySelector(%s))`, strconv.Quote(sel))),
		chromedp.SendKeys(chromedp.CSS(sel), value),
	)
}

// login signs in through the login form.
func (tb *tab) login(login, password string) {
	tb.t.Helper()
	tb.open("/login")
	tb.step("fill login form", fill(`input[name=login]`, login), fill(`input[name=password]`, password))
	tb.shot("login-" + login)
	tb.nav("log in as "+login, http.StatusOK, chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	if got := tb.text(`header.top nav a[href="/account"]`); got == "" {
		tb.t.Fatalf("after login as %s the header shows no account", login)
	}
}

func (tb *tab) logout() {
	tb.t.Helper()
	tb.nav("log out", http.StatusOK, chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)))
	if n := tb.count(`a[href="/login"]`); n == 0 {
		tb.t.Fatal("after logout the header offers no login link")
	}
}

// location returns the path of the page shown.
func (tb *tab) location() string {
	tb.t.Helper()
	loc := must(tb, "location", chromedp.Location())
	return strings.TrimPrefix(loc, tb.b.base)
}

var tablePath = regexp.MustCompile(`^/tables/(\d+)`)

// tableID is the table version in the page's path.
func (tb *tab) tableID() int64 {
	tb.t.Helper()
	m := tablePath.FindStringSubmatch(tb.location())
	if m == nil {
		tb.t.Fatalf("not on a table page: %s", tb.location())
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

func contains(t *testing.T, what, text, want string) {
	t.Helper()
	if !strings.Contains(text, want) {
		t.Fatalf("%s: %q does not contain %q", what, text, want)
	}
}

// fixable is a finding on one indicator with a value that clears it.
type fixable struct {
	f     jixiao.Finding
	seq   int    // the project's place in the table, as in its URL
	value string // the new period and annual value
}

// fixesFor lists values worth trying for a finding on an indicator's value.
func fixesFor(f jixiao.Finding, in *jixiao.Indicator, year int) []string {
	v := in.Annual.Text // normalised: "$\geq$ 60" reads "≥60"
	switch f.Rule {
	case "MEAS-SATISFACTION-CEILING":
		return []string{"≥90%"}
	case "HYG-STALE-DEADLINE":
		return []string{fmt.Sprintf("%d年12月31日前完成", year)}
	case "MEAS-NO-COMPARATOR":
		return []string{"≥" + v}
	case "MEAS-NO-UNIT":
		return []string{v + "家", v + "个"}
	}
	return nil
}

// pickFix chooses, from the stored review of table id, a finding on one
// indicator's value whose fix is a simple edit of the value, and checks
// with the review itself that the fix clears it and adds nothing on that
// indicator. Choosing from the findings keeps the test independent of
// which project happens to carry which defect.
func pickFix(t *testing.T, db *sqldb.DB, id int64) fixable {
	t.Helper()
	stored, err := db.Table(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Review == nil || len(stored.Review.Findings) == 0 {
		t.Fatal("the imported table has no stored review")
	}
	for _, f := range stored.Review.Findings {
		if f.Indicator == 0 || f.Field != "annual" {
			continue
		}
		ps := stored.Projects()
		pi := slices.IndexFunc(ps, func(p *jixiao.Project) bool { return p.Name == f.Project })
		if pi < 0 || f.Indicator > len(ps[pi].Indicators) {
			continue
		}
		for _, v := range fixesFor(f, ps[pi].Indicators[f.Indicator-1], stored.FiscalYear) {
			c, err := db.Table(t.Context(), id) // a fresh copy to change
			if err != nil {
				t.Fatal(err)
			}
			in := c.Projects()[pi].Indicators[f.Indicator-1]
			in.Period.Raw, in.Annual.Raw = v, v
			table.ParseTargets(c)
			before, after := onIndicator(stored.Review.Findings, f), onIndicator(review.Table(c, review.DefaultOptions()), f)
			if !slices.Contains(after, f.Rule) && len(after) < len(before) {
				return fixable{f: f, seq: pi + 1, value: v}
			}
		}
	}
	t.Fatal("no finding in the seed's review has a simple value fix; extend fixesFor")
	return fixable{}
}

// onIndicator lists the rules of the findings on f's indicator.
func onIndicator(fs []jixiao.Finding, f jixiao.Finding) []string {
	var rules []string
	for _, x := range fs {
		if x.Project == f.Project && x.Indicator == f.Indicator {
			rules = append(rules, x.Rule)
		}
	}
	return rules
}

// findingShown is a JavaScript expression: does the list under root show a
// finding of rule on indicator n?
func findingShown(root, rule string, n int) string {
	return fmt.Sprintf(`Array.from(document.querySelectorAll(%s)).some(li =>
		li.querySelector(".where")?.textContent === %s)`,
		strconv.Quote(fmt.Sprintf("%s li.finding[data-rule=%q]", root, rule)), strconv.Quote("指标 "+strconv.Itoa(n)))
}

// TestBrowserScenario is the story: log in, import the seed
// through the upload page, see its findings, fix one indicator and watch
// its finding disappear, submit, approve as a reviewer, see it as the
// public.
func TestBrowserScenario(t *testing.T) {
	findChromium(t) // skip before any work
	seed, seedPath := seedTable(t)
	a := startApp(t)
	a.accounts(t, seed.Org)
	b := newBrowser(t, a.srv.URL)
	filer := b.tab("filer")

	// The filer logs in and uploads the seed.
	filer.login("filer", filerPassword)
	filer.open("/import")
	filer.shot("import-form")
	filer.step("choose the seed file", chromedp.SetUploadFiles(chromedp.CSS(`input[type=file][name=file]`), []string{seedPath}))
	filer.nav("upload for preview", http.StatusOK, chromedp.Click(chromedp.CSS(`form[action="/import"] button[type=submit]`)))
	filer.step("preview", chromedp.WaitVisible(chromedp.ID("import-confirm")))
	filer.shot("import-preview")
	kv := filer.text(`table.kv`)
	contains(t, "preview", kv, seed.Org)
	contains(t, "preview: inferred fiscal year", kv, "2024")
	contains(t, "preview: how the year was found", kv, "推断")
	contains(t, "preview: counts", kv, fmt.Sprintf("%d 个项目", len(seed.Projects())))
	if n := filer.count(`section.card h2 .badge`); n == 0 {
		t.Fatal("preview: no finding counts shown")
	}
	if n := filer.count(`details li.finding`); n == 0 {
		t.Fatal("preview: no findings listed")
	}
	filer.nav("confirm the import", http.StatusOK, chromedp.Click(chromedp.ID("import-confirm")))
	filer.step("table page", chromedp.WaitVisible(chromedp.CSS(`table.published`)))
	filer.shot("imported-table")
	contains(t, "flash after import", filer.text(`p.flash`), "已导入")
	id := filer.tableID()
	if n := filer.count(`tr.project-findings li.finding`); n == 0 {
		t.Fatal("table page: no findings inline for the filer")
	}
	if n := filer.count(`tr.project`); n != len(seed.Projects()) {
		t.Fatalf("table page shows %d projects, want %d", n, len(seed.Projects()))
	}

	// Pick a fixable finding and see it inline on the table page.
	fx := pickFix(t, a.db, id)
	n := fx.f.Indicator
	t.Logf("fixing %s on 「%s」 indicator %d with %q", fx.f.Rule, fx.f.Project, n, fx.value)
	row := fmt.Sprintf(`#p%d`, fx.seq)
	if !js[bool](filer, findingShown(row+" + tr.project-findings", fx.f.Rule, n)) {
		t.Fatalf("table page: finding %s on indicator %d not shown under project %d", fx.f.Rule, n, fx.seq)
	}

	// Open the project, then its editor.
	filer.nav("open the project", http.StatusOK, chromedp.Click(chromedp.CSS(row+` td a`)))
	filer.shot("project-before")
	contains(t, "project page", filer.text(`h1`), fx.f.Project)
	if !js[bool](filer, findingShown("main", fx.f.Rule, n)) {
		t.Fatalf("project page: finding %s on indicator %d not shown", fx.f.Rule, n)
	}
	filer.nav("open the editor", http.StatusOK, chromedp.Click(chromedp.CSS(`a.button[href$="/edit"]`)))
	filer.step("editor", chromedp.WaitVisible(chromedp.ID("edit-form")))
	if !js[bool](filer, findingShown("#live-findings", fx.f.Rule, n)) {
		t.Fatalf("editor: live panel does not list %s on indicator %d at first", fx.f.Rule, n)
	}
	filer.shot("edit-before")

	// Type the fix; the live panel drops the finding without a reload.
	js[chromedp.Void](filer, `window.__noReload = true`)
	rowSel := fmt.Sprintf(`#ind-rows tr.ind-row:nth-child(%d)`, n)
	filer.step("type the fix",
		fill(rowSel+` input[name=ind_period]`, fx.value),
		fill(rowSel+` input[name=ind_annual]`, fx.value))
	gone := fmt.Sprintf(`document.getElementById("live-state").textContent.startsWith("错误") && !(%s)`, findingShown("#live-findings", fx.f.Rule, n))
	filer.step("live review drops the finding",
		chromedp.Poll[chromedp.Void](gone, chromedp.WithPollingInterval(100*time.Millisecond)),
		chromedp.Sleep(500*time.Millisecond), // a late answer for a half-typed value must not bring it back
	)
	if !js[bool](filer, gone) {
		t.Fatal("editor: the finding came back in the live panel")
	}
	if !js[bool](filer, `window.__noReload === true`) {
		t.Fatal("editor: the page reloaded while typing")
	}
	filer.shot("edit-fixed-live")

	// Save: the project page no longer shows the finding.
	filer.nav("save", http.StatusOK, chromedp.Click(chromedp.CSS(`#edit-form button[type=submit]`)))
	filer.shot("project-after")
	contains(t, "flash after save", filer.text(`p.flash`), "已保存")
	if js[bool](filer, findingShown("main", fx.f.Rule, n)) {
		t.Fatalf("project page after save still shows %s on indicator %d", fx.f.Rule, n)
	}
	contains(t, "project page after save", filer.text(`table.indicators`), fx.value)
	id = filer.tableID()

	// Submit the table and log out.
	filer.open("/tables/" + strconv.FormatInt(id, 10))
	filer.nav("submit", http.StatusOK, chromedp.Click(chromedp.CSS(`button.act-submit`)))
	filer.shotTop("submitted")
	contains(t, "flash after submit", filer.text(`p.flash`), "已报送")
	contains(t, "status after submit", filer.text(`.workflow .status`), jixiao.StatusSubmitted.Label())
	if n := filer.count(`a.button[href$="/edit"]`); n != 0 {
		t.Fatal("a submitted table still offers 修改 to the filer")
	}
	filer.logout()

	// The reviewer approves with a grade and a comment, then publishes.
	rt := *filer
	reviewer := &rt
	reviewer.name = "reviewer"
	reviewer.login("reviewer", reviewerPassword)
	reviewer.open("/tables/" + strconv.FormatInt(id, 10))
	reviewer.shotTop("to-review")
	if n := reviewer.count(`tr.project-findings li.finding`); n == 0 {
		t.Fatal("the reviewer sees no findings beside the submission")
	}
	const comment = "目标明确，指标可衡量，同意。"
	reviewer.step("grade and comment",
		chromedp.SetValue(chromedp.CSS(`select[name=grade]`), "优"),
		fill(`form:has(button.act-approve) input[name=comment]`, comment))
	reviewer.nav("approve", http.StatusOK, chromedp.Click(chromedp.CSS(`button.act-approve`)))
	reviewer.shotTop("approved")
	contains(t, "flash after approve", reviewer.text(`p.flash`), "已审核通过")
	contains(t, "grade after approve", reviewer.text(`.workflow .grade`), "优")
	contains(t, "comment after approve", reviewer.text(`.workflow .comment`), comment)
	reviewer.nav("publish", http.StatusOK, chromedp.Click(chromedp.CSS(`button.act-publish`)))
	reviewer.shotTop("published")
	contains(t, "flash after publish", reviewer.text(`p.flash`), "已公开")
	contains(t, "status after publish", reviewer.text(`.workflow .status`), jixiao.StatusPublished.Label())

	// The public, with no cookies, finds the table and reads it.
	public := b.newTab("public", true)
	public.open("/")
	public.shot("overview")
	if n := public.count(`a[href="/login"]`); n == 0 {
		t.Fatal("the public page has no login link: is the visitor logged in?")
	}
	link := fmt.Sprintf(`table.list a[href="/tables/%d"]`, id)
	contains(t, "overview", public.text(link), seed.Org)
	public.nav("open the table", http.StatusOK, chromedp.Click(chromedp.CSS(link)))
	public.step("published layout", chromedp.WaitVisible(chromedp.CSS(`article.official table.published`)))
	public.shot("public-table")
	contains(t, "public table title", public.text(`article.official h1.title`), seed.Title)
	names := js[[]string](public, `Array.from(document.querySelectorAll("tr.project td:first-child a")).map(a => a.textContent)`)
	var want []string
	for _, p := range seed.Projects() {
		want = append(want, p.Name)
	}
	if !slices.Equal(names, want) {
		t.Fatalf("the public table lists projects\n%q\nwant\n%q", names, want)
	}
	if n := public.count(`tr.project-findings, .workflow .actions, a[href$="/edit"]`); n != 0 {
		t.Fatalf("the public sees %d review or workflow elements", n)
	}
	contains(t, "public sees the fix", public.text(row+` td.inds`), fx.value)
	if inds := public.text(`table.published tbody`); strings.Contains(inds, `\geq`) || strings.Contains(inds, `\leq`) {
		t.Error("the public table shows LaTeX residue from the PDF text")
	}

	// The public prints it: A4 landscape, as the print stylesheet says.
	printTable(t, public)
}

// printTable prints the page shown to PDF into the artifacts, checks the
// print stylesheet hides the app's chrome, and renders page 1 to PNG when
// pdftoppm is there to look at.
func printTable(t *testing.T, tb *tab) {
	t.Helper()
	pdf := must(tb, "print to PDF", chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFLandscape(),
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(),
	))
	if !strings.HasPrefix(string(pdf), "%PDF-") {
		t.Fatal("print: not a PDF")
	}
	file := filepath.Join(tb.b.dir, "table.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)`).FindSubmatch(pdf); m == nil {
		t.Error("print: no page size in the PDF")
	} else if w, _ := strconv.ParseFloat(string(m[1]), 64); w < 840 || w > 843 {
		t.Errorf("print: page %s × %s pt, want A4 landscape (841.9 × 595.3)", m[1], m[2])
	}
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
	t.Logf("print: %d pages, %d bytes", pages, len(pdf))
	if pages < 2 {
		t.Errorf("print: %d pages for a table of 53 projects", pages)
	}

	// Under print media the header, workflow box and footer are gone and
	// the table keeps its header row on every page.
	tb.step("print media", func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return chromedp.Void{}, err
	})
	hidden := js[[]string](tb, `["header.top", "section.workflow", "footer", "nav.crumbs"].filter(s => {
		const e = document.querySelector(s); return e && getComputedStyle(e).display !== "none"; })`)
	if len(hidden) > 0 {
		t.Errorf("print: still shown: %v", hidden)
	}
	if got := js[string](tb, `getComputedStyle(document.querySelector("table.published thead")).display`); got != "table-header-group" {
		t.Errorf("print: table header display %q, want table-header-group (repeated on every page)", got)
	}
	tb.step("screen media", func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""})
		return chromedp.Void{}, err
	})

	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Log("print: pdftoppm not found; page 1 not rendered")
		return
	}
	out := filepath.Join(tb.b.dir, "table-page")
	if b, err := exec.CommandContext(tb.ctx, "pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", file, out).CombinedOutput(); err != nil {
		t.Errorf("pdftoppm: %v: %s", err, b)
	}
}

// editorSetup stores the seed as a draft of the filer's org, logs the filer
// in and returns the table, the tab and the project to edit: the first
// with at least three indicators.
func editorSetup(t *testing.T) (*app, *browser, *tab, int64, int, *jixiao.Project) {
	t.Helper()
	findChromium(t) // skip before any work
	seed, _ := seedTable(t)
	a := startApp(t)
	a.accounts(t, seed.Org)
	id := a.store(t, seed)
	ps := seed.Projects()
	seq := slices.IndexFunc(ps, func(p *jixiao.Project) bool { return len(p.Indicators) >= 3 }) + 1
	if seq == 0 {
		t.Fatal("no project with three indicators in the seed")
	}
	b := newBrowser(t, a.srv.URL)
	tb := b.tab("filer")
	tb.login("filer", filerPassword)
	return a, b, tb, id, seq, ps[seq-1]
}

func editPath(id int64, seq int) string {
	return fmt.Sprintf("/tables/%d/projects/%d/edit", id, seq)
}

// rowNames returns the indicator names in the editor, in row order, and
// the row numbers the script shows.
func rowNames(tb *tab) ([]string, []string) {
	names := js[[]string](tb, `Array.from(document.querySelectorAll("#ind-rows tr.ind-row input[name=ind_name]")).map(i => i.value)`)
	seqs := js[[]string](tb, `Array.from(document.querySelectorAll("#ind-rows tr.ind-row td.seq")).map(td => td.textContent)`)
	return names, seqs
}

// TestBrowserEditorRows adds an indicator row, fills it, moves it up,
// removes another row, saves, and reads the new order on the project page.
func TestBrowserEditorRows(t *testing.T) {
	_, _, tb, id, seq, p := editorSetup(t)
	tb.open(editPath(id, seq))
	names, _ := rowNames(tb)
	want := make([]string, 0, len(p.Indicators))
	for _, in := range p.Indicators {
		want = append(want, in.Name)
	}
	if !slices.Equal(names, want) {
		t.Fatalf("editor rows %q, want %q", names, want)
	}
	tb.shot("editor")

	// Add a row at the end and fill it.
	const newName = "培训参与企业满意度"
	tb.step("add a row", chromedp.Click(chromedp.CSS(`button.js-add`)))
	if got := tb.count(`#ind-rows tr.ind-row`); got != len(want)+1 {
		t.Fatalf("after 添加指标: %d rows, want %d", got, len(want)+1)
	}
	last := `#ind-rows tr.ind-row:last-child`
	focused := js[bool](tb, `document.activeElement === document.querySelector("#ind-rows tr.ind-row:last-child select")`)
	if !focused {
		t.Error("the new row's category is not focused")
	}
	tb.step("fill the new row",
		chromedp.SetValue(chromedp.CSS(last+` select[name=ind_category]`), "3|满意度指标|31|服务对象满意度指标"),
		fill(last+` input[name=ind_name]`, newName),
		fill(last+` input[name=ind_unit]`, "%"),
		fill(last+` input[name=ind_period]`, "≥90%"),
		fill(last+` input[name=ind_annual]`, "≥90%"))
	// Move it up twice: it stands third from the end... of the old rows.
	tb.step("move it up", chromedp.Click(chromedp.CSS(last+` button.js-up`)))
	moved := fmt.Sprintf(`#ind-rows tr.ind-row:nth-child(%d)`, len(want))
	tb.step("move it up again", chromedp.Click(chromedp.CSS(moved+` button.js-up`)))
	// Remove the first row.
	tb.step("remove the first row", chromedp.Click(chromedp.CSS(`#ind-rows tr.ind-row:first-child button.js-remove`)))
	expect := slices.Clone(want[1:])
	expect = slices.Insert(expect, len(expect)-2, newName)
	names, seqs := rowNames(tb)
	if !slices.Equal(names, expect) {
		t.Fatalf("editor rows after add, move, remove:\n%q\nwant\n%q", names, expect)
	}
	for i, s := range seqs {
		if s != strconv.Itoa(i+1) {
			t.Fatalf("row numbers %q are not 1..%d", seqs, len(seqs))
		}
	}
	tb.step("live review answers", chromedp.Poll[chromedp.Void](`document.getElementById("live-state").textContent.startsWith("错误")`))
	tb.shot("rows-changed")

	tb.nav("save", http.StatusOK, chromedp.Click(chromedp.CSS(`#edit-form button[type=submit]`)))
	tb.shot("project-saved")
	contains(t, "flash after save", tb.text(`p.flash`), "已保存")
	shown := js[[]string](tb, `Array.from(document.querySelectorAll("table.indicators tbody tr td:nth-child(4)")).map(td => td.textContent)`)
	var wantShown []string
	for _, n := range expect {
		if n == newName {
			n += "（%）"
		}
		wantShown = append(wantShown, n)
	}
	if !slices.Equal(shown, wantShown) {
		t.Fatalf("project page indicators\n%q\nwant\n%q", shown, wantShown)
	}
	cats := js[[]string](tb, `Array.from(document.querySelectorAll("table.indicators tbody tr td:nth-child(3)")).map(td => td.textContent)`)
	if i := slices.Index(expect, newName); cats[i] != "服务对象满意度指标" {
		t.Fatalf("the new indicator's category is %q", cats[i])
	}
}

// TestBrowserEditConflict saves in one tab while a second tab still shows
// the old version; the second save shows the conflict in the page and
// keeps what was typed there.
func TestBrowserEditConflict(t *testing.T) {
	_, b, first, id, seq, p := editorSetup(t)
	second := b.newTab("second", false) // same login
	first.open(editPath(id, seq))
	second.open(editPath(id, seq))

	first.step("edit the goal", appendText(`textarea[name=goal]`, "（第一处修改）"))
	first.nav("save in the first tab", http.StatusOK, chromedp.Click(chromedp.CSS(`#edit-form button[type=submit]`)))
	contains(t, "first save", first.text(`p.flash`), "已保存")

	const typedName = "第二处修改的指标名称"
	const typedAnnual = "≥95%"
	second.step("type in the stale tab",
		fill(`#ind-rows tr.ind-row:first-child input[name=ind_name]`, typedName),
		fill(`#ind-rows tr.ind-row:first-child input[name=ind_annual]`, typedAnnual))
	second.nav("save in the stale tab", http.StatusConflict, chromedp.Click(chromedp.CSS(`#edit-form button[type=submit]`)))
	second.shot("conflict")
	msg := second.text(`p.error.conflict`)
	contains(t, "conflict message", msg, "保存冲突")
	contains(t, "conflict message", msg, "打开最新版本")
	got := js[[]string](second, `["#ind-rows tr.ind-row:first-child input[name=ind_name]", "#ind-rows tr.ind-row:first-child input[name=ind_annual]"].map(s => document.querySelector(s).value)`)
	if !slices.Equal(got, []string{typedName, typedAnnual}) {
		t.Fatalf("after the conflict the form shows %q, want what was typed", got)
	}
	if goal := js[string](second, `document.querySelector("textarea[name=goal]").value`); goal != p.Goal {
		t.Fatalf("after the conflict the goal is %q, want the stale tab's own %q", goal, p.Goal)
	}
	if n := second.count(`#live-findings li.finding`); n == 0 {
		t.Fatal("after the conflict the review panel lists no findings")
	}
	// The link leads to the newest version, with the first tab's change.
	second.nav("open the newest version", http.StatusOK, chromedp.Click(chromedp.CSS(`p.conflict a`)))
	contains(t, "newest version", js[string](second, `document.querySelector("textarea[name=goal]").value`), "（第一处修改）")
	second.shot("newest")
}
