package review

import (
	"fmt"
	"strconv"
	"strings"

	"jixiao"
)

// Hygiene: defects of a table as a document — stale copies from last
// year, text cut off by the PDF, copy-paste between projects, and personal
// data in text that will be published.

var hygieneRules = []ruleDef{
	{Rule: Rule{
		ID: "HYG-STALE-DEADLINE", Family: jixiao.FamilyHygiene, Severity: jixiao.SeverityError, Principle: PrincipleFeasibility,
		Title:     "完成期限早于预算年度",
		Checks:    "指标值中的完成期限在预算年度之前（如 2024 年的表写“2023年5月31日前交付”）。",
		Rationale: "期限已过的目标是照抄往年的表，没有按本年度重新设定；预算年度未知时不查。",
	}, indicator: checkStaleDeadline},
	{Rule: Rule{
		ID: "HYG-CUT-OFF", Family: jixiao.FamilyHygiene, Severity: jixiao.SeverityWarning, Principle: PrinciplePublication,
		Title:     "指标值在词中被截断",
		Checks:    "同名指标在本表或资料库中另有一个值，恰是本值再多一两个字（“完成划拨手”与“完成划拨手续”）；或本值末字在本表其他指标值中几乎总接着别的字（“完成验”而别处都是“验收”）；或以“的、和、及、（”等结尾、括号不成对。",
		Rationale: "截断的指标值意思不完整，多为表格导出或复制时丢字；只能与别处的完整值对照发现，故为警告。",
	}, indicator: checkCutOff},
	{Rule: Rule{
		ID: "HYG-DUP-GOAL", Family: jixiao.FamilyHygiene, Severity: jixiao.SeverityWarning, Principle: PrincipleRelevance,
		Title:     "不同项目的绩效目标完全相同",
		Checks:    "两个名称不相近的项目绩效目标文字相同（忽略空格和标点差异；同一项目分年度、分批次的不查）。",
		Rationale: "目标应针对项目本身；照搬另一项目的目标，说明没有认真设定，或两个项目实为一事（重复申报）。",
	}, project: checkDupGoal},
	{Rule: Rule{
		ID: "HYG-DUP-INDICATOR", Family: jixiao.FamilyHygiene, Severity: jixiao.SeverityWarning, Principle: PrincipleCompleteness,
		Title:     "项目内指标名称重复",
		Checks:    "同一项目中两个指标名称相同。",
		Rationale: "重复的指标会在自评时重复计分，或是复制后忘了改名。",
	}, project: checkDupIndicator},
	{Rule: Rule{
		ID: "HYG-DUP-PROJECT", Family: jixiao.FamilyHygiene, Severity: jixiao.SeverityWarning, Principle: PrinciplePublication,
		Title:     "项目名称重复",
		Checks:    "同一张表中两个项目名称相同。",
		Rationale: "同名项目无法区分，可能是重复列示。",
	}, project: checkDupProject},
	{Rule: Rule{
		ID: "HYG-PERSONAL-NAME", Family: jixiao.FamilyHygiene, Severity: jixiao.SeverityWarning, Principle: PrinciplePublication,
		Title:     "公开文本中有个人姓名",
		Checks:    "项目名称、绩效目标、指标中出现“姓名+同志”（如“林翠莲同志”；“各位同志”“老同志”等泛称不算）。",
		Rationale: "绩效目标表要向社会公开，不应出现个人姓名，尤其涉及医疗、待遇等个人事项时。",
	}, project: checkPersonalName},
	{Rule: Rule{
		ID: "HYG-ID-NUMBER", Family: jixiao.FamilyHygiene, Severity: jixiao.SeverityError, Principle: PrinciplePublication,
		Title:     "公开文本中有身份证号",
		Checks:    "文本中有 18 位身份证号（出生日期合理且校验码正确）。",
		Rationale: "身份证号是敏感个人信息，不得公开。",
	}, project: checkIDNumber},
	{Rule: Rule{
		ID: "HYG-PHONE", Family: jixiao.FamilyHygiene, Severity: jixiao.SeverityWarning, Principle: PrinciplePublication,
		Title:     "公开文本中有电话号码",
		Checks:    "文本中有手机号（1 开头 11 位）或带区号的固定电话。",
		Rationale: "手机号多属个人信息；单位公开电话可以保留，故为警告。",
	}, project: checkPhone},
}

