// The rule catalogue of RULES.md as data. Included by rules.hpp only.

namespace xxgk {

inline constexpr std::array<rule_info, enum_count<rule>> catalogue = {{
    {rule::cell_not_numeric, "cell.not_numeric", severity::error, rule_scope::tables,
     "单元格不是数字", "cell is not a number",
     "{cell}应填写数字，实际为“{text}”", "{cell} must be a number but reads \"{text}\"",
     "Every cell of tables 二, 三 and 四 is a count or an amount; text there cannot enter the identities "
     "and usually means a label or note was typed into a number cell."},
    {rule::cell_blank, "cell.blank", severity::warning, rule_scope::tables,
     "单元格为空", "cell is blank",
     "{cell}为空，按0计算", "{cell} is blank; counted as 0",
     "The format asks for a number in every cell, 0 included. A blank is read as 0 for the arithmetic, "
     "which may hide a missing figure."},
    {rule::cell_placeholder, "cell.placeholder", severity::warning, rule_scope::tables,
     "单元格使用占位符", "placeholder instead of a number",
     "{cell}填写“{text}”而非数字，按0计算", "{cell} holds \"{text}\" instead of a number; counted as 0",
     "`/`, `—`, `无` or `不适用` where the format asks for a count is read as 0; the format expects the "
     "number itself."},
    {rule::cell_negative, "cell.negative", severity::error, rule_scope::tables,
     "负数", "negative value",
     "{cell}为负数：{left}", "{cell} is negative: {left}",
     "Counts of documents, decisions, applications and cases, and amounts of fees, cannot be negative "
     "(the 2019 format's 本年增/减 change column is exempt)."},
    {rule::cell_fractional, "cell.fractional", severity::error, rule_scope::tables,
     "计数含小数", "count with a fraction",
     "{cell}应为整数，实际为{left}", "{cell} must be a whole number but is {left}",
     "Every cell except the fee amount counts documents, decisions, applications or cases, so it is a whole "
     "number."},
    {rule::cell_unreadable, "cell.unreadable", severity::error, rule_scope::tables,
     "单元格无法识别", "cell could not be read",
     "{cell}的数值无法从原文确定{text}", "the value of {cell} cannot be determined from the document{text}",
     "When the source runs digits of several cells together and more than one split satisfies every identity, "
     "the value is left unread rather than guessed."},
    {rule::t2_fee_unit, "t2.fee_unit", severity::warning, rule_scope::tables,
     "收费金额单位疑误", "fee amount looks like yuan",
     "行政事业性收费金额{left}（单位：万元）疑似按元填写（阈值{right}万元）",
     "the fee amount {left} (unit 万元) looks like an amount in yuan (threshold {right} 万元)",
     "Table 二 states 行政事业性收费 in 万元 (10,000 yuan). An amount printed with 元, a table header saying "
     "单位：元, or an implausibly large amount was most likely entered in yuan. The threshold is configurable."},
    {rule::t2_in_force_bound, "t2.in_force_bound", severity::warning, rule_scope::tables,
     "现行有效件数偏少", "fewer in force than issued less repealed",
     "{row}：现行有效件数为{left}，少于本年制发件数减本年废止件数{right}，相差{difference}",
     "{row}: in force {left} is less than issued − repealed = {right} (difference {difference})",
     "Documents issued this year and not repealed are still in force at its end, so for 规章 and 行政规范性文件 "
     "the in-force count is at least issued − repealed (repeals may also hit earlier years' documents, so more "
     "is fine)."},
    {rule::t3_balance, "t3.balance", severity::error, rule_scope::tables,
     "勾稽关系不成立", "balance identity fails",
     "{column}列：第一项加第二项之和为{left}，第三项加第四项之和为{right}，相差{difference}",
     "column {column}: new + carried over = {left} but processed + carried forward = {right} (difference "
     "{difference})",
     "The form itself prints the identity: 本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理, in every "
     "column. Every application received is either processed or carried forward."},
    {rule::t3_outcome_total, "t3.outcome_total", severity::error, rule_scope::tables,
     "办理结果总计不符", "outcome total differs",
     "{column}列：（七）总计为{left}，各项办理结果之和为{right}，相差{difference}",
     "column {column}: （七）总计 is {left} but the outcomes add up to {right} (difference {difference})",
     "（七）总计 is the sum of the outcome rows （一） to （六）; a partly disclosed application counts once, "
     "under （二）部分公开."},
    {rule::t3_applicant_total, "t3.applicant_total", severity::error, rule_scope::tables,
     "申请人总计不符", "applicant total differs",
     "{row}：总计为{left}，各类申请人之和为{right}，相差{difference}",
     "{row}: 总计 is {left} but the applicant columns add up to {right} (difference {difference})",
     "The 总计 column is the sum of 自然人 and the five kinds of 法人或其他组织 in every row."},
    {rule::t3_total_blank, "t3.total_blank", severity::warning, rule_scope::tables,
     "总计为空", "total left blank",
     "{cell}为空，但其各分项之和为{right}", "{cell} is blank but its parts add up to {right}",
     "A blank total beside non-zero parts is a total that was never filled in; it is reported once here "
     "instead of as a blank cell and as every identity it takes part in."},
    {rule::t3_subtotal, "t3.subtotal", severity::error, rule_scope::document,
     "小计不符", "subtotal differs",
     "{text}：小计为{left}，各分项之和为{right}，相差{difference}",
     "{text}: the subtotal is {left} but its parts add up to {right} (difference {difference})",
     "Some agencies add a 法人或其他组织 subtotal column and subtotal rows for （三）–（六）; each must equal the "
     "sum of its parts. The subtotals have no cell in the report, so a finding points to table 三, names the "
     "subtotal (row / column) in its text and stands where the subtotal is printed; its other pointers are the parts."},
    {rule::t4_total, "t4.total", severity::error, rule_scope::tables,
     "复议诉讼总计不符", "proceeding total differs",
     "{row}：总计为{left}，结果维持、结果纠正、其他结果、尚未审结之和为{right}，相差{difference}",
     "{row}: 总计 is {left} but upheld + corrected + other + pending = {right} (difference {difference})",
     "Each proceeding's 总计 is the sum of its four results."},
    {rule::doc_section_missing, "doc.section_missing", severity::error, rule_scope::document,
     "缺少章节", "section missing",
     "缺少章节“{cell}”", "section \"{cell}\" is missing",
     "The format has six sections; each must be present."},
    {rule::doc_section_order, "doc.section_order", severity::warning, rule_scope::document,
     "章节顺序错误", "sections out of order",
     "章节“{cell}”的位置不符合格式规定的顺序", "section \"{cell}\" is out of the format's order",
     "The six sections appear in the order the format gives."},
    {rule::doc_heading_variant, "doc.heading_variant", severity::info, rule_scope::document,
     "章节标题为变体", "heading variant",
     "章节标题“{text}”是“{cell}”的常见变体", "heading \"{text}\" is a known variant of \"{cell}\"",
     "Some agencies use older or reworded headings; they are accepted and noted."},
    {rule::doc_table_missing, "doc.table_missing", severity::error, rule_scope::document,
     "缺少表格", "table missing",
     "缺少表格“{cell}”", "table \"{cell}\" is missing",
     "Sections 二, 三 and 四 each carry one of the format's fixed tables."},
    {rule::doc_table_layout, "doc.table_layout", severity::warning, rule_scope::document,
     "表格结构不符", "table layout deviates",
     "表格“{cell}”的行列与格式不符：{text}", "table \"{cell}\" deviates from the format's rows and columns: {text}",
     "The tables' rows and columns are fixed by the format; added, missing or renamed rows or columns are "
     "deviations (for example the subtotal variant)."},
    {rule::doc_outdated_format, "doc.outdated_format", severity::error, rule_scope::tables,
     "使用旧版格式", "outdated 2019 format",
     "{left}年度报告使用了2019年试行格式（国办公开办函〔2019〕60号）",
     "the report for {left} uses the 2019 trial format (国办公开办函〔2019〕60号)",
     "From data year 2021 the format of 国办公开办函〔2021〕30号 applies; the 2019 trial format is outdated."},
    {rule::doc_period_statement, "doc.period_statement", severity::warning, rule_scope::document,
     "统计期限说明缺失或不符", "statistics period statement",
     "统计期限“{text}”不是报告年度{right}年的1月1日至12月31日",
     "the statistics period \"{text}\" is not 1 January to 31 December of the report year {right}",
     "The introduction states the statistics period (本报告中所列数据统计期限自…, 涵盖…至…期间): the whole report "
     "year, 1 January to 31 December. A missing statement, another year or part of a year is reported; `left` is "
     "the period's year, `right` the report year, `text` the period as printed (empty when there is none)."},
    {rule::doc_year_mismatch, "doc.year_mismatch", severity::warning, rule_scope::document,
     "年度不一致", "years disagree",
     "标题、统计期限和正文中的年度不一致：{text}", "the title, period and prose years disagree: {text}",
     "The title year, the statistics period and the years in the prose name the same data year."},
    {rule::doc_problems_empty, "doc.problems_empty", severity::warning, rule_scope::document,
     "问题与改进为空", "section 五 empty",
     "第五部分“存在的主要问题及改进情况”为空或仅为“无”", "section 五 (problems and improvements) is empty or a bare 无",
     "Section 五 reports the main problems and how they are being addressed; an empty section says nothing."},
    {rule::doc_fee_statement, "doc.fee_statement", severity::warning, rule_scope::document,
     "未说明信息处理费", "no 信息处理费 statement",
     "第六部分未说明是否收取信息处理费", "section 六 does not say whether 信息处理费 was charged",
     "The 2021 format expects section 六 to state the 信息处理费 charged under 国办函〔2020〕109号."},
    {rule::text_table_mismatch, "text.table_mismatch", severity::warning, rule_scope::document,
     "正文数字与表格不符", "prose differs from table",
     "正文“{text}”中的数字{left}与{cell}的{right}不符",
     "the prose \"{text}\" states {left} but {cell} is {right}",
     "Figures restated in the prose (applications received, reviews, suits) must agree with the tables."},
    {rule::xy_carry_over, "xy.carry_over", severity::error, rule_scope::across_years,
     "上年结转与上年报告不符", "carry-over differs from last year",
     "{column}列：本年“上年结转”为{left}，上年报告“结转下年度继续办理”为{right}，相差{difference}",
     "column {column}: carried over {left} this year but last year's report carried forward {right} "
     "(difference {difference})",
     "What last year's report carried forward is what this year's report carries over, column by column."},
    {rule::xy_in_force, "xy.in_force", severity::warning, rule_scope::across_years,
     "现行有效件数不连续", "in-force count does not continue",
     "{row}：现行有效件数为{left}，按上年现行有效加本年制发减本年废止应为{right}，相差{difference}",
     "{row}: in force {left}, but last year's in force + issued − repealed = {right} (difference {difference})",
     "A heuristic: documents in force this year are last year's plus those issued less those repealed. "
     "Clean-ups and expiry break it, so it is only a warning."},
    {rule::xy_duplicate, "xy.duplicate", severity::warning, rule_scope::across_years,
     "与上年报告雷同", "copied from last year",
     "{cell}与上年报告相同或几乎相同（相似度{left}，阈值{right}）",
     "{cell} is identical or nearly identical to last year's report (similarity {left}, threshold {right})",
     "A report whose tables or prose repeat last year's was most likely copied rather than written. Tables are "
     "compared cell by cell, and only when they hold a non-zero count of the year's activity (all-zero tables of "
     "small agencies prove nothing); prose sections of at least 60 characters are near-identical when the "
     "Jaccard similarity of their 4-character shingles, after dropping whitespace and punctuation and folding "
     "full-width forms, is at least the threshold (0.9 by default)."},
    {rule::pub_late, "pub.late", severity::warning, rule_scope::publication,
     "逾期公布", "published late",
     "报告于{text}公布，超过公布期限{difference}天", "published on {text}, {difference} days after the deadline",
     "条例 第四十九条: departments publish by 31 January, governments by 31 March; township deadlines are set "
     "locally."},
    {rule::pub_early, "pub.early", severity::error, rule_scope::publication,
     "公布日期早于年度结束", "published before the year ended",
     "报告于{text}公布，早于{left}年度结束（提前{difference}天）",
     "published on {text}, before the data year {left} ended ({difference} days early)",
     "A full-year report cannot exist before its data year is over: a publication date on or before 31 December "
     "of the data year is almost always a wrong date or a wrong year."},
    {rule::xy_hierarchy, "xy.hierarchy", severity::warning, rule_scope::across_years,
     "上级数据与下级之和不符", "parent differs from its children's sum",
     "{cell}：本级报告为{left}，下级机关报告之和为{right}，相差{difference}",
     "{cell}: the parent reports {left} but its children add up to {right} (difference {difference})",
     "Run on request with a parent → children mapping (e.g. a county and its departments): where the parent's "
     "report aggregates its children, each count of tables 二, 三 and 四 is the sum of theirs (or at least that "
     "sum when the parent also reports its own office)."},
}};

}  // namespace xxgk
