package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"slices"
	"strings"
	"time"

	"jixiao"
	"jixiao/internal/chart"
	"jixiao/internal/review"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pages holds one template set per page, each with the shared layout.
type pages struct {
	byName map[string]*template.Template
}

var funcs = template.FuncMap{
	"money": func(f jixiao.Fen, u jixiao.MoneyUnit) string { return f.FormatGrouped(u) },
	"wan":   func(f jixiao.Fen) string { return chart.WanYuan(int64(f)) },
	"statusLabel": func(s jixiao.Status) string {
		if s == "" {
			return jixiao.StatusPublished.Label()
		}
		return s.Label()
	},
	"roleLabel":     func(r jixiao.Role) string { return r.Label() },
	"actionLabel":   func(a jixiao.Action) string { return a.Label() },
	"severityLabel": func(s jixiao.Severity) string { return review.SeverityName(s) },
	"familyLabel":   func(f jixiao.Family) string { return review.FamilyName(f) },
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(chinaTime).Format("2006-01-02 15:04")
	},
	"add":    func(a, b int) int { return a + b },
	"fixed2": fixed2,
	// invalid reports whether a form's errors name the field, to mark it.
	"invalid": func(errs []fieldError, field string) bool {
		return slices.ContainsFunc(errs, func(e fieldError) bool { return e.Field == field })
	},
	"kindLabel": func(k jixiao.TargetKind) string {
		switch k {
		case jixiao.KindNumeric:
			return "数值"
		case jixiao.KindDeadline:
			return "时限"
		case jixiao.KindBoolean:
			return "是否"
		case jixiao.KindQualitative:
			return "定性"
		}
		return ""
	},
	// targetText shows a target as normalised: text extracted from PDFs
	// carries residue such as "$\geq$ 60", which the official table
	// printed as "≥60".
	"targetText": func(t jixiao.Target) string {
		if t.Text != "" {
			return t.Text
		}
		return t.Raw
	},
	"opSymbol": func(op jixiao.Op) string {
		switch op {
		case jixiao.OpGE:
			return "≥"
		case jixiao.OpLE:
			return "≤"
		case jixiao.OpRange:
			return ""
		}
		return string(op)
	},
	"score":       func(f float64) string { return fmt.Sprintf("%.1f", f) },
	"grades":      func() []string { return jixiao.Grades },
	"join":        strings.Join,
	"attainments": func() []string { return []string{"达成", "部分达成", "未达成"} },
	"rowArgs": func(row indicatorForm, cats []categoryOption) map[string]any {
		custom := ""
		if row.Category != "" {
			custom = row.Category
			for _, c := range cats {
				if c.Value == row.Category {
					custom = ""
				}
			}
			if custom != "" {
				parts := strings.Split(custom, "|")
				if len(parts) == 4 {
					custom = parts[1] + " › " + parts[2] + " " + parts[3]
				}
			}
		}
		return map[string]any{"Row": row, "Cats": cats, "Custom": custom}
	},
}

// fixed2 prints a score with its two decimals, as the 自评表 prints them
// ("12.50", not "12.5"); "" when unset.
func fixed2(d jixiao.Decimal) string {
	if !d.IsSet() {
		return ""
	}
	return d.Rat().FloatString(2)
}

// chinaTime is UTC+8, the time officials read; fixed, so that the binary
// needs no time zone database.
var chinaTime = time.FixedZone("CST", 8*3600)

func parsePages() (*pages, error) {
	p := &pages{byName: map[string]*template.Template{}}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		base := strings.TrimPrefix(n, "templates/")
		if base == "layout.html" || strings.HasPrefix(base, "_") {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/_*.html", n)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", n, err)
		}
		p.byName[strings.TrimSuffix(base, ".html")] = t
	}
	return p, nil
}

// view is what every page template gets.
type view struct {
	User  *jixiao.User
	Title string
	Path  string
	Flash string
	Error string
	Page  any
}

// CanImport and friends decide which navigation links a user sees.
func (v *view) CanImport() bool { return editor.allows(v.User) }
func (v *view) IsAdmin() bool   { return admins.allows(v.User) }