func checkStaleDeadline(c *checker, p *proj, x *ind) {
	fy := c.t.FiscalYear
	if fy == 0 {
		return
	}
	for i := range x.vals {
		v := &x.vals[i]
		y, ok := deadlineYear(v)
		if !ok && v.kind == jixiao.KindQualitative && hasAny(v.text, "前", "底", "完成", "交付", "验收") {
			y, ok = explicitYear(v.text)
		}
		if !ok || y >= fy {
			continue
		}
		c.reportVal(p, x, v, fmt.Sprintf("%s的期限在 %d 年，早于 %d 预算年度，像是照抄往年的目标。", v.where(p, x), y, fy),
			fmt.Sprintf("按 %d 年度的工作安排重新设定完成期限，如“%d年12月31日前完成”。", fy, fy))
	}
}

// finalRunes often end a complete phrase (完成, 验收, 到位 …): a value ending
// in one of them is not taken for a cut-off even when a longer value
// starts with it.
const finalRunes = "成收作务设标升高好展效善平度率性量数格规位用行施理动障件产批案品目训会果类级等内外上下底前后次个家人元年月日天"

// mayBeCutOff: the text ends in a character that rarely ends a phrase, so
// it is worth looking for a longer value that completes it.
func mayBeCutOff(s string) bool {
	if s == "" {
		return false
	}
	last := lastRune(s)
	return last < 1<<16 && finalBits[last>>6]&(1<<(last&63)) == 0 && isHan(last)
}

var finalBits = func() (b [1 << 10]uint64) {
	for _, r := range finalRunes {
		b[r>>6] |= 1 << (r & 63)
	}
	return b
}()

// danglers cannot end a phrase: a value ending in one was cut off.
const danglers = "的和及与或并对把将在于为以从向、，（(“《"

func checkCutOff(c *checker, p *proj, x *ind) {
	for i := range x.vals {
		v := &x.vals[i]
		if v.text == "" {
			continue
		}
		last := lastRune(v.text)
		if strings.ContainsRune(danglers, last) && !endsWithUnit(v.text) || unbalanced(v.text) {
			c.reportVal(p, x, v, fmt.Sprintf("%s以「%c」结尾或括号不成对，似乎被截断。", v.where(p, x), last),
				"核对原始材料，补全指标值。")
			continue
		}
		if !mayBeCutOff(v.text) {
			continue
		}
		full, src := c.completion(x, v.text)
		if full == "" {
			// Nothing to compare with. A character that starts the words of
			// target values but (almost) never ends them: 完成验(收).
			if w, ok := cutWord(v.text); ok {
				c.reportVal(p, x, v, fmt.Sprintf("%s以「%c」结尾，而指标值中的「%c」通常是「%s」等词的头一个字，似乎在词中被截断。", v.where(p, x), last, last, w),
					fmt.Sprintf("核对原始材料，补全指标值（如「%s%s」）。", clip(v.text, 40), strings.TrimPrefix(w, string(last))))
				continue
			}
			// Does the table always go on where this value stops? The last
			// two characters, not one: 成验 is followed by 收 elsewhere, while
			// a single 地 or 合 goes on in too many words to tell.
			k, ok := lastPair(v.text)
			if st := c.runeStats[k]; ok && st != nil && st.follow >= 3 && st.follow >= 3*st.ends && !endsWithUnit(v.text) {
				u := st.usual()
				c.reportVal(p, x, v, fmt.Sprintf("%s以「%c%c」结尾，而本表其他指标值中「%c%c」%d 处后面都接着字（最常见「%c%c%c」），只有 %d 处在末尾，似乎在词中被截断。",
					v.where(p, x), k[0], k[1], k[0], k[1], st.follow, k[0], k[1], u, st.ends),
					fmt.Sprintf("核对原始材料，补全指标值（如「%s%c…」）。", clip(v.text, 40), u))
			}
			continue
		}
		c.reportVal(p, x, v, fmt.Sprintf("%s似乎在词中被截断：同名指标「%s」在%s中的值为「%s」。", v.where(p, x), clip(x.name, 20), src, clip(full, 60)),
			"核对原始材料，补全为「"+clip(full, 60)+"」或其他完整表述。")
	}
}

