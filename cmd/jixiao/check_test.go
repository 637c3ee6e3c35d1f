package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/internal/seedtest"
)

func TestCheckSeedReportsByProjectAndExitsOneOnErrors(t *testing.T) {
	c := newCLI(t)
	code, out, errs := c.run("check", seedtest.Path(t))
	if code != 1 {
		t.Fatalf("exit %d, want 1 (the seed has error-level findings: stale deadlines, missing 效益)\n%s", code, errs)
	}
	for _, want := range []string{"HYG-STALE-DEADLINE", "COMP-NO-BENEFIT", "林翠莲", "历史遗留问题经费", "2023-10-31"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	// Projects appear in table order.
	if i, j := strings.Index(out, "支持狮岭加快"), strings.Index(out, "历史遗留问题经费"); i < 0 || j < 0 || i > j {
		t.Errorf("projects out of table order (%d, %d)", i, j)
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour codes in a report that is not written to a terminal")
	}
}

func TestCheckJSONFollowsFindingsSchema(t *testing.T) {
	c := newCLI(t)
	_, out, _ := c.run("check", "--format", "json", "--year", "2024", seedtest.Path(t))
	var doc struct {
		Schema string `json:"schema"`
		Files  []struct {
			File       string  `json:"file"`
			FiscalYear int     `json:"fiscal_year"`
			Score      float64 `json:"score"`
			Grade      string  `json:"grade"`
		} `json:"files"`
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if doc.Schema != "jixiao.findings/v1" || len(doc.Files) != 1 || doc.Files[0].FiscalYear != 2024 || doc.Files[0].Grade == "" || len(doc.Findings) < 50 {
		t.Errorf("schema %q files %+v, %d findings", doc.Schema, doc.Files, len(doc.Findings))
	}
	for _, f := range doc.Findings {
		for _, k := range []string{"file", "rule", "family", "severity", "project", "indicator", "field", "message", "suggestion"} {
			if _, ok := f[k]; !ok {
				t.Fatalf("finding lacks %q: %v", k, f)
			}
		}
	}
}

func TestCheckExitStatuses(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	clean := filepath.Join(dir, "clean.txt")
	os.WriteFile(clean, []byte(cleanTable), 0o644)
	if code, out, errs := c.run("check", clean); code != 0 {
		t.Errorf("clean table: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := c.run("check", clean, filepath.Join(dir, "missing.txt")); code != 2 || !strings.Contains(errs, "missing.txt") {
		t.Errorf("unreadable file: exit %d %q, want 2", code, errs)
	}
	rules := filepath.Join(dir, "rules.json")
	os.WriteFile(rules, []byte(`{"min_indicators": "many"}`), 0o644)
	if code, _, errs := c.run("check", "--rules", rules, clean); code != 2 || !strings.Contains(errs, "min_indicators") {
		t.Errorf("invalid rules file: exit %d %q, want 2 naming the key", code, errs)
	}
}

func TestCheckRulesFileTurnsRulesOff(t *testing.T) {
	c := newCLI(t)
	rules := filepath.Join(t.TempDir(), "rules.toml")
	os.WriteFile(rules, []byte("disable = [\"HYG-STALE-DEADLINE\", \"COMP-NO-BENEFIT\", \"HYG-ID-NUMBER\"]\n"), 0o644)
	_, out, _ := c.run("check", "--rules", rules, seedtest.Path(t))
	if strings.Contains(out, "HYG-STALE-DEADLINE") || strings.Contains(out, "COMP-NO-BENEFIT") {
		t.Error("disabled rules still reported")
	}
}

func TestCheckStoredTables(t *testing.T) {
	c := newCLI(t)
	c.ok("import", seedtest.Path(t))
	code, out, _ := c.run("check", "--db", c.db)
	if code != 1 || !strings.Contains(out, "表 #1") || !strings.Contains(out, "HYG-CUT-OFF") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	if code, _, errs := c.run("check", "--db", c.db, "99"); code != 2 || !strings.Contains(errs, "99") {
		t.Errorf("missing table: exit %d %q", code, errs)
	}
}

func TestRulesCatalogue(t *testing.T) {
	out := newCLI(t).ok("rules")
	if n := strings.Count(out, "\n      检查："); n < 30 {
		t.Errorf("catalogue lists %d rules, want at least 30", n)
	}
	md := newCLI(t).ok("rules", "--markdown")
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "rules.md"))
	if err != nil || !strings.Contains(string(doc), md) {
		t.Errorf("docs/rules.md is not the catalogue the code prints; regenerate it with: go run ./cmd/jixiao rules --markdown (%v)", err)
	}
}

const cleanTable = "项目支出绩效目标表\n\n单位名称：测试局\n\n单位：万元\n\n" +
	"项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n" +
	"合计\t5.00\t5.00\t\t\t\t\n测试局\t5.00\t5.00\t\t\t\t\n" +
	"中小企业培训经费\t5.00\t5.00\t\t\t完成年度中小企业培训任务，提升本区中小企业经营管理能力。\t" +
	"1、1-产出指标；11-数量指标；开展培训场次；实施周期指标值:≥2场；年度指标值:≥2场。" +
	"2、1-产出指标；13-时效指标；培训完成时间；实施周期指标值:2024年12月31日前；年度指标值:2024年12月31日前。" +
	"3、2-效益指标；22-社会效益指标；参训企业人次；实施周期指标值:≥200人次；年度指标值:≥200人次。" +
	"4、3-满意度指标；31-服务对象满意度指标；参训企业满意率（%）；实施周期指标值:≥90%；年度指标值:≥90%。\n"
