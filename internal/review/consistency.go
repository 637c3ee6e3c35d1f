package review

import (
	"fmt"
	"strconv"
	"strings"

	"jixiao"
)

// Consistency: the parts of an indicator agree with each other and with
// the catalogue — its categories, its name, its unit and its two targets.

var consistencyRules = []ruleDef{
	{Rule: Rule{
		ID: "CONS-L2-PARENT", Family: jixiao.FamilyConsistency, Severity: jixiao.SeverityError, Principle: PrincipleCompleteness,
		Title:     "二级指标不属于所填一级指标",
		Checks:    "二级指标在指标体系中的上级必须是所填的一级指标（如 22-社会效益 属于 2-效益指标）。",
		Rationale: "类别错配会让汇总、权重和自评打分算错类别。",
	}, indicator: checkL2Parent},
	{Rule: Rule{
		ID: "CONS-UNKNOWN-CATEGORY", Family: jixiao.FamilyConsistency, Severity: jixiao.SeverityWarning, Principle: PrincipleCompleteness,
		Title:     "指标类别不在指标体系中",
		Checks:    "一级、二级指标的编码或名称能在指标体系（内置或规则文件 categories 扩展）中找到。",
		Rationale: "体系外的类别无法归类汇总；可能是笔误，也可能是地方自定类别（可在规则文件中登记）。",
	}, indicator: checkUnknownCategory},
	{Rule: Rule{
		ID: "CONS-CODE-NAME", Family: jixiao.FamilyConsistency, Severity: jixiao.SeverityWarning, Principle: PrincipleCompleteness,
		Title:     "类别编码与名称不符",
		Checks:    "类别编码对应的体系名称与所印名称宽松一致（“经济效益”=“经济效益指标”）。",
		Rationale: "编码和名称不一致时，看不出该指标到底归哪一类。",
	}, indicator: checkCodeName},
	{Rule: Rule{
		ID: "CONS-MISFILED-SATISFACTION", Family: jixiao.FamilyConsistency, Severity: jixiao.SeverityWarning, Principle: PrincipleRelevance,
		Title:     "满意度指标填错类别",
		Checks:    "名称含“满意”（满意度、满意率）的指标填在产出或效益指标下（满意度调查、测评等工作量除外）。",
		Rationale: "满意度是服务对象的主观评价，应归入 31-服务对象满意度指标，放在效益下会虚增效益。",
	}, indicator: checkMisfiledSatisfaction},
	{Rule: Rule{
		ID: "CONS-NOT-SATISFACTION", Family: jixiao.FamilyConsistency, Severity: jixiao.SeverityWarning, Principle: PrincipleRelevance,
		Title:     "满意度类别下不是满意度",
		Checks:    "满意度指标下的指标名称应衡量满意、认可、获得感；次数、数量、考核结果等不属于满意度。",
		Rationale: "把工作量或考核结果填成满意度，等于没有满意度指标，也让产出算错类。",
	}, indicator: checkNotSatisfaction},
	{Rule: Rule{
		ID: "CONS-MISFILED-TIMELINESS", Family: jixiao.FamilyConsistency, Severity: jixiao.SeverityWarning, Principle: PrincipleRelevance,
		Title:     "时效与数量、质量、效益错类",
		Checks:    "及时率、完成时间、期限或截止日期填在数量、质量或效益指标下；或时效指标下填的是数量。",
		Rationale: "时效指标衡量何时完成；错类使产出结构失真，也让自评按错误的方式打分。",
	}, indicator: checkMisfiledTimeliness},
	{Rule: Rule{
		ID: "CONS-ACTIVITY-AS-BENEFIT", Family: jixiao.FamilyConsistency, Severity: jixiao.SeverityInfo, Principle: PrincipleRelevance,
		Title:     "工作量填作效益",
		Checks:    "效益指标下是“组织/开展/举办/申报……的次数、人数、个数”这类工作量。",
		Rationale: "做了多少事是产出，带来什么变化才是效益；由名称判断，故仅提示。",
	}, indicator: checkActivityAsBenefit},
	{Rule: Rule{
		ID: "CONS-PERIOD-ANNUAL", Family: jixiao.FamilyConsistency, Severity: jixiao.SeverityWarning, Principle: PrincipleAppropriate,
		Title:     "实施周期与年度指标值矛盾",
		Checks:    "两者方向相反（≥ 与 ≤），或累计量的年度值大于整个实施周期的值，或年度期限晚于实施周期期限。",
		Rationale: "年度目标是实施周期目标的一部分，不能比整体还大，也不能方向相反。",
	}, indicator: checkPeriodAnnual},
	{Rule: Rule{
		ID: "CONS-ANNUAL-AFTER-YEAR", Family: jixiao.FamilyConsistency, Severity: jixiao.SeverityWarning, Principle: PrincipleFeasibility,
		Title:     "年度指标值超出预算年度",
		Checks:    "年度指标值的完成期限或写明的目标年份（如“到2025年……”）晚于预算年度（实施周期指标值可以跨年）。",
		Rationale: "年度目标须在本预算年度内完成，否则年终无法自评。",
	}, indicator: checkAnnualAfterYear},
	{Rule: Rule{
		ID: "CONS-UNIT-MISMATCH", Family: jixiao.FamilyConsistency, Severity: jixiao.SeverityWarning, Principle: PrincipleRelevance,
		Title:     "指标值单位与指标名称不符",
		Checks:    "名称（括号里的单位、计量单位，或以“率”“数”“金额”“面积”结尾）表明的量纲与指标值的单位不同，如“……填报数”填“75亿元”。",
		Rationale: "单位不符时指标值衡量的不是名称所说的东西，无法评价。",
	}, indicator: checkUnitMismatch},
	{Rule: Rule{
		ID: "CONS-TWO-UNITS", Family: jixiao.FamilyConsistency, Severity: jixiao.SeverityWarning, Principle: PrincipleRelevance,
		Title:     "一个指标值里有两个单位",
		Checks:    "同一指标值里数字后跟了不同的单位，如“3家以上（含3个）”。",
		Rationale: "一个指标只应有一个计量单位；两个单位要么是笔误，要么是把两个指标塞进了一个。",
	}, indicator: checkTwoUnits},
	{Rule: Rule{
		ID: "CONS-PERCENT-OVER-100", Family: jixiao.FamilyConsistency, Severity: jixiao.SeverityWarning, Principle: PrincipleFeasibility,
		Title:     "百分比超过 100%",
		Checks:    "百分比指标值大于 100%，而名称不是增长、提高之类可以超过 100% 的量。",
		Rationale: "完成率、覆盖率、满意度等不可能超过 100%；增长率可以，故按名称判断，为警告。",
	}, indicator: checkPercentOver100},
	{Rule: Rule{
		ID: "CONS-DIRECTION", Family: jixiao.FamilyConsistency, Severity: jixiao.SeverityWarning, Principle: PrincipleRelevance,
		Title:     "比较符与指标方向相反",
		Checks:    "越低越好的指标（故障率、事故、投诉率……）写成 ≥，或越高越好的指标（满意度、合格率、完成率……）写成 ≤。",
		Rationale: "方向写反，达标与否的判断就反了；方向由名称判断，故为警告。",
	}, indicator: checkDirection},
}

