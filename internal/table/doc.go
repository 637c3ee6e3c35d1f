// Package table reads and writes 绩效目标表 in their interchange formats:
// the published text layout (the tab-separated text extracted from a
// published PDF, as in the seed), jixiao.table/v1 JSON (DESIGN §8), the
// long CSV (one row per indicator) for spreadsheets and researchers, Excel
// workbooks in the published and the long layout (and a blank filing
// template), and PDF for printing (through internal/pdfdoc).
//
// Readers are strict about structure and forgiving about the defects that
// are normal in published tables (empty money cells, 6 or 7 fields per row,
// blank lines at page breaks, LaTeX residue, merged cells): what they
// cannot read they reject with the file, the line or cell, the field and
// what was expected, and they never return a half-read table unless asked
// to (ReadOptions.Partial, for workbooks).
package table
