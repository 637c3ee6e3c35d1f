package jixiao_test

import (
	"errors"
	"fmt"
	"testing"

	"jixiao"
)

func TestParseMoneyIsExactFen(t *testing.T) {
	tests := []struct {
		name string
		in   string
		unit jixiao.MoneyUnit
		want jixiao.Fen
	}{
		{"grouped 万元", "27,793.94", jixiao.WanYuan, 27_793_940_000},
		{"empty cell is zero", "", jixiao.WanYuan, 0},
		{"integer", "5", jixiao.WanYuan, 5_000_000},
		{"six decimals of 万元 is one fen", "0.000001", jixiao.WanYuan, 1},
		{"元", "12.34", jixiao.Yuan, 1234},
		{"negative", "-1.5", jixiao.WanYuan, -1_500_000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := jixiao.ParseMoney(tt.in, tt.unit)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("ParseMoney(%q, %s) = %d, want %d", tt.in, tt.unit, got, tt.want)
			}
		})
	}
}

func TestParseMoneyRejects(t *testing.T) {
	for _, in := range []string{"abc", "1.2.3", "0.0000001", "１２", "1e5"} {
		if _, err := jixiao.ParseMoney(in, jixiao.WanYuan); err == nil {
			t.Errorf("ParseMoney(%q) succeeded, want an error", in)
		}
	}
}

func TestFenFormat(t *testing.T) {
	f := jixiao.Fen(27_793_940_000)
	if got := f.Format(jixiao.WanYuan); got != "27793.94" {
		t.Errorf("Format = %q", got)
	}
	if got := f.FormatGrouped(jixiao.WanYuan); got != "27,793.94" {
		t.Errorf("FormatGrouped = %q", got)
	}
	if got := jixiao.Fen(5_000_000).Format(jixiao.WanYuan); got != "5.00" {
		t.Errorf("Format(5万) = %q", got)
	}
	if got := jixiao.Fen(1).Format(jixiao.WanYuan); got != "0.000001" {
		t.Errorf("one fen in 万元 = %q, must stay exact", got)
	}
	if got := jixiao.Fen(-123_456_700).FormatGrouped(jixiao.WanYuan); got != "-123.4567" {
		t.Errorf("negative grouped = %q", got)
	}
}

func TestDecimalCanonical(t *testing.T) {
	for in, want := range map[string]string{"007.50": "7.5", "3.8": "3.8", "-0": "0", "1,000": "1000", ".5": "0.5", "100": "100"} {
		d, err := jixiao.ParseDecimal(in)
		if err != nil || d.String() != want {
			t.Errorf("ParseDecimal(%q) = %q, %v; want %q", in, d, err, want)
		}
	}
	for _, in := range []string{"", ".", "-", "1.2.3", "1e3"} {
		if _, err := jixiao.ParseDecimal(in); err == nil {
			t.Errorf("ParseDecimal(%q) succeeded", in)
		}
	}
	if jixiao.MustDecimal("2").Cmp(jixiao.MustDecimal("10")) != -1 {
		t.Error("2 < 10 numerically")
	}
}

func TestErrorCodeAndMessage(t *testing.T) {
	err := fmt.Errorf("import x: %w", jixiao.Errorf(jixiao.EINVALID, "第 3 行：金额不是数字"))
	if jixiao.ErrorCode(err) != jixiao.EINVALID || jixiao.ErrorMessage(err) != "第 3 行：金额不是数字" {
		t.Errorf("code %q message %q", jixiao.ErrorCode(err), jixiao.ErrorMessage(err))
	}
	internal := errors.New("pq: connection refused at 10.0.0.1")
	if jixiao.ErrorCode(internal) != jixiao.EINTERNAL || jixiao.ErrorMessage(internal) == internal.Error() {
		t.Error("internal error text must not reach users")
	}
}

func TestContentHashIgnoresDerivedFields(t *testing.T) {
	mk := func() *jixiao.Table {
		return &jixiao.Table{Title: "t", Org: "o", FiscalYear: 2024, MoneyUnit: jixiao.WanYuan,
			Units: []jixiao.Unit{{Name: "o", Projects: []*jixiao.Project{{Name: "p", Indicators: []*jixiao.Indicator{
				{Seq: 1, Name: "n", Annual: jixiao.Target{Raw: "≥1家"}}}}}}}}
	}
	a, b := mk(), mk()
	b.ID, b.Source, b.Version = 9, "other.txt", 3
	b.Units[0].Projects[0].Indicators[0].Annual.Kind = jixiao.KindNumeric
	if jixiao.ContentHash(a) != jixiao.ContentHash(b) {
		t.Error("hash changed with derived fields")
	}
	b.Units[0].Projects[0].Indicators[0].Annual.Raw = "≥2家"
	if jixiao.ContentHash(a) == jixiao.ContentHash(b) {
		t.Error("hash did not change with the raw value")
	}
}

func TestCatalogue(t *testing.T) {
	e, ok := jixiao.LookupLevel2("21")
	if !ok || e.Level1.Code != "2" || !jixiao.SameCategoryName(e.Level2.Name, "经济效益") {
		t.Errorf("21 → %+v", e)
	}
	if jixiao.SameCategoryName("经济效益", "社会效益") {
		t.Error("different names matched")
	}
	if jixiao.FoldSpace("  a \u3000 b\t") != "a b" {
		t.Error("FoldSpace")
	}
}
