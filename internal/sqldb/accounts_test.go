package sqldb

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"jixiao"
)

func TestOrgs(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		finance, err := db.EnsureOrg(ctx, "市财政局", 0, "admin")
		if err != nil {
			t.Fatal(err)
		}
		edu, err := db.EnsureOrg(ctx, "市教育局", finance, "admin")
		if err != nil {
			t.Fatal(err)
		}
		school, err := db.EnsureOrg(ctx, "第一小学", edu, "admin")
		if err != nil {
			t.Fatal(err)
		}
		district, err := db.EnsureOrg(ctx, "区政府", 0, "admin")
		if err != nil {
			t.Fatal(err)
		}

		for _, tc := range []struct {
			name   string
			in     string
			parent int64
			want   int64
		}{
			{"the same name again", "市教育局", 0, edu},
			{"white space folded", "  市教育局\u3000", 0, edu},
			{"another parent does not move it", "第一小学", district, school},
		} {
			got, err := db.EnsureOrg(ctx, tc.in, tc.parent, "admin")
			if err != nil || got != tc.want {
				t.Errorf("%s: EnsureOrg(%q) = %d, %v; want %d", tc.name, tc.in, got, err, tc.want)
			}
		}
		if _, err := db.EnsureOrg(ctx, " \u3000", 0, "admin"); jixiao.ErrorCode(err) != jixiao.EINVALID {
			t.Errorf("EnsureOrg of a blank name: %v, want EINVALID", err)
		}
		if _, err := db.EnsureOrg(ctx, "无上级", 9999, "admin"); jixiao.ErrorCode(err) != jixiao.EINVALID {
			t.Errorf("EnsureOrg under a missing parent: %v, want EINVALID", err)
		}

		for _, tc := range []struct {
			name        string
			org, parent int64
			code        string
		}{
			{"under itself", edu, edu, jixiao.EINVALID},
			{"under its child", finance, edu, jixiao.EINVALID},
			{"under its grandchild", finance, school, jixiao.EINVALID},
			{"a missing org", 9999, finance, jixiao.ENOTFOUND},
			{"under a missing parent", district, 9999, jixiao.ENOTFOUND},
			{"a subtree moved", edu, district, ""},
			{"made a root", school, 0, ""},
			{"the old parent under the moved subtree", finance, edu, ""},
		} {
			err := db.SetOrgParent(ctx, tc.org, tc.parent, "admin")
			if code := jixiao.ErrorCode(err); code != tc.code {
				t.Errorf("%s: SetOrgParent(%d, %d) = %v (code %q), want %q", tc.name, tc.org, tc.parent, err, code, tc.code)
			}
		}
		got, err := db.Orgs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// By name in code-point order: 区 市 市 第.
		want := []jixiao.Org{
			{ID: district, Name: "区政府"},
			{ID: edu, Name: "市教育局", ParentID: district},
			{ID: finance, Name: "市财政局", ParentID: edu},
			{ID: school, Name: "第一小学"},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Orgs = %+v, want %+v", got, want)
		}
		tree := jixiao.NewOrgTree(got)
		if !tree.Under(finance, district) || tree.Under(school, district) {
			t.Error("the tree does not follow the moves")
		}
		mustVerify(t, db, 4+3) // four orgs created, three moves
	})
}

// TestEnsureOrgConcurrent: many requests naming one new org at once (an
// import and an admin, say) all get the same org, created once.
func TestEnsureOrgConcurrent(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		for round := range 5 {
			name := fmt.Sprintf("并发单位%d", round)
			const n = 8
			ids := make([]int64, n)
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i := range n {
				wg.Go(func() {
					<-start
					var err error
					if ids[i], err = db.EnsureOrg(ctx, name, 0, "admin"); err != nil {
						t.Errorf("round %d, caller %d: %v", round, i, err)
					}
				})
			}
			close(start)
			wg.Wait()
			for i := range ids {
				if ids[i] != ids[0] {
					t.Errorf("round %d: ids %v, want one id", round, ids)
					break
				}
			}
		}
		created := 0
		for _, r := range auditRecords(t, db) {
			if r.Action == "org.create" {
				created++
			}
		}
		if created != 5 {
			t.Errorf("%d org.create records, want 5", created)
		}
		mustVerify(t, db, 5)
	})
}

