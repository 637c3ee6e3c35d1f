// Package auth holds the secrets of accounts: argon2id password hashes,
// random session and token secrets (stored only as SHA-256), and the
// limiter that slows down password guessing. It knows nothing of HTTP or
// of the database.
package auth
