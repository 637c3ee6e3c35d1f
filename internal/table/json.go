package table

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"jixiao"
	"jixiao/internal/value"
)

// SchemaTable names the open-data form of one table (DESIGN §8).
const SchemaTable = "jixiao.table/v1"

// The JSON shapes of jixiao.table/v1. Money is a decimal string in the
// table's money unit; numbers in targets are decimal strings too.
type (
	tableJSON struct {
		Schema           string        `json:"schema"`
		Title            string        `json:"title"`
		Org              string        `json:"org"`
		FiscalYear       int           `json:"fiscal_year"`
		FiscalYearSource string        `json:"fiscal_year_source,omitempty"`
		MoneyUnit        string        `json:"money_unit"`
		Total            string        `json:"total"`
		Funding          *fundingJSON  `json:"funding,omitempty"` // the 合计 row, all four columns
		Units            []unitJSON    `json:"units,omitempty"`   // 资金使用单位 subtotals as printed, in order
		Version          int           `json:"version,omitempty"`
		Hash             string        `json:"hash,omitempty"`
		Projects         []projectJSON `json:"projects"`
	}
	unitJSON struct {
		Name    string      `json:"name"`
		Funding fundingJSON `json:"funding"`
	}
	fundingJSON struct {
		Total          string `json:"total"`
		Fiscal         string `json:"fiscal"`
		SpecialAccount string `json:"special_account"`
		Other          string `json:"other"`
	}
	projectJSON struct {
		Name            string          `json:"name"`
		Org             string          `json:"org"`
		Funding         fundingJSON     `json:"funding"`
		Goal            string          `json:"goal"`
		AnnualGoal      string          `json:"annual_goal,omitempty"`
		TransferPayment bool            `json:"transfer_payment,omitempty"`
		Indicators      []indicatorJSON `json:"indicators"`
	}
	indicatorJSON struct {
		Seq       int          `json:"seq"`
		Level1    categoryJSON `json:"level1"`
		Level2    categoryJSON `json:"level2"`
		Name      string       `json:"name"`
		Unit      string       `json:"unit,omitempty"`
		Direction string       `json:"direction,omitempty"`
		Weight    string       `json:"weight,omitempty"`
		Period    targetJSON   `json:"period"`
		Annual    targetJSON   `json:"annual"`
	}
	categoryJSON struct {
		Code string `json:"code"`
		Name string `json:"name"`
	}
	targetJSON struct {
		Raw        string `json:"raw"`
		Text       string `json:"text"`
		Kind       string `json:"kind,omitempty"`
		Op         string `json:"op,omitempty"`
		ImplicitOp bool   `json:"implicit_op,omitempty"`
		Value      string `json:"value,omitempty"`
		Max        string `json:"max,omitempty"`
		Unit       string `json:"unit,omitempty"`
		Qualifier  string `json:"qualifier,omitempty"`
		Date       string `json:"date,omitempty"`
		Bool       *bool  `json:"bool,omitempty"`
	}
)

// WriteJSON writes t as jixiao.table/v1, indented, with a final newline.
func WriteJSON(w io.Writer, t *jixiao.Table) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(toJSON(t))
}

func toJSON(t *jixiao.Table) *tableJSON {
	u := moneyUnit(t)
	total := fundingToJSON(t.Total, u)
	out := &tableJSON{
		Schema: SchemaTable, Title: t.Title, Org: t.Org, FiscalYear: t.FiscalYear,
		FiscalYearSource: t.FiscalYearSource, MoneyUnit: string(u),
		Total: total.Total, Funding: &total, Version: t.Version, Hash: t.Hash,
		Projects: []projectJSON{},
	}
	for _, un := range t.Units {
		out.Units = append(out.Units, unitJSON{Name: un.Name, Funding: fundingToJSON(un.Funding, u)})
		for _, p := range un.Projects {
			pj := projectJSON{Name: p.Name, Org: un.Name, Funding: fundingToJSON(p.Funding, u), Goal: p.Goal,
				AnnualGoal: p.AnnualGoal, TransferPayment: p.TransferPayment, Indicators: []indicatorJSON{}}
			for _, in := range p.Indicators {
				pj.Indicators = append(pj.Indicators, indicatorJSON{
					Seq: in.Seq, Level1: categoryJSON(in.Level1), Level2: categoryJSON(in.Level2),
					Name: in.Name, Unit: in.Unit, Direction: string(value.Direction(in)), Weight: in.Weight.String(),
					Period: targetToJSON(in.Period), Annual: targetToJSON(in.Annual),
				})
			}
			out.Projects = append(out.Projects, pj)
		}
	}
	return out
}

