package review

import (
	"fmt"
	"strings"

	"jixiao"
	"jixiao/internal/value"
)

// Measurability (相关性/适当性/可行性): a target must say how much, by
// when, compared how — so that at year end anyone can tell whether it was
// met. These rules read Chinese text and are heuristics: warnings or info.

var measurabilityRules = []ruleDef{
	{Rule: Rule{
		ID: "MEAS-VAGUE", Family: jixiao.FamilyMeasurability, Severity: jixiao.SeverityWarning, Principle: PrincipleFeasibility,
		Title:     "指标值含糊，无法核验",
		Checks:    "定性指标值只说方向（“稳步提升”“有所提高”“有效保障”“进一步……”），且很短或名称本可量化（数、率、金额、收入、知名度……）；或名称是一个量（……面积、……数、……率）而指标值只有文字。",
		Rationale: "只有方向没有程度的目标，年终怎么都算达成，起不到约束作用；长句描述的影响类目标不在此列。",
	}, indicator: checkVague},
	{Rule: Rule{
		ID: "MEAS-NO-COMPARATOR", Family: jixiao.FamilyMeasurability, Severity: jixiao.SeverityInfo, Principle: PrincipleFeasibility,
		Title:     "数值目标没有比较符，方向不明",
		Checks:    "百分比（低于 100%）或金额目标没有写 ≥、≤ 或“以上”“不低于”等，而名称也看不出方向（满意度、完成率、……数按惯例是下限，故障率是上限，这些不查）。",
		Rationale: "“资金项目用于巩固脱贫攻坚成果 60%”是至少 60% 还是恰好 60%，自评时会有分歧；件数、100% 不在此列。",
	}, indicator: checkNoComparator},
	{Rule: Rule{
		ID: "MEAS-NO-UNIT", Family: jixiao.FamilyMeasurability, Severity: jixiao.SeverityInfo, Principle: PrincipleFeasibility,
		Title:     "数值目标没有单位",
		Checks:    "数值指标值没有单位、指标名称也没有给出（如“场次”“份数”“（个）”），或单位只有“万”“亿”这样的数量级。",
		Rationale: "“≥60”是 60 家、60 人还是 60 场？缺单位的数字无法核验。",
	}, indicator: checkNoUnit},
	{Rule: Rule{
		ID: "MEAS-PROCESS-AS-OUTPUT", Family: jixiao.FamilyMeasurability, Severity: jixiao.SeverityWarning, Principle: PrincipleRelevance,
		Title:     "以资金管理过程代替绩效",
		Checks:    "指标衡量的是资金本身的拨付、到位、足额、合规或支付时间（资金拨付及时率、拨款足额率、资金使用合规性……）；补贴、奖励等向受益对象发放或审核资金的不在此列，那正是项目的服务。",
		Rationale: "钱是否按时拨出、是否合规是预算执行和财务管理的要求，不是用钱换来的产出和效益（财预〔2021〕101号指引的思路）。",
	}, indicator: checkProcessAsOutput},
	{Rule: Rule{
		ID: "MEAS-SATISFACTION-CEILING", Family: jixiao.FamilyMeasurability, Severity: jixiao.SeverityWarning, Principle: PrincipleFeasibility,
		Title:     "满意度目标过高",
		Checks:    "满意度（满意率）目标高于上限（默认 98%），如 100%。",
		Rationale: "满意度调查几乎不可能全员满意；100% 的目标要么无法实现，要么说明调查没有真正开展。",
	}, indicator: checkSatisfactionCeiling},
	{Rule: Rule{
		ID: "MEAS-NAME-SENTENCE", Family: jixiao.FamilyMeasurability, Severity: jixiao.SeverityWarning, Principle: PrincipleCompleteness,
		Title:     "指标名称是一句话或一个目标",
		Checks:    "指标名称含逗号、分号、句号，或以“提高/提升/促进/推动/加强……”开头而不以“数、率、量、额”等计量词结尾，或含“进一步”。",
		Rationale: "指标名称应是被衡量的对象（“汽车销售量”），不是要做的事或要达到的目标；一句话里常藏着两个指标。",
	}, indicator: checkNameSentence},
	{Rule: Rule{
		ID: "MEAS-REPEATS-NAME", Family: jixiao.FamilyMeasurability, Severity: jixiao.SeverityWarning, Principle: PrincipleFeasibility,
		Title:     "指标值只是重复指标名称",
		Checks:    "没有数字的指标值与名称相同，或只比名称多/少一两个字。",
		Rationale: "重复名称等于没有写目标值。",
	}, indicator: checkRepeatsName},
	{Rule: Rule{
		ID: "MEAS-NARRATIVE", Family: jixiao.FamilyMeasurability, Severity: jixiao.SeverityWarning, Principle: PrincipleFeasibility,
		Title:     "指标值是叙述或总结",
		Checks:    "指标值用了完成时（“带来了”“已完成”“取得了”），或是多个分句的长段叙述（默认 40 字以上）。",
		Rationale: "目标写的是将来要达到的可核验状态；已完成的叙述、宣传性文字无法作为评价标准。",
	}, indicator: checkNarrative},
}

