-- Workflow, accounts and the audit log (DESIGN §5).
-- A table version's status moves draft → submitted → returned | approved →
-- published; tables imported before this migration were published ones.
-- The audit log is append-only: triggers refuse UPDATE and DELETE, and each
-- record carries the hash of the one before (audit_head keeps the last), so
-- that a change made around the triggers still shows when verified.

-- +goose Up
ALTER TABLE tables ADD COLUMN status TEXT NOT NULL DEFAULT 'published'
    CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'published'));
ALTER TABLE tables ADD COLUMN created_by TEXT NOT NULL DEFAULT '';
ALTER TABLE tables ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE tables ADD COLUMN grade TEXT NOT NULL DEFAULT '';
ALTER TABLE tables ADD COLUMN comment TEXT NOT NULL DEFAULT '';
CREATE INDEX tables_org_year ON tables (org_id, fiscal_year, version);

CREATE TABLE workflow_events (
    id          INTEGER PRIMARY KEY,
    table_id    INTEGER NOT NULL REFERENCES tables (id) ON DELETE CASCADE,
    action      TEXT    NOT NULL,
    from_status TEXT    NOT NULL,
    to_status   TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    comment     TEXT    NOT NULL,
    grade       TEXT    NOT NULL,
    at          TIMESTAMP NOT NULL
);
CREATE INDEX workflow_events_table ON workflow_events (table_id);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    login         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'reviewer', 'filer')),
    org_id        INTEGER REFERENCES orgs (id),
    password_hash TEXT    NOT NULL,
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMP NOT NULL
);

CREATE TABLE sessions (
    id         TEXT    PRIMARY KEY, -- SHA-256 of the cookie's secret, never the secret
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE tokens (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    hash       TEXT    NOT NULL UNIQUE, -- SHA-256 of the token
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          TIMESTAMP NOT NULL,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    object      TEXT    NOT NULL,
    before_json TEXT    NOT NULL,
    after_json  TEXT    NOT NULL,
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL
);
CREATE INDEX audit_log_object ON audit_log (object);

CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT    NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER audit_log_no_delete;
DROP TRIGGER audit_log_no_update;
DROP TABLE audit_head;
DROP TABLE audit_log;
DROP TABLE tokens;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE workflow_events;
DROP INDEX tables_org_year;
ALTER TABLE tables DROP COLUMN comment;
ALTER TABLE tables DROP COLUMN grade;
ALTER TABLE tables DROP COLUMN note;
ALTER TABLE tables DROP COLUMN created_by;
ALTER TABLE tables DROP COLUMN status;
