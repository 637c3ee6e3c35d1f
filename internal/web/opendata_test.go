package web

import (
	"archive/zip"
	"bytes"
	"net/http"
	"os"
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/table"
)

func TestOpenDataYearZipHoldsThePublishedTablesOnly(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	pub := e.table(orgOwn, jixiao.StatusPublished)
	e.table(orgOther, jixiao.StatusDraft) // not public: must not be in the zip
	year := e.summary(pub).FiscalYear

	r := e.anonymous().get("/open-data/"+itoa(int64(year))).want(t, http.StatusOK)
	if ct := r.header.Get("Content-Type"); ct != "application/zip" {
		t.Errorf("content type %q", ct)
	}
	zr, err := zip.NewReader(strings.NewReader(r.body), int64(len(r.body)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	all := strings.Join(names, "\n")
	for _, want := range []string{table.SchemaFile, ".json", ".csv", ".xlsx"} {
		if !strings.Contains(all, want) {
			t.Errorf("zip lacks %s:\n%s", want, all)
		}
	}
	if strings.Contains(all, "其他") || strings.Count(all, ".xlsx") != 1 {
		t.Errorf("zip holds more than the one published table:\n%s", all)
	}
	e.anonymous().get("/open-data/1990").want(t, http.StatusNotFound)
	page := e.anonymous().get("/open-data").want(t, http.StatusOK)
	mustSay(t, page, "开放数据", itoa(int64(year))+" 年全部公开表")
}

func TestSchemaAndTemplateAreServedToEveryone(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	s := e.anonymous().get("/schema/jixiao.table.v1.schema.json").want(t, http.StatusOK)
	if !bytes.Equal([]byte(s.body), table.Schema()) {
		t.Error("the served schema is not the one in the repository")
	}
	tpl := e.anonymous().get("/template.xlsx").want(t, http.StatusOK)
	if !strings.HasPrefix(tpl.body, "PK\x03\x04") {
		t.Error("the filing template is not a workbook")
	}
}

func TestPublishedTableDownloadsAsExcelAndPDF(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	pub := e.table(orgOwn, jixiao.StatusPublished)
	x := e.anonymous().get(tablePath(pub, "/export/xlsx")).want(t, http.StatusOK)
	res, err := table.ReadAll(strings.NewReader(x.body), table.ReadOptions{File: "t.xlsx"})
	if err != nil || len(res) != 1 {
		t.Fatalf("the Excel download does not read back: %v", err)
	}
	if got, want := jixiao.ContentHash(res[0].Table), e.load(pub).Hash; got != want {
		t.Error("the Excel download reads back as different data")
	}
	p := e.anonymous().get(tablePath(pub, "/export/pdf"))
	if p.status != http.StatusOK && os.Getenv("CI") == "" {
		t.Skipf("no CJK TrueType font here for the PDF: %s", excerpt(p.body))
	}
	p.want(t, http.StatusOK)
	if !strings.HasPrefix(p.body, "%PDF-") {
		t.Error("the PDF download is not a PDF")
	}
}
