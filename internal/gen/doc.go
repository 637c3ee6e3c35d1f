// Package gen makes deterministic synthetic 项目支出绩效目标表 (performance
// target tables of project expenditures) for demo data, tests and
// benchmarks.
//
// The published table in shared/seeds is the model: a district bureau of
// 广州, money in 万元, 资金使用单位 with their projects, goals in the
// bureau's own words, 3–8 indicators per project in the catalogue's
// categories, and target values written the many ways real filers write them
// ("90%以上", "≥20家", " $\geq$ 60", "不少于300项", "2024年12月31日前完成验收",
// "稳步提升" …). Real tables are also full of mistakes, so a chosen share of
// projects carries defects of the kinds a reviewer must catch, and Defects
// says which and where, so that review tests can measure recall.
//
// Table(opts, i) is a pure function of (opts, i): the same arguments give the
// same table on every machine, and table i does not depend on any other
// table, so corpora can be generated in parallel or sampled.
//
// Only the raw data is set: target values carry Raw text alone (parsing is
// internal/value's job), and nothing the published layout cannot carry
// (transfer-payment flags, annual goals, weights) is filled in, so a table
// written as text and read back hashes the same.
package gen
