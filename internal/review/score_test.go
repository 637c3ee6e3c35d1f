package review_test

import (
	"testing"

	"jixiao"
	"jixiao/internal/review"
)

func finding(rule, project string, sev jixiao.Severity) jixiao.Finding {
	return jixiao.Finding{Rule: rule, Project: project, Severity: sev}
}

func TestScore(t *testing.T) {
	tb := tbl(good("甲"), good("乙"), good("丙"))
	E, W, I := jixiao.SeverityError, jixiao.SeverityWarning, jixiao.SeverityInfo
	tests := []struct {
		name      string
		fs        []jixiao.Finding
		wantTable review.Quality
		wantA     review.Quality // project 甲
	}{
		{"no findings", nil,
			review.Quality{Score: 100, Grade: "优"},
			review.Quality{Score: 100, Grade: "优"}},
		{"one warning and one info in 甲: 100 − 5 − 1 = 94; table mean (94+100+100)/3 = 98",
			[]jixiao.Finding{finding("MEAS-VAGUE", "甲", W), finding("MEAS-NO-UNIT", "甲", I)},
			review.Quality{Score: 98, Grade: "优", Warnings: 1, Infos: 1},
			review.Quality{Score: 94, Grade: "优", Warnings: 1, Infos: 1}},
		{"an error caps the grade at 良 although the score is 优",
			[]jixiao.Finding{finding("HYG-STALE-DEADLINE", "甲", E)},
			review.Quality{Score: 95, Grade: "良", Errors: 1, Note: review.NoteErrorCap},
			review.Quality{Score: 85, Grade: "良", Errors: 1}},
		{"a rule counts at most three times per project: 5 warnings of one rule = −15",
			[]jixiao.Finding{finding("MEAS-VAGUE", "甲", W), finding("MEAS-VAGUE", "甲", W), finding("MEAS-VAGUE", "甲", W), finding("MEAS-VAGUE", "甲", W), finding("MEAS-VAGUE", "甲", W)},
			review.Quality{Score: 95, Grade: "优", Warnings: 5},
			review.Quality{Score: 85, Grade: "良", Warnings: 5}},
		{"中 and 差: 甲 loses 15+15+15+5 = 50 → 50 差",
			[]jixiao.Finding{finding("COMP-NO-OUTPUT", "甲", E), finding("COMP-NO-BENEFIT", "甲", E), finding("COMP-GOAL-MISSING", "甲", E), finding("MEAS-VAGUE", "甲", W)},
			review.Quality{Score: 83.3, Grade: "中", Errors: 3, Warnings: 1, Note: review.NoteRewriteCap},
			review.Quality{Score: 50, Grade: "差", Errors: 3, Warnings: 1}},
		{"no 效益 at all: the targets must be redone, 85 is capped at 中",
			[]jixiao.Finding{finding("COMP-NO-BENEFIT", "甲", E)},
			review.Quality{Score: 95, Grade: "中", Errors: 1, Note: review.NoteRewriteCap},
			review.Quality{Score: 85, Grade: "中", Errors: 1, Note: review.NoteRewriteCap}},
		{"the same finding downgraded to a warning by the rules file caps nothing",
			[]jixiao.Finding{finding("COMP-NO-BENEFIT", "甲", W)},
			review.Quality{Score: 98.3, Grade: "优", Warnings: 1},
			review.Quality{Score: 95, Grade: "优", Warnings: 1}},
		{"table-level findings come off the table score: mean 100 − 15",
			[]jixiao.Finding{finding("ARITH-GRAND-TOTAL", "", E)},
			review.Quality{Score: 85, Grade: "良", Errors: 1},
			review.Quality{Score: 100, Grade: "优"}},
		{"never below zero",
			[]jixiao.Finding{finding("A", "", E), finding("B", "", E), finding("C", "", E), finding("D", "", E), finding("E", "", E), finding("F", "", E), finding("G", "", E), finding("H", "", E)},
			review.Quality{Score: 0, Grade: "差", Errors: 8},
			review.Quality{Score: 100, Grade: "优"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gotT, per := review.Score(tb, tt.fs)
			if gotT != tt.wantTable {
				t.Errorf("table = %+v, want %+v", gotT, tt.wantTable)
			}
			if per["甲"] != tt.wantA {
				t.Errorf("甲 = %+v, want %+v", per["甲"], tt.wantA)
			}
			if len(per) != 3 {
				t.Errorf("%d projects scored, want 3", len(per))
			}
		})
	}
}

func TestGradeBands(t *testing.T) {
	tb := tbl(good("甲"))
	tests := []struct {
		warnings int
		want     string
	}{{0, "优"}, {2, "优"}, {3, "良"}, {4, "良"}, {5, "中"}, {8, "中"}, {9, "差"}}
	for _, tt := range tests {
		var fs []jixiao.Finding
		for i := 0; i < tt.warnings; i++ {
			fs = append(fs, finding(string(rune('A'+i)), "甲", jixiao.SeverityWarning))
		}
		q, _ := review.Score(tb, fs)
		if q.Grade != tt.want {
			t.Errorf("%d warnings: score %.1f grade %s, want %s", tt.warnings, q.Score, q.Grade, tt.want)
		}
	}
}
