package web_test

// Handler tests of in-year monitoring (运行监控) and self-evaluation
// (绩效自评), DESIGN §6: who may see and file, how the forms validate and
// keep what was typed, versions and the audit log, the red filter, the
// 自评表 and its exports (a golden file of the JSON export).

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"jixiao"
	"jixiao/internal/score"
	"jixiao/internal/sqldb"
	"jixiao/internal/table"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// The org of the monitoring tests and another one.
const (
	monOrg        = "示例区人力资源和社会保障局"
	otherOrg      = "示例区交通运输局"
	otherPassword = "other-pass-1"
)

// monTable is a small fixed table of monOrg with two projects whose
// indicators cover what monitoring and scoring tell apart: counts (场,
// 人次), money (万元), percentages (one target above 100 %), a deadline, a
// qualitative target and a negative one.
func monTable(year int, status jixiao.Status) *jixiao.Table {
	ind := func(seq int, level2, name, unit, annual string) *jixiao.Indicator {
		e, ok := jixiao.LookupLevel2(level2)
		if !ok {
			panic("no level-2 category " + level2)
		}
		return &jixiao.Indicator{Seq: seq, Level1: e.Level1, Level2: e.Level2, Name: name, Unit: unit,
			Period: jixiao.Target{Raw: annual}, Annual: jixiao.Target{Raw: annual}}
	}
	wan := func(s string) jixiao.Funding {
		f, err := jixiao.ParseMoney(s, jixiao.WanYuan)
		if err != nil {
			panic(err)
		}
		return jixiao.Funding{Total: f, Fiscal: f}
	}
	p1 := &jixiao.Project{Name: "就业创业服务经费", Org: monOrg + "（本级）", Funding: wan("500"),
		Goal: "开展招聘会和职业培训，发放创业担保贷款贴息，促进劳动者就业创业。",
		Indicators: []*jixiao.Indicator{
			ind(1, "11", "举办招聘会", "场", "≥30场"),
			ind(2, "11", "发放创业担保贷款贴息", "万元", "≥400万元"),
			ind(3, "12", "职业培训合格率", "%", "≥95%"),
			ind(4, "13", "贴息资金发放时间", "", fmt.Sprintf("%d年12月31日前", year)),
			ind(5, "22", "促进劳动者就业创业", "", "有效促进"),
			ind(6, "31", "服务对象满意度", "%", "≥90%"),
		}}
	p2 := &jixiao.Project{Name: "职业技能提升行动经费", Org: monOrg + "（本级）", Funding: wan("200"),
		Goal: "开展职业技能培训，提升劳动者就业能力。",
		Indicators: []*jixiao.Indicator{
			ind(1, "11", "培训人次", "人次", "≥2000人次"),
			ind(2, "11", "就业目标完成率", "%", "≥110%"),
			ind(3, "22", "培训投诉次数", "次", "≤5次"),
			ind(4, "31", "参训人员满意度", "%", "≥90%"),
		}}
	u := jixiao.Unit{Name: monOrg + "（本级）", Projects: []*jixiao.Project{p1, p2}}
	u.Funding = p1.Funding.Add(p2.Funding)
	t := &jixiao.Table{Title: "项目支出绩效目标表", Org: monOrg, FiscalYear: year, FiscalYearSource: "given: test",
		MoneyUnit: jixiao.WanYuan, Total: u.Funding, Units: []jixiao.Unit{u}, Status: status, CreatedBy: "filer"}
	table.ParseTargets(t)
	return t
}

// monFixture is the app with monOrg's published 2024 table, its draft 2025
// table, and the accounts: admin, filer (monOrg), reviewer (all orgs),
// other (a filer of otherOrg).
type monFixture struct {
	*app
	published, draft int64
}

func newMonFixture(t *testing.T) *monFixture {
	t.Helper()
	a := startApp(t)
	a.accounts(t, monOrg)
	oid, err := a.db.EnsureOrg(t.Context(), otherOrg, 0, "test")
	if err != nil {
		t.Fatal(err)
	}
	a.user(t, "other", "赵其他", jixiao.RoleFiler, oid, otherPassword)
	f := &monFixture{app: a}
	for _, x := range []struct {
		id     *int64
		year   int
		status jixiao.Status
	}{{&f.published, 2024, jixiao.StatusPublished}, {&f.draft, 2025, jixiao.StatusDraft}} {
		res, err := a.db.SaveVersion(t.Context(), monTable(x.year, x.status), sqldb.SaveOptions{Actor: "filer"})
		if err != nil {
			t.Fatal(err)
		}
		*x.id = res.TableID
	}
	return f
}

// client is one visitor: a cookie jar that does not follow redirects.
type client struct {
	t    *testing.T
	base string
	hc   *http.Client
}

type response struct {
	status int
	header http.Header
	body   string
}

// client logs in through the login form; login "" is the public.
func (a *app) client(t *testing.T, login, password string) *client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &client{t: t, base: a.srv.URL, hc: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	if login != "" {
		if r := c.post("/login", url.Values{"login": {login}, "password": {password}}); r.status != http.StatusSeeOther {
			t.Fatalf("log in as %s: HTTP %d", login, r.status)
		}
	}
	return c
}

func (c *client) do(req *http.Request) response {
	c.t.Helper()
	res, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: string(b)}
}

func (c *client) get(path string) response {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.base+path, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return c.do(req)
}

