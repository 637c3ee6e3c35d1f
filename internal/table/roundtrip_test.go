package table_test

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/gen"
	"jixiao/internal/table"
)

// sameData compares two tables as data: what a user typed or a publisher
// printed and what we derived from it, but not where it was read from.
func sameData(t *testing.T, what string, a, b *jixiao.Table) {
	t.Helper()
	strip := func(tb *jixiao.Table) *jixiao.Table {
		c := *tb
		c.Source, c.ID, c.Version, c.Hash = "", 0, 0, ""
		c.Units = nil
		for _, u := range tb.Units {
			u.Line = 0
			var ps []*jixiao.Project
			for _, p := range u.Projects {
				pc := *p
				pc.Line = 0
				ps = append(ps, &pc)
			}
			u.Projects = ps
			c.Units = append(c.Units, u)
		}
		return &c
	}
	x, y := strip(a), strip(b)
	if reflect.DeepEqual(x, y) {
		return
	}
	if x.Total != y.Total || len(x.Units) != len(y.Units) || x.FiscalYear != y.FiscalYear {
		t.Fatalf("%s: tables differ: total %+v vs %+v, %d vs %d units, year %d vs %d", what, x.Total, y.Total, len(x.Units), len(y.Units), x.FiscalYear, y.FiscalYear)
	}
	xp, yp := x.Projects(), y.Projects()
	for i := range xp {
		if i >= len(yp) {
			break
		}
		if !reflect.DeepEqual(xp[i], yp[i]) {
			for j := range xp[i].Indicators {
				if j < len(yp[i].Indicators) && !reflect.DeepEqual(xp[i].Indicators[j], yp[i].Indicators[j]) {
					t.Fatalf("%s: project %q indicator %d:\n%+v\n%+v", what, xp[i].Name, j+1, *xp[i].Indicators[j], *yp[i].Indicators[j])
				}
			}
			t.Fatalf("%s: project %d differs:\n%+v\n%+v", what, i, *xp[i], *yp[i])
		}
	}
	t.Fatalf("%s: tables differ\n%+v\n%+v", what, x, y)
}

func reread(t *testing.T, tb *jixiao.Table, f table.Format) *jixiao.Table {
	t.Helper()
	var buf bytes.Buffer
	if err := table.Write(&buf, tb, f); err != nil {
		t.Fatalf("write %s: %v", f, err)
	}
	res, err := table.Read(&buf, table.ReadOptions{File: "again." + string(f)})
	if err != nil {
		t.Fatalf("read back %s: %v\n%s", f, err, buf.String())
	}
	return res.Table
}

func TestSeedRoundTrips(t *testing.T) {
	orig := readSeed(t).Table
	for _, f := range []table.Format{table.FormatText, table.FormatJSON} {
		t.Run(string(f), func(t *testing.T) {
			again := reread(t, orig, f)
			if f == table.FormatText && again.FiscalYearSource != "given: 预算年度：2024 in the file" {
				// Published tables do not print the year; our exports do.
				t.Errorf("year source after text export: %q", again.FiscalYearSource)
			}
			again.FiscalYearSource = orig.FiscalYearSource
			sameData(t, string(f), orig, again)
			if jixiao.ContentHash(orig) != jixiao.ContentHash(again) {
				t.Error("content hash changed across the round trip")
			}
			// And a second trip changes nothing more.
			twice := reread(t, again, f)
			twice.FiscalYearSource = again.FiscalYearSource
			sameData(t, string(f)+" twice", again, twice)
		})
	}
}

func TestTextWriterReproducesPublishedLayout(t *testing.T) {
	orig := readSeed(t).Table
	var buf bytes.Buffer
	if err := table.WriteText(&buf, orig); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"项目支出绩效目标表（含转移支付项目）\n",
		"单位名称：广州市花都区科技工业商务和信息化局（本级）\n",
		"单位：万元\n",
		"预算年度：2024\n",
		"项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n",
		"合计\t27,793.94\t27,793.94\t\t\t\t\n",
		"广州市花都区科技工业商务和信息化局\t27,793.94\t27,793.94\t\t\t\t\n",
		"中小企业培训经费\t5.00\t5.00\t\t\t完成年度中小企业培训",
		"1、1-产出指标；11-数量指标；开展培训场次；实施周期指标值:2；年度指标值:2。2、1-产出指标；13-时效指标；完成时间；实施周期指标值:年度内完成。；年度指标值:年度内完成。3、",
	} {
		if !bytes.Contains(buf.Bytes(), []byte(want)) {
			t.Errorf("text export lacks %q", want)
		}
	}
	if n := bytes.Count([]byte(out), []byte("\n")); n != 64 {
		t.Errorf("text export has %d lines, want 64 (title block of 8 with our 预算年度 line, header, 合计, unit row, 53 projects)", n)
	}
}