// pair is two characters in a row.
type pair [2]rune

// lastPair returns the last two characters of s when both are Chinese.
func lastPair(s string) (pair, bool) {
	b := lastRune(s)
	rest := s[:len(s)-len(string(b))]
	if rest == "" {
		return pair{}, false
	}
	a := lastRune(rest)
	return pair{a, b}, isHan(a) && isHan(b)
}

// runeStat is how the two characters that end a suspect value are used in
// the other values of the table: at the end of a value, or followed by
// another character (and which).
type runeStat struct {
	ends, follow int
	next         []runeCount
}

type runeCount struct {
	r rune
	n int
}

// countRunes fills c.runeStats in one pass over every target value of the
// table. 成验 followed by 收 in five values and ending only one is a word
// cut in half there.
func (c *checker) countRunes() {
	var bits [1 << 10]uint64 // second characters of the pairs: a cheap filter
	for k := range c.runeStats {
		if k[1] < 1<<16 {
			bits[k[1]>>6] |= 1 << (k[1] & 63)
		}
	}
	count := func(s string) {
		prev := rune(-1)
		var pending *runeStat // the pair that ended at the previous character
		for _, r := range s {
			if pending != nil {
				pending.follow++
				if isHan(r) {
					pending.note(r)
				}
				pending = nil
			}
			if prev >= 0 && r < 1<<16 && bits[r>>6]&(1<<(r&63)) != 0 {
				pending = c.runeStats[pair{prev, r}]
			}
			prev = r
		}
		if pending != nil {
			pending.ends++
		}
	}
	for _, p := range c.projects {
		for _, in := range p.Indicators {
			a, pd := textOf(&in.Annual), textOf(&in.Period)
			count(a)
			if pd != a {
				count(pd)
			}
		}
	}
}

func (st *runeStat) note(r rune) {
	for i := range st.next {
		if st.next[i].r == r {
			st.next[i].n++
			return
		}
	}
	st.next = append(st.next, runeCount{r, 1})
}

// usual returns the character that most often follows.
func (st *runeStat) usual() rune {
	best := runeCount{}
	for _, rc := range st.next {
		if rc.n > best.n {
			best = rc
		}
	}
	return best.r
}

// wordStarts are characters that begin common words of target values and
// end a phrase only in the listed words: 验 ends 检验, 试验 … but
// "完成验" is 验收 cut in half. Characters that end too many words (成: 完成,
// 形成 …; 支: 开支; 任 is kept because 责任, 主任 … are listed) are left out.
var wordStarts = map[rune]struct{ word, finalAfter string }{
	'验': {"验收", "检考试实体查经应灵"},
	'任': {"任务", "责信担主就到胜委聘兼继新上前历放出专现离"},
	'使': {"使用", "大特天行促迫致公"},
	'签': {"签订", "标抽会草书"},
	'竣': {"竣工", ""},
	'审': {"审核", "初复终评送会联预报"},
	'备': {"备案", "准设装具配储完必预整筹兼警戒军"},
	'拨': {"拨付", "下划调直点"},
	'履': {"履约", ""},
	'投': {"投入使用", "招"},
}

// cutWord reports a value ending in a word-start character that is not the
// end of one of its listed words, and the word it likely was.
func cutWord(s string) (string, bool) {
	last := lastRune(s)
	w, ok := wordStarts[last]
	if !ok || endsWithUnit(s) {
		return "", false
	}
	before := lastRune(s[:len(s)-len(string(last))])
	if strings.ContainsRune(w.finalAfter, before) {
		return "", false
	}
	return w.word, true
}

// completion finds a value of the same indicator name, in the table or the
// reference, that is text plus one or two characters completing its last
// word.
func (c *checker) completion(x *ind, text string) (full, where string) {
	try := func(cands []string) string {
		for _, cand := range cands {
			cand = strings.TrimSuffix(strings.TrimSpace(cand), "。")
			if len(cand) <= len(text) || !strings.HasPrefix(cand, text) {
				continue
			}
			tail := cand[len(text):]
			if n := runeLen(tail); n <= 2 && isHan(firstRune(tail)) {
				return cand
			}
		}
		return ""
	}
	if f := try(c.valuesByName[x.key]); f != "" {
		return f, "本表"
	}
	if c.opts.Reference != nil {
		if f := try(c.opts.Reference.ValuesForIndicator(x.name)); f != "" {
			return f, "资料库"
		}
	}
	return "", ""
}

