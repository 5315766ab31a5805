// `xxgk rules` and `xxgk schema`.
#include "cli.hpp"
#include "options.hpp"

#include <xxgk_schema.hpp>

#include <iostream>

namespace xxgk::cli {

namespace {

int run_rules_listing(const cli_options &o) {
    if (o.json) {
        std::cout << xxgk::pretty_print(xxgk::catalogue_json());
        return 0;
    }
    const bool zh = o.lang == xxgk::language::zh;
    for (const auto &e : xxgk::catalogue) {
        std::cout << e.id << std::string(e.id.size() < 22 ? 22 - e.id.size() : 1, ' ');
        // 错误, 警告, 提示: two characters, four columns wide.
        if (zh) std::cout << xxgk::label(e.default_severity) << "    " << e.title_zh << "\n";
        else
            std::cout << xxgk::name(e.default_severity) << std::string(9 - xxgk::name(e.default_severity).size(), ' ')
                      << e.title_en << "\n";
    }
    return 0;
}

}  // namespace

int run_rules(args a) { return run_rules_listing(parse_options(a, false)); }

int run_schema(args a) {
    if (!a.empty()) throw usage_error{"schema takes no arguments"};
    std::cout << report_schema;
    return 0;
}

}  // namespace xxgk::cli
