package score

import (
	"math/big"
	"strings"
)

// Units. An actual value written in another unit than its target is
// converted when both measure the same thing: magnitudes (十 百 千 万 亿 and
// their compounds: 万元 ↔ 亿元 ↔ 元, 万人次 ↔ 人次), synonyms (天 = 日,
// 百分比 = %, 平米 = 平方米, 公里 = 千米, 个月 = 月 …) and the exact
// physical ratios below (千米 = 1000 米, 吨 = 1000 千克, 小时 = 60 分钟,
// 周 = 7 天, 季度 = 3 个月, 年 = 12 个月, 亩 = 10000/15 平方米, ‰ = 0.1 %).
// Anything else — 家 against 个, 天 against 月 (months differ in length),
// 工作日 against 天, % against 个百分点 — does not convert, and the
// indicator cannot be scored until the values are put in one unit. A bare
// number takes the unit of its target.

type unitDim struct {
	dim    string   // what it measures; units convert only within a dimension
	factor *big.Rat // how many of the dimension's base unit one unit is
}

func rat(num, den int64) *big.Rat { return big.NewRat(num, den) }

// baseUnitDims: units that are not simply themselves.
var baseUnitDims = map[string]unitDim{
	"%": {"%", rat(1, 1)}, "百分比": {"%", rat(1, 1)}, "％": {"%", rat(1, 1)}, "‰": {"%", rat(1, 10)},
	"元": {"元", rat(1, 1)}, "元人民币": {"元", rat(1, 1)}, "人民币": {"元", rat(1, 1)},
	"秒": {"秒", rat(1, 1)}, "分钟": {"秒", rat(60, 1)}, "小时": {"秒", rat(3600, 1)}, "个小时": {"秒", rat(3600, 1)},
	"天": {"秒", rat(86400, 1)}, "日": {"秒", rat(86400, 1)}, "周": {"秒", rat(7*86400, 1)},
	"月": {"月", rat(1, 1)}, "个月": {"月", rat(1, 1)}, "季度": {"月", rat(3, 1)}, "个季度": {"月", rat(3, 1)}, "年": {"月", rat(12, 1)},
	"工作日": {"工作日", rat(1, 1)}, "个工作日": {"工作日", rat(1, 1)},
	"米": {"米", rat(1, 1)}, "m": {"米", rat(1, 1)}, "千米": {"米", rat(1000, 1)}, "公里": {"米", rat(1000, 1)}, "km": {"米", rat(1000, 1)},
	"厘米": {"米", rat(1, 100)}, "cm": {"米", rat(1, 100)}, "毫米": {"米", rat(1, 1000)}, "mm": {"米", rat(1, 1000)},
	"平方米": {"平方米", rat(1, 1)}, "平米": {"平方米", rat(1, 1)}, "㎡": {"平方米", rat(1, 1)}, "m²": {"平方米", rat(1, 1)},
	"平方公里": {"平方米", rat(1_000_000, 1)}, "平方千米": {"平方米", rat(1_000_000, 1)}, "km²": {"平方米", rat(1_000_000, 1)},
	"公顷": {"平方米", rat(10_000, 1)}, "亩": {"平方米", rat(10_000, 15)},
	"立方米": {"升", rat(1000, 1)}, "方": {"升", rat(1000, 1)}, "升": {"升", rat(1, 1)}, "毫升": {"升", rat(1, 1000)},
	"克": {"克", rat(1, 1)}, "g": {"克", rat(1, 1)}, "千克": {"克", rat(1000, 1)}, "公斤": {"克", rat(1000, 1)}, "kg": {"克", rat(1000, 1)},
	"斤": {"克", rat(500, 1)}, "吨": {"克", rat(1_000_000, 1)},
	"瓦": {"瓦", rat(1, 1)}, "千瓦": {"瓦", rat(1000, 1)}, "kW": {"瓦", rat(1000, 1)}, "兆瓦": {"瓦", rat(1_000_000, 1)},
	"千瓦时": {"千瓦时", rat(1, 1)}, "kWh": {"千瓦时", rat(1, 1)},
	"个百分点": {"百分点", rat(1, 1)}, "百分点": {"百分点", rat(1, 1)},
	"人次": {"人次", rat(1, 1)}, "个": {"个", rat(1, 1)},
}

// unitMagnitudes, longest first so that 千万 wins over 千.
var unitMagnitudes = []struct {
	word string
	f    int64
}{
	{"万亿", 1_000_000_000_000}, {"千亿", 100_000_000_000}, {"百亿", 10_000_000_000}, {"十亿", 1_000_000_000},
	{"千万", 10_000_000}, {"百万", 1_000_000}, {"十万", 100_000},
	{"亿", 100_000_000}, {"万", 10_000}, {"千", 1000}, {"百", 100},
}

// dimOf reads a unit: a known unit, else a magnitude and a base (万元 = 10⁴
// 元; 万 alone is 10⁴ of a plain number), else the unit itself as its own
// dimension (家 is 家).
func dimOf(u string) unitDim {
	u = strings.TrimSpace(u)
	if d, ok := baseUnitDims[u]; ok {
		return d
	}
	for _, m := range unitMagnitudes {
		if rest, ok := strings.CutPrefix(u, m.word); ok {
			base := dimOf(rest)
			if rest == "" {
				base = unitDim{"", rat(1, 1)}
			}
			return unitDim{base.dim, mul(base.factor, ratInt(m.f))}
		}
	}
	return unitDim{u, rat(1, 1)}
}

// convertUnit expresses x, measured in unit from, in unit to; ok is false
// when the two units measure different things.
func convertUnit(x *big.Rat, from, to string) (*big.Rat, bool) {
	if from == to {
		return x, true
	}
	f, t := dimOf(from), dimOf(to)
	if f.dim != t.dim {
		return nil, false
	}
	return quo(mul(x, f.factor), t.factor), true
}