// TestSetOrgParentConcurrent: two admins moving two orgs under each other
// at once cannot both succeed; the tree never gets a cycle.
func TestSetOrgParentConcurrent(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		for round := range 10 {
			a, err := db.EnsureOrg(ctx, fmt.Sprintf("甲%d", round), 0, "admin")
			if err != nil {
				t.Fatal(err)
			}
			b, err := db.EnsureOrg(ctx, fmt.Sprintf("乙%d", round), 0, "admin")
			if err != nil {
				t.Fatal(err)
			}
			var errA, errB error
			var wg sync.WaitGroup
			start := make(chan struct{})
			wg.Go(func() { <-start; errA = db.SetOrgParent(ctx, a, b, "admin1") })
			wg.Go(func() { <-start; errB = db.SetOrgParent(ctx, b, a, "admin2") })
			close(start)
			wg.Wait()
			if (errA == nil) == (errB == nil) {
				t.Errorf("round %d: a under b: %v; b under a: %v; want exactly one to succeed", round, errA, errB)
			}
			for _, err := range []error{errA, errB} {
				if c := jixiao.ErrorCode(err); c != "" && c != jixiao.EINVALID && c != jixiao.ECONFLICT {
					t.Errorf("round %d: %v", round, err)
				}
			}
		}
		orgs, err := db.Orgs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		parent := map[int64]int64{}
		for _, o := range orgs {
			parent[o.ID] = o.ParentID
		}
		for _, o := range orgs {
			seen := map[int64]bool{}
			for p := o.ID; p != 0; p = parent[p] {
				if seen[p] {
					t.Fatalf("org %s is in a cycle of parents: %+v", o.Name, orgs)
				}
				seen[p] = true
			}
		}
	})
}

