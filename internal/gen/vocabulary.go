package gen

// The vocabulary is data: per bureau (field) its 下属单位, project
// archetypes with their names, goal sentences and indicator templates, and
// the phrases its filers use. Indicators are templates, not finished text,
// because the same indicator is written differently by different filers
// (see values.go).

// form says how an indicator's target value is written.
type form uint8

const (
	fCount        form = iota // positive count with a unit: "≥20家", "300人次以上"
	fExact                    // a small deliverable written bare: "1份", "2场"
	fPercent                  // positive rate: "≥95%", "100%"
	fSatisfaction             // 满意度; never 100 % in a clean table
	fLess                     // less is better: "≤5次", "不高于5%"
	fMoney                    // an amount: "≥5000万元", "3.8亿美元"
	fDeadline                 // a date or period, text is the action: "2024年12月31日前完成验收"
	fBool                     // "是"
	fText                     // fixed qualitative text: "有效保障", "合格及以上"
	fCostCap                  // 项目总成本: "≤<the project's own total>万元"
)

// flag adds a qualifier the seed writes in front of a comparator.
type flag uint8

const (
	qAdded flag = 1 << iota // "新增≥1家"
	qYear                   // "全年≥40家"
)

// ind is an indicator template.
type ind struct {
	l2     string // level-2 code; level 1 is its first digit
	name   string
	form   form
	unit   string
	lo, hi int    // range of the number (for fMoney in 亿: tenths are drawn)
	text   string // fText: the value; fDeadline: the action
	flags  flag
}

func cnt(l2, name, unit string, lo, hi int) ind {
	return ind{l2: l2, name: name, form: fCount, unit: unit, lo: lo, hi: hi}
}

func exact(l2, name, unit string, lo, hi int) ind {
	return ind{l2: l2, name: name, form: fExact, unit: unit, lo: lo, hi: hi}
}

func pct(l2, name string, lo, hi int) ind {
	return ind{l2: l2, name: name, form: fPercent, unit: "%", lo: lo, hi: hi}
}

func sat(name string) ind {
	return ind{l2: "31", name: name, form: fSatisfaction, unit: "%", lo: 80, hi: 98}
}

func less(l2, name, unit string, lo, hi int) ind {
	return ind{l2: l2, name: name, form: fLess, unit: unit, lo: lo, hi: hi}
}

func money(l2, name, unit string, lo, hi int) ind {
	return ind{l2: l2, name: name, form: fMoney, unit: unit, lo: lo, hi: hi}
}

func due(name, action string) ind {
	return ind{l2: "13", name: name, form: fDeadline, text: action}
}

func yes(l2, name string) ind { return ind{l2: l2, name: name, form: fBool} }

func text(l2, name, value string) ind {
	return ind{l2: l2, name: name, form: fText, text: value}
}

func (x ind) added() ind  { x.flags |= qAdded; return x }
func (x ind) yearly() ind { x.flags |= qYear; return x }

// archetype is a kind of project a unit runs year after year.
type archetype struct {
	names []string // project names; "{d}" is the district's short name (花都)
	goals []string // goal sentences without the final 。; "{d}" likewise
	aims  []string // goal tails; nil: the field's
	inds  []ind
}

// subUnit is a 下属单位 and the projects it typically runs.
type subUnit struct {
	name     string // appended to "广州市<district>": "疾病预防控制中心"
	projects []archetype
}

// field is one bureau's line of work.
type field struct {
	bureau     string // appended to "广州市<district>": "教育局"
	subs       []subUnit
	projects   []archetype // the bureau's own
	aims       []string    // goal tails: what the work is for
	recipients []string    // whose 满意度 is asked
}

// fields is every bureau a table can come from.
var fields = []*field{
	&education, &health, &agriculture, &industry,
	&civil, &transport, &culture, &labour,
}

// districts of 广州; short names fill "{d}" in names and goals.
var districts = []struct{ name, short string }{
	{"越秀区", "越秀"}, {"海珠区", "海珠"}, {"荔湾区", "荔湾"}, {"天河区", "天河"},
	{"白云区", "白云"}, {"黄埔区", "黄埔"}, {"番禺区", "番禺"}, {"花都区", "花都"},
	{"南沙区", "南沙"}, {"从化区", "从化"}, {"增城区", "增城"},
}

// genericSubs name further 下属单位 when a table has more units than a
// field lists; they run the common projects.
var genericSubs = []string{"信息中心", "机关服务中心", "综合保障中心", "宣传教育中心", "档案室"}

// maxUnits is how many distinct units a table can have: the bureau, its
// smallest field's 下属单位 and the generic ones.
const maxUnits = 1 + 4 + 5

// common are projects every bureau runs to keep its office going.
// officeAims are what running an office is for.
var officeAims = []string{"保障机关高效运转", "提升行政效能", "保障各项工作顺利开展", "为全局中心工作提供有力支撑"}

