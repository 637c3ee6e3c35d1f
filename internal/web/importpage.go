package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"jixiao"
	"jixiao/internal/auth"
	"jixiao/internal/sqldb"
	"jixiao/internal/table"
)

// maxUpload bounds an uploaded file; the largest published tables are a
// few megabytes.
const maxUpload = 32 << 20

// uploadStash keeps uploaded files between the preview and the commit, so
// that the user confirms exactly what they saw. It is small and in memory:
// a restart only means uploading again.
type uploadStash struct {
	mu    sync.Mutex
	ttl   time.Duration
	max   int
	files map[string]*upload
}

type upload struct {
	user    int64
	name    string
	year    int
	data    []byte
	expires time.Time
}

func newUploadStash(ttl time.Duration, max int) *uploadStash {
	return &uploadStash{ttl: ttl, max: max, files: map[string]*upload{}}
}

func (st *uploadStash) put(u *upload) string {
	st.mu.Lock()
	defer st.mu.Unlock()
	now := time.Now()
	for k, f := range st.files {
		if now.After(f.expires) {
			delete(st.files, k)
		}
	}
	for len(st.files) >= st.max { // drop the oldest
		var oldest string
		for k, f := range st.files {
			if oldest == "" || f.expires.Before(st.files[oldest].expires) {
				oldest = k
			}
		}
		delete(st.files, oldest)
	}
	u.expires = now.Add(st.ttl)
	key := auth.NewSecret("")[:22]
	st.files[key] = u
	return key
}

func (st *uploadStash) take(key string, user int64) (*upload, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	u, ok := st.files[key]
	if !ok || u.user != user || time.Now().After(u.expires) {
		return nil, false
	}
	delete(st.files, key)
	return u, true
}

func (st *uploadStash) peek(key string, user int64) (*upload, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	u, ok := st.files[key]
	if !ok || u.user != user || time.Now().After(u.expires) {
		return nil, false
	}
	return u, true
}

type importView struct {
	Key        string
	File       string
	Year       string
	YearSource string // how the fiscal year was settled, in words for the page
	Result     *table.Result
	Review     *jixiao.Review
	Findings   map[string]int // by severity; string keys, which the template's index can look up
	OrgOK      bool
	OrgError   string
}

func (s *Server) importPage(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, "import", "导入绩效目标表", importView{})
}

// readUpload reads a stashed file as the import command would.
func readUpload(u *upload) (*table.Result, error) {
	return table.Read(bytes.NewReader(u.data), table.ReadOptions{File: u.name, FiscalYear: u.year})
}

// importUpload reads the file and shows what was read and what the review
// says, without storing anything.
func (s *Server) importUpload(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload+1<<20)
	v := importView{Year: r.FormValue("year")}
	fail := func(msg string) error {
		return s.renderView(w, "import", &view{User: userOf(r), Title: "导入绩效目标表", Path: r.URL.Path, Error: msg, Page: v}, http.StatusUnprocessableEntity)
	}
	f, hdr, err := r.FormFile("file")
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return fail("文件太大：最大 32 MB。")
		}
		return fail("请选择要导入的文件。")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxUpload+1))
	if err != nil {
		return fail("文件读取失败：" + err.Error())
	}
	if len(data) > maxUpload {
		return fail("文件太大：最大 32 MB。")
	}
	v.File = hdr.Filename
	year := 0
	if v.Year != "" {
		if year, err = strconv.Atoi(v.Year); err != nil || year < 1949 || year > 2200 {
			return fail("预算年度须是四位年份，例如 2024。")
		}
	}
	up := &upload{user: userOf(r).ID, name: hdr.Filename, year: year, data: data}
	res, err := readUpload(up)
	if err != nil {
		return fail(webWords(jixiao.ErrorMessage(err) + errorDetail(err)))
	}
	v.Result = res
	v.YearSource = yearSource(res)
	v.Review, _ = s.reviewed(res.Table, "")
	v.Findings = map[string]int{}
	for _, f := range v.Review.Findings {
		v.Findings[string(f.Severity)]++
	}
	v.OrgOK, v.OrgError = s.mayImport(r, res.Table)
	v.Key = s.uploads.put(up)
	return s.render(w, r, "import", "导入预览："+res.Table.Org, v)
}

