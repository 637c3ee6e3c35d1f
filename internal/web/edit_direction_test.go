package web

import (
	"testing"

	"jixiao"
)

func TestAnEditKeepsAHandSetDirection(t *testing.T) {
	old := &jixiao.Project{Indicators: []*jixiao.Indicator{{Name: "投诉次数", Direction: jixiao.DirectionNegative}, {Name: "培训场次"}}}
	edited := &jixiao.Project{Indicators: []*jixiao.Indicator{{Name: "培训场次"}, {Name: "投诉次数"}, {Name: "新指标"}}}
	keepDirections(edited, old)
	got := []jixiao.Direction{edited.Indicators[0].Direction, edited.Indicators[1].Direction, edited.Indicators[2].Direction}
	want := []jixiao.Direction{"", jixiao.DirectionNegative, ""}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("indicator %d direction %q, want %q", i+1, got[i], want[i])
		}
	}
}
