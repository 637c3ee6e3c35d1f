// Package gen makes deterministic synthetic 项目支出绩效目标表 (performance
// target tables of project expenditures) for demo data, tests and
// benchmarks.
//
// The published table in shared/seeds is the model: a district bureau of
// 广州, money in 万元, 资金使用单位 with their projects, goals in the
// bureau's own words, 3–8 indicators per project in the catalogue's
// categories, and target values written the many ways real filers write them
// ("90%以上", "≥20家", " $\geq$ 60", "不少于300项", "2024年12月31日前完成验收",
// "第三季度前完成支付" …). Real tables are also full of mistakes, so a chosen
// share of projects carries defects of the kinds a reviewer must catch, and
// Generate and Defects say which and where, so that review tests can
// measure recall.
//
// Table(opts, i) is a pure function of (opts, i): the same arguments give the
// same table on every machine, and table i does not depend on any other
// table, so corpora can be generated in parallel or sampled. Defects are
// injected after the clean table is complete, so the same (Seed, i) with
// DefectRate 0 is the clean original of a defective table.
//
// Only what the published layout carries is set: target values carry Raw
// text alone (parsing is internal/value's job), and transfer-payment flags,
// annual goals, units, directions and weights are left empty, so a table
// written as text and read back holds the same data.
package gen
