package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/internal/seedtest"
)

// cli runs the command line as a user would, with its own database.
type cli struct {
	t  *testing.T
	db string
}

func newCLI(t *testing.T) *cli {
	return &cli{t: t, db: filepath.Join(t.TempDir(), "jixiao.db")}
}

func (c *cli) run(args ...string) (code int, stdout, stderr string) {
	c.t.Helper()
	var out, errb bytes.Buffer
	env := func(k string) string {
		if k == envDatabase {
			return c.db
		}
		return ""
	}
	code = run(context.Background(), args, strings.NewReader(""), &out, &errb, env)
	return code, out.String(), errb.String()
}

func (c *cli) ok(args ...string) string {
	c.t.Helper()
	code, out, errs := c.run(args...)
	if code != 0 {
		c.t.Fatalf("jixiao %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

func TestImportSeedThenAgainChangesNothing(t *testing.T) {
	seed := seedtest.Path(t)
	c := newCLI(t)
	out := c.ok("import", seed)
	for _, want := range []string{"53 个项目", "221 个指标", "合计 27,793.94 万元", "2024 年", "审核 中", "已导入（表 #1 第 1 版）"} {
		if !strings.Contains(out, want) {
			t.Errorf("import summary %q lacks %q", out, want)
		}
	}
	out = c.ok("import", seed)
	if !strings.Contains(out, "内容未变化") {
		t.Errorf("second import: %q", out)
	}
	list := c.ok("list")
	if !strings.Contains(list, "表 #1  2024 年  广州市花都区科技工业商务和信息化局（本级）  第 1 版  53 个项目  221 个指标  合计 27,793.94 万元  审核 中") ||
		!strings.Contains(list, "中小企业培训经费") {
		t.Errorf("list:\n%s", list)
	}
}

func TestImportedYearIsInferredAndSaidSo(t *testing.T) {
	seed := seedtest.Path(t)
	_, _, errs := newCLI(t).run("import", seed)
	if !strings.Contains(errs, "推断为 2024 年") {
		t.Errorf("stderr %q does not report the inferred year", errs)
	}
}

func TestChangedFileBecomesNewVersion(t *testing.T) {
	seed := seedtest.Path(t)
	c := newCLI(t)
	c.ok("import", seed)
	b, _ := os.ReadFile(seed)
	changed := filepath.Join(t.TempDir(), "changed.txt")
	os.WriteFile(changed, bytes.Replace(b, []byte("开展培训场次；实施周期指标值:2；年度指标值:2。"), []byte("开展培训场次；实施周期指标值:3；年度指标值:3。"), 1), 0o644)
	out := c.ok("import", changed)
	if !strings.Contains(out, "已存为新版本（表 #2 第 2 版") {
		t.Errorf("import of changed file: %q", out)
	}
	all := c.ok("list", "--brief", "--all-versions")
	if !strings.Contains(all, "第 1 版（旧版本）") || !strings.Contains(all, "第 2 版") {
		t.Errorf("list --all-versions:\n%s", all)
	}
	show := c.ok("show", "中小企业培训经费")
	if !strings.Contains(show, "实施周期指标值：3") {
		t.Errorf("show gives the old version:\n%s", show)
	}
}

func TestShowProjectWithParsedTargets(t *testing.T) {
	c := newCLI(t)
	c.ok("import", seedtest.Path(t))
	out := c.ok("show", "中小企业培训经费")
	for _, want := range []string{"总计 5.00", "完成年度中小企业培训和供需对接等活动任务", "2. [1 产出指标 / 13 时效指标] 完成时间", "时限 2024-12-31", "服务对接满意度", "90%以上", "审核意见："} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	if out := c.ok("show", "历史遗留问题经费"); !strings.Contains(out, "HYG-PERSONAL-NAME") || !strings.Contains(out, "建议：") {
		t.Errorf("show lacks the stored findings with suggestions:\n%s", out)
	}
	if code, _, errs := c.run("show", "没有这个项目"); code != 1 || !strings.Contains(errs, "没有名为") {
		t.Errorf("missing project: exit %d %q", code, errs)
	}
}

func TestBadFileWritesNothing(t *testing.T) {
	c := newCLI(t)
	bad := filepath.Join(t.TempDir(), "bad.txt")
	os.WriteFile(bad, []byte("项目支出绩效目标表\n单位名称：某局\n单位：万元\n项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n合计\t1.00\t1.00\t\t\t\t\n某局\t1.00\t1.00\t\t\t\t\n项目甲\t1.00\t1.00\t\t\t目标\t1、1-产出指标；开展培训；实施周期指标值:2\n"), 0o644)
	code, _, errs := c.run("import", bad)
	if code != 1 || !strings.Contains(errs, "bad.txt:7") || !strings.Contains(errs, "绩效指标第 1 个") {
		t.Errorf("exit %d, stderr %q: want exit 1 naming file, line and field", code, errs)
	}
	if out := c.ok("list"); !strings.Contains(out, "还没有表") {
		t.Errorf("a failed import left data behind:\n%s", out)
	}
}

func TestExportRoundTripsThroughTheCommandLine(t *testing.T) {
	c := newCLI(t)
	c.ok("import", seedtest.Path(t))
	first := c.ok("export", "--format", "json")
	dir := t.TempDir()
	for _, f := range []string{"text", "json"} {
		file := filepath.Join(dir, "seed."+f)
		c.ok("export", "--format", f, "-o", file)
		c2 := newCLI(t)
		c2.ok("import", file)
		again := c2.ok("export", "--format", "json")
		if f == "text" {
			// Our text export states the year; the seed left it to be inferred.
			again = strings.Replace(again, `"fiscal_year_source": "given: 预算年度：2024 in the file"`,
				`"fiscal_year_source": "inferred: 2024年 appears in 4 deadlines (2024年 in 4, 2023年 in 2)"`, 1)
		}
		if again != first {
			t.Errorf("import → export %s → import changed the data", f)
		}
	}
	csv := c.ok("export", "--format", "csv")
	if !strings.HasPrefix(csv, "\ufeff预算年度,单位名称") || strings.Count(csv, "\n") != 222 {
		t.Errorf("csv: %d lines, starts %q", strings.Count(csv, "\n"), csv[:40])
	}
}

func TestExportWithSeveralTablesNeedsAChoice(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	c.ok("gen", "--tables", "3", "--seed", "7", "-o", dir)
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) != 3 {
		t.Fatalf("gen wrote %d files", len(files))
	}
	c.ok("import", dir) // a directory imports every file in it
	code, _, errs := c.run("export")
	if code != 1 || !strings.Contains(errs, "请指定表编号或用 --all") || strings.Count(errs, "\n  ") < 3 {
		t.Errorf("exit %d: %q", code, errs)
	}
	out := filepath.Join(t.TempDir(), "all")
	c.ok("export", "--all", "--format", "json", "-o", out)
	written, _ := filepath.Glob(filepath.Join(out, "*.json"))
	if len(written) != 3 {
		t.Errorf("--all wrote %d files", len(written))
	}
}

func TestGenIsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	c := newCLI(t)
	c.ok("gen", "--tables", "2", "--seed", "5", "-o", a)
	c.ok("gen", "--tables", "2", "--seed", "5", "-o", b)
	for _, name := range []string{"gen_5_00000.txt", "gen_5_00001.txt"} {
		x, err1 := os.ReadFile(filepath.Join(a, name))
		y, err2 := os.ReadFile(filepath.Join(b, name))
		if err1 != nil || err2 != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between runs (%v %v)", name, err1, err2)
		}
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	c := newCLI(t)
	for _, args := range [][]string{{"export", "--format", "pdfx"}, {"import"}, {"gen"}, {"list", "--nope"}} {
		if code, _, errs := c.run(args...); code != 2 || errs == "" {
			t.Errorf("jixiao %v: exit %d %q, want 2 with a message", args, code, errs)
		}
	}
}

func TestGivenYearSurvivesExportAndImport(t *testing.T) {
	c := newCLI(t)
	c.ok("import", "--year", "2025", seedtest.Path(t))
	file := filepath.Join(t.TempDir(), "y.txt")
	c.ok("export", "--format", "text", "-o", file)
	if out := c.ok("import", file); !strings.Contains(out, "2025 年") || !strings.Contains(out, "内容未变化") {
		t.Errorf("re-import of the export: %q", out)
	}
}

func TestExportAllToADirectoryWithOneTable(t *testing.T) {
	c := newCLI(t)
	c.ok("import", seedtest.Path(t))
	dir := filepath.Join(t.TempDir(), "out")
	os.Mkdir(dir, 0o755)
	c.ok("export", "--all", "--format", "json", "-o", dir)
	if files, _ := filepath.Glob(filepath.Join(dir, "*.json")); len(files) != 1 {
		t.Errorf("--all -o DIR wrote %v", files)
	}
}

func TestInterruptedImportFailsAndSaysSo(t *testing.T) {
	seed := seedtest.Path(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Ctrl-C arrives while the first file (standard input) is being read.
	stdin := readerFunc(func(p []byte) (int, error) { cancel(); return 0, io.EOF })
	var out, errb bytes.Buffer
	db := filepath.Join(t.TempDir(), "j.db")
	code := run(ctx, []string{"import", "--db", db, "-", seed, seed}, stdin, &out, &errb, func(string) string { return "" })
	if code == 0 || !strings.Contains(errb.String(), "中断") {
		t.Errorf("exit %d, stderr %q: an interrupted import must fail and say so", code, errb.String())
	}
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

func TestReadingCommandsDoNotCreateADatabase(t *testing.T) {
	c := newCLI(t) // its database file does not exist yet
	for _, args := range [][]string{{"list"}, {"show", "x"}, {"export"}, {"check", "--db", c.db}} {
		if code, _, errs := c.run(args...); code == 0 || !strings.Contains(errs, "不存在") {
			t.Errorf("jixiao %v: exit %d %q", args, code, errs)
		}
	}
	if _, err := os.Stat(c.db); !os.IsNotExist(err) {
		t.Errorf("a reading command created %s", c.db)
	}
}
