// The roster. Included by roster.hpp only.

#include <boost/json/array.hpp>

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

namespace xxgk {

inline std::optional<std::string> units_error(std::span<const unit> units) {
    std::map<std::string, std::size_t> by_key;
    for (std::size_t i = 0; i < units.size(); ++i) {
        const std::string key = normalise_agency(units[i].name);
        if (key.empty()) return "unit " + std::to_string(i + 1) + " has no name";
        if (!by_key.emplace(key, i).second) return "unit '" + units[i].name + "' is listed twice";
    }
    for (const unit &u : units) {
        // Following parents from any unit must leave the list within as many steps as there are units.
        std::string key = normalise_agency(u.parent);
        for (std::size_t steps = 0; !key.empty(); ++steps) {
            const auto found = by_key.find(key);
            if (found == by_key.end()) break;
            if (steps > units.size()) return "unit '" + u.name + "' is its own ancestor";
            key = normalise_agency(units[found->second].parent);
        }
    }
    return std::nullopt;
}

inline std::size_t roster::count(unit_state state, std::optional<timeliness> when) const noexcept {
    std::size_t n = 0;
    for (const roster_entry &e : units) n += e.state == state && (!when || e.timely == when);
    return n;
}

inline const roster_entry *roster::find(std::string_view unit_name) const {
    const std::string key = normalise_agency(unit_name);
    for (const roster_entry &e : units)
        if (normalise_agency(e.who.name) == key) return &e;
    return nullptr;
}

inline std::optional<int> latest_year(std::span<const report_entry> reports) noexcept {
    std::optional<int> latest;
    for (const report_entry &r : reports)
        if (!r.error && r.year && (!latest || *r.year > *latest)) latest = r.year;
    return latest;
}

inline std::optional<month_day> parse_month_day(std::string_view s) noexcept {
    auto two_digits = [&](std::size_t at) -> unsigned {
        return s[at] >= '0' && s[at] <= '9' && s[at + 1] >= '0' && s[at + 1] <= '9'
                   ? static_cast<unsigned>((s[at] - '0') * 10 + (s[at + 1] - '0'))
                   : 0;
    };
    if (s.size() != 5 || s[2] != '-') return std::nullopt;
    const month_day md{two_digits(0), two_digits(3)};
    // 2001 is not a leap year: 02-29 would never be a deadline there, so it is refused rather than ignored.
    if (!civil_day(2001, md.month, md.day)) return std::nullopt;
    return md;
}

inline std::string deadline_date(int year, std::optional<agency_kind> kind, const deadline_options &deadlines) {
    const month_day md = kind ? deadlines.by_kind[*kind] : deadlines.unknown_kind;
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", year + 1, md.month, md.day);
    return text;
}

namespace detail {

// Whether a `files` row's file names this input file: the same path, or a bare name equal to its file name.
inline bool names_file(std::string_view row_file, std::string_view file) {
    namespace fs = std::filesystem;
    const fs::path row_path(row_file), path(file);
    if (row_path.lexically_normal() == path.lexically_normal()) return true;
    return !row_path.has_parent_path() && row_path.filename() == path.filename();
}

}  // namespace detail

inline roster make_roster(std::span<const unit> units, std::span<const report_entry> reports, int year,
                          const roster_options &options) {
    roster out;
    out.year = year;
    std::map<std::string, std::size_t> by_key;
    for (const unit &u : units) {
        by_key.emplace(normalise_agency(u.name), out.units.size());
        roster_entry &e = out.units.emplace_back();
        e.who = u;
    }
    // The unit a file belongs to: its `files` row first, else its agency (readable reports of the year only).
    auto unit_of = [&](const report_entry &r) -> std::optional<std::size_t> {
        for (const auto &[file, name] : options.files)
            if (detail::names_file(file, r.file)) {
                const auto found = by_key.find(normalise_agency(name));
                return found == by_key.end() ? std::nullopt : std::optional(found->second);
            }
        if (r.error || !r.agency) return std::nullopt;
        const auto found = by_key.find(normalise_agency(*r.agency));
        return found == by_key.end() ? std::nullopt : std::optional(found->second);
    };
    for (const report_entry &r : reports) {
        if (!r.error && !r.year) {  // a report that does not say its year cannot be placed
            out.unmatched.push_back(r);
            continue;
        }
        if (!r.error && r.year != year) continue;  // another year's report is nobody's this year
        const std::optional<std::size_t> at = unit_of(r);
        if (!at) {
            out.unmatched.push_back(r);
            continue;
        }
        roster_entry &e = out.units[*at];
        if (r.error) {
            if (e.file.empty()) e.state = unit_state::unreadable, e.file = r.file, e.error = *r.error;
            else e.other_files.push_back(r.file);
            continue;
        }
        if (e.state == unit_state::published) {
            e.other_files.push_back(r.file);
            continue;
        }
        if (!e.file.empty()) e.other_files.push_back(e.file);  // an unreadable file gives way to a readable one
        e.state = unit_state::published;
        e.file = r.file;
        e.error.clear();
        e.published = r.published;
        e.errors = r.errors;
        e.warnings = r.warnings;
        if (!e.who.kind) e.who.kind = r.kind;
    }
    for (roster_entry &e : out.units) {
        e.deadline = deadline_date(year, e.who.kind, options.deadlines);
        if (e.state != unit_state::published) continue;
        const std::optional<long> day = e.published ? iso_day(*e.published) : std::nullopt;
        const std::optional<long> deadline = iso_day(e.deadline);
        if (!day || !deadline) {
            e.timely = timeliness::undated;
            continue;
        }
        e.days_late = *day > *deadline ? *day - *deadline : 0;
        e.timely = e.days_late > 0 ? timeliness::late : timeliness::on_time;
    }
    return out;
}

inline boost::json::object to_json(const roster &r) {
    boost::json::object o;
    o["year"] = r.year;
    boost::json::object counts;
    counts["units"] = r.units.size();
    counts["published"] = r.count(unit_state::published);
    counts["on_time"] = r.count(unit_state::published, timeliness::on_time);
    counts["late"] = r.count(unit_state::published, timeliness::late);
    counts["undated"] = r.count(unit_state::published, timeliness::undated);
    counts["missing"] = r.count(unit_state::missing);
    counts["unreadable"] = r.count(unit_state::unreadable);
    counts["unmatched"] = r.unmatched.size();
    o["counts"] = std::move(counts);
    boost::json::array units;
    for (const roster_entry &e : r.units) {
        boost::json::object u;
        u["unit"] = e.who.name;
        u["kind"] = e.who.kind ? boost::json::value(name(*e.who.kind)) : boost::json::value(nullptr);
        u["parent"] = e.who.parent.empty() ? boost::json::value(nullptr) : boost::json::value(e.who.parent);
        u["own_office"] = e.who.own_office;
        u["state"] = name(e.state);
        u["state_label"] = label(e.state);
        u["file"] = e.file.empty() ? boost::json::value(nullptr) : boost::json::value(e.file);
        u["published"] = e.published ? boost::json::value(*e.published) : boost::json::value(nullptr);
        u["deadline"] = e.deadline;
        u["timeliness"] = e.timely ? boost::json::value(name(*e.timely)) : boost::json::value(nullptr);
        u["days_late"] = e.timely == timeliness::late ? boost::json::value(e.days_late) : boost::json::value(nullptr);
        u["error"] = e.state == unit_state::unreadable ? boost::json::value(e.error) : boost::json::value(nullptr);
        u["errors"] = e.errors;
        u["warnings"] = e.warnings;
        boost::json::array others;
        for (const std::string &f : e.other_files) others.emplace_back(f);
        u["other_files"] = std::move(others);
        units.push_back(std::move(u));
    }
    o["units"] = std::move(units);
    boost::json::array unmatched;
    for (const report_entry &e : r.unmatched) {
        boost::json::object u;
        u["file"] = e.file;
        if (e.error) u["error"] = *e.error;
        else u["agency"] = e.agency ? boost::json::value(*e.agency) : boost::json::value(nullptr);
        unmatched.push_back(std::move(u));
    }
    o["unmatched"] = std::move(unmatched);
    return o;
}

}  // namespace xxgk