func TestUsers(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		org, err := db.EnsureOrg(ctx, "市教育局", 0, "setup")
		if err != nil {
			t.Fatal(err)
		}
		if n, err := db.UserCount(ctx); err != nil || n != 0 {
			t.Fatalf("UserCount of a fresh database = %d, %v", n, err)
		}
		before := time.Now().Add(-time.Second)
		for _, tc := range []struct {
			name string
			nu   NewUser
			code string
		}{
			{"admin without an org", NewUser{Login: "root", Role: jixiao.RoleAdmin, PasswordHash: "h0"}, ""},
			{"reviewer of all orgs", NewUser{Login: "rall", Name: "王审核", Role: jixiao.RoleReviewer, PasswordHash: "h1"}, ""},
			{"filer of an org", NewUser{Login: "filer", Name: "李填报", Role: jixiao.RoleFiler, OrgID: org, PasswordHash: "h2"}, ""},
			{"filer without an org", NewUser{Login: "lost", Role: jixiao.RoleFiler}, jixiao.EINVALID},
			{"no login", NewUser{Role: jixiao.RoleAdmin}, jixiao.EINVALID},
			{"no role", NewUser{Login: "nobody"}, jixiao.EINVALID},
			{"unknown role", NewUser{Login: "odd", Role: "auditor"}, jixiao.EINVALID},
			{"an org that does not exist", NewUser{Login: "ghost", Role: jixiao.RoleFiler, OrgID: 9999}, jixiao.EINVALID},
			{"a login taken", NewUser{Login: "filer", Role: jixiao.RoleAdmin}, jixiao.ECONFLICT},
		} {
			u, err := db.CreateUser(ctx, tc.nu, "admin")
			if code := jixiao.ErrorCode(err); code != tc.code {
				t.Errorf("%s: CreateUser = %v (code %q), want %q", tc.name, err, code, tc.code)
				continue
			}
			if tc.code != "" {
				if u != nil {
					t.Errorf("%s: a user came back with the error", tc.name)
				}
				continue
			}
			if u.ID == 0 || u.Login != tc.nu.Login || u.Role != tc.nu.Role || u.OrgID != tc.nu.OrgID || u.Disabled ||
				u.Name != cmpOr(tc.nu.Name, tc.nu.Login) || u.CreatedAt.Before(before) {
				t.Errorf("%s: created %+v", tc.name, u)
			}
		}
		if msg := func() string {
			_, err := db.CreateUser(ctx, NewUser{Login: "filer", Role: jixiao.RoleAdmin}, "admin")
			return jixiao.ErrorMessage(err)
		}(); msg != "登录名 filer 已被使用" {
			t.Errorf("duplicate login says %q", msg)
		}
		if n, err := db.UserCount(ctx); err != nil || n != 3 {
			t.Errorf("UserCount = %d, %v; want 3", n, err)
		}

		users, err := db.Users(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var logins []string
		for _, u := range users {
			logins = append(logins, u.Login)
		}
		if !reflect.DeepEqual(logins, []string{"filer", "rall", "root"}) {
			t.Errorf("Users by login = %v", logins)
		}
		filer := users[0]
		if filer.OrgName != "市教育局" {
			t.Errorf("filer's org name = %q", filer.OrgName)
		}

		// Credentials: the account as User gives it, and its hash.
		u, hash, err := db.Credentials(ctx, "filer")
		if err != nil || hash != "h2" || !reflect.DeepEqual(*u, filer) {
			t.Errorf("Credentials = %+v, %q, %v; want %+v, h2", u, hash, err, filer)
		}
		if _, _, err := db.Credentials(ctx, "nobody"); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
			t.Errorf("Credentials of an unknown login: %v, want ENOTFOUND", err)
		}
		if _, err := db.User(ctx, 9999); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
			t.Errorf("User of a missing id: %v, want ENOTFOUND", err)
		}

		// UpdateUser.
		ptr := func(s string) *string { return &s }
		role := func(r jixiao.Role) *jixiao.Role { return &r }
		id := func(i int64) *int64 { return &i }
		for _, tc := range []struct {
			name string
			c    UserChange
			code string
			want func(u *jixiao.User)
		}{
			{"rename", UserChange{Name: ptr("李四")}, "", func(u *jixiao.User) { u.Name = "李四" }},
			{"make reviewer of a subtree", UserChange{Role: role(jixiao.RoleReviewer)}, "", func(u *jixiao.User) { u.Role = jixiao.RoleReviewer }},
			{"reviewer of all orgs", UserChange{OrgID: id(0)}, "", func(u *jixiao.User) { u.OrgID, u.OrgName = 0, "" }},
			{"filer without an org", UserChange{Role: role(jixiao.RoleFiler)}, jixiao.EINVALID, nil},
			{"unknown role", UserChange{Role: role("auditor")}, jixiao.EINVALID, nil},
			{"an org that does not exist", UserChange{OrgID: id(9999)}, jixiao.EINVALID, nil},
			{"filer again", UserChange{Role: role(jixiao.RoleFiler), OrgID: id(org)}, "", func(u *jixiao.User) {
				u.Role, u.OrgID, u.OrgName = jixiao.RoleFiler, org, "市教育局"
			}},
		} {
			want := filer
			if tc.want != nil {
				tc.want(&want)
			}
			got, err := db.UpdateUser(ctx, filer.ID, tc.c, "admin")
			if code := jixiao.ErrorCode(err); code != tc.code {
				t.Errorf("%s: UpdateUser = %v (code %q), want %q", tc.name, err, code, tc.code)
				continue
			}
			if tc.code == "" {
				if !reflect.DeepEqual(*got, want) {
					t.Errorf("%s: got %+v, want %+v", tc.name, *got, want)
				}
				filer = *got
			}
			if now, err := db.User(ctx, filer.ID); err != nil || !reflect.DeepEqual(*now, filer) {
				t.Errorf("%s: stored %+v, %v; want %+v", tc.name, now, err, filer)
			}
		}
		if _, err := db.UpdateUser(ctx, 9999, UserChange{Name: ptr("x")}, "admin"); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
			t.Errorf("UpdateUser of a missing id: %v, want ENOTFOUND", err)
		}
		if _, hash, _ := db.Credentials(ctx, "filer"); hash != "h2" {
			t.Errorf("password hash changed to %q without a PasswordHash", hash)
		}
		if _, err := db.UpdateUser(ctx, filer.ID, UserChange{PasswordHash: ptr("h3")}, "admin"); err != nil {
			t.Fatal(err)
		}
		if _, hash, _ := db.Credentials(ctx, "filer"); hash != "h3" {
			t.Errorf("password hash = %q, want h3", hash)
		}
		// Disabled: still listed, flagged, and Credentials says so.
		if _, err := db.UpdateUser(ctx, filer.ID, UserChange{Disabled: new(true)}, "admin"); err != nil {
			t.Fatal(err)
		}
		if u, _, err := db.Credentials(ctx, "filer"); err != nil || !u.Disabled {
			t.Errorf("Credentials of a disabled account = %+v, %v; want it flagged", u, err)
		}
		// 3 users and the org created, 5 updates taken, the password, the disabling.
		mustVerify(t, db, 1+3+4+1+1)
	})
}

