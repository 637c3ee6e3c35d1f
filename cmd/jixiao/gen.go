package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"jixiao/internal/gen"
	"jixiao/internal/table"
)

func (a *app) genCommand() *cobra.Command {
	var n int
	var out string
	opts := gen.Options{}
	cmd := &cobra.Command{
		Use:   "gen -o DIR",
		Short: "生成合成的绩效目标表（发布的文本版式；同一 --seed 结果相同）",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return usagef("需要用 -o 指定输出目录")
			}
			if n < 1 {
				return usagef("--tables 应为正整数，实际为 %d", n)
			}
			if opts.DefectRate < 0 || opts.DefectRate > 1 {
				return usagef("--defect-rate 应在 0 到 1 之间，实际为 %g", opts.DefectRate)
			}
			if err := os.MkdirAll(out, 0o755); err != nil {
				return fmt.Errorf("create %s: %w", out, err)
			}
			var bar *progressbar.ProgressBar
			if a.stderrIsTerminal() && n >= 20 {
				bar = progressbar.NewOptions(n, progressbar.OptionSetWriter(a.stderr), progressbar.OptionSetDescription("生成"),
					progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100_000_000))
			}
			projects, indicators := 0, 0
			var buf bytes.Buffer
			for i := 0; i < n; i++ {
				t := gen.Table(opts, i)
				buf.Reset()
				if err := table.WriteText(&buf, t); err != nil {
					return fmt.Errorf("gen table %d: %w", i, err)
				}
				if err := writeFileAtomic(filepath.Join(out, fmt.Sprintf("gen_%d_%05d.txt", opts.Seed, i)), buf.Bytes()); err != nil {
					return err
				}
				projects += len(t.Projects())
				indicators += t.IndicatorCount()
				if bar != nil {
					bar.Add(1)
				}
				if a.ctx.Err() != nil {
					return a.ctx.Err()
				}
			}
			if bar != nil {
				bar.Finish()
			}
			fmt.Fprintf(a.stdout, "已生成 %d 张表（%d 个项目，%d 个指标）到 %s\n", n, projects, indicators, out)
			return nil
		},
	}
	cmd.Flags().IntVar(&n, "tables", 10, "生成多少张表")
	cmd.Flags().Int64Var(&opts.Seed, "seed", 1, "随机种子：同一种子生成相同的表")
	cmd.Flags().IntVar(&opts.FiscalYear, "year", 2024, "预算年度")
	cmd.Flags().Float64Var(&opts.DefectRate, "defect-rate", 0.15, "带缺陷项目的比例（0–1）")
	cmd.Flags().StringVarP(&out, "output", "o", "", "输出目录")
	return cmd
}
