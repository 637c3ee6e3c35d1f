package review

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"

	"jixiao"
	"jixiao/internal/conf"
)

// Options tune a review. The zero value means the defaults of
// DefaultOptions; a rules file (LoadOptions) overrides them.
type Options struct {
	Disabled map[string]bool            // rule ID → off
	Severity map[string]jixiao.Severity // rule ID → severity instead of the default

	MinIndicators       int     // COMP-FEW-INDICATORS: fewer indicators than this per project (default 3)
	SatisfactionCeiling float64 // MEAS-SATISFACTION-CEILING: a 满意度 target above this percentage (default 98)
	MinGoalRunes        int     // COMP-GOAL-THIN: a goal shorter than this many characters (default 10)
	VagueMaxRunes       int     // MEAS-VAGUE: a direction-only phrase up to this long is vague whatever the name (default 20)
	NarrativeMinRunes   int     // MEAS-NARRATIVE: a multi-clause target at least this long reads as prose (default 40)

	// Categories extends the built-in indicator catalogue (DESIGN §3) with
	// local categories, so that they are not reported as unknown.
	Categories []jixiao.CatalogueEntry

	// Reference gives values of the same indicator name elsewhere (other
	// tables in a library or database). HYG-CUT-OFF uses it to tell a value
	// cut off mid-word from the complete one. Nil: the table alone.
	Reference Reference
}

// Reference answers, for an indicator name, the values recorded for it
// elsewhere. Implementations should return distinct texts and may cap the
// number; order does not matter. Table calls it only for the few values
// that may be cut off (ending in a character that rarely ends a phrase) and
// have no completion in the table itself, so a database-backed Reference
// costs a handful of lookups per table; it must not change during a call.
type Reference interface {
	ValuesForIndicator(name string) []string
}

// MapReference is a Reference held in memory, keyed by indicator name as
// printed (spaces and ASCII/full-width punctuation are folded on lookup).
type MapReference map[string][]string

// ValuesForIndicator implements Reference.
func (m MapReference) ValuesForIndicator(name string) []string { return m[normKey(name)] }

// Add records a value for an indicator name.
func (m MapReference) Add(name, value string) {
	k, v := normKey(name), strings.TrimSpace(value)
	if v == "" || contains(m[k], v) {
		return
	}
	m[k] = append(m[k], v)
}

// ReferenceFromTables builds a MapReference from the targets of tables,
// for example every other table of a database.
func ReferenceFromTables(ts ...*jixiao.Table) MapReference {
	m := MapReference{}
	for _, t := range ts {
		for _, p := range t.Projects() {
			for _, in := range p.Indicators {
				m.Add(in.Name, textOf(&in.Period))
				m.Add(in.Name, textOf(&in.Annual))
			}
		}
	}
	return m
}

// Defaults of the thresholds.
const (
	DefaultMinIndicators       = 3
	DefaultSatisfactionCeiling = 98.0
	DefaultMinGoalRunes        = 10
	DefaultVagueMaxRunes       = 20
	DefaultNarrativeMinRunes   = 40
)

// DefaultOptions returns the defaults: every rule on at its default
// severity, thresholds as the Default… constants.
func DefaultOptions() Options {
	return Options{}.withDefaults()
}

func (o Options) withDefaults() Options {
	if o.MinIndicators <= 0 {
		o.MinIndicators = DefaultMinIndicators
	}
	if o.SatisfactionCeiling <= 0 {
		o.SatisfactionCeiling = DefaultSatisfactionCeiling
	}
	if o.MinGoalRunes <= 0 {
		o.MinGoalRunes = DefaultMinGoalRunes
	}
	if o.VagueMaxRunes <= 0 {
		o.VagueMaxRunes = DefaultVagueMaxRunes
	}
	if o.NarrativeMinRunes <= 0 {
		o.NarrativeMinRunes = DefaultNarrativeMinRunes
	}
	return o
}

// LoadOptions reads a rules file: JSON (.json) or TOML (.toml; other
// extensions are sniffed: a file starting with '{' is JSON). Both spell the
// same keys:
//
//	disable              = ["MEAS-NO-COMPARATOR", …]    rules to turn off
//	severity             = {"HYG-PHONE" = "error", …}   TOML: a [severity] table
//	min_indicators       = 3
//	satisfaction_ceiling = 98
//	min_goal_runes       = 10
//	vague_max_runes      = 20
//	narrative_min_runes  = 40
//	categories           = [{level1_code, level1_name, level2_code, level2_name}, …]
//
// TOML support is the subset a rules file needs (comments, tables,
// key = string / integer / float / boolean / array / inline table); an
// unsupported construct is an error naming the line. Any error is a
// jixiao.Error (EINVALID) naming the file, the key and what was expected.
func LoadOptions(path string) (Options, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Options{}, &jixiao.Error{Code: jixiao.EINVALID, Message: fmt.Sprintf("规则文件 %s 无法读取：%v", path, unwrapPathErr(err)), Err: err}
	}
	m, err := conf.Decode(path, b)
	if err != nil {
		return Options{}, jixiao.Errorf(jixiao.EINVALID, "规则文件 %s：%v", path, err)
	}
	o, err := optionsFromMap(m)
	if err != nil {
		return Options{}, jixiao.Errorf(jixiao.EINVALID, "规则文件 %s：%v", path, err)
	}
	return o, nil
}

func unwrapPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

var optionKeys = []string{"disable", "severity", "min_indicators", "satisfaction_ceiling", "min_goal_runes", "vague_max_runes", "narrative_min_runes", "categories"}

