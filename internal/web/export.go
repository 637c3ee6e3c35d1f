package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"jixiao"
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
	data, ctype, name, err := exportData(t, r.PathValue("format"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", attachment(name))
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	_, err = w.Write(data)
	return err
}

// exportData writes t in the format with file extension ext ("text" is
// "txt"), and says its content type and a file name for it.
func exportData(t *jixiao.Table, ext string) (data []byte, ctype, name string, err error) {
	if ext == "text" {
		ext = "txt"
	}
	for _, f := range exportFormats {
		if f.ext != ext {
			continue
		}
		var buf bytes.Buffer
		if err := table.Write(&buf, t, f.format); err != nil {
			return nil, "", "", err
		}
		return buf.Bytes(), f.ctype, fmt.Sprintf("%s-%d-v%d.%s", t.Org, t.FiscalYear, t.Version, f.ext), nil
	}
	return nil, "", "", errNotFound("不支持的导出格式：%s", ext)
}

// attachment is a Content-Disposition for a download named name.
func attachment(name string) string {
	return "attachment; filename*=UTF-8''" + url.PathEscape(name)
}