var (
	vagueAdverbs   = []string{"稳步", "有所", "进一步", "持续", "不断", "逐步", "明显", "显著", "有效", "积极", "大幅", "较大", "一定程度", "良好", "较好"}
	directionVerbs = []string{"提升", "提高", "改善", "增强", "加强", "增加", "优化", "推动", "促进", "保障", "减少", "降低", "支持", "助力", "带动", "巩固", "加快", "营造", "扩大"}
	quantityWords  = []string{"量", "数", "率", "额", "收入", "产值", "税收", "面积", "人次", "规模", "占比", "比例", "指数", "知名度", "金额", "销售量", "销售额"}
	// In the value itself only unmistakable measures count: single
	// characters like 量 or 数 occur in 存量, 数据 and the like.
	textQuantityWords = []string{"知名度", "收入", "产值", "税收", "金额", "销售额", "销售量", "人次", "面积", "覆盖率", "占比", "比例", "增长率"}
	vagueAdverbSet    = newWordSet(vagueAdverbs...)
	quantitySet       = newWordSet(quantityWords...)
	textQuantitySet   = newWordSet(textQuantityWords...)
)

// vaguePhrase reports whether a qualitative text only states a direction,
// and the word that shows it.
func vaguePhrase(s string) string {
	if hasDigit(s) {
		return ""
	}
	if w := vagueAdverbSet.find(s); w != "" {
		return w
	}
	return hasPrefixAny(s, directionVerbs...)
}

func checkVague(c *checker, p *proj, x *ind) {
	for i := range x.vals {
		v := &x.vals[i]
		if v.kind != jixiao.KindQualitative {
			continue
		}
		w := vaguePhrase(v.text)
		if w == "" {
			// No direction words, but a name that is a quantity (…面积,
			// …数, …率, …金额) answered in words: 展位面积 = 完成组委会安排的展区特装面积.
			if d, why := expectedDim(x); d != dimNone && d != dimBool && !hasDigit(v.text) {
				c.reportVal(p, x, v, fmt.Sprintf("%s是文字描述，但%s，是可以用数值衡量的%s。", v.where(p, x), why, d),
					fmt.Sprintf("改为具体数值和单位，如“≥%s”。", exampleOf(d)))
			}
			continue
		}
		q := quantitySet.find(x.name)
		if q == "" {
			q = textQuantitySet.find(v.text)
		}
		if runeLen(v.text) > c.opts.VagueMaxRunes && q == "" {
			continue // a longer description of an effect: not measurable, but not empty words either
		}
		sugg := "写明可核验的程度和口径，例如“比上年提高5%”“≥3项”或“通过××验收”。"
		if q != "" {
			sugg = fmt.Sprintf("名称衡量的是可计量的「%s」，改为具体数值，如“比上年增长5%%”“≥××”，并写明单位和口径。", q)
		}
		c.reportVal(p, x, v, fmt.Sprintf("%s只说明方向（“%s”），没有可核验的程度。", v.where(p, x), w), sugg)
	}
}

