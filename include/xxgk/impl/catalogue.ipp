// The rule catalogue of RULES.md as data. Included by rules.hpp only.

namespace xxgk {

inline constexpr std::array<rule_info, enum_count<rule>> catalogue = {{
    {rule::cell_not_numeric, "cell.not_numeric", severity::error, rule_scope::tables,
     "单元格不是数字", "cell is not a number",
     "{cell}应填写数字，实际为“{text}”", "{cell} must be a number but reads \"{text}\"",
     "Every cell of tables 二, 三 and 四 is a count or an amount; text there cannot enter the identities "
     "and usually means a label or note was typed into a number cell.",
     "表二、表三、表四的每个单元格都是件数或金额；其中的文字无法参与勾稽核对，"
     "通常是把标签或说明填进了数字单元格。"},
    {rule::cell_blank, "cell.blank", severity::warning, rule_scope::tables,
     "单元格为空", "cell is blank",
     "{cell}为空，按0计算", "{cell} is blank; counted as 0",
     "The format asks for a number in every cell, 0 included. A blank is read as 0 for the arithmetic, "
     "which may hide a missing figure.",
     "格式要求每个单元格填写数字，包括0。空白按0参与计算，可能掩盖漏填的数据。"},
    {rule::cell_placeholder, "cell.placeholder", severity::warning, rule_scope::tables,
     "单元格使用占位符", "placeholder instead of a number",
     "{cell}填写“{text}”而非数字，按0计算", "{cell} holds \"{text}\" instead of a number; counted as 0",
     "`/`, `—`, `无` or `不适用` where the format asks for a count is read as 0; the format expects the "
     "number itself.",
     "在应填件数处填写“/”“—”“无”或“不适用”的，按0计算；格式要求填写数字本身。"},
    {rule::cell_negative, "cell.negative", severity::error, rule_scope::tables,
     "负数", "negative value",
     "{cell}为负数：{left}", "{cell} is negative: {left}",
     "Counts of documents, decisions, applications and cases, and amounts of fees, cannot be negative "
     "(the 2019 format's 本年增/减 change column is exempt).",
     "文件、决定、申请、案件的件数以及收费金额不能为负数（2019年格式“本年增/减”栏除外）"
     "。"},
    {rule::cell_fractional, "cell.fractional", severity::error, rule_scope::tables,
     "计数含小数", "count with a fraction",
     "{cell}应为整数，实际为{left}", "{cell} must be a whole number but is {left}",
     "Every cell except the fee amount counts documents, decisions, applications or cases, so it is a whole "
     "number.",
     "除收费金额外，每个单元格统计的都是文件、决定、申请或案件的件数，应为整数。"},
    {rule::cell_unreadable, "cell.unreadable", severity::error, rule_scope::tables,
     "单元格无法识别", "cell could not be read",
     "{cell}的数值无法从原文确定{text}", "the value of {cell} cannot be determined from the document{text}",
     "When the source runs digits of several cells together and more than one split satisfies every identity, "
     "the value is left unread rather than guessed.",
     "原文把几个单元格的数字连在一起、且有不止一种拆分满足全部勾稽关系时，该数值不予识别，"
     "不作推测。"},
    {rule::t2_fee_unit, "t2.fee_unit", severity::warning, rule_scope::tables,
     "收费金额单位疑误", "fee amount looks like yuan",
     "行政事业性收费金额{left}（单位：万元）疑似按元填写（阈值{right}万元）",
     "the fee amount {left} (in 10,000 yuan) looks like an amount in yuan (threshold {right})",
     "Table 二 states 行政事业性收费 in 万元 (10,000 yuan). An amount printed with 元, a table header saying "
     "单位：元, or an implausibly large amount was most likely entered in yuan. The threshold is configurable.",
     "表二“行政事业性收费”的单位为万元。金额带“元”字或大得不合常理的，很可能是按元填写的。"
     "阈值可以设置。"},
    {rule::t2_in_force_bound, "t2.in_force_bound", severity::warning, rule_scope::tables,
     "现行有效件数偏少", "fewer in force than issued less repealed",
     "{row}：现行有效件数为{left}，少于本年制发件数减本年废止件数{right}，相差{difference}",
     "{row}: in force {left} is less than issued − repealed = {right} (difference {difference})",
     "Documents issued this year and not repealed are still in force at its end, so for 规章 and 行政规范性文件 "
     "the in-force count is at least issued − repealed (repeals may also hit earlier years' documents, so more "
     "is fine).",
     "本年制发且未废止的文件在年末仍现行有效，因此规章和行政规范性文件的现行有效件数不少于本年制发件数"
     "减本年废止件数（废止的也可能是以前年度的文件，多于此数无妨）。"},
    {rule::t3_balance, "t3.balance", severity::error, rule_scope::tables,
     "勾稽关系不成立", "balance identity fails",
     "{column}列：第一项加第二项之和为{left}，第三项加第四项之和为{right}，相差{difference}",
     "column {column}: new + carried over = {left} but processed + carried forward = {right} (difference "
     "{difference})",
     "The form itself prints the identity: 本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理, in every "
     "column. Every application received is either processed or carried forward.",
     "表格本身列明了勾稽关系：每一列中，本年新收加上年结转，等于（七）总计加结转下年度继续办理。"
     "收到的每件申请，要么已办理，要么结转下年度。"},
    {rule::t3_outcome_total, "t3.outcome_total", severity::error, rule_scope::tables,
     "办理结果总计不符", "outcome total differs",
     "{column}列：（七）总计为{left}，各项办理结果之和为{right}，相差{difference}",
     "column {column}: (7) Total is {left} but the outcomes add up to {right} (difference {difference})",
     "（七）总计 is the sum of the outcome rows （一） to （六）; a partly disclosed application counts once, "
     "under （二）部分公开.",
     "（七）总计是办理结果（一）至（六）各行之和；部分公开的申请只计一次，计入（二）"
     "部分公开。"},
    {rule::t3_applicant_total, "t3.applicant_total", severity::error, rule_scope::tables,
     "申请人总计不符", "applicant total differs",
     "{row}：总计为{left}，各类申请人之和为{right}，相差{difference}",
     "{row}: the total is {left} but the applicant columns add up to {right} (difference {difference})",
     "The 总计 column is the sum of 自然人 and the five kinds of 法人或其他组织 in every row.",
     "每一行中，“总计”列等于自然人与五类法人或其他组织之和。"},
    {rule::t3_total_blank, "t3.total_blank", severity::warning, rule_scope::tables,
     "总计为空", "total left blank",
     "{cell}为空，但其各分项之和为{right}", "{cell} is blank but its parts add up to {right}",
     "A blank total beside non-zero parts is a total that was never filled in; it is reported once here "
     "instead of as a blank cell and as every identity it takes part in.",
     "总计为空而分项不为零，说明总计漏填；此处只报告一次，不再作为空白单元格和所涉各项勾稽关系重复报告"
     "。"},
    {rule::t3_subtotal, "t3.subtotal", severity::error, rule_scope::document,
     "小计不符", "subtotal differs",
     "{text}：小计为{left}，各分项之和为{right}，相差{difference}",
     "{text}: the subtotal is {left} but its parts add up to {right} (difference {difference})",
     "Some agencies add a 法人或其他组织 subtotal column and subtotal rows for （三）–（六）; each must equal the "
     "sum of its parts. The subtotals have no cell in the report, so a finding points to table 三, names the "
     "subtotal (row / column) in its text and stands where the subtotal is printed; its other pointers are the parts.",
     "有的机关增设“法人或其他组织”小计列以及（三）至（六）的小计行；每个小计都应等于其各分项之和。"},
    {rule::t4_total, "t4.total", severity::error, rule_scope::tables,
     "复议诉讼总计不符", "proceeding total differs",
     "{row}：总计为{left}，结果维持、结果纠正、其他结果、尚未审结之和为{right}，相差{difference}",
     "{row}: the total is {left} but upheld + corrected + other + pending = {right} (difference {difference})",
     "Each proceeding's 总计 is the sum of its four results.",
     "每类复议、诉讼的“总计”等于其四项结果之和。"},
    {rule::doc_section_missing, "doc.section_missing", severity::error, rule_scope::document,
     "缺少章节", "section missing",
     "缺少章节“{cell}”", "section \"{cell}\" is missing",
     "The format has six sections; each must be present.",
     "格式规定报告分为六个部分，每一部分都应具备。"},
    {rule::doc_section_order, "doc.section_order", severity::warning, rule_scope::document,
     "章节顺序错误", "sections out of order",
     "章节“{cell}”的位置不符合格式规定的顺序", "section \"{cell}\" is out of the format's order",
     "The six sections appear in the order the format gives.",
     "六个部分应按格式规定的顺序排列。"},
    {rule::doc_heading_variant, "doc.heading_variant", severity::info, rule_scope::document,
     "章节标题为变体", "heading variant",
     "章节标题“{text}”是“{cell}”的常见变体", "heading \"{text}\" is a known variant of \"{cell}\"",
     "Some agencies use older or reworded headings; they are accepted and noted.",
     "有的机关使用旧版或改写的章节标题；予以接受，并作提示。"},
    {rule::doc_table_missing, "doc.table_missing", severity::error, rule_scope::document,
     "缺少表格", "table missing",
     "缺少表格“{cell}”", "table \"{cell}\" is missing",
     "Sections 二, 三 and 四 each carry one of the format's fixed tables.",
     "第二、三、四部分各含一张格式规定的固定表格。"},
    {rule::doc_table_layout, "doc.table_layout", severity::warning, rule_scope::document,
     "表格结构不符", "table layout deviates",
     "表格“{cell}”的行列与格式不符：{text}", "table \"{cell}\" deviates from the format's rows and columns: {text}",
     "The tables' rows and columns are fixed by the format; added, missing or renamed rows or columns are "
     "deviations (for example the subtotal variant).",
     "表格的行和列由格式规定；增加、缺少或改名的行列均属偏离（例如增设小计的变体）"
     "。"},
    {rule::doc_outdated_format, "doc.outdated_format", severity::error, rule_scope::tables,
     "使用旧版格式", "outdated 2019 format",
     "{left}年度报告使用了2019年试行格式（国办公开办函〔2019〕60号）",
     "the report for {left} uses the 2019 trial format (Letter [2019] No. 60 of the General Office of the State Council)",
     "From data year 2021 the format of 国办公开办函〔2021〕30号 applies; the 2019 trial format is outdated.",
     "自2021年度起适用国办公开办函〔2021〕30号规定的格式；2019年试行格式已经过时。"},
    {rule::doc_period_statement, "doc.period_statement", severity::warning, rule_scope::document,
     "统计期限说明缺失或不符", "statistics period statement",
     "统计期限“{text}”不是报告年度{right}年的1月1日至12月31日",
     "the statistics period \"{text}\" is not 1 January to 31 December of the report year {right}",
     "The introduction states the statistics period (本报告中所列数据统计期限自…, 涵盖…至…期间): the whole report "
     "year, 1 January to 31 December. A missing statement, another year or part of a year is reported; `left` is "
     "the period's year, `right` the report year, `text` the period as printed (empty when there is none).",
     "报告引言应说明统计期限（本报告中所列数据统计期限自……），其年份即报告年度。"},
    {rule::doc_year_mismatch, "doc.year_mismatch", severity::warning, rule_scope::document,
     "年度不一致", "years disagree",
     "标题、统计期限和正文中的年度不一致：{text}", "the title, period and prose years disagree: {text}",
     "The title year, the statistics period and the years in the prose name the same data year.",
     "标题年度、统计期限和正文中的年份应为同一数据年度。"},
    {rule::doc_problems_empty, "doc.problems_empty", severity::warning, rule_scope::document,
     "问题与改进为空", "section V empty",
     "第五部分“存在的主要问题及改进情况”为空或仅为“无”", "section V (main problems and improvements) is empty or a bare \"none\"",
     "Section 五 reports the main problems and how they are being addressed; an empty section says nothing.",
     "第五部分应报告存在的主要问题及改进情况；内容为空等于没有报告。"},
    {rule::doc_fee_statement, "doc.fee_statement", severity::warning, rule_scope::document,
     "未说明信息处理费", "no information processing fee statement",
     "第六部分未说明是否收取信息处理费", "section VI does not say whether information processing fees were charged",
     "The 2021 format expects section 六 to state the 信息处理费 charged under 国办函〔2020〕109号.",
     "2021年格式要求第六部分说明依据国办函〔2020〕109号收取信息处理费的情况。"},
    {rule::text_table_mismatch, "text.table_mismatch", severity::warning, rule_scope::document,
     "正文数字与表格不符", "prose differs from table",
     "正文“{text}”中的数字{left}与{cell}的{right}不符",
     "the prose \"{text}\" states {left} but {cell} is {right}",
     "Figures restated in the prose (applications received, reviews, suits) must agree with the tables.",
     "正文中重述的数字（收到申请数、行政复议数、行政诉讼数等）应与表格一致。"},
    {rule::xy_carry_over, "xy.carry_over", severity::error, rule_scope::across_years,
     "上年结转与上年报告不符", "carry-over differs from last year",
     "{column}列：本年“上年结转”为{left}，上年报告“结转下年度继续办理”为{right}，相差{difference}",
     "column {column}: carried over {left} this year but last year's report carried forward {right} "
     "(difference {difference})",
     "What last year's report carried forward is what this year's report carries over, column by column.",
     "上年报告“结转下年度继续办理”的件数，就是本年报告“上年结转”的件数，逐列相同。"},
    {rule::xy_in_force, "xy.in_force", severity::warning, rule_scope::across_years,
     "现行有效件数不连续", "in-force count does not continue",
     "{row}：现行有效件数为{left}，按上年现行有效加本年制发减本年废止应为{right}，相差{difference}",
     "{row}: in force {left}, but last year's in force + issued − repealed = {right} (difference {difference})",
     "A heuristic: documents in force this year are last year's plus those issued less those repealed. "
     "Clean-ups and expiry break it, so it is only a warning.",
     "经验规则：本年现行有效件数等于上年现行有效件数加本年制发件数减本年废止件数。"
     "集中清理、到期失效会使其不成立，因此只作警告。"},
    {rule::xy_duplicate, "xy.duplicate", severity::warning, rule_scope::across_years,
     "与上年报告雷同", "copied from last year",
     "{cell}与上年报告相同或几乎相同（相似度{left}，阈值{right}）",
     "{cell} is identical or nearly identical to last year's report (similarity {left}, threshold {right})",
     "A report whose tables or prose repeat last year's was most likely copied rather than written. Tables are "
     "compared cell by cell, and only when they hold a non-zero count of the year's activity (all-zero tables of "
     "small agencies prove nothing); prose sections of at least 60 characters are near-identical when the "
     "Jaccard similarity of their 4-character shingles, after dropping whitespace and punctuation and folding "
     "full-width forms, is at least the threshold (0.9 by default).",
     "表格或正文与上年报告雷同的，很可能是照抄而非重新撰写。表格逐格比对，且仅在表格含有本年工作的非零"
     "件数时比对（小机关全为零的表格不能说明问题）；正文各部分不少于60字的，"
     "去除空白和标点、将全角字符折算为半角后，按4字片段计算杰卡德相似度，不低于阈值（默认0.9）"
     "即视为几乎相同。"},
    {rule::pub_late, "pub.late", severity::warning, rule_scope::publication,
     "逾期公布", "published late",
     "报告于{text}公布，超过公布期限{difference}天", "published on {text}, {difference} days after the deadline",
     "条例 第四十九条: departments publish by 31 January, governments by 31 March; township deadlines are set "
     "locally.",
     "依据《条例》第四十九条，政府部门应于每年1月31日前、各级人民政府应于每年3月31日前公布年度报"
     "告；乡镇的期限由地方规定。"},
    {rule::pub_early, "pub.early", severity::error, rule_scope::publication,
     "公布日期早于年度结束", "published before the year ended",
     "报告于{text}公布，早于{left}年度结束（提前{difference}天）",
     "published on {text}, before the data year {left} ended ({difference} days early)",
     "A full-year report cannot exist before its data year is over: a publication date on or before 31 December "
     "of the data year is almost always a wrong date or a wrong year.",
     "年度数据未满一年，全年报告不可能形成：公布日期在数据年度12月31日或之前的，"
     "几乎都是日期或年份写错。"},
    {rule::xy_hierarchy, "xy.hierarchy", severity::warning, rule_scope::across_years,
     "上级数据与下级之和不符", "parent differs from its children's sum",
     "{cell}：本级报告为{left}，下级机关报告之和为{right}，相差{difference}",
     "{cell}: the parent reports {left} but its children add up to {right} (difference {difference})",
     "Run on request with a parent → children mapping (e.g. a county and its departments): where the parent's "
     "report aggregates its children, each count of tables 二, 三 and 四 is the sum of theirs (or at least that "
     "sum when the parent also reports its own office).",
     "按需运行，需提供上级与下级的对应关系（例如县政府及其部门）：上级报告汇总下级数据的，"
     "表二、表三、表四的每个件数应等于下级之和（上级同时报告本机关数据的，应不少于下级之和）"
     "。"},
}};

}  // namespace xxgk
