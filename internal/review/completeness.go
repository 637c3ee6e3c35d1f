package review

import (
	"fmt"
	"strconv"
	"strings"

	"jixiao"
)

// Completeness (完整性): every project states a goal and a full set of
// indicators — 产出, 效益, and 满意度 where someone is served — each with a
// value.

var completenessRules = []ruleDef{
	{Rule: Rule{
		ID: "COMP-GOAL-MISSING", Family: jixiao.FamilyCompleteness, Severity: jixiao.SeverityError, Principle: PrincipleCompleteness,
		Title:     "缺少绩效目标",
		Checks:    "每个项目都要填写绩效目标（实施周期或年度）。",
		Rationale: "没有目标，指标就无所依托，审核和自评都无从谈起。",
	}, project: checkGoalMissing},
	{Rule: Rule{
		ID: "COMP-GOAL-THIN", Family: jixiao.FamilyCompleteness, Severity: jixiao.SeverityWarning, Principle: PrincipleCompleteness,
		Title:     "绩效目标过于简略",
		Checks:    "绩效目标短于阈值（默认 10 字）或只是重复项目名称。",
		Rationale: "目标应说明用这笔钱做什么、达到什么效果；一句项目名说明不了预期产出和效益。",
	}, project: checkGoalThin},
	{Rule: Rule{
		ID: "COMP-NO-INDICATORS", Family: jixiao.FamilyCompleteness, Severity: jixiao.SeverityError, Principle: PrincipleCompleteness,
		Title:     "没有绩效指标",
		Checks:    "每个项目至少有一个绩效指标。",
		Rationale: "绩效目标必须细化为可衡量的指标，否则无法监控和评价。",
	}, project: checkNoIndicators},
	{Rule: Rule{
		ID: "COMP-INDICATOR-INCOMPLETE", Family: jixiao.FamilyCompleteness, Severity: jixiao.SeverityError, Principle: PrincipleCompleteness,
		Title:     "指标缺少名称或类别",
		Checks:    "每个指标都有一级指标、二级指标和指标名称。",
		Rationale: "缺少类别或名称的指标无法归类汇总，也看不出衡量的是什么。",
	}, indicator: checkIndicatorIncomplete},
	{Rule: Rule{
		ID: "COMP-NO-OUTPUT", Family: jixiao.FamilyCompleteness, Severity: jixiao.SeverityError, Principle: PrincipleCompleteness,
		Title:     "缺少产出指标",
		Checks:    "有指标的项目至少有一个一级指标为“产出指标”的指标。",
		Rationale: "产出是资金直接换来的东西（数量、质量、时效），是绩效目标的必备部分。",
	}, project: checkNoOutput},
	{Rule: Rule{
		ID: "COMP-NO-BENEFIT", Family: jixiao.FamilyCompleteness, Severity: jixiao.SeverityError, Principle: PrincipleCompleteness,
		Title:     "缺少效益指标",
		Checks:    "有指标的项目至少有一个一级指标为“效益指标”的指标。",
		Rationale: "只有产出没有效益，说不清这笔钱带来了什么经济、社会或生态效果。",
	}, project: checkNoBenefit},
	{Rule: Rule{
		ID: "COMP-NO-SATISFACTION", Family: jixiao.FamilyCompleteness, Severity: jixiao.SeverityWarning, Principle: PrincipleCompleteness,
		Title:     "有服务对象却缺少满意度指标",
		Checks:    "项目名称、目标或指标提到企业、群众、参训人员、受援地等服务对象，但没有满意度指标（机构运行、办公、前期工作等内部项目除外）。",
		Rationale: "面向服务对象的项目，应由服务对象评价其效果；是否有服务对象由文字判断，故为警告。",
	}, project: checkNoSatisfaction},
	{Rule: Rule{
		ID: "COMP-FEW-INDICATORS", Family: jixiao.FamilyCompleteness, Severity: jixiao.SeverityWarning, Principle: PrincipleCompleteness,
		Title:     "指标过少",
		Checks:    "项目指标数少于阈值（默认 3 个）。",
		Rationale: "一两个指标难以全面反映项目的产出和效益。",
	}, project: checkFewIndicators},
	{Rule: Rule{
		ID: "COMP-EMPTY-VALUE", Family: jixiao.FamilyCompleteness, Severity: jixiao.SeverityError, Principle: PrincipleCompleteness,
		Title:     "指标值为空",
		Checks:    "年度指标值不得为空；表中其他指标填了实施周期指标值时，实施周期指标值也不得为空。",
		Rationale: "没有指标值就没有衡量标准，监控和自评无法打分。",
	}, indicator: checkEmptyValue},
	{Rule: Rule{
		ID: "COMP-NO-COST", Family: jixiao.FamilyCompleteness, Severity: jixiao.SeverityInfo, Principle: PrincipleCompleteness,
		Title:     "未设置成本指标",
		Checks:    "项目没有成本指标（一级 4-成本指标或二级 14-成本指标）；全表都没有时只提示一次。",
		Rationale: "财预〔2021〕101号起新模板要求成本指标；许多地方模板尚未要求，故仅作提示。",
	}, project: checkNoCost},
}

