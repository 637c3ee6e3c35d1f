package review_test

import (
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/review"
	"jixiao/internal/value"
)

// Builders for small hand-made tables. Targets are parsed by the real
// value parser, so the rules see what they see on real input.

const fy = 2024

const wan = jixiao.Fen(1_000_000) // one 万元 in fen

func cat(s string) jixiao.Category {
	code, name, ok := strings.Cut(s, "-")
	if !ok {
		if strings.Trim(s, "0123456789") == "" {
			return jixiao.Category{Code: s}
		}
		return jixiao.Category{Name: s}
	}
	return jixiao.Category{Code: code, Name: name}
}

// ind builds an indicator whose period and annual targets are the same raw
// text, as in published tables.
func ind(l1, l2, name, v string) *jixiao.Indicator {
	return indPA(l1, l2, name, v, v)
}

// indPA builds an indicator with different period and annual targets.
func indPA(l1, l2, name, period, annual string) *jixiao.Indicator {
	return &jixiao.Indicator{Level1: cat(l1), Level2: cat(l2), Name: name,
		Period: jixiao.Target{Raw: period}, Annual: jixiao.Target{Raw: annual}}
}

// Shorthands by category.
func qty(name, v string) *jixiao.Indicator  { return ind("1-产出指标", "11-数量指标", name, v) }
func qual(name, v string) *jixiao.Indicator { return ind("1-产出指标", "12-质量指标", name, v) }
func timely(name, v string) *jixiao.Indicator {
	return ind("1-产出指标", "13-时效指标", name, v)
}
func econ(name, v string) *jixiao.Indicator {
	return ind("2-效益指标", "21-经济效益指标", name, v)
}
func social(name, v string) *jixiao.Indicator {
	return ind("2-效益指标", "22-社会效益指标", name, v)
}
func sat(name, v string) *jixiao.Indicator {
	return ind("3-满意度指标", "31-服务对象满意度指标", name, v)
}
func cost(name, v string) *jixiao.Indicator {
	return ind("4-成本指标", "41-经济成本指标", name, v)
}

const goodGoal = "完成年度中小企业培训任务，培训企业员工200人次以上，提升企业经营管理能力。"

// project builds a project with 10万元 of 财政拨款; indicators are numbered.
func project(name, goal string, inds ...*jixiao.Indicator) *jixiao.Project {
	for i, in := range inds {
		in.Seq = i + 1
	}
	return &jixiao.Project{Name: name, Goal: goal, Funding: jixiao.Funding{Total: 10 * wan, Fiscal: 10 * wan}, Indicators: inds}
}

// good is a project no rule objects to.
func good(name string) *jixiao.Project {
	return project(name, name+"：完成年度中小企业培训任务，培训企业员工200人次以上，提升企业经营管理能力。",
		qty("开展培训场次", "≥2场"),
		timely("完成时间", "2024年12月31日前完成"),
		social("参训企业员工人次", "≥200人次"),
		sat("企业满意率（%）", "≥90%"),
		cost("人均培训成本", "≤500元"),
	)
}

// with returns good(name) with extra indicators appended.
func with(name string, extra ...*jixiao.Indicator) *jixiao.Project {
	p := good(name)
	p.Indicators = append(p.Indicators, extra...)
	for i, in := range p.Indicators {
		in.Seq = i + 1
	}
	return p
}

// tbl puts projects under one unit, fills the unit subtotal and 合计 from
// them, and parses every target for fiscal year 2024.
func tbl(ps ...*jixiao.Project) *jixiao.Table {
	t := &jixiao.Table{FiscalYear: fy, MoneyUnit: jixiao.WanYuan, Org: "某区某局"}
	u := jixiao.Unit{Name: "某区某局", Projects: ps}
	for _, p := range ps {
		u.Funding = u.Funding.Add(p.Funding)
	}
	t.Units = []jixiao.Unit{u}
	t.Total = u.Funding
	parse(t)
	return t
}

func parse(t *jixiao.Table) {
	for _, p := range t.Projects() {
		for _, in := range p.Indicators {
			ctx := value.Context{FiscalYear: t.FiscalYear, IndicatorName: in.Name}
			in.Period = value.Parse(in.Period.Raw, ctx)
			in.Annual = value.Parse(in.Annual.Raw, ctx)
			// Direction stays unset, as the table reader leaves it: it holds
			// only a direction set by hand.
		}
	}
}

func ofRule(fs []jixiao.Finding, rule string) []jixiao.Finding {
	var out []jixiao.Finding
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

func dump(fs []jixiao.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("\n\t" + f.Rule + " [" + f.Project + "] " + f.Field + ": " + f.Message)
	}
	return b.String()
}

func review1(t *testing.T, tb *jixiao.Table, opts review.Options) []jixiao.Finding {
	t.Helper()
	return review.Table(tb, opts)
}
