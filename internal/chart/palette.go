package chart

// The Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008):
// eight colours that stay apart for the common colour-vision deficiencies.
const (
	Orange        = "#E69F00"
	SkyBlue       = "#56B4E9"
	BluishGreen   = "#009E73"
	Yellow        = "#F0E442"
	Blue          = "#0072B2"
	Vermillion    = "#D55E00"
	ReddishPurple = "#CC79A7"
	Grey          = "#999999" // 其他, and a donut of zeros (Okabe–Ito's black is too heavy for a bar)
)

// palette colours series and slices without a Fill, in order. Yellow is
// last: on white it is faint.
var palette = []string{Blue, Orange, BluishGreen, Vermillion, SkyBlue, ReddishPurple, Yellow}

func paletteFill(fill string, i int) string {
	if fill != "" {
		return fill
	}
	return palette[i%len(palette)]
}

// Severity and grade classes and colours. The class is for the site's CSS;
// the colour is the default fill. Errors are the warmest and darkest so
// they read first; 优 is green and 差 vermillion, with 良 and 中 between.
const (
	ClassError     = "sev-error"
	ClassWarning   = "sev-warning"
	ClassInfo      = "sev-info"
	ClassExcellent = "grade-excellent"
	ClassGood      = "grade-good"
	ClassFair      = "grade-fair"
	ClassPoor      = "grade-poor"
)

// SeveritySeries returns the stacks of a findings chart, bottom to top:
// 错误, 警告, 提示, each with its class and colour. Each slice has one count
// per category (rule family), in the categories' order.
func SeveritySeries(errors, warnings, infos []int64) []Series {
	return []Series{
		{Name: "错误", Class: ClassError, Fill: Vermillion, Values: errors},
		{Name: "警告", Class: ClassWarning, Fill: Orange, Values: warnings},
		{Name: "提示", Class: ClassInfo, Fill: SkyBlue, Values: infos},
	}
}

// GradeSlices returns the slices of a grade distribution 优 良 中 差, each
// with its class and colour.
func GradeSlices(excellent, good, fair, poor int64) []Slice {
	return []Slice{
		{Label: "优", Value: excellent, Class: ClassExcellent, Fill: BluishGreen},
		{Label: "良", Value: good, Class: ClassGood, Fill: SkyBlue},
		{Label: "中", Value: fair, Class: ClassFair, Fill: Orange},
		{Label: "差", Value: poor, Class: ClassPoor, Fill: Vermillion},
	}
}
