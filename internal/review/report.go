package review

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"jixiao"
)

// FileReport is the review of one file (or stored table) as the reports
// show it.
type FileReport struct {
	File     string // as the user named it
	Table    *jixiao.Table
	Findings []jixiao.Finding
	Quality  Quality            // the table's
	Projects map[string]Quality // by project name
}

// NewFileReport scores the findings of a table for the reports.
func NewFileReport(file string, t *jixiao.Table, fs []jixiao.Finding) FileReport {
	q, per := Score(t, fs)
	return FileReport{File: file, Table: t, Findings: fs, Quality: q, Projects: per}
}

// FindingsSchema names the JSON format of WriteJSON (DESIGN §8).
const FindingsSchema = "jixiao.findings/v1"

type jsonFindings struct {
	Schema   string        `json:"schema"`
	Files    []jsonFile    `json:"files"`
	Findings []jsonFinding `json:"findings"`
}

type jsonFile struct {
	File       string  `json:"file"`
	FiscalYear *int    `json:"fiscal_year"` // null when unknown
	Score      float64 `json:"score"`
	Grade      string  `json:"grade"`
}

type jsonFinding struct {
	File       string          `json:"file"`
	Rule       string          `json:"rule"`
	Family     jixiao.Family   `json:"family"`
	Severity   jixiao.Severity `json:"severity"`
	Project    string          `json:"project"`
	Indicator  *int            `json:"indicator"` // seq, null at project or table level
	Field      string          `json:"field"`
	Message    string          `json:"message"`
	Suggestion string          `json:"suggestion"`
}

