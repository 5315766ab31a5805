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

}  // namespace xxgk::render_detail
