package score

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"sort"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/internal/conf"
)

// Settings are a region's scoring rules. DefaultSettings gives the rules of
// DESIGN §6 (财预〔2020〕10号); a settings file (LoadSettings) overrides
// any part of them. All numbers are exact decimals; percentages are written
// without % (80 means 80 %).
type Settings struct {
	Weights     Weights
	Negative    NegativeFormula // how a negative indicator that misses its target scores
	Equal       EqualFormula    // how an explicit "=" target scores above the target
	Qualitative QualitativeBands
	Grades      GradeBands
	Monitor     MonitorSettings
	// Tolerance is how far a published score may be from the recomputed
	// one and still agree (default 0.01: the published tables round to two
	// decimals, often from different intermediate roundings).
	Tolerance jixiao.Decimal
	// OvershootNote is the percentage above a positive target from which an
	// explanation carries a note that 财预〔2020〕10号 asks for the reason
	// (a target set too low may be marked down by the reviewer). The note
	// deducts nothing. "0" turns it off; default 20.
	OvershootNote jixiao.Decimal
}

// Weights are the points of each level-1 category (一级指标) out of 100.
// The indicators of a category share its points equally unless an
// indicator carries its own weight (see Allocate).
type Weights struct {
	Output       jixiao.Decimal // 产出 (default 50)
	Benefit      jixiao.Decimal // 效益 (default 30)
	Satisfaction jixiao.Decimal // 满意度 (default 10)
	// Cost is 成本 (财预〔2021〕101号 made it a level-1 category). Unset
	// (the default) means cost indicators count under 产出, where the 2020
	// self-evaluation template files them (14 成本指标).
	Cost   jixiao.Decimal
	Budget jixiao.Decimal // 预算执行率 (default 10)
}

// NegativeFormula chooses the score of a negative (反向) indicator whose
// actual value is above its target t.
type NegativeFormula string

const (
	// NegativeDeviation: (1 − (actual − t)/t) × weight, 0 from 2t up
	// (财预〔2020〕10号; the default).
	NegativeDeviation NegativeFormula = "deviation"
	// NegativeRatio: t/actual × weight, the form some regions use.
	NegativeRatio NegativeFormula = "ratio"
)

// EqualFormula chooses the score of an explicit "=" target (等于, 持平)
// when the actual value is above it. Below the target both score as a
// positive indicator (actual/t × weight).
type EqualFormula string

const (
	// EqualDeviation: any deviation counts, either way:
	// (1 − |actual − t|/t) × weight (the default).
	EqualDeviation EqualFormula = "deviation"
	// EqualPositive: above the target is met, as for a positive indicator.
	EqualPositive EqualFormula = "positive"
)

// Band is the share of an indicator's weight (percent) that a qualitative
// attainment earns: the grader picks a share in [Min, Max]; Default is used
// when none is given.
type Band struct {
	Min, Max, Default jixiao.Decimal
}

// QualitativeBands are the bands of the three attainments (财预〔2020〕10号:
// 达成 100–80 %, 部分达成 80–60 %, 未达成 60–0 %). Bands may touch but not
// overlap; a share on a shared boundary is accepted for either band.
type QualitativeBands struct {
	Achieved    Band // 达成 (default 80–100, default share 100: scored like a met quantitative target)
	Partial     Band // 部分达成 (default 60–80, default share 70: the middle)
	NotAchieved Band // 未达成 (default 0–60, default share 30: the middle)
}

// Band returns the band of an attainment.
func (q QualitativeBands) Band(a Attainment) Band {
	switch a {
	case Achieved:
		return q.Achieved
	case Partial:
		return q.Partial
	}
	return q.NotAchieved
}

// GradeBands are the lower bounds of the grades: 优 from Excellent, 良 from
// Good, 中 from Fair, 差 below (defaults 90, 80, 60).
type GradeBands struct {
	Excellent, Good, Fair jixiao.Decimal
}

// MonitorSettings are the thresholds of the monitoring lights (运行监控).
type MonitorSettings struct {
	// Budget warning value (executed/budget)/(month/12)×100: red below
	// BudgetRedBelow (60), green from BudgetGreenFrom (80), yellow between.
	BudgetRedBelow, BudgetGreenFrom jixiao.Decimal
	// Indicator forecast: green when the target is met, yellow when the
	// forecast reaches IndicatorYellowFrom percent of it (80), red below.
	IndicatorYellowFrom jixiao.Decimal
}

