package value

import "testing"

func TestParseDeadlines(t *testing.T) {
	runParseCases(t, fy2024, []parseCase{
		{"date with words", "2024年12月31日前完成验收", "deadline 2024-12-31 q=…完成验收"},
		{"ISO date", "2023-10-31", "deadline 2023-10-31"},
		{"slashes", "2024/3/5前", "deadline 2024-03-05"},
		{"dots", "2024.12.31前完成", "deadline 2024-12-31 q=…完成"},
		{"stale year is kept as written", "2023年5月31日前交付使用", "deadline 2023-05-31 q=…交付使用"},
		{"号 for 日", "2024年6月30号前", "deadline 2024-06-30"},
		{"month end", "2024年6月底前完成", "deadline 2024-06-30 q=…完成"},
		{"month without 底", "2024年6月完成", "deadline 2024-06-30 q=…完成"},
		{"February of a leap year", "2024年2月底", "deadline 2024-02-29"},
		{"year end", "2024年底前完成", "deadline 2024-12-31 q=…完成"},
		{"year 度内", "2024年度内完成", "deadline 2024-12-31 q=…完成"},
		{"half year", "2024年上半年完成", "deadline 2024-06-30 q=…完成"},
		{"year and quarter", "2024年第二季度前", "deadline 2024-06-30"},
		{"fiscal year", "年度内完成", "deadline 2024-12-31 q=…完成"},
		{"fiscal year with 。", "年度内完成。", "deadline 2024-12-31 q=…完成"},
		{"年底前", "年底前完成", "deadline 2024-12-31 q=…完成"},
		{"今年内", "今年内完成", "deadline 2024-12-31 q=今…完成"},
		{"上半年", "上半年完成拨付", "deadline 2024-06-30 q=…完成拨付"},
		{"day without year", "1月17日前", "deadline 2024-01-17"},
		{"month end without year", "6月底前完成", "deadline 2024-06-30 q=…完成"},
		{"month 前 without year", "6月前完成", "deadline 2024-06-30 q=…完成"},
		{"third quarter", "第三季度前完成支付", "deadline 2024-09-30 q=…完成支付"},
		{"value cut off mid-word keeps its words", "第三季度前完成支", "deadline 2024-09-30 q=…完成支"},
		{"first three quarters", "在前三季度内完成经费划拨", "deadline 2024-09-30 q=在…完成经费划拨"},
		{"quarter without 第", "三季度末前完成", "deadline 2024-09-30 q=…完成"},
		{"quarter digit", "第4季度", "deadline 2024-12-31"},
		{"period with dots", "2024.03-2024.12", "deadline 2024-12-31 q=2024-03至"},
		{"period in Chinese", "2024年3月至12月", "deadline 2024-12-31 q=2024-03至"},
		{"period of days", "2024年3月1日-2024年6月30日完成", "deadline 2024-06-30 q=2024-03-01至…完成"},
		{"period without year", "3月1日至6月30日", "deadline 2024-06-30 q=2024-03-01至"},
		{"short prefix", "项目于2024年6月30日前完工", "deadline 2024-06-30 q=项目于…完工"},
		{"a long sentence around a date is not a deadline", "按照区委区政府关于加快推进项目建设的要求在2024年6月30日前完工", "qualitative"},
		{"two deadlines: which one?", "2024年6月30日前完成招标，12月31日前完成验收", "qualitative"},
		{"a date and a count is numeric", "2024年底前培育企业10家", "numeric = 10 家 implicit q=2024年底前培育企业"},
		{"a year alone is not a date", "2025年", "qualitative"},
		{"invalid day", "2024年2月30日前", "qualitative"},
		{"frequency is not a deadline", "按季度开展", "qualitative"},
		{"vague time is not a deadline", "在广州要求的时间内完成划拨手续", "qualitative"},
		{"三年内 is a duration", "三年内完成", "numeric ≤ 3 年 q=…完成"},
		{"a decimal amount is not a month", "2024.5万元", "numeric = 2024.5 万元 implicit"},
		{"a month alone is not a deadline", "3月", "numeric = 3 月 implicit"},
		{"two-digit month with dots", "2024.03", "deadline 2024-03-31"},
		{"one-digit month with dots is a number", "2024.3", "numeric = 2024.3 implicit"},
		{"one-digit month with a marker", "2024.3前", "deadline 2024-03-31"},
		{"a comparator makes it a number", "≥2024.12", "numeric ≥ 2024.12"},
	})
}

func TestParseDeadlineWithoutFiscalYear(t *testing.T) {
	runParseCases(t, Context{}, []parseCase{
		{"fiscal year unknown", "年度内完成", "deadline ? q=…完成"},
		{"quarter needs the fiscal year", "第三季度前完成支付", "deadline ? q=…完成支付"},
		{"day without year", "1月17日前", "deadline ?"},
		{"a written year needs nothing", "2024年12月31日前完成验收", "deadline 2024-12-31 q=…完成验收"},
	})
}

func TestExplicitYear(t *testing.T) {
	tests := []struct {
		name   string
		raw    string
		year   int
		wantOK bool
	}{
		{"date", "2024年12月31日前完成验收", 2024, true},
		{"ISO date", "2023-10-31", 2023, true},
		{"period: the year of its end", "2024.03-2025.06", 2025, true},
		{"year end", "2024年底前", 2024, true},
		{"numeric with a deadline", "2024年底前培育企业10家", 2024, true},
		{"no year written", "年度内完成", 0, false},
		{"day without year", "1月17日前", 0, false},
		{"a horizon is not a deadline", "到2025年，狮岭镇税收区库收入比2022年增长1倍以上", 0, false},
		{"no date", "100%", 0, false},
		{"empty", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			y, ok := ExplicitYear(tt.raw)
			if y != tt.year || ok != tt.wantOK {
				t.Errorf("ExplicitYear(%q) = %d, %v; want %d, %v", tt.raw, y, ok, tt.year, tt.wantOK)
			}
		})
	}
}