// render writes page with status 200, or status when given.
func (s *Server) render(w http.ResponseWriter, r *http.Request, page, title string, data any, status ...int) error {
	t := s.pages.byName[page]
	if t == nil {
		return fmt.Errorf("no page template %q", page)
	}
	v := &view{User: userOf(r), Title: title, Path: r.URL.Path, Page: data, Flash: s.takeFlash(w, r)}
	var buf bytes.Buffer
	if err := t.Execute(&buf, v); err != nil {
		return fmt.Errorf("render %s: %w", page, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if len(status) > 0 {
		w.WriteHeader(status[0])
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// webError is an error that is not one of the domain's: a login required.
type webError struct {
	status int
	code   string
	msg    string
}

func (e *webError) Error() string { return e.msg }

func errLogin(msg string) error { return &webError{http.StatusUnauthorized, "unauthorized", msg} }

func errForbidden(msg string) error { return jixiao.Errorf(jixiao.EFORBIDDEN, "%s", msg) }

func errNotFound(format string, args ...any) error {
	return jixiao.Errorf(jixiao.ENOTFOUND, format, args...)
}

func errInvalid(format string, args ...any) error {
	return jixiao.Errorf(jixiao.EINVALID, format, args...)
}

// statusOf maps an error to its HTTP status: the one place that does.
func statusOf(err error) (int, string) {
	var we *webError
	if errors.As(err, &we) {
		return we.status, we.code
	}
	switch code := jixiao.ErrorCode(err); code {
	case jixiao.EINVALID:
		return http.StatusUnprocessableEntity, code
	case jixiao.ENOTFOUND:
		return http.StatusNotFound, code
	case jixiao.ECONFLICT:
		return http.StatusConflict, code
	case jixiao.EFORBIDDEN:
		return http.StatusForbidden, code
	default:
		return http.StatusInternalServerError, jixiao.EINTERNAL
	}
}

// userMessage is what a user may read of err: never internal text.
func userMessage(err error) string {
	var we *webError
	if errors.As(err, &we) {
		return we.msg
	}
	return jixiao.ErrorMessage(err)
}

// wantsJSON is true for the API and for clients that ask for JSON.
func wantsJSON(r *http.Request) bool {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		return true
	}
	a := r.Header.Get("Accept")
	return strings.Contains(a, "application/json") || strings.Contains(a, "application/problem+json")
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	status, code := statusOf(err)
	msg := userMessage(err)
	if status == http.StatusInternalServerError {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if wantsJSON(r) {
		writeProblem(w, status, code, msg)
		return
	}
	if status == http.StatusUnauthorized && r.Method == http.MethodGet {
		http.Redirect(w, r, loginURL(r), http.StatusSeeOther)
		return
	}
	if status == http.StatusUnauthorized {
		status = http.StatusForbidden // a form posted without a session: say so in a page
	}
	if rerr := s.render(w, r, "error", http.StatusText(status), map[string]any{"Status": status, "Message": msg}, status); rerr != nil {
		s.log.Error("render error page", "err", rerr)
		http.Error(w, msg, status)
	}
}

func writeProblem(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: msg, Code: code})
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// Flash messages survive one redirect in a cookie.
const flashCookie = "jixiao_flash"

var flashes = map[string]string{
	"saved":     "已保存。",
	"unchanged": "没有改动，未生成新版本。",
	"imported":  "已导入，状态为草稿。",
	"submit":    "已报送审核。",
	"return":    "已退回修改。",
	"approve":   "已审核通过。",
	"publish":   "已公开。",
	"password":  "密码已修改。",
	"user":      "账号已保存。",
	"org":       "单位已保存。",
	"token":     "令牌已撤销。",
}

func flashText(key string) string { return flashes[key] }

// takeFlash returns the flash message the request carries and clears it,
// so that it shows once, on the page the redirect led to.
func (s *Server) takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure})
	return flashText(c.Value)
}

func (s *Server) redirect(w http.ResponseWriter, r *http.Request, to, flash string) error {
	if flash != "" {
		http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: flash, Path: "/", MaxAge: 60, HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure})
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

func (s *Server) static(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("file")
	b, err := staticFS.ReadFile("static/" + name)
	if err != nil {
		return errNotFound("文件不存在")
	}
	switch {
	case strings.HasSuffix(name, ".css"):
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	case strings.HasSuffix(name, ".js"):
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	case strings.HasSuffix(name, ".svg"):
		w.Header().Set("Content-Type", "image/svg+xml")
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, err = w.Write(b)
	return err
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.db.UserCount(r.Context()); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, err := w.Write([]byte("ok\n"))
	return err
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) error {
	return errNotFound("页面不存在：%s", r.URL.Path)
}