// DefaultSettings returns the rules of DESIGN §6.
func DefaultSettings() Settings {
	d := jixiao.MustDecimal
	return Settings{
		Weights:  Weights{Output: d("50"), Benefit: d("30"), Satisfaction: d("10"), Budget: d("10")},
		Negative: NegativeDeviation,
		Equal:    EqualDeviation,
		Qualitative: QualitativeBands{
			Achieved:    Band{Min: d("80"), Max: d("100"), Default: d("100")},
			Partial:     Band{Min: d("60"), Max: d("80"), Default: d("70")},
			NotAchieved: Band{Min: d("0"), Max: d("60"), Default: d("30")},
		},
		Grades:        GradeBands{Excellent: d("90"), Good: d("80"), Fair: d("60")},
		Monitor:       MonitorSettings{BudgetRedBelow: d("60"), BudgetGreenFrom: d("80"), IndicatorYellowFrom: d("80")},
		Tolerance:     d("0.01"),
		OvershootNote: d("20"),
	}
}

// Settings keys, for messages and the documentation.
var settingsKeys = []string{"weights", "negative_formula", "equal_formula", "qualitative", "grades", "monitoring", "tolerance", "overshoot_note"}

// Key aliases: Chinese as printed in the tables, and ASCII for TOML's
// bare keys.
var (
	weightKeys     = [][2]string{{"产出", "output"}, {"效益", "benefit"}, {"满意度", "satisfaction"}, {"成本", "cost"}, {"预算执行率", "budget"}}
	attainmentKeys = [][2]string{{"达成", "achieved"}, {"部分达成", "partial"}, {"未达成", "not_achieved"}}
	gradeKeys      = [][2]string{{"优", "excellent"}, {"良", "good"}, {"中", "fair"}}
	bandKeys       = []string{"min", "max", "default"}
	monitoringKeys = []string{"budget_red_below", "budget_green_from", "indicator_yellow_from"}
	hundred        = big.NewRat(100, 1)
)

