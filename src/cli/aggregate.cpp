// `xxgk aggregate FILE|DIR...`: what an office does with a year of reports: the roster of its units (who
// published, late, missing, unreadable), the 汇总 of each parent, and the indicators of every report and 汇总
// with last year's. One JSON document; `--parent NAME` prints that parent's 汇总 as a canonical report.
// See docs/batch.md, "The roster, 汇总 and indicators".
#include "batch.hpp"
#include "batch_discovery.hpp"

#include <xxgk/check.hpp>
#include <xxgk/aggregate.hpp>

#include <boost/json/array.hpp>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <iostream>
#include <map>

namespace xxgk::cli {

namespace {

namespace fs = std::filesystem;

struct aggregate_options {
    xxgk::language lang = xxgk::language::zh;
    xxgk::check_options check;
    std::optional<xxgk::input_format> input_format;
    xxgk::deadline_options deadlines;
    std::string units, unit_files;
    std::optional<int> year;
    std::optional<std::string> parent;
    std::vector<std::string> files;
};

aggregate_options parse_aggregate_options(args list) {
    aggregate_options o;
    const cli_options base = parse_options(list, true, [&](argument_reader &in) {
        const std::string_view a = in.name();
        if (a == "--units") o.units = in.value();
        else if (a == "--unit-files") o.unit_files = in.value();
        else if (a == "--parent") o.parent = std::string(in.value());
        else if (a == "--deadline") parse_deadline(in.value(), o.deadlines);
        else if (a == "--year") {
            const std::string_view v = in.value();
            int y = 0;
            const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), y);
            if (ec != std::errc{} || end != v.data() + v.size() || y < 1990 || y > 9999)
                throw usage_error{"--year takes a data year such as 2024, not '" + std::string(v) + "'"};
            o.year = y;
        } else if (a == "--format") {
            if (in.value() != "json") throw usage_error{"aggregate writes json only"};
        } else return false;
        return true;
    });
    o.lang = base.lang;
    o.check = base.check;
    o.input_format = base.input_format;
    o.files = base.files;
    if (o.files.empty()) throw usage_error{"aggregate needs FILEs or DIRs"};
    if (o.parent && o.units.empty()) throw usage_error{"--parent needs --units"};
    return o;
}

// The rows of a CSV file given to an option; its errors name the file.
std::vector<std::vector<std::string>> csv_rows(const std::string &path, std::size_t min_fields, std::size_t max_fields) {
    try {
        return read_csv(path, min_fields, max_fields);
    } catch (const input_error &e) {
        throw input_error{path + ": " + e.message};
    }
}

// The units file: `unit,kind,parent[,own]`, a header row allowed. `kind` is an agency_kind identifier or
// its label, or empty; `own` marks a parent whose own report covers only its office (本级).
std::vector<xxgk::unit> read_units(const std::string &path) {
    std::vector<xxgk::unit> units;
    std::size_t line = 0;
    for (std::vector<std::string> &row : csv_rows(path, 1, 4)) {
        ++line;
        row.resize(4);
        if (line == 1 && row[0] == "unit") continue;
        xxgk::unit u{row[0], std::nullopt, row[2], false};
        if (!row[1].empty()) {
            u.kind = xxgk::from_name<xxgk::agency_kind>(row[1]);
            for (xxgk::agency_kind k : xxgk::all_of<xxgk::agency_kind>())
                if (!u.kind && xxgk::label(k) == row[1]) u.kind = k;
            if (!u.kind)
                throw input_error{path + ": unit '" + row[0] + "': kind '" + row[1] +
                                  "' is none of department, government, township, other"};
        }
        const std::string &own = row[3];
        if (own == "own" || own == "1" || own == "yes" || own == "true" || own == "本级" || own == "是") u.own_office = true;
        else if (!own.empty() && own != "0" && own != "no" && own != "false" && own != "否")
            throw input_error{path + ": unit '" + row[0] + "': own takes own|yes|no, not '" + own + "'"};
        units.push_back(std::move(u));
    }
    if (const auto why = xxgk::units_error(units)) throw input_error{path + ": " + *why};
    return units;
}

