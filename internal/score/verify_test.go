package score_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/score"
)

func sheetIndicator(l1, name, target, actual, weight, published string) score.SheetIndicator {
	si := score.SheetIndicator{Where: name, Actual: actual, Indicator: *weighted(l1, name, target, weight)}
	si.Indicator.Seq = 0 // numbered by Verify, as the readers leave it
	if published != "" {
		si.Score = jixiao.MustDecimal(published)
	}
	return si
}

func kinds(ps []score.Problem) string {
	var k []string
	for _, p := range ps {
		k = append(k, p.Kind)
	}
	return strings.Join(k, " ")
}

func TestVerify(t *testing.T) {
	d := jixiao.MustDecimal
	correct := score.SheetProject{Name: "正确的项目", Budget: fen(5_000_000), Executed: fen(4_600_000), BudgetScore: d("9.2"), Total: d("88.88"), Grade: "良",
		Indicators: []score.SheetIndicator{
			sheetIndicator("产出指标", "培训合格率", "≥95%", "92%", "50", "48.42"),
			sheetIndicator("效益指标", "营商环境", "持续优化", "部分达成", "30", "21.26"), // anywhere in 18–24
			sheetIndicator("满意度指标", "满意度", "≥90%", "91%", "10", "10"),
		}}
	tests := []struct {
		name  string
		p     score.SheetProject
		s     score.Settings
		kinds string
		total string
	}{
		{"all agree", correct, score.DefaultSettings(), "", "88.88"},
		{"within tolerance", func() score.SheetProject {
			p := correct
			p.Indicators = append([]score.SheetIndicator(nil), p.Indicators...)
			p.Indicators[0].Score = d("48.43")
			p.Total = d("88.89")
			return p
		}(), score.DefaultSettings(), "", "88.88"},
		{"a wrong score, its total and sum", func() score.SheetProject {
			p := correct
			p.Indicators = append([]score.SheetIndicator(nil), p.Indicators...)
			p.Indicators[0].Score = d("48.5") // rate rounded first: 0.97×50
			return p
		}(), score.DefaultSettings(), "score total_sum", "88.88"},
		{"qualitative outside its band", func() score.SheetProject {
			p := correct
			p.Indicators = append([]score.SheetIndicator(nil), p.Indicators...)
			p.Indicators[1].Score = d("25")
			p.Total = d("92.62")
			return p
		}(), score.DefaultSettings(), "score total", "88.62"}, // outside the band: the default share (70% of 30) is the recomputed score
		{"unverifiable stands in for the total", func() score.SheetProject {
			p := correct
			p.Indicators = append([]score.SheetIndicator(nil), p.Indicators...)
			p.Indicators[2] = sheetIndicator("满意度指标", "满意度", "≥90家", "91个", "10", "10")
			return p
		}(), score.DefaultSettings(), "unverifiable", "88.88"},
		{"weights over 100 and a score above its weight", func() score.SheetProject {
			p := correct
			p.Indicators = append([]score.SheetIndicator(nil), p.Indicators...)
			p.Indicators[2] = sheetIndicator("满意度指标", "满意度", "≥90%", "91%", "20", "21")
			p.Total = d("99.88")
			return p
		}(), score.DefaultSettings(), "score score_above_weight weights_total total grade", "98.88"},
		{"budget score differs", func() score.SheetProject {
			p := correct
			p.BudgetScore = d("10")
			p.Total = d("89.68")
			return p
		}(), score.DefaultSettings(), "budget_score total", "88.88"},
		{"budget figures missing: the published score stands in", func() score.SheetProject {
			p := correct
			p.Budget, p.Executed = nil, nil
			p.BudgetScore = d("8")
			p.Total = d("87.68")
			return p
		}(), score.DefaultSettings(), "", "87.68"},
		{"grade wrong", func() score.SheetProject {
			p := correct
			p.Grade = "优"
			return p
		}(), score.DefaultSettings(), "grade", "88.88"},
		{"negative formula setting decides", score.SheetProject{Name: "反向", Budget: fen(1), Executed: fen(1), Total: d("97.5"),
			Indicators: []score.SheetIndicator{
				sheetIndicator("产出指标", "投诉次数", "≤3次", "4次", "10", "7.5"),
				sheetIndicator("产出指标", "培训人次", "≥10人次", "10人次", "40", "40"),
				sheetIndicator("效益指标", "效益", "≥1", "1", "30", "30"),
				sheetIndicator("满意度指标", "满意度", "≥90%", "91%", "10", "10"),
			}}, withSettings(func(s *score.Settings) { s.Negative = score.NegativeRatio }), "", "97.5"},
		{"unpublished scores are not compared", score.SheetProject{Name: "未公布", Budget: fen(1), Executed: fen(1),
			Indicators: []score.SheetIndicator{
				sheetIndicator("产出指标", "培训人次", "≥10人次", "5人次", "", ""),
				sheetIndicator("效益指标", "效益", "≥1", "1", "", ""),
				sheetIndicator("满意度指标", "满意度", "≥90%", "91%", "", ""),
			}}, score.DefaultSettings(), "", "75"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := score.Verify(score.Sheet{File: "t.csv", FiscalYear: 2024, Projects: []score.SheetProject{tt.p}}, tt.s)
			pr := rep.Projects[0]
			if kinds(pr.Problems) != tt.kinds || pr.Total.String() != tt.total {
				t.Errorf("problems [%s] total %s, want [%s] %s", kinds(pr.Problems), pr.Total, tt.kinds, tt.total)
				for _, p := range pr.Problems {
					t.Log(p.Message)
				}
			}
			if rep.Agree != (tt.kinds == "") || rep.Summary.Problems != len(pr.Problems) {
				t.Errorf("agree %v, summary %+v", rep.Agree, rep.Summary)
			}
		})
	}
}

