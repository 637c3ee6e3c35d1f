package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var scoreSample = filepath.Join("..", "..", "internal", "scoresheet", "testdata", "selfeval_2024.csv")

func TestScoreSampleReportsDisagreementsAndExitsOne(t *testing.T) {
	c := newCLI(t)
	code, out, errs := c.run("score", scoreSample)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (the sample has wrong published scores)\n%s", code, errs)
	}
	for _, want := range []string{
		"■ 中小企业培训经费",
		"实际值/目标值×权重 = 92/95×10 = 9.68",
		"第 3 个指标“培训合格率”：公布得分 9.70，复核 9.68，差 +0.02［第 7 行］",
		"权重合计 110，应为 100",
		"公布得分 11.00 超过权重 10",
		"公布总分 100.00 不等于公布的各项得分之和 105.53",
		"实际值的单位“个”与年度指标值的单位“家”不能换算",
		"等级：公布“良”，按复核总分 71.90 应为“中”",
		"结论：3 个项目中 3 个有问题，共 12 处。",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if _, err := os.Stat(c.db); err == nil {
		t.Error("score created a database")
	}
}

func TestScoreJSON(t *testing.T) {
	code, out, _ := newCLI(t).run("score", "--format", "json", scoreSample)
	var doc struct {
		Schema  string `json:"schema"`
		Agree   bool   `json:"agree"`
		Summary struct {
			Problems int `json:"problems"`
		} `json:"summary"`
		Projects []struct {
			Name       string `json:"name"`
			Total      string `json:"total"`
			Indicators []struct {
				Score       string `json:"score"`
				Published   string `json:"published"`
				Check       string `json:"check"`
				Explanation struct {
					Formula string `json:"formula"`
					Text    string `json:"text"`
				} `json:"explanation"`
			} `json:"indicators"`
			Problems []struct {
				Kind    string `json:"kind"`
				Message string `json:"message"`
			} `json:"problems"`
		} `json:"projects"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if code != 1 || doc.Schema != "jixiao.score/v1" || doc.Agree || doc.Summary.Problems != 12 || len(doc.Projects) != 3 {
		t.Fatalf("exit %d schema %q agree %v problems %d", code, doc.Schema, doc.Agree, doc.Summary.Problems)
	}
	ind := doc.Projects[0].Indicators[2]
	if ind.Score != "9.68" || ind.Published != "9.7" || ind.Check != "disagree" || ind.Explanation.Formula != "实际值/目标值×权重" {
		t.Errorf("indicator 3: %+v", ind)
	}
	if doc.Projects[0].Total != "93.68" || doc.Projects[1].Problems[0].Kind != "score" {
		t.Errorf("project totals/problems: %+v", doc.Projects[0])
	}
}

const agreeingSheet = "2024年度项目支出绩效自评表\n" +
	"项目名称,全年预算数,全年执行数,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分\n" +
	"培训经费,5.00,4.60,产出指标,数量指标,培训场次,≥10场,12场,50,50\n" +
	",,,效益指标,社会效益指标,企业投诉次数,≤3次,4次,30,20\n" +
	",,,满意度指标,服务对象满意度指标,满意度,≥90%,88%,10,9.78\n" +
	",,,预算执行率,,,,,10,9.2\n" +
	",,,总分,,,,,100,88.98\n"

func TestScoreExitStatuses(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte(agreeingSheet), 0o644)
	if code, out, errs := c.run("score", good); code != 0 || !strings.Contains(out, "结论：1 个项目的公布得分与复核一致。") {
		t.Errorf("agreeing sheet: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := c.run("score", filepath.Join(dir, "missing.csv")); code != 2 || !strings.Contains(errs, "missing.csv: 文件不存在") {
		t.Errorf("missing file: exit %d %q", code, errs)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte(strings.Replace(agreeingSheet, ",50,50\n", ",50,五十\n", 1)), 0o644)
	if code, _, errs := c.run("score", bad); code != 2 || !strings.Contains(errs, "bad.csv: 第 3 行，列“得分”：应为数字，实际为“五十”") {
		t.Errorf("bad cell: exit %d %q", code, errs)
	}
	settings := filepath.Join(dir, "region.toml")
	os.WriteFile(settings, []byte("[weights]\n\"产出\" = 60\n"), 0o644)
	if code, _, errs := c.run("score", "--settings", settings, good); code != 2 || !strings.Contains(errs, `"weights" 各项之和应为 100`) || !strings.Contains(errs, "region.toml") {
		t.Errorf("invalid settings: exit %d %q", code, errs)
	}
	if code, _, _ := c.run("score"); code != 2 {
		t.Errorf("no file: exit %d, want 2", code)
	}
	if code, _, errs := c.run("score", "--format", "xml", good); code != 2 || !strings.Contains(errs, "xml") {
		t.Errorf("bad format: exit %d %q", code, errs)
	}
	if code, _, _ := c.run("score", "--tolerance", "-1", good); code != 2 {
		t.Errorf("bad tolerance: exit %d", code)
	}
}

func TestScoreSettingsAndTolerance(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	sheet := filepath.Join(dir, "s.csv")
	// 4 complaints against ≤3: 20.00 under the deviation formula, 22.50 under the ratio formula.
	os.WriteFile(sheet, []byte(strings.Replace(strings.Replace(agreeingSheet, ",30,20\n", ",30,22.5\n", 1), ",100,88.98\n", ",100,91.48\n", 1)), 0o644)
	if code, out, _ := c.run("score", sheet); code != 1 || !strings.Contains(out, "差 +2.50") {
		t.Errorf("default settings: exit %d\n%s", code, out)
	}
	settings := filepath.Join(dir, "region.json")
	os.WriteFile(settings, []byte(`{"negative_formula": "ratio"}`), 0o644)
	if code, out, errs := c.run("score", "--settings", settings, sheet); code != 0 {
		t.Errorf("ratio formula: exit %d\n%s%s", code, out, errs)
	}
	if code, out, _ := c.run("score", "--tolerance", "3", sheet); code != 0 || !strings.Contains(out, "容差 3") {
		t.Errorf("tolerance 3: exit %d\n%s", code, out)
	}
}

// runScoreStdin runs the command line with a standard input.
func runScoreStdin(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb, func(string) string { return "" })
	return code, out.String(), errb.String()
}

func TestScoreFromStdinWithYear(t *testing.T) {
	var out strings.Builder
	body := "项目名称,三级指标,一级指标,年度指标值,实际完成值,分值,得分\n培训,完成时间,产出指标,12月31日前,11月30日,90,90\n"
	code, stdout, errs := runScoreStdin(t, body, "score", "-")
	out.WriteString(stdout)
	if code != 1 || !strings.Contains(errs, "表中没有预算年度") || !strings.Contains(stdout, "未写年份") {
		t.Errorf("without a year: exit %d\n%s%s", code, stdout, errs)
	}
	code, stdout, errs = runScoreStdin(t, body, "score", "--year", "2024", "-")
	if !strings.Contains(stdout, "2024-11-30 ≤ 2024-12-31") || strings.Contains(errs, "预算年度") {
		t.Errorf("with --year: exit %d\n%s%s", code, stdout, errs)
	}
}