// unbalanced reports an opening bracket or quote that is never closed.
func unbalanced(s string) bool {
	// Brackets and quotes are '(' or start with byte 0xEF (（）), 0xE3 (《》)
	// or 0xE2 (“”): most values have none, and IndexByte is fast.
	if strings.IndexByte(s, '(') < 0 && strings.IndexByte(s, 0xEF) < 0 && strings.IndexByte(s, 0xE3) < 0 && strings.IndexByte(s, 0xE2) < 0 {
		return false
	}
	var paren, book, quote int
	for _, r := range s {
		switch r {
		case '（', '(':
			paren++
		case '）', ')':
			paren--
		case '《':
			book++
		case '》':
			book--
		case '“':
			quote++
		case '”':
			quote--
		}
	}
	return paren > 0 || book > 0 || quote > 0
}

// relatedNames: the same project funded in several years or batches
// (“2024年对口帮扶……” and “对口帮扶……”) may share a goal.
func relatedNames(a, b string) bool {
	a, b = stripYear(normKey(a)), stripYear(normKey(b))
	return a == b || strings.Contains(a, b) || strings.Contains(b, a)
}

func stripYear(s string) string {
	if len(s) >= 7 && isDigit(s[0]) && isDigit(s[1]) && isDigit(s[2]) && isDigit(s[3]) && strings.HasPrefix(s[4:], "年") {
		s = s[4+len("年"):]
	}
	s = strings.TrimPrefix(s, "年度")
	return s
}

func checkDupGoal(c *checker, p *proj) {
	g := normKey(p.p.Goal)
	if len(g) < 4*c.opts.MinGoalRunes && runeLen(g) < c.opts.MinGoalRunes {
		return // short goals are COMP-GOAL-THIN's business
	}
	if c.goals == nil {
		c.goals = make(map[string][]int)
	}
	earlier := c.goals[g]
	c.goals[g] = append(earlier, p.i)
	for _, j := range earlier {
		other := c.projects[j]
		if relatedNames(other.Name, p.p.Name) {
			continue
		}
		c.reportProject(p, "goal", fmt.Sprintf("%s的绩效目标与项目「%s」完全相同：「%s」。", p.where(), trim(other.Name), clip(trim(p.p.Goal), 40)),
			"按本项目的资金用途和预期效果重新写绩效目标；如两个项目实为一事，应合并。")
		return
	}
}

func checkDupIndicator(c *checker, p *proj) {
	for i, x := range p.inds {
		if x.key == "" {
			continue
		}
		for _, y := range p.inds[:i] {
			if y.key == x.key {
				c.reportInd(p, x, "name", fmt.Sprintf("%s与第%d个指标名称相同。", x.where(p), y.seq),
					"合并重复的指标，或改名以区分所衡量的不同对象。")
				break
			}
		}
	}
}

func checkDupProject(c *checker, p *proj) {
	k := normKey(p.p.Name)
	if k == "" {
		return
	}
	if c.projNames == nil {
		c.projNames = make(map[string]int)
	}
	if j, ok := c.projNames[k]; ok {
		how := "同名"
		if trim(c.projects[j].Name) != p.name {
			how = "名称只差空格或全角、半角标点，读者无法区分"
		}
		c.reportProject(p, "name", fmt.Sprintf("%s与本表第 %d 个项目「%s」%s。", p.where(), j+1, trim(c.projects[j].Name), how),
			"核对是否重复列示；确为不同项目的，在名称中加以区分（如资金来源、批次）。")
		return
	}
	c.projNames[k] = p.i
}

// pubText is one text of a project that will be published.
type pubText struct {
	x     *ind // nil for the project's own texts
	v     *val // nil unless a target value
	field string
	text  string
}

// label names the place of the text in a message.
func (t pubText) label(p *proj) string {
	switch {
	case t.v != nil:
		return t.x.where(p) + "的" + t.v.label()
	case t.x != nil:
		return t.x.where(p) + "的名称"
	case t.field == "name":
		return p.where() + "的名称"
	case t.field == "annual_goal":
		return p.where() + "的年度绩效目标"
	}
	return p.where() + "的绩效目标"
}