func catLabel(cat jixiao.Category) string {
	switch {
	case cat.Code != "" && cat.Name != "":
		return cat.Code + "-" + cat.Name
	case cat.Code != "":
		return cat.Code
	}
	return cat.Name
}

func checkL2Parent(c *checker, p *proj, x *ind) {
	if x.l1 == "" || x.l2 == "" {
		return
	}
	parent := c.parentOf(x.l2)
	if parent == "" || parent == x.l1 {
		return
	}
	e, _ := c.entry(x.l2)
	c.reportInd(p, x, "level2",
		fmt.Sprintf("%s的二级指标「%s」属于「%s-%s」，却填在一级指标「%s」下。", x.where(p), catLabel(x.in.Level2), e.Level1.Code, e.Level1.Name, catLabel(x.in.Level1)),
		fmt.Sprintf("把一级指标改为「%s-%s」，或改用「%s」下的二级指标。", e.Level1.Code, e.Level1.Name, catLabel(x.in.Level1)))
}

func checkUnknownCategory(c *checker, p *proj, x *ind) {
	if l := x.in.Level1; x.l1 == "" && (trim(l.Code) != "" || trim(l.Name) != "") {
		c.reportInd(p, x, "level1", fmt.Sprintf("%s的一级指标「%s」不在指标体系中。", x.where(p), catLabel(l)),
			"改用体系中的一级指标（1-产出指标、2-效益指标、3-满意度指标、4-成本指标）；确属地方自定的，在规则文件 categories 中登记。")
	}
	if l := x.in.Level2; x.l2 == "" && (trim(l.Code) != "" || trim(l.Name) != "") {
		c.reportInd(p, x, "level2", fmt.Sprintf("%s的二级指标「%s」不在指标体系中。", x.where(p), catLabel(l)),
			"改用体系中的二级指标（如 11-数量指标、22-社会效益指标、31-服务对象满意度指标）；确属地方自定的，在规则文件 categories 中登记。")
	}
}

