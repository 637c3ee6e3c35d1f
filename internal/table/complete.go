package table

import (
	"fmt"
	"sort"
	"strings"

	"jixiao"
	"jixiao/internal/value"
)

// completeTable settles the fiscal year and parses every target, whatever
// format the table came from: targets are always derived from their raw text.
func completeTable(res *Result, opts ReadOptions) error {
	t := res.Table
	switch {
	case opts.FiscalYear != 0:
		if opts.FiscalYear < 1949 || opts.FiscalYear > 2200 {
			return invalid(&ParseError{File: opts.File, Field: "预算年度", Expected: "1949 到 2200 之间的年份", Got: fmt.Sprint(opts.FiscalYear)})
		}
		t.FiscalYear = opts.FiscalYear
		t.FiscalYearSource = fmt.Sprintf("given: --year %d", opts.FiscalYear)
	case t.FiscalYear != 0:
		if t.FiscalYear < 1949 || t.FiscalYear > 2200 {
			return invalid(&ParseError{File: opts.File, Field: "预算年度", Expected: "1949 到 2200 之间的年份", Got: fmt.Sprint(t.FiscalYear)})
		}
		if t.FiscalYearSource == "" {
			t.FiscalYearSource = "given: in the file"
		}
	default:
		year, how, ok := InferFiscalYear(t)
		if !ok {
			return invalid(&ParseError{File: opts.File, Expected: "可推断预算年度的内容（如“2024年12月31日前完成”）；请用 --year 指定预算年度", Got: "表中没有写明年度的日期"})
		}
		t.FiscalYear, t.FiscalYearSource = year, "inferred: "+how
		res.Notes = append(res.Notes, fmt.Sprintf("预算年度未写明，推断为 %d 年（%s）；如不对请用 --year 指定", year, how))
	}
	ParseTargets(t)
	return nil
}

// ParseTargets (re)derives every target's parsed form from its raw text and
// the table's fiscal year. The direction is not stored: Indicator.Direction
// holds only a direction set by hand, and value.Direction derives the rest.
func ParseTargets(t *jixiao.Table) {
	for _, p := range t.Projects() {
		for _, in := range p.Indicators {
			ctx := value.Context{FiscalYear: t.FiscalYear, IndicatorName: in.Name}
			in.Period = value.Parse(in.Period.Raw, ctx)
			in.Annual = value.Parse(in.Annual.Raw, ctx)
		}
	}
}

// InferFiscalYear guesses the 预算年度: the year written in the title, else
// the years written in deadline
// values (most common wins; a tie goes to the later year, since stale
// copies carry earlier years), else from years written anywhere in names,
// goals and values. It says how, for Table.FiscalYearSource.
func InferFiscalYear(t *jixiao.Table) (year int, how string, ok bool) {
	if ys := yearsWritten(t.Title); len(ys) == 1 {
		return ys[0], fmt.Sprintf("%d年 is written in the title", ys[0]), true
	}
	count := map[int]int{}
	for _, p := range t.Projects() {
		for _, in := range p.Indicators {
			seen := map[int]bool{}
			for _, raw := range []string{in.Period.Raw, in.Annual.Raw} {
				if y, ok := value.ExplicitYear(raw); ok && !seen[y] {
					seen[y] = true
					count[y]++
				}
			}
		}
	}
	source := "deadlines"
	if len(count) == 0 {
		// Weaker evidence: "2024年" written in names, goals or values.
		source = "names, goals and values"
		for _, p := range t.Projects() {
			texts := []string{p.Name, p.Goal}
			for _, in := range p.Indicators {
				texts = append(texts, in.Name, in.Period.Raw, in.Annual.Raw)
			}
			seen := map[int]bool{}
			for _, s := range texts {
				for _, y := range yearsWritten(s) {
					if !seen[y] {
						seen[y] = true
						count[y]++
					}
				}
			}
		}
	}
	if len(count) == 0 {
		return 0, "", false
	}
	years := make([]int, 0, len(count))
	for y := range count {
		years = append(years, y)
	}
	sort.Slice(years, func(i, j int) bool {
		if count[years[i]] != count[years[j]] {
			return count[years[i]] > count[years[j]]
		}
		return years[i] > years[j]
	})
	parts := make([]string, len(years))
	for i, y := range years {
		parts[i] = fmt.Sprintf("%d年 in %d", y, count[y])
	}
	return years[0], fmt.Sprintf("%d年 appears in %d %s (%s)", years[0], count[years[0]], source, strings.Join(parts, ", ")), true
}

// yearsWritten returns the plausible years written as "2024年" in s.
func yearsWritten(s string) []int {
	var ys []int
	for {
		i := strings.Index(s, "年")
		if i < 0 {
			return ys
		}
		if i >= 4 {
			y := 0
			for _, c := range s[i-4 : i] {
				if c < '0' || c > '9' {
					y = -1
					break
				}
				y = y*10 + int(c-'0')
			}
			if y >= 1990 && y <= 2100 && (i == 4 || s[i-5] < '0' || s[i-5] > '9') {
				ys = append(ys, y)
			}
		}
		s = s[i+len("年"):]
	}
}