func (c *checker) reportText(p *proj, t pubText, msg, sugg string) {
	seq, ford := 0, 0
	if t.x != nil {
		seq = t.x.seq
	}
	if t.v != nil {
		ford = t.v.ord
	}
	c.report(p.p.Name, seq, t.field, ford, msg, sugg)
}

// publishedText calls fn for every text of a project that will be
// published: name, goals, and each indicator's name and values.
func publishedText(p *proj, fn func(t pubText)) {
	fn(pubText{field: "name", text: p.name})
	fn(pubText{field: "goal", text: p.p.Goal})
	fn(pubText{field: "annual_goal", text: p.p.AnnualGoal})
	for _, x := range p.inds {
		fn(pubText{x: x, field: "name", text: x.name})
		for i := range x.vals {
			v := &x.vals[i]
			fn(pubText{x: x, v: v, field: v.field, text: v.text})
		}
	}
}

// surnames are common Chinese surnames; characters that are far more often
// ordinary words before 同志 (全, 相, 党, 老, 新 …) are left out.
const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景"

var compoundSurnames = []string{"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "司徒", "夏侯", "慕容", "尉迟", "长孙", "宇文", "公孙"}

// notNames are words that end right before 同志 and start with a surname
// character but are not names.
var notNames = []string{"关于", "对于", "由于", "至于", "广大", "全体", "各位", "有关", "相关", "青年", "领导", "负责", "年轻", "这位", "那位",
	"其他", "先进", "优秀", "党员", "干部", "同事", "老年", "离休", "退休", "基层", "一线", "机关", "单位", "女", "男"}

// functionSurnames are surname characters that are usually a preposition or
// conjunction before a two-character name: 向王强同志 is 王强.
const functionSurnames = "向于和与同从将由经给把对为及关"

// personalNames finds “name + 同志” in s.
func personalNames(s string) []string {
	var out []string
	for i := 0; ; {
		j := strings.Index(s[i:], "同志")
		if j < 0 {
			return out
		}
		j += i
		i = j + len("同志")
		var rs []rune // up to 4 Han runes right before 同志, in order
		for k := j; k > 0 && len(rs) < 4; {
			r := lastRune(s[:k])
			if !isHan(r) {
				break
			}
			rs = append([]rune{r}, rs...)
			k -= len(string(r))
		}
		if name := pickName(rs); name != "" && !contains(out, name) {
			out = append(out, name)
		}
	}
}

func pickName(rs []rune) string {
	n := len(rs)
	for _, size := range []int{4, 3} {
		if n >= size {
			cand := string(rs[n-size:])
			for _, cs := range compoundSurnames {
				if strings.HasPrefix(cand, cs) {
					return cand
				}
			}
		}
	}
	is := func(r rune) bool { return strings.ContainsRune(surnames, r) }
	ok := func(cand string) bool {
		for _, w := range notNames {
			if strings.HasSuffix(cand, w) || strings.HasPrefix(cand, w) {
				return false
			}
		}
		return true
	}
	if n >= 3 && is(rs[n-3]) && !(strings.ContainsRune(functionSurnames, rs[n-3]) && is(rs[n-2])) {
		if cand := string(rs[n-3:]); ok(cand) {
			return cand
		}
	}
	if n >= 2 && is(rs[n-2]) {
		if cand := string(rs[n-2:]); ok(cand) {
			return cand
		}
	}
	return ""
}

func checkPersonalName(c *checker, p *proj) {
	publishedText(p, func(t pubText) {
		if !strings.Contains(t.text, "同志") {
			return
		}
		for _, name := range personalNames(t.text) {
			c.reportText(p, t, fmt.Sprintf("%s中出现个人姓名「%s同志」。", t.label(p), name),
				"公开文本中删去个人姓名，改用“1名退休干部”“相关人员”等不指向个人的表述。")
		}
	})
}

// hasDigitRun reports a run of at least n ASCII digits: the cheap test
// before looking for ID and phone numbers.
func hasDigitRun(s string, n int) bool {
	k := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			if k++; k >= n {
				return true
			}
		} else {
			k = 0
		}
	}
	return false
}