// looseSame compares category names the way people write them: with or
// without 指标, and a shortened name inside the full one (满意度 ⊂ 服务对象满意度).
func looseSame(a, b string) bool {
	if a == b {
		return true
	}
	a, b = strings.TrimSuffix(trim(a), "指标"), strings.TrimSuffix(trim(b), "指标")
	return a == b || a != "" && b != "" && (strings.Contains(a, b) || strings.Contains(b, a))
}

func checkCodeName(c *checker, p *proj, x *ind) {
	if l := x.in.Level1; l.Code != "" && l.Name != "" && x.l1 != "" {
		if want := c.level1Name(l.Code); !looseSame(want, l.Name) {
			c.reportInd(p, x, "level1", fmt.Sprintf("%s的一级指标编码 %s 对应「%s」，但名称印作「%s」。", x.where(p), l.Code, want, l.Name),
				fmt.Sprintf("核对该指标的类别，统一为「%s-%s」或改正编码。", l.Code, want))
		}
	}
	if l := x.in.Level2; l.Code != "" && l.Name != "" && x.l2 != "" {
		if e, ok := c.entry(l.Code); ok && !looseSame(e.Level2.Name, l.Name) {
			c.reportInd(p, x, "level2", fmt.Sprintf("%s的二级指标编码 %s 对应「%s」，但名称印作「%s」。", x.where(p), l.Code, e.Level2.Name, l.Name),
				fmt.Sprintf("核对该指标的类别，统一为「%s-%s」或改正编码。", l.Code, e.Level2.Name))
		}
	}
}

// Name features.

// isSatisfactionName: the name measures satisfaction (满意度, 满意率).
func isSatisfactionName(name string) bool { return strings.Contains(name, "满意") }

// isSatisfactionLike also accepts the perception measures that may sit
// under 满意度: 好评率, 认可度, 获得感, 幸福感.
func isSatisfactionLike(name string) bool {
	return isSatisfactionName(name) || hasAny(name, "好评", "认可度", "获得感", "幸福感", "安全感")
}

var timeWords = []string{"及时", "时间", "时限", "日期", "进度", "期限", "按时", "按期", "工期", "时效", "完成时", "交付时"}

var timeSet = newWordSet(timeWords...)

func isTimeName(name string) bool { return timeSet.in(name) }

func (x *ind) anyKind(k jixiao.TargetKind) bool {
	for i := range x.vals {
		if x.vals[i].kind == k {
			return true
		}
	}
	return false
}

// countValue returns a value that is a count (个, 次, 人次 …), if any.
func (x *ind) countValue() *val {
	for i := range x.vals {
		v := &x.vals[i]
		if v.kind == jixiao.KindNumeric && v.dim == dimCount {
			return v
		}
	}
	return nil
}

func (x *ind) cats() string { return catLabel(x.in.Level1) + " / " + catLabel(x.in.Level2) }

func checkMisfiledSatisfaction(c *checker, p *proj, x *ind) {
	if !x.sat || x.l1 == "" || x.l1 == jixiao.L1Satisfaction {
		return
	}
	// Running the survey is work done, an output: 满意度调查次数, 满意度测评覆盖率.
	if hasAny(x.name, "调查", "测评", "问卷", "回访") {
		return
	}
	c.reportInd(p, x, "level1", fmt.Sprintf("%s衡量满意度，却填在「%s」下。", x.where(p), x.cats()),
		"移到「3-满意度指标 / 31-服务对象满意度指标」下；效益指标改写项目带来的实际效果。")
}

