package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"jixiao"
	"jixiao/internal/auth"
	"jixiao/internal/gen"
	"jixiao/internal/review"
	"jixiao/internal/score"
	"jixiao/internal/sqldb"
	"jixiao/internal/table"
	"jixiao/internal/web"
)

const envAdminPassword = "JIXIAO_ADMIN_PASSWORD"

func (a *app) serveCommand() *cobra.Command {
	var addr, adminPassword, rulesFile, settingsFile string
	var noDemo, secure bool
	var cacheTTL time.Duration
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "启动网页应用（默认 http://localhost:8080）",
		Long: `启动网页应用：浏览、修改并实时审核、报送、审核、公开绩效目标，以及 JSON API（/api/v1）。
首次启动且数据库为空时，创建管理员账号 admin（密码取自 --admin-password 或环境变量 ` + envAdminPassword + `，
否则随机生成并只显示这一次），并载入 gen 生成的演示数据（--no-demo 不载入）。`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if adminPassword == "" {
				adminPassword = a.getenv(envAdminPassword)
			}
			ropts, err := loadRules(rulesFile)
			if err != nil {
				return err
			}
			db, err := a.open()
			if err != nil {
				return err
			}
			defer db.Close()
			if err := a.firstStart(db, adminPassword, !noDemo, ropts); err != nil {
				return err
			}
			settings := score.DefaultSettings()
			if settingsFile != "" {
				if settings, err = score.LoadSettings(settingsFile); err != nil {
					return &exitError{code: exitUsage, err: err}
				}
			}
			srv, err := web.New(web.Config{DB: db, Log: a.log, Review: ropts, Score: settings, SecureCookies: secure, PublicCacheTTL: cacheTTL})
			if err != nil {
				return err
			}
			return a.listen(addr, srv)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "localhost:8080", "监听地址")
	cmd.Flags().StringVar(&adminPassword, "admin-password", "", "首次启动时管理员 admin 的密码（也可用环境变量 "+envAdminPassword+"）")
	cmd.Flags().BoolVar(&noDemo, "no-demo", false, "首次启动时不载入演示数据")
	cmd.Flags().BoolVar(&secure, "secure-cookies", false, "Cookie 只经 HTTPS 发送（在 TLS 或 HTTPS 反向代理之后运行时打开）")
	cmd.Flags().StringVar(&rulesFile, "rules", "", "审核规则设置文件（TOML 或 JSON）")
	cmd.Flags().DurationVar(&cacheTTL, "public-cache", 30*time.Second, "公众（未登录）读取表和项目的页面与 API 结果缓存多久；本服务的任何修改立即清空缓存，其他进程（如 jixiao import）的修改最迟在此时间后显示；0 为不缓存")
	cmd.Flags().StringVar(&settingsFile, "settings", "", "本地区的自评与监控设置文件：权重、公式、等级和预警阈值（TOML 或 JSON，见 docs/score.md）")
	return cmd
}

// listen serves until the command's context ends, then shuts down
// gracefully: requests in flight finish, new ones are refused.
func (a *app) listen(addr string, h http.Handler) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return jixiao.Errorf(jixiao.EINVALID, "无法监听 %s：%v", addr, err)
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	fmt.Fprintf(a.stdout, "jixiao 网页应用已启动：http://%s/\n", displayAddr(ln.Addr()))
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-a.ctx.Done():
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(ctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(a.stdout, "jixiao 网页应用已停止。")
	return nil
}

func displayAddr(addr net.Addr) string {
	if ta, ok := addr.(*net.TCPAddr); ok && (ta.IP.IsUnspecified() || ta.IP.IsLoopback()) {
		return fmt.Sprintf("localhost:%d", ta.Port)
	}
	return addr.String()
}

