package scoresheet_test

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"jixiao"
	"jixiao/internal/score"
	"jixiao/internal/scoresheet"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const sample = "testdata/selfeval_2024.csv"

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/scoresheet -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (rerun with -update if the change is intended)\n--- got\n%s", name, got)
	}
}

func readSample(t *testing.T) score.Sheet {
	t.Helper()
	res, err := scoresheet.ReadFile(sample, nil, scoresheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Sheet
}

// The sample 自评表 recomputed: the text report and the JSON, pinned.
func TestSampleGolden(t *testing.T) {
	rep := score.Verify(readSample(t), score.DefaultSettings())
	var text, js bytes.Buffer
	if err := score.WriteText(&text, rep); err != nil {
		t.Fatal(err)
	}
	if err := score.WriteJSON(&js, rep); err != nil {
		t.Fatal(err)
	}
	golden(t, "selfeval_2024.golden.txt", text.Bytes())
	golden(t, "selfeval_2024.golden.json", js.Bytes())
}

// The deliberate mistakes of the sample are all found, and nothing else.
func TestSampleProblems(t *testing.T) {
	sh := readSample(t)
	if sh.FiscalYear != 2024 || sh.MoneyUnit != jixiao.WanYuan || sh.Org != "某市某区科技工业商务和信息化局" || len(sh.Projects) != 3 {
		t.Fatalf("sheet %d %s %q, %d projects", sh.FiscalYear, sh.MoneyUnit, sh.Org, len(sh.Projects))
	}
	p := sh.Projects[0]
	if p.Budget == nil || *p.Budget != 5_000_000 || *p.Executed != 4_600_000 || p.BudgetWeight.String() != "10" || p.BudgetScore.String() != "9.2" ||
		p.Total.String() != "93.7" || p.Grade != "优" || len(p.Indicators) != 7 {
		t.Errorf("project 1: %+v", p)
	}
	if in := p.Indicators[4]; in.Indicator.Level1.Name != "效益指标" || in.Indicator.Level2.Name != "社会效益指标" || in.Indicator.Seq != 5 {
		t.Errorf("merged cells not filled down: %+v", in.Indicator)
	}
	rep := score.Verify(sh, score.DefaultSettings())
	want := [][]string{
		{"score", "total"},
		{"score", "score_above_weight", "score", "weights_total", "total", "total_sum"},
		{"unverifiable", "score", "total", "grade"},
	}
	for i, pr := range rep.Projects {
		var got []string
		for _, pb := range pr.Problems {
			got = append(got, pb.Kind)
		}
		if strings.Join(got, " ") != strings.Join(want[i], " ") {
			t.Errorf("%s: problems %v, want %v", pr.Name, got, want[i])
		}
	}
	// Under the ratio formula for negative indicators, 11.25 for 4 complaints against ≤3 is right.
	s := score.DefaultSettings()
	s.Negative = score.NegativeRatio
	rep = score.Verify(sh, s)
	for _, pb := range rep.Projects[1].Problems {
		if pb.Indicator == 6 {
			t.Errorf("ratio formula: %s", pb.Message)
		}
	}
}

// An XLSX with the same rows, merged cells and Excel's number formats,
// reads as the CSV does; places are cells.
func TestXLSXReadsLikeCSV(t *testing.T) {
	b, _ := os.ReadFile(sample)
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	defer f.Close()
	f.NewSheet("说明")
	f.SetCellValue("说明", "A1", "本工作簿第二张表是自评表")
	f.NewSheet("自评表")
	for i, row := range rows {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if n, err := jixiao.ParseDecimal(v); err == nil && v != "" && j >= 8 {
				x, _ := n.Rat().Float64()
				f.SetCellValue("自评表", cell, x) // 分值 and 得分 as numbers
			} else {
				f.SetCellValue("自评表", cell, v)
			}
		}
	}
	f.MergeCell("自评表", "A5", "A13") // 项目名称 merged down its rows (already empty below)
	f.DeleteSheet("Sheet1")
	path := filepath.Join(t.TempDir(), "自评表.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	res, err := scoresheet.ReadFile(path, nil, scoresheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "自评表") {
		t.Errorf("notes %q", res.Notes)
	}
	x := score.Verify(res.Sheet, score.DefaultSettings())
	c := score.Verify(readSample(t), score.DefaultSettings())
	if x.Summary != c.Summary {
		t.Errorf("xlsx %+v, csv %+v", x.Summary, c.Summary)
	}
	for i := range c.Projects {
		if x.Projects[i].Total != c.Projects[i].Total || len(x.Projects[i].Problems) != len(c.Projects[i].Problems) {
			t.Errorf("project %d: xlsx %s %d problems, csv %s %d", i, x.Projects[i].Total, len(x.Projects[i].Problems), c.Projects[i].Total, len(c.Projects[i].Problems))
		}
	}
	if w := x.Projects[0].Problems[0].Where; w != "自评表!J7" {
		t.Errorf("place %q, want the cell 自评表!J7", w)
	}
}