func TestVerifyMessages(t *testing.T) {
	d := jixiao.MustDecimal
	p := score.SheetProject{Name: "p", Budget: fen(100), Executed: fen(100), BudgetScore: d("10"), Total: d("100"), TotalWhere: "第 9 行", Grade: "优",
		Indicators: []score.SheetIndicator{
			sheetIndicator("产出指标", "培训合格率", "≥95%", "92%", "50", "50"),
			sheetIndicator("效益指标", "营商环境", "持续优化", "部分达成", "30", "30"),
			sheetIndicator("满意度指标", "满意度", "≥90%", "91%", "20", "20"),
		}}
	p.Indicators[0].ScoreWhere = "Sheet1!J5"
	rep := score.Verify(score.Sheet{File: "t.xlsx", Projects: []score.SheetProject{p}}, score.DefaultSettings())
	var msgs []string
	for _, pb := range rep.Projects[0].Problems {
		msgs = append(msgs, pb.Message+"@"+pb.Where)
	}
	got := strings.Join(msgs, "\n")
	for _, want := range []string{
		"第 1 个指标“培训合格率”：公布得分 50.00，复核 48.42，差 +1.58@Sheet1!J5",
		"第 2 个指标“营商环境”：公布得分 30.00 不在部分达成可得的 18.00–24.00 分之内",
		"权重合计 110，应为 100（产出 50 + 效益 30 + 满意度 20 + 预算执行率 10）",
		"总分：公布 100.00，复核 99.42，差 +0.58@第 9 行",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("messages lack %q:\n%s", want, got)
		}
	}
}

