package review_test

import (
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/review"
)

// ruleCase is one specification of a rule: on this table the rule must
// (fire) or must not (near miss) report, and when it does, its message
// names the offending text (want).
type ruleCase struct {
	rule string
	name string
	t    func() *jixiao.Table
	opts review.Options
	fire bool
	want string
}

func fires(rule, name, want string, t func() *jixiao.Table) ruleCase {
	return ruleCase{rule: rule, name: name, t: t, fire: true, want: want}
}

func quiet(rule, name string, t func() *jixiao.Table) ruleCase {
	return ruleCase{rule: rule, name: name, t: t}
}

func one(p *jixiao.Project) func() *jixiao.Table {
	return func() *jixiao.Table { return tbl(p) }
}

func oneWith(extra ...*jixiao.Indicator) func() *jixiao.Table {
	return func() *jixiao.Table { return tbl(with("测试项目", extra...)) }
}

func withFunding(p *jixiao.Project, f jixiao.Funding) *jixiao.Project { p.Funding = f; return p }

var ruleCases = []ruleCase{
	// Arithmetic
	fires("ARITH-ROW-TOTAL", "总计 100 but 财政拨款 90", "总计为 100.00万元", func() *jixiao.Table {
		return tbl(withFunding(good("甲"), jixiao.Funding{Total: 100 * wan, Fiscal: 90 * wan}))
	}),
	quiet("ARITH-ROW-TOTAL", "总计 = 财政拨款 60 + 其他资金 40", func() *jixiao.Table {
		return tbl(withFunding(good("甲"), jixiao.Funding{Total: 100 * wan, Fiscal: 60 * wan, Other: 40 * wan}))
	}),
	quiet("ARITH-ROW-TOTAL", "a table that prints only 总计 is a layout, not an error", func() *jixiao.Table {
		return tbl(withFunding(good("甲"), jixiao.Funding{Total: 100 * wan}), withFunding(good("乙"), jixiao.Funding{Total: 5 * wan}))
	}),
	fires("ARITH-UNIT-SUBTOTAL", "unit subtotal 25 for projects of 20", "其下 2 个项目", func() *jixiao.Table {
		t := tbl(good("甲"), good("乙"))
		t.Units[0].Funding = jixiao.Funding{Total: 25 * wan, Fiscal: 25 * wan}
		t.Total = t.Units[0].Funding
		return t
	}),
	quiet("ARITH-UNIT-SUBTOTAL", "subtotal equals its projects", func() *jixiao.Table { return tbl(good("甲"), good("乙")) }),
	quiet("ARITH-UNIT-SUBTOTAL", "no subtotal printed", func() *jixiao.Table {
		t := tbl(good("甲"))
		t.Units[0].Funding = jixiao.Funding{}
		return t
	}),
	fires("ARITH-GRAND-TOTAL", "合计 27,793.94 for rows of 20", "合计行的总计为 27,793.94万元", func() *jixiao.Table {
		t := tbl(good("甲"), good("乙"))
		t.Total = jixiao.Funding{Total: 27_793_940_000, Fiscal: 20 * wan}
		return t
	}),
	quiet("ARITH-GRAND-TOTAL", "合计 equals the rows", func() *jixiao.Table { return tbl(good("甲"), good("乙")) }),
	quiet("ARITH-GRAND-TOTAL", "no 合计 row", func() *jixiao.Table {
		t := tbl(good("甲"))
		t.Total = jixiao.Funding{}
		return t
	}),
	fires("ARITH-NEGATIVE", "其他资金 −5", "其他资金为负数 -5.00万元", func() *jixiao.Table {
		return tbl(withFunding(good("甲"), jixiao.Funding{Total: 5 * wan, Fiscal: 10 * wan, Other: -5 * wan}))
	}),
	quiet("ARITH-NEGATIVE", "empty cells are zero, not negative", func() *jixiao.Table { return tbl(good("甲")) }),

	// Completeness
	fires("COMP-GOAL-MISSING", "no goal", "没有填写绩效目标", func() *jixiao.Table {
		p := good("甲")
		p.Goal = ""
		return tbl(p)
	}),
	quiet("COMP-GOAL-MISSING", "an annual goal alone is a goal", func() *jixiao.Table {
		p := good("甲")
		p.Goal, p.AnnualGoal = "", goodGoal
		return tbl(p)
	}),
	fires("COMP-GOAL-THIN", "four characters", "「开展培训」只有 4 个字", func() *jixiao.Table {
		p := good("甲")
		p.Goal = "开展培训"
		return tbl(p)
	}),
	fires("COMP-GOAL-THIN", "goal repeats the project name", "只是重复了项目名称", func() *jixiao.Table {
		p := good("中小企业数字化转型培训服务经费")
		p.Goal = "中小企业数字化转型培训服务经费。"
		return tbl(p)
	}),
	quiet("COMP-GOAL-THIN", "a real goal", func() *jixiao.Table { return tbl(good("甲")) }),
	fires("COMP-NO-INDICATORS", "no indicators", "没有任何绩效指标", one(project("甲", goodGoal))),
	quiet("COMP-NO-INDICATORS", "has indicators", one(good("甲"))),
	fires("COMP-INDICATOR-INCOMPLETE", "empty name", "第1个指标没有指标名称", one(project("甲", goodGoal, qty("", "≥2场")))),
	fires("COMP-INDICATOR-INCOMPLETE", "no level 2", "没有二级指标", one(project("甲", goodGoal, ind("1-产出指标", "", "开展培训场次", "≥2场")))),
	quiet("COMP-INDICATOR-INCOMPLETE", "complete", one(good("甲"))),
	fires("COMP-NO-OUTPUT", "only 效益 and 满意度", "没有产出指标", one(project("甲", goodGoal,
		social("参训企业员工人次", "≥200人次"), sat("企业满意率（%）", "≥90%")))),
	quiet("COMP-NO-OUTPUT", "has 产出", one(good("甲"))),
	quiet("COMP-NO-OUTPUT", "no indicators at all is COMP-NO-INDICATORS' business", one(project("甲", goodGoal))),
	fires("COMP-NO-BENEFIT", "产出 and 满意度 only (社会信息管理经费)", "3 个指标中没有效益指标", one(project("社会信息管理经费", goodGoal,
		qty("完成“三线”整治工单数", "数量不少于200单。"), timely("支付时间", "2024年12月31日前支付信息化技术咨询管理服务费"), sat("信息技术咨询服务满意度", "不低于98%")))),
	quiet("COMP-NO-BENEFIT", "效益 given by name only, without codes", one(project("甲", goodGoal,
		qty("开展培训场次", "≥2场"), ind("效益指标", "社会效益指标", "参训企业员工人次", "≥200人次"), sat("企业满意率（%）", "≥90%")))),
	fires("COMP-NO-SATISFACTION", "serves 企业, no 满意度", "文中提到“企业”", one(project("科技金融服务与成果转化工作经费", goodGoal,
		qty("对接机构及企业数量", "全年≥40家"), econ("成功对接融资贷款金额", "≥1亿元")))),
	quiet("COMP-NO-SATISFACTION", "internal project: 机构运行 (编外人员)", one(project("机构运行辅助经费", "通过编外人员聘用经费项目，保障编外人员工资福利待遇，提高人员工作的积极性。",
		qty("编外人员签订劳动合同完成率", "100%"), social("编外人员年度考核结果", "合格及以上")))),
	quiet("COMP-NO-SATISFACTION", "limit: nobody named as served (档案数字化) is not judged", one(project("档案数字化经费", "完成馆藏档案数字化扫描10万页，建立电子目录。",
		qty("扫描页数", "≥10万页"), social("档案查阅平均用时", "≤10分钟")))),
	quiet("COMP-NO-SATISFACTION", "has 满意度", one(good("甲"))),
	quiet("COMP-NO-SATISFACTION", "a law's title (《中华人民共和国…法》) names nobody served", one(project("工业节能和电力管理工作经费",
		"根据《中华人民共和国清洁生产促进法》等规定，推动重点用能单位全面实施清洁生产审核工作。",
		qty("电动汽车充电基础设施核查数量", "≥50个"), social("行业对环境污染持续减少（是/否）", "是")))),
	fires("COMP-FEW-INDICATORS", "two indicators", "只有 2 个指标", one(project("甲", goodGoal, qty("开展培训场次", "≥2场"), social("参训企业员工人次", "≥200人次")))),
	quiet("COMP-FEW-INDICATORS", "three indicators", one(project("甲", goodGoal, qty("开展培训场次", "≥2场"), social("参训企业员工人次", "≥200人次"), sat("企业满意率（%）", "≥90%")))),
	{rule: "COMP-FEW-INDICATORS", name: "min_indicators 6 makes five too few", fire: true, want: "少于 6 个",
		t: one(good("甲")), opts: review.Options{MinIndicators: 6}},
	fires("COMP-EMPTY-VALUE", "both values empty: reported once", "实施周期指标值和年度指标值都为空", oneWith(qty("举办展会场次", ""))),
	fires("COMP-EMPTY-VALUE", "empty annual value", "的年度指标值为空", oneWith(indPA("1-产出指标", "11-数量指标", "举办展会场次", "≥2场", ""))),
	fires("COMP-EMPTY-VALUE", "empty period value while others have one", "实施周期指标值为空", oneWith(indPA("1-产出指标", "11-数量指标", "举办展会场次", "", "≥2场"))),
	quiet("COMP-EMPTY-VALUE", "annual-only layout: no period values anywhere", func() *jixiao.Table {
		t := tbl(good("甲"))
		for _, in := range t.Units[0].Projects[0].Indicators {
			in.Period = jixiao.Target{}
		}
		return t
	}),
	fires("COMP-NO-COST", "no project has 成本指标: one table-level note", "本表 1 个项目均未设置成本指标", one(project("甲", goodGoal,
		qty("开展培训场次", "≥2场"), social("参训企业员工人次", "≥200人次"), sat("企业满意率（%）", "≥90%")))),
	fires("COMP-NO-COST", "others have 成本指标, this one not", "其他项目设置了成本指标", func() *jixiao.Table {
		return tbl(good("甲"), project("乙", goodGoal, qty("开展培训场次", "≥2场"), social("参训企业员工人次", "≥200人次"), sat("企业满意率（%）", "≥90%")))
	}),
	quiet("COMP-NO-COST", "old template: 14-成本指标 under 产出 counts", one(project("甲", goodGoal,
		qty("开展培训场次", "≥2场"), ind("1-产出指标", "14-成本指标", "人均培训成本", "≤500元"), social("参训企业员工人次", "≥200人次")))),

	// Consistency
	fires("CONS-L2-PARENT", "22-社会效益 under 1-产出指标", "属于「2-效益指标」", oneWith(ind("1-产出指标", "22-社会效益指标", "带动就业人数", "≥50人"))),
	quiet("CONS-L2-PARENT", "14-成本指标 under 1-产出指标 (older templates)", oneWith(ind("1-产出指标", "14-成本指标", "人均成本", "≤500元"))),
	fires("CONS-UNKNOWN-CATEGORY", "5-管理指标 is not in the catalogue", "「5-管理指标」不在指标体系中", oneWith(ind("5-管理指标", "51-制度建设指标", "制度完善数", "≥2项"))),
	{rule: "CONS-UNKNOWN-CATEGORY", name: "a category registered in the rules file", t: oneWith(ind("5-管理指标", "51-制度建设指标", "制度完善数", "≥2项")),
		opts: review.Options{Categories: []jixiao.CatalogueEntry{{Level1: jixiao.Category{Code: "5", Name: "管理指标"}, Level2: jixiao.Category{Code: "51", Name: "制度建设指标"}}}}},
	fires("CONS-CODE-NAME", "21 printed as 社会效益", "编码 21 对应「经济效益指标」", oneWith(ind("2-效益指标", "21-社会效益", "带动就业人数", "≥50人"))),
	quiet("CONS-CODE-NAME", "经济效益 = 经济效益指标, 服务对象满意度 = …指标", oneWith(ind("2-效益指标", "21-经济效益", "带动销售额", "≥100万元"), ind("3-满意度指标", "31-服务对象满意度", "参展企业满意度", "≥90%"))),
	fires("CONS-MISFILED-SATISFACTION", "企业满意率 under 21-经济效益 (seed)", "「企业满意率」衡量满意度", oneWith(econ("企业满意率", "90%"))),
	quiet("CONS-MISFILED-SATISFACTION", "企业满意率（%） under 31 is right", oneWith(sat("企业满意率（%）", "90%以上"))),
	quiet("CONS-MISFILED-SATISFACTION", "running the survey is an output", oneWith(qual("满意度调查覆盖率", "≥80%"))),
	fires("CONS-NOT-SATISFACTION", "a count under 31 (seed: 当年举办老干活动的次数)", "是次数或数量", oneWith(sat("当年举办老干活动的次数", "$\\geq$ 10"))),
	fires("CONS-NOT-SATISFACTION", "an exam result under 31 (seed)", "「安全生产年度考核情况」填在满意度指标下，但不是满意度", oneWith(sat("安全生产年度考核情况", "通过考核"))),
	quiet("CONS-NOT-SATISFACTION", "企业满意率（%） under 31", oneWith(sat("企业满意率（%）", "90%以上"))),
	quiet("CONS-NOT-SATISFACTION", "获得感 is a perception measure", oneWith(sat("群众获得感", "≥85%"))),
	fires("CONS-MISFILED-TIMELINESS", "及时率 under 12-质量", "名称衡量的是时效", oneWith(qual("资金到位及时率", "100%"))),
	fires("CONS-MISFILED-TIMELINESS", "a deadline under 12-质量 (seed: 三线)", "指标值是完成期限", oneWith(qual("完成年度“三线”整治工作", "2024年12月31日前完成验收"))),
	fires("CONS-MISFILED-TIMELINESS", "a count under 13-时效", "「2场」是数量", oneWith(timely("开展培训", "2场"))),
	fires("CONS-MISFILED-TIMELINESS", "a deadline under 效益", "填在效益指标下，但指标值是完成期限", oneWith(social("平台投入使用", "2024年10月31日前"))),
	quiet("CONS-MISFILED-TIMELINESS", "及时率 under 13", oneWith(timely("拨付资金及时率", "100%"))),
	quiet("CONS-MISFILED-TIMELINESS", "年度内…数 under 11 is a count", oneWith(qty("年度内组织完成项目申报数", "100个以上"))),
	quiet("CONS-MISFILED-TIMELINESS", "完成时间 年度内完成 under 13", oneWith(timely("完成时间", "年度内完成。"))),
	fires("CONS-ACTIVITY-AS-BENEFIT", "组织申报…数 under 21 (seed)", "以“组织”开头", oneWith(econ("组织申报上级惠企项目数", "50个以上"))),
	quiet("CONS-ACTIVITY-AS-BENEFIT", "吸引…单位数 is an effect", oneWith(social("吸引开展相关宣传及对接活动企事业单位数", "10家"))),
	quiet("CONS-ACTIVITY-AS-BENEFIT", "the same count under 11 is right", oneWith(qty("组织申报上级惠企项目数", "50个以上"))),
	fires("CONS-PERIOD-ANNUAL", "annual count larger than the whole period", "年度目标大于整个实施周期的目标", oneWith(indPA("1-产出指标", "11-数量指标", "新建充电桩数", "≥100个", "≥300个"))),
	fires("CONS-PERIOD-ANNUAL", "opposite directions", "方向相反", oneWith(indPA("2-效益指标", "22-社会效益指标", "系统故障率", "≤5%", "≥5%"))),
	fires("CONS-PERIOD-ANNUAL", "annual deadline after the period one", "年度期限晚于整个实施周期的期限", oneWith(indPA("1-产出指标", "13-时效指标", "完工时间", "2024年6月30日前", "2024年12月31日前"))),
	quiet("CONS-PERIOD-ANNUAL", "annual part of the period", oneWith(indPA("1-产出指标", "11-数量指标", "新建充电桩数", "≥300个", "≥100个"))),
	quiet("CONS-PERIOD-ANNUAL", "rates are not cumulative", oneWith(indPA("1-产出指标", "12-质量指标", "验收合格率", "≥90%", "≥95%"))),
	fires("CONS-ANNUAL-AFTER-YEAR", "annual deadline in 2025", "在 2025 年，超出 2024 预算年度", oneWith(timely("完工时间", "2025年6月30日前完成"))),
	fires("CONS-ANNUAL-AFTER-YEAR", "到2025年 … in the annual value (seed)", "2025", oneWith(econ("狮岭镇税收区库收入", "到2025年，狮岭镇税收区库收入比2022年增长1倍以上"))),
	quiet("CONS-ANNUAL-AFTER-YEAR", "a multi-year period target is fine", oneWith(indPA("1-产出指标", "13-时效指标", "完工时间", "2025年12月31日前完成", "2024年12月31日前完成一期"))),
	quiet("CONS-ANNUAL-AFTER-YEAR", "a base year before the budget year", oneWith(econ("税收收入增长率", "比2022年增长10%"))),
	quiet("CONS-ANNUAL-AFTER-YEAR", "no fiscal year known", func() *jixiao.Table {
		t := tbl(with("甲", timely("完工时间", "2025年6月30日前完成")))
		t.FiscalYear = 0
		return t
	}),
	fires("CONS-UNIT-MISMATCH", "填报数 in 亿元 (seed)", "单位「亿元」是金额，但名称以「数」结尾", oneWith(social("全区企业研发投入填报数", "75亿元"))),
	fires("CONS-UNIT-MISMATCH", "（%） in the name, 家 in the value", "名称中的「%」", oneWith(sat("企业满意率（%）", "90家"))),
	fires("CONS-UNIT-MISMATCH", "a rate in 亿元 (seed: 提高土地创税率)", "名称以「率」结尾", oneWith(econ("提高土地创税率", "签订《项目投入产出监管协议》税收合计1亿元以上（含1亿元）"))),
	quiet("CONS-UNIT-MISMATCH", "units that agree", oneWith(sat("企业满意率（%）", "90%以上"), qty("特装面积", "630平方米以上"), econ("签订招商协议总投资金额", "1亿元以上"), qty("展位数", "1个"))),
	quiet("CONS-UNIT-MISMATCH", "a multiple fits any dimension", oneWith(econ("狮岭镇税收区库收入", "比2022年增长1倍以上"))),
	fires("CONS-TWO-UNITS", "3家以上（含3个） (seed)", "「家」「个」", oneWith(econ("接洽意向企业个数", "3家以上（含3个）"))),
	quiet("CONS-TWO-UNITS", "the same unit twice", oneWith(qty("协调推进村镇工业集聚区整治提升项目个数", "3个以上（含3个）"))),
	quiet("CONS-TWO-UNITS", "money magnitudes fold", oneWith(econ("签订协议总投资金额", "1亿元以上（含10000万元）"))),
	quiet("CONS-TWO-UNITS", "years are not units", oneWith(econ("税收收入增幅", "到2024年底，比2022年增长1倍以上"))),
	fires("CONS-PERCENT-OVER-100", "合格率 120%", "「120%」超过 100%", oneWith(qual("验收合格率", "120%"))),
	quiet("CONS-PERCENT-OVER-100", "a growth rate may exceed 100%", oneWith(econ("出口额增长率", "≥150%"))),
	quiet("CONS-PERCENT-OVER-100", "100% exactly", oneWith(qual("验收合格率", "100%"))),
	fires("CONS-DIRECTION", "故障率 written as a floor", "越低越好", oneWith(social("系统故障率", "≥5%"))),
	fires("CONS-DIRECTION", "满意度 written as a ceiling", "越高越好", oneWith(sat("参展企业满意度", "≤90%"))),
	quiet("CONS-DIRECTION", "故障率 as a ceiling", oneWith(social("系统故障率", "不高于5%"))),
	quiet("CONS-DIRECTION", "handling complaints is good (seed: 举报投诉咨询处置率)", oneWith(qty("举报投诉咨询处置率", "≥95%"), qty("协调处理消费投诉数量", "≥800件"))),
	quiet("CONS-DIRECTION", "no comparator written", oneWith(social("系统故障率", "5%"))),
	fires("CONS-DIRECTION", "a direction set by hand wins over the name", "越低越好", func() *jixiao.Table {
		t := tbl(with("甲", social("待处置闲置资产数量", "≥20套")))
		t.Units[0].Projects[0].Indicators[5].Direction = jixiao.DirectionNegative
		return t
	}),
	quiet("CONS-DIRECTION", "the same without a hand-set direction: the name says nothing", oneWith(social("待处置闲置资产数量", "≥20套"))),
	quiet("CONS-DIRECTION", "clearing or closing the bad thing is good", oneWith(qual("公路违法建筑清理率", "≥96%"), qual("欠薪案件按期结案率", "≥95%"))),

	// Measurability
	fires("MEAS-VAGUE", "稳步提升 (seed)", "「稳步提升」只说明方向（“稳步”）", oneWith(social("区域科技创新能力", "稳步提升"))),
	fires("MEAS-VAGUE", "有所提高 for a quantity (seed: 汽车销售量)", "可计量的「销售量」", oneWith(econ("提高汽车销售量", "有所提高"))),
	fires("MEAS-VAGUE", "a short direction-only phrase", "促进受援地持续发展", oneWith(social("对受援地影响", "促进受援地持续发展"))),
	quiet("MEAS-VAGUE", "limit: a longer effect statement with no measurable name is left alone", oneWith(social("对受援地影响", "支持当地巩固脱贫攻坚成果同乡村振兴有效衔接"))),
	fires("MEAS-VAGUE", "an area answered in words (seed: 展位面积)", "名称以「面积」结尾", oneWith(qty("展位面积", "完成组委会安排的展区特装面积"))),
	quiet("MEAS-VAGUE", "a graded result is a standard", oneWith(social("编外人员年度考核结果", "合格及以上"))),
	quiet("MEAS-VAGUE", "a concrete milestone", oneWith(social("加快项目建设", "项目签约落地"))),
	quiet("MEAS-VAGUE", "numbers are not vague", oneWith(social("区域科技创新能力", "高新技术企业数比上年增长5%"))),
	fires("MEAS-NO-COMPARATOR", "a share whose direction the name does not say (seed)", "「60%」没有写比较符", oneWith(qual("资金项目用于巩固脱贫攻坚成果", "60%"))),
	fires("MEAS-NO-COMPARATOR", "an amount of money", "3.8亿美元", oneWith(econ("服务外包离岸执行规模", "3.8亿美元"))),
	quiet("MEAS-NO-COMPARATOR", "90% satisfaction is a floor by convention", oneWith(sat("参展企业满意度", "90%"))),
	quiet("MEAS-NO-COMPARATOR", "a completed amount is a floor by convention (seed: 当年完成全区服务贸易额)", oneWith(qty("当年完成全区服务贸易额", "3.8亿美元"))),
	quiet("MEAS-NO-COMPARATOR", "≥60%", oneWith(qual("资金项目用于巩固脱贫攻坚成果", "≥60%"))),
	quiet("MEAS-NO-COMPARATOR", "an exact head count", oneWith(qty("保障派驻工作队人员数", "7人"))),
	quiet("MEAS-NO-COMPARATOR", "100% cannot be exceeded", oneWith(timely("资金拨付及时率", "100%"))),
	fires("MEAS-NO-UNIT", "a bare number", "「>2」只有数字", oneWith(qty("支持企业数量", ">2"))),
	fires("MEAS-NO-UNIT", "the suggestion guesses the unit from the name", "“≥800件”", oneWith(qty("协调处理消费投诉数量", " $\\geq 800$ "))),
	fires("MEAS-NO-UNIT", "a magnitude without unit (seed: 15万)", "只有数量级「万」", oneWith(econ("村集体经济收入", "2/5的村集体收入达到15万"))),
	quiet("MEAS-NO-UNIT", "the unit is in the name: 场次", oneWith(qty("开展培训场次", "2"))),
	quiet("MEAS-NO-UNIT", "the unit is in brackets: （个）", oneWith(social("面向消费者的智慧化应用场景数量（个）", "$\\geq$ 2"))),
	fires("MEAS-PROCESS-AS-OUTPUT", "资金拨付及时率", "属于预算执行和资金管理过程", oneWith(timely("资金拨付及时率", "100%"))),
	fires("MEAS-PROCESS-AS-OUTPUT", "拨款足额率", "「拨款足额率」", oneWith(qual("拨款足额率", "100%"))),
	fires("MEAS-PROCESS-AS-OUTPUT", "资金使用合规性", "「资金使用合规性」", oneWith(qual("资金使用合规性", "合法合规"))),
	fires("MEAS-PROCESS-AS-OUTPUT", "支付时间", "「支付时间」", oneWith(timely("支付时间", "第三季度前完成支付"))),
	quiet("MEAS-PROCESS-AS-OUTPUT", "how many firms were paid is an output", oneWith(qty("拨付企业数", "≥30家"))),
	quiet("MEAS-PROCESS-AS-OUTPUT", "a loan volume is not a payment process", oneWith(econ("成功对接融资贷款金额", "≥1亿元"))),
	quiet("MEAS-PROCESS-AS-OUTPUT", "limit: 合规率 alone does not say of what", oneWith(qual("合规率", "100%"))),
	quiet("MEAS-PROCESS-AS-OUTPUT", "paying a subsidy is the service of a subsidy programme", oneWith(timely("补贴资金发放时间", "2024年6月30日前"), qual("扶持资金审核准确率", "≥98%"))),
	fires("MEAS-SATISFACTION-CEILING", "100% (seed: 老干工作满意度)", "「100%」高于 98%", oneWith(sat("老干工作满意度", "100%"))),
	quiet("MEAS-SATISFACTION-CEILING", "98% is at the ceiling, not above", oneWith(sat("群众满意度", "98%"))),
	{rule: "MEAS-SATISFACTION-CEILING", name: "satisfaction_ceiling 95 makes 98% too high", fire: true, want: "高于 95%",
		t: oneWith(sat("群众满意度", "98%")), opts: review.Options{SatisfactionCeiling: 95}},
	fires("MEAS-NAME-SENTENCE", "two clauses (seed)", "含有标点", oneWith(social("宣传区域品牌，提升区域形象", "≥3次"))),
	fires("MEAS-NAME-SENTENCE", "a goal verb (seed: 加快项目建设)", "以“加快”开头", oneWith(social("加快项目建设", "项目签约落地"))),
	fires("MEAS-NAME-SENTENCE", "进一步 (seed)", "含“进一步”", oneWith(social("评估报告进一步推动《规划》实施", "有效推动"))),
	fires("MEAS-NAME-SENTENCE", "a trailing 。 does not hide the verb (seed)", "以“推动”开头", oneWith(econ("推动我区电子音响相关产业高质量发展。", "≥10家"))),
	quiet("MEAS-NAME-SENTENCE", "verb + counted object", oneWith(qty("保障派驻工作队人员数", "7人"))),
	quiet("MEAS-NAME-SENTENCE", "limit: 提高…销售量 ends in a measure word, left to MEAS-VAGUE", oneWith(econ("提高汽车销售量", "≥500台"))),
	quiet("MEAS-NAME-SENTENCE", "完成…数量 is a count", oneWith(qty("完成科技统计专项数量", "不少于2个专项统计"))),
	quiet("MEAS-NAME-SENTENCE", "宣传 as a noun, the unit bracket ignored", oneWith(qual("宣传稿件审核通过率（%）", "≥95%"))),
	quiet("MEAS-NAME-SENTENCE", "verb + income is a measured object", oneWith(econ("实现旅游总收入", "≥5亿元"))),
	fires("MEAS-REPEATS-NAME", "value = name", "只是重复了指标名称", oneWith(social("区域品牌形象", "区域品牌形象"))),
	fires("MEAS-REPEATS-NAME", "value = name + 提升", "只是重复了指标名称", oneWith(social("区域品牌形象", "提升区域品牌形象"))),
	quiet("MEAS-REPEATS-NAME", "the value repeats the name but adds a number", oneWith(social("出证认证办证数量", "出证认证办证数量2800份以上"))),
	quiet("MEAS-REPEATS-NAME", "a different text", oneWith(social("加快项目建设", "项目签约落地"))),
	fires("MEAS-NARRATIVE", "past tense and publicity (seed: 影响力)", "用了完成时（“带来了”）", oneWith(social("影响力", "以强有力的阵势吸引海内外汽车音响巨头到花都考察，为花都汽车音响行业发展带来了巨大的商机，多维营造宣传了我区良好的投资环境。"))),
	fires("MEAS-NARRATIVE", "已完成", "已完成", oneWith(social("平台建设情况", "已完成平台搭建并投入使用"))),
	fires("MEAS-NARRATIVE", "a long multi-clause description", "长段叙述", oneWith(social("项目效果", "围绕全区产业发展需要，组织开展多种形式的对接活动，搭建政府与企业沟通的桥梁，营造良好的营商环境，推动产业集聚和高质量发展"))),
	quiet("MEAS-NARRATIVE", "了解 is not a past tense", oneWith(social("企业需求调研", "了解企业需求并形成调研报告"))),
	quiet("MEAS-NARRATIVE", "two clauses of 25 characters", oneWith(social("项目产生效果", "持续解决我区存量企业增资扩产难题，优化我区营商环境。"))),

	// Hygiene
	fires("HYG-STALE-DEADLINE", "2023-10-31 in a 2024 table (seed)", "在 2023 年，早于 2024 预算年度", oneWith(timely("项目完成时间", "2023-10-31"))),
	fires("HYG-STALE-DEADLINE", "2023年5月31日前交付使用 (seed)", "2023", oneWith(timely("交付使用时间", "2023年5月31日前交付使用"))),
	quiet("HYG-STALE-DEADLINE", "a 2024 deadline in a 2024 table", oneWith(timely("交付使用时间", "2024年12月31日前交付使用"))),
	quiet("HYG-STALE-DEADLINE", "fiscal year unknown", func() *jixiao.Table {
		t := tbl(with("甲", timely("项目完成时间", "2023-10-31")))
		t.FiscalYear = 0
		return t
	}),
	fires("HYG-CUT-OFF", "完成划拨手 beside 完成划拨手续 (seed)", "「在广州要求的时间内完成划拨手续」", func() *jixiao.Table {
		return tbl(with("甲", timely("支付时间", "在广州要求的时间内完成划拨手续")), with("乙", timely("支付时间", "在广州要求的时间内完成划拨手")))
	}),
	fires("HYG-CUT-OFF", "第三季度前完成支 beside …支付 in the reference", "在资料库中的值为「第三季度前完成支付」", func() *jixiao.Table {
		return tbl(with("甲", timely("支付时间", "第三季度前完成支")))
	}),
	fires("HYG-CUT-OFF", "a dangling 和", "以「和」结尾", oneWith(social("对受援地影响", "支持当地产业发展和"))),
	fires("HYG-CUT-OFF", "an unclosed bracket", "括号不成对", oneWith(qty("协助新增用地选址", "6个以上（含6"))),
	fires("HYG-CUT-OFF", "a word start with nothing to compare: 完成验(收)", "「验收」等词的头一个字", oneWith(timely("完工时间", "2024年12月31日前完成验"))),
	fires("HYG-CUT-OFF", "two characters the table always continues: 路保(洁)", "最常见「路保洁」", func() *jixiao.Table {
		return tbl(with("甲", qual("主干道保洁", "道路保洁达标"), qual("次干道保洁", "道路保洁到位"), qual("背街小巷保洁", "道路保洁无死角"), qual("公厕周边保洁", "周边道路保")))
	}),
	quiet("HYG-CUT-OFF", "one character is not enough: 地 goes on in 受援地影响 but ends 签约落地 (seed)", oneWith(
		social("对受援地影响", "支持受援地发展"), social("对帮扶地影响", "提升帮扶地产业"), social("受援地项目", "受援地项目落实"), social("加快项目建设", "项目签约落地"))),
	quiet("HYG-CUT-OFF", "limit: 完成划拨手 alone, nothing to compare with", oneWith(timely("支付时间", "在广州要求的时间内完成划拨手"))),
	quiet("HYG-CUT-OFF", "limit: 成果 cut to 成 — 成 ends too many words (完成, 形成) to judge alone", oneWith(timely("成果提交时间", "在合同约定的时间内提交全部成"))),
	quiet("HYG-CUT-OFF", "检验 ends in 验 but is a word", oneWith(qual("产品质量", "通过第三方检验"))),
	quiet("HYG-CUT-OFF", "a unit after a number is not a dangling word", oneWith(qty("办理婚姻登记", "≥36000对"), timely("平均急救反应时间", "不高于12分钟"))),
	quiet("HYG-CUT-OFF", "年度内完成 is complete although 年度内完成验收 exists", func() *jixiao.Table {
		return tbl(with("甲", timely("完成时间", "年度内完成")), with("乙", timely("完成时间", "年度内完成验收")))
	}),
	fires("HYG-DUP-GOAL", "two unrelated projects, one goal (seed)", "与项目「花都区陆空口岸专班工作专项经费」完全相同", func() *jixiao.Table {
		a, b := good("花都区陆空口岸专班工作专项经费"), good("支援海珠区突击队保障酒店项目经费")
		a.Goal = "通过开展区陆空口岸专班工作，全力做好2022-2023年1月疫情期间各项费用的结算工作。"
		b.Goal = a.Goal
		return tbl(a, b)
	}),
	quiet("HYG-DUP-GOAL", "the same project in another year (seed: 2024年对口帮扶…)", func() *jixiao.Table {
		a, b := good("对口帮扶清远市专项资金"), good("2024年对口帮扶清远市专项资金")
		a.Goal = "贯彻落实完善珠三角地区与粤东西北对口帮扶精神，实现区域协调发展。"
		b.Goal = a.Goal
		return tbl(a, b)
	}),
	quiet("HYG-DUP-GOAL", "different goals", func() *jixiao.Table { return tbl(good("甲"), good("乙")) }),
	fires("HYG-DUP-INDICATOR", "展位数 twice", "与第6个指标名称相同", oneWith(qty("展位数", "1个"), qty("展位数", "2个"))),
	quiet("HYG-DUP-INDICATOR", "the same name in two projects", func() *jixiao.Table { return tbl(good("甲"), good("乙")) }),
	fires("HYG-DUP-PROJECT", "two projects of one name", "与本表第 1 个项目「广州博览会」同名", func() *jixiao.Table { return tbl(good("广州博览会"), good("广州博览会")) }),
	fires("HYG-DUP-PROJECT", "names that differ only in bracket width", "读者无法区分", func() *jixiao.Table {
		return tbl(good("花都区宣传经费(区本级)"), good("花都区宣传经费（区本级）"))
	}),
	quiet("HYG-DUP-PROJECT", "different names", func() *jixiao.Table { return tbl(good("广州博览会"), good("亚洲时尚展")) }),
	fires("HYG-PERSONAL-NAME", "林翠莲同志 in a goal (seed)", "「林翠莲同志」", func() *jixiao.Table {
		p := good("历史遗留问题经费")
		p.Goal = "根据《关于林翠莲同志报销医药费问题的请示》，保障林翠莲同志的医疗报销费用。"
		return tbl(p)
	}),
	fires("HYG-PERSONAL-NAME", "a two-character name after a preposition", "「王强同志」", func() *jixiao.Table {
		p := good("慰问经费")
		p.Goal = "向王强同志家属发放慰问金，体现组织关怀。"
		return tbl(p)
	}),
	quiet("HYG-PERSONAL-NAME", "generic 同志", func() *jixiao.Table {
		p := good("老干部活动经费")
		p.Goal = "组织各位同志、离退休老同志和全体同志开展活动，关于同志们的意见及时回应。"
		return tbl(p)
	}),
	fires("HYG-ID-NUMBER", "a valid ID number", "110105********002X", func() *jixiao.Table {
		p := good("甲")
		p.Goal = goodGoal + "联系人身份证11010519491231002X。"
		return tbl(p)
	}),
	quiet("HYG-ID-NUMBER", "18 digits with a wrong check digit", func() *jixiao.Table {
		p := good("甲")
		p.Goal = goodGoal + "合同编号110105194912310021。"
		return tbl(p)
	}),
	fires("HYG-PHONE", "a mobile number", "138****5678", func() *jixiao.Table {
		p := good("甲")
		p.Goal = goodGoal + "联系人：张先生13812345678。"
		return tbl(p)
	}),
	fires("HYG-PHONE", "a landline with area code", "020****8888", func() *jixiao.Table {
		p := good("甲")
		p.Goal = goodGoal + "咨询电话020-86888888。"
		return tbl(p)
	}),
	quiet("HYG-PHONE", "dates, year ranges and amounts", func() *jixiao.Table {
		p := good("甲")
		p.Goal = "做好2022-2023年1月的结算，2023-10-31前完成，累计13800000000元。"
		return tbl(p)
	}),
}