func (c *client) post(path string, form url.Values) response {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// want checks a response's status, showing the page's messages if not.
func (r response) want(t *testing.T, what string, status int) response {
	t.Helper()
	if r.status != status {
		t.Fatalf("%s: HTTP %d, want %d\n%s", what, r.status, status, messages(r.body))
	}
	return r
}

var (
	tagRE  = regexp.MustCompile(`<[^>]*>`)
	errsRE = regexp.MustCompile(`(?s)<ul class="error form-errors"[^>]*>(.*?)</ul>|<p class="error[^"]*">(.*?)</p>|<main>(.*?)</main>`)
)

// text is a page's text without tags, spaces folded.
func text(page string) string {
	return strings.Join(strings.Fields(html.UnescapeString(tagRE.ReplaceAllString(page, " "))), " ")
}

// messages is the error list of a page, or its main text.
func messages(page string) string {
	if m := errsRE.FindStringSubmatch(page); m != nil {
		return text(m[1] + m[2] + m[3])
	}
	return text(page)
}

// formErrors returns the messages of a form's error list.
func formErrors(page string) []string {
	m := regexp.MustCompile(`(?s)<ul class="error form-errors"[^>]*>(.*?)</ul>`).FindStringSubmatch(page)
	if m == nil {
		return nil
	}
	var out []string
	for _, li := range regexp.MustCompile(`(?s)<li>(.*?)</li>`).FindAllStringSubmatch(m[1], -1) {
		out = append(out, text(li[1]))
	}
	return out
}

// field returns what the page's form shows for name: an input's value, a
// textarea's text or a select's selected option; ok is false when the
// form has no such field.
func field(page, name string) (string, bool) {
	q := regexp.QuoteMeta(name)
	if m := regexp.MustCompile(`<input[^>]*\bname="` + q + `"[^>]*>`).FindString(page); m != "" {
		v := regexp.MustCompile(`\bvalue="([^"]*)"`).FindStringSubmatch(m)
		if v == nil {
			return "", true
		}
		return html.UnescapeString(v[1]), true
	}
	if m := regexp.MustCompile(`(?s)<textarea[^>]*\bname="` + q + `"[^>]*>(.*?)</textarea>`).FindStringSubmatch(page); m != nil {
		return html.UnescapeString(strings.TrimPrefix(m[1], "\n")), true
	}
	if m := regexp.MustCompile(`(?s)<select[^>]*\bname="` + q + `"[^>]*>(.*?)</select>`).FindStringSubmatch(page); m != nil {
		if o := regexp.MustCompile(`<option[^>]*\bselected\b[^>]*>([^<]*)<`).FindStringSubmatch(m[1]); o != nil {
			return html.UnescapeString(o[1]), true
		}
		return "", true
	}
	return "", false
}

// keeps checks that the page's form shows every value posted.
func keeps(t *testing.T, what, page string, form url.Values) {
	t.Helper()
	for name, vs := range form {
		got, ok := field(page, name)
		if !ok {
			t.Errorf("%s: the form has no field %s", what, name)
			continue
		}
		if want := strings.TrimSpace(vs[0]); got != want {
			t.Errorf("%s: field %s shows %q, want %q as typed", what, name, got, want)
		}
	}
}

func hasMessage(t *testing.T, what string, msgs []string, want ...string) {
	t.Helper()
	for _, m := range msgs {
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(m, w)
		}
		if ok {
			return
		}
	}
	t.Errorf("%s: no message says %q; messages:\n%s", what, want, strings.Join(msgs, "\n"))
}

func tablePathOf(id int64) string { return fmt.Sprintf("/tables/%d", id) }

func progressPath(id int64, seq int) string {
	return fmt.Sprintf("/tables/%d/projects/%d/progress", id, seq)
}

func evalPath(id int64, seq int) string {
	return fmt.Sprintf("/tables/%d/projects/%d/evaluation", id, seq)
}

// goodProgress is a June report of the first project on which every light
// is green: budget 250 of 500 by the end of June (warning value 100), every
// forecast meeting its target.
func goodProgress(base int) url.Values {
	baseAsOf := ""
	if base > 0 {
		baseAsOf = "2024-06-30"
	}
	return url.Values{
		"base": {fmt.Sprint(base)}, "base_as_of": {baseAsOf}, "as_of": {"2024-06-30"}, "budget": {"500.00"}, "executed": {"250.00"},
		"note":     {"上半年按序时进度推进。"},
		"actual_1": {"16场"}, "forecast_1": {"32场"}, "reason_1": {""}, "measure_1": {""},
		"actual_2": {"210"}, "forecast_2": {"420"},
		"actual_3": {"96%"}, "forecast_3": {"96%"},
		"actual_4": {""}, "forecast_4": {"2024-12-20"},
		"attainment_5": {"达成"},
		"actual_6":     {""}, "forecast_6": {"92%"},
	}
}

