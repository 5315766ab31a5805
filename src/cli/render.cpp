// `xxgk render`: the three tables in the official layout, from any readable input; `--check` adds the
// findings (HTML: the findings page with faulty cells highlighted; several files: pages and an index in
// the `--output` directory, as `xxgk check --format html` writes them).
#include "cli.hpp"
#include "html_output.hpp"

#include <xxgk/check.hpp>

#include <cerrno>
#include <cstring>
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
    std::vector<std::string> files;
};

render_options parse_render_options(args list) {
    render_options o;
    argument_reader in(list);
    while (in.next()) {
        const std::string_view a = in.name();
        if (!in.is_option()) o.files.emplace_back(a);
        else if (a == "--format") o.format = enum_option<xxgk::render_format>(a, in.value());
        else if (a == "--lang") o.lang = enum_option<xxgk::language>(a, in.value());
        else if (a == "--input-format") o.input = enum_option<xxgk::input_format>(a, in.value());
        else if (in.flag("--check")) o.check = true;
        else if (a == "--output" || a == "-o") o.output = in.value();
        else throw usage_error{"unknown option " + std::string(a)};
    }
    if (o.files.empty()) throw usage_error{"render needs a FILE (or - for standard input)"};
    if (o.files.size() > 1 && (o.format != xxgk::render_format::html || !o.check || o.output.empty()))
        throw usage_error{"render takes several FILEs only with --format html --check --output DIR"};
    return o;
}

// What `--check` runs: every rule at its default severity, messages in --lang.
xxgk::check_plan plan_of(const render_options &o) {
    xxgk::check_plan plan;
    plan.lang = o.lang;
    return plan;
}

// Several files: one page each and the index, into the output directory.
int render_batch(const render_options &o) {
    html_batch_writer writer(o.output, o.lang);
    bool unusable = false;
    for (const std::string &path : o.files) {
        std::optional<xxgk::read_result> r;
        try {
            r = load_report(path, o.input, o.lang);
        } catch (const input_error &e) {
            std::cerr << "xxgk: " << shown_name(path) << ": " << e.message << "\n";
            writer.add(shown_name(path), nullptr, {}, e.message);
            unusable = true;
            continue;
        }
        const xxgk::check_plan plan = plan_of(o);
        writer.add(shown_name(path), &r->value, xxgk::check(*r, plan), {}, late_days(r->value, plan.deadlines));
    }
    std::cerr << wrote_message(writer.finish(), o.lang) << "\n";
    return unusable ? 2 : 0;
}

}  // namespace

int run_render(args a) {
    const render_options o = parse_render_options(a);
    if (o.files.size() > 1) return render_batch(o);
    const std::string &file = o.files.front();
    xxgk::read_result r;
    try {
        r = load_report(file, o.input, o.lang);
    } catch (const input_error &e) {
        std::cerr << "xxgk: " << shown_name(file) << ": " << e.message << "\n";
        return 2;
    }
    std::vector<xxgk::diagnostic> ds;
    if (o.check) ds = xxgk::check(r, plan_of(o));
    const std::string out =
        xxgk::render_report(r.value, o.check ? std::optional<std::span<const xxgk::diagnostic>>(ds) : std::nullopt,
                            o.format, o.lang, {.source_name = shown_name(file), .index_href = {}});
    if (o.output.empty()) {
        std::cout << out;
        return 0;
    }
    std::ofstream stream(o.output, std::ios::binary | std::ios::trunc);
    if (stream) stream << out;
    if (stream) stream.close();
    if (!stream) throw output_error{"cannot write " + o.output + ": " + std::strerror(errno)};
    return 0;
}

}  // namespace xxgk::cli
