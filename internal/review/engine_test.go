package review_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/review"
)

func TestCatalogue(t *testing.T) {
	rules := review.Rules()
	if len(rules) < 30 {
		t.Errorf("%d rules, want at least 30", len(rules))
	}
	prefix := map[jixiao.Family]string{
		jixiao.FamilyArithmetic: "ARITH-", jixiao.FamilyCompleteness: "COMP-", jixiao.FamilyConsistency: "CONS-",
		jixiao.FamilyMeasurability: "MEAS-", jixiao.FamilyHygiene: "HYG-",
	}
	principles := map[string]bool{review.PrincipleCompleteness: true, review.PrincipleRelevance: true, review.PrincipleAppropriate: true,
		review.PrincipleFeasibility: true, review.PrinciplePublication: true}
	seen, families := map[string]bool{}, map[jixiao.Family]int{}
	lastFamily := -1
	order := []jixiao.Family{jixiao.FamilyArithmetic, jixiao.FamilyCompleteness, jixiao.FamilyConsistency, jixiao.FamilyMeasurability, jixiao.FamilyHygiene}
	for _, r := range rules {
		if seen[r.ID] {
			t.Errorf("duplicate ID %s", r.ID)
		}
		seen[r.ID] = true
		families[r.Family]++
		if !strings.HasPrefix(r.ID, prefix[r.Family]) {
			t.Errorf("%s: ID does not start with %q of family %s", r.ID, prefix[r.Family], r.Family)
		}
		fi := indexOf(order, r.Family)
		if fi < lastFamily {
			t.Errorf("%s: catalogue not in family order", r.ID)
		}
		lastFamily = fi
		switch r.Severity {
		case jixiao.SeverityError, jixiao.SeverityWarning, jixiao.SeverityInfo:
		default:
			t.Errorf("%s: severity %q", r.ID, r.Severity)
		}
		if !principles[r.Principle] {
			t.Errorf("%s: principle %q is not one of the five", r.ID, r.Principle)
		}
		if r.Title == "" || r.Checks == "" || r.Rationale == "" {
			t.Errorf("%s: title, checks and rationale are all required", r.ID)
		}
	}
	for _, f := range order {
		if families[f] == 0 {
			t.Errorf("no rule in family %s", f)
		}
	}
	if _, ok := review.Lookup("NO-SUCH-RULE"); ok {
		t.Error("Lookup found a rule that does not exist")
	}
}

func indexOf(fs []jixiao.Family, f jixiao.Family) int {
	for i, x := range fs {
		if x == f {
			return i
		}
	}
	return -1
}

func TestCleanTableHasNoFindings(t *testing.T) {
	if fs := review.Table(tbl(good("甲"), good("乙")), review.Options{}); len(fs) > 0 {
		t.Errorf("a clean table got findings:%s", dump(fs))
	}
	if fs := review.Table(nil, review.Options{}); fs != nil {
		t.Errorf("nil table: %v", fs)
	}
	if fs := review.Table(&jixiao.Table{}, review.Options{}); len(fs) > 0 {
		t.Errorf("empty table:%s", dump(fs))
	}
}

// messy has findings at table level and in two projects, on several
// indicators of each.
func messy() *jixiao.Table {
	a := project("乙项目", goodGoal,
		sat("当年举办老干活动的次数", "≥10"),
		qty("资金拨付及时率", "100%"),
		social("区域科技创新能力", "稳步提升"),
	)
	b := project("甲项目", "开展培训",
		timely("项目完成时间", "2023-10-31"),
		econ("企业满意率", "90%"),
	)
	t := tbl(a, b)
	t.Total.Total += 5 * wan
	return t
}

