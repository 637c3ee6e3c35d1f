package web

import (
	"bytes"
	"net/http"
	"strings"
	"sync"
	"time"
)

// publicCache keeps the pages and API reads the public requests most —
// a published table, its projects — for a few seconds, so that a crowd of
// readers (a table in the news) costs one rendering per page and TTL. It
// serves only the public: a request with a session, a token or a flash
// message passes through. Any state-changing request through this server
// empties it at once; a change made by another process (jixiao import on
// the same database) shows after at most the TTL.
type publicCache struct {
	ttl time.Duration
	max int

	mu      sync.Mutex
	gen     uint64
	entries map[string]*cachedResponse
}

type cachedResponse struct {
	gen    uint64
	at     time.Time
	header http.Header
	body   []byte
}

const maxCachedBody = 2 << 20

func newPublicCache(ttl time.Duration, max int) *publicCache {
	return &publicCache{ttl: ttl, max: max, entries: map[string]*cachedResponse{}}
}

// cacheable reports whether r is a public read of a cached kind.
func cacheable(r *http.Request) bool {
	if r.Method != http.MethodGet || r.Header.Get("Authorization") != "" {
		return false
	}
	if !strings.HasPrefix(r.URL.Path, "/tables/") && !strings.HasPrefix(r.URL.Path, "/api/v1/tables") {
		return false
	}
	for _, c := range r.Cookies() {
		if c.Name == sessionCookie || c.Name == flashCookie {
			return false
		}
	}
	return true
}

func (c *publicCache) handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			// Whatever it changes, the next public read renders afresh.
			next.ServeHTTP(w, r)
			c.invalidate()
			return
		}
		if !cacheable(r) {
			next.ServeHTTP(w, r)
			return
		}
		key := r.URL.RequestURI() + "\x00" + r.Header.Get("Accept")
		now := time.Now()
		c.mu.Lock()
		e, gen := c.entries[key], c.gen
		c.mu.Unlock()
		if e != nil && e.gen == gen && now.Sub(e.at) < c.ttl {
			h := w.Header()
			for k, v := range e.header {
				h[k] = v
			}
			h.Set("X-Cache", "hit")
			w.WriteHeader(http.StatusOK)
			w.Write(e.body)
			return
		}
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		if rec.status != http.StatusOK || rec.overflow || rec.Header().Get("Set-Cookie") != "" {
			return
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.gen != gen {
			return // something changed while it rendered
		}
		if len(c.entries) >= c.max {
			for k, old := range c.entries { // drop stale ones, or any one
				if old.gen != c.gen || now.Sub(old.at) >= c.ttl || len(c.entries) >= c.max {
					delete(c.entries, k)
				}
				if len(c.entries) < c.max*3/4 {
					break
				}
			}
		}
		c.entries[key] = &cachedResponse{gen: gen, at: now, header: rec.Header().Clone(), body: rec.buf.Bytes()}
	})
}

func (c *publicCache) invalidate() {
	c.mu.Lock()
	c.gen++
	c.entries = map[string]*cachedResponse{}
	c.mu.Unlock()
}

// recorder passes a response through and keeps a copy of its body.
type recorder struct {
	http.ResponseWriter
	status   int
	wrote    bool
	buf      bytes.Buffer
	overflow bool
}

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	if !r.overflow {
		if r.buf.Len()+len(b) > maxCachedBody {
			r.overflow, r.buf = true, bytes.Buffer{}
		} else {
			r.buf.Write(b)
		}
	}
	return r.ResponseWriter.Write(b)
}
