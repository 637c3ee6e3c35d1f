package table_test

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/gen"
	"jixiao/internal/table"
)

func TestYearZipHoldsEveryTableInEveryFormatWithTheSchema(t *testing.T) {
	seed := readSeed(t).Table
	seed.Version = 2
	tables := []*jixiao.Table{seed}
	for i := 0; i < 3; i++ {
		tb := gen.Table(gen.DefaultOptions(21), i)
		table.ParseTargets(tb)
		tables = append(tables, tb)
	}
	twin := *tables[1] // same org, year and version: the names must not collide
	tables = append(tables, &twin)
	var buf bytes.Buffer
	if err := table.WriteYearZip(&buf, tables); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		files[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	if len(files) != 3*len(tables)+2 {
		t.Errorf("%d files, want %d", len(files), 3*len(tables)+2)
	}
	if !bytes.Equal(files[table.SchemaFile], table.Schema()) {
		t.Error("the schema is not in the zip")
	}
	if readme := string(files["说明.txt"]); !strings.Contains(readme, "共 5 张表") || !strings.Contains(readme, "2024_广州市花都区科技工业商务和信息化局（本级）_v2") {
		t.Errorf("说明.txt:\n%s", readme)
	}
	s := compileSchema(t)
	base := "2024_广州市花都区科技工业商务和信息化局（本级）_v2"
	if err := validate(t, s, "json", files[base+".json"]); err != nil {
		t.Errorf("JSON in the zip: %v", err)
	}
	if !bytes.HasPrefix(files[base+".csv"], []byte("\ufeff预算年度")) {
		t.Errorf("CSV without BOM: %q", files[base+".csv"][:20])
	}
	res, err := table.Read(bytes.NewReader(files[base+".xlsx"]), table.ReadOptions{File: base + ".xlsx"})
	if err != nil || jixiao.ContentHash(res.Table) != jixiao.ContentHash(seed) {
		t.Errorf("XLSX in the zip does not read back as the seed: %v", err)
	}
	dups := 0
	for name := range files {
		if strings.HasSuffix(name, "_2.json") {
			dups++
		}
	}
	if dups != 1 {
		t.Errorf("twin tables: %d renamed JSON files, want 1", dups)
	}
}