// Validate reports the first rule that s breaks, naming the settings key:
// weights that are negative or do not sum to 100, bands out of 0–100,
// empty, overlapping or out of order, grade bounds out of order, a default
// share outside its band, an unknown formula.
func (s Settings) Validate() error {
	w := s.Weights
	total := new(big.Rat)
	var parts []string
	for _, f := range []struct {
		key string
		d   jixiao.Decimal
		opt bool
	}{{"产出", w.Output, false}, {"效益", w.Benefit, false}, {"满意度", w.Satisfaction, false}, {"成本", w.Cost, true}, {"预算执行率", w.Budget, false}} {
		if !f.d.IsSet() {
			if f.opt {
				continue
			}
			return fmt.Errorf("键 \"weights.%s\" 缺失", f.key)
		}
		if f.d.Rat().Sign() < 0 {
			return fmt.Errorf("键 \"weights.%s\" 不能为负数，实际为 %s", f.key, f.d)
		}
		total.Add(total, f.d.Rat())
		parts = append(parts, f.key+" "+f.d.String())
	}
	if total.Cmp(hundred) != 0 {
		return fmt.Errorf("键 \"weights\" 各项之和应为 100，实际为 %s（%s）", fmtRat(total), strings.Join(parts, " + "))
	}
	switch s.Negative {
	case NegativeDeviation, NegativeRatio:
	default:
		return fmt.Errorf("键 \"negative_formula\" 应为 \"deviation\"（偏离度，默认）或 \"ratio\"（目标值/实际值），实际为 %q", s.Negative)
	}
	switch s.Equal {
	case EqualDeviation, EqualPositive:
	default:
		return fmt.Errorf("键 \"equal_formula\" 应为 \"deviation\"（双向偏离，默认）或 \"positive\"（同正向），实际为 %q", s.Equal)
	}
	q := s.Qualitative
	bands := []struct {
		key string
		b   Band
	}{{"未达成", q.NotAchieved}, {"部分达成", q.Partial}, {"达成", q.Achieved}}
	for _, b := range bands {
		for _, f := range []struct {
			name string
			d    jixiao.Decimal
		}{{"min", b.b.Min}, {"max", b.b.Max}, {"default", b.b.Default}} {
			if !f.d.IsSet() {
				return fmt.Errorf("键 \"qualitative.%s.%s\" 缺失", b.key, f.name)
			}
			if f.d.Rat().Sign() < 0 || f.d.Rat().Cmp(hundred) > 0 {
				return fmt.Errorf("键 \"qualitative.%s.%s\" 应在 0 到 100 之间（权重的百分比），实际为 %s", b.key, f.name, f.d)
			}
		}
		if b.b.Min.Cmp(b.b.Max) >= 0 {
			return fmt.Errorf("键 \"qualitative.%s\" 的 min（%s）应小于 max（%s）", b.key, b.b.Min, b.b.Max)
		}
		if b.b.Default.Cmp(b.b.Min) < 0 || b.b.Default.Cmp(b.b.Max) > 0 {
			return fmt.Errorf("键 \"qualitative.%s.default\" 应在该档 %s–%s 之内，实际为 %s", b.key, b.b.Min, b.b.Max, b.b.Default)
		}
	}
	for i := 1; i < len(bands); i++ {
		lo, hi := bands[i-1], bands[i]
		if lo.b.Max.Cmp(hi.b.Min) > 0 {
			return fmt.Errorf("键 \"qualitative.%s\"（%s–%s）与 \"qualitative.%s\"（%s–%s）重叠：%s 的 max 不能大于 %s 的 min",
				lo.key, lo.b.Min, lo.b.Max, hi.key, hi.b.Min, hi.b.Max, lo.key, hi.key)
		}
	}
	g := s.Grades
	for _, f := range []struct {
		key string
		d   jixiao.Decimal
	}{{"优", g.Excellent}, {"良", g.Good}, {"中", g.Fair}} {
		if !f.d.IsSet() {
			return fmt.Errorf("键 \"grades.%s\" 缺失", f.key)
		}
		if f.d.Rat().Sign() <= 0 || f.d.Rat().Cmp(hundred) > 0 {
			return fmt.Errorf("键 \"grades.%s\" 应大于 0、不超过 100（该等级的最低分），实际为 %s", f.key, f.d)
		}
	}
	if !(g.Excellent.Cmp(g.Good) > 0 && g.Good.Cmp(g.Fair) > 0) {
		return fmt.Errorf("键 \"grades\" 应满足 优 > 良 > 中（各等级的最低分），实际为 优 %s、良 %s、中 %s", g.Excellent, g.Good, g.Fair)
	}
	m := s.Monitor
	for _, f := range []struct {
		key string
		d   jixiao.Decimal
	}{{"budget_red_below", m.BudgetRedBelow}, {"budget_green_from", m.BudgetGreenFrom}, {"indicator_yellow_from", m.IndicatorYellowFrom}} {
		if !f.d.IsSet() {
			return fmt.Errorf("键 \"monitoring.%s\" 缺失", f.key)
		}
		if f.d.Rat().Sign() < 0 {
			return fmt.Errorf("键 \"monitoring.%s\" 不能为负数，实际为 %s", f.key, f.d)
		}
	}
	if m.BudgetRedBelow.Cmp(m.BudgetGreenFrom) > 0 {
		return fmt.Errorf("键 \"monitoring.budget_red_below\"（%s）不能大于 \"monitoring.budget_green_from\"（%s）", m.BudgetRedBelow, m.BudgetGreenFrom)
	}
	if m.IndicatorYellowFrom.Rat().Sign() == 0 || m.IndicatorYellowFrom.Rat().Cmp(hundred) > 0 {
		return fmt.Errorf("键 \"monitoring.indicator_yellow_from\" 应大于 0、不超过 100，实际为 %s", m.IndicatorYellowFrom)
	}
	if !s.Tolerance.IsSet() || s.Tolerance.Rat().Sign() < 0 {
		return fmt.Errorf("键 \"tolerance\" 应为不小于 0 的数，实际为 %s", orMissing(s.Tolerance))
	}
	if !s.OvershootNote.IsSet() || s.OvershootNote.Rat().Sign() < 0 {
		return fmt.Errorf("键 \"overshoot_note\" 应为不小于 0 的百分数（0 为关闭），实际为 %s", orMissing(s.OvershootNote))
	}
	return nil
}

