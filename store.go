package jixiao

import (
	"context"
	"time"
)

// ImportOutcome says what storing a table did.
type ImportOutcome string

const (
	ImportCreated    ImportOutcome = "created"     // first version for its org and year
	ImportNewVersion ImportOutcome = "new_version" // content changed: a new version, the old one kept
	ImportUnchanged  ImportOutcome = "unchanged"   // same content hash as a stored version (usually the current one): nothing written
)

// ImportResult reports one stored table.
type ImportResult struct {
	TableID int64
	Version int
	Outcome ImportOutcome
}

// TableSummary is a table's row in a listing.
type TableSummary struct {
	ID          int64
	Title       string
	Org         string
	FiscalYear  int
	Version     int
	Current     bool // the newest version for its org and year
	Total       Fen
	MoneyUnit   MoneyUnit
	Projects    int
	Indicators  int
	Source      string
	Hash        string
	ReviewScore float64 // 0 with ReviewGrade "" when not reviewed
	ReviewGrade string  // 优 / 良 / 中 / 差
	Findings    int     // how many review findings
	Status      Status
	Grade       string // the reviewer's grade, once approved
	CreatedBy   string
	Note        string
	ImportedAt  time.Time
}

// ProjectRef locates a project in a stored table.
type ProjectRef struct {
	TableID    int64
	FiscalYear int
	Org        string
	Project    string
	Version    int
}

// TableFilter narrows ListTables. Zero values mean "any"; by default only
// current versions are listed.
type TableFilter struct {
	Org         string
	FiscalYear  int
	AllVersions bool
	// Published lists, per org and year, the newest published version
	// instead of the current one: what the public sees.
	Published bool
	// ID lists just that version, current or not.
	ID int64
}

// TableStore keeps tables and their versions. Every method owns its
// transaction; a failed SaveTable leaves nothing behind.
type TableStore interface {
	SaveTable(ctx context.Context, t *Table) (ImportResult, error)
	Table(ctx context.Context, id int64) (*Table, error) // ENOTFOUND when absent
	Tables(ctx context.Context, f TableFilter) ([]TableSummary, error)
	FindProjects(ctx context.Context, name string) ([]ProjectRef, error) // exact name, current versions
}
