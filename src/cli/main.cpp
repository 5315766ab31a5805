// The `xxgk` command: check reports, list the rule catalogue, print the JSON Schema.

#include <xxgk/xxgk.hpp>
#include <xxgk_schema.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace std::string_view_literals;

constexpr std::string_view usage_text = R"(usage:
  xxgk check [options] FILE...   check reports (canonical JSON; - reads standard input)
  xxgk rules [--lang zh|en] [--format text|json]
                                 list the rule catalogue
  xxgk schema                    print the JSON Schema of the canonical report JSON
  xxgk --version

check options:
  --lang zh|en                   language of messages (default zh)
  --format text|json             output for people (default) or one JSON document
  --disable RULE[,RULE...]       do not run these rules (ids as in `xxgk rules`)
  --severity RULE=LEVEL          report RULE at LEVEL (error, warning or info)
  --fee-threshold N              t2.fee_unit threshold in 万元 (default 1000000)

exit status: 0 no error-severity finding, 1 findings of severity error,
             2 unusable input or usage
)";

struct usage_error {
    std::string message;
};

struct input_error {
    std::string message;
};

struct cli_options {
    xxgk::language lang = xxgk::language::zh;
    bool json = false;
    xxgk::check_options check;
    std::vector<std::string> files;
};

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    for (std::size_t at; (at = s.find(sep)) != std::string_view::npos; s.remove_prefix(at + 1))
        parts.push_back(s.substr(0, at));
    parts.push_back(s);
    return parts;
}

xxgk::rule rule_named(std::string_view id) {
    if (auto r = xxgk::find_rule(id)) return *r;
    throw usage_error{"unknown rule '" + std::string(id) + "' (see `xxgk rules`)"};
}

cli_options parse_options(const std::vector<std::string_view> &args, bool allow_files) {
    cli_options o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view a = args[i];
        auto value = [&]() -> std::string_view {
            if (i + 1 >= args.size()) throw usage_error{"option " + std::string(a) + " needs a value"};
            return args[++i];
        };
        if (a == "--lang") {
            const auto v = value();
            auto l = xxgk::from_name<xxgk::language>(v);
            if (!l) throw usage_error{"--lang takes zh or en, not '" + std::string(v) + "'"};
            o.lang = *l;
        } else if (a == "--format") {
            const auto v = value();
            if (v != "text" && v != "json") throw usage_error{"--format takes text or json, not '" + std::string(v) + "'"};
            o.json = v == "json";
        } else if (a == "--disable") {
            for (auto id : split(value(), ',')) o.check.disable(rule_named(id));
        } else if (a == "--severity") {
            const auto v = value();
            const auto eq = v.find('=');
            const auto level = eq == std::string_view::npos ? std::nullopt : xxgk::from_name<xxgk::severity>(v.substr(eq + 1));
            if (!level) throw usage_error{"--severity takes RULE=error|warning|info, not '" + std::string(v) + "'"};
            o.check.set_severity(rule_named(v.substr(0, eq)), *level);
        } else if (a == "--fee-threshold") {
            const auto v = value();
            auto d = xxgk::parse_decimal(v);
            if (!d || d->is_negative()) throw usage_error{"--fee-threshold takes a non-negative number, not '" + std::string(v) + "'"};
            o.check.fee_unit_threshold = *d;
        } else if (a.size() > 1 && a.starts_with('-')) {
            throw usage_error{"unknown option " + std::string(a)};
        } else if (allow_files) {
            o.files.emplace_back(a);
        } else {
            throw usage_error{"unexpected argument '" + std::string(a) + "'"};
        }
    }
    return o;
}

std::string read_input(const std::string &path) {
    std::string content;
    if (path == "-") {
        content.assign(std::istreambuf_iterator<char>(std::cin), {});
        return content;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw input_error{"cannot open file"};
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throw input_error{"cannot read file"};
    return std::move(ss).str();
}

xxgk::report load_report(const std::string &path) {
    const std::string content = read_input(path);
    xxgk::json_error error;
    auto r = xxgk::parse_report(content, error);
    if (!r) throw input_error{error.describe()};
    return std::move(*r);
}

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

int run_check(const cli_options &o) {
    if (o.files.empty()) throw usage_error{"check needs at least one FILE (or - for standard input)"};
    bool unusable = false, errors = false;
    boost::json::array files;
    counts total;
    std::vector<xxgk::diagnostic> diagnostics;
    for (const std::string &path : o.files) {
        const std::string shown = path == "-" ? "<stdin>" : path;
        xxgk::report r;
        try {
            r = load_report(path);
        } catch (const input_error &e) {
            unusable = true;
            std::cerr << "xxgk: " << shown << ": " << e.message << "\n";
            if (o.json) files.push_back({{"file", shown}, {"error", e.message}});
            continue;
        }
        diagnostics.clear();
        xxgk::check(r, o.check, diagnostics);
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

int run_rules(const cli_options &o) {
    if (o.json) {
        std::cout << xxgk::pretty_print(xxgk::catalogue_json());
        return 0;
    }
    for (const auto &e : xxgk::catalogue)
        std::cout << e.id << std::string(e.id.size() < 22 ? 22 - e.id.size() : 1, ' ') << xxgk::name(e.default_severity)
                  << std::string(9 - xxgk::name(e.default_severity).size(), ' ')
                  << (o.lang == xxgk::language::zh ? e.title_zh : e.title_en) << "\n";
    return 0;
}

int run(const std::vector<std::string_view> &args) {
    if (args.empty()) throw usage_error{"missing command"};
    const std::string_view command = args.front();
    const std::vector<std::string_view> rest(args.begin() + 1, args.end());
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << usage_text;
        return 0;
    }
    if (command == "--version") {
        std::cout << "xxgk " XXGK_VERSION_STRING "\n";
        return 0;
    }
    if (command == "check") return run_check(parse_options(rest, true));
    if (command == "rules") return run_rules(parse_options(rest, false));
    if (command == "schema") {
        if (!rest.empty()) throw usage_error{"schema takes no arguments"};
        std::cout << xxgk::cli::report_schema;
        return 0;
    }
    throw usage_error{"unknown command '" + std::string(command) + "'"};
}

}  // namespace

int main(int argc, char **argv) {
    try {
        return run(std::vector<std::string_view>(argv + 1, argv + argc));
    } catch (const usage_error &e) {
        std::cerr << "xxgk: " << e.message << "\n" << usage_text;
    } catch (const std::exception &e) {
        std::cerr << "xxgk: " << e.what() << "\n";
    }
    return 2;
}
