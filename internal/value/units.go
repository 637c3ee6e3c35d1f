package value

import (
	"strings"
	"unicode/utf8"
)

// Unit boundary rule: the unit of a number is the longest run after it
// that is [magnitude] base ["/" base], where magnitude is 十 百 千 万 亿 and
// their compounds, and base is a word of the lexicon below or a run of
// ASCII letters ("M", "kW", "GB"). Whatever follows is not unit but
// qualifier: "20家企业以上" → unit 家, "2个专项统计" → unit 个,
// "300个点位数" → unit 个. A magnitude with no base is a unit of its own
// ("达到15万" → 万), as the text says. The lexicon is closed on purpose:
// guessing units from arbitrary characters turns nouns into units.

// baseUnits is the lexicon of base units: 量词 (measure words), money,
// physical units, ratios. Longest match wins, so 个 / 个月 / 个工作日 /
// 个百分点 coexist.
var baseUnits = map[string]bool{}

func init() {
	for _, u := range strings.Fields(`
		个 家 人 人次 次 场 场次 家次 户 户次 名 位 项 项次 份 台 台次 套 件 条 张 本 册 期
		批 篇 部 辆 艘 架 座 栋 幢 间 处 所 支 只 头 匹 棵 株 根 门 类 种 款 组 队 班 届
		轮 回 趟 单 笔 宗 例 例次 起 盏 块 片 幅 卷 页 首 剂 剂次 人份 床 床位 人日 人天 人月 工日 课时 学时
		小时 分钟 秒 天 日 周 月 年 个月 个工作日 工作日 个季度 季度 个小时
		元 美元 欧元 港元 日元 人民币 元人民币 美金
		平方米 平米 ㎡ m² 平方公里 平方千米 公顷 亩 米 千米 公里 厘米 毫米 立方米 方 吨
		千克 公斤 克 斤 升 毫升 度 千瓦 千瓦时 兆瓦 瓦 伏 ℃
		% ‰ 百分比 百分点 个百分点 倍 成 分 星 级 星级`) {
		baseUnits[u] = true
		r, _ := utf8.DecodeRuneInString(u)
		unitLens[r] |= 1 << utf8.RuneCountInString(u)
	}
}

// unitLens has, for each first rune of a base unit, bit n set when a unit
// of n runes starts with it: scanBase looks up only lengths that exist.
var unitLens = map[rune]uint8{}

// magnitudes, longest first so that 千万 wins over 千.
var magnitudes = []string{"万亿", "千亿", "百亿", "十亿", "千万", "百万", "十万", "亿", "万", "千", "百"}

// maxBaseRunes bounds the lexicon lookups.
const maxBaseRunes = 5

// scanBase returns the end of the longest base unit at s[i:], or i.
func scanBase(s string, i int) int {
	if i >= len(s) {
		return i
	}
	if isASCIILetter(s[i]) {
		j := i
		for j < len(s) && isASCIILetter(s[j]) {
			j++
		}
		if strings.HasPrefix(s[j:], "²") || strings.HasPrefix(s[j:], "³") {
			j += len("²")
		}
		return j
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	lens := unitLens[r]
	if lens == 0 {
		return i
	}
	best := i
	j := i
	for n := 1; n <= maxBaseRunes && j < len(s); n++ {
		_, size := utf8.DecodeRuneInString(s[j:])
		j += size
		if lens&(1<<n) != 0 && baseUnits[s[i:j]] {
			best = j
		}
	}
	return best
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// scanMagnitude returns the end of a magnitude word at s[i:], or i.
func scanMagnitude(s string, i int) int {
	if i+3 > len(s) || s[i] != 0xE4 && s[i] != 0xE5 && s[i] != 0xE7 {
		return i // every magnitude starts with 十 百 千 万 亿 (E4, E5, E7 in UTF-8)
	}
	for _, m := range magnitudes {
		if strings.HasPrefix(s[i:], m) {
			return i + len(m)
		}
	}
	return i
}

// scanUnit returns the end of the unit at s[i:] (i when there is none),
// and the unit as stored: as written, except 百分比 which is spelled %.
// hasBase reports a real base unit rather than a bare magnitude: Chinese
// numerals need one ("三个" is a count, "三万" alone is not trusted).
func scanUnit(s string, i int) (end int, unit string, hasBase bool) {
	end = scanBase(s, i)
	hasBase = end > i
	if m := scanMagnitude(s, i); m > i {
		e := scanBase(s, m)
		if e > m && e > end {
			end, hasBase = e, true
		} else if e == m && m > end {
			end, hasBase = m, false // magnitude alone: "15万"
		}
	}
	if end == i {
		return i, "", false
	}
	// composite: 元/亩, 人/次, km/h
	if hasBase && end < len(s) && s[end] == '/' {
		if e := scanBase(s, end+1); e > end+1 {
			end = e
		}
	}
	unit = s[i:end]
	if unit == "百分比" {
		unit = "%"
	}
	return end, unit, hasBase
}

// nameUnit returns the unit written at the end of an indicator name in
// parentheses: 企业满意率（%） → "%", 应用场景数量（个） → "个". A
// parenthesised word that is not a unit ("（是/否）", "（商圈）") gives "".
func nameUnit(name string) string {
	name = Normalize(name)
	var open string
	switch {
	case strings.HasSuffix(name, "）"):
		open = "（"
		name = strings.TrimSuffix(name, "）")
	case strings.HasSuffix(name, ")"):
		open = "("
		name = strings.TrimSuffix(name, ")")
	default:
		return ""
	}
	k := strings.LastIndex(name, open)
	if k < 0 {
		return ""
	}
	inner := name[k+len(open):]
	if inner == "" {
		return ""
	}
	if end, unit, _ := scanUnit(inner, 0); end == len(inner) {
		return unit
	}
	return ""
}
