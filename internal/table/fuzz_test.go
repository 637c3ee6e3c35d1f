package table_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/table"
)

// FuzzReadText: the reader never panics or hangs, and whatever it accepts
// it writes back and reads again as the same data.
func FuzzReadText(f *testing.F) {
	f.Add(miniHeader + miniRow)
	f.Add(miniHeader + "培训经费\t5.00\t5.00\t\t完成培训。\t1、1-产出指标；11-数量指标；场次；实施周期指标值: $\\geq$ 60；年度指标值：2023-10-31。2、2-效益指标；22-社会效益；影响；实施周期指标值:3、4季度；年度指标值:稳步提升。\n")
	f.Add(miniHeader + "培训经费\t5.00\t五\t\t\t完成培训。\t\n")
	f.Add(miniHeader + "\n\n培训经费\t1,005.00\t1,000.00\t5\t\t目标\t1、1-产出指标；11-数量指标；a；年度指标值:1。\n")
	f.Add("单位：元\n项目名称\tx\n合计\t1\n")
	f.Add("\xff\xfe\x00")
	if b, err := os.ReadFile(seedPathOrEmpty()); err == nil {
		lines := strings.SplitAfter(string(b), "\n")
		f.Add(strings.Join(lines[:20], ""))
	}
	f.Fuzz(func(t *testing.T, in string) {
		res, err := table.ReadText(strings.NewReader(in), table.ReadOptions{File: "fuzz.txt", FiscalYear: 2024})
		if err != nil {
			if jixiao.ErrorCode(err) != jixiao.EINVALID {
				t.Fatalf("error of code %q: %v", jixiao.ErrorCode(err), err)
			}
			return
		}
		var buf bytes.Buffer
		if err := table.WriteText(&buf, res.Table); err != nil {
			return // data the text layout cannot carry is refused, not mangled
		}
		again, err := table.ReadText(&buf, table.ReadOptions{File: "again.txt", FiscalYear: 2024})
		if err != nil {
			t.Fatalf("accepted input does not read back after writing: %v\n%q", err, buf.String())
		}
		if jixiao.ContentHash(res.Table) != jixiao.ContentHash(again.Table) {
			t.Fatalf("round trip changed the data\n in: %q\nout: %q", in, buf.String())
		}
	})
}

// seedPathOrEmpty finds the seed without skipping: a fuzz corpus is still
// useful without it.
func seedPathOrEmpty() string {
	return "../../../shared/seeds/000_69318a9b511d8c9f.txt"
}
