// The few words the renderings add around the official labels, in both languages.
#pragma once

#include <xxgk/rules.hpp>

#include <string_view>

namespace xxgk::render_detail {

struct phrase {
    std::string_view zh, en;
    constexpr std::string_view in(language l) const noexcept { return l == language::zh ? zh : en; }
};

inline constexpr phrase unreadable_phrase = {"? 表示无法从原文确定的数值（未作推测）",
                                             "? marks a value that cannot be determined from the source (not guessed)"};
inline constexpr std::string_view unreadable_legend(language l) noexcept { return unreadable_phrase.in(l); }
inline constexpr phrase unreadable_list_phrase = {"下列单元格的数值无法从原文确定，表中留空（未作推测）：",
                                                  "These cells' values cannot be determined from the source and are left "
                                                  "empty (not guessed): "};

inline constexpr phrase tables_title = {"年度报告表格", "Report tables"};
inline constexpr phrase findings_heading = {"核查发现的问题", "Findings"};
inline constexpr phrase no_findings = {"未发现问题。", "No findings."};
inline constexpr phrase report_level_heading = {"章节与基本信息", "Sections and report details"};
inline constexpr phrase section_missing = {"（缺）", "(missing)"};
inline constexpr phrase section_present = {"（有）", "(present)"};
inline constexpr phrase left_word = {"左边", "left"};
inline constexpr phrase right_word = {"右边", "right"};
inline constexpr phrase difference_word = {"差额", "difference"};
inline constexpr phrase cells_word = {"涉及单元格", "Cells"};
inline constexpr phrase rationale_word = {"依据", "Rationale"};
inline constexpr phrase source_word = {"来源文件", "Source"};
inline constexpr phrase back_to_index = {"← 返回汇总", "← Back to the summary"};
inline constexpr phrase legend = {
    "图例：粗框深色为问题所在单元格，浅色为同一等式中的其他单元格；点击单元格或编号查看问题。",
    "Legend: a strong outline marks the cell a finding is about, light shading the other cells of the same "
    "identity; click a cell or a number to see the finding."};
inline constexpr phrase blank_value = {"（空）", "(blank)"};
inline constexpr phrase errors_word = {"错误", "errors"};
inline constexpr phrase warnings_word = {"警告", "warnings"};
inline constexpr phrase infos_word = {"提示", "infos"};
inline constexpr phrase index_title = {"政府信息公开工作年度报告核查汇总", "Annual report check: summary"};
inline constexpr phrase file_word = {"文件", "File"};
inline constexpr phrase report_word = {"报告", "Report"};
inline constexpr phrase open_word = {"查看", "open"};
inline constexpr phrase unreadable_file = {"无法读取", "could not be read"};
inline constexpr phrase per_rule_heading = {"各规则问题数", "Findings per rule"};
inline constexpr phrase per_agency_heading = {"各机关问题数", "Findings per agency"};
inline constexpr phrase more_agencies = {"其余机关", "other agencies"};
inline constexpr phrase unknown_agency = {"（未注明机关）", "(agency not stated)"};
inline constexpr phrase reports_word = {"份报告", "reports"};
inline constexpr phrase reports_heading = {"报告一览", "Reports"};
inline constexpr phrase read_reports_word = {"份报告已读取", "reports read"};
inline constexpr phrase on_time_word = {"按时发布", "published on time"};
inline constexpr phrase late_word = {"逾期发布", "published late"};
inline constexpr phrase undated_word = {"未注明发布日期", "no publication date"};
inline constexpr phrase with_errors_word = {"份报告有错误", "reports with errors"};
inline constexpr phrase timeliness_word = {"是否按时", "On time"};
inline constexpr phrase rule_word = {"规则", "Rule"};
inline constexpr phrase title_word = {"名称", "Title"};
inline constexpr phrase sort_hint = {"点击表头排序", "click a heading to sort"};
inline constexpr phrase severity_word = {"默认级别", "Default severity"};
inline constexpr phrase reports_affected_word = {"涉及报告", "Reports"};
inline constexpr phrase check_heading = {"核查结果", "Check results"};
inline constexpr phrase roster_heading = {"名单", "Roster"};
inline constexpr phrase units_expected_word = {"应公开单位", "units expected"};
inline constexpr phrase units_published_word = {"已公开", "published"};
inline constexpr phrase units_on_time_word = {"按时", "on time"};
inline constexpr phrase units_late_word = {"逾期", "late"};
inline constexpr phrase units_undated_word = {"日期不明", "undated"};
inline constexpr phrase units_missing_word = {"未公开", "missing"};
inline constexpr phrase units_unreadable_word = {"无法读取", "unreadable"};
inline constexpr phrase units_unmatched_word = {"未对应单位的报告", "unmatched reports"};
inline constexpr phrase attention_heading = {"未公开、逾期或无法读取的单位", "Units missing, late or unreadable"};
inline constexpr phrase all_on_time = {"所有单位均已按时公开。", "Every unit published on time."};
inline constexpr phrase unmatched_heading = {"未对应名单中单位的报告", "Reports matching no unit"};
inline constexpr phrase unit_word = {"单位", "Unit"};
inline constexpr phrase kind_word = {"机关类型", "Kind"};
inline constexpr phrase parent_word = {"上级", "Parent"};
inline constexpr phrase state_word = {"状态", "State"};
inline constexpr phrase deadline_word = {"截止日期", "Deadline"};
inline constexpr phrase days_late_word = {"逾期天数", "Days late"};
inline constexpr phrase indicators_heading = {"指标", "Indicators"};
inline constexpr phrase indicators_hint = {"每格：本年数值，其下为上年数值和变化（百分点）；“—”表示无法计算，鼠标悬停查看原因。",
                                           "Each cell: this year's value, below it last year's and the change (percentage "
                                           "points); “—”: no value, hover for why."};
inline constexpr phrase sums_heading = {"各上级单位汇总的指标", "Indicators of each parent's sum"};
inline constexpr phrase report_indicators_heading = {"各报告的指标", "Indicators of each report"};
inline constexpr phrase complete_word = {"汇总完整", "Complete"};
inline constexpr phrase differing_word = {"与本级报告不同的单元格", "Cells differing from its own report"};
inline constexpr phrase last_year_word = {"上年", "last year"};
inline constexpr phrase yes_word = {"是", "yes"};
inline constexpr phrase no_word = {"否", "no"};
inline constexpr phrase report_count_word = {"报告数", "Reports"};
inline constexpr phrase charts_heading = {"图表", "Charts"};

}  // namespace xxgk::render_detail
