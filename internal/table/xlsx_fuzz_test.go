package table_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao"
	"jixiao/internal/gen"
	"jixiao/internal/table"
)

// FuzzReadXLSX: whatever bytes come in, the workbook reader never panics
// or hangs, fails only with invalid-input errors, and what it accepts is a
// table with projects. The seed corpus (run by every go test) is our own
// export and template, hand-written sheets with formulas, dates and shared
// strings, and broken archives.
func FuzzReadXLSX(f *testing.F) {
	small := gen.Table(gen.Options{Seed: 1, MinUnits: 1, MaxUnits: 2, MinProjects: 1, MaxProjects: 2, DefectRate: 0.5}, 0)
	var export, tmpl bytes.Buffer
	if err := table.WriteXLSX(&export, small); err != nil {
		f.Fatal(err)
	}
	if err := table.WriteTemplate(&tmpl, table.TemplateOptions{Year: 2025, Org: "测试局"}); err != nil {
		f.Fatal(err)
	}
	long := excelize.NewFile()
	setRows(f, long, "Sheet1", 1,
		[]any{"单位名称：测试局", nil, "预算年度：2024"},
		[]any{"项目名称", "总计", "一级指标", "三级指标", "年度指标值"},
		[]any{"培训经费", 5, "1-产出指标", "场次", "2场"},
		[]any{nil, nil, nil, "合格率", 0.9})
	long.MergeCell("Sheet1", "A3", "A4")
	for _, b := range [][]byte{
		export.Bytes(),
		tmpl.Bytes(),
		writeBook(f, long),
		rawBook(f, []string{"培训经费"}, rawSheet{name: "S", rows: flatRows("A$0", "B!=SUM(C6)|5", "C#5", "F=目标", "G=1、1-产出指标；11-数量指标；场次；实施周期指标值:45657；年度指标值:2。")}),
		rawBook(f, nil, rawSheet{name: "S", rows: []string{xrow(1, "A=项目名称", "B=三级指标", "C=年度指标值"), xrow(2, "A=x", "B=y", "C#45657@1"), xrow(3, "B?#N/A", "C#0.5@2")}}),
		[]byte("PK\x03\x04"),
		zipOf(f, map[string][]byte{"xl/workbook.xml": []byte(`<workbook><sheets><sheet name="a" r:id="x"/></sheets></workbook>`)}),
	} {
		f.Add(b, false)
		f.Add(b, true)
	}
	f.Fuzz(func(t *testing.T, b []byte, partial bool) {
		rs, err := table.ReadXLSX(bytes.NewReader(b), int64(len(b)), table.ReadOptions{File: "fuzz.xlsx", FiscalYear: 2024, Partial: partial})
		if err != nil && jixiao.ErrorCode(err) != jixiao.EINVALID {
			t.Fatalf("error of code %q: %v", jixiao.ErrorCode(err), err)
		}
		if err != nil && !partial && len(rs) > 0 {
			t.Fatalf("tables returned with an error outside partial mode: %v", err)
		}
		for _, r := range rs {
			if r.Table == nil || len(r.Table.Projects()) == 0 {
				t.Fatalf("accepted a table without projects: %+v", r)
			}
			if err := table.WriteJSON(&bytes.Buffer{}, r.Table); err != nil {
				t.Fatalf("accepted table does not write: %v", err)
			}
		}
	})
}

// FuzzReadSheetXML fuzzes what is inside a valid archive: the worksheet's
// XML and the shared strings, where mutations of a whole zip rarely reach
// (they break its checksums first).
func FuzzReadSheetXML(f *testing.F) {
	f.Add(strings.Join(flatRows(), ""), "培训经费")
	f.Add(xrow(1, "A=单位名称：测试局", "C=预算年度：2024")+xrow(2, "A=项目名称", "B=总计", "C=一级指标", "D=三级指标", "E=实施周期指标值", "F=年度指标值")+
		xrow(3, "A$0", "B!=SUM(X1)|5", "C=1-产出指标", "D=场次", "E#45657@1", "F#0.9@2")+xrow(4, "C?#N/A", "D=合格率", "F#45657@3"), "培训经费")
	f.Add(xrow(1, "A=项目名称", "B=资金（万元）", "F=绩效目标", "G=绩效指标")+xrow(2, "B=总计", "C=财政拨款")+xrow(3, "A=合计", "B#5"), "_x0041_")
	f.Fuzz(func(t *testing.T, rows, shared string) {
		b := rawBook(t, []string{shared, "x"}, rawSheet{name: "S", rows: []string{rows}})
		for _, partial := range []bool{false, true} {
			rs, err := table.ReadXLSX(bytes.NewReader(b), int64(len(b)), table.ReadOptions{File: "fuzz.xlsx", FiscalYear: 2024, Partial: partial})
			if err != nil && jixiao.ErrorCode(err) != jixiao.EINVALID {
				t.Fatalf("error of code %q: %v", jixiao.ErrorCode(err), err)
			}
			for _, r := range rs {
				if len(r.Table.Projects()) == 0 {
					t.Fatalf("accepted a table without projects")
				}
			}
		}
	})
}
