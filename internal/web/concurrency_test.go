package web

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"jixiao"
	"jixiao/internal/sqldb"
)

// editors is how many people edit one project at once.
const editors = 50

// oneProject is a table of one project with n indicators, the field the
// concurrent editors share.
func oneProject(org string, year, n int) *jixiao.Table {
	cat := jixiao.Catalogue[0]
	p := &jixiao.Project{
		Name: "并发编辑测试项目", Org: org, Goal: "完成年度培训任务，提升企业经营管理水平。",
		Funding: jixiao.Funding{Total: 1_000_000, Fiscal: 1_000_000},
	}
	for i := range n {
		p.Indicators = append(p.Indicators, &jixiao.Indicator{
			Seq: i + 1, Level1: cat.Level1, Level2: cat.Level2,
			Name:   fmt.Sprintf("培训场次%02d", i+1),
			Period: jixiao.Target{Raw: "≥1场"}, Annual: jixiao.Target{Raw: "≥1场"},
		})
	}
	return &jixiao.Table{
		Title: "项目支出绩效目标表（含转移支付项目）", Org: org, FiscalYear: year, MoneyUnit: jixiao.WanYuan,
		Units: []jixiao.Unit{{Name: org, Funding: p.Funding, Projects: []*jixiao.Project{p}}},
		Total: p.Funding,
	}
}

// No lost updates: many filers edit different indicators of one project at
// once, each through the edit page with the version it showed; a save
// that another got in before is refused (409), and the editor reloads and
// tries again. At the end every change is in the current version, and
// every successful save made exactly one version.
func TestConcurrentEditorsLoseNoUpdate(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		first := e.save(oneProject(orgOwn, 2024, editors), jixiao.StatusDraft)
		clients := make([]*client, editors)
		for i := range clients {
			clients[i] = e.fresh(roleFiler)
		}
		want := func(i int) string { return "≥" + strconv.Itoa(100+i) + "场" }

		var saves, conflicts atomic.Int64
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i, c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				// The editor opens the project from the newest version
				// they know of, as a browser tab left open does.
				path := tablePath(first, "/projects/1/edit")
				for attempt := 1; ; attempt++ {
					if attempt > 10*editors {
						t.Errorf("editor %d: still not saved after %d attempts", i, attempt-1)
						return
					}
					page, err := c.tryFollow(path)
					if err != nil || page.status != http.StatusOK {
						t.Errorf("editor %d: edit page: %v %v", i, err, page)
						return
					}
					path = strings.TrimPrefix(page.req, "GET ")
					action, form, err := readPageForm(page.body, `id="edit-form"`)
					if err != nil {
						t.Errorf("editor %d: %v", i, err)
						return
					}
					form["ind_annual"][i] = want(i)
					r, err := c.tryPost(action, form)
					switch {
					case err != nil:
						t.Errorf("editor %d: save: %v", i, err)
						return
					case r.status == http.StatusSeeOther:
						saves.Add(1)
						return
					case r.status == http.StatusConflict:
						// Someone saved first: read the message, open
						// the newest version, change it again.
						conflicts.Add(1)
						time.Sleep(rand.N(10 * time.Millisecond << min(attempt, 6)))
					default:
						t.Errorf("editor %d: save: status %d\n%s", i, r.status, excerpt(r.body))
						return
					}
				}
			}()
		}
		close(start)
		wg.Wait()

		cur := e.load(e.current(first).ID)
		lost := 0
		for i, in := range cur.Projects()[0].Indicators {
			if in.Annual.Raw != want(i) {
				lost++
				t.Errorf("indicator %d: annual %q, want %q: an update was lost", i+1, in.Annual.Raw, want(i))
			}
		}
		vs, err := e.db.Versions(t.Context(), first)
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(vs)) != saves.Load()+1 {
			t.Errorf("%d versions after %d successful saves, want saves + 1", len(vs), saves.Load())
		}
		if saves.Load() != editors {
			t.Errorf("%d successful saves, want %d", saves.Load(), editors)
		}
		t.Logf("%d editors: %d saves, %d conflicts (409, reloaded and retried), %d lost updates, %d versions",
			editors, saves.Load(), conflicts.Load(), lost, len(vs))
	})
}
