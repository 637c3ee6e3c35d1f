package review_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/internal/review"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run with -update if the change is intended)\n--- got\n%s", name, got)
	}
}

func reports() []review.FileReport {
	m := messy()
	c := tbl(good("甲"), good("乙"))
	return []review.FileReport{
		review.NewFileReport("messy.txt", m, review.Table(m, review.Options{})),
		review.NewFileReport("clean.txt", c, review.Table(c, review.Options{})),
	}
}

func TestWriteJSONGolden(t *testing.T) {
	var b bytes.Buffer
	if err := review.WriteJSON(&b, reports()); err != nil {
		t.Fatal(err)
	}
	golden(t, "findings.golden.json", b.Bytes())
}

// The JSON follows DESIGN §8: schema, files with score and grade, findings
// with indicator null at project and table level.
func TestWriteJSONShape(t *testing.T) {
	var b bytes.Buffer
	if err := review.WriteJSON(&b, reports()); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Schema string           `json:"schema"`
		Files  []map[string]any `json:"files"`
		Found  []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != "jixiao.findings/v1" || len(doc.Files) != 2 {
		t.Fatalf("schema %q, %d files", doc.Schema, len(doc.Files))
	}
	for _, k := range []string{"file", "fiscal_year", "score", "grade"} {
		if _, ok := doc.Files[0][k]; !ok {
			t.Errorf("files[0] lacks %q", k)
		}
	}
	if len(doc.Files[0]) != 4 {
		t.Errorf("files[0] has extra keys: %v", doc.Files[0])
	}
	sawNull, sawSeq := false, false
	for _, f := range doc.Found {
		if len(f) != 9 {
			t.Errorf("finding keys: %v", f)
		}
		switch v := f["indicator"].(type) {
		case nil:
			sawNull = true
		case float64:
			sawSeq = v >= 1
		}
		if f["file"] != "messy.txt" {
			t.Errorf("finding of %v; the clean file has none", f["file"])
		}
	}
	if !sawNull || !sawSeq {
		t.Errorf("want both null and numbered indicators (null %v, numbered %v)", sawNull, sawSeq)
	}
	if strings.Contains(b.String(), `\u`) {
		t.Error("JSON escapes characters it need not")
	}

	b.Reset()
	review.WriteJSON(&b, nil)
	if !strings.Contains(b.String(), `"findings": []`) || !strings.Contains(b.String(), `"files": []`) {
		t.Errorf("empty report must have empty lists, not null:\n%s", b.String())
	}
}

func TestWriteTextGolden(t *testing.T) {
	var b bytes.Buffer
	if err := review.WriteText(&b, reports(), review.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "\x1b[") {
		t.Error("colour codes without Color")
	}
	golden(t, "report.golden.txt", b.Bytes())

	b.Reset()
	review.WriteText(&b, reports(), review.TextOptions{Color: true})
	if !strings.Contains(b.String(), "\x1b[31m") {
		t.Error("no colour with Color")
	}
}

func TestWriteRules(t *testing.T) {
	var b bytes.Buffer
	if err := review.WriteRules(&b, review.Rules(), false); err != nil {
		t.Fatal(err)
	}
	for _, r := range review.Rules() {
		if !strings.Contains(b.String(), r.ID) || !strings.Contains(b.String(), r.Rationale) {
			t.Errorf("text catalogue lacks %s", r.ID)
		}
	}
	b.Reset()
	if err := review.WriteRules(&b, review.Rules(), true); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), "\n| `"); n != len(review.Rules()) {
		t.Errorf("markdown has %d rule rows, want %d", n, len(review.Rules()))
	}
	golden(t, "rules.golden.md", b.Bytes())
}
