package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"jixiao"
	"jixiao/internal/review"
	"jixiao/internal/sqldb"
	"jixiao/internal/table"
)

func (a *app) checkCommand() *cobra.Command {
	var format, rulesFile string
	var year int
	cmd := &cobra.Command{
		Use:   "check [FILE|TABLE]...",
		Short: "自动审核绩效目标表：按项目列出审核意见、质量分和建议等级",
		Long: `自动审核绩效目标表。FILE 是文本版式或 jixiao.table/v1 JSON 文件（- 为标准输入），不需要数据库。
给出 --db（或 JIXIAO_DB）时，也可用表编号审核已存的表（不给参数则审核全部当前版本），
并以数据库中其他表的指标值作参照（例如区分被截断的指标值）。

退出状态：0 没有“错误”级审核意见；1 有“错误”级意见；2 有文件无法读取或参数、规则文件有误。`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return usagef("未知的格式 %q：可用 text、json", format)
			}
			opts := review.DefaultOptions()
			if rulesFile != "" {
				o, err := review.LoadOptions(rulesFile)
				if err != nil {
					return &exitError{code: exitUsage, err: err}
				}
				opts = o
			}
			// --db asks for the database; JIXIAO_DB offers it when it exists.
			useDB := cmd.Flags().Changed("db")
			if !useDB && a.getenv(envDatabase) != "" {
				useDB = a.dbMissing() == nil
			}
			if len(args) == 0 && !useDB {
				return usagef("请给出要审核的文件，或用 --db 审核数据库中的表（见 jixiao check --help）")
			}
			var db *sqldb.DB
			if useDB {
				var err error
				if db, err = a.openExisting(); err != nil {
					return &exitError{code: exitUsage, err: err}
				}
				defer db.Close()
				opts.Reference = &dbReference{a: a, db: db}
			}
			reports, unreadable, err := a.reviewTargets(db, args, year, opts)
			if err != nil {
				return err
			}
			if format == "json" {
				err = review.WriteJSON(a.stdout, reports)
			} else {
				err = review.WriteText(a.stdout, reports, review.TextOptions{Color: a.stdoutIsTerminal()})
			}
			if err != nil {
				return err
			}
			switch {
			case unreadable > 0:
				return &exitError{code: exitUsage}
			case hasErrors(reports):
				return &exitError{code: exitFailed}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text（按项目分组的报告）| json（jixiao.findings/v1）")
	cmd.Flags().IntVar(&year, "year", 0, "预算年度（不给出时从表中推断）")
	cmd.Flags().StringVar(&rulesFile, "rules", "", "规则文件（JSON 或 TOML）：关闭规则、改变级别和阈值")
	return cmd
}

// reviewTargets reads and reviews each argument: a file, or with a
// database a table ID; no argument with a database means every current
// table. A file that cannot be read is reported and counted, and the
// others are still reviewed.
func (a *app) reviewTargets(db *sqldb.DB, args []string, year int, opts review.Options) ([]review.FileReport, int, error) {
	var reports []review.FileReport
	unreadable := 0
	if len(args) == 0 {
		tables, err := db.Tables(a.ctx, jixiao.TableFilter{})
		if err != nil {
			return nil, 0, err
		}
		for _, s := range tables {
			args = append(args, strconv.FormatInt(s.ID, 10))
		}
	}
	for _, arg := range args {
		t, name, err := a.tableFor(db, arg, year)
		if err != nil {
			if jixiao.ErrorCode(err) == jixiao.EINTERNAL {
				return nil, 0, err
			}
			fmt.Fprintln(a.stderr, "jixiao:", userText(err))
			unreadable++
			continue
		}
		reports = append(reports, review.NewFileReport(name, t, review.Table(t, opts)))
	}
	return reports, unreadable, nil
}

// tableFor reads a file, or loads a stored table when arg is no file and a
// database is open.
func (a *app) tableFor(db *sqldb.DB, arg string, year int) (*jixiao.Table, string, error) {
	if _, statErr := os.Stat(arg); db != nil && arg != "-" && errors.Is(statErr, os.ErrNotExist) {
		id, err := strconv.ParseInt(arg, 10, 64)
		if err != nil {
			return nil, "", jixiao.Errorf(jixiao.EINVALID, "%s: 既不是文件，也不是表编号", arg)
		}
		t, err := db.Table(a.ctx, id)
		if err != nil {
			return nil, "", err
		}
		return t, fmt.Sprintf("表 #%d（%d 年 %s 第 %d 版）", t.ID, t.FiscalYear, t.Org, t.Version), nil
	}
	res, err := table.ReadFile(arg, a.stdin, table.ReadOptions{FiscalYear: year})
	if err != nil {
		return nil, "", err
	}
	for _, n := range res.Notes {
		fmt.Fprintf(a.stderr, "%s: 注意：%s\n", arg, n)
	}
	return res.Table, arg, nil
}

func hasErrors(reports []review.FileReport) bool {
	for _, r := range reports {
		if r.Quality.Errors > 0 {
			return true
		}
	}
	return false
}

// dbReference answers review.Reference from the indicator values stored in
// the database. Indicator names repeat across tables, so answers are kept
// for the rest of the command (a bounded cache: a value stored meanwhile is
// missed, which only weakens a heuristic). A failed look-up only weakens the
// cut-off check too.
type dbReference struct {
	a     *app
	db    *sqldb.DB
	cache map[string][]string
}

const referenceCacheNames = 20_000

func (r *dbReference) ValuesForIndicator(name string) []string {
	if vs, ok := r.cache[name]; ok {
		return vs
	}
	if r.a.ctx.Err() != nil {
		return nil // interrupted: the command is about to stop
	}
	vs, err := r.db.IndicatorValues(r.a.ctx, name, 50)
	if err != nil {
		r.a.log.Warn("reference lookup failed", "indicator", name, "err", err)
		return nil
	}
	if r.cache == nil || len(r.cache) >= referenceCacheNames {
		r.cache = map[string][]string{}
	}
	r.cache[name] = vs
	return vs
}

func (a *app) rulesCommand() *cobra.Command {
	var markdown bool
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "列出审核规则目录：编号、类别、默认级别、检查什么、为什么",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return review.WriteRules(a.stdout, review.Rules(), markdown)
		},
	}
	cmd.Flags().BoolVar(&markdown, "markdown", false, "输出 Markdown 表格（用于文档）")
	return cmd
}

// stdoutIsTerminal decides whether the report is coloured.
func (a *app) stdoutIsTerminal() bool {
	f, ok := a.stdout.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