func orMissing(d jixiao.Decimal) string {
	if !d.IsSet() {
		return "（缺失）"
	}
	return d.String()
}

// LoadSettings reads a settings file, JSON (.json) or TOML (.toml; other
// names are sniffed: '{' first means JSON), over DefaultSettings. Every key
// is optional:
//
//	weights          = {产出 = 50, 效益 = 30, 满意度 = 10, 预算执行率 = 10, 成本 = …}
//	                   (ASCII keys output, benefit, satisfaction, budget, cost
//	                   too; the given ones replace the defaults and the sum
//	                   must be 100)
//	negative_formula = "deviation" | "ratio"
//	equal_formula    = "deviation" | "positive"
//	qualitative      = {达成 = {min = 80, max = 100, default = 100}, 部分达成 = {…}, 未达成 = {…}}
//	                   (achieved, partial, not_achieved)
//	grades           = {优 = 90, 良 = 80, 中 = 60}   (excellent, good, fair)
//	monitoring       = {budget_red_below = 60, budget_green_from = 80, indicator_yellow_from = 80}
//	tolerance        = 0.01
//	overshoot_note   = 20
//
// In TOML, Chinese keys are quoted ("产出" = 50) or the ASCII ones used.
// Any error is a jixiao.Error (EINVALID) naming the file and the key.
func LoadSettings(path string) (Settings, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return Settings{}, jixiao.Errorf(jixiao.EINVALID, "评分设置文件 %s 无法读取：%v", path, err)
	}
	s, err := ParseSettings(path, b)
	if err != nil {
		return Settings{}, jixiao.Errorf(jixiao.EINVALID, "评分设置文件 %s：%v", path, err)
	}
	return s, nil
}

// ParseSettings reads settings from the bytes of a file named name (the
// name only picks JSON or TOML, as in LoadSettings).
func ParseSettings(name string, b []byte) (Settings, error) {
	m, err := conf.Decode(name, b)
	if err != nil {
		return Settings{}, err
	}
	return SettingsFromMap(m)
}

// SettingsFromMap applies a decoded settings file (conf's generic shape)
// over DefaultSettings and validates the result.
func SettingsFromMap(m map[string]any) (Settings, error) {
	s := DefaultSettings()
	for _, k := range sortedKeys(m) {
		v := m[k]
		var err error
		switch k {
		case "weights":
			err = s.setWeights(v)
		case "negative_formula":
			var str string
			str, err = stringValue(k, v)
			s.Negative = NegativeFormula(str)
		case "equal_formula":
			var str string
			str, err = stringValue(k, v)
			s.Equal = EqualFormula(str)
		case "qualitative":
			err = s.setQualitative(v)
		case "grades":
			err = eachKey(k, v, gradeKeys, func(key string, v any) error {
				d, err := decimalValue(k+"."+key, v)
				switch key {
				case "优":
					s.Grades.Excellent = d
				case "良":
					s.Grades.Good = d
				case "中":
					s.Grades.Fair = d
				}
				return err
			})
		case "monitoring":
			err = s.setMonitoring(v)
		case "tolerance":
			s.Tolerance, err = decimalValue(k, v)
		case "overshoot_note":
			s.OvershootNote, err = decimalValue(k, v)
		default:
			err = fmt.Errorf("未知的键 %q（可用的键：%s）", k, strings.Join(settingsKeys, "、"))
		}
		if err != nil {
			return Settings{}, err
		}
	}
	if err := s.Validate(); err != nil {
		return Settings{}, err
	}
	return s, nil
}

func (s *Settings) setWeights(v any) error {
	return eachKey("weights", v, weightKeys, func(key string, v any) error {
		d, err := decimalValue("weights."+key, v)
		if err != nil {
			return err
		}
		if d.Rat().Sign() < 0 {
			return fmt.Errorf("键 \"weights.%s\" 不能为负数，实际为 %s", key, d)
		}
		switch key {
		case "产出":
			s.Weights.Output = d
		case "效益":
			s.Weights.Benefit = d
		case "满意度":
			s.Weights.Satisfaction = d
		case "成本":
			s.Weights.Cost = d
		case "预算执行率":
			s.Weights.Budget = d
		}
		return nil
	})
}

