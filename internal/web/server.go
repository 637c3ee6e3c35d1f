package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"jixiao"
	"jixiao/internal/auth"
	"jixiao/internal/review"
	"jixiao/internal/score"
	"jixiao/internal/sqldb"
)

// Config is what a Server needs.
type Config struct {
	DB     *sqldb.DB
	Log    *slog.Logger
	Review review.Options // rule settings for every review the app runs
	Score  score.Settings // scoring and monitoring settings (DESIGN §6); zero: the defaults
	// SecureCookies marks cookies Secure: set it when the app is served
	// over TLS (directly or behind a proxy).
	SecureCookies bool
	// PublicCacheTTL, when set, keeps public reads of tables and projects
	// (pages and API) for that long; writes through this server empty the
	// cache at once. 0: no cache.
	PublicCacheTTL time.Duration
	// SessionTTL is how long a login lasts; default 12 hours.
	SessionTTL time.Duration
	// Now replaces the clock in tests.
	Now func() time.Time
}

// Server is the web application.
type Server struct {
	db       *sqldb.DB
	log      *slog.Logger
	review   review.Options
	score    score.Settings
	secure   bool
	ttl      time.Duration
	now      func() time.Time
	pages    *pages
	logins   *auth.Limiter // per login name
	clients  *auth.Limiter // per client address
	uploads  *uploadStash
	handler  http.Handler
	apiState *apiState // the JSON API, once mounted
	cache    *publicCache

	orgsMu  sync.Mutex
	orgTree *jixiao.OrgTree
	orgsAt  time.Time
}

// New builds the application's handler.
func New(cfg Config) (*Server, error) {
	if cfg.DB == nil {
		return nil, errors.New("web: no database")
	}
	s := &Server{
		db:      cfg.DB,
		log:     cfg.Log,
		review:  cfg.Review,
		score:   cfg.Score,
		secure:  cfg.SecureCookies,
		ttl:     cfg.SessionTTL,
		now:     cfg.Now,
		logins:  auth.NewLimiter(5, time.Minute),
		clients: auth.NewLimiter(20, 10*time.Second),
		uploads: newUploadStash(30*time.Minute, 32),
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.score.Weights.Budget.String() == "" {
		s.score = score.DefaultSettings()
	}
	if cfg.PublicCacheTTL > 0 {
		s.cache = newPublicCache(cfg.PublicCacheTTL, 20_000)
	}
	if s.ttl == 0 {
		s.ttl = 12 * time.Hour
	}
	if s.now == nil {
		s.now = time.Now
	}
	var err error
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	h, err := s.routes()
	if err != nil {
		return nil, err
	}
	s.handler = h
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// orgs returns the org tree, re-read at most every few seconds: orgs
// change rarely and every page needs the tree to decide what a user sees.
func (s *Server) orgs(ctx context.Context) (*jixiao.OrgTree, error) {
	s.orgsMu.Lock()
	defer s.orgsMu.Unlock()
	if s.orgTree != nil && s.now().Sub(s.orgsAt) < 2*time.Second {
		return s.orgTree, nil
	}
	list, err := s.db.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	s.orgTree, s.orgsAt = jixiao.NewOrgTree(list), s.now()
	return s.orgTree, nil
}

// forgetOrgs makes the next request read the org tree again.
func (s *Server) forgetOrgs() {
	s.orgsMu.Lock()
	s.orgTree = nil
	s.orgsMu.Unlock()
}
