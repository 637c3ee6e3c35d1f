package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"jixiao"
	"jixiao/internal/review"
	"jixiao/internal/sqldb"
	"jixiao/internal/table"
)

func (a *app) importCommand() *cobra.Command {
	var year int
	var rulesFile string
	var partial bool
	cmd := &cobra.Command{
		Use:   "import FILE|DIR...",
		Short: "导入绩效目标表（Excel 工作簿、发布的文本版式或 jixiao.table/v1 JSON；目录导入其中全部文件；- 为标准输入）",
		Long: `导入绩效目标表到数据库。每张表一个事务：读不通的文件什么也不写入。
Excel 工作簿中每个工作表是一张表；有错误的工作簿默认整个不导入，
加 --partial 则导入读得通的工作表和行，并列出未导入之处。
同一单位同一年度再次导入相同内容时不作改动；内容有变化时存为新版本，旧版本保留。`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, files []string) error {
			files, err := expandDirs(files)
			if err != nil {
				return err
			}
			opts := review.DefaultOptions()
			if rulesFile != "" {
				if opts, err = review.LoadOptions(rulesFile); err != nil {
					return &exitError{code: exitUsage, err: err}
				}
			}
			db, err := a.open()
			if err != nil {
				return err
			}
			defer db.Close()
			opts.Reference = &dbReference{a: a, db: db}
			return a.importFiles(db, files, table.ReadOptions{FiscalYear: year, Partial: partial}, opts)
		},
	}
	cmd.Flags().IntVar(&year, "year", 0, "预算年度（不给出时从表中推断，并说明依据）")
	cmd.Flags().BoolVar(&partial, "partial", false, "Excel 工作簿有错误时，仍导入读得通的工作表和行（未导入之处逐一列出，退出状态为 1）")
	cmd.Flags().StringVar(&rulesFile, "rules", "", "审核规则文件（JSON 或 TOML）；审核意见随表保存")
	return cmd
}

// importFiles imports each file in its own transaction. A file that fails
// is reported and the others go on; the exit status says whether any failed.
//
// Reading and reviewing the next files overlaps with storing the current
// one (a pipeline two tables deep, so memory stays bounded): the store
// waits on the database, which on PostgreSQL is another process and on
// SQLite mostly system calls, while the reader needs only the CPU.
func (a *app) importFiles(db *sqldb.DB, files []string, opts table.ReadOptions, ropts review.Options) error {
	bar := a.progress(files)
	failed := 0
	outcomes := map[jixiao.ImportOutcome]int{}
	done := 0
	for p := range a.readAhead(files, opts, ropts) {
		if p.err != nil {
			failed++
			if bar != nil {
				bar.Clear()
			}
			fmt.Fprintln(a.stderr, "jixiao:", withFile(p.file, userText(p.err)))
		}
		for _, r := range p.results {
			name := p.file
			if r.Sheet != "" {
				name = r.Table.Source // file!sheet: one table of a workbook
			}
			if bar != nil {
				bar.Clear()
			}
			a.notes(name, r)
			res, err := db.SaveVersion(a.ctx, r.Table, sqldb.SaveOptions{Actor: a.cliActor()})
			if err == nil && bar == nil {
				a.summarise(name, r, res)
			}
			outcomes[res.Outcome]++
			if err != nil {
				failed++
				if bar != nil {
					bar.Clear()
				}
				fmt.Fprintln(a.stderr, "jixiao:", withFile(name, userText(err)))
			}
		}
		if bar != nil {
			bar.Add(1)
		}
		done++
		if a.ctx.Err() != nil {
			break
		}
	}
	if a.ctx.Err() != nil {
		return &exitError{code: exitFailed, err: jixiao.Errorf(jixiao.EINVALID, "导入被中断：%d 个文件中已处理 %d 个，其余未导入", len(files), done)}
	}
	if bar != nil {
		bar.Finish()
		fmt.Fprintf(a.stdout, "导入 %d 个文件：新建 %d，新版本 %d，未变化 %d，失败 %d\n", len(files),
			outcomes[jixiao.ImportCreated], outcomes[jixiao.ImportNewVersion], outcomes[jixiao.ImportUnchanged], failed)
	}
	if failed > 0 {
		return &exitError{code: exitFailed, err: jixiao.Errorf(jixiao.EINVALID, "%d 个文件或表未能全部导入（共 %d 个文件）", failed, len(files))}
	}
	return nil
}

