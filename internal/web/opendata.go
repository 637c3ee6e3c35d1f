package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"jixiao"
	"jixiao/internal/pdfdoc"
	"jixiao/internal/table"
)

// Open data: the published tables of a year as one zip (JSON, CSV and
// XLSX of each, with the schema), the JSON Schema of jixiao.table/v1, and
// the blank filing template.

func (s *Server) yearZip(w http.ResponseWriter, r *http.Request) error {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < 1949 || year > 2200 {
		return errNotFound("年度 %s 不存在", r.PathValue("year"))
	}
	sums, err := s.db.Tables(r.Context(), jixiao.TableFilter{FiscalYear: year, Published: true})
	if err != nil {
		return err
	}
	if len(sums) == 0 {
		return errNotFound("%d 年还没有公开的绩效目标表", year)
	}
	var tables []*jixiao.Table
	for _, sum := range sums {
		t, err := s.db.Table(r.Context(), sum.ID)
		if err != nil {
			return err
		}
		tables = append(tables, t)
	}
	var buf bytes.Buffer
	if err := table.WriteYearZip(&buf, tables); err != nil {
		return err
	}
	name := fmt.Sprintf("jixiao-%d-公开绩效目标表.zip", year)
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	_, err = w.Write(buf.Bytes())
	return err
}

func (s *Server) schemaFile(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/schema+json")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, err := w.Write(table.Schema())
	return err
}

func (s *Server) filingTemplate(w http.ResponseWriter, r *http.Request) error {
	year, _ := strconv.Atoi(r.URL.Query().Get("year"))
	org := r.URL.Query().Get("org")
	if u := userOf(r); org == "" && u.Role == jixiao.RoleFiler {
		org = u.OrgName
	}
	var buf bytes.Buffer
	if err := table.WriteTemplate(&buf, table.TemplateOptions{Year: year, Org: org}); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape("绩效目标填报模板.xlsx"))
	_, err := w.Write(buf.Bytes())
	return err
}

type openDataView struct {
	Years []int
}

func (s *Server) openDataPage(w http.ResponseWriter, r *http.Request) error {
	sums, err := s.db.Tables(r.Context(), jixiao.TableFilter{Published: true})
	if err != nil {
		return err
	}
	var v openDataView
	seen := map[int]bool{}
	for _, t := range sums {
		if !seen[t.FiscalYear] {
			seen[t.FiscalYear] = true
			v.Years = append(v.Years, t.FiscalYear)
		}
	}
	return s.render(w, r, "opendata", "开放数据", v)
}

// evaluationPDF prints the 自评表 with the same renderer as the published
// table: A4 landscape, header on every page, pages numbered.
func (s *Server) evaluationPDF(w http.ResponseWriter, t *jixiao.Table, ps []evalProject) error {
	font, err := pdfdoc.FindFont()
	if err != nil {
		return err
	}
	doc := &pdfdoc.Document{
		Title: "项目支出绩效自评表", Left: "单位名称：" + t.Org, Right: "预算年度：" + strconv.Itoa(t.FiscalYear),
		Columns: []pdfdoc.Column{{Title: "项目名称", Width: 14}, {Title: "三级指标", Width: 14}, {Title: "年度指标值", Width: 10},
			{Title: "实际完成值", Width: 10}, {Title: "分值", Width: 5, Align: pdfdoc.Right}, {Title: "得分", Width: 5, Align: pdfdoc.Right},
			{Title: "计算过程", Width: 42}},
		CreatedBy: "jixiao", Subject: "绩效自评表",
	}
	for _, p := range ps {
		for _, in := range p.Result.Indicators {
			doc.Rows = append(doc.Rows, pdfdoc.Row{Cells: []string{p.P.Name, strconv.Itoa(in.Seq) + ". " + in.Name, in.Target, in.Actual,
				in.Weight.String(), in.Score.String(), in.Explanation.Text}})
		}
		b := p.Result.Budget
		rate := ""
		if b.Rate.IsSet() {
			rate = b.Rate.String() + "%"
		}
		doc.Rows = append(doc.Rows, pdfdoc.Row{Cells: []string{p.P.Name, "预算执行率", "", rate, b.Weight.String(), b.Score.String(), b.Explanation.Text}})
		doc.Rows = append(doc.Rows, pdfdoc.Row{Emphasis: true, Cells: []string{p.P.Name, "合计（等级 " + p.Result.Grade + "）", "", "",
			p.Result.WeightTotal.String(), p.Result.Total.String(), p.Result.TotalExplanation.Text}})
	}
	var buf bytes.Buffer
	if err := pdfdoc.Render(&buf, doc, font); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(t.Org+"-"+strconv.Itoa(t.FiscalYear)+"-自评表.pdf"))
	_, err = w.Write(buf.Bytes())
	return err
}
