// `xxgk check` (and the options it shares with `xxgk rules`).
#include "cli.hpp"
#include "options.hpp"

#include <iostream>

namespace xxgk::cli {

namespace {

struct counts {
    std::size_t error = 0, warning = 0, info = 0;
    void add(const xxgk::diagnostic &d) {
        (d.level == xxgk::severity::error ? error : d.level == xxgk::severity::warning ? warning : info)++;
    }
    boost::json::object json() const { return {{"error", error}, {"warning", warning}, {"info", info}}; }
};

std::string position_text(const xxgk::source_position &p) {
    if (p.line) return ":" + std::to_string(p.line) + (p.column ? ":" + std::to_string(p.column) : "");
    if (p.table)
        return ": table " + std::to_string(p.table) + ", row " + std::to_string(p.row) + ", cell " +
               std::to_string(p.cell);
    return {};
}

int run_check_files(const cli_options &o) {
    if (o.files.empty()) throw usage_error{"check needs at least one FILE (or - for standard input)"};
    bool unusable = false, errors = false;
    boost::json::array files;
    counts total;
    std::vector<xxgk::diagnostic> diagnostics;
    for (const std::string &path : o.files) {
        const std::string shown = shown_name(path);
        xxgk::read_result r;
        try {
            r = load_report(path);
        } catch (const input_error &e) {
            unusable = true;
            std::cerr << "xxgk: " << shown << ": " << e.message << "\n";
            if (o.json) files.push_back({{"file", shown}, {"error", e.message}});
            continue;
        }
        diagnostics = std::move(r.diagnostics);
        xxgk::apply_options(o.check, diagnostics);
        xxgk::check(r.value, o.check, diagnostics);
        counts c;
        for (const auto &d : diagnostics) c.add(d), total.add(d);
        errors = errors || c.error > 0;
        if (o.json) {
            boost::json::array ds;
            for (const auto &d : diagnostics) ds.push_back(xxgk::to_json(d, o.lang));
            files.push_back({{"file", shown}, {"diagnostics", std::move(ds)}, {"summary", c.json()}});
            continue;
        }
        for (const auto &d : diagnostics) {
            std::cout << shown << position_text(d.source) << ": "
                      << (o.lang == xxgk::language::zh ? xxgk::label(d.level) : xxgk::name(d.level)) << ": ["
                      << xxgk::info(d.which).id << "] " << xxgk::message(d, o.lang);
            if (!d.cells.empty()) std::cout << " (" << xxgk::json_pointer(d.cells.front()) << ")";
            std::cout << "\n";
        }
        if (o.lang == xxgk::language::zh)
            std::cout << shown << "：错误 " << c.error << "，警告 " << c.warning << "，提示 " << c.info << "\n";
        else
            std::cout << shown << ": errors " << c.error << ", warnings " << c.warning << ", infos " << c.info << "\n";
    }
    if (o.json)
        std::cout << xxgk::pretty_print(boost::json::object{{"files", std::move(files)}, {"summary", total.json()}});
    return unusable ? 2 : errors ? 1 : 0;
}

}  // namespace

int run_check(args a) { return run_check_files(parse_options(a, true)); }

}  // namespace xxgk::cli
