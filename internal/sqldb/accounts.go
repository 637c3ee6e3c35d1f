package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"jixiao"
)

// Orgs lists every org with its parent, by name.
func (db *DB) Orgs(ctx context.Context) ([]jixiao.Org, error) {
	rows, err := db.x.QueryContext(ctx, `SELECT id, name, coalesce(parent_id, 0) FROM orgs ORDER BY name `+db.d.byteOrder)
	if err != nil {
		return nil, fmt.Errorf("list orgs: %w", err)
	}
	defer rows.Close()
	list := []jixiao.Org{}
	for rows.Next() {
		var o jixiao.Org
		if err := rows.Scan(&o.ID, &o.Name, &o.ParentID); err != nil {
			return nil, fmt.Errorf("list orgs: %w", err)
		}
		list = append(list, o)
	}
	return list, rows.Err()
}

// EnsureOrg returns the id of the org named name, creating it (under
// parent, 0 for none) when it does not exist yet.
func (db *DB) EnsureOrg(ctx context.Context, name string, parent int64, actor string) (int64, error) {
	name = jixiao.FoldSpace(name)
	if name == "" {
		return 0, jixiao.Errorf(jixiao.EINVALID, "单位名称不能为空")
	}
	var id int64
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		err := tx.GetContext(ctx, &id, tx.Rebind(`SELECT id FROM orgs WHERE name = ?`), name)
		if err == nil {
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		// Someone else (another EnsureOrg, an import) may be creating the
		// same org right now: then theirs is the one, and not ours to log.
		err = tx.QueryRowxContext(ctx, tx.Rebind(`INSERT INTO orgs (name, parent_id) VALUES (?, ?)
			ON CONFLICT (name) DO NOTHING RETURNING id`), name, nullID(parent)).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return tx.GetContext(ctx, &id, tx.Rebind(`SELECT id FROM orgs WHERE name = ?`), name)
		}
		if err != nil {
			return err
		}
		_, err = appendAudit(ctx, tx, jixiao.AuditEntry{Actor: actor, Action: "org.create", Object: fmt.Sprintf("org:%d", id),
			After: auditJSON(map[string]any{"name": name, "parent_id": parent})}, time.Now())
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("ensure org %s: %w", name, domainErr(err))
	}
	return id, nil
}

