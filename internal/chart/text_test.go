package chart

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"jixiao"
)

func TestTextWidth(t *testing.T) {
	tests := []struct {
		name string
		s    string
		want float64
	}{
		{"Han", "项目", 2},
		{"digits", "2024", 4 * 0.55},
		{"capitals are wider", "ISO", 3 * 0.65},
		{"full-width punctuation", "（）：", 3},
		{"ellipsis and dash of Chinese text", "…—", 2},
		{"combining mark has no width", "e\u0301", 0.55},
		{"mixed", "第2批", 2.55},
		{"empty", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := textWidth(tt.s); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("textWidth(%q) = %v, want %v", tt.s, got, tt.want)
			}
		})
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		name string
		s    string
		em   float64
		want string
	}{
		{"fits", "城乡义务教育", 6, "城乡义务教育"},
		{"cut with …", "城乡义务教育学校公用经费", 6, "城乡义务教…"},
		{"mixed widths", "ISO 9001质量管理体系认证", 8, "ISO 9001质量…"},
		{"no trailing space before …", "ab cdefghijkl", 2.7, "ab…"},
		{"room for … only", "城乡义务", 1, "…"},
		{"no room at all", "城乡义务", 0, "…"},
		{"combining mark stays with its letter", "cafe\u0301 au lait", 3.3, "cafe\u0301…"},
		{"variation selector stays with its emoji", "a\u2764\uFE0F bcdef", 2.2, "a\u2764\uFE0F…"},
		{"a cut after a joiner drops the half-joined emoji", "ab\U0001F468\u200D\U0001F469cd", 3.5, "ab…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := truncate(tt.s, tt.em); got != tt.want {
				t.Errorf("truncate(%q, %v) = %q, want %q", tt.s, tt.em, got, tt.want)
			}
		})
	}
}

// At every width, a cut label is valid UTF-8, a prefix of the label plus
// "…", and no wider than asked (once "…" fits): truncation never splits a
// multi-byte rune.
func TestTruncateNeverSplitsARune(t *testing.T) {
	labels := []string{
		"花都区2024年农村人居环境整治提升及美丽乡村建设专项资金项目（第二批）",
		"𠀀𠀁𠀂 four-byte Han 𪚥𪚥",
		"Ünïcödé ñame — “引号” 与…省略号",
		"e\u0301e\u0301e\u0301\u0302 combining",
		"👩\u200d💻👨\u200d👩\u200d👧 emoji",
	}
	for _, label := range labels {
		for tenths := 0; tenths <= int(textWidth(label)*10)+10; tenths++ {
			em := float64(tenths) / 10
			got := truncate(label, em)
			if !utf8.ValidString(got) {
				t.Fatalf("truncate(%q, %v) = %q is not valid UTF-8", label, em, got)
			}
			if got == label {
				continue
			}
			prefix, ok := strings.CutSuffix(got, ellipsis)
			if !ok || !strings.HasPrefix(label, prefix) {
				t.Fatalf("truncate(%q, %v) = %q is not a prefix and …", label, em, got)
			}
			if r, _ := utf8.DecodeRuneInString(label[len(prefix):]); zeroWidth(r) {
				t.Fatalf("truncate(%q, %v) = %q leaves %U without its base", label, em, got, r)
			}
			if em >= 1 && textWidth(got) > em+1e-9 {
				t.Fatalf("truncate(%q, %v) = %q is %v em wide", label, em, got, textWidth(got))
			}
		}
	}
}

func TestClean(t *testing.T) {
	tests := []struct {
		name string
		s    string
		want string
	}{
		{"plain", "城乡义务教育", "城乡义务教育"},
		{"line breaks from a PDF cell", "城乡义务\n教育\r\n补助", "城乡义务 教育 补助"},
		{"runs of space and U+3000", "  项目\u3000\u3000名称\t ", "项目 名称"},
		{"control characters", "a\x00b\x1bc\u2028d", "a b c d"},
		{"invalid UTF-8", "项目\xff\xfe名称", "项目\uFFFD名称"},
		{"only space", " \n\t", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := clean(tt.s); got != tt.want {
				t.Errorf("clean(%q) = %q, want %q", tt.s, got, tt.want)
			}
		})
	}
}

func TestEsc(t *testing.T) {
	tests := []struct {
		name string
		s    string
		want string
	}{
		{"markup", `<script>`, `&lt;script&gt;`},
		{"ampersand", `A&B`, `A&amp;B`},
		{"quotes", `"x" 'y'`, `&#34;x&#34; &#39;y&#39;`},
		{"XML-forbidden control character", "a\x01b", "a\uFFFDb"},
		{"Chinese unchanged", "城乡义务教育", "城乡义务教育"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := esc(tt.s); got != tt.want {
				t.Errorf("esc(%q) = %q, want %q", tt.s, got, tt.want)
			}
		})
	}
}

func TestWanYuan(t *testing.T) {
	tests := []struct {
		name string
		fen  int64
		want string
	}{
		{"zero", 0, "0.00"},
		{"one 万元", 1_000_000, "1.00"},
		{"seed total", 27_793_940_000, "27,793.94"},
		{"rounds half up", 1_005_000, "1.01"},
		{"rounds down below half", 1_004_999, "1.00"},
		{"under 50 元 is 0.00", 4_999, "0.00"},
		{"negative rounds away from zero", -1_005_000, "-1.01"},
		{"a negative that rounds to zero has no sign", -4_999, "0.00"},
		{"millions of 万元", 123_456_789_000_000, "123,456,789.00"},
		{"int64 limit", math.MaxInt64, "9,223,372,036,854.78"},
		{"int64 negative limit", math.MinInt64, "-9,223,372,036,854.78"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WanYuan(tt.fen); got != tt.want {
				t.Errorf("WanYuan(%d) = %q, want %q", tt.fen, got, tt.want)
			}
		})
	}
}

// On whole hundreds of 元, WanYuan prints what the domain prints for a
// published table in 万元.
func TestWanYuanAgreesWithDomain(t *testing.T) {
	for _, fen := range []int64{0, 10_000, 1_000_000, 27_793_940_000, -123_450_000, 999_999_990_000} {
		if got, want := WanYuan(fen), jixiao.Fen(fen).FormatGrouped(jixiao.WanYuan); got != want {
			t.Errorf("WanYuan(%d) = %q, domain prints %q", fen, got, want)
		}
	}
}

func TestCount(t *testing.T) {
	tests := []struct {
		name string
		n    int64
		want string
	}{
		{"zero", 0, "0"},
		{"hundreds", 999, "999"},
		{"thousands", 1234, "1,234"},
		{"millions", 1234567, "1,234,567"},
		{"negative", -1234, "-1,234"},
		{"int64 limit", math.MinInt64, "-9,223,372,036,854,775,808"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Count(tt.n); got != tt.want {
				t.Errorf("Count(%d) = %q, want %q", tt.n, got, tt.want)
			}
		})
	}
}

func TestNum(t *testing.T) {
	tests := []struct {
		name string
		f    float64
		want string
	}{
		{"integer", 640, "640"},
		{"two decimals", 12.3456, "12.35"},
		{"trailing zeros", 1.50, "1.5"},
		{"negative zero", -0.001, "0"},
		{"NaN", math.NaN(), "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := num(tt.f); got != tt.want {
				t.Errorf("num(%v) = %q, want %q", tt.f, got, tt.want)
			}
		})
	}
}
