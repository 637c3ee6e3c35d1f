package value

import (
	"os"
	"strings"
	"testing"

	"jixiao"
)

// seedPath is the real published table (DESIGN §2).
const seedPath = "../../../shared/seeds/000_69318a9b511d8c9f.txt"

// seedValue is one 指标值 of the seed with the name of its indicator.
type seedValue struct {
	name, raw string
}

// readSeedValues extracts every 指标值 of the seed: the text after
// "实施周期指标值:" or "年度指标值:" (ASCII or full-width colon) up to "；",
// "。N、" (the next indicator) or the end of the cell. It skips the test
// when the seed is absent.
func readSeedValues(tb testing.TB) []seedValue {
	tb.Helper()
	b, err := os.ReadFile(seedPath)
	if os.IsNotExist(err) {
		tb.Skipf("seed %s not present; skipping", seedPath)
	}
	if err != nil {
		tb.Fatal(err)
	}
	var out []seedValue
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		rest := line
		name := ""
		for {
			k, marker := nextMarker(rest)
			if k < 0 {
				break
			}
			if marker == "实施周期指标值" {
				before := rest[:k]
				before = strings.TrimSuffix(before, "；")
				if j := strings.LastIndex(before, "；"); j >= 0 {
					name = before[j+len("；"):]
				}
			}
			rest = rest[k+len(marker):]
			rest = strings.TrimPrefix(strings.TrimPrefix(rest, ":"), "：")
			end := valueEnd(rest)
			out = append(out, seedValue{name: name, raw: rest[:end]})
			rest = rest[end:]
		}
	}
	return out
}

func nextMarker(s string) (int, string) {
	a := strings.Index(s, "实施周期指标值")
	b := strings.Index(s, "年度指标值")
	switch {
	case a < 0 && b < 0:
		return -1, ""
	case b < 0 || a >= 0 && a < b:
		return a, "实施周期指标值"
	default:
		return b, "年度指标值"
	}
}

// valueEnd finds where a value ends: "；", "。" followed by "N、", or the
// end of the cell (a final "。" belongs to the cell, not the value).
func valueEnd(s string) int {
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "；"):
			return i
		case strings.HasPrefix(s[i:], "。"):
			j := i + len("。")
			k := j
			for k < len(s) && s[k] >= '0' && s[k] <= '9' {
				k++
			}
			if k > j && strings.HasPrefix(s[k:], "、") {
				return i
			}
			if strings.TrimSpace(s[j:]) == "" {
				return i
			}
		case s[i] == '\t':
			return i
		}
		_, n := decodeRune(s[i:])
		i += n
	}
	return len(s)
}

func decodeRune(s string) (rune, int) {
	for i, r := range s {
		if i == 0 {
			return r, len(string(r))
		}
	}
	return 0, 1
}

func TestSeedDump(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip("set DUMP=1")
	}
	seen := map[string]bool{}
	for _, v := range readSeedValues(t) {
		if seen[v.name+"|"+v.raw] {
			continue
		}
		seen[v.name+"|"+v.raw] = true
		p := Parse(v.raw, Context{FiscalYear: 2024, IndicatorName: v.name})
		t.Logf("%-40q %-12s op=%-5s impl=%-5v v=%-6s max=%-4s unit=%-8q q=%q date=%s  fmt=%q", v.raw, p.Kind, p.Op, p.ImplicitOp, p.Value, p.Max, p.Unit, p.Qualifier, p.Date, Format(p))
	}
	_ = jixiao.KindNumeric
}