// firstStart prepares an empty database: the admin account, and demo data
// so that the first page shows something.
func (a *app) firstStart(db *sqldb.DB, password string, demo bool, ropts review.Options) error {
	n, err := db.UserCount(a.ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	generated := password == ""
	if generated {
		password = auth.NewPassword()
	} else if err := auth.CheckPasswordStrength(password); err != nil {
		return jixiao.Errorf(jixiao.EINVALID, "管理员密码不合格：%v", err)
	}
	h, err := auth.HashPassword(password, auth.Default)
	if err != nil {
		return err
	}
	if _, err := db.CreateUser(a.ctx, sqldb.NewUser{Login: "admin", Name: "管理员", Role: jixiao.RoleAdmin, PasswordHash: h}, "system"); err != nil {
		return err
	}
	if generated {
		fmt.Fprintf(a.stdout, "已创建管理员账号 admin，密码：%s\n（只显示这一次，请登录后在“我的账号”中修改。）\n", password)
	} else {
		fmt.Fprintln(a.stdout, "已创建管理员账号 admin（密码为所给密码）。")
	}
	if !demo {
		return nil
	}
	tables, err := db.Tables(a.ctx, jixiao.TableFilter{})
	if err != nil || len(tables) > 0 {
		return err
	}
	return a.loadDemo(db, ropts)
}

// demoStatuses spreads the demo tables over the workflow, most of them
// published so that the public sees a useful first page.
var demoStatuses = []jixiao.Status{
	jixiao.StatusPublished, jixiao.StatusPublished, jixiao.StatusPublished, jixiao.StatusDraft,
	jixiao.StatusPublished, jixiao.StatusSubmitted, jixiao.StatusPublished, jixiao.StatusApproved,
}

// loadDemo stores synthetic tables for two years, reviewed, under one
// parent org, as the demo a first start shows.
func (a *app) loadDemo(db *sqldb.DB, ropts review.Options) error {
	const perYear = 12
	parent, err := db.EnsureOrg(a.ctx, "示例市财政局", 0, "demo")
	if err != nil {
		return err
	}
	n := 0
	for _, year := range []int{2024, 2025} {
		opts := gen.DefaultOptions(int64(year))
		opts.FiscalYear = year
		for i := range perYear {
			t := gen.Table(opts, i)
			table.ParseTargets(t) // as an import does: the review and the pages need the parsed values
			t.Review = reviewOf(t, ropts)
			t.Status = demoStatuses[i%len(demoStatuses)]
			t.CreatedBy, t.Note = "demo", "演示数据（jixiao gen）"
			if t.Status == jixiao.StatusApproved || t.Status == jixiao.StatusPublished {
				t.Grade = jixiao.Grades[i%3]
			}
			org, err := db.EnsureOrg(a.ctx, t.Org, parent, "demo")
			if err != nil {
				return err
			}
			_ = org
			if _, err := db.SaveVersion(a.ctx, t, sqldb.SaveOptions{Actor: "demo"}); err != nil {
				return fmt.Errorf("demo table %d: %w", i, err)
			}
			n++
		}
	}
	fmt.Fprintf(a.stdout, "已载入演示数据：%d 张绩效目标表（jixiao gen 生成）。\n", n)
	return nil
}

func (a *app) auditCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "审计日志",
		Args:  usageArgs(cobra.NoArgs),
	}
	verify := &cobra.Command{
		Use:   "verify",
		Short: "校验审计日志的哈希链，指出第一条被改动的记录",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := a.openExisting()
			if err != nil {
				return err
			}
			defer db.Close()
			n, brk, err := db.VerifyAudit(a.ctx, nil)
			if err != nil {
				return err
			}
			if brk != nil {
				return jixiao.Errorf(jixiao.EINVALID, "审计日志的哈希链在第 %d 条记录处断开：%s（已检查 %d 条）", brk.Seq, brk.Reason, n)
			}
			fmt.Fprintf(a.stdout, "审计日志完整：%d 条记录，哈希链无断点。\n", n)
			return nil
		},
	}
	cmd.AddCommand(verify)
	return cmd
}

// loadRules reads a rules file, or gives the default rule settings.
func loadRules(file string) (review.Options, error) {
	if file == "" {
		return review.DefaultOptions(), nil
	}
	opts, err := review.LoadOptions(file)
	if err != nil {
		return opts, &exitError{code: exitUsage, err: err}
	}
	return opts, nil
}
