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
    argument_reader in(list);
    while (in.next()) {
        const std::string_view a = in.name();
        if (!in.is_option()) {
            if (!o.file.empty()) throw usage_error{"parse takes one FILE"};
            o.file = a;
        } else if (a == "--input-format") {
            o.format = enum_option<xxgk::input_format>(a, in.value());
        } else if (in.flag("--positions")) {
            o.positions = true;
        } else if (in.flag("--pretty")) {
            o.pretty = true;
        } else if (a == "--lang") {
            o.lang = enum_option<xxgk::language>(a, in.value());
        } else {
            throw usage_error{"unknown option " + std::string(a)};
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
                  << xxgk::info(d.which).id << "] " << escaped(xxgk::message(d, o.lang));
        if (!d.cells.empty()) std::cerr << " (" << xxgk::json_pointer(d.cells.front()) << ")";
        std::cerr << "\n";
    }
    std::cout << xxgk::to_json_text(r.value, {.positions = o.positions}, o.pretty);
    if (!o.pretty) std::cout << "\n";
    return 0;
}

}  // namespace xxgk::cli