func TestGeneratedTablesRoundTripThroughText(t *testing.T) {
	for i := 0; i < 60; i++ {
		orig := gen.Table(gen.DefaultOptions(3), i)
		table.ParseTargets(orig)
		again := reread(t, orig, table.FormatText)
		if jixiao.ContentHash(orig) != jixiao.ContentHash(again) {
			sameData(t, orig.Source, orig, again)
			t.Fatalf("table %d: hash differs", i)
		}
		if again.FiscalYear != 2024 {
			t.Errorf("table %d: year %d inferred as %q", i, again.FiscalYear, again.FiscalYearSource)
		}
		againJSON := reread(t, again, table.FormatJSON)
		againJSON.FiscalYearSource = again.FiscalYearSource
		sameData(t, "json", again, againJSON)
	}
}

func TestGivenYearSurvivesTextExport(t *testing.T) {
	res, err := table.ReadText(strings.NewReader(miniHeader+miniRow), table.ReadOptions{File: "mini.txt", FiscalYear: 2025})
	if err != nil {
		t.Fatal(err)
	}
	// Its deadlines say 2024, but the user said 2025: the export must keep 2025.
	if again := reread(t, res.Table, table.FormatText); again.FiscalYear != 2025 {
		t.Errorf("year after text export: %d (%s)", again.FiscalYear, again.FiscalYearSource)
	}
}

func TestTextWriterRefusesWhatWouldReadBackDifferently(t *testing.T) {
	base := func() *jixiao.Table {
		return &jixiao.Table{Title: "t", Org: "某局（本级）", FiscalYear: 2024, MoneyUnit: jixiao.WanYuan,
			Units: []jixiao.Unit{{Name: "某局", Projects: []*jixiao.Project{{Name: "培训经费", Goal: "完成培训。"}}}}}
	}
	projectLikeUnit := base()
	projectLikeUnit.Units[0].Projects = append(projectLikeUnit.Units[0].Projects, &jixiao.Project{Name: "技能大赛组委会"})
	unitLikeProject := base()
	unitLikeProject.Units = append(unitLikeProject.Units, jixiao.Unit{Name: "某某实验基地", Projects: []*jixiao.Project{{Name: "x", Goal: "y"}}})
	unnamedUnit := base()
	unnamedUnit.Units[0].Name = ""
	for name, tb := range map[string]*jixiao.Table{"a project without goal or indicators named like a unit": projectLikeUnit,
		"a second unit not named like one": unitLikeProject, "a unit without a name": unnamedUnit} {
		if err := table.WriteText(io.Discard, tb); jixiao.ErrorCode(err) != jixiao.EINVALID {
			t.Errorf("%s: WriteText = %v, want a refusal", name, err)
		}
	}
	if err := table.WriteText(io.Discard, base()); err != nil {
		t.Errorf("plain table refused: %v", err)
	}
}

func TestCSVKeepsSpreadsheetsFromRunningFormulas(t *testing.T) {
	tb := &jixiao.Table{Title: "t", Org: "某局", FiscalYear: 2024, MoneyUnit: jixiao.WanYuan,
		Units: []jixiao.Unit{{Name: "某局", Projects: []*jixiao.Project{{Name: "=HYPERLINK(\"x\")", Goal: "-1.5 万元",
			Funding:    jixiao.Funding{Total: -1_500_000},
			Indicators: []*jixiao.Indicator{{Seq: 1, Name: "@x", Annual: jixiao.Target{Raw: "2", Kind: jixiao.KindNumeric, Op: jixiao.OpEQ, Value: jixiao.MustDecimal("2")}}}}}}}}
	var buf bytes.Buffer
	if err := table.WriteCSV(&buf, tb); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{`"'=HYPERLINK(""x"")"`, ",'-1.5 万元,", ",'@x,", ",-1.50,", ",'=,"} {
		if !strings.Contains(out, want) {
			t.Errorf("CSV lacks %s:\n%s", want, out)
		}
	}
}
