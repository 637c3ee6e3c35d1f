package jixiao

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"strings"
)

// ContentHash returns the SHA-256 of t's data: everything a user typed or a
// publisher printed, and nothing derived from it (parsed targets, IDs,
// versions, file names). Two imports of the same data, from the same file or
// from an export of it, hash the same; a parser improvement does not create a
// new version.
func ContentHash(t *Table) string {
	h := sha256.New()
	field := func(parts ...any) {
		for _, p := range parts {
			s := fmt.Sprint(p)
			fmt.Fprintf(h, "%d:%s", len(s), s)
		}
		h.Write([]byte{'\n'})
	}
	field("table", t.Title, t.Org, t.FiscalYear, t.MoneyUnit)
	hashFunding(h, t.Total)
	for _, u := range t.Units {
		field("unit", u.Name)
		hashFunding(h, u.Funding)
		for _, p := range u.Projects {
			field("project", p.Name, p.Org, p.Goal, p.AnnualGoal, p.TransferPayment)
			hashFunding(h, p.Funding)
			for _, in := range p.Indicators {
				field("indicator", in.Seq, in.Level1.Code, in.Level1.Name, in.Level2.Code, in.Level2.Name,
					in.Name, in.Unit, in.Direction, in.Period.Raw, in.Annual.Raw, in.Weight.String())
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func hashFunding(h hash.Hash, f Funding) {
	fmt.Fprintf(h, "funding:%d,%d,%d,%d\n", f.Total, f.Fiscal, f.SpecialAccount, f.Other)
}

// FoldSpace trims s and folds every run of white space (ASCII, full-width
// and no-break) into one ASCII space.
func FoldSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, isSpace), " ")
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u3000', '\u2002', '\u2003', '\u2009', '\u200b', '\ufeff':
		return true
	}
	return false
}
