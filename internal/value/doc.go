// Package value turns a 指标值 (the target value of a performance
// indicator) into a jixiao.Target and back (DESIGN §3 "Target values", §8).
//
// A published value is free text typed by a budget unit and often mangled
// by PDF extraction: "$\geq$ 60", "3家以上（含3个）", "2024年12月31日前完成验收",
// "稳步提升". Parse reads it into one of four kinds — numeric, deadline,
// boolean, qualitative — and never fails: text it cannot read with
// confidence stays qualitative, with the raw text kept exactly. Format
// writes the canonical text of a parsed target back, for editors and the
// synthetic-table generator.
//
// The package is pure (no I/O, no globals that change) and imports only the
// domain package and the standard library. The hot path uses no regexp: a
// published table has thousands of values and review re-parses them often.
//
// # Text (Normalize)
//
// Target.Text is the value with transport damage repaired and nothing else
// changed:
//
//   - LaTeX residue is unwrapped: "$\geq$ 60" → "≥60", "$\geq 90\%$" → "≥90%".
//   - ">=" "<=" "≧" "≦" "⩾" "⩽" become ≥ ≤.
//   - Full-width ASCII that carries meaning for a number — digits, letters,
//     ％ ＞ ＜ ＝ ＋ － ． ／ — becomes half-width ("９０％" → "90%").
//     Chinese punctuation stays as written: （）、，；：。《》～ are ordinary
//     punctuation of a Chinese sentence, and the parser accepts ( and （
//     alike, so rewriting them would only make Text differ from what the
//     filer typed.
//   - Whitespace (including U+3000) is folded, and dropped everywhere except
//     between two ASCII letters/digits ("ISO 9001"), since Chinese text has
//     no meaningful spaces; a space between a number and a following
//     letter is dropped too ("60 M" → "60M": number then unit).
//   - Trailing 。 . ； ; are dropped.
//
// Normalize is idempotent, so Parse(t.Text) reads what Parse(t.Raw) read.
//
// # Qualifier
//
// Words around the number (or date) are kept in Target.Qualifier. When
// words follow the number, the place of the number is marked with "…":
// "完成不少于300个点位数" has Qualifier "完成…点位数"; "狮岭镇培育上市企业1家以上"
// has "狮岭镇培育上市企业". Format puts the canonical number back at the "…".
//
// Comparator words and the words of a range are not qualifier: they are
// in Op. A （含…） clause is consumed too ("3家以上（含3个）" → ≥3 家; the 个
// inside is a defect for review, which can still see it in Text). For a
// deadline the words after the date are kept the same way
// ("2024年12月31日前完成验收" → "…完成验收"), and the start of a period
// precedes the date ("2024-03至").
//
// The decisions on ambiguous forms are documented where they are made:
// numbers.go (what is not a target's number: years, fractions, ordinals,
// identifiers, titles), units.go (the unit boundary), numeric.go
// (comparators, ranges, the narrative threshold), deadline.go (dates,
// quarters, periods), direction.go (正向/反向), format.go (canonical text).
package value