func TestSessions(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		u, err := db.CreateUser(ctx, NewUser{Login: "alice", Role: jixiao.RoleAdmin, PasswordHash: "h"}, "setup")
		if err != nil {
			t.Fatal(err)
		}
		other, err := db.CreateUser(ctx, NewUser{Login: "bob", Role: jixiao.RoleAdmin, PasswordHash: "h"}, "setup")
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		// Expiry on a whole second, as a text comparison in SQLite would
		// get wrong if the stored form were not ordered like time.
		expires := now.Add(time.Hour).UTC().Truncate(time.Second)
		for _, s := range []struct {
			id      string
			user    int64
			expires time.Time
		}{
			{"s-alice", u.ID, expires},
			{"s-alice-2", u.ID, expires},
			{"s-bob", other.ID, expires},
			{"s-old", other.ID, now.Add(-time.Hour)},
		} {
			if err := db.CreateSession(ctx, s.id, s.user, s.expires); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.CreateSession(ctx, "s-alice", u.ID, expires); jixiao.ErrorCode(err) != jixiao.ECONFLICT {
			t.Errorf("a session id twice: %v, want ECONFLICT", err)
		}
		if err := db.CreateSession(ctx, "s-ghost", 9999, expires); jixiao.ErrorCode(err) != jixiao.EINVALID {
			t.Errorf("a session of a missing user: %v, want EINVALID", err)
		}

		for _, tc := range []struct {
			name string
			id   string
			at   time.Time
			want string // login, "" for ENOTFOUND
		}{
			{"valid", "s-alice", now, "alice"},
			{"a moment before expiry", "s-alice", expires.Add(-time.Millisecond), "alice"},
			{"at expiry", "s-alice", expires, ""},
			{"half a second after expiry", "s-alice", expires.Add(500 * time.Millisecond), ""},
			{"in another zone, same instant", "s-alice", expires.Add(-time.Minute).In(time.FixedZone("CST", 8*3600)), "alice"},
			{"expired", "s-old", now, ""},
			{"unknown", "s-nope", now, ""},
		} {
			got, err := db.SessionUser(ctx, tc.id, tc.at)
			switch {
			case tc.want == "" && jixiao.ErrorCode(err) != jixiao.ENOTFOUND:
				t.Errorf("%s: SessionUser = %+v, %v; want ENOTFOUND", tc.name, got, err)
			case tc.want != "" && (err != nil || got.Login != tc.want):
				t.Errorf("%s: SessionUser = %+v, %v; want %s", tc.name, got, err, tc.want)
			}
		}

		// Logging out ends that session only, and sweeps expired ones.
		if err := db.DeleteSession(ctx, "s-alice"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SessionUser(ctx, "s-alice", now); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
			t.Errorf("session after logout: %v, want ENOTFOUND", err)
		}
		if _, err := db.SessionUser(ctx, "s-alice-2", now); err != nil {
			t.Errorf("the other session of the same user: %v", err)
		}
		var left int
		if err := db.x.QueryRowContext(ctx, `SELECT count(*) FROM sessions`).Scan(&left); err != nil || left != 2 {
			t.Errorf("%d sessions left (%v), want 2: the expired one swept", left, err)
		}

		// A disabled account's session is refused even if the row were still
		// there (UpdateUser deletes it; this checks the lookup itself).
		if _, err := db.x.ExecContext(ctx, db.x.Rebind(`UPDATE users SET disabled = ? WHERE id = ?`), true, other.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SessionUser(ctx, "s-bob", now); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
			t.Errorf("session of a disabled account: %v, want ENOTFOUND", err)
		}
	})
}

func TestTokens(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		alice, err := db.CreateUser(ctx, NewUser{Login: "alice", Role: jixiao.RoleAdmin, PasswordHash: "h"}, "setup")
		if err != nil {
			t.Fatal(err)
		}
		bob, err := db.CreateUser(ctx, NewUser{Login: "bob", Role: jixiao.RoleReviewer, PasswordHash: "h"}, "setup")
		if err != nil {
			t.Fatal(err)
		}
		ta, err := db.CreateToken(ctx, alice.ID, "ci", "hash-a", "alice")
		if err != nil {
			t.Fatal(err)
		}
		tb, err := db.CreateToken(ctx, bob.ID, "脚本", "hash-b", "bob")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateToken(ctx, bob.ID, "again", "hash-a", "bob"); jixiao.ErrorCode(err) != jixiao.ECONFLICT {
			t.Errorf("a token hash twice: %v, want ECONFLICT", err)
		}
		if _, err := db.CreateToken(ctx, 9999, "ghost", "hash-g", "x"); jixiao.ErrorCode(err) != jixiao.EINVALID {
			t.Errorf("a token of a missing user: %v, want EINVALID", err)
		}

		list, err := db.Tokens(ctx, alice.ID)
		if err != nil || !reflect.DeepEqual(list, []Token{ta}) {
			t.Errorf("Tokens(alice) = %+v, %v; want %+v", list, err, []Token{ta})
		}
		if u, err := db.TokenUser(ctx, "hash-b"); err != nil || u.ID != bob.ID {
			t.Errorf("TokenUser(hash-b) = %+v, %v; want bob", u, err)
		}
		if _, err := db.TokenUser(ctx, "hash-x"); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
			t.Errorf("TokenUser of an unknown hash: %v, want ENOTFOUND", err)
		}

		// Alice cannot revoke Bob's token by its id.
		if err := db.DeleteToken(ctx, alice.ID, tb.ID, "alice"); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
			t.Errorf("deleting another user's token: %v, want ENOTFOUND", err)
		}
		if u, err := db.TokenUser(ctx, "hash-b"); err != nil || u.ID != bob.ID {
			t.Errorf("bob's token after alice's attempt: %+v, %v", u, err)
		}
		if err := db.DeleteToken(ctx, bob.ID, tb.ID, "bob"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.TokenUser(ctx, "hash-b"); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
			t.Errorf("revoked token: %v, want ENOTFOUND", err)
		}
		if list, err := db.Tokens(ctx, bob.ID); err != nil || list == nil || len(list) != 0 {
			t.Errorf("Tokens(bob) after revoking = %#v, %v; want an empty slice", list, err)
		}
		if err := db.DeleteToken(ctx, bob.ID, tb.ID, "bob"); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
			t.Errorf("revoking twice: %v, want ENOTFOUND", err)
		}
	})
}

