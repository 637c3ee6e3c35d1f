package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"jixiao/internal/table"
)

// exportFormats are the downloads of a table, with their file extension
// and content type.
var exportFormats = []struct {
	format table.Format
	ext    string
	ctype  string
	label  string
}{
	{table.FormatJSON, "json", "application/json; charset=utf-8", "JSON（jixiao.table/v1）"},
	{table.FormatCSV, "csv", "text/csv; charset=utf-8", "CSV（每行一个指标）"},
	{table.FormatText, "txt", "text/plain; charset=utf-8", "文本（公开格式）"},
	{table.FormatXLSX, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"},
	{table.FormatPDF, "pdf", "application/pdf", "PDF（A4 横向）"},
}

func exportLinks() []exportLink {
	var l []exportLink
	for _, f := range exportFormats {
		l = append(l, exportLink{Format: f.ext, Label: f.label})
	}
	return l
}

func (s *Server) exportTable(w http.ResponseWriter, r *http.Request) error {
	_, t, err := s.visibleTable(r)
	if err != nil {
		return err
	}
	ext := r.PathValue("format")
	for _, f := range exportFormats {
		if f.ext != ext {
			continue
		}
		var buf bytes.Buffer
		if err := table.Write(&buf, t, f.format); err != nil {
			return err
		}
		name := fmt.Sprintf("%s-%d-v%d.%s", t.Org, t.FiscalYear, t.Version, f.ext)
		w.Header().Set("Content-Type", f.ctype)
		w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
		w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
		_, err := w.Write(buf.Bytes())
		return err
	}
	return errNotFound("不支持的导出格式：%s", ext)
}