// SetOrgParent moves org under parent (0: a root). A move that would put
// an org under itself is refused. Moves are serialised: two moves checked
// side by side (a under b, b under a) would each find no cycle and make
// one together.
func (db *DB) SetOrgParent(ctx context.Context, org, parent int64, actor string) error {
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		if db.d.lockOrgMoves != "" {
			if _, err := tx.ExecContext(ctx, db.d.lockOrgMoves); err != nil {
				return err
			}
		}
		var before sql.NullInt64
		if err := tx.GetContext(ctx, &before, tx.Rebind(`SELECT parent_id FROM orgs WHERE id = ?`), org); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return jixiao.Errorf(jixiao.ENOTFOUND, "单位 %d 不存在", org)
			}
			return err
		}
		for p := parent; p != 0; {
			if p == org {
				return jixiao.Errorf(jixiao.EINVALID, "不能把单位放到它自己的下级之下")
			}
			var next sql.NullInt64
			if err := tx.GetContext(ctx, &next, tx.Rebind(`SELECT parent_id FROM orgs WHERE id = ?`), p); err != nil {
				if errors.Is(err, sql.ErrNoRows) {
					return jixiao.Errorf(jixiao.ENOTFOUND, "上级单位 %d 不存在", parent)
				}
				return err
			}
			p = next.Int64
		}
		if _, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE orgs SET parent_id = ? WHERE id = ?`), nullID(parent), org); err != nil {
			return err
		}
		_, err := appendAudit(ctx, tx, jixiao.AuditEntry{Actor: actor, Action: "org.move", Object: fmt.Sprintf("org:%d", org),
			Before: auditJSON(map[string]any{"parent_id": before.Int64}), After: auditJSON(map[string]any{"parent_id": parent})}, time.Now())
		return err
	})
	if err != nil {
		return fmt.Errorf("move org %d: %w", org, domainErr(err))
	}
	return nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

const userCols = `u.id, u.login, u.name, u.role, coalesce(u.org_id, 0), coalesce(o.name, ''), u.disabled, u.created_at`

func scanUser(sc interface{ Scan(...any) error }, u *jixiao.User) error {
	var role string
	if err := sc.Scan(&u.ID, &u.Login, &u.Name, &role, &u.OrgID, &u.OrgName, &u.Disabled, &u.CreatedAt); err != nil {
		return err
	}
	u.Role = jixiao.Role(role)
	u.CreatedAt = u.CreatedAt.UTC()
	return nil
}

// NewUser is an account to create; PasswordHash is already hashed.
type NewUser struct {
	Login        string
	Name         string
	Role         jixiao.Role
	OrgID        int64
	PasswordHash string
}

// CreateUser adds an account; a login already taken is ECONFLICT.
func (db *DB) CreateUser(ctx context.Context, nu NewUser, actor string) (*jixiao.User, error) {
	if nu.Login == "" || !nu.Role.Valid() {
		return nil, jixiao.Errorf(jixiao.EINVALID, "账号须有登录名和角色")
	}
	if nu.Role == jixiao.RoleFiler && nu.OrgID == 0 {
		return nil, jixiao.Errorf(jixiao.EINVALID, "填报人须属于一个单位")
	}
	var id int64
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		now := time.Now().UTC().Truncate(time.Microsecond)
		err := tx.QueryRowxContext(ctx, tx.Rebind(`
			INSERT INTO users (login, name, role, org_id, password_hash, disabled, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			nu.Login, cmpOr(nu.Name, nu.Login), string(nu.Role), nullID(nu.OrgID), nu.PasswordHash, false, now).Scan(&id)
		if err != nil {
			return err
		}
		_, err = appendAudit(ctx, tx, jixiao.AuditEntry{Actor: actor, Action: "user.create", Object: "user:" + nu.Login,
			After: auditJSON(map[string]any{"login": nu.Login, "name": cmpOr(nu.Name, nu.Login), "role": nu.Role, "org_id": nu.OrgID})}, now)
		return err
	})
	if err != nil {
		if classify(err) == errUnique {
			return nil, jixiao.Errorf(jixiao.ECONFLICT, "登录名 %s 已被使用", nu.Login)
		}
		return nil, fmt.Errorf("create user %s: %w", nu.Login, domainErr(err))
	}
	return db.User(ctx, id)
}

// User loads one account.
func (db *DB) User(ctx context.Context, id int64) (*jixiao.User, error) {
	u := &jixiao.User{}
	row := db.x.QueryRowxContext(ctx, db.x.Rebind(`SELECT `+userCols+` FROM users u LEFT JOIN orgs o ON o.id = u.org_id WHERE u.id = ?`), id)
	if err := scanUser(row, u); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, jixiao.Errorf(jixiao.ENOTFOUND, "账号 %d 不存在", id)
		}
		return nil, fmt.Errorf("load user %d: %w", id, err)
	}
	return u, nil
}

// UserCount says how many accounts exist; 0 means a fresh installation.
func (db *DB) UserCount(ctx context.Context) (int, error) {
	var n int
	if err := db.x.GetContext(ctx, &n, `SELECT count(*) FROM users`); err != nil {
		return 0, fmt.Errorf("count users: %w", err)
	}
	return n, nil
}

// Users lists every account by login.
func (db *DB) Users(ctx context.Context) ([]jixiao.User, error) {
	rows, err := db.x.QueryxContext(ctx, `SELECT `+userCols+` FROM users u LEFT JOIN orgs o ON o.id = u.org_id ORDER BY u.login `+db.d.byteOrder)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	list := []jixiao.User{}
	for rows.Next() {
		var u jixiao.User
		if err := scanUser(rows, &u); err != nil {
			return nil, fmt.Errorf("list users: %w", err)
		}
		list = append(list, u)
	}
	return list, rows.Err()
}

