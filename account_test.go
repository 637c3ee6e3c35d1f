package jixiao_test

import (
	"testing"
	"time"

	"jixiao"
)

// The org tree of the tests:
//
//	市财政局 (1)
//	├── 市教育局 (2)
//	│   └── 第一小学 (3)
//	└── 市卫健委 (4)
//	区政府 (5)                 another root
//	甲 (6) ⇄ 乙 (7)            a cycle of parent links, as a corrupt database might hold
//	自环 (8)                   its own parent
const (
	orgFinance   = 1
	orgEducation = 2
	orgSchool    = 3
	orgHealth    = 4
	orgDistrict  = 5
	orgLoopA     = 6
	orgLoopB     = 7
	orgSelf      = 8
	orgUnknown   = 99
)

func testOrgTree() *jixiao.OrgTree {
	return jixiao.NewOrgTree([]jixiao.Org{
		{ID: orgFinance, Name: "市财政局"},
		{ID: orgEducation, Name: "市教育局", ParentID: orgFinance},
		{ID: orgSchool, Name: "第一小学", ParentID: orgEducation},
		{ID: orgHealth, Name: "市卫健委", ParentID: orgFinance},
		{ID: orgDistrict, Name: "区政府"},
		{ID: orgLoopA, Name: "甲", ParentID: orgLoopB},
		{ID: orgLoopB, Name: "乙", ParentID: orgLoopA},
		{ID: orgSelf, Name: "自环", ParentID: orgSelf},
	})
}

func TestOrgTreeUnder(t *testing.T) {
	tree := testOrgTree()
	tests := []struct {
		name      string
		org, root int64
		want      bool
	}{
		{"an org is under itself", orgEducation, orgEducation, true},
		{"child", orgEducation, orgFinance, true},
		{"grandchild", orgSchool, orgFinance, true},
		{"parent is not under its child", orgFinance, orgEducation, false},
		{"sibling", orgHealth, orgEducation, false},
		{"nephew", orgSchool, orgHealth, false},
		{"another root", orgDistrict, orgFinance, false},
		{"unknown org under a root", orgUnknown, orgFinance, false},
		{"org 0 is under nothing", 0, orgFinance, false},
		{"nothing is under org 0", orgSchool, 0, false},
		{"cycle: each under the other", orgLoopA, orgLoopB, true},
		{"cycle: the walk ends", orgLoopA, orgFinance, false},
		{"own parent: the walk ends", orgSelf, orgFinance, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan bool)
			go func() { done <- tree.Under(tt.org, tt.root) }()
			select {
			case got := <-done:
				if got != tt.want {
					t.Errorf("Under(%d, %d) = %v, want %v", tt.org, tt.root, got, tt.want)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("Under(%d, %d) does not return", tt.org, tt.root)
			}
		})
	}
	if got := tree.ID("市教育局"); got != orgEducation {
		t.Errorf("ID(市教育局) = %d, want %d", got, orgEducation)
	}
	if got := tree.ID("没有的单位"); got != 0 {
		t.Errorf("ID of an unknown name = %d, want 0", got)
	}
}

func TestOrgTreeManages(t *testing.T) {
	tree := testOrgTree()
	all := []int64{orgFinance, orgEducation, orgSchool, orgHealth, orgDistrict, orgLoopA, orgLoopB, orgSelf, orgUnknown}
	tests := []struct {
		name    string
		user    *jixiao.User
		manages []int64 // of all; the others it must not manage
	}{
		{"admin manages every org", admin, all},
		{"reviewer with org 0 manages every org", reviewerAll, all},
		{"reviewer of a subtree manages it and only it", reviewerEdu, []int64{orgEducation, orgSchool}},
		{"reviewer of an org in a cycle", reviewerLoop, []int64{orgLoopA, orgLoopB}},
		{"filer manages their own org only, not its parent", filer, []int64{orgSchool}},
		{"filer without an org manages nothing", filerNoOrg, nil},
		{"disabled admin manages nothing", disabled, nil},
		{"anonymous manages nothing", anonymous, nil},
		{"nil user manages nothing", nobody, nil},
		{"unknown role manages nothing", unknownRole, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := map[int64]bool{}
			for _, o := range tt.manages {
				want[o] = true
			}
			for _, org := range all {
				if got := tree.Manages(tt.user, org); got != want[org] {
					t.Errorf("Manages(%s, %d) = %v, want %v", tt.user.Display(), org, got, want[org])
				}
			}
		})
	}
	// An org that is not in the tree at all (org 0: a table of no org).
	if tree.Manages(filerNoOrg, 0) {
		t.Error("a filer without an org manages org 0")
	}
}