// TestMonitoringAccess: monitoring and self-evaluation concern approved or
// published targets, for the org's filers and those who manage it; the
// public is sent to log in, other orgs are refused, drafts are refused
// with the reason.
func TestMonitoringAccess(t *testing.T) {
	f := newMonFixture(t)
	filer := f.client(t, "filer", filerPassword)
	reviewer := f.client(t, "reviewer", reviewerPassword)
	other := f.client(t, "other", otherPassword)
	public := f.client(t, "", "")

	pages := func(id int64) []string {
		p := tablePathOf(id)
		return []string{p + "/monitor", progressPath(id, 1), p + "/evaluation", p + "/evaluation/export/json",
			p + "/evaluation/export/csv", evalPath(id, 1)}
	}
	for _, path := range pages(f.published) {
		filer.get(path).want(t, "filer "+path, http.StatusOK)
		reviewer.get(path).want(t, "reviewer "+path, http.StatusOK)
		r := other.get(path).want(t, "filer of another org "+path, http.StatusForbidden)
		if !strings.Contains(r.body, "只有本单位和主管部门的账号") {
			t.Errorf("%s: the refusal does not say who may: %s", path, messages(r.body))
		}
		r = public.get(path).want(t, "public "+path, http.StatusSeeOther)
		if loc := r.header.Get("Location"); !strings.HasPrefix(loc, "/login?next=") {
			t.Errorf("public %s: redirected to %q, want the login page", path, loc)
		}
	}
	for _, path := range pages(f.draft) {
		r := filer.get(path).want(t, "filer, draft "+path, http.StatusUnprocessableEntity)
		if m := messages(r.body); !strings.Contains(m, "草稿") || !strings.Contains(m, "批复或公开后") {
			t.Errorf("draft %s: the refusal does not say why: %s", path, m)
		}
		other.get(path).want(t, "filer of another org, draft "+path, http.StatusNotFound)
	}
	public.get("/monitor").want(t, "public /monitor", http.StatusSeeOther)

	// Filing: the org's filer only (and admins); reviewers watch.
	form := goodProgress(0)
	reviewer.post(progressPath(f.published, 1), form).want(t, "reviewer files progress", http.StatusForbidden)
	other.post(progressPath(f.published, 1), form).want(t, "filer of another org files progress", http.StatusForbidden)
	public.post(progressPath(f.published, 1), form).want(t, "public files progress", http.StatusForbidden)
	filer.post(progressPath(f.draft, 1), form).want(t, "filer files progress on a draft", http.StatusUnprocessableEntity)
	reviewer.post(evalPath(f.published, 1), url.Values{}).want(t, "reviewer files an evaluation", http.StatusForbidden)
	if entries, err := f.db.ProgressOfYear(t.Context(), 2024, ""); err != nil || len(entries) != 0 {
		t.Fatalf("refused posts stored %d reports (%v)", len(entries), err)
	}

	// A reviewer who opens a form by its address is told it is read-only
	// rather than offered a button that is refused.
	for _, path := range []string{progressPath(f.published, 1), evalPath(f.published, 1)} {
		body := reviewer.get(path).body
		if strings.Contains(body, `<button type="submit">`) || !strings.Contains(body, "只读：只有填报人和管理员能保存") {
			t.Errorf("%s: the reviewer is offered to save", path)
		}
		if body := filer.get(path).body; !strings.Contains(body, `<button type="submit">`) {
			t.Errorf("%s: the filer is not offered to save", path)
		}
	}

	// The reviewer sees no 填报 buttons; the filer does.
	if strings.Contains(reviewer.get(tablePathOf(f.published)+"/monitor").body, "/progress\"") {
		t.Error("the reviewer is offered 填报 on the monitoring page")
	}
	if !strings.Contains(filer.get(tablePathOf(f.published)+"/monitor").body, progressPath(f.published, 1)) {
		t.Error("the filer is not offered 填报 on the monitoring page")
	}

	// Another org's filer does not see this org's lights in the overview.
	filer.post(progressPath(f.published, 1), goodProgress(0)).want(t, "save", http.StatusSeeOther)
	if got := text(other.get("/monitor?year=2024").want(t, "other /monitor", http.StatusOK).body); !strings.Contains(got, "红灯 0 · 黄灯 0 · 绿灯 0") {
		t.Errorf("a filer of another org counts this org's lights: %s", got)
	}
	if got := text(filer.get("/monitor?year=2024").body); !strings.Contains(got, "红灯 0 · 黄灯 0 · 绿灯 7") {
		t.Errorf("the filer's own lights: %s", got)
	}
}

// TestProgressValidation: what cannot be monitored is refused with a
// message naming the field and the indicator, and the form comes back with
// everything typed.
func TestProgressValidation(t *testing.T) {
	f := newMonFixture(t)
	filer := f.client(t, "filer", filerPassword)
	path := progressPath(f.published, 1)

	cases := []struct {
		name   string
		change map[string]string
		want   []string // words of one message
	}{
		{"red forecast without a deviation reason", map[string]string{"forecast_1": "10场", "reason_1": "", "measure_1": "下半年加密场次"},
			[]string{"第 1 个指标", "红灯", "请填写偏差原因"}},
		{"yellow forecast without a deviation reason", map[string]string{"forecast_1": "26", "reason_1": ""},
			[]string{"第 1 个指标", "黄灯", "请填写偏差原因"}},
		{"a date that is no date", map[string]string{"as_of": "2024-06-31"},
			[]string{"截止日期须是日期", "2024-06-31"}},
		{"a date in words", map[string]string{"as_of": "6月底"},
			[]string{"截止日期须是日期", "例如 2024-06-30"}},
		{"a date outside the fiscal year", map[string]string{"as_of": "2025-01-15"},
			[]string{"截止日期须在预算年度 2024 年内"}},
		{"场 against a 万元 target", map[string]string{"forecast_2": "450场"},
			[]string{"第 2 个指标", "发放创业担保贷款贴息", "450场", "单位“场”", "“万元”", "不能换算"}},
		{"a 万元 amount against a 场 target", map[string]string{"forecast_1": "30万元"},
			[]string{"第 1 个指标", "举办招聘会", "不能换算"}},
		{"an amount to date against a count", map[string]string{"actual_1": "5万元"},
			[]string{"第 1 个指标", "举办招聘会", "截至当期实际完成值“5万元”", "不能换算"}},
		{"a deadline forecast that is no date", map[string]string{"forecast_4": "尽快完成"},
			[]string{"第 4 个指标", "贴息资金发放时间", "无法识别"}},
		{"a forecast that is no number", map[string]string{"forecast_3": "较好"},
			[]string{"第 3 个指标", "职业培训合格率", "不是数字"}},
		{"money that is no amount", map[string]string{"executed": "二百五十万"},
			[]string{"截至当期执行数须是不小于 0 的金额，单位为万元", "二百五十万"}},
		{"money in another currency", map[string]string{"budget": "500万美元"},
			[]string{"全年预算数", "500万美元"}},
		{"an attainment that is none", map[string]string{"attainment_5": "大致达成"},
			[]string{"第 5 个指标", "达成程度只能是"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			form := goodProgress(0)
			for k, v := range c.change {
				form.Set(k, v)
			}
			r := filer.post(path, form).want(t, c.name, http.StatusUnprocessableEntity)
			hasMessage(t, c.name, formErrors(r.body), c.want...)
			if _, ok := c.change["attainment_5"]; ok {
				form.Del("attainment_5") // a select shows only its own options
			}
			keeps(t, c.name, r.body, form)
		})
	}
	if entries, err := f.db.ProgressOfYear(t.Context(), 2024, ""); err != nil || len(entries) != 0 {
		t.Fatalf("refused forms stored %d reports (%v)", len(entries), err)
	}

	// Money may carry its unit: 0.025亿元 executed in a 万元 table is 250.
	form := goodProgress(0)
	form.Set("executed", "0.025亿元")
	form.Set("budget", "5000000元")
	filer.post(path, form).want(t, "money with its unit", http.StatusSeeOther)
	if got, err := f.db.LatestProgress(t.Context(), sqldb.ProjectKey{Org: monOrg, FiscalYear: 2024, Project: "就业创业服务经费"}); err != nil ||
		got.Executed.Format(jixiao.WanYuan) != "250.00" || got.Budget.Format(jixiao.WanYuan) != "500.00" {
		t.Errorf("money with its unit stored as %v of %v (%v)", got.Executed, got.Budget, err)
	}

	// 亿元 against a 万元 target converts: 0.045亿元 = 450万元 ≥ 400万元.
	form = goodProgress(1)
	form.Set("forecast_2", "0.045亿元")
	filer.post(path, form).want(t, "亿元 against 万元", http.StatusSeeOther)
	page := filer.get(path).want(t, "the form again", http.StatusOK).body
	if got, _ := field(page, "forecast_2"); got != "0.045亿元" {
		t.Errorf("stored forecast %q, want as typed", got)
	}
	if !regexp.MustCompile(`l-green" title="[^"]*换算|预计值≥目标值：450 ≥ 400`).MatchString(page) {
		t.Errorf("the converted forecast is not green against 400万元: %s", lightOf(page, 2))
	}
}

