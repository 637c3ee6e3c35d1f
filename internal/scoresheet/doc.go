// Package scoresheet reads published self-evaluation tables
// (项目支出绩效自评表) into a score.Sheet, for score.Verify: CSV (UTF-8 with
// or without BOM, or GBK as Excel saves it; comma or tab), XLSX (the first
// worksheet with a recognisable header) and JSON (jixiao.selfeval/v1).
//
// # Layout of CSV and XLSX
//
// One row per indicator, as the 自评表 prints them, under a header row
// that is found among the first rows (title lines above it are read for
// 项目名称, 单位名称, 预算年度 and 单位：万元). Headers are recognised
// tolerantly: full- and half-width, spaces, a trailing unit in brackets
// (“预算数（万元）” gives the money unit), and the usual wordings:
//
//	项目名称                 项目名称, 项目
//	一级指标 / 二级指标       一级指标, 二级指标 ("1-产出指标": code and name)
//	三级指标                 三级指标, 指标名称, 绩效指标
//	年度指标值 (target)       年度指标值, 年度目标值, 指标值, 目标值, 全年指标值, 预期指标值
//	实际完成值 (actual)       实际完成值, 全年实际完成值, 实际值, 完成值, 实际完成情况
//	分值 (weight)            分值, 权重, 权重分值, 指标分值
//	得分 (published score)   得分, 指标得分, 自评得分, 评分
//	计量单位, 指标方向 (正向/反向), 达成程度, 得分比例, 偏差原因分析及改进措施
//	预算数, 执行数            全年预算数, 预算数, 年初预算数, 预算金额; 全年执行数, 执行数, 实际支出
//	预算执行率得分 / 分值      the budget line's score and weight
//	总分, 等级               总分, 总得分, 合计得分, 自评总分; 等级, 自评等级, 评价等级
//
// 三级指标, 年度指标值 and 实际完成值 are required. Cells merged down a
// column (项目名称, 一级指标, 二级指标) leave later rows empty; they take
// the value above. Project figures (预算数, 执行数, 总分, 等级) may stand on
// every row of the project or only the first; two different values are an
// error. A row whose 一级指标 or 三级指标 is 预算执行率 is the budget line
// (its 分值 and 得分); a row labelled 总分 or 合计 carries the project's
// published total and grade.
//
// The official template of 财预〔2020〕10号 (one project per sheet) reads
// as it is printed: 项目名称, 主管部门 and （2024年度） in the title rows; the
// budget block (项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 |
// 执行率 | 得分, then the 年度资金总额 row) gives the budget line; the
// indicator block under 绩效指标 | 一级指标 | 二级指标 | 三级指标 | …; and 总分
// in the first column of the last row.
//
// Errors name the file, the row (CSV) or cell (XLSX, "Sheet1!F7"), the
// column and what was expected.
package scoresheet
