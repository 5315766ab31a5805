#ifndef XXGK_RULES_HPP
#define XXGK_RULES_HPP

// The rule catalogue (RULES.md as data) and the checks over one report's tables. A rule is one
// entry in `catalogue` plus, for the table rules, one function in impl/rules.ipp.

#include <xxgk/report.hpp>

#include <bitset>
#include <span>
#include <string>
#include <vector>

namespace xxgk {

BOOST_DEFINE_ENUM_CLASS(severity, error, warning, info)
template <> inline constexpr std::array<std::string_view, 3> labels_of<severity> = {"错误", "警告", "提示"};
template <> inline constexpr std::array<std::string_view, 3> english_labels_of<severity> = {"error", "warning", "info"};

/// What a rule needs to be evaluated.
BOOST_DEFINE_ENUM_CLASS(rule_scope, tables, document, across_years, publication)
template <> inline constexpr std::array<std::string_view, 4> labels_of<rule_scope> = {
    "单份报告表格", "原始文档", "跨年度", "公布时间"};
template <> inline constexpr std::array<std::string_view, 4> english_labels_of<rule_scope> = {
    "tables of one report", "source document", "across years", "publication date"};

/// A finding either fails the rule or says the rule could not be evaluated.
BOOST_DEFINE_ENUM_CLASS(status, fail, not_assessable)
template <> inline constexpr std::array<std::string_view, 2> labels_of<status> = {"不通过", "无法核对"};
template <> inline constexpr std::array<std::string_view, 2> english_labels_of<status> = {"fail", "not assessable"};


/// Every rule, in catalogue order. The stable id (`cell.not_numeric`) is `rule_info::id`.
BOOST_DEFINE_ENUM_CLASS(rule, cell_not_numeric, cell_blank, cell_placeholder, cell_negative, cell_fractional,
                        cell_unreadable, t2_fee_unit, t2_in_force_bound, t3_balance, t3_outcome_total, t3_applicant_total,
                        t3_total_blank, t3_subtotal, t4_total, doc_section_missing, doc_section_order,
                        doc_heading_variant, doc_table_missing, doc_table_layout, doc_outdated_format,
                        doc_period_statement, doc_year_mismatch, doc_problems_empty, doc_fee_statement,
                        text_table_mismatch, xy_carry_over, xy_in_force, xy_duplicate, pub_late, pub_early,
                        xy_hierarchy)

/// One catalogue entry. Message templates may use {cell} {cells} {row} {column} {text} {left} {right}
/// {difference}; {cells} names every cell of the finding.
struct rule_info {
    rule which;
    std::string_view id;
    severity default_severity;
    rule_scope scope;
    std::string_view title_zh, title_en;
    std::string_view message_zh, message_en;
    /// Why the rule holds, in English and in Chinese (the Chinese last so entries read en, zh).
    std::string_view rationale_en, rationale_zh;
};

}  // namespace xxgk

// `catalogue`: the whole catalogue, indexed by `rule`; constexpr, immutable.
#include <xxgk/impl/catalogue.ipp>

namespace xxgk {

/// The catalogue entry of a rule.
inline const rule_info &info(rule r) noexcept { return catalogue[index(r)]; }
/// The rule's rationale in the given language.
inline std::string_view rationale(const rule_info &e, language lang) noexcept {
    return lang == language::zh ? e.rationale_zh : e.rationale_en;
}
/// The rule with a stable id such as `t3.balance`, or nothing.
std::optional<rule> find_rule(std::string_view id) noexcept;

/// A finding. `cells[0]` is the cell (or section) the finding is about; the rest are the other cells
/// of the identity involved. Values are set where arithmetic is involved: left = right + difference.
struct diagnostic {
    rule which;
    severity level;
    status state = status::fail;
    std::vector<cell_ref> cells;
    std::optional<decimal> left, right, difference;
    /// The printed text at issue (a non-numeric cell, a placeholder), if any.
    std::string text;
    /// Where the first cell stood in the source document, when known.
    source_position source{};
    friend bool operator==(const diagnostic &, const diagnostic &) = default;
};

/// The finding's message in the given language, with labels and values filled in.
std::string message(const diagnostic &d, language lang = language::zh);

/// Which rules run, at what severity, with which thresholds. Cheap to copy; no allocation.
struct check_options {
    std::bitset<enum_count<rule>> disabled;
    enum_array<rule, std::optional<severity>> severity_overrides;
    /// `t2.fee_unit` fires at or above this many 万元 (or when the fee is printed in 元).
    decimal fee_unit_threshold{1000000, 0};

    void disable(rule r) noexcept { disabled.set(index(r)); }
    void enable(rule r) noexcept { disabled.reset(index(r)); }
    bool enabled(rule r) const noexcept { return !disabled.test(index(r)); }
    void set_severity(rule r, severity s) noexcept { severity_overrides[r] = s; }
    severity severity_of(rule r) const noexcept { return severity_overrides[r].value_or(info(r).default_severity); }
};

/// Runs every enabled `tables`-scope rule over the report and appends the findings to `out`.
/// Allocates nothing when there is no finding.
void check(const report &r, const check_options &options, std::vector<diagnostic> &out);

/// Runs every enabled `tables`-scope rule and returns the findings in catalogue-then-table order.
inline std::vector<diagnostic> check(const report &r, const check_options &options = {}) {
    std::vector<diagnostic> out;
    check(r, options, out);
    return out;
}

/// One identity of tables 三 and 四 (RULES.md I-1 … I-4): the cells of `lhs` add up to those of `rhs`.
/// `which` is the rule that checks it: t3.balance, t3.outcome_total, t3.applicant_total or t4.total.
struct table_identity {
    rule which;
    std::span<const cell_ref> lhs, rhs;
};

/// Calls `visit(const table_identity &)` for every identity of a report of format `f` that rule `which`
/// checks, in printed order: I-1 and I-2 once per applicant column, I-3 once per row of table 三, I-4 once
/// per proceeding; nothing for other rules. The spans live for the call only.
template <class Visit>
void for_each_identity(format_version f, rule which, Visit &&visit);

/// Calls `visit(const table_identity &)` for every identity I-1 … I-4 of a report of format `f`, in that order.
template <class Visit>
void for_each_identity(format_version f, Visit &&visit);

/// Number of findings of severity error.
inline std::size_t error_count(std::span<const diagnostic> ds) noexcept {
    std::size_t n = 0;
    for (const auto &d : ds) n += d.level == severity::error;
    return n;
}

}  // namespace xxgk

#include <xxgk/impl/rules.ipp>

#endif
