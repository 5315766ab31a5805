// `xxgk check FILE|DIR...`: the options of the batch, then the batch engine (batch.cpp).
#include "batch.hpp"

#include <algorithm>
#include <charconv>
#include <iostream>

#include <unistd.h>

namespace xxgk::cli {

namespace {

unsigned parse_jobs(std::string_view v) {
    unsigned n = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc{} || end != v.data() + v.size() || n == 0 || n > 1024)
        throw usage_error{"-j takes a number of jobs from 1 to 1024, not '" + std::string(v) + "'"};
    return n;
}

double parse_ratio(std::string_view v) {
    const auto d = xxgk::parse_decimal(v);
    if (!d || d->is_negative() || xxgk::compare(*d, xxgk::decimal{1, 0}) > 0)
        throw usage_error{"--similarity takes a number from 0 to 1, not '" + std::string(v) + "'"};
    return std::stod(xxgk::to_string(*d));
}

batch_options parse_batch_options(args list) {
    batch_options o;
    o.progress = isatty(STDERR_FILENO) != 0;
    o.base = parse_options(list, true, [&](argument_reader &in) {
        const std::string_view a = in.name();
        if (a == "-j" || a == "--jobs") o.jobs = parse_jobs(in.value());
        else if (a.starts_with("-j") && a.size() > 2 && !a.starts_with("--")) o.jobs = parse_jobs(a.substr(2));
        else if (a == "--format") o.format = in.value();
        else if (in.flag("--progress")) o.progress = true;
        else if (in.flag("--no-progress")) o.progress = false;
        else if (in.flag("--summary")) o.summary = true;
        else if (in.flag("--csv-bom")) o.csv_bom = true;
        else if (a == "--aggregate") o.aggregate = in.value();
        else if (a == "--baseline") o.baseline = in.value();
        else if (a == "--pairs") o.pairs = in.value();
        else if (a == "--hierarchy") o.hierarchy = in.value();
        else if (in.flag("--parent-includes-own")) o.hierarchy_mode.parent_includes_own = true;
        else if (a == "--db") o.db = in.value();
        else if (a == "--output" || a == "-o") o.output_dir = std::string(in.value());
        else if (a == "--deadline") parse_deadline(in.value(), o.deadlines);
        else if (in.flag("--require-date")) o.deadlines.require_date = true;
        else if (a == "--similarity") o.pair.near_identical = parse_ratio(in.value());
        else return false;
        return true;
    });
    if (!o.aggregate.empty() && o.format != "xlsx" && o.format != "html")
        throw usage_error{"--aggregate FILE adds the roster, 汇总 and indicators to --format xlsx or html only"};
    if (o.output_dir && o.format != "html" && o.format != "xlsx")
        throw usage_error{"-o/--output DIR is where --format html writes its pages, -o FILE where --format xlsx "
                          "writes its workbook; --format " + o.format + " writes to standard output"};
    return o;
}

}  // namespace

// KIND=MM-DD, e.g. township=02-28.
void parse_deadline(std::string_view v, xxgk::deadline_options &d) {
    const auto eq = v.find('=');
    const auto kind = eq == std::string_view::npos ? std::nullopt : xxgk::from_name<xxgk::agency_kind>(v.substr(0, eq));
    const auto date = eq == std::string_view::npos ? std::nullopt : xxgk::parse_month_day(v.substr(eq + 1));
    if (!kind || !date)
        throw usage_error{"--deadline takes KIND=MM-DD (KIND: department, government, township, other), not '" +
                          std::string(v) + "'"};
    d.by_kind[*kind] = *date;
}

int run_check(args a) {
    const batch_options o = parse_batch_options(a);
    try {
        return run_batch(o, false);
    } catch (const input_error &e) {
        std::cerr << "xxgk: " << e.message << "\n";
        return 2;
    }
}

}  // namespace xxgk::cli
