package table_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"jixiao"
	"jixiao/internal/table"
)

const miniHeader = "项目支出绩效目标表（含转移支付项目）\n\n单位名称：测试局\n\n单位：万元\n\n项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n合计\t5.00\t5.00\t\t\t\t\n测试局\t5.00\t5.00\t\t\t\t\n"

const miniRow = "培训经费\t5.00\t5.00\t\t\t完成培训。\t1、1-产出指标；11-数量指标；开展培训场次；实施周期指标值:2场；年度指标值:2场。2、1-产出指标；13-时效指标；完成时间；实施周期指标值:2024年12月31日前；年度指标值:2024年12月31日前。\n"

func TestMinimalTableReads(t *testing.T) {
	res, err := table.ReadText(strings.NewReader(miniHeader+miniRow), table.ReadOptions{File: "mini.txt"})
	if err != nil {
		t.Fatal(err)
	}
	p := res.Table.Projects()[0]
	if p.Name != "培训经费" || len(p.Indicators) != 2 || res.Table.FiscalYear != 2024 {
		t.Errorf("%+v year %d", p, res.Table.FiscalYear)
	}
}

func TestGivenYearWins(t *testing.T) {
	res, err := table.ReadText(strings.NewReader(miniHeader+miniRow), table.ReadOptions{File: "mini.txt", FiscalYear: 2025})
	if err != nil {
		t.Fatal(err)
	}
	if res.Table.FiscalYear != 2025 || res.Table.FiscalYearSource != "given: --year 2025" {
		t.Errorf("year %d (%s)", res.Table.FiscalYear, res.Table.FiscalYearSource)
	}
}

func TestBadInputIsRejectedWithPlace(t *testing.T) {
	tests := []struct {
		name  string
		input string
		opts  table.ReadOptions
		line  int
		field string
		says  string
	}{
		{"empty file", "", table.ReadOptions{}, 0, "", "空文件"},
		{"only blank lines", "\n\n  \n", table.ReadOptions{}, 0, "", "空文件"},
		{"binary file", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", table.ReadOptions{}, 0, "", "二进制"},
		{"no header row", "项目支出绩效目标表\n单位名称：x\n", table.ReadOptions{}, 2, "", "表头行"},
		{"amount that is not a number", miniHeader + "培训经费\t五万\t5.00\t\t\t完成培训。\t1、1-产出指标；11-数量指标；a；实施周期指标值:1；年度指标值:1。\n", table.ReadOptions{}, 10, "总计", "五万"},
		{"amount finer than a fen", miniHeader + "培训经费\t5.0000001\t5.00\t\t\t完成培训。\t\n", table.ReadOptions{}, 10, "总计", "精确到分"},
		{"malformed amount", miniHeader + "培训经费\t5.00\t1.2.3\t\t\t完成培训。\t\n", table.ReadOptions{}, 10, "财政拨款", "1.2.3"},
		{"indicator cell missing 年度指标值", miniHeader + "培训经费\t5.00\t5.00\t\t\t完成培训。\t1、1-产出指标；11-数量指标；开展培训场次；实施周期指标值:2场。\n", table.ReadOptions{}, 10, "绩效指标第 1 个", "年度指标值"},
		{"indicator cell out of sequence", miniHeader + "培训经费\t5.00\t5.00\t\t\t完成培训。\t2、1-产出指标；11-数量指标；开展培训场次；实施周期指标值:2场；年度指标值:2场。\n", table.ReadOptions{}, 10, "绩效指标第 1 个", "1、"},
		{"indicator without categories", miniHeader + "培训经费\t5.00\t5.00\t\t\t完成培训。\t1、开展培训场次；实施周期指标值:2场；年度指标值:2场。\n", table.ReadOptions{}, 10, "绩效指标第 1 个", "二级指标"},
		{"too many columns", miniHeader + "培训经费\t5.00\t5.00\t1\t1\t1\t完成培训。\tx\n", table.ReadOptions{}, 10, "", "最多 7 列"},
		{"unknown money unit", "标题\n单位：美元\n", table.ReadOptions{}, 2, "金额单位", "美元"},
		{"no year anywhere", miniHeader + "培训经费\t5.00\t5.00\t\t\t完成培训。\t1、1-产出指标；11-数量指标；场次；实施周期指标值:2场；年度指标值:2场。\n", table.ReadOptions{}, 0, "", "--year"},
		{"implausible year", miniHeader + miniRow, table.ReadOptions{FiscalYear: 24}, 0, "预算年度", "1949 到 2200"},
		{"header but no projects", miniHeader, table.ReadOptions{}, 9, "", "至少一个项目行"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.File = "bad.txt"
			res, err := table.ReadText(strings.NewReader(tt.input), tt.opts)
			if err == nil {
				t.Fatalf("read succeeded with %d projects, want an error", len(res.Table.Projects()))
			}
			if jixiao.ErrorCode(err) != jixiao.EINVALID {
				t.Errorf("code %q, want invalid: %v", jixiao.ErrorCode(err), err)
			}
			if !strings.Contains(err.Error(), tt.says) || !strings.HasPrefix(err.Error(), "bad.txt") {
				t.Errorf("error %q should start with the file and mention %q", err, tt.says)
			}
			var pe *table.ParseError
			if errors.As(err, &pe) && (pe.Line != tt.line || pe.Field != tt.field) {
				t.Errorf("place = line %d field %q, want line %d field %q (%v)", pe.Line, pe.Field, tt.line, tt.field, err)
			}
		})
	}
}

