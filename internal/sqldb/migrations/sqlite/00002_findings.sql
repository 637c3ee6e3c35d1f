-- The automatic review of each table version: its findings, score and
-- grade. Unlike the data rows they are replaced when the review is run
-- again (new rules, new thresholds) on an unchanged version.

-- +goose Up
ALTER TABLE tables ADD COLUMN review_score TEXT NOT NULL DEFAULT '';
ALTER TABLE tables ADD COLUMN review_grade TEXT NOT NULL DEFAULT '';
ALTER TABLE tables ADD COLUMN finding_count INTEGER NOT NULL DEFAULT 0;

CREATE TABLE findings (
    id         INTEGER PRIMARY KEY,
    table_id   INTEGER NOT NULL REFERENCES tables (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    rule       TEXT    NOT NULL,
    family     TEXT    NOT NULL,
    severity   TEXT    NOT NULL,
    project    TEXT    NOT NULL,
    indicator  INTEGER NOT NULL,
    field      TEXT    NOT NULL,
    message    TEXT    NOT NULL,
    suggestion TEXT    NOT NULL,
    UNIQUE (table_id, seq)
);
CREATE INDEX findings_rule ON findings (rule);
-- the review's reference look-up: other values of one indicator name
CREATE INDEX indicators_name ON indicators (name);

-- +goose Down
DROP INDEX indicators_name;
DROP TABLE findings;
ALTER TABLE tables DROP COLUMN finding_count;
ALTER TABLE tables DROP COLUMN review_grade;
ALTER TABLE tables DROP COLUMN review_score;
