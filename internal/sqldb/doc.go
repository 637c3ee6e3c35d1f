// Package sqldb stores tables (绩效目标表) and their versions in SQLite, the
// embedded default, or PostgreSQL, through one database/sql store.
//
// The SQL is written once, with ? placeholders rebound for the driver; what
// really differs between the two databases (driver set-up, error codes,
// collation, the COPY fast path) lives in dialect.go. The schema is a set of
// goose migrations per dialect, embedded and run by Open.
//
// Every method owns its transaction. A stored version is never updated: a
// changed table becomes a new version and the old one is kept.
package sqldb
