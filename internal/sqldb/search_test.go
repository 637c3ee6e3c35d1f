package sqldb

import (
	"context"
	"reflect"
	"testing"

	"jixiao"
)

// searchProject is a project's searchable text: name, goal, indicator names.
type searchProject struct {
	name, goal string
	indicators []string
}

// searchTable is a table of org and year with exactly the given projects'
// text (testTable's own names and goals would match too much).
func searchTable(org string, year int, status jixiao.Status, ps ...searchProject) *jixiao.Table {
	t := testTable(org, year, len(ps), 0)
	t.Status = status
	for i, p := range t.Projects() {
		p.Name, p.Goal, p.AnnualGoal = ps[i].name, ps[i].goal, ""
		for k, name := range ps[i].indicators {
			in := testIndicator(i, k, year)
			in.Name = name
			p.Indicators = append(p.Indicators, in)
		}
	}
	return t
}

func TestSearch(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		save := func(tb *jixiao.Table, opts SaveOptions) {
			t.Helper()
			if _, err := db.SaveVersion(ctx, tb, opts); err != nil {
				t.Fatal(err)
			}
		}
		jia := []searchProject{
			{"乡村振兴培训", "完成培训。", []string{"培训人次"}},
			{"道路_维护", "覆盖率达到100%", []string{"维护里程"}},
			{"道路及维护", "服务1000人", []string{"满意度"}},
			{"办公经费", "保障运转", []string{"按时支付率", "公用经费保障率"}},
			{`路径\分析`, "", nil},
			{"PPP项目前期", "", nil},
		}
		// 甲局 2024: version 1 published, version 2 a draft of it.
		save(searchTable("甲局", 2024, jixiao.StatusPublished, jia...), SaveOptions{})
		jia[0].name = "乡村振兴培训（调整）"
		save(searchTable("甲局", 2024, jixiao.StatusDraft, jia...), SaveOptions{BaseVersion: 1})
		// 乙局 2024: a draft only.
		save(searchTable("乙局", 2024, jixiao.StatusDraft, searchProject{"教师培训", "", nil}), SaveOptions{})
		// 乙局 2023: two published versions; the older one is not searched.
		save(searchTable("乙局", 2023, jixiao.StatusPublished, searchProject{"旧培训项目", "", nil}), SaveOptions{})
		save(searchTable("乙局", 2023, jixiao.StatusPublished, searchProject{"新培训项目", "", nil}), SaveOptions{})

		type hit struct {
			Org     string
			Year    int
			Version int
			Status  jixiao.Status
			Current bool
			Seq     int
			Project string
			Match   string
		}
		const (
			draft     = jixiao.StatusDraft
			published = jixiao.StatusPublished
		)
		// By year (newest first), org (code point: 乙 before 甲), version
		// (newest first), place in the table.
		for _, tc := range []struct {
			name  string
			q     string
			limit int
			want  []hit
		}{
			{"project names, in current and newest published versions", "培训", 100, []hit{
				{"乙局", 2024, 1, draft, true, 1, "教师培训", "项目名称"},
				{"甲局", 2024, 2, draft, true, 1, "乡村振兴培训（调整）", "项目名称"},
				{"甲局", 2024, 1, published, false, 1, "乡村振兴培训", "项目名称"},
				{"乙局", 2023, 2, published, true, 1, "新培训项目", "项目名称"},
			}},
			{"limit", "培训", 2, []hit{
				{"乙局", 2024, 1, draft, true, 1, "教师培训", "项目名称"},
				{"甲局", 2024, 2, draft, true, 1, "乡村振兴培训（调整）", "项目名称"},
			}},
			{"no limit given: the default", "培训", 0, []hit{
				{"乙局", 2024, 1, draft, true, 1, "教师培训", "项目名称"},
				{"甲局", 2024, 2, draft, true, 1, "乡村振兴培训（调整）", "项目名称"},
				{"甲局", 2024, 1, published, false, 1, "乡村振兴培训", "项目名称"},
				{"乙局", 2023, 2, published, true, 1, "新培训项目", "项目名称"},
			}},
			{"a negative limit likewise", "调整", -1, []hit{
				{"甲局", 2024, 2, draft, true, 1, "乡村振兴培训（调整）", "项目名称"},
			}},
			{"a name only the draft has", "调整", 100, []hit{
				{"甲局", 2024, 2, draft, true, 1, "乡村振兴培训（调整）", "项目名称"},
			}},
			{"goal", "运转", 100, []hit{
				{"甲局", 2024, 2, draft, true, 4, "办公经费", "绩效目标"},
				{"甲局", 2024, 1, published, false, 4, "办公经费", "绩效目标"},
			}},
			{"indicator name: the match names it", "支付", 100, []hit{
				{"甲局", 2024, 2, draft, true, 4, "办公经费", "按时支付率"},
				{"甲局", 2024, 1, published, false, 4, "办公经费", "按时支付率"},
			}},
			{"several indicators match: the first in the table is named", "率", 100, []hit{
				{"甲局", 2024, 2, draft, true, 2, "道路_维护", "绩效目标"},
				{"甲局", 2024, 2, draft, true, 4, "办公经费", "按时支付率"},
				{"甲局", 2024, 1, published, false, 2, "道路_维护", "绩效目标"},
				{"甲局", 2024, 1, published, false, 4, "办公经费", "按时支付率"},
			}},
			{"ASCII letters in either case, on both databases", "ppp", 100, []hit{
				{"甲局", 2024, 2, draft, true, 6, "PPP项目前期", "项目名称"},
				{"甲局", 2024, 1, published, false, 6, "PPP项目前期", "项目名称"},
			}},
			{"the name is reported before the goal and indicators", "维护", 100, []hit{
				{"甲局", 2024, 2, draft, true, 2, "道路_维护", "项目名称"},
				{"甲局", 2024, 2, draft, true, 3, "道路及维护", "项目名称"},
				{"甲局", 2024, 1, published, false, 2, "道路_维护", "项目名称"},
				{"甲局", 2024, 1, published, false, 3, "道路及维护", "项目名称"},
			}},
			{"% is a percent sign, not any text", "100%", 100, []hit{
				{"甲局", 2024, 2, draft, true, 2, "道路_维护", "绩效目标"},
				{"甲局", 2024, 1, published, false, 2, "道路_维护", "绩效目标"},
			}},
			{"_ is an underscore, not any character", "道路_维护", 100, []hit{
				{"甲局", 2024, 2, draft, true, 2, "道路_维护", "项目名称"},
				{"甲局", 2024, 1, published, false, 2, "道路_维护", "项目名称"},
			}},
			{"a lone % matches only a percent sign", "%", 100, []hit{
				{"甲局", 2024, 2, draft, true, 2, "道路_维护", "绩效目标"},
				{"甲局", 2024, 1, published, false, 2, "道路_维护", "绩效目标"},
			}},
			{`\ is a backslash`, `径\分`, 100, []hit{
				{"甲局", 2024, 2, draft, true, 5, `路径\分析`, "项目名称"},
				{"甲局", 2024, 1, published, false, 5, `路径\分析`, "项目名称"},
			}},
			{"white space around the query is ignored", " \u3000满意度 ", 100, []hit{
				{"甲局", 2024, 2, draft, true, 3, "道路及维护", "满意度"},
				{"甲局", 2024, 1, published, false, 3, "道路及维护", "满意度"},
			}},
			{"an older published version is not searched", "旧培训", 100, []hit{}},
			{"no match", "没有这样的项目", 100, []hit{}},
			{"empty query", "", 100, []hit{}},
			{"blank query", " \u3000", 100, []hit{}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				hits, err := db.Search(ctx, tc.q, tc.limit)
				if err != nil {
					t.Fatal(err)
				}
				if hits == nil {
					t.Fatal("Search returned nil, want an empty slice")
				}
				got := []hit{}
				for _, h := range hits {
					got = append(got, hit{h.Org, h.FiscalYear, h.Version, h.Status, h.Current, h.Seq, h.Project, h.Match})
					if h.TableID == 0 {
						t.Errorf("hit %+v has no table id", h)
					}
				}
				if !reflect.DeepEqual(got, tc.want) {
					t.Errorf("Search(%q):\n got  %+v\n want %+v", tc.q, got, tc.want)
				}
			})
		}
	})
}