// Credentials returns the account with login and its password hash, for
// the login check; ENOTFOUND when there is none.
func (db *DB) Credentials(ctx context.Context, login string) (*jixiao.User, string, error) {
	u := &jixiao.User{}
	var hash string
	row := db.x.QueryRowxContext(ctx, db.x.Rebind(`SELECT `+userCols+`, u.password_hash FROM users u LEFT JOIN orgs o ON o.id = u.org_id WHERE u.login = ?`), login)
	var role string
	err := row.Scan(&u.ID, &u.Login, &u.Name, &role, &u.OrgID, &u.OrgName, &u.Disabled, &u.CreatedAt, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", jixiao.Errorf(jixiao.ENOTFOUND, "账号不存在")
	}
	if err != nil {
		return nil, "", fmt.Errorf("credentials: %w", err)
	}
	u.Role = jixiao.Role(role)
	u.CreatedAt = u.CreatedAt.UTC()
	return u, hash, nil
}

// UserChange is an admin's change to an account; nil fields stay.
type UserChange struct {
	Name         *string
	Role         *jixiao.Role
	OrgID        *int64
	Disabled     *bool
	PasswordHash *string
}

// UpdateUser applies c to account id. Disabling an account ends its
// sessions and tokens at once.
func (db *DB) UpdateUser(ctx context.Context, id int64, c UserChange, actor string) (*jixiao.User, error) {
	if c.Role != nil && !c.Role.Valid() {
		return nil, jixiao.Errorf(jixiao.EINVALID, "未知角色 %q", *c.Role)
	}
	name := strconv.FormatInt(id, 10)
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		// The account is locked, then read, inside the transaction: two
		// changes at once (a rename, a disabling) then apply one after the
		// other, and neither writes back a field the other changed.
		res, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE users SET disabled = disabled WHERE id = ?`), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return jixiao.Errorf(jixiao.ENOTFOUND, "账号 %d 不存在", id)
		}
		before := &jixiao.User{}
		row := tx.QueryRowxContext(ctx, tx.Rebind(`SELECT `+userCols+` FROM users u LEFT JOIN orgs o ON o.id = u.org_id WHERE u.id = ?`), id)
		if err := scanUser(row, before); err != nil {
			return err
		}
		name = before.Login
		after := *before
		if c.Name != nil {
			after.Name = *c.Name
		}
		if c.Role != nil {
			after.Role = *c.Role
		}
		if c.OrgID != nil {
			after.OrgID = *c.OrgID
		}
		if c.Disabled != nil {
			after.Disabled = *c.Disabled
		}
		if after.Role == jixiao.RoleFiler && after.OrgID == 0 {
			return jixiao.Errorf(jixiao.EINVALID, "填报人须属于一个单位")
		}
		_, err = tx.ExecContext(ctx, tx.Rebind(`UPDATE users SET name = ?, role = ?, org_id = ?, disabled = ? WHERE id = ?`),
			after.Name, string(after.Role), nullID(after.OrgID), after.Disabled, id)
		if err != nil {
			return err
		}
		pw := ""
		if c.PasswordHash != nil {
			if _, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE users SET password_hash = ? WHERE id = ?`), *c.PasswordHash, id); err != nil {
				return err
			}
			pw = "changed"
		}
		if after.Disabled || c.PasswordHash != nil {
			if _, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM sessions WHERE user_id = ?`), id); err != nil {
				return err
			}
		}
		if after.Disabled {
			if _, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM tokens WHERE user_id = ?`), id); err != nil {
				return err
			}
		}
		view := func(u *jixiao.User) map[string]any {
			return map[string]any{"name": u.Name, "role": u.Role, "org_id": u.OrgID, "disabled": u.Disabled}
		}
		a := view(&after)
		if pw != "" {
			a["password"] = pw
		}
		_, err = appendAudit(ctx, tx, jixiao.AuditEntry{Actor: actor, Action: "user.update", Object: "user:" + before.Login,
			Before: auditJSON(view(before)), After: auditJSON(a)}, time.Now())
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("update user %s: %w", name, domainErr(err))
	}
	return db.User(ctx, id)
}

// CreateSession stores a session under the hash of its secret.
func (db *DB) CreateSession(ctx context.Context, idHash string, userID int64, expires time.Time) error {
	now := time.Now().UTC().Truncate(time.Microsecond)
	_, err := db.x.ExecContext(ctx, db.x.Rebind(`INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`),
		idHash, userID, now, expires.UTC().Truncate(time.Microsecond))
	if err != nil {
		return fmt.Errorf("create session: %w", domainErr(err))
	}
	return nil
}