func checkNotSatisfaction(c *checker, p *proj, x *ind) {
	if x.l1 != jixiao.L1Satisfaction && x.l2 != "31" || x.name == "" || isSatisfactionLike(x.name) {
		return
	}
	what := "不是满意度"
	sugg := "把该指标移到相应类别（工作量归产出-数量，考核结果归产出-质量），满意度类别下改填服务对象满意度，如“××满意度 ≥90%”。"
	if v := x.countValue(); v != nil || hasSuffixAny(x.name, "次数", "数量", "场次", "人数", "个数") != "" {
		what = "是次数或数量，不是满意度"
		sugg = "这是工作量，移到「1-产出指标 / 11-数量指标」；满意度类别下改填服务对象对该项工作的满意度，如“××满意度 ≥90%”。"
	}
	c.reportInd(p, x, "level2", fmt.Sprintf("%s填在满意度指标下，但%s。", x.where(p), what), sugg)
}

func checkMisfiledTimeliness(c *checker, p *proj, x *ind) {
	if x.l2 != "11" && x.l2 != "12" && x.l2 != "13" && x.l1 != jixiao.L1Benefit {
		return
	}
	timeName := isTimeName(x.name)
	deadline := x.anyKind(jixiao.KindDeadline)
	switch {
	case x.l2 == "11" || x.l2 == "12":
		if !timeName && !deadline {
			return
		}
		why := "名称衡量的是时效"
		if !timeName {
			why = "指标值是完成期限"
		}
		c.reportInd(p, x, "level2", fmt.Sprintf("%s%s，却填在「%s」下。", x.where(p), why, x.cats()),
			"移到「1-产出指标 / 13-时效指标」；原类别下改填真正的数量或质量要求。")
	case x.l2 == "13":
		if timeName || deadline {
			return
		}
		if v := x.countValue(); v != nil {
			c.reportInd(p, x, "level2", fmt.Sprintf("%s填在时效指标下，但指标值「%s」是数量。", x.where(p), clip(v.text, 30)),
				"移到「11-数量指标」；时效指标改填完成时限，如“2024年12月31日前完成”。")
		}
	case x.l1 == jixiao.L1Benefit && deadline:
		c.reportInd(p, x, "level2", fmt.Sprintf("%s填在效益指标下，但指标值是完成期限。", x.where(p)),
			"完成期限属于「1-产出指标 / 13-时效指标」；效益指标改写项目带来的效果。")
	}
}

var (
	activityVerbs    = []string{"举办", "开展", "组织", "召开", "培训", "申报", "参加", "参与", "发放", "拨付", "报销", "接洽", "举行", "完成"}
	activitySuffixes = []string{"数", "数量", "次数", "场次", "人数", "个数", "家次", "人次"}
)

func checkActivityAsBenefit(c *checker, p *proj, x *ind) {
	if x.l1 != jixiao.L1Benefit {
		return
	}
	verb := hasPrefixAny(x.name, activityVerbs...)
	if verb == "" {
		return
	}
	if hasSuffixAny(x.name, activitySuffixes...) == "" && x.countValue() == nil {
		return
	}
	c.reportInd(p, x, "level1", fmt.Sprintf("%s以“%s”开头，衡量的是工作量，却填在「%s」下。", x.where(p), verb, x.cats()),
		"工作量移到「1-产出指标 / 11-数量指标」；效益指标改写这些工作带来的变化，如企业获得的资金、增加的产值或减少的成本。")
}

// opText prints a comparator the way tables write it.
func opText(op jixiao.Op) string {
	switch op {
	case jixiao.OpGE:
		return "≥"
	case jixiao.OpLE:
		return "≤"
	}
	return string(op)
}

func opSign(op jixiao.Op) int {
	switch op {
	case jixiao.OpGE, jixiao.OpGT:
		return 1
	case jixiao.OpLE, jixiao.OpLT:
		return -1
	}
	return 0
}