// lightOf returns the text of indicator seq's light cell in the progress form.
func lightOf(page string, seq int) string {
	rows := regexp.MustCompile(`(?s)<tr>\s*<td>(\d+)\. .*?</tr>`).FindAllStringSubmatch(page, -1)
	for _, r := range rows {
		if r[1] == fmt.Sprint(seq) {
			return r[0]
		}
	}
	return ""
}

// TestProgressPercentOver100: a percentage cannot exceed 100 % unless the
// target itself asks for more. The score package alone judges 120 %
// against ≥95 % met, with no more than a note that the target may have
// been set too low; the forms refuse it.
func TestProgressPercentOver100(t *testing.T) {
	f := newMonFixture(t)
	filer := f.client(t, "filer", filerPassword)

	rate := monTable(2024, jixiao.StatusPublished).Projects()[0].Indicators[2]
	if l := score.IndicatorLight(score.IndicatorInput{Indicator: rate, Actual: "120%"}, 2024, score.DefaultSettings()); l.Color != score.Green {
		t.Errorf("score: 120%% against %s is %s (%s), no longer what this test pins", rate.Annual.Text, l.Color, l.Reason)
	}

	form := goodProgress(0)
	form.Set("forecast_3", "120%")
	r := filer.post(progressPath(f.published, 1), form).want(t, "120% against ≥95%", http.StatusUnprocessableEntity)
	hasMessage(t, "120% against ≥95%", formErrors(r.body), "第 3 个指标", "职业培训合格率", "120%", "0–100%")
	keeps(t, "120% against ≥95%", r.body, form)

	form.Set("forecast_3", "96%")
	form.Set("actual_3", "101%")
	r = filer.post(progressPath(f.published, 1), form).want(t, "101% to date", http.StatusUnprocessableEntity)
	hasMessage(t, "101% to date", formErrors(r.body), "第 3 个指标", "截至当期实际完成值", "101%")

	form.Set("actual_3", "-3%")
	r = filer.post(progressPath(f.published, 1), form).want(t, "a negative percentage", http.StatusUnprocessableEntity)
	hasMessage(t, "a negative percentage", formErrors(r.body), "第 3 个指标", "-3%", "0–100%")

	// A bare number takes the target's unit, %.
	form.Set("actual_3", "96")
	form.Set("forecast_6", "150")
	r = filer.post(progressPath(f.published, 1), form).want(t, "150 against ≥90%", http.StatusUnprocessableEntity)
	hasMessage(t, "150 against ≥90%", formErrors(r.body), "第 6 个指标", "服务对象满意度", "150")

	// ≥110% allows more than 100.
	p2 := url.Values{"base": {"0"}, "as_of": {"2024-06-30"}, "budget": {"200"}, "executed": {"100"},
		"forecast_1": {"2100人次"}, "forecast_2": {"125%"}, "forecast_3": {"2次"}, "forecast_4": {"95%"}}
	filer.post(progressPath(f.published, 2), p2).want(t, "125% against ≥110%", http.StatusSeeOther)

	// The same at the year's end.
	ev := evalForm(0)
	ev.Set("actual_6", "100.5%")
	r = filer.post(evalPath(f.published, 1), ev).want(t, "100.5% at evaluation", http.StatusUnprocessableEntity)
	hasMessage(t, "100.5% at evaluation", formErrors(r.body), "第 6 个指标", "服务对象满意度", "实际完成值“100.5%”超过 100%")
	keeps(t, "100.5% at evaluation", r.body, ev)
	ev.Set("actual_6", "100%")
	filer.post(evalPath(f.published, 1), ev).want(t, "100% at evaluation", http.StatusSeeOther)
}

// TestMissingTargetDoesNotBlock: a published table may keep an indicator
// without an annual target (a defect the review reports). Monitoring and
// self-evaluation cannot judge it, and say so, but must still take the
// project's other figures.
func TestMissingTargetDoesNotBlock(t *testing.T) {
	a := startApp(t)
	a.accounts(t, monOrg)
	tbl := monTable(2024, jixiao.StatusPublished)
	in := tbl.Projects()[1].Indicators[3]
	in.Annual, in.Period = jixiao.Target{}, jixiao.Target{}
	res, err := a.db.SaveVersion(t.Context(), tbl, sqldb.SaveOptions{Actor: "filer"})
	if err != nil {
		t.Fatal(err)
	}
	filer := a.client(t, "filer", filerPassword)
	p2 := url.Values{"base": {"0"}, "as_of": {"2024-06-30"}, "budget": {"200"}, "executed": {"100"},
		"forecast_1": {"2100人次"}, "forecast_2": {"125%"}, "forecast_3": {"2次"}, "forecast_4": {"95%"}}
	filer.post(progressPath(res.TableID, 2), p2).want(t, "a report with an indicator without target", http.StatusSeeOther)
	mon := text(filer.get(tablePathOf(res.TableID) + "/monitor").body)
	if !strings.Contains(mon, "无 4. 参训人员满意度 年度指标值为空，无法评分") {
		t.Errorf("the monitoring page does not say why indicator 4 has no light: %s", mon)
	}
	ev := url.Values{"base": {"0"}, "budget": {"200"}, "executed": {"190"}, "actual_1": {"2100"}, "actual_2": {"115%"}, "actual_3": {"1"}, "actual_4": {"95%"}}
	filer.post(evalPath(res.TableID, 2), ev).want(t, "an evaluation with an indicator without target", http.StatusSeeOther)
	sheet := text(filer.get(tablePathOf(res.TableID) + "/evaluation").body)
	if !strings.Contains(sheet, "年度指标值为空，无法评分") {
		t.Error("the 自评表 does not say why indicator 4 scores 0")
	}
}

