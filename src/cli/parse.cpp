// `xxgk parse FILE`: a report in any input format → canonical JSON on standard output; what the reader
// found (doc.*, cell.unreadable, text.table_mismatch) on standard error.
#include "cli.hpp"

#include <iostream>

namespace xxgk::cli {

namespace {

struct parse_options {
    std::optional<xxgk::input_format> format;
    bool positions = false, pretty = false;
    xxgk::language lang = xxgk::language::zh;
    std::string file;
};

parse_options parse_arguments(args list) {
    parse_options o;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string_view a = list[i];
        auto value = [&] { return option_value(list, i); };
        if (a == "--input-format") {
            o.format = enum_option<xxgk::input_format>(a, value());
        } else if (a == "--positions") {
            o.positions = true;
        } else if (a == "--pretty") {
            o.pretty = true;
        } else if (a == "--lang") {
            o.lang = enum_option<xxgk::language>(a, value());
        } else if (a.size() > 1 && a.starts_with('-')) {
            throw usage_error{"unknown option " + std::string(a)};
        } else if (o.file.empty()) {
            o.file = a;
        } else {
            throw usage_error{"parse takes one FILE"};
        }
    }
    if (o.file.empty()) throw usage_error{"parse needs a FILE (or - for standard input)"};
    return o;
}

std::string where(const xxgk::source_position &p) {
    if (p.line)
        return (p.page ? ":page " + std::to_string(p.page) : std::string()) + ":" + std::to_string(p.line) +
               (p.column ? ":" + std::to_string(p.column) : "");
    if (p.table)
        return ": table " + std::to_string(p.table) + ", row " + std::to_string(p.row) + ", cell " +
               std::to_string(p.cell);
    return {};
}

}  // namespace

int run_parse(args a) {
    const parse_options o = parse_arguments(a);
    const std::string shown = shown_name(o.file);
    xxgk::read_result r;
    try {
        r = load_report(o.file, o.format);
    } catch (const input_error &e) {
        std::cerr << "xxgk: " << shown << ": " << e.message << "\n";
        return 2;
    }
    for (const xxgk::diagnostic &d : r.diagnostics) {
        std::cerr << shown << where(d.source) << ": "
                  << (o.lang == xxgk::language::zh ? xxgk::label(d.level) : xxgk::name(d.level)) << ": ["
                  << xxgk::info(d.which).id << "] " << xxgk::message(d, o.lang);
        if (!d.cells.empty()) std::cerr << " (" << xxgk::json_pointer(d.cells.front()) << ")";
        std::cerr << "\n";
    }
    std::cout << xxgk::to_json_text(r.value, {.positions = o.positions}, o.pretty);
    if (!o.pretty) std::cout << "\n";
    return 0;
}

}  // namespace xxgk::cli
