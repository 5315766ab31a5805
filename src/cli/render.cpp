// `xxgk render`: the three tables in the official layout, from any readable input; `--check` adds the
// findings (HTML: the findings page with faulty cells highlighted).
#include "cli.hpp"
#include "html_output.hpp"

#include <fstream>
#include <iostream>

namespace xxgk::cli {

namespace {

struct render_options {
    xxgk::render_format format = xxgk::render_format::text;
    xxgk::language lang = xxgk::language::zh;
    std::optional<xxgk::input_format> input;
    bool check = false;
    std::string output;
    std::string file;
};

template <class E>
E enum_option(std::string_view option, std::string_view value) {
    if (auto e = xxgk::from_name<E>(value)) return *e;
    std::string choices;
    for (std::string_view n : xxgk::names_of<E>) choices += (choices.empty() ? "" : "|") + std::string(n);
    throw usage_error{std::string(option) + " takes " + choices + ", not '" + std::string(value) + "'"};
}

render_options parse_render_options(args list) {
    render_options o;
    bool have_file = false;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string_view a = list[i];
        auto value = [&]() -> std::string_view {
            if (i + 1 >= list.size()) throw usage_error{"option " + std::string(a) + " needs a value"};
            return list[++i];
        };
        if (a == "--format") o.format = enum_option<xxgk::render_format>(a, value());
        else if (a == "--lang") o.lang = enum_option<xxgk::language>(a, value());
        else if (a == "--input-format") o.input = enum_option<xxgk::input_format>(a, value());
        else if (a == "--check") o.check = true;
        else if (a == "--output" || a == "-o") o.output = value();
        else if (a.size() > 1 && a.starts_with('-')) throw usage_error{"unknown option " + std::string(a)};
        else if (have_file) throw usage_error{"render takes one FILE"};
        else o.file = a, have_file = true;
    }
    if (!have_file) throw usage_error{"render needs a FILE (or - for standard input)"};
    return o;
}

}  // namespace

int run_render(args a) {
    const render_options o = parse_render_options(a);
    xxgk::read_result r;
    try {
        r = load_report(o.file, o.input);
    } catch (const input_error &e) {
        std::cerr << "xxgk: " << shown_name(o.file) << ": " << e.message << "\n";
        return 2;
    }
    std::string out;
    if (o.check) {
        std::vector<xxgk::diagnostic> ds = std::move(r.diagnostics);
        xxgk::check(r.value, {}, ds);
        if (o.format == xxgk::render_format::html)
            out = xxgk::html_report(r.value, ds, o.lang, {.source_name = shown_name(o.file), .index_href = {}});
        else
            out = xxgk::render_tables(r.value, o.format, o.lang) + xxgk::render_findings(ds, o.format, o.lang);
    } else {
        out = xxgk::render_tables(r.value, o.format, o.lang);
    }
    if (o.output.empty()) {
        std::cout << out;
        return 0;
    }
    std::ofstream file(o.output, std::ios::binary | std::ios::trunc);
    if (file) file << out;
    if (!file) {
        std::cerr << "xxgk: cannot write " << o.output << "\n";
        return 2;
    }
    return 0;
}

}  // namespace xxgk::cli
