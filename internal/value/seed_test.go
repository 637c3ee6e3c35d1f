package value

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

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
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	return len(s)
}

// TestSeed reads every 指标值 of the real published table and checks the
// kind counts and that each value has a stable, sensible reading.
func TestSeed(t *testing.T) {
	values := readSeedValues(t)
	if len(values) != 442 {
		t.Fatalf("read %d values from the seed, want 442 (221 indicators × 2)", len(values))
	}
	counts := map[jixiao.TargetKind]int{}
	years := map[int]int{}
	for _, v := range values {
		ctx := Context{FiscalYear: 2024, IndicatorName: v.name}
		got := Parse(v.raw, ctx)
		counts[got.Kind]++
		if y, ok := ExplicitYear(v.raw); ok {
			years[y]++
		}
		if got.Raw != v.raw {
			t.Errorf("Raw = %q, want %q", got.Raw, v.raw)
		}
		if again := Parse(got.Text, ctx); describe(again) != describe(got) {
			t.Errorf("Parse(Text) differs for %q: %s, then %s", v.raw, describe(got), describe(again))
		}
		switch got.Kind {
		case jixiao.KindNumeric:
			if !got.Value.IsSet() {
				t.Errorf("%q: numeric without a value", v.raw)
			}
			if got.Unit == "%" && got.Value.Cmp(jixiao.MustDecimal("100")) > 0 {
				t.Errorf("%q: percent above 100", v.raw)
			}
		case jixiao.KindDeadline:
			if got.Date == "" || got.Date < "2023-01-01" || got.Date > "2024-12-31" {
				t.Errorf("%q: deadline %q outside 2023–2024", v.raw, got.Date)
			}
		case jixiao.KindQualitative:
			if got.Qualifier != "" || got.Value.IsSet() {
				t.Errorf("%q: qualitative with parsed parts %+v", v.raw, got)
			}
		}
		if got.Kind != jixiao.KindQualitative {
			f := Format(got)
			if back := Parse(f, ctx); !sameReading(back, got) {
				t.Errorf("Format(%q) = %q reads %s, want %s", v.raw, f, describe(back), describe(got))
			}
		}
	}
	want := map[jixiao.TargetKind]int{
		jixiao.KindNumeric:     346,
		jixiao.KindDeadline:    24,
		jixiao.KindBoolean:     2,
		jixiao.KindQualitative: 70,
	}
	for k, n := range want {
		if counts[k] != n {
			t.Errorf("%s: %d values, want %d (all counts: %v)", k, counts[k], n, counts)
		}
	}
	// The fiscal year is not printed; the deadlines say 2024, with one stale
	// 2023 copy (2023-10-31 and 2023年5月31日前, period and annual each).
	if years[2024] != 8 || years[2023] != 4 || len(years) != 2 {
		t.Errorf("explicit years = %v, want map[2023:4 2024:8]", years)
	}
}

// TestSeedDump prints every distinct seed value with its reading as Go
// table rows (DUMP=1 go test -run TestSeedDump -v), to review by eye and to
// refresh TestSeedForms.
func TestSeedDump(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip("set DUMP=1 to print the seed values")
	}
	seen := map[string]bool{}
	for _, v := range readSeedValues(t) {
		ctx := Context{FiscalYear: 2024, IndicatorName: v.name}
		p := Parse(v.raw, ctx)
		key := v.raw + "|" + nameUnit(v.name)
		if seen[key] {
			continue
		}
		seen[key] = true
		name := ""
		if nameUnit(v.name) != "" {
			name = v.name
		}
		fmt.Printf("\t\t{%q, %q, %q},\n", name, v.raw, describe(p))
	}
}
