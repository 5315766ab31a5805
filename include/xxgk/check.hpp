#ifndef XXGK_CHECK_HPP
#define XXGK_CHECK_HPP

// The one check pipeline. Every face (the `xxgk` command's check and render, the C ABI, Python) finds a
// report's problems by calling `check(read, plan, with)`, which runs, in this order: what the reading
// itself found (doc.*, cell.unreadable, text.table_mismatch), the table rules, the publication rules
// (pub.late, pub.early), the rules against last year's report (xy.carry_over, xy.in_force, xy.duplicate)
// and the hierarchy rule (xy.hierarchy). Nothing else composes rules.

#include <xxgk/across.hpp>
#include <xxgk/read.hpp>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace xxgk {

/// What a check runs: which rules at which severity (and the fee threshold), the publication deadlines,
/// the two-report thresholds, the hierarchy mode, and the language of the findings the pipeline writes
/// itself (a rule not assessable because another report is missing).
struct check_plan {
    check_options rules;
    deadline_options deadlines;
    pair_options pair;
    hierarchy_options hierarchy;
    language lang = language::zh;
};

/// The other reports a check compares with; every member may be left empty.
struct check_context {
    /// The same agency's report of the year before, or null.
    const report *previous = nullptr;
    /// When last year's report exists but cannot be read (then `previous` is null): its name as shown to
    /// people and why; xy.carry_over is then reported not assessable.
    std::string previous_name;
    std::optional<std::string> previous_error;
    /// The reports of the agency's children for the same year: xy.hierarchy runs when there are any.
    std::span<const report> children;
    /// Children (as named by the caller) without a readable report of the year: xy.hierarchy is then
    /// reported not assessable, naming them, instead of summing the others.
    std::span<const std::string> missing_children;
};

/// Appends every finding of the read report `read` to `out`, in the pipeline's order (see above). A report
/// without a year is not checked against its children.
void check(const read_result &read, const check_plan &plan, const check_context &with, std::vector<diagnostic> &out);

/// Returns every finding of the read report (see above).
inline std::vector<diagnostic> check(const read_result &read, const check_plan &plan, const check_context &with = {}) {
    std::vector<diagnostic> out;
    check(read, plan, with, out);
    return out;
}

}  // namespace xxgk

#include <xxgk/impl/check.ipp>

#endif
