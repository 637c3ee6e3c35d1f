package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"jixiao"
	"jixiao/internal/sqldb"
	"jixiao/internal/table"
)

func (a *app) exportCommand() *cobra.Command {
	var format, out, font, org string
	var all, template bool
	var year int
	cmd := &cobra.Command{
		Use:   "export [TABLE]",
		Short: "导出表：json（jixiao.table/v1）、text（发布版式）、csv（每行一个指标）、xlsx（Excel）、pdf；--template 导出空白填报模板",
		Long: `导出一张表。TABLE 是表编号（见 jixiao list）；数据库中只有一张表时可省略。
--all 导出全部当前版本：-o 指向目录时每表一个文件，csv 也可合并写到一个文件或标准输出。
xlsx 有两个工作表：发布版式（可直接打印）和每行一个指标的明细。
pdf 需要含中文的 TrueType 字体：自动在系统中查找，或用 --font 指定。
--template 导出空白的 Excel 填报模板（不读数据库），可用 --year、--org 预填。
xlsx 和 pdf 是二进制格式，不写到终端：请用 -o 指定文件。`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if template {
				if len(args) > 0 || all || cmd.Flags().Changed("format") {
					return usagef("--template 导出空白模板，不与 TABLE、--all、--format 同用")
				}
				return a.exportTemplate(out, table.TemplateOptions{Year: year, Org: org})
			}
			if cmd.Flags().Changed("year") || cmd.Flags().Changed("org") {
				return usagef("--year 和 --org 只用于 --template")
			}
			f := table.Format(format)
			if !isKnownFormat(f) {
				return usagef("未知的格式 %q：可用 json、text、csv、xlsx、pdf", format)
			}
			if err := a.refuseBinaryToTerminal(f, out); err != nil {
				return err
			}
			db, err := a.openExisting()
			if err != nil {
				return err
			}
			defer db.Close()
			tables, err := a.tablesToExport(db, args, all)
			if err != nil {
				return err
			}
			if (all || len(tables) > 1) && f != table.FormatCSV {
				return a.exportToDir(db, tables, f, font, out)
			}
			return a.exportToFile(db, tables, f, font, out)
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "json | text | csv | xlsx | pdf")
	cmd.Flags().StringVarP(&out, "output", "o", "", "输出文件（默认标准输出）；--all 时为目录")
	cmd.Flags().BoolVar(&all, "all", false, "导出全部当前版本的表")
	cmd.Flags().StringVar(&font, "font", "", "pdf：含中文的 TrueType 字体文件（.ttf/.ttc），不给出时在系统中查找")
	cmd.Flags().BoolVar(&template, "template", false, "导出空白的 Excel 填报模板")
	cmd.Flags().IntVar(&year, "year", 0, "--template：预填的预算年度")
	cmd.Flags().StringVar(&org, "org", "", "--template：预填的单位名称")
	return cmd
}

func isKnownFormat(f table.Format) bool {
	switch f {
	case table.FormatJSON, table.FormatText, table.FormatCSV, table.FormatXLSX, table.FormatPDF:
		return true
	}
	return false
}

// binaryFormat is a format that would garble a terminal.
func binaryFormat(f table.Format) bool { return f == table.FormatXLSX || f == table.FormatPDF }

// refuseBinaryToTerminal keeps a workbook or PDF from being written over
// the user's terminal.
func (a *app) refuseBinaryToTerminal(f table.Format, out string) error {
	if !binaryFormat(f) || out != "" && out != "-" {
		return nil
	}
	if file, ok := a.stdout.(*os.File); ok && term.IsTerminal(int(file.Fd())) {
		return usagef("%s 是二进制格式，不写到终端：请用 -o 指定输出文件（或重定向到文件）", f)
	}
	return nil
}

// writeTable writes one table in format f, with the font chosen by --font
// for PDF.
func writeTable(w io.Writer, t *jixiao.Table, f table.Format, font string) error {
	if f == table.FormatPDF {
		return table.WritePDF(w, t, table.PDFOptions{FontFile: font})
	}
	return table.Write(w, t, f)
}

