#ifndef XXGK_AGGREGATE_HPP
#define XXGK_AGGREGATE_HPP

// 汇总: for each parent of the units' hierarchy, the sum of its children's tables 二, 三 and 四 (plus its own
// office's report when the units file marks it) as a canonical report, which `render` lays out and the rules
// check, set beside the parent's own published report with the cells that differ. Sums are exact (fees
// included); a cell that a part does not give as a number, blank or placeholder is left unreadable, naming
// the part, rather than summed. See docs/batch.md, "汇总".

#include <xxgk/indicators.hpp>
#include <xxgk/roster.hpp>
#include <xxgk/rules.hpp>

#include <boost/json/object.hpp>

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace xxgk {

/// Where a part of a 汇总 takes its figures from.
BOOST_DEFINE_ENUM_CLASS(part_source, report, aggregate, missing, unreadable)
template <> inline constexpr std::array<std::string_view, 4> labels_of<part_source> = {
    "本单位报告", "下级汇总", "未公开", "无法读取"};

/// One part of a 汇总: the parent's own office or a child unit.
struct aggregate_part {
    std::string unit;
    /// The report used (`report`), or the one that could not be read (`unreadable`); else empty.
    std::string file;
    /// `report`: the unit's published report. `aggregate`: the unit's own 汇总, used for a child whose report
    /// covers only its own office, or that has children but published nothing. `missing`, `unreadable`: no figures.
    part_source source = part_source::missing;
    /// The parent's own office (本级), not a child.
    bool own_office = false;
};

/// A published cell that differs from the 汇总's.
struct cell_difference {
    cell_ref at;
    cell published, sum;
    /// published − sum, when both are numbers.
    std::optional<decimal> difference;
};

/// The 汇总 of one parent for one year.
struct unit_aggregate {
    std::string parent;
    int year = 0;
    /// The own office first (when included), then the children in the units' order.
    std::vector<aggregate_part> parts;
    /// The sum as a report (agency: the parent; no prose); nothing when the parts could not be summed (see `error`).
    std::optional<report> sum;
    /// Why there is no sum: the parts mix the 2021 and 2019 formats, or none has figures.
    std::string error;
    /// The parent's own published report the sum is compared with; empty when there is none or when it is
    /// part of the sum (own office).
    std::string compared_file;
    /// The cells of tables 二, 三 and 四 where the compared report differs from the sum, in printed order.
    std::vector<cell_difference> differences;
    /// Every part gave figures (a child's 汇总 only when that is complete too).
    bool complete = false;
};

/// Finds the report read from a file (null when it was not read).
using report_lookup = std::function<const report *(std::string_view file)>;

/// The exact cell-by-cell sum of tables 二, 三 and 四 over `parts` (all of one format; nothing with `why`
/// set otherwise, or when `parts` is empty). Metadata: none but the format; sections absent.
std::optional<report> sum_tables(std::span<const report *const> parts, std::string &why);

/// The cells of tables 二, 三 and 四 whose content differs between two reports of one format: a number
/// against another number (compared exactly, `1.0` equals `1`), or a cell that is not a number in one of them
/// (blank and placeholder count as 0 against a number 0).
std::vector<cell_difference> differing_cells(const report &published, const report &sum);

/// The 汇总 of every unit that is some unit's parent, children before parents, over the roster's year.
std::vector<unit_aggregate> aggregate_units(std::span<const unit> units, const roster &year_roster,
                                            const report_lookup &find);

/// One 汇总 as JSON: `{parent, year, complete, parts, report (canonical JSON or null), unread: [{pointer,
/// reason}], error, compared_file, differences: [{pointer, table, row, column, published, sum, difference}]}`.
boost::json::object to_json(const unit_aggregate &a);

/// For each entry, the index of last year's report of the same agency: the first readable entry in order whose
/// normalised agency is the same and whose year is one less (as `xxgk check` pairs); nothing when there is none.
std::vector<std::optional<std::size_t>> previous_reports(std::span<const report_entry> entries);

/// What an office's year of reports gives, for `xxgk aggregate`, the C ABI and Python.
struct office_options {
    roster_options matching;
    /// The rules run over each 汇总, and the language of their messages.
    check_options check;
    language lang = language::zh;
    /// The data year; nothing: the latest among the readable reports.
    std::optional<int> year;
};

/// The whole result as one JSON document: `{year, roster, aggregates, reports, unreadable}` (docs/batch.md;
/// `roster` is null and `aggregates` empty without units). `find` gives the report of each readable entry.
/// Throws std::invalid_argument when the units cannot be used or no year is given or found.
boost::json::object office_year_json(std::span<const unit> units, std::span<const report_entry> entries,
                                     const report_lookup &find, const office_options &options = {});

}  // namespace xxgk

#include <xxgk/impl/aggregate.ipp>

#endif
