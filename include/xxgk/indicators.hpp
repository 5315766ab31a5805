#ifndef XXGK_INDICATORS_HPP
#define XXGK_INDICATORS_HPP

// Indicators an office watches, per report (and per 汇总): ratios of table 三 and 四 cells with a documented
// formula, the applications per applicant category, and the share of the prose repeated from last year's
// report; each with last year's value and the change. docs/indicators.md defines every one.

#include <xxgk/report.hpp>

#include <boost/json/object.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk {

/// The indicators. `disclosure_rate` is the 实质公开率 used by default; `disclosure_rate_granted` and
/// `disclosure_rate_decided` are the other variants in use, offered by name.
BOOST_DEFINE_ENUM_CLASS(indicator, disclosure_rate, disclosure_rate_granted, disclosure_rate_decided, denied_share,
                        unavailable_share, rejected_share, carry_forward_rate, review_correction_rate,
                        litigation_correction_rate, prose_repetition)
template <> inline constexpr std::array<std::string_view, 10> labels_of<indicator> = {
    "实质公开率", "实质公开率（仅予以公开）", "实质公开率（按作出公开决定的申请）", "不予公开占比", "无法提供占比",
    "不予处理占比", "结转率", "行政复议纠错率", "行政诉讼败诉（纠正）率", "与上年度报告正文重复率"};

/// A cell entering a formula, added or subtracted.
struct formula_term {
    cell_ref at;
    bool minus = false;
};

/// How an indicator is computed: value = Σ numerator ÷ Σ denominator (table 三's 总计 column, table 四's cells).
/// `prose_repetition` has no cells: shared shingles ÷ this year's shingles (see docs/indicators.md).
struct indicator_formula {
    std::vector<formula_term> numerator, denominator;
    std::string_view text_zh, text_en;
};

/// The formula of an indicator.
indicator_formula formula(indicator which);

/// Repeated prose above this share is flagged.
inline constexpr double repetition_flag_threshold = 0.5;

/// One indicator of one report.
struct indicator_value {
    indicator which;
    /// The summed numerator and denominator, when their cells are usable.
    std::optional<decimal> numerator, denominator;
    /// numerator ÷ denominator; nothing when a cell is not usable or the denominator is 0 (`reason` says which).
    std::optional<double> value;
    std::string reason;
    /// Last year's value and value − last year's, when both are known.
    std::optional<double> previous, change;
    /// `prose_repetition` above `repetition_flag_threshold`.
    bool flagged = false;
};

/// New applications (表三 一、本年新收) of one applicant category, its share of all, and last year's.
struct category_count {
    applicant category;
    std::optional<decimal> count, previous, change;
    /// count ÷ the 总计 column's count.
    std::optional<double> share;
};

/// Every indicator of one report, in `indicator` order, and the new applications of the six categories.
struct indicator_set {
    std::vector<indicator_value> values;
    std::vector<category_count> applications;
    const indicator_value &operator[](indicator which) const noexcept { return values[index(which)]; }
};

/// The indicators of `r`, with last year's values from `previous` when given (its prose for `prose_repetition`).
indicator_set compute_indicators(const report &r, const report *previous = nullptr);

/// The share (0..1) of this year's prose repeated from last year's: the distinct 4-character shingles of
/// `current`'s sections (normalised as for xy.duplicate) also found in `previous`'s, over all of `current`'s.
/// `shared` and `total` receive the two counts. Nothing when `current` has no prose.
std::optional<double> prose_repetition(const report &current, const report &previous, std::size_t *shared = nullptr,
                                       std::size_t *total = nullptr);

/// The indicators as JSON: `{indicators: [{id, label, variant_of, formula, formula_en, numerator_cells,
/// denominator_cells, numerator, denominator, value, reason, previous, change, flagged}], applications: [{category, label, count, share,
/// previous, change}]}` (exact decimals as strings, ratios as numbers).
boost::json::object to_json(const indicator_set &s);

}  // namespace xxgk

#include <xxgk/impl/indicators.ipp>

#endif
