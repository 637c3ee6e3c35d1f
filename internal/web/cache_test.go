package web

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"jixiao"
)

func TestPublicReadsAreCachedUntilAWriteOrTheTTL(t *testing.T) {
	e := newEnv(t, openSQLite(t), func(c *Config) { c.PublicCacheTTL = time.Hour })
	pub := e.table(orgOwn, jixiao.StatusPublished)
	page := tablePath(pub, "/projects/1")

	first := e.anonymous().get(page).want(t, http.StatusOK)
	second := e.anonymous().get(page).want(t, http.StatusOK)
	if first.header.Get("X-Cache") != "" || second.header.Get("X-Cache") != "hit" {
		t.Fatalf("X-Cache: first %q, second %q; want a miss, then a hit", first.header.Get("X-Cache"), second.header.Get("X-Cache"))
	}
	if second.body != first.body {
		t.Error("the cached page differs from the rendered one")
	}
	checkSecurityHeaders(t, second)
	api := "/api/v1/tables/" + itoa(pub) + "/projects/1"
	e.anonymous().api(http.MethodGet, api, "").want(t, http.StatusOK)
	if r := e.anonymous().api(http.MethodGet, api, ""); r.header.Get("X-Cache") != "hit" {
		t.Error("a public API read is not cached")
	}

	// Logged in, every read is fresh: the page shows what the user may do.
	for range 2 {
		if r := e.as(roleFiler).get(page).want(t, http.StatusOK); r.header.Get("X-Cache") != "" {
			t.Error("a logged-in read was served from the cache")
		}
	}
	// A 404 is never kept: a draft published a moment later must appear.
	draft := e.table(orgOwn, jixiao.StatusDraft)
	e.anonymous().get(tablePath(draft, "")).want(t, http.StatusNotFound)
	if r := e.anonymous().get(tablePath(draft, "")); r.header.Get("X-Cache") != "" {
		t.Error("a not-found page was cached")
	}

	// Any write through the server empties the cache.
	e.as(roleFiler).post("/account/tokens", url.Values{"name": {"脚本"}}).want(t, http.StatusOK)
	if r := e.anonymous().get(page).want(t, http.StatusOK); r.header.Get("X-Cache") != "" {
		t.Error("a read after a write was served from the cache")
	}
}

func TestWithoutATTLNothingIsCached(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	pub := e.table(orgOwn, jixiao.StatusPublished)
	for range 2 {
		if r := e.anonymous().get(tablePath(pub, "")).want(t, http.StatusOK); r.header.Get("X-Cache") != "" {
			t.Fatal("served from a cache that is off")
		}
	}
}
