package review_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/review"
)

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadOptions(t *testing.T) {
	want := review.Options{
		Disabled:            map[string]bool{"MEAS-NO-COMPARATOR": true, "COMP-NO-COST": true},
		Severity:            map[string]jixiao.Severity{"HYG-PHONE": jixiao.SeverityError},
		MinIndicators:       4,
		SatisfactionCeiling: 95.5,
		MinGoalRunes:        12,
		VagueMaxRunes:       16,
		NarrativeMinRunes:   50,
		Categories: []jixiao.CatalogueEntry{{
			Level1: jixiao.Category{Code: "5", Name: "管理指标"},
			Level2: jixiao.Category{Code: "51", Name: "制度建设指标"},
		}},
	}
	tests := []struct{ name, file, body string }{
		{"JSON", "rules.json", `{
  "disable": ["MEAS-NO-COMPARATOR", "COMP-NO-COST"],
  "severity": {"HYG-PHONE": "error"},
  "min_indicators": 4,
  "satisfaction_ceiling": 95.5,
  "min_goal_runes": 12,
  "vague_max_runes": 16,
  "narrative_min_runes": 50,
  "categories": [{"level1_code": "5", "level1_name": "管理指标", "level2_code": "51", "level2_name": "制度建设指标"}]
}`},
		{"TOML", "rules.toml", `# 本地审核规则
disable = [
  "MEAS-NO-COMPARATOR", # 满意度惯例即下限
  'COMP-NO-COST',
]
min_indicators = 4
satisfaction_ceiling = 95.5
min_goal_runes = 1_2
vague_max_runes = 16
narrative_min_runes = 50

[severity]
HYG-PHONE = "error"

[[categories]]
level1_code = "5"
level1_name = "管理指标"
level2_code = "51"
level2_name = "制度建设指标"
`},
		{"TOML, dotted keys and inline tables", "rules.toml", `disable = ["MEAS-NO-COMPARATOR", "COMP-NO-COST"]
severity.HYG-PHONE = "error"
min_indicators = 4
satisfaction_ceiling = 95.5
min_goal_runes = 12
vague_max_runes = 16
narrative_min_runes = 50
categories = [{level1_code = "5", level1_name = "管理指标", level2_code = "51", level2_name = "制度建设指标"}]
`},
		{"JSON sniffed without extension", "rules", `{"disable": ["MEAS-NO-COMPARATOR", "COMP-NO-COST"], "severity": {"HYG-PHONE": "error"}, "min_indicators": 4,
"satisfaction_ceiling": 95.5, "min_goal_runes": 12, "vague_max_runes": 16, "narrative_min_runes": 50,
"categories": [{"level1_code": "5", "level1_name": "管理指标", "level2_code": "51", "level2_name": "制度建设指标"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := review.LoadOptions(writeFile(t, tt.file, tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestLoadOptionsEmptyFileMeansDefaults(t *testing.T) {
	for _, f := range []struct{ name, body string }{{"r.json", "{}"}, {"r.toml", "# nothing\n"}} {
		got, err := review.LoadOptions(writeFile(t, f.name, f.body))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, review.Options{}) {
			t.Errorf("%s: %+v", f.name, got)
		}
	}
	if d := review.DefaultOptions(); d.MinIndicators != 3 || d.SatisfactionCeiling != 98 {
		t.Errorf("defaults: %+v", d)
	}
}

// An invalid rules file is an EINVALID error naming the file, the key and
// what was expected.
func TestLoadOptionsErrors(t *testing.T) {
	tests := []struct {
		name, file, body string
		want             []string
	}{
		{"unknown key", "r.json", `{"min_indicator": 3}`, []string{"r.json", `"min_indicator"`, "可用的键", "min_indicators"}},
		{"wrong type", "r.json", `{"min_indicators": "3"}`, []string{`"min_indicators"`, "应为整数", `字符串 "3"`}},
		{"not an integer", "r.toml", "min_indicators = 2.5\n", []string{`"min_indicators"`, "应为整数"}},
		{"out of range", "r.json", `{"satisfaction_ceiling": 120}`, []string{`"satisfaction_ceiling"`, "1 到 100", "120"}},
		{"unknown rule", "r.json", `{"disable": ["MEAS-VAGE"]}`, []string{`"disable"`, `"MEAS-VAGE"`, "jixiao rules"}},
		{"disable not a list", "r.toml", "disable = \"MEAS-VAGUE\"\n", []string{`"disable"`, "数组"}},
		{"bad severity", "r.toml", "[severity]\nHYG-PHONE = \"fatal\"\n", []string{"severity.HYG-PHONE", `"error"、"warning" 或 "info"`, `"fatal"`}},
		{"JSON syntax", "r.json", "{\n  \"min_indicators\": 3,\n}", []string{"r.json", "第 3 行", "JSON 语法错误"}},
		{"JSON not an object", "r.json", `["MEAS-VAGUE"]`, []string{"JSON 对象"}},
		{"TOML syntax", "r.toml", "min_indicators = 3\nvague_max_runes 16\n", []string{"r.toml", "第 2 行", "应为 ="}},
		{"TOML unclosed string", "r.toml", "disable = [\"MEAS-VAGUE]\n", []string{"第 1 行", "缺少结尾"}},
		{"TOML duplicate key", "r.toml", "min_indicators = 3\nmin_indicators = 4\n", []string{"第 2 行", "重复"}},
		{"TOML date", "r.toml", "min_indicators = 2024-01-01\n", []string{"不是数字"}},
		{"category without a code", "r.json", `{"categories": [{"level1_name": "管理指标", "level2_code": "51", "level2_name": "制度"}]}`, []string{`"level1_code"`, "非空字符串", "缺失"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := review.LoadOptions(writeFile(t, tt.file, tt.body))
			if err == nil {
				t.Fatal("no error")
			}
			if jixiao.ErrorCode(err) != jixiao.EINVALID {
				t.Errorf("code %q, want invalid", jixiao.ErrorCode(err))
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
	_, err := review.LoadOptions(filepath.Join(t.TempDir(), "missing.toml"))
	if err == nil || !strings.Contains(err.Error(), "missing.toml") || jixiao.ErrorCode(err) != jixiao.EINVALID {
		t.Errorf("missing file: %v", err)
	}
}
