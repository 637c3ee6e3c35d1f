package progressfile

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

var sample = []Row{
	{Project: "培训经费", Seq: 1, Name: "培训场次", Target: "≥30场", AsOf: "2024-06-30", Budget: "5.00", Executed: "2.00", Forecast: "20场", Reason: "场地不足", Measure: "加开"},
	{Project: "培训经费", Seq: 2, Name: "满意度", Target: "≥90%", AsOf: "2024-06-30", Budget: "5.00", Executed: "2.00", Forecast: "95%"},
	{Project: "宣传经费", Seq: 1, Name: "宣传效果", Target: "明显提升", AsOf: "2024-06-30", Budget: "1.00", Executed: "0.50", Attainment: "部分达成"},
}

func strip(rows []Row) []Row {
	out := append([]Row(nil), rows...)
	for i := range out {
		out[i].Place = ""
	}
	return out
}

func TestTemplatesReadBackAsWritten(t *testing.T) {
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"csv", func(b *bytes.Buffer) error { return WriteCSV(b, "万元", sample) }},
		{"xlsx", func(b *bytes.Buffer) error { return WriteXLSX(b, "万元", sample) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.write(&buf); err != nil {
				t.Fatal(err)
			}
			got, err := Read(&buf, "模板."+tc.name)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(strip(got), sample) {
				t.Errorf("got  %+v\nwant %+v", strip(got), sample)
			}
			if got[0].Place == "" {
				t.Error("rows carry no place for messages")
			}
		})
	}
}

func TestCSVSavedByExcelInGBKReads(t *testing.T) {
	var buf bytes.Buffer
	WriteCSV(&buf, "万元", sample[:1])
	text := strings.TrimPrefix(buf.String(), "\uFEFF")
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Read(strings.NewReader(gbk), "gbk.csv")
	if err != nil || len(got) != 1 || got[0].Reason != "场地不足" {
		t.Fatalf("GBK CSV: %+v, %v", got, err)
	}
}

func TestBadFilesSayWhatAndWhere(t *testing.T) {
	for _, tc := range []struct {
		name, input, want string
	}{
		{"empty", "", "文件是空的"},
		{"not our header", "a,b,c\n1,2,3\n", "表头缺少列：项目名称"},
		{"bad sequence", strings.Join(Columns, ",") + "\n培训经费,一,x,,,,,,,,,\n", "第 2 行第 2 列（序号）：序号须是正整数"},
		{"no rows", strings.Join(Columns, ",") + "\n", "没有填报行"},
		{"broken zip", "PK\x03\x04garbage", "不是可读的 Excel 工作簿"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tc.input), "f.csv")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to say %q", err, tc.want)
			}
		})
	}
}