// SessionUser returns the account of an unexpired session, ENOTFOUND when
// the session is unknown, expired or its account disabled.
func (db *DB) SessionUser(ctx context.Context, idHash string, now time.Time) (*jixiao.User, error) {
	u := &jixiao.User{}
	row := db.x.QueryRowxContext(ctx, db.x.Rebind(`SELECT `+userCols+` FROM sessions s
		JOIN users u ON u.id = s.user_id LEFT JOIN orgs o ON o.id = u.org_id
		WHERE s.id = ? AND s.expires_at > ? AND NOT u.disabled`), idHash, now.UTC())
	if err := scanUser(row, u); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, jixiao.Errorf(jixiao.ENOTFOUND, "会话已失效，请重新登录")
		}
		return nil, fmt.Errorf("session: %w", err)
	}
	return u, nil
}

// DeleteSession ends a session (logout) and sweeps expired ones.
func (db *DB) DeleteSession(ctx context.Context, idHash string) error {
	_, err := db.x.ExecContext(ctx, db.x.Rebind(`DELETE FROM sessions WHERE id = ? OR expires_at < ?`), idHash, time.Now().UTC())
	if err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// Token is a personal access token's listing; the secret is never stored.
type Token struct {
	ID        int64
	Name      string
	CreatedAt time.Time
}

// CreateToken stores a personal access token of user under its hash.
func (db *DB) CreateToken(ctx context.Context, userID int64, name, hash string, actor string) (Token, error) {
	t := Token{Name: name, CreatedAt: time.Now().UTC().Truncate(time.Microsecond)}
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := tx.QueryRowxContext(ctx, tx.Rebind(`INSERT INTO tokens (user_id, name, hash, created_at) VALUES (?, ?, ?, ?) RETURNING id`),
			userID, name, hash, t.CreatedAt).Scan(&t.ID); err != nil {
			return err
		}
		_, err := appendAudit(ctx, tx, jixiao.AuditEntry{Actor: actor, Action: "token.create", Object: fmt.Sprintf("token:%d", t.ID),
			After: auditJSON(map[string]any{"user_id": userID, "name": name})}, t.CreatedAt)
		return err
	})
	if err != nil {
		return Token{}, fmt.Errorf("create token: %w", domainErr(err))
	}
	return t, nil
}

// Tokens lists a user's tokens.
func (db *DB) Tokens(ctx context.Context, userID int64) ([]Token, error) {
	list := []Token{}
	rows, err := db.x.QueryContext(ctx, db.x.Rebind(`SELECT id, name, created_at FROM tokens WHERE user_id = ? ORDER BY id`), userID)
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t Token
		if err := rows.Scan(&t.ID, &t.Name, &t.CreatedAt); err != nil {
			return nil, fmt.Errorf("list tokens: %w", err)
		}
		t.CreatedAt = t.CreatedAt.UTC()
		list = append(list, t)
	}
	return list, rows.Err()
}

// DeleteToken revokes token id of user.
func (db *DB) DeleteToken(ctx context.Context, userID, id int64, actor string) error {
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM tokens WHERE id = ? AND user_id = ?`), id, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return jixiao.Errorf(jixiao.ENOTFOUND, "令牌不存在")
		}
		_, err = appendAudit(ctx, tx, jixiao.AuditEntry{Actor: actor, Action: "token.delete", Object: fmt.Sprintf("token:%d", id)}, time.Now())
		return err
	})
}

// TokenUser returns the account a token belongs to; ENOTFOUND when the
// token is unknown or its account disabled.
func (db *DB) TokenUser(ctx context.Context, hash string) (*jixiao.User, error) {
	u := &jixiao.User{}
	row := db.x.QueryRowxContext(ctx, db.x.Rebind(`SELECT `+userCols+` FROM tokens t
		JOIN users u ON u.id = t.user_id LEFT JOIN orgs o ON o.id = u.org_id
		WHERE t.hash = ? AND NOT u.disabled`), hash)
	if err := scanUser(row, u); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, jixiao.Errorf(jixiao.ENOTFOUND, "令牌无效")
		}
		return nil, fmt.Errorf("token: %w", err)
	}
	return u, nil
}
