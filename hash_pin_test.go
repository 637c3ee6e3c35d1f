package jixiao_test

import (
	"testing"

	"jixiao"
)

func pinTable() *jixiao.Table {
	return &jixiao.Table{Title: "项目支出绩效目标表", Org: "某局（本级）", FiscalYear: 2024, MoneyUnit: jixiao.WanYuan,
		Total: jixiao.Funding{Total: 5_000_000, Fiscal: 4_000_000, Other: 1_000_000},
		Units: []jixiao.Unit{{Name: "某局", Funding: jixiao.Funding{Total: 5_000_000, Fiscal: 4_000_000, Other: 1_000_000},
			Projects: []*jixiao.Project{{Name: "培训经费", Org: "某局", Goal: "完成培训。", TransferPayment: true,
				Funding: jixiao.Funding{Total: 5_000_000, Fiscal: 4_000_000, Other: 1_000_000},
				Indicators: []*jixiao.Indicator{{Seq: 1, Level1: jixiao.Category{Code: "1", Name: "产出指标"},
					Level2: jixiao.Category{Code: "11", Name: "数量指标"}, Name: "培训场次", Unit: "场",
					Direction: jixiao.DirectionPositive, Period: jixiao.Target{Raw: "≥2场"}, Annual: jixiao.Target{Raw: " $\\geq$ 2场"},
					Weight: jixiao.MustDecimal("10")}}}}}}}
}

// The content hash identifies stored versions: a rewrite of ContentHash
// must keep every byte of it, or re-imports would all become new versions.
func TestContentHashIsStable(t *testing.T) {
	const want = "02d029e3984dd6ac4877d99d7e01fc7608b0536436d12bc3b6beb06764d45e94"
	if got := jixiao.ContentHash(pinTable()); got != want {
		t.Errorf("ContentHash = %s, want %s", got, want)
	}
}