func exampleOf(d dim) string {
	switch d {
	case dimPercent:
		return "90%"
	case dimMoney:
		return "100万元"
	case dimArea:
		return "600平方米"
	case dimTime:
		return "30天"
	case dimLength:
		return "10公里"
	case dimWeight:
		return "10吨"
	}
	return "10个"
}

func checkNoComparator(c *checker, p *proj, x *ind) {
	for i := range x.vals {
		v := &x.vals[i]
		if v.kind != jixiao.KindNumeric || !v.t.ImplicitOp || v.t.Op == jixiao.OpRange {
			continue
		}
		d := v.dim
		n, _ := number(v.t.Value)
		if !(d == dimPercent && n < 100 || d == dimMoney) {
			continue
		}
		// By convention a 满意度 of 90% or an 企业数 is a floor and a 故障率
		// a ceiling: only a name that does not say which way is ambiguous.
		if nameSaysDirection(x) {
			return
		}
		c.reportVal(p, x, v, fmt.Sprintf("%s没有写比较符，名称也看不出越高越好还是越低越好，无法判断是下限、上限还是恰好等于。", v.where(p, x)),
			fmt.Sprintf("写明比较方向，如“≥%s”或“≤%s”。", v.text, v.text))
	}
}

// nameSaysDirection: the name carries a usual cue, or the direction is
// known otherwise — set by hand, or derived by value.Direction, the one
// place the application reads directions from names.
func nameSaysDirection(x *ind) bool {
	if x.sat || isNegativeName(x.name) || positiveRateSet.in(x.name) || growthSet.in(x.name) || hasSuffixAny(x.name, "数", "数量") != "" {
		return true
	}
	return value.Direction(x.in) != jixiao.DirectionUnknown
}

// guessUnit proposes a unit for a bare count from what the name counts.
func guessUnit(name string) string {
	switch {
	case hasAny(name, "企业", "单位", "机构", "商家", "家庭"):
		return "家"
	case hasAny(name, "人员", "人数", "员工", "人才", "学员"):
		return "人"
	case hasAny(name, "投诉", "案件", "事项", "诉求"):
		return "件"
	case hasAny(name, "活动", "培训", "会议", "论坛", "比赛"):
		return "场"
	case hasAny(name, "报告", "方案", "材料"):
		return "份"
	}
	return "个"
}

// unitWordSuffixes are name endings that carry the unit of a bare number:
// 开展培训场次 2, 形成报告份数 4.
var unitWordSuffixes = []string{"场次", "人次", "次数", "人数", "份数", "个数", "家数", "户数", "件数", "项数", "台数", "天数", "场数", "篇数", "期数", "次", "场", "份", "个", "家", "户", "项", "人"}

func checkNoUnit(c *checker, p *proj, x *ind) {
	named := -1 // does the name or unit column carry the unit? computed once, when needed
	for i := range x.vals {
		v := &x.vals[i]
		if v.kind != jixiao.KindNumeric {
			continue
		}
		u := trim(v.t.Unit)
		if u != "" && unitDim(u) != dimNone {
			continue
		}
		if named < 0 {
			named = 0
			if trim(x.in.Unit) != "" || nameUnit(x.name) != "" || hasSuffixAny(x.name, unitWordSuffixes...) != "" {
				named = 1
			}
		}
		if named == 1 {
			return
		}
		switch u {
		case "":
			c.reportVal(p, x, v, fmt.Sprintf("%s只有数字，没有单位，名称中也没有。", v.where(p, x)),
				"在指标值中写明单位，如“"+v.text+guessUnit(x.name)+"”。")
		case "万", "亿", "千", "百", "十万", "百万", "千万":
			c.reportVal(p, x, v, fmt.Sprintf("%s的单位只有数量级「%s」，不完整。", v.where(p, x), u),
				"写全单位，如“"+u+"元”“"+u+"人次”。")
		}
	}
}

