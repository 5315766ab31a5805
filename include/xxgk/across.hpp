#ifndef XXGK_ACROSS_HPP
#define XXGK_ACROSS_HPP

// Rules over more than one report of an agency (last year's report, the children of a parent agency)
// and the publication date: xy.carry_over, xy.in_force, xy.duplicate, xy.hierarchy, pub.late, pub.early.
// Findings point into the report being checked (`current`, `parent`, `r`); see each function for what
// the other pointers of a finding name.

#include <xxgk/rules.hpp>
#include <xxgk/text.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk {

/// The agency name as pairing, the roster and the summaries compare it: every whitespace character removed,
/// full-width ASCII folded to ASCII, trailing bracketed qualifiers such as （本级） or (试行) dropped.
std::string normalise_agency(std::string_view name);

/// Thresholds of the two-report rules.
struct pair_options {
    /// `xy.duplicate`: prose sections are near-identical at or above this shingle similarity (0..1).
    double near_identical = 0.9;
    /// `xy.duplicate`: prose sections shorter than this many characters (after normalisation) are not compared.
    std::size_t min_prose_chars = 60;
};

/// Runs the enabled two-report rules (xy.carry_over, xy.in_force, xy.duplicate) of `current` against
/// `previous`, the same agency's report of the year before, and appends the findings to `out`.
/// `cells[0]` of a finding is in `current`; for xy.carry_over `cells[1]` names last year's
/// 结转下年度继续办理 cell, for xy.in_force `cells[1]` last year's 现行有效件数. When both years are known
/// and not consecutive, one not-assessable xy.carry_over finding says so and nothing else is checked.
void check_pair(const report &current, const report &previous, const check_options &options,
                std::vector<diagnostic> &out, const pair_options &pair = {});

/// Returns the two-report findings of `current` against `previous` (see above).
inline std::vector<diagnostic> check_pair(const report &current, const report &previous,
                                          const check_options &options = {}, const pair_options &pair = {}) {
    std::vector<diagnostic> out;
    check_pair(current, previous, options, out, pair);
    return out;
}

/// The text xy.duplicate compares: code points with whitespace and punctuation dropped, full-width ASCII
/// folded to ASCII and ASCII letters lower-cased, so layout and retyping do not hide a copy.
std::u32string shingle_text(std::string_view s);
/// xy.duplicate compares the sets of shingles of this many code points of `shingle_text`.
inline constexpr std::size_t shingle_size = 4;

/// Whether a non-zero value in this cell is evidence of the year's own activity (a flow), as opposed to a
/// stock that may legitimately repeat (documents in force, applications carried, cases pending): xy.duplicate
/// reports a table the same as last year's only when it holds such evidence.
bool is_flow_cell(cell_ref c) noexcept;

/// The Jaccard similarity (0..1) of two texts' sets of 4-character shingles after normalisation
/// (whitespace and punctuation dropped, full-width ASCII folded). 1 for equal normalised texts.
double text_similarity(std::string_view a, std::string_view b);

/// A publication deadline: month and day of the year after the data year.
struct month_day {
    unsigned month = 3, day = 31;
    friend constexpr bool operator==(const month_day &, const month_day &) = default;
};

/// Publication deadlines by agency kind (条例 第四十九条); townships and others are set locally.
struct deadline_options {
    enum_array<agency_kind, month_day> by_kind{{month_day{1, 31}, month_day{3, 31}, month_day{3, 31},
                                                month_day{3, 31}}};
    /// Used when the report does not say its agency kind: the most lenient deadline, so no false alarm.
    month_day unknown_kind{3, 31};
    /// Report a missing publication date as not assessable; by default a report without one is skipped,
    /// since the date is optional metadata that many sources do not carry.
    bool require_date = false;
};

/// Runs pub.late and pub.early over one report: late when `published` is after the deadline of its kind in
/// the year after `year` (`difference`: days late), early when it is on or before 31 December of `year`
/// (`difference`: days before the year ended). One not-assessable finding with a malformed date or no year
/// (or no date, with `require_date`).
void check_publication(const report &r, const check_options &options, const deadline_options &deadlines,
                       std::vector<diagnostic> &out);

/// How a parent's figures relate to its children's.
struct hierarchy_options {
    /// The parent also reports its own office: require parent ≥ sum of children instead of equality.
    bool parent_includes_own = false;
};

/// Runs xy.hierarchy: every count cell of tables 二 (counts only, not fees), 三 and 四 of `parent`
/// against the sum of the same cell over `children`. Children of another format or year make the rule
/// not assessable (one finding naming the first such child's agency).
void check_hierarchy(const report &parent, std::span<const report> children, const check_options &options,
                     std::vector<diagnostic> &out, const hierarchy_options &hierarchy = {});

}  // namespace xxgk

#include <xxgk/impl/across.ipp>

#endif
