package scoresheet

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"jixiao"
	"jixiao/internal/conf"
	"jixiao/internal/score"
)

// SchemaSelfEval names the JSON form of a self-evaluation table:
//
//	{
//	  "schema": "jixiao.selfeval/v1",
//	  "title": "2024年度项目支出绩效自评表", "org": "某局", "fiscal_year": 2024, "money_unit": "万元",
//	  "projects": [{
//	    "name": "中小企业培训经费",
//	    "budget": "120.00", "executed": "110.50",          // in money_unit
//	    "budget_weight": "10", "budget_score": "9.21",      // the 预算执行率 line
//	    "total": "88.50", "grade": "良",                    // as published
//	    "indicators": [{
//	      "level1": "产出指标", "level2": "数量指标", "name": "开展培训场次",
//	      "unit": "场", "direction": "",                    // "正向" / "反向" / "" (derived)
//	      "target": "≥10场", "actual": "12场",
//	      "attainment": "", "share": "",                    // qualitative: 达成/部分达成/未达成, percent
//	      "weight": "10", "score": "10",                    // 分值 and 得分 as published
//	      "deviation": ""                                   // 偏差原因分析及改进措施
//	    }]
//	  }]
//	}
//
// Numbers may be JSON strings (preferred: exact) or JSON numbers; every
// key but projects[].name and the indicators' name, target and actual is
// optional. Unknown keys are an error (a misspelt key would otherwise be
// silently ignored).
const SchemaSelfEval = "jixiao.selfeval/v1"

type jsonSheet struct {
	Schema     string        `json:"schema"`
	Title      string        `json:"title"`
	Org        string        `json:"org"`
	FiscalYear int           `json:"fiscal_year"`
	MoneyUnit  string        `json:"money_unit"`
	Projects   []jsonProject `json:"projects"`
}

type jsonProject struct {
	Name         string          `json:"name"`
	Budget       jsonNum         `json:"budget"`
	Executed     jsonNum         `json:"executed"`
	BudgetWeight jsonNum         `json:"budget_weight"`
	BudgetScore  jsonNum         `json:"budget_score"`
	Total        jsonNum         `json:"total"`
	Grade        string          `json:"grade"`
	Indicators   []jsonIndicator `json:"indicators"`
}

type jsonIndicator struct {
	Level1     string  `json:"level1"`
	Level2     string  `json:"level2"`
	Name       string  `json:"name"`
	Unit       string  `json:"unit"`
	Direction  string  `json:"direction"`
	Target     string  `json:"target"`
	Actual     string  `json:"actual"`
	Attainment string  `json:"attainment"`
	Share      jsonNum `json:"share"`
	Weight     jsonNum `json:"weight"`
	Score      jsonNum `json:"score"`
	Deviation  string  `json:"deviation"`
}

// jsonNum is a number written as a JSON string or number, kept as text.
type jsonNum struct {
	text string
	set  bool
}

func (n *jsonNum) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var s string
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	} else {
		s = string(b)
	}
	n.text, n.set = strings.TrimSpace(s), strings.TrimSpace(s) != ""
	return nil
}

func (n jsonNum) decimal(where, key string) (jixiao.Decimal, error) {
	if !n.set {
		return jixiao.Decimal{}, nil
	}
	d, err := jixiao.ParseDecimal(foldNumber(n.text))
	if err != nil {
		return jixiao.Decimal{}, fmt.Errorf("%s的 %q 应为十进制数，实际为 %q", where, key, n.text)
	}
	return d, nil
}

