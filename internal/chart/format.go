package chart

import (
	"math"
	"strconv"
)

// Count formats n with thousands separators: 1234567 → "1,234,567". It is
// the default Options.Format.
func Count(n int64) string {
	neg := n < 0
	return sign(neg) + group(abs(n))
}

// WanYuan formats an amount in fen as 万元 with two decimals and thousands
// separators, as the published tables print it: 123456789 fen → "12.35".
// The amount is rounded half away from zero to 0.01 万元 (100 元) with
// integer arithmetic; a chart label has no room for the fen.
func WanYuan(fen int64) string {
	const per = 10_000 // fen in 0.01 万元
	a := abs(fen)
	q := a / per
	if a%per >= per/2 {
		q++
	}
	if q == 0 {
		return "0.00"
	}
	frac := strconv.FormatUint(q%100, 10)
	if len(frac) < 2 {
		frac = "0" + frac
	}
	return sign(fen < 0) + group(q/100) + "." + frac
}

func sign(neg bool) string {
	if neg {
		return "-"
	}
	return ""
}

// abs is |n| as uint64, which holds |math.MinInt64| too.
func abs(n int64) uint64 {
	if n < 0 {
		return uint64(-(n + 1)) + 1
	}
	return uint64(n)
}

// group writes u in decimal with a comma every three digits.
func group(u uint64) string {
	s := strconv.FormatUint(u, 10)
	if len(s) <= 3 {
		return s
	}
	b := make([]byte, 0, len(s)+len(s)/3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	return string(b)
}

// addSat adds without wrapping around: a total of many large amounts stays
// at the int64 limit instead of turning negative.
func addSat(a, b int64) int64 {
	s := a + b
	if a > 0 && b > 0 && s < 0 {
		return math.MaxInt64
	}
	if a < 0 && b < 0 && s >= 0 {
		return math.MinInt64
	}
	return s
}

// num formats a coordinate: at most two decimals, no trailing zeros, no
// "-0". SVG needs no more precision than a hundredth of a pixel, and short
// numbers keep the golden files readable.
func num(f float64) string {
	r := math.Round(f*100) / 100
	if r == 0 || math.IsNaN(r) || math.IsInf(r, 0) {
		return "0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}
