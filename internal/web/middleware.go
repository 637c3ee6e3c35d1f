package web

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"

	"jixiao"
	"jixiao/internal/auth"
)

// handlerFunc is a handler that returns its error for the one place that
// renders errors.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

type ctxKey int

const userKey ctxKey = iota

// userOf returns the request's user; the zero User for the public.
func userOf(r *http.Request) *jixiao.User { return userFromContext(r.Context()) }

// userFromContext is userOf for code that has only the request's context,
// as the API's handlers do.
func userFromContext(ctx context.Context) *jixiao.User {
	if u, ok := ctx.Value(userKey).(*jixiao.User); ok {
		return u
	}
	return &jixiao.User{}
}

const sessionCookie = "jixiao_session"

// withUser finds who is asking: a session cookie from the browser, or a
// personal access token (Authorization: Bearer) from a script. An invalid
// token is an error, not the public: a script should hear that its token
// no longer works.
func (s *Server) withUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := &jixiao.User{}
		if h := r.Header.Get("Authorization"); h != "" {
			tok, ok := strings.CutPrefix(h, "Bearer ")
			found, err := s.db.TokenUser(r.Context(), auth.HashSecret(strings.TrimSpace(tok)))
			if !ok || err != nil {
				s.renderError(w, r, errLogin("访问令牌无效或已撤销"))
				return
			}
			u = found
		} else if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
			if found, err := s.db.SessionUser(r.Context(), auth.HashSecret(c.Value), s.now()); err == nil {
				u = found
			} else {
				s.clearSession(w)
			}
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), userKey, u)))
	})
}

// guard checks the route's access and renders the handler's error.
func (s *Server) guard(a access, h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := accessError(a, userOf(r)); err != nil {
			s.renderError(w, r, err)
			return
		}
		if err := h(w, r); err != nil {
			s.renderError(w, r, err)
		}
	})
}

// accessError says why u may not use a route or operation of access a:
// not logged in (401) or not in a role that may (403); nil when u may.
func accessError(a access, u *jixiao.User) error {
	if a.allows(u) {
		return nil
	}
	if u.Anonymous() {
		return errLogin("请先登录")
	}
	return errForbidden("您的角色（" + u.Role.Label() + "）无权进行此操作")
}

// securityHeaders sets what every response carries: a CSP that allows no
// inline script or style and no framing, no MIME sniffing, and no referrer
// to other sites.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
		"font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if s.secure {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// recoverer turns a panic into a 500 page and a log line with the stack.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				s.renderError(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// clientAddr is the address login attempts are counted against.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// loginURL sends the user to the login page and back to where they were.
func loginURL(r *http.Request) string {
	next := r.URL.RequestURI()
	if r.Method != http.MethodGet {
		next = r.Referer()
		if u, err := url.Parse(next); err == nil {
			next = u.RequestURI()
		} else {
			next = "/"
		}
	}
	return "/login?next=" + url.QueryEscape(next)
}

// safeNext keeps a post-login redirect on this site.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}
