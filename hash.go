package jixiao

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"strconv"
	"strings"
)

// ContentHash returns the SHA-256 of t's data: everything a user typed or a
// publisher printed, and nothing derived from it (parsed targets, IDs,
// versions, file names, the review). Two imports of the same data, from the
// same file or from an export of it, hash the same; a parser improvement
// does not create a new version.
//
// Each field is written as "<byte length>:<bytes>", so that no two tables
// share an encoding; records end in a newline. It runs on every save, so it
// appends into one buffer rather than going through fmt.
func ContentHash(t *Table) string {
	e := hashEncoder{h: sha256.New()}
	e.str("table").str(t.Title).str(t.Org).num(int64(t.FiscalYear)).str(string(t.MoneyUnit)).end()
	e.funding(t.Total)
	for _, u := range t.Units {
		e.str("unit").str(u.Name).end()
		e.funding(u.Funding)
		for _, p := range u.Projects {
			e.str("project").str(p.Name).str(p.Org).str(p.Goal).str(p.AnnualGoal).str(strconv.FormatBool(p.TransferPayment)).end()
			e.funding(p.Funding)
			for _, in := range p.Indicators {
				e.str("indicator").num(int64(in.Seq)).str(in.Level1.Code).str(in.Level1.Name).str(in.Level2.Code).str(in.Level2.Name).
					str(in.Name).str(in.Unit).str(string(in.Direction)).str(in.Period.Raw).str(in.Annual.Raw).str(in.Weight.String()).end()
			}
		}
	}
	return hex.EncodeToString(e.h.Sum(nil))
}

type hashEncoder struct {
	h   hash.Hash
	buf []byte
}

func (e *hashEncoder) str(s string) *hashEncoder {
	e.buf = strconv.AppendInt(e.buf, int64(len(s)), 10)
	e.buf = append(e.buf, ':')
	e.buf = append(e.buf, s...)
	return e
}

func (e *hashEncoder) num(n int64) *hashEncoder {
	var d [20]byte
	return e.str(string(strconv.AppendInt(d[:0], n, 10)))
}

func (e *hashEncoder) end() {
	e.buf = append(e.buf, '\n')
	e.h.Write(e.buf)
	e.buf = e.buf[:0]
}

func (e *hashEncoder) funding(f Funding) {
	e.buf = append(e.buf, "funding:"...)
	for i, v := range [4]Fen{f.Total, f.Fiscal, f.SpecialAccount, f.Other} {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.buf = strconv.AppendInt(e.buf, int64(v), 10)
	}
	e.end()
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