func TestGBKIsConvertedAndSaidSo(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(miniHeader + miniRow)
	if err != nil {
		t.Fatal(err)
	}
	res, err := table.ReadText(strings.NewReader(gbk), table.ReadOptions{File: "gbk.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Table.Projects()[0].Name != "培训经费" || !hasNote(res.Notes, "GBK") {
		t.Errorf("project %q notes %q", res.Table.Projects()[0].Name, res.Notes)
	}
}

func TestUTF8BOMIsDropped(t *testing.T) {
	res, err := table.Read(strings.NewReader("\ufeff"+miniHeader+miniRow), table.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Table.Title != "项目支出绩效目标表（含转移支付项目）" {
		t.Errorf("title %q", res.Table.Title)
	}
}

// garbage yields n bytes of text-like junk without holding them in memory.
type garbage struct{ n, i int }

func (g *garbage) Read(p []byte) (int, error) {
	if g.i >= g.n {
		return 0, io.EOF
	}
	junk := []byte("lorem ipsum 项目 金额 1,234.56 \t ；、 abc\n")
	k := 0
	for k < len(p) && g.i < g.n {
		p[k] = junk[g.i%len(junk)]
		k++
		g.i++
	}
	return k, nil
}

func TestLargeGarbageFailsFastWithBoundedReading(t *testing.T) {
	g := &garbage{n: 50 << 20}
	_, err := table.ReadText(g, table.ReadOptions{File: "junk.txt"})
	if jixiao.ErrorCode(err) != jixiao.EINVALID {
		t.Fatalf("want invalid, got %v", err)
	}
	if g.i > 1<<20 {
		t.Errorf("reader consumed %d bytes of garbage before giving up; it should stop at the first bad line", g.i)
	}
}

func TestGarbageWithoutLineBreaksIsRejected(t *testing.T) {
	junk := bytes.Repeat([]byte("项目名称很长很长的一行"), 600_000) // ~20 MB, no newline
	_, err := table.ReadText(bytes.NewReader(junk), table.ReadOptions{File: "oneline.txt"})
	if err == nil || !strings.Contains(err.Error(), "过长的行") {
		t.Fatalf("want a too-long-line error, got %v", err)
	}
}

func TestJSONErrors(t *testing.T) {
	for name, in := range map[string]string{
		"syntax":     `{"schema": "jixiao.table/v1", `,
		"schema":     `{"schema": "other/v9", "projects": []}`,
		"money":      `{"schema": "jixiao.table/v1", "fiscal_year": 2024, "money_unit": "万元", "total": "1", "projects": [{"name": "p", "org": "o", "funding": {"total": "x", "fiscal": "0", "special_account": "0", "other": "0"}, "goal": "", "indicators": []}]}`,
		"unknown":    `{"schema": "jixiao.table/v1", "colour": "red"}`,
		"two tables": `{"schema": "jixiao.table/v1", "fiscal_year": 2024, "org": "o", "projects": []} {"schema": "jixiao.table/v1"}`,
		"bad year":   `{"schema": "jixiao.table/v1", "fiscal_year": 99999, "org": "o", "money_unit": "万元", "total": "0", "projects": [{"name": "p", "org": "o", "funding": {"total": "0", "fiscal": "0", "special_account": "0", "other": "0"}, "goal": "g", "indicators": []}]}`,
		"wrong type": `{"schema": "jixiao.table/v1", "fiscal_year": "2024"}`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := table.Read(strings.NewReader(in), table.ReadOptions{File: "t.json"})
			if jixiao.ErrorCode(err) != jixiao.EINVALID || !strings.HasPrefix(err.Error(), "t.json") {
				t.Errorf("got %v", err)
			}
		})
	}
}

