package table_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/pdfdoc"
	"jixiao/internal/table"
)

// needTool finds a command the test reads its output with; CI must have
// it (poppler-utils), elsewhere the test is skipped with a message.
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s not found, and CI must have it (apt-get install poppler-utils)", name)
		}
		t.Skipf("%s not found (apt-get install poppler-utils): the PDF is not checked", name)
	}
	return p
}

// needFont finds a Chinese font as WritePDF does; CI must have one.
func needFont(t *testing.T) {
	t.Helper()
	if _, err := pdfdoc.FindFont(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
}

// artifactDir is where tests leave files for people to look at:
// $JIXIAO_ARTIFACTS, else artifacts/ in the repository (ignored by git).
func artifactDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("JIXIAO_ARTIFACTS")
	if dir == "" {
		_, self, _, _ := runtime.Caller(0)
		dir = filepath.Join(filepath.Dir(self), "..", "..", "artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestSeedAsPDFHasEveryProjectAndAmount(t *testing.T) {
	needFont(t)
	pdftotext := needTool(t, "pdftotext")
	tb := readSeed(t).Table
	var buf bytes.Buffer
	if err := table.Write(&buf, tb, table.FormatPDF); err != nil {
		t.Fatal(err)
	}
	dir := artifactDir(t)
	pdf := filepath.Join(dir, "seed.pdf")
	if err := os.WriteFile(pdf, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// -raw keeps the order of the content stream: cell by cell, so that a
	// name wrapped over lines reads as one once line breaks are removed.
	out, err := exec.Command(pdftotext, "-raw", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(string(out)), "")
	pages := strings.Count(string(out), "\f")
	for _, p := range tb.Projects() {
		name := strings.Join(strings.Fields(p.Name), "")
		if !strings.Contains(text, name) {
			t.Errorf("project %q is not in the PDF text", p.Name)
		}
		if amount := p.Funding.Total.FormatGrouped(tb.MoneyUnit); !strings.Contains(text, name+amount) {
			t.Errorf("project %q: amount %s does not follow its name", p.Name, amount)
		}
	}
	for _, want := range []string{"项目支出绩效目标表（含转移支付项目）", "单位名称：广州市花都区科技工业商务和信息化局（本级）", "单位：万元", "合计27,793.94"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	if pages < 5 {
		t.Fatalf("%d pages", pages)
	}
	if n := strings.Count(text, "财政专户拨款"); n != pages {
		t.Errorf("header row on %d of %d pages", n, pages)
	}
	for _, n := range []int{1, pages} {
		if want := "第" + strconv.Itoa(n) + "页/共" + strconv.Itoa(pages) + "页"; !strings.Contains(text, want) {
			t.Errorf("PDF text lacks the page number %q", want)
		}
	}
	if strings.Contains(text, "?") && !strings.Contains(tb.Projects()[0].Goal, "?") {
		t.Errorf("a character had no glyph and was replaced by ?")
	}
	// Page 1 as a picture, for a person to look at.
	if pdftoppm, err := exec.LookPath("pdftoppm"); err == nil {
		if out, err := exec.Command(pdftoppm, "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", pdf, filepath.Join(dir, "seed-page1")).CombinedOutput(); err != nil {
			t.Errorf("pdftoppm: %v\n%s", err, out)
		}
		t.Logf("page 1: %s", filepath.Join(dir, "seed-page1.png"))
	}
}

func TestPDFWithAChosenFont(t *testing.T) {
	tb := &jixiao.Table{Org: "某局", FiscalYear: 2024, MoneyUnit: jixiao.WanYuan, Units: []jixiao.Unit{{Name: "某局",
		Projects: []*jixiao.Project{{Name: "培训经费", Goal: "完成培训。"}}}}}
	err := table.WritePDF(&bytes.Buffer{}, tb, table.PDFOptions{FontFile: "/nonexistent/font.ttf"})
	if jixiao.ErrorCode(err) != jixiao.EINVALID || !strings.Contains(err.Error(), "/nonexistent/font.ttf") {
		t.Errorf("missing font file: %v", err)
	}
	needFont(t)
	f, _ := pdfdoc.FindFont()
	var buf bytes.Buffer
	if err := table.WritePDF(&buf, tb, table.PDFOptions{FontFile: f.Path}); err != nil || !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Errorf("with --font %s: %v", f.Path, err)
	}
}
