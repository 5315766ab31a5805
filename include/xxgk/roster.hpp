#ifndef XXGK_ROSTER_HPP
#define XXGK_ROSTER_HPP

// The roster of a year: the units an office expects a report from (unit, kind, parent), matched to the
// reports read by normalised agency name (as pairing matches them) or by an explicit file → unit mapping,
// and each unit's state: published (file, date, on time or late by N days under the deadlines), missing or
// unreadable, with its error and warning counts. Reports that no unit claims are listed too.
// See docs/batch.md, "The roster".

#include <xxgk/across.hpp>

#include <boost/json/object.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xxgk {

/// An expected unit: a row of the units file.
struct unit {
    std::string name;
    /// Decides the deadline; when not given, the report's own kind (or the most lenient deadline).
    std::optional<agency_kind> kind;
    /// The unit this one reports to (whose 汇总 includes it); empty for a unit at the top.
    std::string parent;
    /// The unit's own report covers only its own office (本级), so its 汇总 adds that report to its children's.
    bool own_office = false;
    friend bool operator==(const unit &, const unit &) = default;
};

/// Why a list of units cannot be used (a unit listed twice, a unit that is its own ancestor), naming the unit;
/// nothing when it can. A parent need not be listed itself.
std::optional<std::string> units_error(std::span<const unit> units);

/// One file as the roster sees it: what reading and checking it gave.
struct report_entry {
    std::string file;
    /// Why the file could not be read; the fields below are then empty.
    std::optional<std::string> error;
    std::optional<std::string> agency;
    std::optional<int> year;
    std::optional<agency_kind> kind;
    /// Publication date, ISO `YYYY-MM-DD`, when the report gives one.
    std::optional<std::string> published;
    /// Findings of severity error and warning when the file was checked.
    std::size_t errors = 0, warnings = 0;

    /// Counts findings into `errors` and `warnings`.
    void add_findings(std::span<const diagnostic> found) noexcept {
        for (const diagnostic &d : found) errors += d.level == severity::error, warnings += d.level == severity::warning;
    }
};

/// A unit's state for the year.
BOOST_DEFINE_ENUM_CLASS(unit_state, published, missing, unreadable)
template <> inline constexpr std::array<std::string_view, 3> labels_of<unit_state> = {"已公开", "未公开", "无法读取"};

/// Whether a published report met its deadline.
BOOST_DEFINE_ENUM_CLASS(timeliness, on_time, late, undated)
template <> inline constexpr std::array<std::string_view, 3> labels_of<timeliness> = {"按时", "逾期", "日期不明"};

/// One unit's line of the roster.
struct roster_entry {
    unit who;
    unit_state state = unit_state::missing;
    /// The file used for the unit (published or unreadable); empty when missing. The first in input order.
    std::string file;
    /// Other files of the same unit and year, not used.
    std::vector<std::string> other_files;
    /// Published only: the date the report gives, whether that met the deadline, and by how many days not.
    std::optional<std::string> published;
    std::optional<timeliness> timely;
    long days_late = 0;
    /// The deadline that applies (ISO date), whatever the state.
    std::string deadline;
    /// Unreadable only: why.
    std::string error;
    std::size_t errors = 0, warnings = 0;
};

/// The roster of one data year.
struct roster {
    int year = 0;
    /// Every unit, in the order given.
    std::vector<roster_entry> units;
    /// Reports of the year that no unit claims, and unreadable files no mapping names, in input order.
    std::vector<report_entry> unmatched;

    /// How many units are in `state` (and, for published units, `timely` when given).
    std::size_t count(unit_state state, std::optional<timeliness> timely = std::nullopt) const noexcept;
    /// The entry of a unit by name (normalised), or null.
    const roster_entry *find(std::string_view unit_name) const;
};

/// How reports are matched to units.
struct roster_options {
    deadline_options deadlines;
    /// Explicit `file, unit` rows; they take precedence over the agency name. A bare file name matches the
    /// file in any directory, a path matches that path.
    std::vector<std::pair<std::string, std::string>> files;
};

/// Builds the roster of data year `year`: each unit matched to the readable reports of that year whose
/// normalised agency is the unit's (or that a `files` row maps to it), unreadable files only through a `files` row.
roster make_roster(std::span<const unit> units, std::span<const report_entry> reports, int year,
                   const roster_options &options = {});

/// The latest data year among the readable reports, or nothing.
std::optional<int> latest_year(std::span<const report_entry> reports) noexcept;

/// A deadline written `MM-DD` (a day of a year that is not a leap year), or nothing.
std::optional<month_day> parse_month_day(std::string_view mm_dd) noexcept;

/// The deadline (ISO date) for a report of data year `year` by a unit of `kind` (nothing: the lenient one).
std::string deadline_date(int year, std::optional<agency_kind> kind, const deadline_options &deadlines);

/// The roster as JSON: `{year, counts, units: [...], unmatched: [...]}` (docs/batch.md).
boost::json::object to_json(const roster &r);

}  // namespace xxgk

#include <xxgk/impl/roster.ipp>

#endif
