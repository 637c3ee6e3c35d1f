package score

import (
	"math/big"
	"strings"

	"jixiao"
)

// Arithmetic is exact (math/big.Rat) from the parsed decimals to the end of
// each formula; only the result is rounded, half away from zero, to two
// decimals (round2). Totals add the rounded scores, so that the figures a
// reader sees add up to the total they see.

func ratOf(d jixiao.Decimal) *big.Rat {
	if r := d.Rat(); r != nil {
		return r
	}
	return new(big.Rat)
}

func ratInt(n int64) *big.Rat { return big.NewRat(n, 1) }

func mul(a, b *big.Rat) *big.Rat { return new(big.Rat).Mul(a, b) }
func quo(a, b *big.Rat) *big.Rat { return new(big.Rat).Quo(a, b) }
func add(a, b *big.Rat) *big.Rat { return new(big.Rat).Add(a, b) }
func sub(a, b *big.Rat) *big.Rat { return new(big.Rat).Sub(a, b) }
func abs(a *big.Rat) *big.Rat    { return new(big.Rat).Abs(a) }

// clamp returns r limited to [0, hi].
func clamp(r, hi *big.Rat) *big.Rat {
	switch {
	case r.Sign() < 0:
		return new(big.Rat)
	case r.Cmp(hi) > 0:
		return new(big.Rat).Set(hi)
	}
	return r
}

// round2 rounds half away from zero to two decimals.
func round2(r *big.Rat) *big.Rat {
	d := jixiao.DecimalFromRat(r, 2)
	return d.Rat()
}

// dec2 is r rounded to two decimals as a Decimal.
func dec2(r *big.Rat) jixiao.Decimal { return jixiao.DecimalFromRat(r, 2) }

// fmt2 prints r rounded to two decimals, always with both: "9.70".
func fmt2(r *big.Rat) string { return r.FloatString(2) }

// fmtDec2 prints a set decimal with two decimals; "" when unset.
func fmtDec2(d jixiao.Decimal) string {
	if !d.IsSet() {
		return ""
	}
	return fmt2(d.Rat())
}

// fmtRat prints r exactly when it has at most six decimals, else rounded
// to four with a leading "≈" (only unit conversions such as 亩 → 平方米
// produce such numbers).
func fmtRat(r *big.Rat) string {
	for k, p := 0, big.NewInt(1); k <= 6; k++ {
		if new(big.Int).Mod(p, r.Denom()).Sign() == 0 {
			return canonical(r.FloatString(k))
		}
		p.Mul(p, big.NewInt(10))
	}
	return "≈" + canonical(r.FloatString(4))
}

func canonical(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// decOf returns r as an exact Decimal when it terminates within six
// decimals, else rounded to six.
func decOf(r *big.Rat) jixiao.Decimal {
	return jixiao.MustDecimal(strings.TrimPrefix(fmtRat6(r), "≈"))
}

func fmtRat6(r *big.Rat) string {
	s := fmtRat(r)
	if strings.HasPrefix(s, "≈") {
		return canonical(r.FloatString(6))
	}
	return s
}