func checkGoalMissing(c *checker, p *proj) {
	if trim(p.p.Goal) == "" && trim(p.p.AnnualGoal) == "" {
		c.reportProject(p, "goal", p.where()+"没有填写绩效目标。",
			"用一两句话写明本年度用这笔资金完成什么（产出）、达到什么效果（效益），与下列指标对应。")
	}
}

func checkGoalThin(c *checker, p *proj) {
	for _, g := range []struct{ field, label, text string }{
		{"goal", "绩效目标", trim(p.p.Goal)},
		{"annual_goal", "年度绩效目标", trim(p.p.AnnualGoal)},
	} {
		if g.text == "" {
			continue
		}
		switch {
		case len(g.text) <= len(p.name)+8 && normKey(g.text) == normKey(p.name):
			c.reportProject(p, g.field, fmt.Sprintf("%s的%s「%s」只是重复了项目名称。", p.where(), g.label, clip(g.text, 40)),
				"写明要完成的具体任务和预期效果，例如“完成××场培训，覆盖××家企业，提升……”。")
		case len(g.text) < 4*c.opts.MinGoalRunes && runeLen(g.text) < c.opts.MinGoalRunes:
			c.reportProject(p, g.field, fmt.Sprintf("%s的%s「%s」只有 %d 个字，过于简略。", p.where(), g.label, g.text, runeLen(g.text)),
				"写明要完成的具体任务和预期效果，至少说清产出和效益。")
		}
	}
}

func checkNoIndicators(c *checker, p *proj) {
	if len(p.inds) == 0 {
		c.reportProject(p, "indicators", p.where()+"没有任何绩效指标。",
			"至少设置产出指标（数量、质量、时效）和效益指标；有服务对象的再设满意度指标。")
	}
}

func checkIndicatorIncomplete(c *checker, p *proj, x *ind) {
	in := x.in
	if x.name == "" {
		c.reportInd(p, x, "name", fmt.Sprintf("%s第%d个指标没有指标名称。", p.where(), x.seq),
			"填写三级指标名称，说明衡量的对象，如“培训人次”“企业满意度”。")
	}
	if trim(in.Level1.Code) == "" && trim(in.Level1.Name) == "" {
		c.reportInd(p, x, "level1", x.where(p)+"没有一级指标。", "填写一级指标：产出指标、效益指标、满意度指标或成本指标。")
	}
	if trim(in.Level2.Code) == "" && trim(in.Level2.Name) == "" {
		c.reportInd(p, x, "level2", x.where(p)+"没有二级指标。", "填写二级指标，如 11-数量指标、22-社会效益指标、31-服务对象满意度指标。")
	}
}

func checkNoOutput(c *checker, p *proj) {
	if len(p.inds) > 0 && !p.has(jixiao.L1Output) {
		c.reportProject(p, "indicators", fmt.Sprintf("%s的 %d 个指标中没有产出指标。", p.where(), len(p.inds)),
			"补充产出指标：数量（完成多少）、质量（达到什么标准）、时效（何时完成）。")
	}
}

func checkNoBenefit(c *checker, p *proj) {
	if len(p.inds) > 0 && !p.has(jixiao.L1Benefit) {
		c.reportProject(p, "indicators", fmt.Sprintf("%s的 %d 个指标中没有效益指标。", p.where(), len(p.inds)),
			"补充效益指标，写明项目带来的经济效益、社会效益、生态效益或可持续影响，并尽量量化。")
	}
}

