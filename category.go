package jixiao

import "strings"

// CatalogueEntry is a level-2 category and the level-1 it belongs to.
type CatalogueEntry struct {
	Level1 Category
	Level2 Category
}

// Level-1 codes of the built-in catalogue.
const (
	L1Output       = "1" // 产出指标
	L1Benefit      = "2" // 效益指标
	L1Satisfaction = "3" // 满意度指标
	L1Cost         = "4" // 成本指标 (财预〔2021〕101号)
)

// Catalogue is the built-in indicator catalogue (DESIGN §3). It can be
// extended by configuration; callers must not modify it.
var Catalogue = []CatalogueEntry{
	{Category{"1", "产出指标"}, Category{"11", "数量指标"}},
	{Category{"1", "产出指标"}, Category{"12", "质量指标"}},
	{Category{"1", "产出指标"}, Category{"13", "时效指标"}},
	{Category{"1", "产出指标"}, Category{"14", "成本指标"}},
	{Category{"2", "效益指标"}, Category{"21", "经济效益指标"}},
	{Category{"2", "效益指标"}, Category{"22", "社会效益指标"}},
	{Category{"2", "效益指标"}, Category{"23", "生态效益指标"}},
	{Category{"2", "效益指标"}, Category{"24", "可持续影响指标"}},
	{Category{"3", "满意度指标"}, Category{"31", "服务对象满意度指标"}},
	{Category{"4", "成本指标"}, Category{"41", "经济成本指标"}},
	{Category{"4", "成本指标"}, Category{"42", "社会成本指标"}},
	{Category{"4", "成本指标"}, Category{"43", "生态环境成本指标"}},
}

// Level1Name returns the catalogue name of a level-1 code, or "".
func Level1Name(code string) string {
	for _, e := range Catalogue {
		if e.Level1.Code == code {
			return e.Level1.Name
		}
	}
	return ""
}

// LookupLevel2 finds a level-2 category by code.
func LookupLevel2(code string) (CatalogueEntry, bool) {
	for _, e := range Catalogue {
		if e.Level2.Code == code {
			return e, true
		}
	}
	return CatalogueEntry{}, false
}

// SameCategoryName compares category names loosely: "经济效益" matches
// "经济效益指标", "服务对象满意度" matches "服务对象满意度指标".
func SameCategoryName(a, b string) bool {
	return strings.TrimSuffix(strings.TrimSpace(a), "指标") == strings.TrimSuffix(strings.TrimSpace(b), "指标")
}