var common = []archetype{
	{
		names: []string{"机构运行辅助经费", "编外人员聘用经费", "政府购买服务岗位经费"},
		aims:  officeAims,
		goals: []string{"通过编外人员聘用经费项目，保障编外人员工资福利待遇，提高人员工作积极性，在各自的工作岗位上发挥有效作用"},
		inds: []ind{
			cnt("11", "聘用编外人员", "名", 10, 60),
			pct("12", "编外人员参保率", 100, 100),
			text("22", "编外人员年度考核结果", "合格及以上"),
			sat("服务对象满意度"),
		},
	},
	{
		names: []string{"安全生产及办公大楼运行维护经费", "办公场所安全运行维护经费", "机关办公楼物业管理经费"},
		aims:  officeAims,
		goals: []string{"加强办公大楼维护，提供安全的办公环境，保障各项工作正常开展", "加强安全生产监督管理，落实消防安全责任，确保办公场所全年安全运行"},
		inds: []ind{
			cnt("11", "开展消防安全检查", "次", 12, 24),
			pct("12", "应急演练完成率", 100, 100),
			pct("12", "设施设备完好率", 95, 100),
			text("22", "办公大楼安全运行情况", "全年无安全事故"),
			sat("干部职工满意度"),
		},
	},
	{
		names: []string{"信息化系统运维经费", "业务信息系统运行维护费", "网络安全及信息化运维项目"},
		aims:  officeAims,
		goals: []string{"通过购买信息系统运维服务，保障业务系统和网络安全稳定运行，提升办公效率和政务服务水平"},
		inds: []ind{
			cnt("11", "运维业务系统", "个", 3, 15),
			pct("12", "系统正常运行率", 98, 100),
			less("12", "系统故障率", "%", 2, 5),
			due("运维服务验收时间", "完成验收"),
			yes("24", "网络安全等级保护测评持续达标"),
			pct("23", "办公纸张电子化替代率", 50, 80),
			sat("系统用户满意度"),
		},
	},
	{
		names: []string{"离退休干部活动经费", "老干部工作经费"},
		aims:  officeAims,
		goals: []string{"通过开展老干活动，加强离退休干部职工管理服务，及时了解离退休干部职工的思想动态，解决实际困难，确保离退休干部职工安享晚年"},
		inds: []ind{
			cnt("11", "组织离退休干部活动", "次", 6, 12),
			pct("12", "活动参与率", 60, 80),
			pct("22", "看望住院人员及慰问去世人员亲属完成率", 100, 100),
			sat("离退休干部满意度"),
		},
	},
	{
		names: []string{"法律顾问服务经费", "法律事务专项经费"},
		aims:  officeAims,
		goals: []string{"通过聘请常年法律顾问，为重大决策、合同签订和行政执法提供法律意见，提升依法行政水平"},
		inds: []ind{
			cnt("11", "审查合同及规范性文件", "份", 50, 300),
			cnt("11", "提供法律咨询", "次", 50, 200),
			pct("13", "法律意见按时出具率", 100, 100),
			less("22", "行政复议被纠错案件", "件", 1, 3),
			sat("业务科室满意度"),
		},
	},
	{
		names: []string{"档案数字化经费", "档案整理及数字化加工项目"},
		aims:  officeAims,
		goals: []string{"通过开展档案整理和数字化加工，实现档案信息化管理，方便档案查询利用，保障档案实体安全"},
		inds: []ind{
			cnt("11", "完成档案数字化扫描", "万页", 10, 50),
			pct("12", "数字化成果验收合格率", 100, 100),
			due("档案数字化完成时间", "完成验收"),
			pct("23", "纸质档案调阅减少率", 50, 80),
			yes("24", "数字档案实现长期安全保存"),
			sat("档案利用者满意度"),
		},
	},
	{
		names: []string{"政务信息宣传经费", "政务公开及新闻宣传经费"},
		aims:  officeAims,
		goals: []string{"通过政务新媒体和主流媒体宣传，及时发布政务信息，提高政务公开水平，增进群众对政策的知晓和理解"},
		inds: []ind{
			cnt("11", "发布政务信息", "条", 200, 800),
			cnt("11", "制作发放宣传资料", "份", 2000, 10000),
			pct("12", "信息发布准确率", 100, 100),
			cnt("22", "政务新媒体新增关注用户", "人", 5000, 50000).added(),
			sat("群众满意度"),
		},
	},
}

// generic are indicators any project can carry when its archetype runs
// short: completion dates, acceptance, lasting effects, cost.
var generic = []ind{
	due("项目完成时间", "完成"),
	due("项目验收时间", "完成验收"),
	due("合同签订时间", "完成签订"),
	due("成果交付时间", "交付使用"),
	pct("12", "项目验收合格率", 100, 100),
	pct("12", "项目实施方案完成率", 100, 100),
	yes("24", "项目成果持续发挥作用"),
	cnt("24", "项目效益持续年限", "年", 3, 5),
	yes("23", "项目实施符合环保要求"),
}

// dust is the 生态效益 indicator of construction projects.
var dust = text("23", "施工扬尘防治措施落实情况", "全面落实")

// costs are the rarer 成本 indicators: 14 in older templates, 4x in the
// 财预〔2021〕101号 ones.
var costs = []ind{
	{l2: "41", name: "项目总成本", form: fCostCap, unit: "万元"},
	less("41", "单位产出成本", "元", 100, 1000),
	less("14", "人均服务成本", "元", 200, 1000),
	pct("14", "项目成本节约率", 3, 10),
	text("42", "对社会公众造成的负面影响", "无重大负面影响"),
	less("42", "项目实施引发的信访投诉", "件", 1, 3),
	less("43", "项目实施产生的环境污染投诉", "件", 1, 3),
	text("43", "生态环境负面影响", "无明显负面影响"),
}