var (
	fundWords      = []string{"资金", "拨付", "拨款", "经费", "费用", "支付", "划拨", "预算", "款项"}
	processWords   = []string{"及时", "足额", "合规", "到位", "执行率", "正确率", "时间", "进度", "支出率", "使用率", "准确率"}
	fundSet        = newWordSet(fundWords...)
	beneficiarySet = newWordSet("补贴", "补助", "资助", "奖励", "救助", "津贴", "扶持", "抚恤", "慰问", "奖补", "助学")
	processSet     = newWordSet(processWords...)
)

func checkProcessAsOutput(c *checker, p *proj, x *ind) {
	f := fundSet.find(x.name)
	if f == "" {
		return
	}
	q := processSet.find(x.name)
	if q == "" {
		return
	}
	// Paying or vetting a subsidy is what a subsidy programme delivers to
	// its beneficiaries (补贴资金发放时间, 扶持资金审核准确率), not the budget
	// unit moving money (资金拨付及时率).
	if beneficiarySet.in(x.name) && hasAny(x.name, "发放", "审核", "审批", "核查", "兑现") {
		return
	}
	c.reportInd(p, x, "name", fmt.Sprintf("%s衡量的是资金本身的拨付、到位或使用情况（“%s”“%s”），属于预算执行和资金管理过程，不是项目产出。", x.where(p), f, q),
		"改用这笔钱换来的产出：完成了多少（数量）、达到什么标准（质量）、何时完成（时效，如“××工程2024年12月31日前完工”）。")
}

func checkSatisfactionCeiling(c *checker, p *proj, x *ind) {
	if !x.sat || hasAny(x.name, "调查", "测评", "问卷", "回访") {
		return
	}
	for i := range x.vals {
		v := &x.vals[i]
		if v.kind != jixiao.KindNumeric || v.dim != dimPercent || opSign(v.t.Op) < 0 {
			continue
		}
		if n, ok := number(v.t.Value); ok && n > c.opts.SatisfactionCeiling {
			c.reportVal(p, x, v, fmt.Sprintf("%s高于 %s%%，满意度几乎不可能达到。", v.where(p, x), fmtNum(c.opts.SatisfactionCeiling)),
				"按以往调查结果设定可实现的目标，一般为 85%–95%，并写明调查方式和样本。")
		}
	}
}

var (
	goalVerbs       = []string{"提高", "提升", "促进", "推动", "加快", "加强", "保障", "确保", "宣传", "缓解", "巩固", "支持", "完善", "优化", "减少", "降低", "增强", "改善", "实现", "打造", "助力", "带动", "营造", "强化", "推进", "展示"}
	goalVerbSet     = newWordSet(goalVerbs...)
	measureSuffixes = []string{"数", "数量", "率", "量", "额", "金额", "面积", "人次", "次数", "比例", "占比", "度", "时间", "时限", "指数",
		"收入", "产值", "增收", "对象", "人口", "规模"}
)

func checkNameSentence(c *checker, p *proj, x *ind) {
	n := strings.TrimRight(x.name, "。.")
	if u := nameUnit(n); u != "" { // 宣传稿件审核通过率（%）: judge the name without its unit
		n = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(n, "）"), ")"), u))
		n = strings.TrimRight(n, "（(")
	}
	why := ""
	switch {
	case hasClausePunct(n):
		why = "含有标点，是一句话"
	case strings.Contains(n, "进一步"):
		why = "含“进一步”，是一个目标"
	default:
		if v := goalVerbSet.prefix(n); v != "" && hasSuffixAny(n, measureSuffixes...) == "" {
			why = "以“" + v + "”开头，是要做的事或要达到的目标"
		}
	}
	if why == "" {
		return
	}
	c.reportInd(p, x, "name", fmt.Sprintf("%s的名称%s，不是被衡量的对象。", x.where(p), why),
		"名称只写被衡量的对象（名词短语，如“区域品牌知名度”“企业投诉次数”），把“提升”“减少”等方向放进指标值（≥、≤）；一句话里有两个意思的拆成两个指标。")
}