// ReadJSON reads a jixiao.selfeval/v1 document.
func ReadJSON(r io.Reader, opts Options) (*Result, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxFileBytes+1))
	if err != nil {
		return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 读取失败：%v", opts.File, err)
	}
	b = bytes.TrimPrefix(b, bom)
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	var doc jsonSheet
	fail := func(format string, args ...any) error {
		return jixiao.Errorf(jixiao.EINVALID, "%s: %s", opts.File, fmt.Sprintf(format, args...))
	}
	if err := d.Decode(&doc); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			line, col := conf.LineCol(b, se.Offset)
			return nil, fail("第 %d 行第 %d 列：JSON 语法错误：%v", line, col, se)
		case errors.As(err, &te):
			line, _ := conf.LineCol(b, te.Offset)
			return nil, fail("第 %d 行：键 %q 应为%s，实际为 JSON %s", line, te.Field, jsonKind(te.Type.Kind().String()), te.Value)
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			return nil, fail("未知的键 %s（%s 的键见 docs/score.md）", strings.TrimPrefix(err.Error(), "json: unknown field "), SchemaSelfEval)
		}
		return nil, fail("JSON 无法读取：%v", err)
	}
	if doc.Schema != "" && doc.Schema != SchemaSelfEval {
		return nil, fail("\"schema\" 应为 %q，实际为 %q", SchemaSelfEval, doc.Schema)
	}
	sh := score.Sheet{File: opts.File, Title: doc.Title, Org: doc.Org, FiscalYear: opts.FiscalYear, MoneyUnit: opts.MoneyUnit}
	if sh.FiscalYear == 0 {
		sh.FiscalYear = doc.FiscalYear
	}
	if sh.MoneyUnit == "" && doc.MoneyUnit != "" {
		if sh.MoneyUnit = moneyUnit(doc.MoneyUnit); sh.MoneyUnit == "" {
			return nil, fail("\"money_unit\" 应为 元、万元 或 亿元，实际为 %q", doc.MoneyUnit)
		}
	}
	if sh.MoneyUnit == "" {
		sh.MoneyUnit = jixiao.WanYuan
	}
	if len(doc.Projects) == 0 {
		return nil, fail("\"projects\" 为空：没有项目")
	}
	for i, jp := range doc.Projects {
		where := fmt.Sprintf("第 %d 个项目", i+1)
		if strings.TrimSpace(jp.Name) == "" {
			return nil, fail("%s的 \"name\" 为空", where)
		}
		p := score.SheetProject{Name: strings.TrimSpace(jp.Name), Where: where, Grade: strings.TrimSpace(jp.Grade)}
		p.BudgetWhere, p.BudgetScoreWhere, p.TotalWhere, p.GradeWhere = where, where, where, where
		for _, m := range []struct {
			key string
			n   jsonNum
			dst **jixiao.Fen
		}{{"budget", jp.Budget, &p.Budget}, {"executed", jp.Executed, &p.Executed}} {
			if !m.n.set {
				continue
			}
			f, err := jixiao.ParseMoney(foldNumber(m.n.text), sh.MoneyUnit)
			if err != nil {
				return nil, fail("%s的 %q 应为金额（%s，最多精确到分），实际为 %q", where, m.key, sh.MoneyUnit, m.n.text)
			}
			*m.dst = &f
		}
		var err error
		for _, m := range []struct {
			key string
			n   jsonNum
			dst *jixiao.Decimal
		}{{"budget_weight", jp.BudgetWeight, &p.BudgetWeight}, {"budget_score", jp.BudgetScore, &p.BudgetScore}, {"total", jp.Total, &p.Total}} {
			if *m.dst, err = m.n.decimal(where, m.key); err != nil {
				return nil, fail("%v", err)
			}
		}
		for k, ji := range jp.Indicators {
			iw := fmt.Sprintf("%s第 %d 个指标", where, k+1)
			if strings.TrimSpace(ji.Name) == "" {
				return nil, fail("%s的 \"name\" 为空", iw)
			}
			si := score.SheetIndicator{Where: iw, ScoreWhere: iw, Actual: ji.Actual, Deviation: ji.Deviation}
			ind := &si.Indicator
			ind.Seq = k + 1
			ind.Level1, ind.Level2 = category(ji.Level1), category(ji.Level2)
			ind.Name, ind.Unit = strings.TrimSpace(ji.Name), strings.TrimSpace(ji.Unit)
			ind.Annual = jixiao.Target{Raw: ji.Target}
			switch strings.TrimSpace(ji.Direction) {
			case "":
			case "正向", "positive":
				ind.Direction = jixiao.DirectionPositive
			case "反向", "negative":
				ind.Direction = jixiao.DirectionNegative
			default:
				return nil, fail("%s的 \"direction\" 应为 正向、反向 或空，实际为 %q", iw, ji.Direction)
			}
			if ind.Weight, err = ji.Weight.decimal(iw, "weight"); err != nil {
				return nil, fail("%v", err)
			}
			if si.Score, err = ji.Score.decimal(iw, "score"); err != nil {
				return nil, fail("%v", err)
			}
			ji.Share.text = strings.TrimSuffix(ji.Share.text, "%")
			if si.Share, err = ji.Share.decimal(iw, "share"); err != nil {
				return nil, fail("%v", err)
			}
			if a := strings.TrimSpace(ji.Attainment); a != "" {
				att, share, ok := score.ParseAttainment(a)
				if !ok {
					return nil, fail("%s的 \"attainment\" 应为 达成、部分达成 或 未达成，实际为 %q", iw, a)
				}
				si.Attainment = att
				if !si.Share.IsSet() {
					si.Share = share
				}
			}
			p.Indicators = append(p.Indicators, si)
		}
		sh.Projects = append(sh.Projects, p)
	}
	return &Result{Sheet: sh}, nil
}

func jsonKind(k string) string {
	switch k {
	case "string":
		return "字符串"
	case "int", "int64":
		return "整数"
	case "slice":
		return "数组"
	case "struct", "map":
		return "对象"
	}
	return k
}
