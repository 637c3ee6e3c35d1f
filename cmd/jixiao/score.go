package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"jixiao"
	"jixiao/internal/score"
	"jixiao/internal/scoresheet"
)

func (a *app) scoreCommand() *cobra.Command {
	var format, settingsFile, tolerance string
	var year int
	cmd := &cobra.Command{
		Use:   "score FILE",
		Short: "复核绩效自评表：按评分规则重算每个指标的得分、总分和等级，列出与公布数字不一致之处",
		Long: `复核项目支出绩效自评表（财预〔2020〕10号）。FILE 是 CSV、XLSX 或 JSON（jixiao.selfeval/v1）文件（- 为标准输入），
每行一个指标，列如 项目名称、一级指标、二级指标、三级指标、年度指标值、实际完成值、分值、得分，
项目的 全年预算数、全年执行数、总分、自评等级 可在任一行；一级指标为“预算执行率”的行是预算执行率的分值和得分，
“总分”行是公布的总分和等级。不需要数据库。

评分规则：产出 50、效益 30、满意度 10、预算执行率 10，同类指标均分权重（表中填了分值则按分值）；
正向指标 实际值/目标值×权重，反向指标 (1−(实际值−目标值)/目标值)×权重，时效、是否指标达到得满分，
定性指标 达成 80–100%、部分达成 60–80%、未达成 0–60%；预算执行率 执行数/预算数×权重；
优 ≥90、良 ≥80、中 ≥60、差 <60。--settings 给出本地区的评分设置（JSON 或 TOML，见 docs/score.md）。

退出状态：0 公布的数字与复核一致；1 有不一致（得分、总分、权重合计、等级）或无法复核的得分；
2 文件无法读取，或参数、设置文件有误。`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return usagef("未知的格式 %q：可用 text、json", format)
			}
			s := score.DefaultSettings()
			if settingsFile != "" {
				var err error
				if s, err = score.LoadSettings(settingsFile); err != nil {
					return &exitError{code: exitUsage, err: err}
				}
			}
			if tolerance != "" {
				d, err := jixiao.ParseDecimal(tolerance)
				if err != nil || d.Rat().Sign() < 0 {
					return usagef("--tolerance 应为不小于 0 的数，实际为 %q", tolerance)
				}
				s.Tolerance = d
			}
			res, err := scoresheet.ReadFile(args[0], a.stdin, scoresheet.Options{FiscalYear: year})
			if err != nil {
				return &exitError{code: exitUsage, err: err}
			}
			for _, n := range res.Notes {
				fmt.Fprintf(a.stderr, "%s: 注意：%s\n", args[0], n)
			}
			if res.Sheet.FiscalYear == 0 {
				fmt.Fprintf(a.stderr, "%s: 注意：表中没有预算年度，未写年份的时限无法评分（可用 --year 给出）\n", args[0])
			}
			rep := score.Verify(res.Sheet, s)
			if format == "json" {
				err = score.WriteJSON(a.stdout, rep)
			} else {
				err = score.WriteText(a.stdout, rep)
			}
			if err != nil {
				return err
			}
			if !rep.Agree {
				return &exitError{code: exitFailed}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text（按项目分组的报告）| json（jixiao.score/v1）")
	cmd.Flags().StringVar(&settingsFile, "settings", "", "评分设置文件（JSON 或 TOML）：权重、反向指标公式、定性分档、等级、监控阈值、容差")
	cmd.Flags().StringVar(&tolerance, "tolerance", "", "公布得分与复核得分之差在此之内视为一致（默认 0.01，或设置文件的 tolerance）")
	cmd.Flags().IntVar(&year, "year", 0, "预算年度（表中没有时用于未写年份的时限）")
	return cmd
}