func checkPeriodAnnual(c *checker, p *proj, x *ind) {
	if len(x.vals) != 2 {
		return
	}
	pv, av := &x.vals[0], &x.vals[1]
	if pv.text == "" || av.text == "" {
		return
	}
	where := x.where(p) + "的实施周期指标值「" + clip(pv.text, 30) + "」与年度指标值「" + clip(av.text, 30) + "」"
	switch {
	case pv.kind == jixiao.KindNumeric && av.kind == jixiao.KindNumeric:
		pd, ad := pv.dim, av.dim
		if pd != ad || pd == dimNone && pv.t.Unit != av.t.Unit {
			return // different units: CONS-UNIT-MISMATCH's business when the name says which
		}
		ps, as := opSign(pv.t.Op), opSign(av.t.Op)
		if !pv.t.ImplicitOp && !av.t.ImplicitOp && ps*as < 0 {
			c.reportVal(p, x, av, where+"方向相反（一个是下限，一个是上限）。", "统一比较方向：越高越好用 ≥，越低越好用 ≤。")
			return
		}
		if pd == dimPercent || pd == dimRatio || ps < 0 || as < 0 {
			return // rates and ceilings are not cumulative
		}
		pn, ok1 := number(pv.t.Value)
		an, ok2 := number(av.t.Value)
		if ok1 && ok2 && an > pn {
			c.reportVal(p, x, av, where+"矛盾：年度目标大于整个实施周期的目标。",
				"实施周期指标值应是整个周期的累计目标，不小于年度指标值；核对两者是否填反。")
		}
	case pv.kind == jixiao.KindDeadline && av.kind == jixiao.KindDeadline:
		if pv.t.Date != "" && av.t.Date > pv.t.Date {
			c.reportVal(p, x, av, where+"矛盾：年度期限晚于整个实施周期的期限。", "年度期限应不晚于实施周期期限；核对日期。")
		}
	}
}

// deadlineYear returns the year of a deadline target.
func deadlineYear(v *val) (int, bool) {
	if v.kind != jixiao.KindDeadline {
		return 0, false
	}
	if len(v.t.Date) >= 4 {
		if y, err := strconv.Atoi(v.t.Date[:4]); err == nil {
			return y, true
		}
	}
	return explicitYear(v.text)
}

// explicitYear finds the first year written in text ("2024年", "2024-").
func explicitYear(s string) (int, bool) {
	y := 0
	eachYear(s, func(v int) bool { y = v; return false })
	return y, y != 0
}

// eachYear calls fn for every year written in text as "20xx年", "20xx-",
// "20xx/" or "20xx.m", until fn returns false.
func eachYear(s string, fn func(int) bool) {
	for i := 0; i+4 <= len(s); i++ {
		if s[i] != '1' && s[i] != '2' || i > 0 && isDigit(s[i-1]) {
			continue
		}
		if !isDigit(s[i+1]) || !isDigit(s[i+2]) || !isDigit(s[i+3]) {
			continue
		}
		rest := s[i+4:]
		if strings.HasPrefix(rest, "年") || strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "/") || strings.HasPrefix(rest, ".") && len(rest) > 1 && isDigit(rest[1]) {
			y, _ := strconv.Atoi(s[i : i+4])
			if y >= 1990 && y <= 2100 && !fn(y) {
				return
			}
		}
	}
}

func checkAnnualAfterYear(c *checker, p *proj, x *ind) {
	fy := c.t.FiscalYear
	if fy == 0 {
		return
	}
	v := &x.vals[len(x.vals)-1]
	y, ok := deadlineYear(v)
	if !ok || y <= fy {
		// A year written anywhere in the annual value (到2025年…) is a
		// multi-year target copied into the annual column.
		y, ok = 0, false
		eachYear(v.text, func(v int) bool {
			if v > fy {
				y, ok = v, true
				return false
			}
			return true
		})
	}
	if ok {
		c.reportVal(p, x, v, fmt.Sprintf("%s的期限或目标年份在 %d 年，超出 %d 预算年度。", v.where(p, x), y, fy),
			fmt.Sprintf("年度指标值写 %d 年内可完成的阶段目标（如“%d年12月31日前完成××”）；跨年的总目标写在实施周期指标值中。", fy, fy))
	}
}

var (
	percentSuffixes = []string{"率", "比例", "占比", "比率", "比重"}
	moneySuffixes   = []string{"金额", "收入", "产值", "投资额", "税收", "贸易额", "进出口额", "销售额", "营业额", "成交额", "总额", "资金额"}
	timeSuffixes    = []string{"天数", "日数", "工作日数", "小时数", "时长", "周期"}
	notCountSuffix  = []string{"指数", "系数", "分数", "倍数", "基数", "参数", "函数", "岁数", "度数"}
)

