package pdfdoc_test

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"jixiao/internal/pdfdoc"
)

// mono measures like a typical Chinese font: a Chinese character or
// full-width mark is 1 wide, anything else half.
func mono(r rune) float64 {
	if utf8.RuneLen(r) == 3 && r != '≥' && r != '≤' {
		return 1
	}
	return 0.5
}

const closingMarks = "，。、；：？！）》」』”’〉】〕…%,.;:!?)"

func TestWrap(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		width float64
		want  []string
	}{
		{"fits", "完成培训。", 10, []string{"完成培训。"}},
		{"breaks between Chinese characters", "完成年度培训任务", 4, []string{"完成年度", "培训任务"}},
		{"a closing mark takes the character before it along", "完成年度培训，任务", 6, []string{"完成年度培", "训，任务"}},
		{"several closing marks stay together", "参加“政企通”。", 6, []string{"参加“政企", "通”。"}},
		{"an opening mark goes with what follows", "完成年度（本级）", 5, []string{"完成年度", "（本级）"}},
		{"a number is not broken", "不少于2,800.50份", 6, []string{"不少于", "2,800.50份"}},
		{"a date is not broken", "于2024-12-31前完成", 5, []string{"于", "2024-12-31", "前完成"}},
		{"a percentage keeps its sign", "满意度≥90%以上", 4, []string{"满意度", "≥90%以上"}},
		{"a word wider than the line is cut", "ABCDEFGHIJ", 2, []string{"ABCD", "EFGH", "IJ"}},
		{"even then a closing mark stays behind", "ABC，DEF", 1.5, []string{"ABC，", "DEF"}},
		{"spaces vanish at a break", "alpha beta gamma", 4, []string{"alpha", "beta", "gamma"}},
		{"a closing mark after a space stays on its line", "数量 ；质量", 2.5, []string{"数", "量 ；", "质量"}},
		{"line breaks are kept", "第一行\n第二行", 10, []string{"第一行", "第二行"}},
		{"empty", "", 10, []string{""}},
		{"an opening mark waiting when a closing one comes", "企业满意率（%）；实施", 6, []string{"企业满意", "率（%）；实", "施"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pdfdoc.Wrap(tt.text, tt.width, mono)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Wrap(%q, %v) = %q, want %q", tt.text, tt.width, got, tt.want)
			}
		})
	}
}

// Over many texts and widths: no line starts with a closing mark, no line
// is wider than allowed unless a single word had to be cut, and the lines
// hold exactly the text (spaces aside).
func TestWrapNeverStartsALineWithClosingPunctuation(t *testing.T) {
	texts := []string{
		"通过组织发动企业参加政策解读会、开展服务对接、组织项目申报等服务活动，推动惠企政策的落地，实现真正的“暖企”、“惠企”，努力为区中小企业营造一个良好的营商环境。",
		"1、1-产出指标；11-数量指标；举办或组织参加政策解读等相关活动；实施周期指标值:3场以上；年度指标值:3场以上。2、2-效益指标；21-经济效益；组织申报上级惠企项目数；实施周期指标值: $\\geq$ 50个；年度指标值:50个以上。",
		"企业满意率（%）；实施周期指标值:90%以上（含90%）；《广州市花都区“十四五”发展规划》中期评估！？完成。",
		"到2025年，狮岭镇税收区库收入比2022年增长1倍以上……",
	}
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 2000; n++ {
		text := texts[n%len(texts)]
		if n%3 == 0 { // shuffled, so that marks meet every neighbour
			rs := []rune(text)
			r.Shuffle(len(rs), func(i, j int) { rs[i], rs[j] = rs[j], rs[i] })
			text = string(rs)
		}
		width := 2 + r.Float64()*30
		lines := pdfdoc.Wrap(text, width, mono)
		for i, l := range lines {
			if i > 0 && l != "" {
				if first, _ := utf8.DecodeRuneInString(l); strings.ContainsRune(closingMarks, first) {
					t.Fatalf("width %.1f: line %d starts with %q\n%q", width, i, first, lines)
				}
			}
		}
		if strings.ReplaceAll(strings.Join(lines, ""), " ", "") != strings.ReplaceAll(text, " ", "") {
			t.Fatalf("width %.1f: lines do not hold the text\n%q\n%q", width, text, lines)
		}
	}
}
