package gen

import (
	"reflect"
	"strings"
	"testing"

	"jixiao"
)

// corpus returns tables 0..n-1 for opts with their defects.
func corpus(t testing.TB, opts Options, n int) ([]*jixiao.Table, [][]Defect) {
	t.Helper()
	ts := make([]*jixiao.Table, n)
	ds := make([][]Defect, n)
	for i := range n {
		ts[i], ds[i] = Generate(opts, i)
	}
	return ts, ds
}

func TestSameSeedAndIndexGiveIdenticalTables(t *testing.T) {
	opts := DefaultOptions(7)
	for i := range 20 {
		a, b := Table(opts, i), Table(opts, i)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("table %d differs between two calls", i)
		}
		if ha, hb := jixiao.ContentHash(a), jixiao.ContentHash(b); ha != hb {
			t.Fatalf("table %d: content hash %s then %s", i, ha, hb)
		}
	}
}

func TestTableDoesNotDependOnOtherTables(t *testing.T) {
	opts := DefaultOptions(7)
	var viaCorpus *jixiao.Table
	err := Corpus(opts, 6, func(i int, tab *jixiao.Table) error {
		if i == 5 {
			viaCorpus = tab
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(viaCorpus, Table(opts, 5)) {
		t.Error("table 5 of a corpus differs from table 5 generated alone")
	}
}

func TestDifferentSeedsOrIndexesGiveDifferentTables(t *testing.T) {
	seen := map[string]string{}
	for _, seed := range []int64{1, 2, 3} {
		for i := range 5 {
			h := jixiao.ContentHash(Table(DefaultOptions(seed), i))
			where := "seed " + itoa(int(seed)) + " table " + itoa(i)
			if prev, dup := seen[h]; dup {
				t.Errorf("%s has the same content as %s", where, prev)
			}
			seen[h] = where
		}
	}
}

func TestLooksLikeAPublishedTable(t *testing.T) {
	tables, _ := corpus(t, DefaultOptions(1), 50)
	bureauFirst := 0
	for i, tab := range tables {
		if tab.Title != Title && tab.Title != "2024年"+Title {
			t.Errorf("table %d: title %q", i, tab.Title)
		}
		if !namesAYear(tab) && tab.Title == Title {
			t.Errorf("table %d names no year anywhere, so its title must", i)
		}
		if !strings.HasPrefix(tab.Org, "广州市") || !strings.HasSuffix(tab.Org, "局（本级）") {
			t.Errorf("table %d: org %q, want 广州市…局（本级）", i, tab.Org)
		}
		if tab.MoneyUnit != jixiao.WanYuan || tab.FiscalYear != 2024 {
			t.Errorf("table %d: money unit %q, year %d", i, tab.MoneyUnit, tab.FiscalYear)
		}
		if tab.Units[0].Name+"（本级）" == tab.Org {
			bureauFirst++
		}
		names := map[string]bool{}
		for _, u := range tab.Units {
			if !endsLikeOrg(u.Name) {
				t.Errorf("table %d: unit %q does not end like an organisation; readers tell units from projects by that", i, u.Name)
			}
			if names[u.Name] {
				t.Errorf("table %d: unit %q twice", i, u.Name)
			}
			names[u.Name] = true
			for _, p := range u.Projects {
				if p.Org != u.Name {
					t.Errorf("table %d: project %q has org %q under unit %q", i, p.Name, p.Org, u.Name)
				}
				if names[p.Name] {
					t.Errorf("table %d: name %q used twice", i, p.Name)
				}
				names[p.Name] = true
				if p.Goal == "" {
					t.Errorf("table %d: project %q has no goal", i, p.Name)
				}
			}
		}
	}
	if bureauFirst < 35 || bureauFirst == 50 {
		t.Errorf("the bureau itself is the first unit in %d of 50 tables, want usually but not always", bureauFirst)
	}
}

// endsLikeOrg mirrors the suffixes the text reader uses to tell a unit's
// subtotal row from a project row.
func endsLikeOrg(name string) bool {
	for _, s := range []string{"局", "委", "办", "中心", "站", "所", "院", "校", "园", "馆", "队", "室", "处", "会"} {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

func TestOptionsShapeTheCorpus(t *testing.T) {
	opts := Options{Seed: 3, FiscalYear: 2025, MinUnits: 2, MaxUnits: 3, MinProjects: 1, MaxProjects: 2}
	tables, _ := corpus(t, opts, 30)
	for i, tab := range tables {
		if tab.FiscalYear != 2025 {
			t.Errorf("table %d: year %d", i, tab.FiscalYear)
		}
		if n := len(tab.Units); n < 2 || n > 3 {
			t.Errorf("table %d: %d units, want 2..3", i, n)
		}
		for _, u := range tab.Units {
			if n := len(u.Projects); n < 1 || n > 2 {
				t.Errorf("table %d: unit %q has %d projects, want 1..2", i, u.Name, n)
			}
		}
	}
	def := Table(Options{Seed: 3}, 0)
	if n := len(def.Units); n < 1 || n > 4 {
		t.Errorf("default options: %d units, want 1..4", n)
	}
	for _, u := range def.Units {
		if n := len(u.Projects); n < 3 || n > 20 {
			t.Errorf("default options: %d projects in a unit, want 3..20", n)
		}
	}
	big := Table(Options{Seed: 3, MinUnits: 50, MaxUnits: 50}, 0)
	if n := len(big.Units); n != maxUnits {
		t.Errorf("asking for 50 units gave %d, want the %d distinct units a field has", n, maxUnits)
	}
}

func TestMoneyAddsUp(t *testing.T) {
	tables, defects := corpus(t, DefaultOptions(11), 200)
	for i, tab := range tables {
		misprinted := map[string]bool{}
		for _, d := range defects[i] {
			if d.Kind == DefectSubtotal {
				misprinted[d.Unit] = true
			}
		}
		var all jixiao.Funding
		for _, u := range tab.Units {
			var sum jixiao.Funding
			for _, p := range u.Projects {
				f := p.Funding
				if f.Total != f.Sum() {
					t.Errorf("table %d %q: total %d ≠ %d + %d + %d", i, p.Name, f.Total, f.Fiscal, f.SpecialAccount, f.Other)
				}
				for _, v := range []jixiao.Fen{f.Total, f.Fiscal, f.SpecialAccount, f.Other} {
					if v < 0 || v%10_000 != 0 {
						t.Errorf("table %d %q: amount %d fen is not a whole 0.01 万元", i, p.Name, v)
					}
				}
				if f.Total <= 0 {
					t.Errorf("table %d %q: total %d", i, p.Name, f.Total)
				}
				sum = sum.Add(f)
			}
			all = all.Add(sum)
			if u.Funding.Total != u.Funding.Sum() {
				t.Errorf("table %d unit %q: subtotal row does not add across", i, u.Name)
			}
			if (u.Funding != sum) != misprinted[u.Name] {
				t.Errorf("table %d unit %q: subtotal %v, projects add to %v, recorded as misprinted: %v", i, u.Name, u.Funding, sum, misprinted[u.Name])
			}
		}
		if tab.Total != all {
			t.Errorf("table %d: 合计 %v, projects add to %v", i, tab.Total, all)
		}
	}
}

func TestIndicatorsAreNumberedAndCategorised(t *testing.T) {
	tables, _ := corpus(t, DefaultOptions(5), 100)
	for i, tab := range tables {
		for _, p := range tab.Projects() {
			if n := len(p.Indicators); n < 3 || n > 8 {
				t.Errorf("table %d %q: %d indicators, want 3..8", i, p.Name, n)
			}
			prev := ""
			for k, in := range p.Indicators {
				if in.Seq != k+1 {
					t.Errorf("table %d %q: indicator %d has seq %d", i, p.Name, k+1, in.Seq)
				}
				e, ok := jixiao.LookupLevel2(in.Level2.Code)
				if !ok {
					t.Errorf("table %d %q: unknown level-2 code %q", i, p.Name, in.Level2.Code)
					continue
				}
				if in.Level1 != e.Level1 || !jixiao.SameCategoryName(in.Level2.Name, e.Level2.Name) {
					t.Errorf("table %d %q: %v / %v does not match the catalogue", i, p.Name, in.Level1, in.Level2)
				}
				if in.Level2.Code < prev {
					t.Errorf("table %d %q: category %s after %s; published tables list by code", i, p.Name, in.Level2.Code, prev)
				}
				prev = in.Level2.Code
				if in.Period.Raw == "" || in.Annual.Raw == "" || in.Name == "" {
					t.Errorf("table %d %q: indicator %d has an empty name or value", i, p.Name, in.Seq)
				}
				if in.Annual.Kind != "" || in.Annual.Text != "" {
					t.Errorf("table %d %q: targets must carry Raw only; parsing is internal/value's job", i, p.Name)
				}
			}
		}
	}
}

func TestEveryCategoryAppearsInACorpus(t *testing.T) {
	tables, _ := corpus(t, DefaultOptions(1), 100)
	seen := map[string]int{}
	l2Names := map[string]bool{}
	for _, tab := range tables {
		for _, p := range tab.Projects() {
			for _, in := range p.Indicators {
				seen[in.Level2.Code]++
				l2Names[in.Level2.Name] = true
			}
		}
	}
	for _, e := range jixiao.Catalogue {
		if seen[e.Level2.Code] == 0 {
			t.Errorf("category %s %s never appears in 100 tables", e.Level2.Code, e.Level2.Name)
		}
	}
	// Both ways of printing level-2 names occur, as in real tables.
	for _, name := range []string{"经济效益", "经济效益指标", "服务对象满意度", "服务对象满意度指标"} {
		if !l2Names[name] {
			t.Errorf("level-2 name %q never printed", name)
		}
	}
}

// TestValueFormsOfTheSeedAppear checks that the corpus writes targets the
// many ways the published seed does.
func TestValueFormsOfTheSeedAppear(t *testing.T) {
	tables, _ := corpus(t, DefaultOptions(1), 100)
	var raw, names []string
	for _, tab := range tables {
		for _, p := range tab.Projects() {
			for _, in := range p.Indicators {
				raw = append(raw, in.Annual.Raw, in.Period.Raw)
				names = append(names, in.Name)
			}
		}
	}
	// Some names carry the unit or the answer's form, as in the seed.
	allNames := strings.Join(names, "\x00")
	for _, form := range []string{"（是/否）", "（%）", "满意率", "（个）"} {
		if !strings.Contains(allNames, form) {
			t.Errorf("no indicator name has %q", form)
		}
	}
	all := "\x00" + strings.Join(raw, "\x00") + "\x00"
	for _, form := range []string{
		"\x00100%\x00", "%以上\x00", "\x00≥", ` $\geq$ `, `\%$ `, "$ 家", "不少于", "不低于", "超过",
		"个以上（含", "及以上", "\x00年度内完成\x00", "2024年12月31日前完成验收", "第三季度前",
		"日前\x00", "\x002024-", "\x00是\x00", "有效保障", "合格及以上", "≤", ` $\leq$ `, "不高于",
		"以内", "全年≥", "新增≥", "亿美元", "亿元", "万元", "元/亩",
	} {
		if !strings.Contains(all, form) {
			t.Errorf("no target value has the form %q", strings.Trim(form, "\x00"))
		}
	}
	periodLarger := 0
	for _, tab := range tables {
		for _, p := range tab.Projects() {
			for _, in := range p.Indicators {
				if in.Period.Raw != in.Annual.Raw {
					periodLarger++
				}
			}
		}
	}
	if n := len(raw) / 2; periodLarger == 0 || periodLarger > n/5 {
		t.Errorf("period target differs from annual in %d of %d indicators, want sometimes", periodLarger, n)
	}
}

// TestCellsAreSafeForTheTextLayout checks what the tab-separated layout and
// the indicator cell syntax need: no tab or line break anywhere, no "；" or
// "N、" inside indicator names and values, nothing the reader trims.
func TestCellsAreSafeForTheTextLayout(t *testing.T) {
	tables, _ := corpus(t, DefaultOptions(9), 100)
	for i, tab := range tables {
		for _, s := range []string{tab.Title, tab.Org} {
			if strings.ContainsAny(s, "\t\r\n") {
				t.Errorf("table %d: header %q has a tab or line break", i, s)
			}
		}
		for _, u := range tab.Units {
			for _, p := range u.Projects {
				for _, s := range []string{u.Name, p.Name, p.Goal} {
					if strings.ContainsAny(s, "\t\r\n") || s != strings.TrimSpace(s) {
						t.Errorf("table %d: cell %q has a tab, a line break or outer spaces", i, s)
					}
				}
				for _, in := range p.Indicators {
					for _, s := range []string{in.Name, in.Level1.Name, in.Level2.Name, in.Period.Raw, in.Annual.Raw} {
						if strings.ContainsAny(s, "\t\r\n；") || hasNumberedItem(s) || strings.Contains(s, "指标值") {
							t.Errorf("table %d %q: %q would break the indicator cell", i, p.Name, s)
						}
					}
					if in.Name != strings.TrimSpace(in.Name) || strings.HasSuffix(in.Annual.Raw, "。") {
						t.Errorf("table %d %q: %q / %q would not read back the same", i, p.Name, in.Name, in.Annual.Raw)
					}
					if strings.Contains(in.Level1.Name+in.Level2.Name, "-") {
						t.Errorf("table %d: category name with '-': %v %v", i, in.Level1, in.Level2)
					}
				}
			}
		}
		for n, line := range strings.Split(strings.TrimSuffix(layout(tab), "\n"), "\n")[7:] {
			if c := strings.Count(line, "\t"); c != 6 {
				t.Fatalf("table %d line %d has %d tabs, want 6: %q", i, n+8, c, line)
			}
		}
	}
}

// hasNumberedItem reports "<digits>、", which starts an indicator.
func hasNumberedItem(s string) bool {
	for k := strings.Index(s, "、"); k >= 0; {
		if k > 0 && s[k-1] >= '0' && s[k-1] <= '9' {
			return true
		}
		next := strings.Index(s[k+len("、"):], "、")
		if next < 0 {
			break
		}
		k += len("、") + next
	}
	return false
}

func TestOddOptionsStillGenerate(t *testing.T) {
	for _, opts := range []Options{
		{Seed: 1, MinUnits: 1, MaxUnits: 1, MinProjects: 1, MaxProjects: 1, DefectRate: 1},
		{Seed: 2, MinUnits: 3, MaxUnits: 1, MinProjects: 9, MaxProjects: 2, DefectRate: 2},
		{Seed: -5, FiscalYear: -1, MinUnits: -2, DefectRate: -0.5},
	} {
		for i := range 30 {
			tab, defects := Generate(opts, i)
			if len(tab.Units) == 0 || len(tab.Projects()) == 0 {
				t.Fatalf("%+v table %d is empty", opts, i)
			}
			if opts.DefectRate >= 1 {
				named := map[string]bool{}
				for _, d := range defects {
					named[d.Project] = true
				}
				for _, p := range tab.Projects() {
					if !named[p.Name] {
						t.Errorf("%+v table %d: project %q has no defect at rate ≥ 1", opts, i, p.Name)
					}
				}
			}
		}
	}
}

func TestTablesCanBeGeneratedConcurrently(t *testing.T) {
	opts := DefaultOptions(3)
	want := make([]string, 8)
	for i := range want {
		want[i] = jixiao.ContentHash(Table(opts, i))
	}
	got := make([]string, len(want))
	done := make(chan struct{})
	for i := range got {
		go func() {
			got[i] = jixiao.ContentHash(Table(opts, i))
			done <- struct{}{}
		}()
	}
	for range got {
		<-done
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("tables generated concurrently differ from tables generated one by one")
	}
}
