-- Tables and their versions: orgs, tables, units, projects, indicators.
-- Money is BIGINT fen (never REAL); decimals are canonical TEXT; "" means
-- "not given" so every text column is NOT NULL and round-trips exactly.
-- Rows of a stored version are never updated: a change is a new version.

-- +goose Up
CREATE TABLE orgs (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    parent_id INTEGER REFERENCES orgs (id)
);

CREATE TABLE tables (
    id                  INTEGER PRIMARY KEY,
    org_id              INTEGER NOT NULL REFERENCES orgs (id),
    fiscal_year         INTEGER NOT NULL,
    version             INTEGER NOT NULL CHECK (version >= 1),
    title               TEXT    NOT NULL,
    org_name            TEXT    NOT NULL,
    money_unit          TEXT    NOT NULL,
    total_fen           BIGINT  NOT NULL,
    fiscal_fen          BIGINT  NOT NULL,
    special_account_fen BIGINT  NOT NULL,
    other_fen           BIGINT  NOT NULL,
    source              TEXT    NOT NULL,
    hash                TEXT    NOT NULL,
    fiscal_year_source  TEXT    NOT NULL,
    imported_at         TIMESTAMP NOT NULL,
    project_count       INTEGER NOT NULL,
    indicator_count     INTEGER NOT NULL,
    UNIQUE (org_id, fiscal_year, version)
);

CREATE TABLE units (
    id                  INTEGER PRIMARY KEY,
    table_id            INTEGER NOT NULL REFERENCES tables (id) ON DELETE CASCADE,
    seq                 INTEGER NOT NULL,
    name                TEXT    NOT NULL,
    total_fen           BIGINT  NOT NULL,
    fiscal_fen          BIGINT  NOT NULL,
    special_account_fen BIGINT  NOT NULL,
    other_fen           BIGINT  NOT NULL,
    UNIQUE (table_id, seq)
);

CREATE TABLE projects (
    id                  INTEGER PRIMARY KEY,
    table_id            INTEGER NOT NULL REFERENCES tables (id) ON DELETE CASCADE,
    unit_id             INTEGER NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    seq                 INTEGER NOT NULL,
    name                TEXT    NOT NULL,
    org                 TEXT    NOT NULL,
    total_fen           BIGINT  NOT NULL,
    fiscal_fen          BIGINT  NOT NULL,
    special_account_fen BIGINT  NOT NULL,
    other_fen           BIGINT  NOT NULL,
    goal                TEXT    NOT NULL,
    annual_goal         TEXT    NOT NULL,
    transfer_payment    BOOLEAN NOT NULL,
    UNIQUE (table_id, seq)
);
CREATE INDEX projects_unit_id ON projects (unit_id);
CREATE INDEX projects_name ON projects (name);

CREATE TABLE indicators (
    id                  INTEGER PRIMARY KEY,
    project_id          INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    seq                 INTEGER NOT NULL,
    level1_code         TEXT    NOT NULL,
    level1_name         TEXT    NOT NULL,
    level2_code         TEXT    NOT NULL,
    level2_name         TEXT    NOT NULL,
    name                TEXT    NOT NULL,
    unit                TEXT    NOT NULL,
    direction           TEXT    NOT NULL CHECK (direction IN ('', 'positive', 'negative')),
    weight              TEXT    NOT NULL,
    period_raw          TEXT    NOT NULL,
    period_text         TEXT    NOT NULL,
    period_kind         TEXT    NOT NULL CHECK (period_kind IN ('', 'numeric', 'deadline', 'boolean', 'qualitative')),
    period_op           TEXT    NOT NULL,
    period_implicit_op  BOOLEAN NOT NULL,
    period_value        TEXT    NOT NULL,
    period_max          TEXT    NOT NULL,
    period_unit         TEXT    NOT NULL,
    period_qualifier    TEXT    NOT NULL,
    period_date         TEXT    NOT NULL,
    period_bool         BOOLEAN NOT NULL,
    annual_raw          TEXT    NOT NULL,
    annual_text         TEXT    NOT NULL,
    annual_kind         TEXT    NOT NULL CHECK (annual_kind IN ('', 'numeric', 'deadline', 'boolean', 'qualitative')),
    annual_op           TEXT    NOT NULL,
    annual_implicit_op  BOOLEAN NOT NULL,
    annual_value        TEXT    NOT NULL,
    annual_max          TEXT    NOT NULL,
    annual_unit         TEXT    NOT NULL,
    annual_qualifier    TEXT    NOT NULL,
    annual_date         TEXT    NOT NULL,
    annual_bool         BOOLEAN NOT NULL
);
-- Indicators load in insertion order per project (ORDER BY p.seq, i.id):
-- the index carries the rowid, so SQLite needs no sort.
CREATE INDEX indicators_project_id ON indicators (project_id);

-- +goose Down
DROP TABLE indicators;
DROP TABLE projects;
DROP TABLE units;
DROP TABLE tables;
DROP TABLE orgs;
