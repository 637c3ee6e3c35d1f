package auth

import (
	"sync"
	"time"
)

// Limiter slows down password guessing: each key (a login name, a client
// address) may fail Burst times, then one more attempt per Every. Success
// does not reset the count of the address, only of the login. Memory is
// bounded: keys whose allowance is full again are forgotten.
type Limiter struct {
	Burst int
	Every time.Duration
	now   func() time.Time

	mu   sync.Mutex
	keys map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

// NewLimiter returns a limiter allowing burst failures, then one per every.
func NewLimiter(burst int, every time.Duration) *Limiter {
	return &Limiter{Burst: burst, Every: every, now: time.Now, keys: map[string]*bucket{}}
}

// Allow reports whether an attempt for key may go ahead now, and if not,
// how long to wait.
func (l *Limiter) Allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.refill(key)
	if b == nil || b.tokens >= 1 {
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) * float64(l.Every))
	return false, wait.Round(time.Second) + time.Second
}

// Fail records a failed attempt for key.
func (l *Limiter) Fail(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.refill(key)
	if b == nil {
		b = &bucket{tokens: float64(l.Burst), at: l.now()}
		l.keys[key] = b
	}
	b.tokens--
	if len(l.keys) > 100_000 {
		l.sweep()
	}
}

// Reset forgets key's failures (after a successful login for that name).
func (l *Limiter) Reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.keys, key)
}

func (l *Limiter) refill(key string) *bucket {
	b := l.keys[key]
	if b == nil {
		return nil
	}
	now := l.now()
	b.tokens += float64(now.Sub(b.at)) / float64(l.Every)
	b.at = now
	if b.tokens >= float64(l.Burst) {
		delete(l.keys, key)
		return nil
	}
	return b
}

func (l *Limiter) sweep() {
	for k := range l.keys {
		l.refill(k)
	}
}
