package jixiao

import (
	"fmt"
	"strings"
)

// Fen is an amount of money in fen (分, 0.01 元). Money is never a float.
type Fen int64

// MoneyUnit is the unit a table prints its amounts in.
type MoneyUnit string

const (
	Yuan     MoneyUnit = "元"
	WanYuan  MoneyUnit = "万元"
	YiYuan   MoneyUnit = "亿元"
	unitNone MoneyUnit = ""
)

// FenPer returns how many fen one of the unit is, and whether the unit is known.
func (u MoneyUnit) FenPer() (Fen, bool) {
	switch u {
	case Yuan:
		return 100, true
	case WanYuan:
		return 1_000_000, true
	case YiYuan:
		return 10_000_000_000, true
	}
	return 0, false
}

// Decimals is how many fraction digits an amount in u can carry before it is
// finer than one fen.
func (u MoneyUnit) decimals() int {
	per, _ := u.FenPer()
	n := 0
	for ; per > 1; per /= 10 {
		n++
	}
	return n
}

// ParseMoney reads an amount printed in unit u ("27,793.94", "5", "") into
// fen. An empty cell is zero. Digits finer than one fen are an error, never
// rounded away.
func ParseMoney(s string, u MoneyUnit) (Fen, error) {
	per, ok := u.FenPer()
	if !ok {
		return 0, fmt.Errorf("unknown money unit %q", u)
	}
	t := strings.TrimSpace(s)
	if t == "" || t == "-" || t == "—" {
		return 0, nil
	}
	d, err := ParseDecimal(t)
	if err != nil {
		return 0, fmt.Errorf("amount %q is not a number", s)
	}
	neg := strings.HasPrefix(d.s, "-")
	digits := strings.TrimPrefix(d.s, "-")
	intPart, frac, _ := strings.Cut(digits, ".")
	if len(frac) > u.decimals() {
		return 0, fmt.Errorf("amount %q is finer than one fen", s)
	}
	if len(intPart) > 15 {
		return 0, fmt.Errorf("amount %q is too large", s)
	}
	var f Fen
	for _, c := range intPart {
		f = f*10 + Fen(c-'0')
	}
	f *= per
	scale := per
	for _, c := range frac {
		scale /= 10
		f += Fen(c-'0') * scale
	}
	if neg {
		f = -f
	}
	return f, nil
}

// Format prints f in unit u with the unit's usual two decimals (more only
// when needed to stay exact), without thousands separators: "27793.94".
func (f Fen) Format(u MoneyUnit) string {
	per, ok := u.FenPer()
	if !ok {
		per, u = 100, Yuan
	}
	neg := f < 0
	v := int64(f)
	if neg {
		v = -v
	}
	ip := v / int64(per)
	fp := v % int64(per)
	frac := fmt.Sprintf("%0*d", u.decimals(), fp)
	for len(frac) > 2 && frac[len(frac)-1] == '0' {
		frac = frac[:len(frac)-1]
	}
	s := fmt.Sprintf("%d.%s", ip, frac)
	if neg {
		s = "-" + s
	}
	return s
}

// FormatGrouped is Format with thousands separators, as published: "27,793.94".
func (f Fen) FormatGrouped(u MoneyUnit) string {
	s := f.Format(u)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	ip, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range ip {
		if i > 0 && (len(ip)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return sign + b.String() + "." + frac
}