func fundingToJSON(f jixiao.Funding, u jixiao.MoneyUnit) fundingJSON {
	return fundingJSON{f.Total.Format(u), f.Fiscal.Format(u), f.SpecialAccount.Format(u), f.Other.Format(u)}
}

func targetToJSON(t jixiao.Target) targetJSON {
	j := targetJSON{Raw: t.Raw, Text: t.Text, Kind: string(t.Kind)}
	switch t.Kind {
	case jixiao.KindNumeric:
		j.Op, j.ImplicitOp, j.Value, j.Max, j.Unit, j.Qualifier = string(t.Op), t.ImplicitOp, t.Value.String(), t.Max.String(), t.Unit, t.Qualifier
	case jixiao.KindDeadline:
		j.Date, j.Qualifier = t.Date, t.Qualifier
	case jixiao.KindBoolean:
		b := t.Bool
		j.Bool = &b
	}
	return j
}

// ReadJSON reads jixiao.table/v1. Parsed target fields in the file are not
// trusted: targets are derived again from their raw text, as for every
// other format. Projects are grouped into 资金使用单位 by their "org"; unit
// subtotals come from "units" when present, else they are summed.
func ReadJSON(r io.Reader, opts ReadOptions) (*Result, error) {
	var j tableJSON
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return nil, jsonError(opts.File, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, invalid(&ParseError{File: opts.File, Expected: "只有一个 jixiao.table/v1 对象（多张表请分成多个文件）", Got: "对象之后还有内容"})
	}
	if j.Schema != SchemaTable {
		return nil, invalid(&ParseError{File: opts.File, Field: "schema", Expected: "“" + SchemaTable + "”", Got: j.Schema})
	}
	u := jixiao.MoneyUnit(j.MoneyUnit)
	if u == "" {
		u = jixiao.WanYuan
	}
	if _, ok := u.FenPer(); !ok {
		return nil, invalid(&ParseError{File: opts.File, Field: "money_unit", Expected: "“元”“万元”或“亿元”", Got: j.MoneyUnit})
	}
	t := &jixiao.Table{Title: j.Title, Org: j.Org, FiscalYear: j.FiscalYear, FiscalYearSource: j.FiscalYearSource,
		MoneyUnit: u, Source: opts.File}
	res := &Result{Table: t}
	var err error
	money := func(field, s string) jixiao.Fen {
		if err != nil {
			return 0
		}
		var f jixiao.Fen
		if f, err = jixiao.ParseMoney(s, u); err != nil {
			err = invalid(&ParseError{File: opts.File, Field: field, Expected: "以" + string(u) + "为单位的金额字符串", Got: s})
		}
		return f
	}
	funding := func(field string, f fundingJSON) jixiao.Funding {
		return jixiao.Funding{Total: money(field+".total", f.Total), Fiscal: money(field+".fiscal", f.Fiscal),
			SpecialAccount: money(field+".special_account", f.SpecialAccount), Other: money(field+".other", f.Other)}
	}
	if j.Funding != nil {
		t.Total = funding("funding", *j.Funding)
	} else {
		t.Total.Total = money("total", j.Total)
	}
	unitIndex := map[string]int{}
	for i, un := range j.Units {
		t.Units = append(t.Units, jixiao.Unit{Name: un.Name, Funding: funding(fmt.Sprintf("units[%d].funding", i), un.Funding)})
		unitIndex[un.Name] = i
	}
	summed := map[int]bool{}
	handSet := map[*jixiao.Indicator]jixiao.Direction{}
	for pi, pj := range j.Projects {
		where := fmt.Sprintf("projects[%d]", pi)
		if strings.TrimSpace(pj.Name) == "" {
			return nil, invalid(&ParseError{File: opts.File, Field: where + ".name", Expected: "非空的项目名称"})
		}
		pj.Name = strings.TrimSpace(pj.Name)
		if pj.Org = strings.TrimSpace(pj.Org); pj.Org == "" {
			pj.Org = strings.TrimSuffix(j.Org, "（本级）") // as the text reader does
		}
		ui, ok := unitIndex[pj.Org]
		if !ok {
			ui = len(t.Units)
			unitIndex[pj.Org] = ui
			t.Units = append(t.Units, jixiao.Unit{Name: pj.Org})
			summed[ui] = true
		}
		p := &jixiao.Project{Name: pj.Name, Org: pj.Org, Funding: funding(where+".funding", pj.Funding), Goal: pj.Goal,
			AnnualGoal: pj.AnnualGoal, TransferPayment: pj.TransferPayment}
		if summed[ui] {
			t.Units[ui].Funding = t.Units[ui].Funding.Add(p.Funding)
		}
		for ii, ij := range pj.Indicators {
			in := &jixiao.Indicator{Seq: ij.Seq, Level1: jixiao.Category(ij.Level1), Level2: jixiao.Category(ij.Level2),
				Name: ij.Name, Unit: ij.Unit,
				Period: jixiao.Target{Raw: rawOf(ij.Period)}, Annual: jixiao.Target{Raw: rawOf(ij.Annual)}}
			handSet[in] = jixiao.Direction(ij.Direction)
			if in.Seq == 0 {
				in.Seq = ii + 1
			}
			if ij.Weight != "" {
				w, werr := jixiao.ParseDecimal(ij.Weight)
				if werr != nil {
					return nil, invalid(&ParseError{File: opts.File, Field: fmt.Sprintf("%s.indicators[%d].weight", where, ii), Expected: "十进制数字字符串", Got: ij.Weight})
				}
				in.Weight = w
			}
			p.Indicators = append(p.Indicators, in)
		}
		t.Units[ui].Projects = append(t.Units[ui].Projects, p)
	}
	if err != nil {
		return nil, err
	}
	if len(summed) > 0 && len(j.Units) > 0 {
		res.Notes = append(res.Notes, "部分项目的单位不在 units 中：其小计按项目求和")
	}
	if err := completeTable(res, opts); err != nil {
		return nil, err
	}
	// The file gives every indicator's effective direction; only one that
	// differs from what the targets say was set by hand.
	for in, d := range handSet {
		if d != "" && d != value.Direction(in) {
			in.Direction = d
		}
	}
	return res, nil
}

// rawOf returns the raw text of a target; a hand-written file may give only
// the normalised text.
func rawOf(t targetJSON) string {
	if t.Raw != "" {
		return t.Raw
	}
	return t.Text
}

func jsonError(file string, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return invalid(&ParseError{File: file, Field: fmt.Sprintf("字节 %d", se.Offset), Expected: "合法的 JSON", Got: se.Error()})
	case errors.As(err, &te):
		return invalid(&ParseError{File: file, Field: te.Field, Expected: "类型为 " + te.Type.String() + " 的值", Got: te.Value})
	case err == io.EOF:
		return invalid(&ParseError{File: file, Expected: "jixiao.table/v1 JSON", Got: "空文件"})
	}
	return invalid(&ParseError{File: file, Expected: "jixiao.table/v1 JSON", Got: err.Error()})
}