func (s *Settings) setQualitative(v any) error {
	return eachKey("qualitative", v, attainmentKeys, func(key string, v any) error {
		var b *Band
		switch key {
		case "达成":
			b = &s.Qualitative.Achieved
		case "部分达成":
			b = &s.Qualitative.Partial
		default:
			b = &s.Qualitative.NotAchieved
		}
		tbl, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("键 \"qualitative.%s\" 应为表 {min, max, default}，实际为 %s", key, conf.Describe(v))
		}
		for _, k := range sortedKeys(tbl) {
			path := "qualitative." + key + "." + k
			var dst *jixiao.Decimal
			switch k {
			case "min":
				dst = &b.Min
			case "max":
				dst = &b.Max
			case "default":
				dst = &b.Default
			default:
				return fmt.Errorf("未知的键 %q（可用的键：%s）", path, strings.Join(bandKeys, "、"))
			}
			d, err := decimalValue(path, tbl[k])
			if err != nil {
				return err
			}
			*dst = d
		}
		return nil
	})
}

func (s *Settings) setMonitoring(v any) error {
	tbl, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("键 \"monitoring\" 应为表（对象），实际为 %s", conf.Describe(v))
	}
	for _, k := range sortedKeys(tbl) {
		path := "monitoring." + k
		var dst *jixiao.Decimal
		switch k {
		case "budget_red_below":
			dst = &s.Monitor.BudgetRedBelow
		case "budget_green_from":
			dst = &s.Monitor.BudgetGreenFrom
		case "indicator_yellow_from":
			dst = &s.Monitor.IndicatorYellowFrom
		default:
			return fmt.Errorf("未知的键 %q（可用的键：%s）", path, strings.Join(monitoringKeys, "、"))
		}
		d, err := decimalValue(path, tbl[k])
		if err != nil {
			return err
		}
		*dst = d
	}
	return nil
}

// eachKey walks a table whose keys have a Chinese and an ASCII spelling,
// calling f with the Chinese one; an unknown key or a key given twice (in
// both spellings) is an error naming it.
func eachKey(name string, v any, aliases [][2]string, f func(key string, v any) error) error {
	tbl, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("键 %q 应为表（对象），实际为 %s", name, conf.Describe(v))
	}
	seen := map[string]string{}
	for _, k := range sortedKeys(tbl) {
		canon := ""
		for _, a := range aliases {
			if k == a[0] || k == a[1] {
				canon = a[0]
			}
		}
		if canon == "" {
			var names []string
			for _, a := range aliases {
				names = append(names, a[0]+"/"+a[1])
			}
			return fmt.Errorf("未知的键 \"%s.%s\"（可用的键：%s）", name, k, strings.Join(names, "、"))
		}
		if prev, dup := seen[canon]; dup {
			return fmt.Errorf("键 \"%s.%s\" 与 \"%s.%s\" 重复", name, prev, name, k)
		}
		seen[canon] = k
		if err := f(canon, tbl[k]); err != nil {
			return err
		}
	}
	return nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys) // the same error every time
	return keys
}

func stringValue(key string, v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("键 %q 应为字符串，实际为 %s", key, conf.Describe(v))
	}
	return s, nil
}

// decimalValue reads a number exactly: JSON numbers keep their text; TOML
// floats are printed back in their shortest form (0.01 stays 0.01).
func decimalValue(key string, v any) (jixiao.Decimal, error) {
	var text string
	switch n := v.(type) {
	case json.Number:
		text = n.String()
	case int64:
		text = strconv.FormatInt(n, 10)
	case float64:
		text = strconv.FormatFloat(n, 'f', -1, 64)
	default:
		return jixiao.Decimal{}, fmt.Errorf("键 %q 应为数字（百分数不带 %%），实际为 %s", key, conf.Describe(v))
	}
	d, err := jixiao.ParseDecimal(text)
	if err != nil {
		return jixiao.Decimal{}, fmt.Errorf("键 %q 应为十进制数（不用科学记数法），实际为 %s", key, text)
	}
	return d, nil
}
