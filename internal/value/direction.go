package value

import (
	"strings"

	"jixiao"
)

// Direction says whether more is better (正向) or less is better (反向) for
// an indicator:
//
//  1. ind.Direction when set by hand;
//  2. the written comparator of the annual target, else of the period
//     target: ≥ > positive, ≤ < negative (an implicit "=" or a range says
//     nothing);
//  3. the name and category: see nameDirection;
//  4. DirectionUnknown.
//
// Targets not parsed yet (Kind "" with a Raw) are parsed here.
func Direction(ind *jixiao.Indicator) jixiao.Direction {
	if ind == nil {
		return jixiao.DirectionUnknown
	}
	if ind.Direction != jixiao.DirectionUnknown {
		return ind.Direction
	}
	for _, t := range [...]jixiao.Target{ind.Annual, ind.Period} {
		if t.Kind == "" && t.Raw != "" {
			t = Parse(t.Raw, Context{IndicatorName: ind.Name})
		}
		if t.Kind != jixiao.KindNumeric || t.ImplicitOp {
			continue
		}
		switch dir(t.Op) {
		case 1:
			return jixiao.DirectionPositive
		case -1:
			return jixiao.DirectionNegative
		}
	}
	return nameDirection(ind)
}

// Name cues, checked in this order because they overlap: reducing or
// handling a bad thing is good (故障下降率, 投诉处理率, 协调处理消费投诉数量:
// positive), a bad thing or a cost alone is bad (故障率, 投诉次数, 人均培训成本:
// negative), and the usual aims are good (满意度, 完成率, 企业数).
var (
	reducingWords = []string{"降低", "下降", "减少", "压减", "压降", "降幅", "减幅", "削减", "节约", "节省"}
	handlingWords = []string{"处理", "办结", "处置", "修复", "排除", "解决", "回复", "响应", "整改", "查处", "化解", "结案", "消除", "治理", "回访", "受理"}
	negativeWords = []string{
		"故障", "投诉", "误差", "事故", "差错", "超标", "返贫", "不合格", "违规", "违纪", "违法", "失误",
		"缺陷", "损失", "损耗", "漏报", "误报", "延误", "逾期", "超支", "超期", "失败", "流失", "空置",
		"闲置", "死亡", "伤亡", "发病", "能耗", "排放", "差评", "返工", "拖欠", "偏差", "偏离", "发生率",
		"成本", "费用",
	}
	positiveWords = []string{
		"满意", "合格", "完成", "及时", "覆盖", "达标", "通过", "到位", "执行率", "知晓", "利用率", "使用率",
		"增长", "提升", "提高", "增加", "新增", "受益", "参与", "正确率", "准确率", "合规", "足额", "达成",
		"完好", "运行率", "参保率", "持证", "收入", "产值",
	}
	positiveSuffixes = []string{"数", "数量"}
)

// nameDirection reads the direction from the indicator name, and from the
// category for cost indicators (成本指标: 14 under 产出, and L1 4), where
// less is better.
func nameDirection(ind *jixiao.Indicator) jixiao.Direction {
	name := Normalize(ind.Name)
	switch {
	case containsAny(name, reducingWords), containsAny(name, handlingWords):
		return jixiao.DirectionPositive
	case containsAny(name, negativeWords):
		return jixiao.DirectionNegative
	case ind.Level1.Code == jixiao.L1Cost || ind.Level2.Code == "14" || strings.HasPrefix(ind.Level2.Code, "4"):
		return jixiao.DirectionNegative
	case containsAny(name, positiveWords):
		return jixiao.DirectionPositive
	}
	base := strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(name, "）"), ")"), " ")
	if k := strings.LastIndexAny(base, "（("); k > 0 && k < len(name) {
		base = base[:k] // 面向消费者的智慧化应用场景数量（个）
	}
	for _, s := range positiveSuffixes {
		if strings.HasSuffix(base, s) {
			return jixiao.DirectionPositive
		}
	}
	return jixiao.DirectionUnknown
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
