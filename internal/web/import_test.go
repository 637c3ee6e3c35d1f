package web

import (
	"net/http"
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/sqldb"
)

func TestImportPage(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		filer := e.as(roleFiler)

		t.Run("files it cannot read", func(t *testing.T) {
			defer e.use(t)()
			for _, tc := range []struct {
				name string
				data string
				year string
				says string
			}{
				{"notes.txt", "hello\nworld\n", "", "应为表头行"},
				{"t.json", `{"schema":"jixiao.table/v1"`, "", "应为jixiao.table/v1 JSON"},
				{"data.bin", "\x00\x01\x02\x03\xff\xfe binary", "", "应为文本文件"},
				{"t.json", string(e.tableJSON(orgOwn)), "24", "预算年度须是四位年份"},
			} {
				r := filer.upload("/import", map[string]string{"year": tc.year}, tc.name, []byte(tc.data)).want(t, http.StatusUnprocessableEntity)
				msg := loginError(r) // the page's error line
				if n := strings.Count(msg, tc.says); n != 1 {
					t.Errorf("%s: the error says %q %d times: %q", tc.name, tc.says, n, msg)
				}
				if !strings.Contains(r.body, `enctype="multipart/form-data"`) {
					t.Errorf("%s: the page offers no form to try again", tc.name)
				}
			}
			r := filer.post("/import", nil).want(t, http.StatusUnprocessableEntity)
			mustSay(t, r, "请选择要导入的文件")
		})

		t.Run("the preview of another org's table offers no import", func(t *testing.T) {
			defer e.use(t)()
			r := e.as(roleOtherFiler).upload("/import", nil, "t.json", e.tableJSON(orgOwn)).want(t, http.StatusOK)
			mustSay(t, r, "您只能导入本单位（"+orgOther+"）的表")
			if strings.Contains(r.body, `id="import-confirm"`) {
				t.Error("the preview offers to import another org's table")
			}
		})

		t.Run("a given year is taken as given", func(t *testing.T) {
			defer e.use(t)()
			r := filer.upload("/import", map[string]string{"year": "2031"}, "t.json", e.tableJSON(orgOwn)).want(t, http.StatusOK)
			mustSay(t, r, "预算年度 2031")
		})

		t.Run("an import does not overwrite a table in review", func(t *testing.T) {
			defer e.use(t)()
			data := e.tableJSON(orgOwn)
			r := filer.upload("/import", nil, "t.json", data).want(t, http.StatusOK)
			confirm, _ := pageForm(t, r.body, `id="import-confirm"`)
			id := idFrom(t, filer.post(confirm, nil).wantRedirect(t, "/tables/"))

			// The same file again: nothing changed, no new version.
			r = filer.upload("/import", nil, "t.json", data).want(t, http.StatusOK)
			confirm, _ = pageForm(t, r.body, `id="import-confirm"`)
			to := filer.post(confirm, nil).wantRedirect(t, tablePath(id, ""))
			mustSay(t, filer.get(to), "没有改动，未生成新版本。")

			filer.post(tablePath(id, "/workflow"), map[string][]string{"action": {"submit"}}).wantRedirect(t, "/tables/")
			r = filer.upload("/import", nil, "t.json", data).want(t, http.StatusOK)
			confirm, _ = pageForm(t, r.body, `id="import-confirm"`)
			mustSay(t, filer.post(confirm, nil).want(t, http.StatusConflict), "正处于“已报送”状态，不能导入新版本覆盖")
			if cur := e.current(id); cur.ID != id || cur.Status != jixiao.StatusSubmitted {
				t.Errorf("after a refused import the current version is %+v", cur)
			}
		})
	})
}
