package web_test

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserMonitoring is the monitoring story: a filer opens a
// published table's 运行监控, reports a forecast well below one target,
// is asked for the deviation reason without losing what was typed, sees
// the indicator red on the table's monitoring page and in the red filter
// across tables; then corrects the forecast and sees it turn green and
// leave the filter.
func TestBrowserMonitoring(t *testing.T) {
	findChromium(t) // skip before any work
	f := newMonFixture(t)
	b := newBrowser(t, f.srv.URL)
	filer := b.tab("filer")
	filer.login("filer", filerPassword)

	monitorPath := tablePathOf(f.published) + "/monitor"
	filer.open(tablePathOf(f.published))
	filer.nav("open 运行监控", http.StatusOK, chromedp.Click(chromedp.CSS(fmt.Sprintf(`main a[href=%q]`, monitorPath))))
	filer.shot("monitor-unreported")
	if got := filer.text(`#p1 td.muted`); got != "未填报" {
		t.Fatalf("before any report the first project reads %q", got)
	}

	// The first report: 10 of 30 招聘会 expected, the rest on track.
	filer.nav("open the progress form", http.StatusOK, chromedp.Click(chromedp.CSS(`#p1 a.button`)))
	filer.step("progress form", chromedp.WaitVisible(chromedp.ID("progress-form")))
	filer.shot("progress-empty")
	typed := map[string]string{
		"executed": "250", "actual_1": "4场", "forecast_1": "10场", "measure_1": "下半年每月加办两场",
		"actual_2": "210", "forecast_2": "420", "forecast_3": "96%", "forecast_4": "2024-12-20", "forecast_6": "92%",
	}
	var typing []chromedp.Action[chromedp.Void]
	for _, name := range slices.Sorted(maps.Keys(typed)) {
		typing = append(typing, fill(formField(name), typed[name]))
	}
	typing = append(typing,
		chromedp.SetValue(chromedp.CSS(`input[name=as_of]`), "2024-06-30"),
		chromedp.SetValue(chromedp.CSS(`select[name=attainment_5]`), "达成"))
	filer.step("type the report", typing...)

	// Saved without the deviation reason: refused, everything kept.
	save := chromedp.Click(chromedp.CSS(`#progress-form button[type=submit]`))
	filer.nav("save without a reason", http.StatusUnprocessableEntity, save)
	filer.shot("progress-needs-reason")
	contains(t, "the refusal", filer.text(`ul.form-errors`), "第 1 个指标预计不能达到目标（红灯），请填写偏差原因")
	for name, want := range typed {
		if got := js[string](filer, fmt.Sprintf(`document.querySelector(%q).value`, formField(name))); got != want {
			t.Errorf("after the refusal %s shows %q, want %q as typed", name, got, want)
		}
	}
	if got := js[string](filer, `document.querySelector("input[name=as_of]").value`); got != "2024-06-30" {
		t.Errorf("after the refusal the date is %q", got)
	}
	if got := js[string](filer, `document.querySelector("select[name=attainment_5]").value`); got != "达成" {
		t.Errorf("after the refusal the attainment is %q", got)
	}
	if !strings.Contains(js[string](filer, `document.querySelector("#progress-form tbody tr:first-child .light").className`), "l-red") {
		t.Error("the refused form does not show indicator 1 red")
	}
	if n := filer.count(`textarea[name=reason_1].field-error`); n != 1 || filer.count(`.field-error`) != 1 {
		t.Error("the refused form does not mark the deviation reason, and only it")
	}

	filer.step("give the reason", fill(formField("reason_1"), "场地改造，上半年招聘会暂停"))
	filer.nav("save", http.StatusOK, save)
	filer.shot("monitor-red")
	contains(t, "flash after save", filer.text(`p.flash`), "已保存")
	if got := filer.location(); got != monitorPath {
		t.Fatalf("after saving the filer is on %s, want the monitoring page", got)
	}
	if cls := js[string](filer, `document.getElementById("p1").className`); cls != "w-red" {
		t.Errorf("the project's row is %q, want w-red", cls)
	}
	if got := lightOfRow(filer, 1); got != "l-red" {
		t.Errorf("indicator 1 is %q on the monitoring page, want l-red", got)
	}
	contains(t, "the reason on the monitoring page", filer.text(`#p1`), "场地改造，上半年招聘会暂停")

	// Across tables: the red filter lists exactly this indicator.
	filer.open("/monitor?year=2024&color=red")
	filer.shot("red-filter")
	items := js[[]string](filer, `Array.from(document.querySelectorAll("table.list tbody tr")).map(tr => tr.cells[2].textContent + " / " + tr.cells[3].textContent)`)
	if !slices.Equal(items, []string{"就业创业服务经费 / 指标 1. 举办招聘会"}) {
		t.Fatalf("the red filter lists %q", items)
	}

	// The filer follows the item back, corrects the forecast and saves a
	// new version of the same report.
	filer.nav("follow the item", http.StatusOK, chromedp.Click(chromedp.CSS(`table.list tbody tr td:nth-child(3) a`)))
	filer.nav("open the report again", http.StatusOK, chromedp.Click(chromedp.CSS(`#p1 a.button`)))
	if got := js[string](filer, `document.querySelector("input[name=forecast_1]").value`); got != "10场" {
		t.Fatalf("the form shows the forecast %q, want the report's 10场", got)
	}
	filer.step("correct the forecast",
		fill(formField("forecast_1"), "32场"),
		clearField(formField("reason_1")),
		clearField(formField("measure_1")))
	filer.shot("progress-corrected")
	filer.nav("save the correction", http.StatusOK, save)
	filer.shot("monitor-green")
	contains(t, "version", filer.text(`#p1`), "2024-06-30（第 2 版）")
	if cls := js[string](filer, `document.getElementById("p1").className`); cls != "w-green" {
		t.Errorf("after the correction the project's row is %q, want w-green", cls)
	}
	if got := lightOfRow(filer, 1); got != "l-green" {
		t.Errorf("after the correction indicator 1 is %q, want l-green", got)
	}

	filer.open("/monitor?year=2024&color=red")
	filer.shot("red-filter-empty")
	if n := filer.count(`table.list tbody tr`); n != 0 {
		t.Fatalf("after the correction the red filter lists %d items", n)
	}
	contains(t, "empty red filter", filer.text(`p.empty`), "没有红灯")

	// At the year's end the self-evaluation starts from the forecast.
	filer.open(tablePathOf(f.published) + "/evaluation")
	filer.nav("open the evaluation form", http.StatusOK, chromedp.Click(chromedp.CSS(`#p1 h2 a.button`)))
	filer.shot("evaluation-carried-over")
	contains(t, "carried over", filer.text(`p.flash`), "已按最近一次运行监控的全年预计值预先填入")
	if got := js[string](filer, `document.querySelector("input[name=actual_1]").value`); got != "32场" {
		t.Fatalf("the evaluation form proposes %q for indicator 1, want the forecast 32场", got)
	}
	filer.step("the year's figures", fill(`input[name=executed]`, "460"), fill(`input[name=actual_6]`, "88%"))
	filer.nav("save the evaluation", http.StatusOK, chromedp.Click(chromedp.CSS(`form[action$="/evaluation"] button[type=submit]`)))
	filer.shot("evaluation")
	head := filer.text(`#p1 h2`)
	contains(t, "自评表 total", head, "总分 98.98")
	contains(t, "自评表 grade", head, "优")
	contains(t, "自评表 formula", filer.text(`#p1 table.evaltable`), "实际值/目标值×权重 = 88/90×10 = 9.78")
}

// formField is the CSS selector of a progress form's field.
func formField(name string) string {
	if strings.HasPrefix(name, "reason_") || strings.HasPrefix(name, "measure_") || name == "note" {
		return fmt.Sprintf(`textarea[name=%s]`, name)
	}
	return fmt.Sprintf(`input[name=%s]`, name)
}

// clearField empties an input or a textarea.
func clearField(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).value = ""`, sel))
}

// lightOfRow returns the light class of indicator seq in the first
// project's row of a table's monitoring page.
func lightOfRow(tb *tab, seq int) string {
	tb.t.Helper()
	return js[string](tb, fmt.Sprintf(`(() => {
		const d = Array.from(document.querySelectorAll("#p1 .ind-light")).find(d => d.textContent.includes(%q));
		return d ? Array.from(d.querySelector(".light").classList).find(c => c.startsWith("l-")) : "";
	})()`, fmt.Sprintf(" %d. ", seq)))
}