func TestReportWriters(t *testing.T) {
	d := jixiao.MustDecimal
	p := score.SheetProject{Name: "培训经费", Where: "第 5 行", Budget: fen(5_000_000), Executed: fen(4_600_000), BudgetScore: d("9.2"), Total: d("88.90"),
		Indicators: []score.SheetIndicator{
			sheetIndicator("产出指标", "培训合格率", "≥95%", "92%", "50", "48.5"),
			sheetIndicator("效益指标", "营商环境", "持续优化", "部分达成", "30", "21.2"),
			sheetIndicator("满意度指标", "满意度", "≥90%", "", "10", ""),
		}}
	rep := score.Verify(score.Sheet{File: "t.csv", FiscalYear: 2024, MoneyUnit: jixiao.WanYuan, Projects: []score.SheetProject{p}}, score.DefaultSettings())
	var text bytes.Buffer
	if err := score.WriteText(&text, rep); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"■ 培训经费（第 5 行）",
		"✗  1 产出 培训合格率：目标 ≥95%，实际 92%；权重 50；公布 48.50，复核 48.42，差 +0.08",
		"实际值/目标值×权重 = 92/95×50 = 48.42",
		"·  3 满意度 满意度：目标 ≥90%，实际 —；权重 10；复核 0.00",
		"✓  2 效益 营商环境：目标 持续优化，实际 部分达成；权重 30；公布 21.20，复核 21.20",
		"评分人在该档内给分：18.00 ≤ 21.20 ≤ 24.00，得 21.20",
		"✗ 总分 公布 88.90，复核 78.82，差 +10.08；等级 复核 中；权重合计 100",
		"结论：1 个项目中 1 个有问题，共 2 处。",
	} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, text.String())
		}
	}
	var buf bytes.Buffer
	if err := score.WriteJSON(&buf, rep); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["schema"] != score.SchemaScore || doc["agree"] != false {
		t.Errorf("schema %v agree %v", doc["schema"], doc["agree"])
	}
	ind0 := doc["projects"].([]any)[0].(map[string]any)["indicators"].([]any)[0].(map[string]any)
	for k, want := range map[string]any{"published": "48.5", "score": "48.42", "diff": "0.08", "check": "disagree", "weight_source": "published", "level1": "产出指标"} {
		if ind0[k] != want {
			t.Errorf("indicator %s = %v, want %v", k, ind0[k], want)
		}
	}
	expl := ind0["explanation"].(map[string]any)
	if expl["formula"] != "实际值/目标值×权重" || expl["expr"] != "92/95×50" || expl["result"] != "48.42" || len(expl["inputs"].([]any)) != 3 {
		t.Errorf("explanation %v", expl)
	}
}

func TestConvertUnits(t *testing.T) {
	tests := []struct {
		name, target, actual, want string
	}{
		{"万元 ↔ 亿元", "≥1亿元", "9000万元", "9"},
		{"千万元", "≥1亿元", "5千万元", "5"},
		{"公里 ↔ 米", "≥2公里", "1500米", "7.5"},
		{"吨 ↔ 千克", "≥10吨", "5000千克", "5"},
		{"周 ↔ 天", "≥2周", "7天", "5"},
		{"年 ↔ 个月", "≥2年", "18个月", "7.5"},
		{"‰ ↔ %", "≥1%", "5‰", "5"},
		{"公顷 ↔ 平方米", "≥1公顷", "5000平米", "5"},
	}
	for _, tt := range tests {
		got := score.ScoreIndicator(score.IndicatorInput{Indicator: ind("产出指标", "x", tt.target), Actual: tt.actual}, jixiao.MustDecimal("10"), 2024, score.DefaultSettings())
		if got.Status != score.StatusScored || got.Score.String() != tt.want {
			t.Errorf("%s: %s %s: %s", tt.name, got.Status, got.Score, got.Explanation)
		}
	}
	for _, pair := range [][2]string{{"≥10个百分点", "12%"}, {"≥5个", "5家"}, {"≥5工作日", "7天"}, {"≥1万元", "1万美元"}} {
		got := score.ScoreIndicator(score.IndicatorInput{Indicator: ind("产出指标", "x", pair[0]), Actual: pair[1]}, jixiao.MustDecimal("10"), 2024, score.DefaultSettings())
		if got.Status != score.StatusInvalid {
			t.Errorf("%s against %s: %s %s", pair[1], pair[0], got.Status, got.Explanation)
		}
	}
}
