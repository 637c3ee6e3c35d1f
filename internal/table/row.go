package table

import (
	"strings"

	"jixiao"
)

// moneyColumns are the money columns in table order.
var moneyColumns = []string{"总计", "财政拨款", "财政专户拨款", "其他资金"}

type row struct {
	funding    jixiao.Funding
	goal       string
	annualGoal string // a workbook may have the column; the text layout never does
	indicators string
}

// splitRow reads the cells after the name. PDF extraction drops some empty
// money cells, so a row has 1–4 money cells, then the goal and the
// indicator cell. Money cells are taken from the left while they are empty
// or numeric; an empty cell that was dropped is an empty one, so the order
// of the amounts that remain is kept (总计, 财政拨款, …).
func (tr *textReader) splitRow(cells []string) (row, error) {
	var r row
	rest := cells[1:]
	var amounts []string
	for len(amounts) < len(moneyColumns) && len(rest) > 0 {
		c := strings.TrimSpace(rest[0])
		if c != "" && !numericLike(c) {
			break
		}
		// A trailing empty cell belongs to the goal/indicator columns when
		// fewer than two cells would be left for them.
		if c == "" && len(rest) <= 2 && len(amounts) > 0 {
			break
		}
		amounts = append(amounts, c)
		rest = rest[1:]
	}
	if len(amounts) == 0 {
		return r, tr.fail("总计", "金额（如 27,793.94）", firstCell(rest))
	}
	if len(rest) > 2 {
		if len(amounts) == len(moneyColumns) {
			return r, tr.fail("", "最多 7 列（项目名称、4 列金额、绩效目标、绩效指标）", strings.Join(cells, " | "))
		}
		return r, tr.fail(moneyColumns[len(amounts)], "金额（如 27,793.94）", rest[0])
	}
	u := tr.res.Table.MoneyUnit
	dst := []*jixiao.Fen{&r.funding.Total, &r.funding.Fiscal, &r.funding.SpecialAccount, &r.funding.Other}
	for i, a := range amounts {
		f, err := jixiao.ParseMoney(a, u)
		if err != nil {
			return r, tr.fail(moneyColumns[i], "以"+string(u)+"为单位、最多精确到分的金额", a)
		}
		*dst[i] = f
	}
	switch len(rest) {
	case 2:
		r.goal, r.indicators = strings.TrimSpace(rest[0]), strings.TrimSpace(rest[1])
	case 1:
		if c := strings.TrimSpace(rest[0]); strings.HasPrefix(c, "1、") {
			r.indicators = c
		} else {
			r.goal = c
		}
	}
	return r, nil
}

// numericLike reports a cell that is meant as an amount: digits with
// separators and a sign, and nothing else.
func numericLike(s string) bool {
	digit := false
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digit = true
		case c == ',' || c == '.' || c == '-' || c == '+' || c == ' ':
		default:
			return false
		}
	}
	return digit
}

func firstCell(cells []string) string {
	if len(cells) == 0 {
		return "（空）"
	}
	return cells[0]
}
