package web

import (
	"context"
	"html/template"
	"strconv"

	"jixiao"
	"jixiao/internal/chart"
	"jixiao/internal/review"
)

// overviewCharts are the overview page's SVG charts, drawn by our code.
type overviewCharts struct {
	Money    template.HTML
	Families template.HTML
	Grades   template.HTML
	Top      []topProject // the money chart's data as links, for screen readers and print
}

type topProject struct {
	Href, Name string
	Total      jixiao.Fen
}

var families = []jixiao.Family{jixiao.FamilyArithmetic, jixiao.FamilyCompleteness, jixiao.FamilyConsistency, jixiao.FamilyMeasurability, jixiao.FamilyHygiene}

func (s *Server) overviewCharts(ctx context.Context, tables []jixiao.TableSummary) (overviewCharts, error) {
	var c overviewCharts
	if len(tables) == 0 {
		return c, nil
	}
	ids := make([]int64, len(tables))
	for i, t := range tables {
		ids[i] = t.ID
	}
	const top = 12
	projects, n, err := s.db.TopProjects(ctx, ids, top)
	if err != nil {
		return c, err
	}
	var bars []chart.Bar
	for _, p := range projects {
		href := "/tables/" + itoa(p.TableID) + "/projects/" + strconv.Itoa(p.Seq)
		bars = append(bars, chart.Bar{Label: p.Name, Value: int64(p.Total), Href: href})
		c.Top = append(c.Top, topProject{href, p.Name, p.Total})
	}
	title := "资金最多的 " + strconv.Itoa(len(bars)) + " 个项目（共 " + strconv.Itoa(n) + " 个）"
	c.Money = chart.Bars(bars, chart.Options{Title: title, Unit: "万元", Format: chart.WanYuan, MaxBars: top})

	counts, err := s.db.FindingCounts(ctx, ids)
	if err != nil {
		return c, err
	}
	var names []string
	var errs, warns, infos []int64
	for _, f := range families {
		names = append(names, review.FamilyName(f))
		errs = append(errs, int64(counts[f][jixiao.SeverityError]))
		warns = append(warns, int64(counts[f][jixiao.SeverityWarning]))
		infos = append(infos, int64(counts[f][jixiao.SeverityInfo]))
	}
	c.Families = chart.Columns(names, chart.SeveritySeries(errs, warns, infos), chart.Options{Title: "审核意见按类别与级别", Unit: "条"})

	grades := map[string]int64{}
	for _, t := range tables {
		grades[t.ReviewGrade]++
	}
	c.Grades = chart.Donut(chart.GradeSlices(grades["优"], grades["良"], grades["中"], grades["差"]), chart.Options{Title: "自动审核质量等级"})
	return c, nil
}