// The files of the arguments: a file as named, a directory's report files in sorted path order.
std::vector<std::string> collect(const std::vector<std::string> &arguments) {
    std::vector<std::string> files;
    for (const std::string &a : arguments) {
        std::error_code ec;
        if (a == "-" || !fs::is_directory(a, ec)) {
            files.push_back(a);
            continue;
        }
        std::vector<std::string> found;
        for (fs::recursive_directory_iterator it(a, ec), end; !ec && it != end; it.increment(ec))
            if (it->is_regular_file(ec) && has_report_extension(it->path())) found.push_back(it->path().string());
        if (ec) throw input_error{a + ": " + ec.message()};
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

}  // namespace

int run_aggregate(args a) {
    const aggregate_options o = parse_aggregate_options(a);
    try {
        const std::vector<xxgk::unit> units = o.units.empty() ? std::vector<xxgk::unit>() : read_units(o.units);
        xxgk::roster_options matching;
        matching.deadlines = o.deadlines;
        if (!o.unit_files.empty())
            for (std::vector<std::string> &row : csv_rows(o.unit_files, 2, 2))
                if (!(row[0] == "file" && row[1] == "unit")) matching.files.emplace_back(row[0], row[1]);

        // Read every file, then count each report's findings as `xxgk check` does (without --hierarchy).
        std::vector<std::optional<xxgk::read_result>> read;
        std::vector<xxgk::report_entry> entries;
        for (const std::string &path : collect(o.files)) {
            xxgk::report_entry &e = entries.emplace_back();
            e.file = shown_name(path);
            try {
                const xxgk::report &r = read.emplace_back(load_report(path, o.input_format, o.lang))->value;
                e.agency = r.agency;
                e.year = r.year;
                e.kind = r.kind;
                e.published = r.published;
            } catch (const input_error &error) {
                read.emplace_back();
                e.error = error.message;
            }
        }
        const std::vector<std::optional<std::size_t>> previous = xxgk::previous_reports(entries);
        xxgk::check_plan plan;
        plan.rules = o.check;
        plan.deadlines = o.deadlines;
        plan.lang = o.lang;
        std::map<std::string, const xxgk::report *, std::less<>> by_file;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (!read[i]) continue;
            by_file.emplace(entries[i].file, &read[i]->value);
            std::vector<xxgk::diagnostic> found;
            xxgk::check_context with;
            if (previous[i]) with.previous = &read[*previous[i]]->value;
            xxgk::check(*read[i], plan, with, found);
            entries[i].add_findings(found);
        }
        const xxgk::report_lookup find = [&](std::string_view file) -> const xxgk::report * {
            const auto it = by_file.find(file);
            return it == by_file.end() ? nullptr : it->second;
        };
        const xxgk::office_options office{matching, o.check, o.lang, o.year ? o.year : xxgk::latest_year(entries)};
        if (!office.year) throw input_error{"no readable report says its year; give --year"};

        if (o.parent) {
            const std::string key = xxgk::normalise_agency(*o.parent);
            const xxgk::roster now = xxgk::make_roster(units, entries, *office.year, matching);
            for (const xxgk::unit_aggregate &s : xxgk::aggregate_units(units, now, find))
                if (xxgk::normalise_agency(s.parent) == key) {
                    if (!s.sum) throw input_error{*o.parent + ": " + s.error};
                    std::cout << xxgk::to_json_text(*s.sum, {}, true) << "\n";
                    return 0;
                }
            throw input_error{"--parent " + *o.parent + ": no unit in " + o.units + " has it as parent"};
        }
        std::cout << xxgk::pretty_print(xxgk::office_year_json(units, entries, find, office));
        return 0;
    } catch (const input_error &e) {
        std::cerr << "xxgk: " << e.message << "\n";
        return 2;
    }
}

}  // namespace xxgk::cli