func TestJSONReads(t *testing.T) {
	doc := `{
  "schema": "jixiao.selfeval/v1",
  "org": "某局", "fiscal_year": 2024, "money_unit": "万元",
  "projects": [{
    "name": "中小企业培训经费", "budget": "5.00", "executed": 4.6, "budget_score": "9.2", "total": "88.62", "grade": "良",
    "indicators": [
      {"level1": "1-产出指标", "level2": "12-质量指标", "name": "培训合格率", "target": "≥95%", "actual": "92%", "weight": "50", "score": "48.42"},
      {"level1": "效益指标", "name": "营商环境", "target": "持续优化", "attainment": "部分达成", "share": "70%", "weight": 30, "score": "21"},
      {"level1": "满意度指标", "name": "投诉次数", "direction": "反向", "target": "3", "actual": "2", "weight": "10", "score": "10", "deviation": "无"}
    ]
  }]
}`
	path := filepath.Join(t.TempDir(), "s.json")
	os.WriteFile(path, []byte(doc), 0o644)
	res, err := scoresheet.ReadFile(path, nil, scoresheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sh := res.Sheet
	in := sh.Projects[0].Indicators
	if in[0].Indicator.Level1 != (jixiao.Category{Code: "1", Name: "产出指标"}) || in[1].Attainment != score.Partial || in[1].Share.String() != "70" ||
		in[2].Indicator.Direction != jixiao.DirectionNegative || *sh.Projects[0].Executed != 4_600_000 {
		t.Errorf("read %+v", in)
	}
	rep := score.Verify(sh, score.DefaultSettings())
	if !rep.Agree {
		t.Errorf("problems: %+v", rep.Projects[0].Problems)
	}

	bad := []struct{ name, body, want string }{
		{"syntax", "{\n\"projects\": [\n}", "第 3 行"},
		{"unknown key", `{"projects": [{"name": "p", "indicator": []}]}`, `未知的键 "indicator"`},
		{"wrong schema", `{"schema": "jixiao.table/v1", "projects": []}`, `"schema" 应为 "jixiao.selfeval/v1"`},
		{"no projects", `{"projects": []}`, "没有项目"},
		{"bad number", `{"projects": [{"name": "p", "total": "九十"}]}`, `第 1 个项目的 "total" 应为十进制数`},
		{"bad money", `{"projects": [{"name": "p", "budget": "1.0000001"}]}`, `第 1 个项目的 "budget" 应为金额`},
		{"bad attainment", `{"projects": [{"name": "p", "indicators": [{"name": "x", "attainment": "优秀"}]}]}`, `第 1 个项目第 1 个指标的 "attainment"`},
		{"wrong type", `{"projects": [{"name": 3}]}`, `键 "projects.name" 应为字符串`},
		{"bad money unit", `{"money_unit": "美元", "projects": [{"name": "p"}]}`, `"money_unit" 应为 元、万元 或 亿元`},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := scoresheet.ReadJSON(strings.NewReader(tt.body), scoresheet.Options{File: "s.json"})
			if jixiao.ErrorCode(err) != jixiao.EINVALID || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "s.json") {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func readCSV(t *testing.T, body string, opts scoresheet.Options) (*scoresheet.Result, error) {
	t.Helper()
	opts.File = "t.csv"
	return scoresheet.ReadCSV(strings.NewReader(body), opts)
}

func TestHeadersAreRecognisedTolerantly(t *testing.T) {
	body := "某单位2023年度项目支出绩效自评表\n" +
		"项目名称：　老旧小区改造\t\t\t\n" +
		"一 级 指 标\t二级指标\t三级指标名称\t年度目标值（A）\t全年实际完成值（B）\t权重（分）\t得分\t全年预算数（元）\t全年执行数（元）\n" +
		"产出指标\t数量指标\t改造小区数量\t≥10个\t10个\t５０\t５０分\t1000000\t900000\n" +
		"效益指标\t社会效益指标\t居民满意度\t≥90%\t95%\t30\t30\t\t\n" +
		"满意度指标\t\t满意度\t≥90%\t95%\t10\t10\t\t\n"
	res, err := readCSV(t, body, scoresheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sh := res.Sheet
	p := sh.Projects[0]
	if p.Name != "老旧小区改造" || sh.FiscalYear != 2023 || sh.MoneyUnit != jixiao.Yuan || *p.Budget != 100_000_000 || *p.Executed != 90_000_000 {
		t.Errorf("sheet: %q %d %s %v", p.Name, sh.FiscalYear, sh.MoneyUnit, p.Budget)
	}
	if in := p.Indicators[0]; in.Indicator.Weight.String() != "50" || in.Score.String() != "50" || in.Actual != "10个" || in.Indicator.Annual.Raw != "≥10个" {
		t.Errorf("indicator %+v", in)
	}
	// A given year wins.
	res, _ = readCSV(t, body, scoresheet.Options{FiscalYear: 2024})
	if res.Sheet.FiscalYear != 2024 {
		t.Error("--year does not win")
	}
}

func TestFormsOfCSV(t *testing.T) {
	rows := "项目名称,三级指标,一级指标,年度指标值,实际完成值,分值,得分\n" +
		"培训,培训场次,产出指标,≥2场,2场,50,50\n"
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(rows)
	res, err := readCSV(t, gbk, scoresheet.Options{})
	if err != nil || len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "GBK") || res.Sheet.Projects[0].Name != "培训" {
		t.Errorf("GBK: %v %+v", err, res)
	}
	res, err = readCSV(t, "\ufeff"+strings.ReplaceAll(rows, ",", "\t"), scoresheet.Options{})
	if err != nil || res.Sheet.Projects[0].Indicators[0].Indicator.Name != "培训场次" {
		t.Errorf("TSV with BOM: %v", err)
	}
	// A header repeated on a new page and blank lines are skipped; the
	// project continues.
	res, err = readCSV(t, rows+"\n,,,,,,\n"+rows, scoresheet.Options{})
	if err != nil || len(res.Sheet.Projects) != 1 || len(res.Sheet.Projects[0].Indicators) != 2 {
		t.Errorf("repeated header: %v %+v", err, res)
	}
}

func TestBadCSVIsRejectedWithPlace(t *testing.T) {
	hdr := "项目名称,全年预算数,一级指标,三级指标,年度指标值,实际完成值,分值,得分,总分\n"
	tests := []struct{ name, body, want string }{
		{"no header", "项目,金额\n培训,5\n", "t.csv: 前 20 行中没有找到表头"},
		{"empty", "", "没有找到表头"},
		{"score not a number", hdr + "培训,5,产出指标,场次,≥2场,2场,10,九分,\n", "t.csv: 第 2 行，列“得分”：应为数字，实际为“九分”"},
		{"weight not a number", hdr + "培训,5,产出指标,场次,≥2场,2场,十,10,\n", "第 2 行，列“分值”：应为数字"},
		{"budget finer than a fen", hdr + "培训,5.0000001,产出指标,场次,≥2场,2场,10,10,\n", "第 2 行，列“预算数”：应为金额（万元，最多精确到分）"},
		{"two budgets for one project", hdr + "培训,5,产出指标,场次,≥2场,2场,10,10,\n,6,产出指标,人次,≥2人次,2人次,10,10,\n", "第 3 行，列“预算数”：应为与第 2 行的 5.00 相同"},
		{"two totals", hdr + "培训,5,产出指标,场次,≥2场,2场,10,10,90\n,,产出指标,人次,≥2人次,2人次,10,10,91\n", "第 3 行，列“总分”：应为与第 2 行的 90 相同"},
		{"indicator without a name", hdr + "培训,5,产出指标,,≥2场,2场,10,10,\n", "第 2 行，列“三级指标”：应为指标名称"},
		{"first row without a project", hdr + ",5,产出指标,场次,≥2场,2场,10,10,\n", "第 2 行，列“项目名称”"},
		{"header only", hdr, "表头（第 1 行）之下没有指标行"},
		{"bad attainment", "项目名称,三级指标,年度指标值,实际完成值,达成程度\n培训,环境,持续优化,,很好\n", "列“达成程度”：应为达成、部分达成或未达成"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readCSV(t, tt.body, scoresheet.Options{})
			if jixiao.ErrorCode(err) != jixiao.EINVALID || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v\nwant %q", err, tt.want)
			}
		})
	}
}

func TestReadFileRefuses(t *testing.T) {
	dir := t.TempDir()
	xls := filepath.Join(dir, "old.xls")
	os.WriteFile(xls, []byte{0xD0, 0xCF, 0x11, 0xE0, 0, 0}, 0o644)
	notZip := filepath.Join(dir, "broken.xlsx")
	os.WriteFile(notZip, []byte("not a zip"), 0o644)
	for path, want := range map[string]string{
		filepath.Join(dir, "missing.csv"): "文件不存在",
		dir:                               "是目录",
		xls:                               "另存为 .xlsx",
		notZip:                            "不是可读取的 XLSX 文件",
	} {
		_, err := scoresheet.ReadFile(path, nil, scoresheet.Options{})
		if jixiao.ErrorCode(err) != jixiao.EINVALID || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", path, err, want)
		}
	}
	res, err := scoresheet.ReadFile("-", strings.NewReader("三级指标,年度指标值,实际完成值\n场次,≥2场,2场\n"), scoresheet.Options{})
	if err != nil || res.Sheet.Projects[0].Name != "（未命名项目）" || res.Sheet.File != "-" {
		t.Errorf("stdin: %v %+v", err, res)
	}
}