func TestOrderIsTableProjectIndicatorRule(t *testing.T) {
	tb := messy()
	fs := review.Table(tb, review.Options{})
	if len(fs) < 8 {
		t.Fatalf("expected a messy table, got:%s", dump(fs))
	}
	pos := map[string]int{"": -1, "乙项目": 0, "甲项目": 1}
	for i := 1; i < len(fs); i++ {
		a, b := fs[i-1], fs[i]
		ka := []int{pos[a.Project], a.Indicator}
		kb := []int{pos[b.Project], b.Indicator}
		if ka[0] > kb[0] || ka[0] == kb[0] && (ka[1] > kb[1] || ka[1] == kb[1] && a.Rule > b.Rule) {
			t.Errorf("out of order at %d:\n\t%v\n\t%v", i, a, b)
		}
	}
	if fs[0].Project != "" {
		t.Errorf("table-level findings come first, got %s first", fs[0].Rule)
	}
	again := review.Table(tb, review.Options{})
	if !reflect.DeepEqual(fs, again) {
		t.Error("two runs differ")
	}
}

func TestTableDoesNotModifyItsInput(t *testing.T) {
	tb := messy()
	before, _ := json.Marshal(tb)
	review.Table(tb, review.Options{Reference: refs})
	after, _ := json.Marshal(tb)
	if string(before) != string(after) {
		t.Error("Table modified the table it reviewed")
	}
}

func TestOptionsDisableAndSeverity(t *testing.T) {
	tb := messy()
	base := review.Table(tb, review.Options{})
	if len(ofRule(base, "MEAS-VAGUE")) == 0 || len(ofRule(base, "HYG-STALE-DEADLINE")) == 0 {
		t.Fatalf("test table lacks the findings it needs:%s", dump(base))
	}
	fs := review.Table(tb, review.Options{
		Disabled: map[string]bool{"MEAS-VAGUE": true},
		Severity: map[string]jixiao.Severity{"HYG-STALE-DEADLINE": jixiao.SeverityInfo},
	})
	if got := ofRule(fs, "MEAS-VAGUE"); len(got) > 0 {
		t.Errorf("disabled rule reported:%s", dump(got))
	}
	for _, f := range ofRule(fs, "HYG-STALE-DEADLINE") {
		if f.Severity != jixiao.SeverityInfo {
			t.Errorf("severity %s, want info from the options", f.Severity)
		}
	}
	if len(fs) != len(base)-len(ofRule(base, "MEAS-VAGUE")) {
		t.Errorf("disabling one rule changed others: %d → %d findings", len(base), len(fs))
	}
}

func TestSameTargetTwiceIsReportedOnce(t *testing.T) {
	tests := []struct {
		name       string
		in         *jixiao.Indicator
		wantFields []string
		wantLabel  string
	}{
		{"period = annual: once, on annual", social("区域科技创新能力", "稳步提升"), []string{"annual"}, "指标值（实施周期与年度相同）"},
		{"period ≠ annual: each", indPA("2-效益指标", "22-社会效益指标", "区域科技创新能力", "稳步提升", "有所提升"), []string{"period", "annual"}, "实施周期指标值"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ofRule(review.Table(tbl(with("甲", tt.in)), review.Options{}), "MEAS-VAGUE")
			var fields []string
			for _, f := range got {
				fields = append(fields, f.Field)
			}
			if !reflect.DeepEqual(fields, tt.wantFields) {
				t.Fatalf("fields = %v, want %v", fields, tt.wantFields)
			}
			if !strings.Contains(got[0].Message, tt.wantLabel) {
				t.Errorf("message %q does not say %q", got[0].Message, tt.wantLabel)
			}
		})
	}
}

func TestFindingsNameTheirPlace(t *testing.T) {
	fs := review.Table(messy(), review.Options{})
	for _, f := range fs {
		if f.Project != "" && !strings.Contains(f.Message, f.Project) {
			t.Errorf("%s: message does not name project %q: %s", f.Rule, f.Project, f.Message)
		}
		if f.Indicator > 0 && !strings.Contains(f.Message, "第") {
			t.Errorf("%s: message does not name the indicator number: %s", f.Rule, f.Message)
		}
		if f.Field == "" {
			t.Errorf("%s: no field", f.Rule)
		}
	}
}
