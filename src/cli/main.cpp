// The `xxgk` command: dispatches to one file per command.
#include "cli.hpp"

#include <iostream>

namespace xxgk::cli {
int run_parse(args a);  // parse.cpp
}

namespace {

using namespace xxgk::cli;

constexpr std::string_view usage_text = R"(usage:
  xxgk check [options] FILE|DIR...
                                 check reports in any format (directories recursively, - reads
                                 standard input), across years too; `xxgk check --help` for all options
  xxgk rules [--lang zh|en] [--format text|json]
                                 list the rule catalogue
  xxgk schema                    print the JSON Schema of the canonical report JSON
  xxgk render [--format html|markdown|text] [--lang zh|en] [--input-format F] [--check] [-o FILE] FILE
                                 the three tables in the official layout (--check: with the findings;
                                 several FILEs with --format html --check -o DIR: pages and an index)
  xxgk parse [--input-format F] [--positions] [--pretty] FILE
                                 read a report in any format (json, text, markdown, html, docx,
                                 pdf, layout) and print its canonical JSON; reader findings on stderr
  xxgk --version

check options:
  --lang zh|en                   language of messages (default zh)
  --format text|json|jsonl|csv|sarif|html
                                 output for people (default), one JSON document, JSON Lines, CSV,
                                 SARIF 2.1.0, or HTML pages with the faulty cells marked (-o DIR)
  --disable RULE[,RULE...]       do not run these rules (ids as in `xxgk rules`)
  --severity RULE=LEVEL          report RULE at LEVEL (error, warning or info)
  --fee-threshold N              t2.fee_unit threshold in 万元 (default 1000000)

exit status: 0 no error-severity finding, 1 findings of severity error,
             2 unusable input or usage
)";

struct command {
    std::string_view name;
    int (*run)(args);
};

// Every command of `xxgk`; a new command is one line here and one function in its own file.
constexpr command commands[] = {
    {"check", run_check},
    {"rules", run_rules},
    {"schema", run_schema},
    {"render", run_render},
    {"parse", xxgk::cli::run_parse},
};

int run(const std::vector<std::string_view> &all) {
    if (all.empty()) throw usage_error{"missing command"};
    const std::string_view name = all.front();
    if (name == "--help" || name == "-h" || name == "help") {
        std::cout << usage_text;
        return 0;
    }
    if (name == "--version") {
        std::cout << "xxgk " XXGK_VERSION_STRING "\n";
        return 0;
    }
    for (const command &c : commands)
        if (c.name == name) return c.run(args(all).subspan(1));
    throw usage_error{"unknown command '" + std::string(name) + "'"};
}

}  // namespace

int main(int argc, char **argv) {
    const standard_output output;
    try {
        const int status = run(std::vector<std::string_view>(argv + 1, argv + argc));
        check_standard_output(true);
        return status;
    } catch (const usage_error &e) {
        std::cerr << "xxgk: " << e.message << "\n" << usage_text;
    } catch (const output_error &e) {
        std::cerr << "xxgk: " << e.message << "\n";
    } catch (const std::exception &e) {
        std::cerr << "xxgk: " << e.what() << "\n";
    }
    return 2;
}