// digitRun is a maximal run of ASCII digits in a text.
type digitRun struct{ start, end int }

func digitRuns(s string) []digitRun {
	var out []digitRun
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		out = append(out, digitRun{i, j})
		i = j
	}
	return out
}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheck = "10X98765432"

// idNumbers finds 18-character resident ID numbers with a plausible birth
// date and a correct check digit (GB 11643).
func idNumbers(s string) []string {
	var out []string
	for _, r := range digitRuns(s) {
		end := r.end
		switch n := r.end - r.start; {
		case n == 17 && end < len(s) && (s[end] == 'X' || s[end] == 'x'):
			end++
		case n == 18:
		default:
			continue
		}
		if end < len(s) && (isDigit(s[end]) || s[end] >= 'A' && s[end] <= 'Z' || s[end] >= 'a' && s[end] <= 'z') {
			continue
		}
		id := strings.ToUpper(s[r.start:end])
		if validID(id) {
			out = append(out, id)
		}
	}
	return out
}

func validID(id string) bool {
	y, _ := strconv.Atoi(id[6:10])
	m, _ := strconv.Atoi(id[10:12])
	d, _ := strconv.Atoi(id[12:14])
	if y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(id[i]-'0') * idWeights[i]
	}
	return idCheck[sum%11] == id[17]
}

func maskID(id string) string { return id[:6] + "********" + id[14:] }

// numberHit is a published text with ID or phone numbers in it.
type numberHit struct {
	t      pubText
	ids    []string
	phones []string
}

// numbers scans the project's published texts for ID and phone numbers
// once, for both rules.
func (p *proj) numbers() []numberHit {
	if p.numbersDone {
		return p.numberHits
	}
	p.numbersDone = true
	publishedText(p, func(t pubText) {
		if len(t.text) < 10 || !hasDigitRun(t.text, 7) {
			return
		}
		h := numberHit{t: t, ids: idNumbers(t.text), phones: phoneNumbers(t.text)}
		if len(h.ids)+len(h.phones) > 0 {
			p.numberHits = append(p.numberHits, h)
		}
	})
	return p.numberHits
}

func checkIDNumber(c *checker, p *proj) {
	for _, h := range p.numbers() {
		t := h.t
		for _, id := range h.ids {
			c.reportText(p, t, fmt.Sprintf("%s中出现身份证号（%s）。", t.label(p), maskID(id)),
				"公开前删除身份证号；需要指向具体人员的，改用不含个人信息的编号或表述。")
		}
	}
}

// phoneNumbers finds mobile numbers (1[3-9] + 9 digits) and landlines with
// an area code (0xx-xxxxxxx(x)) that stand alone, not inside a longer
// number or followed by a unit (an amount).
func phoneNumbers(s string) []string {
	var out []string
	runs := digitRuns(s)
	for i, r := range runs {
		n := r.end - r.start
		before := byte(0)
		if r.start > 0 {
			before = s[r.start-1]
		}
		if before == '.' || before == ',' {
			continue
		}
		after := s[r.end:]
		switch {
		case n == 11 && s[r.start] == '1' && s[r.start+1] >= '3' && s[r.start+1] <= '9':
			if strings.HasPrefix(after, ".") || unitAt(after) != "" || hasPrefixAny(after, "万", "亿", "千") != "" {
				continue
			}
			out = append(out, s[r.start:r.end])
		case (n == 3 || n == 4) && s[r.start] == '0' && i+1 < len(runs):
			sep := s[r.end:runs[i+1].start]
			m := runs[i+1].end - runs[i+1].start
			if (sep == "-" || sep == "－" || sep == "—") && (m == 7 || m == 8) {
				out = append(out, s[r.start:runs[i+1].end])
			}
		}
	}
	return out
}

func maskPhone(p string) string {
	if len(p) < 7 {
		return p
	}
	return p[:3] + "****" + p[len(p)-4:]
}

func checkPhone(c *checker, p *proj) {
	for _, h := range p.numbers() {
		t := h.t
		for _, ph := range h.phones {
			c.reportText(p, t, fmt.Sprintf("%s中出现电话号码（%s）。", t.label(p), maskPhone(ph)),
				"个人手机号不得公开，予以删除；确需公开联系方式的，使用单位对外公开电话。")
		}
	}
}