// WriteJSON writes jixiao.findings/v1 (DESIGN §8): one entry per file with
// its score and grade, then every finding in review order. Text is written
// as is (no \u escapes for Chinese or HTML characters).
func WriteJSON(w io.Writer, files []FileReport) error {
	out := jsonFindings{Schema: FindingsSchema, Files: []jsonFile{}, Findings: []jsonFinding{}}
	for _, fr := range files {
		jf := jsonFile{File: fr.File, Score: fr.Quality.Score, Grade: fr.Quality.Grade}
		if fr.Table != nil && fr.Table.FiscalYear != 0 {
			y := fr.Table.FiscalYear
			jf.FiscalYear = &y
		}
		out.Files = append(out.Files, jf)
		for _, f := range fr.Findings {
			jf := jsonFinding{File: fr.File, Rule: f.Rule, Family: f.Family, Severity: f.Severity, Project: f.Project,
				Field: f.Field, Message: f.Message, Suggestion: f.Suggestion}
			if f.Indicator > 0 {
				n := f.Indicator
				jf.Indicator = &n
			}
			out.Findings = append(out.Findings, jf)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// TextOptions tune the human report.
type TextOptions struct {
	Color bool // ANSI colours; the caller sets it only when writing to a terminal
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiGreen  = "\x1b[32m"
)

type textWriter struct {
	w     io.Writer
	color bool
	err   error
}

func (tw *textWriter) printf(format string, args ...any) {
	if tw.err == nil {
		_, tw.err = fmt.Fprintf(tw.w, format, args...)
	}
}

func (tw *textWriter) paint(code, s string) string {
	if !tw.color {
		return s
	}
	return code + s + ansiReset
}

func (tw *textWriter) severity(s jixiao.Severity) string {
	switch s {
	case jixiao.SeverityError:
		return tw.paint(ansiRed+ansiBold, "错误")
	case jixiao.SeverityWarning:
		return tw.paint(ansiYellow, "警告")
	}
	return tw.paint(ansiCyan, "提示")
}

func (tw *textWriter) grade(q Quality) string {
	s := fmt.Sprintf("%s（%s）", fmtScore(q.Score), q.Grade)
	if q.Note != "" {
		s = fmt.Sprintf("%s（%s：%s）", fmtScore(q.Score), q.Grade, q.Note)
	}
	switch q.Grade {
	case GradeExcellent:
		return tw.paint(ansiGreen, s)
	case GradeGood:
		return tw.paint(ansiCyan, s)
	case GradeFair:
		return tw.paint(ansiYellow, s)
	}
	return tw.paint(ansiRed, s)
}

func fmtScore(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

func counts(q Quality) string {
	return fmt.Sprintf("错误 %d，警告 %d，提示 %d", q.Errors, q.Warnings, q.Infos)
}

// WriteText writes the human report: per file a header with the table's
// score, then the findings grouped by project in table order (table-level
// first), each with its rule, place and suggestion, and a summary line.
func WriteText(w io.Writer, files []FileReport, o TextOptions) error {
	tw := &textWriter{w: w, color: o.Color}
	var total Quality
	for i, fr := range files {
		if i > 0 {
			tw.printf("\n")
		}
		tw.file(fr)
		total.Errors += fr.Quality.Errors
		total.Warnings += fr.Quality.Warnings
		total.Infos += fr.Quality.Infos
	}
	if len(files) > 1 {
		tw.printf("\n%s：%d 个文件，共 %d 条意见（%s）。\n", tw.paint(ansiBold, "合计"), len(files), total.Errors+total.Warnings+total.Infos, counts(total))
	}
	return tw.err
}

func (tw *textWriter) file(fr FileReport) {
	t := fr.Table
	if t == nil {
		t = &jixiao.Table{}
	}
	head := fr.File
	if t.Org != "" {
		head += "  " + t.Org
	}
	tw.printf("%s\n", tw.paint(ansiBold, head))
	year := "预算年度未知"
	if t.FiscalYear != 0 {
		year = strconv.Itoa(t.FiscalYear) + " 年度"
		if strings.HasPrefix(t.FiscalYearSource, "inferred") {
			year += "（推断）"
		}
	}
	projects := t.Projects()
	tw.printf("%s · %d 个项目，%d 个指标 · 质量评分 %s\n", year, len(projects), t.IndicatorCount(), tw.grade(fr.Quality))

	// Group by project: findings come in review order, table level first.
	byProject := map[string][]jixiao.Finding{}
	var tableLevel, orphans []jixiao.Finding
	known := map[string]bool{}
	for _, p := range projects {
		known[p.Name] = true
	}
	for _, f := range fr.Findings {
		switch {
		case f.Project == "":
			tableLevel = append(tableLevel, f)
		case known[f.Project]:
			byProject[f.Project] = append(byProject[f.Project], f)
		default:
			orphans = append(orphans, f)
		}
	}
	if len(tableLevel) > 0 {
		tw.printf("\n%s\n", tw.paint(ansiBold, "全表"))
		tw.findings(tableLevel)
	}
	clean, shown := 0, map[string]bool{}
	for i, p := range projects {
		fs := byProject[p.Name]
		if len(fs) == 0 {
			clean++
			continue
		}
		if shown[p.Name] {
			continue // same-named projects share their findings; show them once
		}
		shown[p.Name] = true
		tw.printf("\n%s · %s\n", tw.paint(ansiBold, fmt.Sprintf("%d. %s", i+1, strings.TrimSpace(p.Name))), tw.grade(fr.Projects[p.Name]))
		tw.findings(fs)
	}
	if len(orphans) > 0 {
		tw.printf("\n%s\n", tw.paint(ansiBold, "其他"))
		tw.findings(orphans)
	}
	n := len(fr.Findings)
	tw.printf("\n共 %d 条意见（%s）", n, counts(fr.Quality))
	if clean > 0 {
		tw.printf("；%d 个项目未发现问题", clean)
	}
	tw.printf("。质量评分 %s。\n", tw.grade(fr.Quality))
}

func (tw *textWriter) findings(fs []jixiao.Finding) {
	for _, f := range fs {
		place := ""
		if f.Indicator > 0 {
			place = fmt.Sprintf("#%d ", f.Indicator)
		}
		tw.printf("  %s %s%s %s\n", tw.severity(f.Severity), place, tw.paint(ansiDim, "["+f.Rule+"]"), f.Message)
		if f.Suggestion != "" {
			tw.printf("       建议：%s\n", f.Suggestion)
		}
	}
}

// FamilyName is the Chinese name of a rule family.
func FamilyName(f jixiao.Family) string {
	switch f {
	case jixiao.FamilyArithmetic:
		return "金额核对"
	case jixiao.FamilyCompleteness:
		return "完整性"
	case jixiao.FamilyConsistency:
		return "一致性"
	case jixiao.FamilyMeasurability:
		return "可衡量性"
	case jixiao.FamilyHygiene:
		return "公开规范"
	}
	return string(f)
}

// SeverityName is the Chinese name of a severity.
func SeverityName(s jixiao.Severity) string {
	switch s {
	case jixiao.SeverityError:
		return "错误"
	case jixiao.SeverityWarning:
		return "警告"
	case jixiao.SeverityInfo:
		return "提示"
	}
	return string(s)
}

// WriteRules prints the catalogue for `jixiao rules`: as text for a
// terminal, or as a Markdown table for the documentation.
func WriteRules(w io.Writer, rules []Rule, markdown bool) error {
	tw := &textWriter{w: w}
	if markdown {
		tw.printf("| ID | 类别 | 默认级别 | 审核原则 | 名称 | 检查什么 | 为什么 |\n|---|---|---|---|---|---|---|\n")
		esc := func(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
		for _, r := range rules {
			tw.printf("| `%s` | %s | %s | %s | %s | %s | %s |\n", r.ID, FamilyName(r.Family), SeverityName(r.Severity), r.Principle,
				esc(r.Title), esc(r.Checks), esc(r.Rationale))
		}
		return tw.err
	}
	var family jixiao.Family
	for _, r := range rules {
		if r.Family != family {
			family = r.Family
			tw.printf("\n%s（%s）\n", FamilyName(family), family)
		}
		tw.printf("  %-27s %s  %s\n", r.ID, SeverityName(r.Severity), r.Title)
		tw.printf("      检查：%s\n", r.Checks)
		tw.printf("      理由（%s）：%s\n", r.Principle, r.Rationale)
	}
	tw.printf("\n共 %d 条规则。\n", len(rules))
	return tw.err
}