// expectedDim is the dimension an indicator's name or unit column calls
// for, and the words that say so.
func expectedDim(x *ind) (dim, string) {
	if u := trim(x.in.Unit); u != "" {
		if d := unitDim(u); d != dimNone {
			return d, "计量单位「" + u + "」"
		}
	}
	if u := nameUnit(x.name); u != "" {
		return unitDim(u), "名称中的「" + u + "」"
	}
	if strings.HasSuffix(x.name, "（是/否）") || strings.HasSuffix(x.name, "(是/否)") {
		return dimBool, "名称中的「是/否」"
	}
	n := x.name
	// Most names end in none of the suffixes below: look at the last
	// character before trying them.
	switch lastRune(n) {
	case '率', '例', '比', '重', '额', '入', '值', '收', '金', '积', '数', '长', '期', '量', '次':
	default:
		return dimNone, ""
	}
	switch {
	case hasSuffixAny(n, "效率", "频率") != "":
		return dimNone, ""
	case hasSuffixAny(n, percentSuffixes...) != "":
		return dimPercent, "名称以「" + hasSuffixAny(n, percentSuffixes...) + "」结尾"
	case hasSuffixAny(n, moneySuffixes...) != "":
		return dimMoney, "名称以「" + hasSuffixAny(n, moneySuffixes...) + "」结尾"
	case hasSuffixAny(n, "面积") != "":
		return dimArea, "名称以「面积」结尾"
	case hasSuffixAny(n, timeSuffixes...) != "":
		return dimTime, "名称以「" + hasSuffixAny(n, timeSuffixes...) + "」结尾"
	case hasSuffixAny(n, notCountSuffix...) != "":
		return dimNone, ""
	case strings.HasSuffix(n, "数") || strings.HasSuffix(n, "数量") || strings.HasSuffix(n, "人次"):
		s := "数"
		if strings.HasSuffix(n, "数量") {
			s = "数量"
		} else if strings.HasSuffix(n, "人次") {
			s = "人次"
		}
		return dimCount, "名称以「" + s + "」结尾"
	}
	return dimNone, ""
}

func valueDim(v *val) (dim, string) {
	switch v.kind {
	case jixiao.KindBoolean:
		return dimBool, "是/否"
	case jixiao.KindNumeric:
		return v.dim, v.t.Unit
	}
	return dimNone, ""
}

func checkUnitMismatch(c *checker, p *proj, x *ind) {
	var want dim
	var why string
	for i := range x.vals {
		v := &x.vals[i]
		got, u := valueDim(v)
		if got == dimNone || got == dimRatio {
			continue
		}
		if why == "" {
			if want, why = expectedDim(x); want == dimNone {
				return
			}
		}
		if got == want {
			continue
		}
		c.reportVal(p, x, v,
			fmt.Sprintf("%s的单位「%s」是%s，但%s，应为%s。", v.where(p, x), u, got, why, want),
			"核对指标名称与指标值是否对应：改正单位，或把名称改成与指标值一致的说法（如“填报数”与“亿元”之间二选一）。")
	}
}