// optionsFromMap validates a decoded rules file. JSON and TOML decode into
// the same generic shape, so both get the same messages.
func optionsFromMap(m map[string]any) (Options, error) {
	o := Options{}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys) // report the same error every time
	for _, k := range keys {
		v := m[k]
		var err error
		switch k {
		case "disable":
			err = o.setDisable(v)
		case "severity":
			err = o.setSeverity(v)
		case "min_indicators":
			o.MinIndicators, err = intIn(k, v, 1, 1000)
		case "min_goal_runes":
			o.MinGoalRunes, err = intIn(k, v, 1, 10000)
		case "vague_max_runes":
			o.VagueMaxRunes, err = intIn(k, v, 1, 10000)
		case "narrative_min_runes":
			o.NarrativeMinRunes, err = intIn(k, v, 1, 100000)
		case "satisfaction_ceiling":
			o.SatisfactionCeiling, err = floatIn(k, v, 1, 100)
		case "categories":
			err = o.setCategories(v)
		default:
			err = fmt.Errorf("未知的键 %q（可用的键：%s）", k, strings.Join(optionKeys, "、"))
		}
		if err != nil {
			return Options{}, err
		}
	}
	return o, nil
}

func (o *Options) setDisable(v any) error {
	list, ok := v.([]any)
	if !ok {
		return fmt.Errorf("键 \"disable\" 应为规则 ID 的数组，如 [\"MEAS-NO-COMPARATOR\"]，实际为 %s", conf.TypeName(v))
	}
	o.Disabled = map[string]bool{}
	for i, e := range list {
		id, ok := e.(string)
		if !ok {
			return fmt.Errorf("键 \"disable\" 第 %d 项应为规则 ID 字符串，实际为 %s", i+1, conf.TypeName(e))
		}
		if _, known := ruleIndex[id]; !known {
			return fmt.Errorf("键 \"disable\" 第 %d 项：没有规则 %q（用 jixiao rules 查看规则 ID）", i+1, id)
		}
		o.Disabled[id] = true
	}
	return nil
}

func (o *Options) setSeverity(v any) error {
	tbl, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("键 \"severity\" 应为 {规则 ID: \"error\"|\"warning\"|\"info\"} 的表，实际为 %s", conf.TypeName(v))
	}
	o.Severity = map[string]jixiao.Severity{}
	for id, e := range tbl {
		if _, known := ruleIndex[id]; !known {
			return fmt.Errorf("键 \"severity\"：没有规则 %q（用 jixiao rules 查看规则 ID）", id)
		}
		s, _ := e.(string)
		switch sev := jixiao.Severity(s); sev {
		case jixiao.SeverityError, jixiao.SeverityWarning, jixiao.SeverityInfo:
			o.Severity[id] = sev
		default:
			return fmt.Errorf("键 \"severity.%s\" 应为 \"error\"、\"warning\" 或 \"info\"，实际为 %s", id, conf.Describe(e))
		}
	}
	return nil
}

func (o *Options) setCategories(v any) error {
	list, ok := v.([]any)
	if !ok {
		return fmt.Errorf("键 \"categories\" 应为数组，每项含 level1_code、level1_name、level2_code、level2_name，实际为 %s", conf.TypeName(v))
	}
	for i, e := range list {
		tbl, ok := e.(map[string]any)
		if !ok {
			return fmt.Errorf("键 \"categories\" 第 %d 项应为表（对象），实际为 %s", i+1, conf.TypeName(e))
		}
		var f [4]string
		for j, name := range []string{"level1_code", "level1_name", "level2_code", "level2_name"} {
			s, ok := tbl[name].(string)
			if !ok || strings.TrimSpace(s) == "" {
				return fmt.Errorf("键 \"categories\" 第 %d 项的 %q 应为非空字符串，实际为 %s", i+1, name, conf.Describe(tbl[name]))
			}
			f[j] = strings.TrimSpace(s)
		}
		for k := range tbl {
			switch k {
			case "level1_code", "level1_name", "level2_code", "level2_name":
			default:
				return fmt.Errorf("键 \"categories\" 第 %d 项有未知的键 %q", i+1, k)
			}
		}
		o.Categories = append(o.Categories, jixiao.CatalogueEntry{
			Level1: jixiao.Category{Code: f[0], Name: f[1]},
			Level2: jixiao.Category{Code: f[2], Name: f[3]},
		})
	}
	return nil
}

func intIn(key string, v any, lo, hi int) (int, error) {
	f, ok := asFloat(v)
	if !ok || f != math.Trunc(f) {
		return 0, fmt.Errorf("键 %q 应为整数，实际为 %s", key, conf.Describe(v))
	}
	if f < float64(lo) || f > float64(hi) {
		return 0, fmt.Errorf("键 %q 应在 %d 到 %d 之间，实际为 %s", key, lo, hi, conf.Describe(v))
	}
	return int(f), nil
}

func floatIn(key string, v any, lo, hi float64) (float64, error) {
	f, ok := asFloat(v)
	if !ok {
		return 0, fmt.Errorf("键 %q 应为数字（百分数，不带 %%），实际为 %s", key, conf.Describe(v))
	}
	if f < lo || f > hi {
		return 0, fmt.Errorf("键 %q 应在 %s 到 %s 之间，实际为 %s", key, fmtNum(lo), fmtNum(hi), conf.Describe(v))
	}
	return f, nil
}

func asFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}
