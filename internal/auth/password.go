package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost settings. Default follows RFC 9106's second
// recommendation (64 MiB, 3 passes), lowered to 19 MiB / 2 passes as OWASP
// allows, so that a small server checks a password in tens of
// milliseconds without letting a burst of logins exhaust memory.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
	KeyLen  uint32
	SaltLen int
}

// Default is used for new hashes.
var Default = Params{Memory: 19 * 1024, Time: 2, Threads: 1, KeyLen: 32, SaltLen: 16}

// MinPasswordLen is the shortest password accepted for an account.
const MinPasswordLen = 8

// CheckPasswordStrength refuses passwords too short to resist guessing.
func CheckPasswordStrength(pw string) error {
	if len([]rune(pw)) < MinPasswordLen {
		return fmt.Errorf("密码至少 %d 个字符", MinPasswordLen)
	}
	return nil
}

// HashPassword returns pw's hash in the PHC string format
// $argon2id$v=19$m=…,t=…,p=…$salt$key, which carries its own parameters so
// that they can be raised later without breaking stored hashes.
func HashPassword(pw string, p Params) (string, error) {
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// ErrMalformedHash is returned for a stored hash that is not ours.
var ErrMalformedHash = errors.New("malformed password hash")

// VerifyPassword reports whether pw matches hash, in time independent of
// where they differ.
func VerifyPassword(pw, hash string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, ErrMalformedHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, ErrMalformedHash
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return false, ErrMalformedHash
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, ErrMalformedHash
	}
	key, err := b64.DecodeString(parts[5])
	if err != nil || len(key) == 0 || p.Memory == 0 || p.Time == 0 || p.Threads == 0 || p.Memory > 1<<21 || p.Time > 100 {
		return false, ErrMalformedHash
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// dummyHash is verified against when a login names no account, so that an
// unknown login takes as long as a wrong password and does not reveal
// which logins exist.
var dummyHash, _ = HashPassword("no such account", Default)

// BurnTime spends the time of one password check.
func BurnTime(pw string) { VerifyPassword(pw, dummyHash) }