// TestRecordsFollowIndicatorsAcrossAdjustment: monitoring and evaluation
// records are kept across an adjustment of the targets (调整); when the
// adjustment inserts an indicator, each record stays with the indicator
// it was made for, not with the one now at its number.
func TestRecordsFollowIndicatorsAcrossAdjustment(t *testing.T) {
	f := newMonFixture(t)
	filer := f.client(t, "filer", filerPassword)
	red := goodProgress(0)
	red.Set("forecast_1", "10场")
	red.Set("reason_1", "场地改造")
	filer.post(progressPath(f.published, 1), red).want(t, "report", http.StatusSeeOther)
	filer.post(evalPath(f.published, 1), evalForm(0)).want(t, "evaluation", http.StatusSeeOther)

	// The adjusted targets: a new first indicator, the others one down.
	adj := monTable(2024, jixiao.StatusPublished)
	p := adj.Projects()[0]
	e, _ := jixiao.LookupLevel2("11")
	p.Indicators = append([]*jixiao.Indicator{{Level1: e.Level1, Level2: e.Level2, Name: "举办线上招聘会", Unit: "场",
		Period: jixiao.Target{Raw: "≥10场"}, Annual: jixiao.Target{Raw: "≥10场"}}}, p.Indicators...)
	for i, in := range p.Indicators {
		in.Seq = i + 1
	}
	table.ParseTargets(adj)
	res, err := f.db.SaveVersion(t.Context(), adj, sqldb.SaveOptions{Actor: "filer"})
	if err != nil {
		t.Fatal(err)
	}
	id := res.TableID

	mon := text(filer.get(tablePathOf(id)+"/monitor").want(t, "monitor of the adjusted table", http.StatusOK).body)
	for _, want := range []string{"无 1. 举办线上招聘会 未填报", "红灯 2. 举办招聘会 预计完成年度指标值的 33.33%", "绿灯 3. 发放创业担保贷款贴息"} {
		if !strings.Contains(mon, want) {
			t.Errorf("the adjusted table's monitoring page lacks %q", want)
		}
	}
	form := filer.get(progressPath(id, 1)).want(t, "progress form of the adjusted table", http.StatusOK).body
	for name, want := range map[string]string{"forecast_1": "", "forecast_2": "10场", "reason_2": "场地改造", "forecast_3": "420", "attainment_6": "达成"} {
		if got, _ := field(form, name); got != want {
			t.Errorf("the adjusted table's progress form: %s = %q, want %q", name, got, want)
		}
	}
	sheet := text(filer.get(tablePathOf(id)+"/evaluation").want(t, "自评表 of the adjusted table", http.StatusOK).body)
	for _, want := range []string{"1 举办线上招聘会 ≥10场 10 0.00 未填实际值", "2 举办招聘会 ≥30场 28场 10 9.33 实际值/目标值×权重 = 28/30×10 = 9.33",
		"6 促进劳动者就业创业 有效促进 部分达成 75% 30 22.50"} {
		if !strings.Contains(sheet, want) {
			t.Errorf("the adjusted table's 自评表 lacks %q", want)
		}
	}
	ev := filer.get(evalPath(id, 1)).want(t, "evaluation form of the adjusted table", http.StatusOK).body
	for name, want := range map[string]string{"actual_1": "", "actual_2": "28场", "analysis_2": "两场因场地改造取消，明年提前安排场地。", "share_6": "75"} {
		if got, _ := field(ev, name); got != want {
			t.Errorf("the adjusted table's evaluation form: %s = %q, want %q", name, got, want)
		}
	}
}