func BenchmarkReadAndVerifySample(b *testing.B) {
	s := score.DefaultSettings()
	for b.Loop() {
		res, err := scoresheet.ReadFile(sample, nil, scoresheet.Options{})
		if err != nil {
			b.Fatal(err)
		}
		score.Verify(res.Sheet, s)
	}
}

func TestTotalRows(t *testing.T) {
	body := "项目名称,一级指标,三级指标,年度指标值,实际完成值,分值,得分,自评等级\n" +
		"甲,产出指标,场次,≥2场,2场,90,90,\n,总分,,,,100,90,优\n" +
		"乙,产出指标,场次,≥2场,2场,90,90,\n,合计,,,,100,80,良\n" +
		"合计,,,,,,170,\n"
	res, err := readCSV(t, body, scoresheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ps := res.Sheet.Projects
	if len(ps) != 2 || ps[0].Total.String() != "90" || ps[0].Grade != "优" || ps[1].Total.String() != "80" || ps[1].Grade != "良" || ps[1].TotalWhere != "第 5 行" {
		t.Errorf("totals: %+v", ps)
	}
	// A single project's 合计 row in the 项目名称 column is its total.
	res, err = readCSV(t, "项目名称,三级指标,年度指标值,实际完成值,得分\n甲,场次,≥2场,2场,90\n合计,,,,90\n", scoresheet.Options{})
	if err != nil || res.Sheet.Projects[0].Total.String() != "90" {
		t.Errorf("single project: %v %+v", err, res)
	}
}

// The official template (财预〔2020〕10号 附件): project and units in title
// rows, the budget block above the indicators, 总分 in the first column.
func TestOfficialTemplate(t *testing.T) {
	const official = "testdata/official_2024.csv"
	check := func(t *testing.T, res *scoresheet.Result) {
		t.Helper()
		sh := res.Sheet
		p := sh.Projects[0]
		if len(sh.Projects) != 1 || p.Name != "社区养老服务补助" || sh.Org != "某市某区民政局" || sh.FiscalYear != 2024 || sh.MoneyUnit != jixiao.WanYuan {
			t.Fatalf("sheet %q %q %d %s", p.Name, sh.Org, sh.FiscalYear, sh.MoneyUnit)
		}
		if p.Budget == nil || *p.Budget != 180_000_000 || *p.Executed != 171_000_000 || p.BudgetWeight.String() != "10" || p.BudgetScore.String() != "9.5" ||
			p.Total.String() != "94.34" || len(p.Indicators) != 7 {
			t.Errorf("project %+v", p)
		}
		rep := score.Verify(sh, score.DefaultSettings())
		if !rep.Agree || rep.Projects[0].Total.String() != "94.34" {
			t.Errorf("agree %v total %s: %+v", rep.Agree, rep.Projects[0].Total, rep.Projects[0].Problems)
		}
	}
	res, err := scoresheet.ReadFile(official, nil, scoresheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	check(t, res)

	// The same as an XLSX, with the template's merged cells.
	b, _ := os.ReadFile(official)
	rows, _ := csv.NewReader(bytes.NewReader(b)).ReadAll()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			f.SetCellValue("Sheet1", cell, v)
		}
	}
	for _, m := range [][2]string{{"A1", "I1"}, {"A2", "I2"}, {"B3", "I3"}, {"A5", "B5"}, {"A12", "A19"}, {"B13", "B16"}, {"B17", "B18"}, {"A20", "F20"}} {
		if err := f.MergeCell("Sheet1", m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	res, err = scoresheet.ReadXLSX(&buf, scoresheet.Options{File: "official.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	check(t, res)
	if w := res.Sheet.Projects[0].BudgetScoreWhere; w != "Sheet1!H6" {
		t.Errorf("budget score at %q, want Sheet1!H6", w)
	}
}
