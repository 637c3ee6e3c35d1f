package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/internal/sqldb"
)

func sortSummaries(list []jixiao.TableSummary) {
	slices.SortStableFunc(list, func(a, b jixiao.TableSummary) int {
		if a.FiscalYear != b.FiscalYear {
			return b.FiscalYear - a.FiscalYear
		}
		return strings.Compare(a.Org, b.Org)
	})
}

type overviewView struct {
	Year       int
	Years      []int
	Tables     []jixiao.TableSummary
	Projects   int
	Indicators int
	Findings   int
	Totals     []unitTotal // money per money unit: tables in 万元 and 元 are not added together
	ByStatus   map[jixiao.Status]int
	Charts     overviewCharts
}

type unitTotal struct {
	Unit  jixiao.MoneyUnit
	Total jixiao.Fen
}

func (s *Server) overview(w http.ResponseWriter, r *http.Request) error {
	u := userOf(r)
	all, err := s.visibleTables(r.Context(), u, 0)
	if err != nil {
		return err
	}
	v := overviewView{ByStatus: map[jixiao.Status]int{}}
	for _, t := range all {
		if !slices.Contains(v.Years, t.FiscalYear) {
			v.Years = append(v.Years, t.FiscalYear)
		}
	}
	v.Year, _ = strconv.Atoi(r.URL.Query().Get("year"))
	if v.Year == 0 && len(v.Years) > 0 {
		v.Year = v.Years[0]
	}
	for _, t := range all {
		if t.FiscalYear != v.Year {
			continue
		}
		v.Tables = append(v.Tables, t)
		v.Projects += t.Projects
		v.Indicators += t.Indicators
		v.Findings += t.Findings
		v.ByStatus[t.Status]++
		found := false
		for i := range v.Totals {
			if v.Totals[i].Unit == t.MoneyUnit {
				v.Totals[i].Total += t.Total
				found = true
			}
		}
		if !found {
			v.Totals = append(v.Totals, unitTotal{t.MoneyUnit, t.Total})
		}
	}
	if v.Charts, err = s.overviewCharts(r.Context(), v.Tables); err != nil {
		return err
	}
	title := "绩效目标总览"
	if v.Year != 0 {
		title = strconv.Itoa(v.Year) + " 年度绩效目标总览"
	}
	return s.render(w, r, "overview", title, v)
}

type tableView struct {
	Sum         jixiao.TableSummary
	T           *jixiao.Table
	Rows        []tableRow
	TableLevel  []jixiao.Finding // findings not of one project
	Manages     bool
	CanEdit     bool
	Actions     []jixiao.Action
	Events      []sqldb.WorkflowEvent
	Current     bool
	CurrentID   int64
	Counts      map[string]int // findings by severity; string keys, which the template's index can look up
	ShowReview  bool
	ExportLinks []exportLink
}

type tableRow struct {
	Unit     *jixiao.Unit // set on a unit's subtotal row
	Project  *jixiao.Project
	Seq      int
	Findings []jixiao.Finding
}

type exportLink struct{ Format, Label string }

func (s *Server) tablePage(w http.ResponseWriter, r *http.Request) error {
	sum, t, err := s.visibleTable(r)
	if err != nil {
		return err
	}
	u := userOf(r)
	v := tableView{Sum: sum, T: t, Counts: map[string]int{}, ExportLinks: exportLinks()}
	if v.Manages, err = s.manages(r.Context(), u, sum.Org); err != nil {
		return err
	}
	// The review is for those who work on the table; the public reads the
	// table as published, but may still choose to see the findings.
	v.ShowReview = v.Manages || r.URL.Query().Get("review") == "1"
	byProject := map[string][]jixiao.Finding{}
	if t.Review != nil {
		for _, f := range t.Review.Findings {
			v.Counts[string(f.Severity)]++
			if f.Project == "" {
				v.TableLevel = append(v.TableLevel, f)
			} else {
				byProject[f.Project] = append(byProject[f.Project], f)
			}
		}
	}
	seq := 0
	for i := range t.Units {
		un := &t.Units[i]
		v.Rows = append(v.Rows, tableRow{Unit: un})
		for _, p := range un.Projects {
			seq++
			v.Rows = append(v.Rows, tableRow{Project: p, Seq: seq, Findings: byProject[p.Name]})
		}
	}
	v.Current = sum.Current
	if v.Manages {
		v.CanEdit = jixiao.CanEdit(u) && sum.Current && sum.Status != jixiao.StatusSubmitted
		if sum.Current {
			for _, a := range jixiao.Actions {
				if _, err := jixiao.Next(sum.Status, jixiao.Step{Action: a, Comment: "x", Grade: "优"}); err == nil && jixiao.CanAct(u, a) {
					v.Actions = append(v.Actions, a)
				}
			}
		}
		if v.Events, err = s.db.WorkflowEvents(r.Context(), sum.ID); err != nil {
			return err
		}
	}
	return s.render(w, r, "table", t.Title+" — "+t.Org, v)
}

type projectView struct {
	Sum      jixiao.TableSummary
	T        *jixiao.Table
	P        *jixiao.Project
	Seq      int
	Findings []jixiao.Finding
	CanEdit  bool
}

func (s *Server) projectPage(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNotFound("绩效目标表不存在")
	}
	seq, err := strconv.Atoi(r.PathValue("seq"))
	if err != nil {
		seq = 0 // not found, once the table is
	}
	// Only this project is loaded: the page is read far more often than
	// its table, which may have hundreds of projects.
	sum, t, p, err := s.visibleProjectOf(r.Context(), userOf(r), id, seq)
	if err != nil {
		return err
	}
	v := projectView{Sum: sum, T: t, P: p, Seq: seq, Findings: projectFindings(t, p.Name)}
	m, err := s.manages(r.Context(), userOf(r), sum.Org)
	if err != nil {
		return err
	}
	// A submitted table is with the reviewer: editable() refuses it, so
	// the page does not offer 修改 either.
	v.CanEdit = m && jixiao.CanEdit(userOf(r)) && sum.Current && sum.Status != jixiao.StatusSubmitted
	return s.render(w, r, "project", p.Name, v)
}

func projectFindings(t *jixiao.Table, name string) []jixiao.Finding {
	var fs []jixiao.Finding
	if t.Review == nil {
		return fs
	}
	for _, f := range t.Review.Findings {
		if f.Project == name {
			fs = append(fs, f)
		}
	}
	return fs
}

type searchView struct {
	Q     string
	Hits  []sqldb.SearchHit
	Limit int
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) error {
	q := jixiao.FoldSpace(r.URL.Query().Get("q"))
	v := searchView{Q: q, Limit: 200}
	var err error
	if v.Hits, err = s.search(r.Context(), userOf(r), q, v.Limit); err != nil {
		return err
	}
	return s.render(w, r, "search", "搜索", v)
}

// search finds at most limit projects matching q that u may see: the
// newest published version for the public, the current one for those who
// manage the org; never both.
func (s *Server) search(ctx context.Context, u *jixiao.User, q string, limit int) ([]sqldb.SearchHit, error) {
	var list []sqldb.SearchHit
	if q == "" {
		return list, nil
	}
	hits, err := s.db.Search(ctx, q, 1000)
	if err != nil {
		return nil, err
	}
	for _, h := range hits {
		m, err := s.manages(ctx, u, h.Org)
		if err != nil {
			return nil, err
		}
		if (m && h.Current) || (!m && h.Status == jixiao.StatusPublished) {
			list = append(list, h)
		}
		if len(list) == limit {
			break
		}
	}
	return list, nil
}