// yearSource says how the reader settled the fiscal year. The reader's
// own account (Table.FiscalYearSource, the open-data field) is English
// and its note names the command's --year flag; the page says it in the
// page's words, and offers the page's 预算年度 field instead.
func yearSource(res *table.Result) string {
	src := res.Table.FiscalYearSource
	switch {
	case strings.HasPrefix(src, "inferred:"):
		for i, n := range res.Notes {
			if strings.HasPrefix(n, "预算年度未写明") {
				res.Notes[i] = fmt.Sprintf("预算年度未写明，已按表中写明的年份推断为 %d 年；如不对，请点“重新选择文件”，在“预算年度”栏填写正确的年份后重新读取。", res.Table.FiscalYear)
			}
		}
		return "未写明，按表中的日期推断"
	case strings.HasPrefix(src, "given: --year"):
		return "导入时填写"
	case strings.HasPrefix(src, "given:"):
		return "文件中写明"
	}
	return src
}

// webWords turns the reader's advice for the command line into advice
// for this page.
func webWords(msg string) string {
	return strings.ReplaceAll(msg, "请用 --year 指定", "请在“预算年度”栏填写")
}

// errorDetail adds the reader's place (file, line, field) to a message
// that does not say it already.
func errorDetail(err error) string {
	var pe *table.ParseError
	if errors.As(err, &pe) && !strings.Contains(jixiao.ErrorMessage(err), pe.Error()) {
		return "（" + pe.Error() + "）"
	}
	return ""
}

// mayImport says whether the user may store a table of t's org: filers
// only their own org's, reviewers and admins any org they manage (a new
// org is managed by admins only).
func (s *Server) mayImport(r *http.Request, t *jixiao.Table) (bool, string) {
	return mayImportAs(userOf(r), t)
}

// mayImportAs is mayImport for user u.
func mayImportAs(u *jixiao.User, t *jixiao.Table) (bool, string) {
	if u.Role == jixiao.RoleAdmin {
		return true, ""
	}
	if u.Role == jixiao.RoleFiler && t.Org == u.OrgName {
		return true, ""
	}
	return false, "这张表的单位是“" + t.Org + "”，您只能导入本单位（" + u.OrgName + "）的表。"
}

// storeImport stores t, read from the file named name, as a new draft
// version for u: the import page and the API both store through here.
func (s *Server) storeImport(ctx context.Context, u *jixiao.User, t *jixiao.Table, name string) (jixiao.ImportResult, error) {
	if ok, msg := mayImportAs(u, t); !ok {
		return jixiao.ImportResult{}, errForbidden(msg)
	}
	if t.Review == nil {
		t.Review, _ = s.reviewed(t, "")
	}
	t.Status, t.CreatedBy, t.Note = jixiao.StatusDraft, u.Login, "导入："+name
	// An import does not overwrite work in review: a table already
	// submitted or approved changes only through its own workflow.
	if cur, err := s.db.Tables(ctx, jixiao.TableFilter{Org: t.Org, FiscalYear: t.FiscalYear}); err != nil {
		return jixiao.ImportResult{}, err
	} else if len(cur) > 0 && !cur[0].Status.Editable() && cur[0].Status != jixiao.StatusPublished {
		return jixiao.ImportResult{}, jixiao.Errorf(jixiao.ECONFLICT, "%s %d 年的表正处于“%s”状态，不能导入新版本覆盖。", t.Org, t.FiscalYear, cur[0].Status.Label())
	}
	res, err := s.db.SaveVersion(ctx, t, sqldb.SaveOptions{Actor: u.Login})
	if err == nil {
		s.forgetOrgs() // the import may have made a new org
	}
	return res, err
}

// importCommit stores the previewed file as a new draft version.
func (s *Server) importCommit(w http.ResponseWriter, r *http.Request) error {
	u := userOf(r)
	up, ok := s.uploads.peek(r.PathValue("key"), u.ID)
	if !ok {
		return errNotFound("上传的文件已过期，请重新上传。")
	}
	res, err := readUpload(up)
	if err != nil {
		return err
	}
	res2, err := s.storeImport(r.Context(), u, res.Table, up.name)
	if err != nil {
		return err
	}
	s.uploads.take(r.PathValue("key"), u.ID)
	flash := "imported"
	if res2.Outcome == jixiao.ImportUnchanged {
		flash = "unchanged"
	}
	return s.redirect(w, r, tableURL(res2.TableID), flash)
}