func hasClausePunct(s string) bool {
	for _, r := range s {
		switch r {
		case '，', ',', '；', ';', '。', '！', '!':
			return true
		}
	}
	return false
}

// stripPunct removes punctuation and spaces for a loose text comparison.
func stripPunct(s string) string {
	var b strings.Builder
	for _, r := range s {
		if isHan(r) || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func checkRepeatsName(c *checker, p *proj, x *ind) {
	name := ""
	for i := range x.vals {
		v := &x.vals[i]
		if v.kind != jixiao.KindQualitative || hasDigit(v.text) {
			continue
		}
		if name == "" {
			if name = stripPunct(x.name); runeLen(name) < 2 {
				return
			}
		}
		t := stripPunct(v.text)
		if t == "" {
			continue
		}
		d := runeLen(t) - runeLen(name)
		if t == name || d > 0 && d <= 2 && strings.Contains(t, name) || d < 0 && d >= -2 && strings.Contains(name, t) {
			c.reportVal(p, x, v, fmt.Sprintf("%s只是重复了指标名称。", v.where(p, x)),
				"写出衡量标准：数量、比率、完成时限或可核验的状态（如“通过××验收”）。")
		}
	}
}

// pastMarkers are completed-aspect words: a target is in the future.
var (
	pastMarkers = []string{"已经", "已完成", "已实现", "已达到", "已建成", "取得了", "带来了", "实现了", "完成了", "达到了", "提升了", "促进了", "推动了", "宣传了", "营造了"}
	pastSet     = newWordSet(pastMarkers...)
)

// hasPerfectiveLe finds the aspect particle 了 after a verb, not the 了 of
// 了解, 为了, 除了, 了结.
func hasPerfectiveLe(s string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], "了")
		if j < 0 {
			return false
		}
		j += i
		before, after := s[:j], s[j+len("了"):]
		if !strings.HasPrefix(after, "解") && !strings.HasPrefix(after, "结") && !strings.HasPrefix(after, "然") &&
			!strings.HasSuffix(before, "为") && !strings.HasSuffix(before, "除") && !strings.HasSuffix(before, "不") && before != "" {
			return true
		}
		i = j + len("了")
	}
}

func clauses(s string) int {
	n := 1
	for _, r := range s {
		switch r {
		case '，', '；', '。', ',', ';':
			n++
		}
	}
	if strings.HasSuffix(s, "。") {
		n--
	}
	return n
}

func checkNarrative(c *checker, p *proj, x *ind) {
	for i := range x.vals {
		v := &x.vals[i]
		if v.kind != jixiao.KindQualitative {
			continue
		}
		why := ""
		past := strings.Contains(v.text, "了") || strings.Contains(v.text, "已")
		switch {
		case past && pastSet.find(v.text) != "":
			why = "用了完成时（“" + pastSet.find(v.text) + "”），是对已做工作的叙述"
		case past && hasPerfectiveLe(v.text):
			why = "用了完成时（“了”），是对已做工作的叙述"
		case runeLen(v.text) >= c.opts.NarrativeMinRunes && clauses(v.text) >= 3:
			why = fmt.Sprintf("是 %d 字、%d 个分句的长段叙述", runeLen(v.text), clauses(v.text))
		}
		if why == "" {
			continue
		}
		c.reportVal(p, x, v, fmt.Sprintf("%s%s，不是可核验的目标。", v.where(p, x), why),
			"改写为年底可以核验的状态或数值，如“吸引≥10家企业考察”“签约项目≥2个”；宣传性描述放到绩效目标中。")
	}
}