// TestDisableEndsAccess: disabling an account ends its sessions and tokens
// at once; enabling it again does not bring them back. A new password ends
// the sessions but keeps the tokens.
func TestDisableEndsAccess(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		u, err := db.CreateUser(ctx, NewUser{Login: "alice", Role: jixiao.RoleAdmin, PasswordHash: "h"}, "setup")
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		session := func(id string) {
			t.Helper()
			if err := db.CreateSession(ctx, id, u.ID, now.Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
		}
		valid := func(what string, err error, want bool) {
			t.Helper()
			switch {
			case want && err != nil:
				t.Errorf("%s: %v, want it valid", what, err)
			case !want && jixiao.ErrorCode(err) != jixiao.ENOTFOUND:
				t.Errorf("%s: %v, want ENOTFOUND", what, err)
			}
		}
		check := func(stage string, sessionOK, tokenOK bool) {
			t.Helper()
			_, err := db.SessionUser(ctx, "s1", now)
			valid(stage+": session", err, sessionOK)
			_, err = db.TokenUser(ctx, "t1")
			valid(stage+": token", err, tokenOK)
		}

		session("s1")
		if _, err := db.CreateToken(ctx, u.ID, "ci", "t1", "alice"); err != nil {
			t.Fatal(err)
		}
		check("before", true, true)

		pw := "h2"
		if _, err := db.UpdateUser(ctx, u.ID, UserChange{PasswordHash: &pw}, "alice"); err != nil {
			t.Fatal(err)
		}
		check("new password", false, true)

		session("s1")
		if _, err := db.UpdateUser(ctx, u.ID, UserChange{Disabled: new(true)}, "admin"); err != nil {
			t.Fatal(err)
		}
		check("disabled", false, false)
		if list, err := db.Tokens(ctx, u.ID); err != nil || len(list) != 0 {
			t.Errorf("tokens of a disabled account: %+v, %v", list, err)
		}

		if _, err := db.UpdateUser(ctx, u.ID, UserChange{Disabled: new(false)}, "admin"); err != nil {
			t.Fatal(err)
		}
		check("enabled again", false, false)
	})
}

// TestUpdateUserConcurrent: an admin disables an account while others
// rename it. Whatever the order, the account ends disabled: a change of
// one field never writes back another field as it was read before.
func TestUpdateUserConcurrent(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		for round := range 5 {
			u, err := db.CreateUser(ctx, NewUser{Login: fmt.Sprintf("u%d", round), Role: jixiao.RoleAdmin, PasswordHash: "h"}, "setup")
			if err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i := range 8 {
				wg.Go(func() {
					<-start
					c := UserChange{Name: new(fmt.Sprintf("名字%d", i))}
					if i == 3 {
						c = UserChange{Disabled: new(true)}
					}
					if _, err := db.UpdateUser(ctx, u.ID, c, "admin"); err != nil && jixiao.ErrorCode(err) != jixiao.ECONFLICT {
						t.Errorf("round %d, change %d: %v", round, i, err)
					}
				})
			}
			close(start)
			wg.Wait()
			got, err := db.User(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Disabled {
				t.Errorf("round %d: account enabled again by a concurrent rename: %+v", round, got)
			}
		}
	})
}