// exportTemplate writes the blank filing template; it needs no database.
func (a *app) exportTemplate(out string, opts table.TemplateOptions) error {
	if err := a.refuseBinaryToTerminal(table.FormatXLSX, out); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := table.WriteTemplate(&buf, opts); err != nil {
		return err
	}
	if out == "" || out == "-" {
		_, err := a.stdout.Write(buf.Bytes())
		return err
	}
	return writeFileAtomic(out, buf.Bytes())
}

// tablesToExport resolves the TABLE argument: an ID, nothing when there is
// one table, or --all. With several tables and neither, the error lists them.
func (a *app) tablesToExport(db *sqldb.DB, args []string, all bool) ([]jixiao.TableSummary, error) {
	if len(args) == 1 {
		id, err := strconv.ParseInt(args[0], 10, 64)
		if err != nil {
			return nil, usagef("TABLE 应为表编号（数字，见 jixiao list），实际为 %q", args[0])
		}
		if _, err := db.Table(a.ctx, id); err != nil {
			return nil, err
		}
		return []jixiao.TableSummary{{ID: id}}, nil
	}
	tables, err := db.Tables(a.ctx, jixiao.TableFilter{})
	if err != nil {
		return nil, err
	}
	switch {
	case len(tables) == 0:
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "数据库中还没有表。用 jixiao import FILE 导入。")
	case len(tables) == 1 || all:
		return tables, nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "数据库中有 %d 张表，请指定表编号或用 --all：", len(tables))
	for _, t := range tables {
		fmt.Fprintf(&b, "\n  %d\t%d 年\t%s\t第 %d 版", t.ID, t.FiscalYear, t.Org, t.Version)
	}
	return nil, jixiao.Errorf(jixiao.EINVALID, "%s", b.String())
}

// exportToFile writes one table, or several as one CSV, to out or stdout.
// font is the --font for PDF.
// A file is written whole or not at all: to a temporary name, then renamed.
func (a *app) exportToFile(db *sqldb.DB, tables []jixiao.TableSummary, f table.Format, font, out string) error {
	var buf bytes.Buffer
	for i, s := range tables {
		t, err := db.Table(a.ctx, s.ID)
		if err != nil {
			return err
		}
		var one bytes.Buffer
		if err := writeTable(&one, t, f, font); err != nil {
			return fmt.Errorf("export table %d: %w", s.ID, err)
		}
		b := one.Bytes()
		if i > 0 && f == table.FormatCSV { // one header for the whole file
			b = b[bytes.IndexByte(b, '\n')+1:]
		}
		buf.Write(b)
	}
	if out == "" || out == "-" {
		_, err := a.stdout.Write(buf.Bytes())
		return err
	}
	return writeFileAtomic(out, buf.Bytes())
}

func (a *app) exportToDir(db *sqldb.DB, tables []jixiao.TableSummary, f table.Format, font, dir string) error {
	if dir == "" {
		return usagef("导出多张 %s 表需要用 -o 指定输出目录", f)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return jixiao.Errorf(jixiao.EINVALID, "无法创建目录 %s：%v", dir, err)
	}
	ext := map[table.Format]string{table.FormatJSON: ".json", table.FormatText: ".txt", table.FormatXLSX: ".xlsx", table.FormatPDF: ".pdf"}[f]
	for _, s := range tables {
		t, err := db.Table(a.ctx, s.ID)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := writeTable(&buf, t, f, font); err != nil {
			return fmt.Errorf("export table %d: %w", s.ID, err)
		}
		name := fmt.Sprintf("%d_%s_v%d%s", t.FiscalYear, safeName(t.Org), t.Version, ext)
		if err := writeFileAtomic(filepath.Join(dir, name), buf.Bytes()); err != nil {
			return err
		}
	}
	fmt.Fprintf(a.stderr, "已导出 %d 张表到 %s\n", len(tables), dir)
	return nil
}

func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>| `, r) {
			return '_'
		}
		return r
	}, s)
}

// writeFileAtomic never leaves a half-written file under the final name.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return jixiao.Errorf(jixiao.EINVALID, "无法写入 %s：%v", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
