// Package conf decodes the small settings files of jixiao — review rules
// (internal/review) and scoring settings (internal/score) — from JSON or a
// subset of TOML into one generic shape (map[string]any, []any, string,
// json.Number / int64 / float64, bool), so that each package validates its
// keys once, with the same Chinese messages for both syntaxes.
//
// It imports only the standard library: the pure packages that read
// settings may depend on it without depending on each other.
package conf
