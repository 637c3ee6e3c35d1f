package table_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/seedtest"
	"jixiao/internal/table"
)

var update = flag.Bool("update", false, "rewrite golden files")

func readSeed(t *testing.T) *table.Result {
	t.Helper()
	res, err := table.ReadFile(seedtest.Path(t), nil, table.ReadOptions{File: seedtest.SeedName})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestSeedIsReadExactly(t *testing.T) {
	res := readSeed(t)
	tb := res.Table
	if got := len(tb.Projects()); got != 53 {
		t.Errorf("projects = %d, want 53", got)
	}
	if got := tb.IndicatorCount(); got != 221 {
		t.Errorf("indicators = %d, want 221", got)
	}
	if tb.Total.Total != 27_793_940_000 || tb.Total.Fiscal != 27_793_940_000 || tb.Total.SpecialAccount != 0 || tb.Total.Other != 0 {
		t.Errorf("合计 = %+v, want 27,793.94 万元 all 财政拨款", tb.Total)
	}
	if tb.Title != "项目支出绩效目标表（含转移支付项目）" || tb.Org != "广州市花都区科技工业商务和信息化局（本级）" || tb.MoneyUnit != jixiao.WanYuan {
		t.Errorf("header = %q / %q / %q", tb.Title, tb.Org, tb.MoneyUnit)
	}
	if len(tb.Units) != 1 || tb.Units[0].Name != "广州市花都区科技工业商务和信息化局" || tb.Units[0].Funding.Total != 27_793_940_000 {
		t.Errorf("units = %d, first %q %+v", len(tb.Units), tb.Units[0].Name, tb.Units[0].Funding)
	}
	var sum jixiao.Fen
	for _, p := range tb.Projects() {
		sum += p.Funding.Total
		if p.Funding.Total != p.Funding.Fiscal {
			t.Errorf("%s: 总计 %d ≠ 财政拨款 %d", p.Name, p.Funding.Total, p.Funding.Fiscal)
		}
		if p.Goal == "" || len(p.Indicators) == 0 {
			t.Errorf("%s: goal %q, %d indicators", p.Name, p.Goal, len(p.Indicators))
		}
		for i, in := range p.Indicators {
			if in.Seq != i+1 || in.Level1.Code == "" || in.Level2.Code == "" || in.Name == "" || in.Period.Raw == "" || in.Annual.Raw == "" {
				t.Errorf("%s #%d incomplete: %+v", p.Name, i+1, in)
			}
		}
	}
	if sum != tb.Total.Total {
		t.Errorf("projects sum to %d fen, 合计 is %d", sum, tb.Total.Total)
	}
	if tb.FiscalYear != 2024 || !strings.HasPrefix(tb.FiscalYearSource, "inferred: 2024年") {
		t.Errorf("fiscal year %d (%s), want 2024 inferred", tb.FiscalYear, tb.FiscalYearSource)
	}
	if !hasNote(res.Notes, "推断为 2024 年") {
		t.Errorf("notes %q do not say the year was inferred", res.Notes)
	}
}

func hasNote(notes []string, s string) bool {
	for _, n := range notes {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
}

func project(t *testing.T, tb *jixiao.Table, name string) *jixiao.Project {
	t.Helper()
	for _, p := range tb.Projects() {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no project %q", name)
	return nil
}

func TestSeedRowsAndCells(t *testing.T) {
	tb := readSeed(t).Table
	t.Run("7-field row", func(t *testing.T) {
		p := project(t, tb, "中小企业培训经费")
		if p.Funding.Total != 5_000_000 || p.Goal != "完成年度中小企业培训和供需对接等活动任务，促进本区中小企业发展水平和能力的稳步提升。" {
			t.Errorf("funding %+v goal %q", p.Funding, p.Goal)
		}
		in := p.Indicators[1]
		if in.Level1 != (jixiao.Category{Code: "1", Name: "产出指标"}) || in.Level2 != (jixiao.Category{Code: "13", Name: "时效指标"}) || in.Name != "完成时间" {
			t.Errorf("indicator 2 = %+v", in)
		}
		if in.Period.Raw != "年度内完成。" || in.Annual.Raw != "年度内完成" {
			t.Errorf("raw period %q annual %q: the period keeps its own 。, the annual loses only the terminator", in.Period.Raw, in.Annual.Raw)
		}
		if in.Annual.Kind != jixiao.KindDeadline || in.Annual.Date != "2024-12-31" {
			t.Errorf("年度内完成 → %+v, want deadline 2024-12-31", in.Annual)
		}
	})
	t.Run("6-field row after a page break", func(t *testing.T) {
		p := project(t, tb, "“政企通”服务平台工作经费")
		if p.Funding.Total != 45_000_000 || p.Funding.Fiscal != 45_000_000 || len(p.Indicators) != 4 || !strings.HasPrefix(p.Goal, "通过组织发动企业") {
			t.Errorf("%+v goal %q, %d indicators", p.Funding, p.Goal, len(p.Indicators))
		}
	})
	t.Run("thousands separators", func(t *testing.T) {
		p := project(t, tb, "对口帮扶贵州省东西部协作资金")
		if p.Funding.Total != 8_948_000_000 {
			t.Errorf("8,948.00 万元 = %d fen", p.Funding.Total)
		}
	})
	t.Run("LaTeX residue and full-width colon", func(t *testing.T) {
		in := project(t, tb, "电子商务产业引导和培训工作经费").Indicators[1]
		if in.Annual.Raw != " $\\geq 50$ 家" || in.Annual.Text != "≥50家" {
			t.Errorf("raw %q text %q", in.Annual.Raw, in.Annual.Text)
		}
		if in.Annual.Kind != jixiao.KindNumeric || in.Annual.Op != jixiao.OpGE || in.Annual.Value.String() != "50" || in.Annual.Unit != "家" {
			t.Errorf("parsed %+v", in.Annual)
		}
	})
	t.Run("ISO date inside the cell", func(t *testing.T) {
		in := project(t, tb, "花都区“十四五”发展规划中期评估费用").Indicators[1]
		if in.Name != "项目完成时间" || in.Annual.Raw != "2023-10-31" || in.Annual.Date != "2023-10-31" {
			t.Errorf("%q %+v", in.Name, in.Annual)
		}
	})
	t.Run("indicator name ending in 。 before its values", func(t *testing.T) {
		in := project(t, tb, "中国电子音响行业协会合作推进产业发展经费").Indicators[2]
		if in.Name != "推动我区电子音响相关产业高质量发展。" || !strings.HasPrefix(in.Annual.Raw, "吸引超10家以上") {
			t.Errorf("%q / %q", in.Name, in.Annual.Raw)
		}
	})
}

func TestSeedGoldenJSON(t *testing.T) {
	res := readSeed(t)
	var buf bytes.Buffer
	if err := table.WriteJSON(&buf, res.Table); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "seed.golden.json")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/table -run Golden -update to create it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("seed JSON differs from %s; review the change and rerun with -update\n%s", golden, firstDiff(buf.String(), string(want)))
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i] != w[i] {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + g[i] + "\nwant: " + w[i]
		}
	}
	return "lengths differ: got " + strconv.Itoa(len(g)) + " lines, want " + strconv.Itoa(len(w))
}