// valueUnits lists the distinct units written after numbers in a value,
// money magnitudes folded (1亿元 and 10000万元 are both 元). Years and
// dates are skipped.
func valueUnits(s string, out []string) []string {
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && (isDigit(s[j]) || s[j] == '.' || s[j] == ',') {
			j++
		}
		num, rest := s[i:j], strings.TrimLeft(s[j:], " ")
		i = j
		if len(num) == 4 && (strings.HasPrefix(rest, "年") || strings.HasPrefix(rest, "-")) {
			continue // a year
		}
		for _, m := range []string{"万", "亿", "千"} {
			if r, ok := strings.CutPrefix(rest, m); ok {
				rest = r
				break
			}
		}
		u := unitAt(rest)
		switch u {
		case "":
			continue
		case "人民币", "万元", "亿元", "千元":
			u = "元"
		case "亿美元", "万美元":
			u = "美元"
		case "％":
			u = "%"
		}
		if !contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

func checkTwoUnits(c *checker, p *proj, x *ind) {
	for i := range x.vals {
		v := &x.vals[i]
		if v.kind == jixiao.KindDeadline || !hasDigit(v.text) {
			continue
		}
		var buf [4]string
		us := valueUnits(v.text, buf[:0])
		if len(us) < 2 {
			continue
		}
		c.reportVal(p, x, v,
			fmt.Sprintf("%s中出现了不同的单位「%s」。", v.where(p, x), strings.Join(us, "」「")),
			"一个指标只用一个计量单位：改正笔误（如“3家以上（含3家）”），确实是两项要求的拆成两个指标。")
	}
}

var (
	growthWords = []string{"增长", "增幅", "增速", "增加", "增量", "提高", "提升", "同比", "环比", "比上年", "比去年", "较上年", "较去年", "超额", "年均", "倍"}
	growthSet   = newWordSet(growthWords...)
)

func checkPercentOver100(c *checker, p *proj, x *ind) {
	for i := range x.vals {
		v := &x.vals[i]
		if v.kind != jixiao.KindNumeric || v.dim != dimPercent {
			continue
		}
		n, _ := number(v.t.Value)
		m, _ := number(v.t.Max)
		if n <= 100 && m <= 100 {
			continue
		}
		if growthSet.in(x.name) || growthSet.in(v.text) {
			continue
		}
		c.reportVal(p, x, v, fmt.Sprintf("%s超过 100%%。", v.where(p, x)),
			"完成率、覆盖率、满意度等比率最高为 100%；若衡量的是增长，请在名称中写明（如“××增长率”）。")
	}
}

var (
	negativeWords = []string{"故障", "事故", "投诉", "差错", "误差", "超标", "违规", "违法", "返贫", "发生率", "死亡", "伤亡", "损失",
		"流失", "失误", "延误", "不合格", "空置", "能耗", "排放", "拖欠", "欠薪", "逾期", "偏差", "失败"}
	// handlingWords: dealing with or reducing the bad thing is good (投诉处理率,
	// 违法建筑清理率, 欠薪案件结案率, 故障下降率); kept in step with internal/value.
	handlingWords = []string{"处理", "处置", "办结", "解决", "化解", "整改", "查处", "排查", "回复", "调处", "受理", "响应", "修复", "排除",
		"结案", "消除", "治理", "回访", "清理", "整治", "拆除", "打击", "追回", "清欠", "纠正",
		"下降", "降低", "减少", "压减", "压降", "降幅", "减幅", "削减", "节约", "节省"}
	positiveRateWords = []string{"满意", "合格率", "完成率", "覆盖率", "达标率", "及时率", "到位率", "参保率", "知晓率", "通过率", "验收率", "办结率", "正确率", "合规率", "好评率"}
	negativeSet       = newWordSet(negativeWords...)
	handlingSet       = newWordSet(handlingWords...)
	positiveRateSet   = newWordSet(positiveRateWords...)
)

// isNegativeName: less is better (故障率, 投诉次数), unless the name is
// about handling or reducing the bad thing (投诉处理率, 故障下降率).
func isNegativeName(name string) bool {
	return negativeSet.in(name) && !handlingSet.in(name)
}

func checkDirection(c *checker, p *proj, x *ind) {
	explicit := false
	for i := range x.vals {
		v := &x.vals[i]
		explicit = explicit || v.kind == jixiao.KindNumeric && !v.t.ImplicitOp && opSign(v.t.Op) != 0
	}
	if !explicit {
		return
	}
	// A direction set by hand wins over the name.
	var neg, pos bool
	switch x.in.Direction {
	case jixiao.DirectionNegative:
		neg = true
	case jixiao.DirectionPositive:
		pos = true
	default:
		neg = isNegativeName(x.name)
		pos = !neg && positiveRateSet.in(x.name)
	}
	if !neg && !pos {
		return
	}
	for i := range x.vals {
		v := &x.vals[i]
		if v.kind != jixiao.KindNumeric || v.t.ImplicitOp {
			continue
		}
		s := opSign(v.t.Op)
		switch {
		case neg && s > 0:
			c.reportVal(p, x, v, fmt.Sprintf("%s写成下限（%s），但「%s」越低越好。", v.where(p, x), opText(v.t.Op), x.name),
				"越低越好的指标用 ≤ 表示上限，如“≤5%”“不高于5次”。")
		case pos && s < 0:
			c.reportVal(p, x, v, fmt.Sprintf("%s写成上限（%s），但「%s」越高越好。", v.where(p, x), opText(v.t.Op), x.name),
				"越高越好的指标用 ≥ 表示下限，如“≥90%”。")
		}
	}
}
