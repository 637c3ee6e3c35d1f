package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"jixiao"
	"jixiao/internal/review"
	"jixiao/internal/value"
)

func (a *app) showCommand() *cobra.Command {
	var tableID int64
	cmd := &cobra.Command{
		Use:   "show PROJECT",
		Short: "显示一个项目：资金、绩效目标、指标及其解析结果",
		Args:  usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := a.openExisting()
			if err != nil {
				return err
			}
			defer db.Close()
			refs, err := db.FindProjects(a.ctx, args[0])
			if err != nil {
				return err
			}
			shown := 0
			seen := map[int64]bool{} // a table with two projects of this name is one ref per project
			for _, r := range refs {
				if tableID != 0 && r.TableID != tableID || seen[r.TableID] {
					continue
				}
				seen[r.TableID] = true
				t, err := db.Table(a.ctx, r.TableID)
				if err != nil {
					return err
				}
				for _, p := range t.Projects() {
					if p.Name == r.Project {
						if shown > 0 {
							fmt.Fprintln(a.stdout)
						}
						writeProject(a.stdout, t, p)
						shown++
					}
				}
			}
			if shown == 0 {
				return jixiao.Errorf(jixiao.ENOTFOUND, "没有名为“%s”的项目（用 jixiao list 查看已导入的项目）", args[0])
			}
			return nil
		},
	}
	cmd.Flags().Int64Var(&tableID, "table", 0, "只在该表中查找（表编号见 jixiao list）")
	return cmd
}

func writeProject(w io.Writer, t *jixiao.Table, p *jixiao.Project) {
	u := t.MoneyUnit
	fmt.Fprintf(w, "%s\n", p.Name)
	fmt.Fprintf(w, "  表 #%d 第 %d 版 · %d 年 · %s · 资金使用单位 %s\n", t.ID, t.Version, t.FiscalYear, t.Org, p.Org)
	fmt.Fprintf(w, "  资金（%s）：总计 %s  财政拨款 %s  财政专户拨款 %s  其他资金 %s\n", u,
		p.Funding.Total.FormatGrouped(u), p.Funding.Fiscal.FormatGrouped(u), p.Funding.SpecialAccount.FormatGrouped(u), p.Funding.Other.FormatGrouped(u))
	fmt.Fprintf(w, "  绩效目标：%s\n", p.Goal)
	if p.AnnualGoal != "" {
		fmt.Fprintf(w, "  年度目标：%s\n", p.AnnualGoal)
	}
	for _, in := range p.Indicators {
		fmt.Fprintf(w, "  %d. [%s %s / %s %s] %s\n", in.Seq, in.Level1.Code, in.Level1.Name, in.Level2.Code, in.Level2.Name, in.Name)
		fmt.Fprintf(w, "     实施周期指标值：%s\n", describeTarget(in.Period))
		fmt.Fprintf(w, "     年度指标值：  %s\n", describeTarget(in.Annual))
		if d := value.Direction(in); d != jixiao.DirectionUnknown {
			dir := map[jixiao.Direction]string{jixiao.DirectionPositive: "正向", jixiao.DirectionNegative: "反向"}[d]
			fmt.Fprintf(w, "     方向：%s\n", dir)
		}
	}
	if t.Review == nil {
		return
	}
	n := 0
	for _, f := range t.Review.Findings {
		if f.Project != p.Name {
			continue
		}
		if n == 0 {
			fmt.Fprintf(w, "  审核意见：\n")
		}
		n++
		where := "项目"
		if f.Indicator > 0 {
			where = fmt.Sprintf("指标 %d", f.Indicator)
		}
		fmt.Fprintf(w, "  - [%s %s] %s：%s\n    建议：%s\n", review.SeverityName(f.Severity), f.Rule, where, f.Message, f.Suggestion)
	}
	if n == 0 {
		fmt.Fprintf(w, "  审核意见：无\n")
	}
}

// describeTarget prints the value as written and what we read in it.
func describeTarget(t jixiao.Target) string {
	if t.IsEmpty() {
		return "（空）"
	}
	var parsed []string
	switch t.Kind {
	case jixiao.KindNumeric:
		op := string(t.Op)
		if t.ImplicitOp {
			op += "（未写比较符）"
		}
		v := t.Value.String()
		if t.Op == jixiao.OpRange {
			v = t.Value.String() + "～" + t.Max.String()
		}
		parsed = append(parsed, "数值", op, v)
		if t.Unit != "" {
			parsed = append(parsed, "单位 "+t.Unit)
		}
		if t.Qualifier != "" {
			parsed = append(parsed, "限定 "+t.Qualifier)
		}
	case jixiao.KindDeadline:
		d := t.Date
		if d == "" {
			d = "日期未定"
		}
		parsed = append(parsed, "时限", d)
	case jixiao.KindBoolean:
		parsed = append(parsed, "是否", map[bool]string{true: "是", false: "否"}[t.Bool])
	default:
		parsed = append(parsed, "定性")
	}
	return fmt.Sprintf("%s  → %s", t.Text, strings.Join(parsed, " "))
}