func TestInvalidUTF8PastTheSniffedHeadIsRejected(t *testing.T) {
	var b strings.Builder
	b.WriteString(miniHeader)
	for b.Len() < 80<<10 {
		b.WriteString(miniRow)
	}
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("某某中心\t1.00\t1.00\t\t\t\t\n")
	b.WriteString(gbk)
	_, err := table.ReadText(strings.NewReader(b.String()), table.ReadOptions{File: "mixed.txt"})
	var pe *table.ParseError
	if !errors.As(err, &pe) || pe.Line < 100 || !strings.Contains(err.Error(), "UTF-8") {
		t.Fatalf("want an error naming the line with foreign bytes, got %v", err)
	}
}

func TestRowsWithoutGoalOrIndicatorsAreNamedInNotes(t *testing.T) {
	in := miniHeader + miniRow + "技能大赛经费\t1.00\t1.00\t\t\t\t\n" + "某某实验学校\t1.00\t1.00\t\t\t\t\n"
	res, err := table.ReadText(strings.NewReader(in), table.ReadOptions{File: "m.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Table.Units) != 2 || len(res.Table.Units[0].Projects) != 2 {
		t.Errorf("units %d, projects in first %d: 技能大赛经费 is a project, 某某实验学校 a unit", len(res.Table.Units), len(res.Table.Units[0].Projects))
	}
	if !hasNote(res.Notes, "按项目读取") || !hasNote(res.Notes, "当作资金使用单位") {
		t.Errorf("notes %q do not say how the rows were read", res.Notes)
	}
}

func TestMissingOrgLineTakesTheFirstUnit(t *testing.T) {
	in := strings.Replace(miniHeader, "单位名称：测试局\n", "", 1) + miniRow
	res, err := table.ReadText(strings.NewReader(in), table.ReadOptions{File: "m.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Table.Org != "测试局" || !hasNote(res.Notes, "单位名称") {
		t.Errorf("org %q notes %q", res.Table.Org, res.Notes)
	}
}

// A UTF-8 file larger than the sniffed head, whatever byte the head ends
// on (inside a three-byte character for two of the three paddings), is
// read as UTF-8 and never "converted" from GBK.
func TestLargeUTF8FileIsNotMistakenForGBK(t *testing.T) {
	for pad := 0; pad < 3; pad++ {
		var b strings.Builder
		b.WriteString(strings.Repeat(" ", pad) + miniHeader)
		for b.Len() < 100<<10 {
			b.WriteString(miniRow)
		}
		res, err := table.ReadText(strings.NewReader(b.String()), table.ReadOptions{File: "big.txt"})
		if err != nil {
			t.Fatalf("pad %d: %v", pad, err)
		}
		if hasNote(res.Notes, "GBK") || res.Table.Projects()[0].Name != "培训经费" {
			t.Errorf("pad %d: notes %q, first project %q", pad, res.Notes, res.Table.Projects()[0].Name)
		}
	}
}
