// Package jixiao holds the domain of 项目支出绩效目标 (performance targets of
// public project expenditures): tables, projects, indicators, target values,
// review findings, and the one error type every layer speaks.
//
// It imports only the standard library. Parsing, review, scoring, storage and
// the web layer live in internal packages that depend on this one, never the
// other way round (see DESIGN.md §7).
package jixiao
