package sqldb

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"

	"github.com/pressly/goose/v3"
)

// The SQL of each dialect is its own migration set: types and identity
// columns differ, and a shared file would need templating to hide that.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrations embed.FS

// migrate brings the schema up to date. The goose Provider is used rather
// than goose's package-level functions, which keep the dialect and file
// system in globals and so cannot serve two databases at once.
func migrate(ctx context.Context, db *sql.DB, d *dialect) error {
	fsys, err := fs.Sub(migrations, "migrations/"+d.name)
	if err != nil {
		return err
	}
	opts := []goose.ProviderOption{
		goose.WithDisableGlobalRegistry(true),
		goose.WithSlog(slog.New(slog.DiscardHandler)),
	}
	if d.migrationLock != nil {
		locker, err := d.migrationLock()
		if err != nil {
			return err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(d.goose, db, fsys, opts...)
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate %s: %w", d.name, err)
	}
	return nil
}
