package value

import (
	"testing"

	"jixiao"
)

func TestDirection(t *testing.T) {
	ind := func(name, annual string) *jixiao.Indicator {
		return &jixiao.Indicator{Name: name, Annual: jixiao.Target{Raw: annual}, Period: jixiao.Target{Raw: annual}}
	}
	cost := &jixiao.Indicator{Name: "人均培训费", Level1: jixiao.Category{Code: "4", Name: "成本指标"},
		Level2: jixiao.Category{Code: "41", Name: "经济成本指标"}, Annual: jixiao.Target{Raw: "500元"}}
	set := ind("故障率", "≥5%")
	set.Direction = jixiao.DirectionNegative
	parsed := ind("企业数", "")
	parsed.Annual = Parse("≤3家", fy2024)

	tests := []struct {
		name string
		ind  *jixiao.Indicator
		want jixiao.Direction
	}{
		{"set by hand wins", set, jixiao.DirectionNegative},
		{"≥ is positive", ind("故障率", "≥5%"), jixiao.DirectionPositive},
		{"以上 is positive", ind("培育上市企业数", "1家以上"), jixiao.DirectionPositive},
		{"≤ is negative", ind("受理时限", "≤5次"), jixiao.DirectionNegative},
		{"以内 is negative", ind("整改事项", "3项以内"), jixiao.DirectionNegative},
		{"an already parsed target is used", parsed, jixiao.DirectionNegative},
		{"implicit = falls back to the name: 满意度", ind("企业满意度", "90%"), jixiao.DirectionPositive},
		{"故障率", ind("设备故障率", "5%"), jixiao.DirectionNegative},
		{"投诉率", ind("群众投诉率", "1%"), jixiao.DirectionNegative},
		{"误差", ind("计量误差", "1%"), jixiao.DirectionNegative},
		{"返贫", ind("返贫率", "0"), jixiao.DirectionNegative},
		{"超标", ind("超标排放企业数", "0家"), jixiao.DirectionNegative},
		{"handling a complaint is positive", ind("协调处理消费投诉数量", "800"), jixiao.DirectionPositive},
		{"reducing a fault is positive", ind("故障下降率", "10%"), jixiao.DirectionPositive},
		{"reducing pollution (是/否) is positive", ind("行业对环境污染持续减少（是/否）", "是"), jixiao.DirectionPositive},
		{"cost category is negative", cost, jixiao.DirectionNegative},
		{"成本 in the name is negative", ind("单位成本", "100元"), jixiao.DirectionNegative},
		{"count is positive", ind("形成报告份数", "4"), jixiao.DirectionPositive},
		{"count with a unit in the name", ind("面向消费者的智慧化应用场景数量（个）", "2"), jixiao.DirectionPositive},
		{"timeliness is positive", ind("资金拨付及时率", "100%"), jixiao.DirectionPositive},
		{"range says nothing", ind("温度", "18-26℃"), jixiao.DirectionUnknown},
		{"unknown name", ind("项目发挥的作用", "促进全区皮革皮具产业提质增效转型升级"), jixiao.DirectionUnknown},
		{"nil", nil, jixiao.DirectionUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Direction(tt.ind); got != tt.want {
				t.Errorf("Direction = %q, want %q", got, tt.want)
			}
		})
	}
}
