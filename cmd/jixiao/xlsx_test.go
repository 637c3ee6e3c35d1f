package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao/internal/seedtest"
)

// twoUnitBook writes a workbook with one table per sheet, in the long
// layout, and a bad row on the second sheet when bad is set.
func twoUnitBook(t *testing.T, bad bool) string {
	t.Helper()
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "甲局")
	f.NewSheet("乙局")
	for _, s := range []string{"甲局", "乙局"} {
		rows := [][]any{
			{"单位名称：" + s, nil, "预算年度：2024"},
			{"项目名称", "总计", "财政拨款", "绩效目标", "一级指标", "二级指标", "三级指标", "年度指标值"},
			{s + "培训经费", 5, 5, "完成培训。", "1-产出指标", "11-数量指标", "开展培训场次", "2场"},
			{nil, nil, nil, nil, "2-效益指标", "22-社会效益指标", "参训人数", "≥200人次"},
			{s + "检测经费", 2, 2, "完成检测。", "1-产出指标", "11-数量指标", "检测批次", "100批次"},
		}
		if bad && s == "乙局" {
			rows[4][1] = "两万"
		}
		for i, r := range rows {
			if err := f.SetSheetRow(s, "A"+string(rune('1'+i)), &r); err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportWorkbookImportsEverySheetAsATable(t *testing.T) {
	c := newCLI(t)
	book := twoUnitBook(t, false)
	out := c.ok("import", book)
	for _, want := range []string{book + "!甲局: 甲局 2024 年，2 个项目，3 个指标，合计 7.00 万元", book + "!乙局: 乙局 2024 年", "已导入（表 #2 第 1 版）"} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}
	if list := c.ok("list"); !strings.Contains(list, "甲局培训经费") || !strings.Contains(list, "乙局检测经费") {
		t.Errorf("list:\n%s", list)
	}
}

func TestBadWorkbookImportsNothingUnlessPartial(t *testing.T) {
	c := newCLI(t)
	book := twoUnitBook(t, true)
	code, _, errs := c.run("import", book)
	if code != 1 || !strings.Contains(errs, book+"!乙局!B5") || !strings.Contains(errs, "两万") {
		t.Errorf("exit %d, stderr %q: want exit 1 naming the sheet and cell", code, errs)
	}
	if out := c.ok("list"); !strings.Contains(out, "还没有表") {
		t.Errorf("a workbook with an error imported something:\n%s", out)
	}
	code, out, errs := c.run("import", "--partial", book)
	if code != 1 || !strings.Contains(errs, book+"!乙局!B5") || !strings.Contains(out, "!甲局: 甲局 2024 年，2 个项目") || !strings.Contains(out, "!乙局: 乙局 2024 年，1 个项目") {
		t.Errorf("--partial: exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(errs, "部分导入") {
		t.Errorf("--partial does not say the sheet was imported in part: %q", errs)
	}
}

func TestExportedWorkbookImportsAsTheSameTable(t *testing.T) {
	c := newCLI(t)
	c.ok("import", seedtest.Path(t))
	first := c.ok("export", "--format", "json")
	file := filepath.Join(t.TempDir(), "seed.xlsx")
	c.ok("export", "--format", "xlsx", "-o", file)
	c2 := newCLI(t)
	out := c2.ok("import", file)
	if !strings.Contains(out, "53 个项目，221 个指标，合计 27,793.94 万元") {
		t.Errorf("import of the export: %s", out)
	}
	again := strings.Replace(c2.ok("export", "--format", "json"), `"fiscal_year_source": "given: 预算年度：2024 in the sheet"`,
		`"fiscal_year_source": "inferred: 2024年 appears in 4 deadlines (2024年 in 4, 2023年 in 2)"`, 1)
	if again != first {
		t.Error("import → export xlsx → import changed the data")
	}
}

func TestExportTemplateNeedsNoDatabase(t *testing.T) {
	c := newCLI(t)
	file := filepath.Join(t.TempDir(), "模板.xlsx")
	c.ok("export", "--template", "--year", "2025", "--org", "测试局", "-o", file)
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("绩效目标填报", "G2"); v != "2025" {
		t.Errorf("year cell %q", v)
	}
	if _, err := os.Stat(c.db); !os.IsNotExist(err) {
		t.Error("--template created a database")
	}
	code, _, errs := c.run("import", file)
	if code != 1 || !strings.Contains(errs, "至少一个项目行") {
		t.Errorf("import of a blank template: exit %d %q", code, errs)
	}
	for _, args := range [][]string{{"export", "--template", "--format", "pdf"}, {"export", "--year", "2025"}} {
		if code, _, errs := c.run(args...); code != 2 {
			t.Errorf("jixiao %v: exit %d %q, want a usage error", args, code, errs)
		}
	}
}

func TestExportPDF(t *testing.T) {
	c := newCLI(t)
	c.ok("import", seedtest.Path(t))
	code, _, errs := c.run("export", "--format", "pdf", "--font", "/nonexistent/simsun.ttc", "-o", filepath.Join(t.TempDir(), "x.pdf"))
	if code != 1 || !strings.Contains(errs, "/nonexistent/simsun.ttc") {
		t.Errorf("--font missing: exit %d %q", code, errs)
	}
	file := filepath.Join(t.TempDir(), "seed.pdf")
	code, _, errs = c.run("export", "--format", "pdf", "-o", file)
	if code != 0 {
		if os.Getenv("CI") == "" && strings.Contains(errs, "没有找到可嵌入 PDF 的中文 TrueType 字体") {
			t.Skip(errs)
		}
		t.Fatalf("export pdf: exit %d %q", code, errs)
	}
	if b, err := os.ReadFile(file); err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Errorf("%s is not a PDF (%v)", file, err)
	}
}
