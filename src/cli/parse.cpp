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

}  // namespace

int run_parse(args a) {
    const parse_options o = parse_arguments(a);
    const std::string shown = shown_name(o.file);
    xxgk::read_result r;
    try {
        r = load_report(o.file, o.format, o.lang);
    } catch (const input_error &e) {
        std::cerr << "xxgk: " << shown << ": " << e.message << "\n";
        return 2;
    }
    for (const xxgk::diagnostic &d : r.diagnostics) std::cerr << finding_line(shown, d, o.lang) << "\n";
    std::cout << xxgk::to_json_text(r.value, {.positions = o.positions}, o.pretty);
    if (!o.pretty) std::cout << "\n";
    return 0;
}

}  // namespace xxgk::cli
