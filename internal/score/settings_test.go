package score_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/score"
)

func TestDefaultSettingsAreValid(t *testing.T) {
	if err := score.DefaultSettings().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestLoadSettingsJSONAndTOMLAgree(t *testing.T) {
	d := jixiao.MustDecimal
	want := score.DefaultSettings()
	want.Weights = score.Weights{Output: d("40"), Benefit: d("30"), Satisfaction: d("10"), Cost: d("10"), Budget: d("10")}
	want.Negative = score.NegativeRatio
	want.Equal = score.EqualPositive
	want.Qualitative.Achieved.Default = d("90")
	want.Qualitative.Partial = score.Band{Min: d("50"), Max: d("80"), Default: d("65")}
	want.Qualitative.NotAchieved.Max = d("50")
	want.Grades = score.GradeBands{Excellent: d("85"), Good: d("75"), Fair: d("60")}
	want.Monitor = score.MonitorSettings{BudgetRedBelow: d("50"), BudgetGreenFrom: d("75"), IndicatorYellowFrom: d("85")}
	want.Tolerance = d("0.05")
	want.OvershootNote = d("0")
	files := map[string]string{
		"region.json": `{
  "weights": {"产出": 40, "成本": 10},
  "negative_formula": "ratio",
  "equal_formula": "positive",
  "qualitative": {"达成": {"default": 90}, "部分达成": {"min": 50, "max": 80, "default": 65}, "未达成": {"max": 50}},
  "grades": {"优": 85, "良": 75, "中": 60},
  "monitoring": {"budget_red_below": 50, "budget_green_from": 75, "indicator_yellow_from": 85},
  "tolerance": 0.05,
  "overshoot_note": 0
}`,
		"region.toml": `# 某市评分设置
negative_formula = "ratio"
equal_formula = "positive"
tolerance = 0.05
overshoot_note = 0

[weights]
output = 40
"成本" = 10

[qualitative]
achieved = {default = 90}
partial = {min = 50, max = 80, default = 65}
"未达成".max = 50

[grades]
excellent = 85
good = 75
fair = 60

[monitoring]
budget_red_below = 50
budget_green_from = 75
indicator_yellow_from = 85
`,
	}
	for name, body := range files {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), name)
			os.WriteFile(p, []byte(body), 0o644)
			got, err := score.LoadSettings(p)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestSettingsErrorsNameTheKey(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"weights not summing to 100", `{"weights": {"产出": 60}}`, `"weights" 各项之和应为 100，实际为 110（产出 60 + 效益 30 + 满意度 10 + 预算执行率 10）`},
		{"negative weight", `{"weights": {"效益": -10, "产出": 90}}`, `"weights.效益" 不能为负数`},
		{"unknown key", `{"weight": {}}`, `未知的键 "weight"`},
		{"unknown weight key", `{"weights": {"效率": 10}}`, `未知的键 "weights.效率"`},
		{"a key twice in both spellings", `{"weights": {"产出": 50, "output": 50}}`, `"weights.output" 与 "weights.产出" 重复`},
		{"unknown band key", `{"qualitative": {"达成": {"low": 80}}}`, `未知的键 "qualitative.达成.low"`},
		{"unknown attainment", `{"qualitative": {"优秀": {}}}`, `未知的键 "qualitative.优秀"`},
		{"overlapping bands", `{"qualitative": {"部分达成": {"max": 85}}}`, `"qualitative.部分达成"（60–85）与 "qualitative.达成"（80–100）重叠`},
		{"band out of range", `{"qualitative": {"达成": {"max": 120}}}`, `"qualitative.达成.max" 应在 0 到 100 之间`},
		{"empty band", `{"qualitative": {"部分达成": {"min": 80, "max": 60, "default": 70}}}`, `"qualitative.部分达成" 的 min（80）应小于 max（60）`},
		{"default outside band", `{"qualitative": {"未达成": {"default": 70}}}`, `"qualitative.未达成.default" 应在该档 0–60 之内`},
		{"grades out of order", `{"grades": {"良": 95}}`, `"grades" 应满足 优 > 良 > 中`},
		{"grade not positive", `{"grades": {"中": 0}}`, `"grades.中" 应大于 0`},
		{"unknown formula", `{"negative_formula": "linear"}`, `"negative_formula" 应为 "deviation"`},
		{"unknown equal formula", `{"equal_formula": 1}`, `"equal_formula" 应为字符串`},
		{"negative tolerance", `{"tolerance": -0.01}`, `"tolerance" 应为不小于 0 的数`},
		{"negative threshold", `{"monitoring": {"budget_red_below": -1}}`, `"monitoring.budget_red_below" 不能为负数`},
		{"thresholds out of order", `{"monitoring": {"budget_red_below": 90}}`, `"monitoring.budget_red_below"（90）不能大于 "monitoring.budget_green_from"（80）`},
		{"unknown monitoring key", `{"monitoring": {"red": 60}}`, `未知的键 "monitoring.red"`},
		{"text for a number", `{"tolerance": "0.01"}`, `"tolerance" 应为数字`},
		{"table expected", `{"weights": 100}`, `"weights" 应为表（对象）`},
		{"JSON syntax", "{\n\"tolerance\": ,\n}", "第 2 行"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := score.ParseSettings("s.json", []byte(tt.body))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v\nwant it to contain %s", err, tt.want)
			}
		})
	}
}

func TestSettingsTOMLErrors(t *testing.T) {
	_, err := score.ParseSettings("s.toml", []byte("[weights]\n产出 = 50\n"))
	if err == nil || !strings.Contains(err.Error(), "第 2 行") {
		t.Errorf("unquoted Chinese key: %v", err)
	}
	_, err = score.ParseSettings("s.toml", []byte("[weights]\n\"产出\" = 55\n"))
	if err == nil || !strings.Contains(err.Error(), "之和应为 100") {
		t.Errorf("sum: %v", err)
	}
}

func TestLoadSettingsFileErrors(t *testing.T) {
	_, err := score.LoadSettings(filepath.Join(t.TempDir(), "missing.toml"))
	if jixiao.ErrorCode(err) != jixiao.EINVALID || !strings.Contains(err.Error(), "missing.toml") {
		t.Errorf("missing file: %v", err)
	}
	p := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(p, []byte(`{"weights": {"产出": "50"}}`), 0o644)
	_, err = score.LoadSettings(p)
	if jixiao.ErrorCode(err) != jixiao.EINVALID || !strings.Contains(err.Error(), "bad.json") || !strings.Contains(err.Error(), `"weights.产出" 应为数字`) {
		t.Errorf("bad value: %v", err)
	}
}

func TestValidateSettingsBuiltInCode(t *testing.T) {
	s := score.DefaultSettings()
	s.Weights.Budget = jixiao.Decimal{}
	if err := s.Validate(); err == nil || !strings.Contains(err.Error(), `"weights.预算执行率" 缺失`) {
		t.Errorf("missing weight: %v", err)
	}
	s = score.DefaultSettings()
	s.Weights.Cost, s.Weights.Output = jixiao.MustDecimal("10"), jixiao.MustDecimal("40")
	if err := s.Validate(); err != nil {
		t.Errorf("cost weight: %v", err)
	}
}
