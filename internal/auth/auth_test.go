package auth

import (
	"strings"
	"testing"
	"time"
)

var fast = Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}

func TestPasswordHashVerifiesOnlyItsPassword(t *testing.T) {
	h, err := HashPassword("正确的密码 secret", fast)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("hash %q is not a PHC argon2id string", h)
	}
	for _, tc := range []struct {
		pw   string
		want bool
	}{{"正确的密码 secret", true}, {"正确的密码 secreT", false}, {"", false}} {
		got, err := VerifyPassword(tc.pw, h)
		if err != nil || got != tc.want {
			t.Errorf("VerifyPassword(%q) = %v, %v; want %v", tc.pw, got, err, tc.want)
		}
	}
	h2, _ := HashPassword("正确的密码 secret", fast)
	if h == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
}

func TestVerifyRefusesMalformedHashes(t *testing.T) {
	for _, h := range []string{"", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=19$m=0,t=1,p=1$c2FsdA$a2V5",
		"$argon2id$v=19$m=99999999,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=19$m=64,t=1,p=1$!!$a2V5"} {
		if ok, err := VerifyPassword("x", h); ok || err == nil {
			t.Errorf("VerifyPassword(%q) = %v, %v; want an error", h, ok, err)
		}
	}
}

func TestDefaultParamsVerify(t *testing.T) {
	h, err := HashPassword("longer password", Default)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := VerifyPassword("longer password", h); !ok {
		t.Error("default parameters do not verify their own hash")
	}
}

func TestSecretsAreRandomAndHashed(t *testing.T) {
	a, b := NewSecret("jxt_"), NewSecret("jxt_")
	if a == b || !strings.HasPrefix(a, "jxt_") || len(a) < 40 {
		t.Errorf("secrets %q %q", a, b)
	}
	if HashSecret(a) == a || len(HashSecret(a)) != 64 || HashSecret(a) != HashSecret(a) {
		t.Error("HashSecret is not a stable SHA-256 hex")
	}
	if p := NewPassword(); len(p) != 16 || strings.ContainsAny(p, "0O1lI") {
		t.Errorf("password %q", p)
	}
}

func TestLimiterAllowsABurstThenOnePerPeriod(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := NewLimiter(3, time.Minute)
	l.now = func() time.Time { return now }
	for i := range 3 {
		if ok, _ := l.Allow("alice"); !ok {
			t.Fatalf("attempt %d refused within the burst", i+1)
		}
		l.Fail("alice")
	}
	ok, wait := l.Allow("alice")
	if ok || wait <= 0 || wait > 2*time.Minute {
		t.Fatalf("after 3 failures: allowed %v, wait %v", ok, wait)
	}
	if ok, _ := l.Allow("bob"); !ok {
		t.Error("another key is limited too")
	}
	now = now.Add(time.Minute)
	if ok, _ := l.Allow("alice"); !ok {
		t.Error("one attempt is not allowed again after a period")
	}
	l.Fail("alice")
	if ok, _ := l.Allow("alice"); ok {
		t.Error("a second attempt in the same period is allowed")
	}
	l.Reset("alice")
	if ok, _ := l.Allow("alice"); !ok {
		t.Error("Reset does not forget failures")
	}
	now = now.Add(time.Hour)
	l.Fail("carol")
	now = now.Add(time.Hour)
	l.Allow("carol")
	if len(l.keys) != 0 {
		t.Errorf("recovered keys are kept: %v", l.keys)
	}
}
