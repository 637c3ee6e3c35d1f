package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"runtime/pprof"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"jixiao"
	"jixiao/internal/sqldb"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFailed  = 1 // bad input, or a finding of severity error (check)
	exitUsage   = 2 // wrong arguments; for check also: a file could not be read
	defaultDSN  = "jixiao.db"
	envDatabase = "JIXIAO_DB"
)

// app is what every subcommand shares: the streams, the environment and the
// flags common to all.
type app struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	dsn    string
	log    *slog.Logger

	stopProfile func() // set by --cpuprofile
}

// exitError carries an exit status other than 1 out of a subcommand.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}
func (e *exitError) Unwrap() error { return e.err }

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	a := &app{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if a.stopProfile != nil {
		a.stopProfile()
	}
	if err == nil {
		return exitOK
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "jixiao: 已中断")
		return exitFailed
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(stderr, "jixiao:", userText(ee.err))
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "jixiao:", userText(err))
	if jixiao.ErrorCode(err) == jixiao.EINTERNAL && a.log != nil {
		a.log.Error("internal error", "err", err)
	}
	return exitFailed
}

// userText is what a user sees of an error: the domain message, or for
// command-line mistakes cobra's own text.
func userText(err error) string {
	var e *jixiao.Error
	if errors.As(err, &e) {
		return jixiao.ErrorMessage(err)
	}
	var ue *usageError
	if errors.As(err, &ue) {
		return ue.Error()
	}
	return jixiao.ErrorMessage(err) + ": " + err.Error()
}

type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &exitError{code: exitUsage, err: &usageError{fmt.Sprintf(format, args...)}}
}

func (a *app) rootCommand() *cobra.Command {
	var verbose bool
	root := &cobra.Command{
		Use:           "jixiao",
		Short:         "jixiao 绩效 — 项目支出绩效目标：读取、审核、存储、导出",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRun: func(cmd *cobra.Command, args []string) {
			level := slog.LevelWarn
			if verbose {
				level = slog.LevelDebug
			}
			a.log = slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: level}))
			slog.SetDefault(a.log)
			if !cmd.Flags().Changed("db") {
				if v := a.getenv(envDatabase); v != "" {
					a.dsn = v
				}
			}
		},
	}
	root.PersistentFlags().StringVar(&a.dsn, "db", defaultDSN, "数据库：SQLite 文件路径，或 postgres:// URL（也可用环境变量 "+envDatabase+"）")
	root.PersistentFlags().BoolVarP(&verbose, "verbose", "v", false, "输出调试日志")
	var cpuProfile string
	root.PersistentFlags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile (for go tool pprof) to this file")
	root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		root.PersistentPreRun(cmd, args)
		if cpuProfile == "" {
			return nil
		}
		f, err := os.Create(cpuProfile)
		if err != nil {
			return err
		}
		a.stopProfile = func() { pprof.StopCPUProfile(); f.Close() }
		return pprof.StartCPUProfile(f)
	}
	root.Args = usageArgs(cobra.NoArgs) // an unknown subcommand is a usage error
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usagef("%v（见 jixiao %s --help）", err, cmd.Name())
	})
	root.AddCommand(a.importCommand(), a.checkCommand(), a.rulesCommand(), a.listCommand(), a.showCommand(), a.exportCommand(), a.genCommand())
	root.AddCommand(a.serveCommand(), a.auditCommand(), a.scoreCommand())
	return root
}

// open opens the store the --db flag names.
func (a *app) open() (*sqldb.DB, error) {
	db, err := sqldb.Open(a.ctx, a.dsn)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", redact(a.dsn), err)
	}
	return db, nil
}

// openExisting opens the store for a command that only reads: a SQLite
// file that does not exist is a mistyped path, not a new empty database.
func (a *app) openExisting() (*sqldb.DB, error) {
	if err := a.dbMissing(); err != nil {
		return nil, err
	}
	return a.open()
}

// dbMissing reports a SQLite file that does not exist; URLs are left to the
// server to judge.
func (a *app) dbMissing() error {
	if !strings.Contains(a.dsn, "://") && a.dsn != ":memory:" {
		if _, err := os.Stat(a.dsn); errors.Is(err, os.ErrNotExist) {
			return jixiao.Errorf(jixiao.ENOTFOUND, "数据库 %s 不存在（先用 jixiao import 导入，或用 --db 指定）", a.dsn)
		}
	}
	return nil
}

// cliActor names the command line's user in the audit log.
func (a *app) cliActor() string {
	u := a.getenv("USER")
	if u == "" {
		u = a.getenv("USERNAME")
	}
	if u == "" {
		u = "unknown"
	}
	return "cli:" + u
}

// redact hides a password in a database URL before it is printed.
func redact(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if _, has := u.User.Password(); has {
			return u.Redacted()
		}
	}
	return dsn
}

// stderrIsTerminal decides whether progress bars and colour are shown.
func (a *app) stderrIsTerminal() bool {
	f, ok := a.stderr.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// usageArgs turns an argument-count mistake into a usage error (exit 2).
func usageArgs(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := v(cmd, args); err != nil {
			return usagef("%v（见 jixiao %s --help）", err, cmd.Name())
		}
		return nil
	}
}