// readTable is one file read and reviewed: its tables (several for a
// workbook), and why it, or part of it, could not be read. With --partial
// both can be set.
type readTable struct {
	file    string
	results []*table.Result
	err     error
}

// readAhead reads and reviews files in order on its own goroutine, and
// stops when the command's context is cancelled.
func (a *app) readAhead(files []string, opts table.ReadOptions, ropts review.Options) <-chan readTable {
	ch := make(chan readTable, 2)
	go func() {
		defer close(ch)
		for _, f := range files {
			if a.ctx.Err() != nil {
				return
			}
			rs, err := table.ReadAllFile(f, a.stdin, opts)
			for _, r := range rs {
				r.Table.Review = reviewOf(r.Table, ropts)
			}
			select {
			case ch <- readTable{file: f, results: rs, err: err}:
			case <-a.ctx.Done():
				return
			}
		}
	}()
	return ch
}

// notes prints what the reader decided about a file (encoding converted,
// fiscal year inferred …), with or without a progress bar.
func (a *app) notes(file string, res *table.Result) {
	for _, n := range res.Notes {
		fmt.Fprintf(a.stderr, "%s: 注意：%s\n", file, n)
	}
}

// withFile prefixes a message with the file it is about, unless the reader
// already did.
func withFile(file, msg string) string {
	if strings.HasPrefix(msg, file) {
		return msg
	}
	return file + ": " + msg
}

// summarise prints the one-line summary of an imported file.
func (a *app) summarise(file string, res *table.Result, r jixiao.ImportResult) {
	t := res.Table
	fmt.Fprintf(a.stdout, "%s: %s %d 年，%d 个项目，%d 个指标，合计 %s %s，审核 %s（%.1f 分，%d 条意见）→ %s\n",
		file, t.Org, t.FiscalYear, len(t.Projects()), t.IndicatorCount(),
		t.Total.Total.FormatGrouped(t.MoneyUnit), t.MoneyUnit,
		t.Review.Grade, t.Review.Score, len(t.Review.Findings), outcomeText(r))
}

func outcomeText(r jixiao.ImportResult) string {
	switch r.Outcome {
	case jixiao.ImportUnchanged:
		return fmt.Sprintf("内容未变化，与已存的表 #%d 第 %d 版相同，未写入", r.TableID, r.Version)
	case jixiao.ImportNewVersion:
		return fmt.Sprintf("已存为新版本（表 #%d 第 %d 版，旧版本保留）", r.TableID, r.Version)
	}
	return fmt.Sprintf("已导入（表 #%d 第 %d 版）", r.TableID, r.Version)
}

// progress returns a bar on a terminal for work worth one: several files or
// a large one. Elsewhere it returns nil and each file gets a summary line.
func (a *app) progress(files []string) *progressbar.ProgressBar {
	if !a.stderrIsTerminal() {
		return nil
	}
	var size int64
	for _, f := range files {
		if st, err := os.Stat(f); err == nil {
			size += st.Size()
		}
	}
	if len(files) < 5 && size < 5<<20 {
		return nil
	}
	return progressbar.NewOptions(len(files),
		progressbar.OptionSetWriter(a.stderr),
		progressbar.OptionSetDescription("导入"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100_000_000),
	)
}

// expandDirs replaces each directory argument by the regular files in it
// (not hidden ones), in name order.
func expandDirs(args []string) ([]string, error) {
	var files []string
	for _, a := range args {
		st, err := os.Stat(a)
		if a == "-" || err != nil || !st.IsDir() {
			files = append(files, a) // the reader reports a missing file
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 无法读取目录：%v", a, err)
		}
		n := 0
		for _, e := range entries {
			if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") {
				files = append(files, filepath.Join(a, e.Name()))
				n++
			}
		}
		if n == 0 {
			return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 目录中没有文件", a)
		}
	}
	return files, nil
}

// reviewOf runs the automatic review that is stored with every version.
func reviewOf(t *jixiao.Table, opts review.Options) *jixiao.Review {
	fs := review.Table(t, opts)
	q, _ := review.Score(t, fs)
	return &jixiao.Review{Findings: fs, Score: q.Score, Grade: q.Grade}
}
