package score

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"jixiao"
)

// WriteJSON writes a report as jixiao.score/v1 JSON: every recomputed
// figure with its explanation (structured and rendered), the published
// figure beside it, and the problems per project. Numbers are decimal
// strings, as in the other jixiao formats.
func WriteJSON(w io.Writer, r Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// Marks of the text report.
var checkMarks = map[Check]string{Agree: "✓", Disagree: "✗", Unverifiable: "?", Unpublished: "·"}

// WriteText writes a report for people, grouped by project: the totals,
// each indicator with its published and recomputed score and the
// explanation under it, then the problems; a summary line ends it.
func WriteText(w io.Writer, r Report) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "自评表复核：%s\n", r.File)
	year := "未给出"
	if r.FiscalYear > 0 {
		year = fmt.Sprint(r.FiscalYear)
	}
	fmt.Fprintf(b, "%d 个项目，%d 个指标；预算年度 %s，金额单位 %s，容差 %s\n", r.Summary.Projects, r.Summary.Indicators, year, r.MoneyUnit, r.Tolerance)
	fmt.Fprintln(b, "标记：✓ 一致  ✗ 不一致  ? 无法复核  · 未公布得分")
	for _, p := range r.Projects {
		writeProject(b, p)
	}
	fmt.Fprintln(b)
	if r.Agree {
		fmt.Fprintf(b, "结论：%d 个项目的公布得分与复核一致。\n", r.Summary.Projects)
	} else {
		fmt.Fprintf(b, "结论：%d 个项目中 %d 个有问题，共 %d 处。\n", r.Summary.Projects, r.Summary.ProjectsWithProblems, r.Summary.Problems)
	}
	return b.Flush()
}

func writeProject(b *bufio.Writer, p ProjectReport) {
	fmt.Fprintln(b)
	where := ""
	if p.Where != "" {
		where = "（" + p.Where + "）"
	}
	fmt.Fprintf(b, "■ %s%s\n", p.Name, where)
	total := "总分 复核 " + fmt2(ratOf(p.Total))
	if p.Published.Total.IsSet() {
		total = fmt.Sprintf("总分 公布 %s，复核 %s", fmt2(p.Published.Total.Rat()), fmt2(ratOf(p.Total)))
		if p.TotalCheck == Disagree {
			total += "，差 " + signed(p.TotalDiff.Rat())
		}
		total = checkMarks[p.TotalCheck] + " " + total
	}
	grade := "等级 复核 " + p.Grade
	if p.Published.Grade != "" {
		grade = fmt.Sprintf("等级 公布 %s，复核 %s", p.Published.Grade, p.Grade)
	}
	fmt.Fprintf(b, "  %s；%s；权重合计 %s\n", total, grade, p.WeightTotal)
	fmt.Fprintf(b, "    %s\n", p.TotalExplained.String())
	for _, ir := range p.Indicators {
		cat := strings.TrimSuffix(ir.Level1, "指标")
		if l2 := strings.TrimSuffix(ir.Level2, "指标"); l2 != "" {
			cat += "/" + l2
		}
		fmt.Fprintf(b, "  %s %2d %s %s：目标 %s，实际 %s；权重 %s；%s\n", checkMarks[ir.Check], ir.Seq, cat, ir.Name,
			orDash(ir.Target), orDash(strings.TrimSpace(ir.Actual)), fmtRat(ratOf(ir.Weight)), scorePair(ir.Published, ir.IndicatorResult.Score, ir.Check, ir.Diff))
		fmt.Fprintf(b, "       %s\n", ir.Explanation.String())
	}
	bl := p.Budget
	fmt.Fprintf(b, "  %s    预算执行率：权重 %s；%s\n", checkMarks[bl.Check], fmtRat(ratOf(bl.Weight)), scorePair(bl.Published, bl.Score, bl.Check, bl.Diff))
	fmt.Fprintf(b, "       %s\n", bl.Explanation.String())
	for _, n := range p.Notes {
		fmt.Fprintf(b, "  注：%s\n", n)
	}
	if len(p.Problems) > 0 {
		fmt.Fprintf(b, "  问题（%d）：\n", len(p.Problems))
		for _, pb := range p.Problems {
			where := ""
			if pb.Where != "" {
				where = "［" + pb.Where + "］"
			}
			fmt.Fprintf(b, "   - %s%s\n", pb.Message, where)
		}
	}
}

func scorePair(published, score jixiao.Decimal, c Check, diff jixiao.Decimal) string {
	if c == Unverifiable {
		return "公布 " + fmtDec2(published) + "，无法复核（按公布计入总分）"
	}
	s := "复核 " + fmtDec2(score)
	if published.IsSet() {
		s = "公布 " + fmtDec2(published) + "，" + s
		if c == Disagree && diff.IsSet() {
			s += "，差 " + signed(diff.Rat())
		}
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
