-- In-year monitoring (运行监控) and year-end self-evaluation (绩效自评)
-- records (DESIGN §6). They belong to a project of an org's table for a
-- year by the project's name, so that they carry over when the targets are
-- adjusted into a new version. Like targets they are versioned: a save is
-- a new version, the old ones kept, and every save is audited. Only what
-- people typed is stored; lights, scores and grades are derived.

-- +goose Up
CREATE TABLE progress_reports (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES orgs (id),
    fiscal_year  INTEGER NOT NULL,
    project      TEXT    NOT NULL,
    as_of        TEXT    NOT NULL, -- YYYY-MM-DD
    version      INTEGER NOT NULL CHECK (version >= 1),
    budget_fen   BIGINT  NOT NULL,
    executed_fen BIGINT  NOT NULL,
    note         TEXT    NOT NULL,
    recorded_by  TEXT    NOT NULL,
    recorded_at  TIMESTAMP NOT NULL,
    UNIQUE (org_id, fiscal_year, project, as_of, version)
);

CREATE TABLE progress_items (
    report_id        INTEGER NOT NULL REFERENCES progress_reports (id) ON DELETE CASCADE,
    seq              INTEGER NOT NULL,
    name             TEXT    NOT NULL,
    actual           TEXT    NOT NULL,
    forecast         TEXT    NOT NULL,
    attainment       TEXT    NOT NULL,
    deviation_reason TEXT    NOT NULL,
    measure          TEXT    NOT NULL,
    PRIMARY KEY (report_id, seq)
);

CREATE TABLE evaluations (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES orgs (id),
    fiscal_year  INTEGER NOT NULL,
    project      TEXT    NOT NULL,
    version      INTEGER NOT NULL CHECK (version >= 1),
    budget_fen   BIGINT,           -- NULL until entered
    executed_fen BIGINT,
    summary      TEXT    NOT NULL,
    problems     TEXT    NOT NULL,
    improvements TEXT    NOT NULL,
    evaluated_by TEXT    NOT NULL,
    evaluated_at TIMESTAMP NOT NULL,
    UNIQUE (org_id, fiscal_year, project, version)
);

CREATE TABLE evaluation_items (
    evaluation_id      INTEGER NOT NULL REFERENCES evaluations (id) ON DELETE CASCADE,
    seq                INTEGER NOT NULL,
    name               TEXT    NOT NULL,
    actual             TEXT    NOT NULL,
    attainment         TEXT    NOT NULL,
    share              TEXT    NOT NULL,
    deviation_analysis TEXT    NOT NULL,
    PRIMARY KEY (evaluation_id, seq)
);

-- +goose Down
DROP TABLE evaluation_items;
DROP TABLE evaluations;
DROP TABLE progress_items;
DROP TABLE progress_reports;