// TestProgressVersionsAndAudit: every save of a report is a new version of
// that date, audited; a form opened before another save is refused with
// what was typed kept.
func TestProgressVersionsAndAudit(t *testing.T) {
	f := newMonFixture(t)
	filer := f.client(t, "filer", filerPassword)
	path := progressPath(f.published, 1)

	page := filer.get(path).want(t, "empty form", http.StatusOK).body
	if b, _ := field(page, "base"); b != "0" {
		t.Fatalf("the first form's base is %q", b)
	}
	if got, _ := field(page, "budget"); got != "500.00" {
		t.Errorf("the first form's budget is %q, want the project's 500.00", got)
	}
	// The date proposed lies in the fiscal year, so that the form saves as
	// proposed; before anything is typed the budget has no light.
	cst := time.Now().In(time.FixedZone("CST", 8*3600))
	wantAsOf := cst.Format("2006-01-02")
	if cst.Year() > 2024 {
		wantAsOf = "2024-12-31"
	}
	if got, _ := field(page, "as_of"); got != wantAsOf {
		t.Errorf("the first form proposes the date %q, want %q", got, wantAsOf)
	}
	if !strings.Contains(page, `<span class="light l-none"`) || !strings.Contains(page, "未填截至当期执行数") || strings.Contains(page, "l-red") {
		t.Errorf("the first form shows a budget light before anything is typed: %s", regexp.MustCompile(`(?s)<legend>.*?</legend>`).FindString(page))
	}

	r := filer.post(path, goodProgress(0)).want(t, "first save", http.StatusSeeOther)
	if loc := r.header.Get("Location"); loc != tablePathOf(f.published)+"/monitor" {
		t.Errorf("after saving: redirected to %q", loc)
	}
	mon := filer.get(tablePathOf(f.published)+"/monitor").want(t, "monitor", http.StatusOK).body
	for _, w := range []string{"已保存", "2024-06-30（第 1 版）"} {
		if !strings.Contains(text(mon), w) {
			t.Errorf("monitoring page after the first save lacks %q", w)
		}
	}

	page = filer.get(path).want(t, "form after v1", http.StatusOK).body
	if b, _ := field(page, "base"); b != "1" {
		t.Fatalf("the form after v1 has base %q", b)
	}
	keeps(t, "the form after v1", page, goodProgress(1))

	second := goodProgress(1)
	second.Set("executed", "260.00")
	second.Set("note", "第二版：执行数更正。")
	filer.post(path, second).want(t, "second save", http.StatusSeeOther)
	if !strings.Contains(filer.get(tablePathOf(f.published)+"/monitor").body, "2024-06-30（第 2 版）") {
		t.Error("the monitoring page does not show version 2")
	}

	// A second tab still at version 1.
	stale := goodProgress(1)
	stale.Set("forecast_1", "33场")
	stale.Set("note", "另一个窗口里填写的说明")
	r = filer.post(path, stale).want(t, "stale save", http.StatusConflict)
	hasMessage(t, "stale save", formErrors(r.body), "保存冲突", "第 2 版")
	keeps(t, "stale save", r.body, stale)

	got, err := f.db.LatestProgress(t.Context(), sqldb.ProjectKey{Org: monOrg, FiscalYear: 2024, Project: "就业创业服务经费"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != 2 || got.Note != "第二版：执行数更正。" || got.RecordedBy != "filer" || len(got.Indicators) != 6 {
		t.Errorf("stored report: version %d, note %q, by %q, %d indicators", got.Version, got.Note, got.RecordedBy, len(got.Indicators))
	}

	// A report of a new date starts at version 1, whatever the form's base.
	sept := goodProgress(2)
	sept.Set("as_of", "2024-09-30")
	sept.Set("executed", "380.00")
	filer.post(path, sept).want(t, "report of a new date", http.StatusSeeOther)
	if !strings.Contains(filer.get(tablePathOf(f.published)+"/monitor").body, "2024-09-30（第 1 版）") {
		t.Error("the monitoring page does not show the September report")
	}

	// A form of the June report opened before the September one was filed
	// still saves the next version of June: each date has its own versions.
	june := goodProgress(2)
	june.Set("note", "六月报告的更正")
	filer.post(path, june).want(t, "June's version 3 after September's report", http.StatusSeeOther)
	june.Set("note", "另一个旧窗口")
	r = filer.post(path, june).want(t, "June's stale version 2", http.StatusConflict)
	hasMessage(t, "June's stale version 2", formErrors(r.body), "保存冲突", "2024-06-30", "第 3 版")

	recs, err := f.db.AuditLog(t.Context(), sqldb.AuditFilter{Object: "progress:" + monOrg + "/2024/就业创业服务经费"})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 {
		t.Fatalf("audit: %d records of the reports, want 4 (the refused saves are none)", len(recs))
	}
	recs = recs[1:] // June's version 3
	wantVersions := []string{`"as_of":"2024-09-30"`, `"as_of":"2024-06-30"`, `"as_of":"2024-06-30"`}
	for i, rec := range recs {
		if rec.Action != "progress.save" || rec.Actor != "filer" || !strings.Contains(rec.After, wantVersions[i]) {
			t.Errorf("audit record %d: %s by %s: %s", i, rec.Action, rec.Actor, rec.After)
		}
	}
	if !strings.Contains(recs[1].After, `"version":2`) || !strings.Contains(recs[1].After, "第二版") {
		t.Errorf("audit of version 2: %s", recs[1].After)
	}
	if _, b, err := f.db.VerifyAudit(t.Context(), nil); err != nil || b != nil {
		t.Errorf("audit chain: %v %v", b, err)
	}
}

// redRows returns the rows of /monitor: light, project, what, and the
// deviation reason and measure.
func redRows(page string) [][4]string {
	var out [][4]string
	body := regexp.MustCompile(`(?s)<tbody>(.*?)</tbody>`).FindStringSubmatch(page)
	if body == nil {
		return nil
	}
	for _, tr := range regexp.MustCompile(`(?s)<tr>(.*?)</tr>`).FindAllStringSubmatch(body[1], -1) {
		tds := regexp.MustCompile(`(?s)<td>(.*?)</td>`).FindAllStringSubmatch(tr[1], -1)
		if len(tds) < 6 {
			continue
		}
		out = append(out, [4]string{text(tds[0][1]), text(tds[2][1]), text(tds[3][1]), text(tds[5][1])})
	}
	return out
}

// TestMonitorRedFilter: /monitor?color=red lists exactly the red lights;
// a new report that meets the target takes the item off the list.
func TestMonitorRedFilter(t *testing.T) {
	f := newMonFixture(t)
	filer := f.client(t, "filer", filerPassword)
	reviewer := f.client(t, "reviewer", reviewerPassword)

	// Project 1: indicator 1 red (10 of 30 场), the rest green. Project 2:
	// budget yellow (executed 70 of 200 by June: 70), indicator 3 yellow
	// (6 complaints against ≤5: 80 %).
	red := goodProgress(0)
	red.Set("forecast_1", "10场")
	red.Set("reason_1", "场地改造，上半年招聘会暂停")
	red.Set("measure_1", "下半年每月加办两场")
	filer.post(progressPath(f.published, 1), red).want(t, "red report", http.StatusSeeOther)
	p2 := url.Values{"base": {"0"}, "as_of": {"2024-06-30"}, "budget": {"200"}, "executed": {"70"},
		"forecast_1": {"2100"}, "forecast_2": {"112%"}, "forecast_3": {"6"}, "reason_3": {"个别培训机构服务不到位"}, "forecast_4": {"92%"}}
	filer.post(progressPath(f.published, 2), p2).want(t, "yellow report", http.StatusSeeOther)

	for _, c := range []*client{filer, reviewer} {
		page := c.get("/monitor?year=2024&color=red").want(t, "red filter", http.StatusOK).body
		rows := redRows(page)
		if len(rows) != 1 || rows[0] != [4]string{"红灯", "就业创业服务经费", "指标 1. 举办招聘会", "场地改造，上半年招聘会暂停 措施：下半年每月加办两场"} {
			t.Fatalf("red filter lists %q, want only indicator 1 of 就业创业服务经费 with its reason", rows)
		}
		if got := text(regexp.MustCompile(`(?s)<p>全部灯：.*?</p>`).FindString(page)); got != "全部灯： 红灯 1 · 黄灯 2 · 绿灯 9" &&
			got != "全部灯：红灯 1 · 黄灯 2 · 绿灯 9" {
			t.Errorf("light counts: %q", got)
		}
	}
	// Without a year, /monitor shows the newest year with monitored
	// tables (2024: the 2025 table is a draft), not an empty calendar year.
	if rows := redRows(filer.get("/monitor?color=red").want(t, "red filter, no year", http.StatusOK).body); len(rows) != 1 {
		t.Errorf("/monitor?color=red without a year lists %q", rows)
	}
	// An adjustment being drafted does not hide the lights of the
	// published targets, which still hold.
	adj := monTable(2024, jixiao.StatusDraft)
	adj.Projects()[0].Goal += "（调整）"
	if _, err := f.db.SaveVersion(t.Context(), adj, sqldb.SaveOptions{Actor: "filer"}); err != nil {
		t.Fatal(err)
	}
	page := filer.get("/monitor?year=2024&color=red").body
	if rows := redRows(page); len(rows) != 1 || !strings.Contains(page, fmt.Sprintf(`href="/tables/%d/monitor#p1"`, f.published)) {
		t.Errorf("with an adjustment drafted, the red filter lists %q (want the published version's item)", rows)
	}
	yellow := redRows(filer.get("/monitor?year=2024&color=yellow").want(t, "yellow filter", http.StatusOK).body)
	// Each item shows its own reason: the budget the report's note (none),
	// indicator 3 its deviation reason.
	if len(yellow) != 2 || yellow[0][2] != "预算执行" || yellow[0][3] != "" ||
		yellow[1][2] != "指标 3. 培训投诉次数" || yellow[1][3] != "个别培训机构服务不到位" {
		t.Errorf("yellow filter lists %q", yellow)
	}
	both := redRows(filer.get("/monitor?year=2024").want(t, "red and yellow", http.StatusOK).body)
	if len(both) != 3 {
		t.Errorf("red and yellow: %q", both)
	}
	mon := filer.get(tablePathOf(f.published)+"/monitor").want(t, "table monitor", http.StatusOK).body
	if !regexp.MustCompile(`<tr id="p1" class="w-red">`).MatchString(mon) ||
		!regexp.MustCompile(`<span class="light l-red"[^>]*>红灯</span> 1\. 举办招聘会`).MatchString(mon) {
		t.Errorf("the table's monitoring page does not show indicator 1 red")
	}

	// A new version of the report: the forecast meets the target.
	green := goodProgress(1)
	filer.post(progressPath(f.published, 1), green).want(t, "green report", http.StatusSeeOther)
	page = filer.get("/monitor?year=2024&color=red").want(t, "red filter after", http.StatusOK).body
	if rows := redRows(page); len(rows) != 0 {
		t.Fatalf("after a good forecast the red filter still lists %q", rows)
	}
	if !strings.Contains(text(page), "没有红灯") {
		t.Error("an empty red list does not say so")
	}
	mon = filer.get(tablePathOf(f.published) + "/monitor").body
	if !strings.Contains(mon, `<tr id="p1" class="w-green">`) ||
		!regexp.MustCompile(`<span class="light l-green"[^>]*>绿灯</span> 1\. 举办招聘会`).MatchString(mon) {
		t.Error("the table's monitoring page does not show indicator 1 green after the new report")
	}
}

// evalForm is the fixed self-evaluation of the first project that the
// golden file pins: a count short of its target, money in 亿元 against
// 万元, a met percentage, a met deadline, 部分达成 with a share, a
// satisfaction short of its target, 460 of 500 万元 executed.
func evalForm(base int) url.Values {
	return url.Values{
		"base": {fmt.Sprint(base)}, "budget": {"500.00"}, "executed": {"460.00"},
		"actual_1": {"28场"}, "analysis_1": {"两场因场地改造取消，明年提前安排场地。"},
		"actual_2": {"0.045亿元"},
		"actual_3": {"96%"},
		"actual_4": {"2024-12-20"},
		"actual_5": {""}, "attainment_5": {"部分达成"}, "share_5": {"75"}, "analysis_5": {"新增就业岗位略少于预期。"},
		"actual_6": {"88%"},
		"summary":  {"项目总体按计划实施。"}, "problems": {"招聘会场次未达目标。"}, "improvements": {"提前落实场地。"},
	}
}

// TestEvaluation: the form carries the last forecast over; saving shows the
// 自评表 with every score, its formula, the budget line, total and grade;
// a share outside its band is refused; the exports.
func TestEvaluation(t *testing.T) {
	f := newMonFixture(t)
	filer := f.client(t, "filer", filerPassword)
	id := f.published

	// No evaluation yet, but a monitoring report: its forecasts come over.
	prog := goodProgress(0)
	prog.Set("forecast_1", "29场")
	prog.Set("reason_1", "场地紧张")
	filer.post(progressPath(id, 1), prog).want(t, "report", http.StatusSeeOther)
	page := filer.get(evalPath(id, 1)).want(t, "evaluation form", http.StatusOK).body
	if !strings.Contains(page, "已按最近一次运行监控的全年预计值预先填入") {
		t.Error("the form does not say the actuals were carried over")
	}
	for k, want := range map[string]string{"actual_1": "29场", "actual_2": "420", "actual_3": "96%", "actual_4": "2024-12-20",
		"attainment_5": "达成", "actual_6": "92%", "executed": "250.00", "budget": "500.00", "base": "0"} {
		if got, _ := field(page, k); got != want {
			t.Errorf("carried over: %s = %q, want %q", k, got, want)
		}
	}

	// 部分达成 with a share outside 60–80 %.
	bad := evalForm(0)
	bad.Set("share_5", "90")
	r := filer.post(evalPath(id, 1), bad).want(t, "share outside the band", http.StatusUnprocessableEntity)
	hasMessage(t, "share outside the band", formErrors(r.body), "第 5 个指标“促进劳动者就业创业”：部分达成的得分比例应在 60%–80% 之间，实际为 90%")
	if msgs := strings.Join(formErrors(r.body), "\n"); strings.Contains(msgs, "实际完成值“”") {
		t.Errorf("the message about a share speaks of an empty 实际完成值: %s", msgs)
	}
	keeps(t, "share outside the band", r.body, bad)
	bad.Set("share_5", "七成")
	r = filer.post(evalPath(id, 1), bad).want(t, "share not a number", http.StatusUnprocessableEntity)
	hasMessage(t, "share not a number", formErrors(r.body), "第 5 个指标", "得分比例")
	keeps(t, "share not a number", r.body, bad)

	r = filer.post(evalPath(id, 1), evalForm(0)).want(t, "save the evaluation", http.StatusSeeOther)
	if loc := r.header.Get("Location"); loc != tablePathOf(id)+"/evaluation#p1" {
		t.Errorf("after saving: redirected to %q", loc)
	}
	sheet := text(filer.get(tablePathOf(id)+"/evaluation").want(t, "自评表", http.StatusOK).body)
	for _, want := range []string{
		"实际值/目标值×权重 = 28/30×12.5 = 11.67",
		"实际值≥目标值，记满分：450 ≥ 400，得 12.50", "实际值 0.045亿元 换算为 450万元",
		"完成日期≤时限，记满分：2024-12-20 ≤ 2024-12-31，得 12.50",
		"得分比例（部分达成 60%–80%）×权重 = 75%×30 = 22.50",
		"实际值/目标值×权重 = 88/90×10 = 9.78",
		"预算执行率 92.00% 10 9.20 执行数/预算数×权重 = 460.00/500.00×10 = 9.20",
		"合计 100 90.65 各指标得分+预算执行率得分 = 11.67+12.50+12.50+12.50+22.50+9.78+9.20 = 90.65",
		"90.65 ≥ 90 → 优",
		"两场因场地改造取消",
		"总分 90.65 优",
		"2 发放创业担保贷款贴息 ≥400万元 0.045亿元 12.5 12.50 实际值≥目标值",
		"5 促进劳动者就业创业 有效促进 部分达成 75% 30 22.50 得分比例",
		"2. 职业技能提升行动经费 未填报 填报自评",
	} {
		if !strings.Contains(sheet, want) {
			t.Errorf("the 自评表 lacks %q", want)
		}
	}
	if !strings.Contains(sheet, "尚未填报，各项按未填实际值计 0 分") || strings.Contains(sheet, "总分 0.00 差") {
		t.Error("the unfilled project does not say it is unfilled, or is graded 差 in its heading")
	}

	// The form again shows what was saved, no longer carried over.
	page = filer.get(evalPath(id, 1)).body
	keeps(t, "the saved evaluation", page, evalForm(1))
	if strings.Contains(page, "已按最近一次运行监控") {
		t.Error("a saved evaluation is said to be carried over")
	}
	// Saving again from a stale form is refused, keeping what was typed.
	filer.post(evalPath(id, 1), evalForm(1)).want(t, "second version", http.StatusSeeOther)
	stale := evalForm(1)
	stale.Set("actual_1", "27场")
	r = filer.post(evalPath(id, 1), stale).want(t, "stale evaluation", http.StatusConflict)
	hasMessage(t, "stale evaluation", formErrors(r.body), "保存冲突")
	keeps(t, "stale evaluation", r.body, stale)
	recs, err := f.db.AuditLog(t.Context(), sqldb.AuditFilter{Object: "evaluation:" + monOrg + "/2024/就业创业服务经费"})
	if err != nil || len(recs) != 2 || recs[0].Action != "evaluation.save" || !strings.Contains(recs[0].After, `"version":2`) {
		t.Errorf("audit of the evaluations: %d records (%v)", len(recs), err)
	}

	// CSV: UTF-8 with BOM, one row per indicator and one budget line per project.
	csvRes := filer.get(tablePathOf(id)+"/evaluation/export/csv").want(t, "CSV", http.StatusOK)
	if ct := csvRes.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("CSV content type %q", ct)
	}
	if cd := csvRes.header.Get("Content-Disposition"); !strings.Contains(cd, url.PathEscape(monOrg+"-2024-自评表.csv")) {
		t.Errorf("CSV file name: %q", cd)
	}
	lines := strings.Split(strings.TrimRight(csvRes.body, "\n"), "\n")
	if !strings.HasPrefix(lines[0], "\uFEFF项目名称,序号,三级指标,年度指标值,实际完成值,分值,得分,计算过程,项目总分,等级") {
		t.Errorf("CSV header: %q", lines[0])
	}
	if len(lines) != 1+6+1+4+1 {
		t.Errorf("CSV has %d lines, want a header, 6+1 and 4+1 rows", len(lines))
	}
	for _, want := range []string{
		"就业创业服务经费,1,举办招聘会,≥30场,28场,12.5,11.67,实际值/目标值×权重 = 28/30×12.5 = 11.67,,",
		"就业创业服务经费,3,职业培训合格率,≥95%,96%,12.5,12.50,实际值≥目标值，记满分：96 ≥ 95，得 12.50,,",
		"就业创业服务经费,5,促进劳动者就业创业,有效促进,部分达成 75%,30,22.50,得分比例（部分达成 60%–80%）×权重 = 75%×30 = 22.50,,",
		"就业创业服务经费,,预算执行率,,92.00%,10,9.20,执行数/预算数×权重 = 460.00/500.00×10 = 9.20,90.65,优",
		"职业技能提升行动经费,,预算执行率,,,10,0.00,未填预算数和执行数，记0分，得 0.00,0.00,差",
	} {
		if !strings.Contains(csvRes.body, want+"\n") && !strings.Contains(csvRes.body, want+"\r\n") {
			t.Errorf("CSV lacks the row %q", want)
		}
	}

	// JSON: jixiao.evaluation/v1, pinned by a golden file.
	js := filer.get(tablePathOf(id)+"/evaluation/export/json").want(t, "JSON", http.StatusOK)
	if ct := js.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("JSON content type %q", ct)
	}
	var doc struct {
		Schema string `json:"schema"`
	}
	if err := json.Unmarshal([]byte(js.body), &doc); err != nil || doc.Schema != "jixiao.evaluation/v1" {
		t.Fatalf("JSON export: schema %q, %v", doc.Schema, err)
	}
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, []byte(js.body), "", "  "); err != nil {
		t.Fatal(err)
	}
	golden(t, "evaluation.golden.json", pretty.Bytes())
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run with -update if the change is intended)\n--- got\n%s", name, got)
	}
}
