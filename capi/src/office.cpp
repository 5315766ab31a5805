// The C ABI of an office's year: the roster, the 汇总 and the indicators as JSON (xxgk_aggregate_json,
// xxgk_indicators_json), the same document `xxgk aggregate` prints.
#include "capi_support.hpp"

#include <xxgk/aggregate.hpp>
#include <xxgk/indicators.hpp>
#include <xxgk/read.hpp>

#include <boost/json/parse.hpp>

#include <map>

namespace {

using xxgk::capi::invalid;

const boost::json::value *member(const boost::json::object &o, std::string_view key) {
    const auto it = o.find(key);
    return it == o.end() || it->value().is_null() ? nullptr : &it->value();
}

std::string text_member(const boost::json::object &o, std::string_view key, const std::string &where) {
    const boost::json::value *v = member(o, key);
    if (!v) return {};
    if (!v->is_string()) invalid(where + "/" + std::string(key) + ": expected a string");
    return std::string(v->get_string());
}

const boost::json::array &array_member(const boost::json::object &o, std::string_view key) {
    static const boost::json::array none;
    const boost::json::value *v = member(o, key);
    if (!v) return none;
    if (!v->is_array()) invalid("/" + std::string(key) + ": expected an array");
    return v->get_array();
}

const boost::json::object &object_at(const boost::json::value &v, const std::string &where) {
    if (!v.is_object()) invalid(where + ": expected an object");
    return v.get_object();
}

std::vector<xxgk::unit> units_of(const boost::json::object &request) {
    std::vector<xxgk::unit> units;
    const boost::json::array &rows = array_member(request, "units");
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::string where = "/units/" + std::to_string(i);
        const boost::json::object &o = object_at(rows[i], where);
        xxgk::unit u{text_member(o, "unit", where), std::nullopt, text_member(o, "parent", where), false};
        if (const std::string kind = text_member(o, "kind", where); !kind.empty()) {
            u.kind = xxgk::from_name<xxgk::agency_kind>(kind);
            if (!u.kind) invalid(where + "/kind: '" + kind + "' is none of department, government, township, other");
        }
        if (const boost::json::value *own = member(o, "own")) {
            if (!own->is_bool()) invalid(where + "/own: expected true or false");
            u.own_office = own->get_bool();
        }
        units.push_back(std::move(u));
    }
    return units;
}

void deadlines_of(const boost::json::object &request, xxgk::deadline_options &deadlines) {
    const boost::json::value *v = member(request, "deadlines");
    if (!v) return;
    for (const auto &[key, value] : object_at(*v, "/deadlines")) {
        const auto kind = xxgk::from_name<xxgk::agency_kind>(key);
        const std::string where = "/deadlines/" + std::string(key);
        if (!kind) invalid(where + ": not an agency kind");
        const auto date = value.is_string() ? xxgk::parse_month_day(value.get_string()) : std::nullopt;
        if (!date) invalid(where + ": expected \"MM-DD\"");
        deadlines.by_kind[*kind] = *date;
    }
}

}  // namespace

extern "C" {

XXGK_API xxgk_status xxgk_aggregate_json(const char *request, size_t len, const xxgk_options *options, uint32_t flags,
                                         char **out, size_t *out_len) {
    return xxgk::capi::guard([&]() -> xxgk_status {
        xxgk::capi::require(out, "out");
        xxgk::capi::check_json_flags(flags);
        const std::string_view text = xxgk::capi::input_view(request, len, "request");
        boost::system::error_code ec;
        const boost::json::value parsed = boost::json::parse(text, ec);
        if (ec) invalid("request: not JSON (" + ec.message() + ")");
        const boost::json::object &o = object_at(parsed, "request");
        const xxgk_options &opts = xxgk::capi::options_or_default(options);

        xxgk::office_options office;
        office.check = opts.plan.rules;
        office.lang = opts.plan.lang;
        deadlines_of(o, office.matching.deadlines);
        if (const boost::json::value *y = member(o, "year")) {
            if (!y->is_int64() || y->get_int64() < 1990 || y->get_int64() > 9999) invalid("/year: expected a data year");
            office.year = static_cast<int>(y->get_int64());
        }
        const boost::json::array &files = array_member(o, "unit_files");
        for (std::size_t i = 0; i < files.size(); ++i) {
            const std::string where = "/unit_files/" + std::to_string(i);
            const boost::json::object &f = object_at(files[i], where);
            office.matching.files.emplace_back(text_member(f, "file", where), text_member(f, "unit", where));
        }
        const std::vector<xxgk::unit> units = units_of(o);

        // Each report as it would be read from its file, with the findings xxgk_check, xxgk_check_pair and the
        // publication rules count.
        const boost::json::array &rows = array_member(o, "reports");
        std::vector<std::optional<xxgk::report>> reports;
        std::vector<xxgk::report_entry> entries;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const std::string where = "/reports/" + std::to_string(i);
            const boost::json::object &row = object_at(rows[i], where);
            xxgk::report_entry &e = entries.emplace_back();
            e.file = text_member(row, "file", where);
            if (e.file.empty()) e.file = "#" + std::to_string(i);
            if (const boost::json::value *error = member(row, "error")) {
                e.error = error->is_string() ? std::string(error->get_string()) : std::string("unreadable");
                reports.emplace_back();
                continue;
            }
            const boost::json::value *r = member(row, "report");
            if (!r) invalid(where + ": expected \"report\" or \"error\"");
            xxgk::json_error error;
            std::optional<xxgk::report> read = xxgk::report_from_json(*r, error);
            if (!read) {
                error.pointer = where + "/report" + error.pointer;
                return xxgk::capi::record_json_failure(error);
            }
            e.agency = read->agency;
            e.year = read->year;
            e.kind = read->kind;
            e.published = read->published;
            reports.push_back(std::move(read));
        }
        const std::vector<std::optional<std::size_t>> previous = xxgk::previous_reports(entries);
        xxgk::check_plan plan = opts.plan;
        plan.deadlines = office.matching.deadlines;
        std::map<std::string, const xxgk::report *, std::less<>> by_file;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (!reports[i]) continue;
            by_file.emplace(entries[i].file, &*reports[i]);
            std::vector<xxgk::diagnostic> found;
            xxgk::read_result read{*reports[i], {}, xxgk::input_format::json};
            xxgk::check_context with;
            if (previous[i]) with.previous = &*reports[*previous[i]];
            xxgk::check(read, plan, with, found);
            entries[i].add_findings(found);
        }
        const xxgk::report_lookup find = [&](std::string_view file) -> const xxgk::report * {
            const auto it = by_file.find(file);
            return it == by_file.end() ? nullptr : it->second;
        };
        boost::json::object result;
        try {
            result = xxgk::office_year_json(units, entries, find, office);
        } catch (const std::invalid_argument &e) {
            invalid(e.what());
        }
        return xxgk::capi::give_json(result, flags, out, out_len);
    });
}

XXGK_API xxgk_status xxgk_indicators_json(const xxgk_report *report, const xxgk_report *previous, uint32_t flags,
                                          char **out, size_t *out_len) {
    return xxgk::capi::guard([&] {
        xxgk::capi::require(report, "report");
        xxgk::capi::require(out, "out");
        xxgk::capi::check_json_flags(flags);
        const xxgk::indicator_set s =
            xxgk::compute_indicators(report->read.value, previous ? &previous->read.value : nullptr);
        return xxgk::capi::give_json(xxgk::to_json(s), flags, out, out_len);
    });
}

}  // extern "C"