// Service recipients: who a project serves, by the words that name them.
// Internal projects (running an office, staffing, preparatory studies)
// serve the unit itself and need no 满意度.
var (
	recipientWords = []string{"企业", "企事业", "群众", "市民", "居民", "公众", "人民", "消费者", "商家", "学员", "学生", "师生", "教师", "家长", "幼儿",
		"患者", "孕产妇", "育龄", "妇女", "农户", "农民", "村民", "农村", "村庄", "养殖户", "种植户", "老人", "老年人", "离退休", "退役军人",
		"服务对象", "受援地", "受帮扶", "帮扶地", "被帮扶", "受助", "受益", "参训", "参展", "用户", "游客", "观众", "读者", "乘客", "驾驶员",
		"家庭", "儿童", "残疾人", "困难", "低保", "特困", "人才", "运动员", "劳动者", "职工", "经营者", "市场主体", "投资者", "商户", "客商", "群体",
		"惠民", "便民", "公共文化", "公共服务", "社会组织", "中小学", "学校", "幼儿园", "求职", "就业", "急救", "青少年"}
	internalProjectWords = []string{"机构运行", "办公", "大楼", "编外人员", "人员经费", "公用经费", "物业", "后勤", "前期工作", "专班", "法律顾问", "法律事务", "机关"}
	recipientSet         = newWordSet(recipientWords...)
	internalProjectSet   = newWordSet(internalProjectWords...)
)

// servesRecipients reports whether a project has service recipients, and
// the word that says so.
func servesRecipients(p *proj) (bool, string) {
	if w := internalProjectSet.find(p.name); w != "" {
		return false, ""
	}
	if w := recipientSet.find(p.name); w != "" {
		return true, w
	}
	for _, x := range p.inds {
		if w := recipientSet.find(x.name); w != "" {
			return true, w
		}
	}
	if w := recipientSet.find(withoutTitles(p.p.Goal)); w != "" {
		return true, w
	}
	if w := recipientSet.find(withoutTitles(p.p.AnnualGoal)); w != "" {
		return true, w
	}
	return false, ""
}

// withoutTitles drops the titles in 《》 that goals cite: a law or a plan
// (《中华人民共和国清洁生产促进法》) names no one the project serves.
func withoutTitles(s string) string {
	for {
		i := strings.Index(s, "《")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], "》")
		if j < 0 {
			return s
		}
		s = s[:i] + s[i+j+len("》"):]
	}
}

func checkNoSatisfaction(c *checker, p *proj) {
	if len(p.inds) == 0 || p.has(jixiao.L1Satisfaction) {
		return
	}
	for _, x := range p.inds {
		if x.sat {
			return // a 满意度 filed elsewhere is CONS-MISFILED-SATISFACTION's business
		}
	}
	if ok, w := servesRecipients(p); ok {
		c.reportProject(p, "indicators", fmt.Sprintf("%s面向服务对象（文中提到“%s”），但没有满意度指标。", p.where(), w),
			"增设“31-服务对象满意度指标”，如“"+w+"满意度 ≥90%”，并说明调查方式。")
	}
}

func checkFewIndicators(c *checker, p *proj) {
	if n := len(p.inds); n > 0 && n < c.opts.MinIndicators {
		c.reportProject(p, "indicators", fmt.Sprintf("%s只有 %d 个指标，少于 %d 个。", p.where(), n, c.opts.MinIndicators),
			"按产出（数量、质量、时效）、效益、满意度分别补充指标，使指标能全面反映目标。")
	}
}

func checkEmptyValue(c *checker, p *proj, x *ind) {
	in := x.in
	period, annual := textOf(&in.Period) == "", textOf(&in.Annual) == ""
	if period && annual && c.anyPeriod {
		c.report(p.p.Name, x.seq, "annual", 2, x.where(p)+"的实施周期指标值和年度指标值都为空。",
			"填写可衡量的指标值，如“≥20家”“2024年12月31日前完成”；单年项目两者可以相同。")
		return
	}
	if period && c.anyPeriod {
		c.report(p.p.Name, x.seq, "period", 1, x.where(p)+"的实施周期指标值为空。",
			"填写实施周期指标值；单年项目可与年度指标值相同。")
	}
	if annual {
		c.report(p.p.Name, x.seq, "annual", 2, x.where(p)+"的年度指标值为空。",
			"填写可衡量的年度指标值，如“≥20家”“2024年12月31日前完成”。")
	}
}

func checkNoCost(c *checker, p *proj) {
	if !c.anyCost {
		// No project has one: a single table-level note, given while
		// looking at the first project, instead of one per project.
		if p.i == 0 {
			pi := c.curPI
			c.curPI = -1
			c.report("", 0, "indicators", 0, "本表 "+strconv.Itoa(len(c.projects))+" 个项目均未设置成本指标（一级 4-成本指标）。",
				"如适用财预〔2021〕101号新模板，为各项目增设经济成本指标（如单位成本）；当地模板不要求的可忽略本提示。")
			c.curPI = pi
		}
		return
	}
	if len(p.inds) == 0 || p.has(jixiao.L1Cost) {
		return
	}
	c.reportProject(p, "indicators", p.where()+"没有成本指标，而本表其他项目设置了成本指标。",
		"参照其他项目增设成本指标（经济成本，如“单位培训成本 ≤××元/人次”）。")
}
