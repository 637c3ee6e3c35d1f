package jixiao

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
)

// Decimal is an exact decimal number kept in canonical text form ("-12.5",
// "0", "3.8"): no float round-off anywhere between the published table and
// the JSON we write. The zero value is "no number" (IsSet reports false).
type Decimal struct {
	s string // canonical: optional '-', digits without leading zeros, optional '.' and digits without trailing zeros
}

// ParseDecimal reads an ASCII decimal: optional sign, digits, optional
// fraction. Thousands separators (",") are accepted and dropped.
func ParseDecimal(s string) (Decimal, error) {
	t := strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	neg := false
	switch {
	case strings.HasPrefix(t, "-"):
		neg, t = true, t[1:]
	case strings.HasPrefix(t, "+"):
		t = t[1:]
	}
	intPart, frac, hasDot := strings.Cut(t, ".")
	if intPart == "" && frac == "" || !allDigits(intPart) || !allDigits(frac) || hasDot && frac == "" && intPart == "" {
		return Decimal{}, fmt.Errorf("not a decimal number: %q", s)
	}
	intPart = strings.TrimLeft(intPart, "0")
	frac = strings.TrimRight(frac, "0")
	if intPart == "" {
		intPart = "0"
	}
	out := intPart
	if frac != "" {
		out += "." + frac
	}
	if neg && out != "0" {
		out = "-" + out
	}
	return Decimal{s: out}, nil
}

// MustDecimal is ParseDecimal for constants in code and tests.
func MustDecimal(s string) Decimal {
	d, err := ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return d
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// IsSet reports whether d holds a number.
func (d Decimal) IsSet() bool { return d.s != "" }

// String returns the canonical text, or "" when unset.
func (d Decimal) String() string { return d.s }

// Rat returns d as an exact rational; nil when unset.
func (d Decimal) Rat() *big.Rat {
	if d.s == "" {
		return nil
	}
	r, ok := new(big.Rat).SetString(d.s)
	if !ok {
		return nil
	}
	return r
}

// Cmp compares two set decimals: -1, 0 or +1.
func (d Decimal) Cmp(e Decimal) int { return d.Rat().Cmp(e.Rat()) }

// DecimalFromRat rounds r half away from zero to at most prec fraction digits.
func DecimalFromRat(r *big.Rat, prec int) Decimal {
	d, _ := ParseDecimal(r.FloatString(prec))
	return d
}

func (d Decimal) MarshalJSON() ([]byte, error) { return json.Marshal(d.s) }

func (d *Decimal) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("decimal must be a JSON string: %w", err)
	}
	if s == "" {
		*d = Decimal{}
		return nil
	}
	v, err := ParseDecimal(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}
