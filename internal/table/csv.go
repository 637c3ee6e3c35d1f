package table

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/internal/value"
)

// csvHeader is the long layout: one row per indicator, the project's data
// repeated on each, then the raw and parsed targets. Chinese names first, as
// officials read them; the parsed columns keep the JSON field names.
var csvHeader = []string{
	"预算年度", "单位名称", "资金使用单位", "项目名称", "金额单位", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标",
	"序号", "一级指标代码", "一级指标", "二级指标代码", "二级指标", "三级指标", "计量单位", "指标方向", "权重",
	"实施周期指标值", "年度指标值",
	"annual_kind", "annual_op", "annual_value", "annual_max", "annual_unit", "annual_qualifier", "annual_date", "annual_bool",
}

// WriteCSV writes the long CSV of t, UTF-8 with a BOM so that Excel opens it
// as UTF-8. A project without indicators still gets one row.
func WriteCSV(w io.Writer, t *jixiao.Table) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	u := moneyUnit(t)
	year := strconv.Itoa(t.FiscalYear)
	for _, un := range t.Units {
		for _, p := range un.Projects {
			head := []string{year, t.Org, un.Name, p.Name, string(u),
				p.Funding.Total.Format(u), p.Funding.Fiscal.Format(u), p.Funding.SpecialAccount.Format(u), p.Funding.Other.Format(u), p.Goal}
			if len(p.Indicators) == 0 {
				if err := cw.Write(excelSafe(append(head, make([]string, len(csvHeader)-len(head))...))); err != nil {
					return err
				}
			}
			for _, in := range p.Indicators {
				a := in.Annual
				b := ""
				if a.Kind == jixiao.KindBoolean {
					b = strconv.FormatBool(a.Bool)
				}
				rec := append(append([]string{}, head...),
					strconv.Itoa(in.Seq), in.Level1.Code, in.Level1.Name, in.Level2.Code, in.Level2.Name, in.Name, in.Unit,
					string(value.Direction(in)), in.Weight.String(), in.Period.Raw, in.Annual.Raw,
					string(a.Kind), string(a.Op), a.Value.String(), a.Max.String(), a.Unit, a.Qualifier, a.Date, b)
				if err := cw.Write(excelSafe(rec)); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// excelSafe keeps spreadsheets from running cell text as a formula (CSV
// injection): a text cell that starts with = + @ or - is prefixed with an
// apostrophe, which Excel and LibreOffice hide. Numbers, negative ones
// included, are left alone. So the comparator "=" reads '= in the CSV.
func excelSafe(rec []string) []string {
	for i, c := range rec {
		if c == "" || !strings.ContainsRune("=+@-", rune(c[0])) {
			continue
		}
		if _, err := jixiao.ParseDecimal(c); err == nil {
			continue
		}
		rec[i] = "'" + c
	}
	return rec
}