// refs is the reference used by every case: a library where 支付时间 once
// had the complete value 第三季度前完成支付.
var refs = review.MapReference{}

func init() { refs.Add("支付时间", "第三季度前完成支付") }

func TestRules(t *testing.T) {
	for _, tc := range ruleCases {
		t.Run(tc.rule+"/"+tc.name, func(t *testing.T) {
			opts := tc.opts
			opts.Reference = refs
			all := review.Table(tc.t(), opts)
			got := ofRule(all, tc.rule)
			switch {
			case tc.fire && len(got) == 0:
				t.Fatalf("%s did not fire; all findings:%s", tc.rule, dump(all))
			case !tc.fire && len(got) > 0:
				t.Fatalf("%s fired on a near miss:%s", tc.rule, dump(got))
			}
			if tc.fire && tc.want != "" {
				mentioned := false
				for _, f := range got {
					mentioned = mentioned || strings.Contains(f.Message+f.Suggestion, tc.want)
				}
				if !mentioned {
					t.Errorf("no message mentions %q:%s", tc.want, dump(got))
				}
			}
			for _, f := range got {
				r, _ := review.Lookup(tc.rule)
				if f.Family != r.Family {
					t.Errorf("family = %s, want %s", f.Family, r.Family)
				}
				if tc.opts.Severity == nil && f.Severity != r.Severity {
					t.Errorf("severity = %s, want the default %s", f.Severity, r.Severity)
				}
				if f.Suggestion == "" {
					t.Error("no suggestion")
				}
			}
		})
	}
}

// Every rule of the catalogue has a case that fires and a near miss.
func TestEveryRuleIsSpecified(t *testing.T) {
	fire, miss := map[string]bool{}, map[string]bool{}
	for _, tc := range ruleCases {
		if _, ok := review.Lookup(tc.rule); !ok {
			t.Errorf("case %q names unknown rule %s", tc.name, tc.rule)
		}
		if tc.fire {
			fire[tc.rule] = true
		} else {
			miss[tc.rule] = true
		}
	}
	for _, r := range review.Rules() {
		if !fire[r.ID] {
			t.Errorf("%s has no case that must fire", r.ID)
		}
		if !miss[r.ID] {
			t.Errorf("%s has no near miss that must not fire", r.ID)
		}
	}
}
