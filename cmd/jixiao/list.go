package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"jixiao"
)

func (a *app) listCommand() *cobra.Command {
	var f jixiao.TableFilter
	var brief bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "列出已导入的表及其项目和金额",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := a.openExisting()
			if err != nil {
				return err
			}
			defer db.Close()
			tables, err := db.Tables(a.ctx, f)
			if err != nil {
				return err
			}
			if len(tables) == 0 {
				fmt.Fprintln(a.stdout, "数据库中还没有表。用 jixiao import FILE 导入。")
				return nil
			}
			for i, s := range tables {
				if i > 0 {
					fmt.Fprintln(a.stdout)
				}
				current := ""
				if !s.Current {
					current = "（旧版本）"
				}
				reviewed := ""
				if s.ReviewGrade != "" {
					reviewed = fmt.Sprintf("  审核 %s（%.1f 分，%d 条意见）", s.ReviewGrade, s.ReviewScore, s.Findings)
				}
				fmt.Fprintf(a.stdout, "表 #%d  %d 年  %s  第 %d 版%s  %d 个项目  %d 个指标  合计 %s %s%s\n",
					s.ID, s.FiscalYear, s.Org, s.Version, current, s.Projects, s.Indicators, s.Total.FormatGrouped(s.MoneyUnit), s.MoneyUnit, reviewed)
				if brief {
					continue
				}
				t, err := db.Table(a.ctx, s.ID)
				if err != nil {
					return err
				}
				tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
				for _, u := range t.Units {
					fmt.Fprintf(tw, "  %s\t%s\t%d 个项目\t\n", u.Name, u.Funding.Total.FormatGrouped(t.MoneyUnit), len(u.Projects))
					for _, p := range u.Projects {
						fmt.Fprintf(tw, "    %s\t%s\t%d 个指标\t\n", p.Name, p.Funding.Total.FormatGrouped(t.MoneyUnit), len(p.Indicators))
					}
				}
				tw.Flush()
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&f.FiscalYear, "year", 0, "只列出该预算年度")
	cmd.Flags().StringVar(&f.Org, "org", "", "只列出该单位（单位名称全称）")
	cmd.Flags().BoolVar(&f.AllVersions, "all-versions", false, "也列出旧版本")
	cmd.Flags().BoolVar(&brief, "brief", false, "只列出表，不列项目")
	return cmd
}
