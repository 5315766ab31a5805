// The `xxgk` command: dispatches to one file per command.
#include "cli.hpp"

#include <iostream>
#include <new>

namespace xxgk::cli {
int run_parse(args a);  // parse.cpp
}

namespace {

using namespace xxgk::cli;

struct command {
    std::string_view name;
    int (*run)(args);
};

// Every command of `xxgk`; a new command is one line here, one function in its own file and its help in
// help.cpp.
constexpr command commands[] = {
    {"check", run_check},
    {"rules", run_rules},
    {"schema", run_schema},
    {"render", run_render},
    {"parse", xxgk::cli::run_parse},
    {"aggregate", run_aggregate},
};

// `--help` or `-h` among a command's options (before `--`), and the language asked for with `--lang`.
struct help_request {
    bool asked = false;
    xxgk::language lang = xxgk::language::zh;
};
help_request help_asked(args list) {
    help_request h;
    argument_reader in(list);
    while (in.next()) {
        if (in.flag("--help") || in.flag("-h")) h.asked = true;
        else if (in.is_option() && in.name() == "--lang")
            h.lang = xxgk::from_name<xxgk::language>(in.value()).value_or(xxgk::language::zh);
    }
    return h;
}

int run(const std::vector<std::string_view> &all) {
    if (all.empty()) throw usage_error{"missing command"};
    const std::string_view name = all.front();
    if (name == "--version") {
        std::cout << "xxgk " XXGK_VERSION_STRING "\n";
        return 0;
    }
    if (name == "help" || help_asked(args(all).first(1)).asked) {
        std::cout << help_text("", help_asked(args(all).subspan(1)).lang);
        return 0;
    }
    for (const command &c : commands)
        if (c.name == name) {
            if (const help_request h = help_asked(args(all).subspan(1)); h.asked) {
                std::cout << help_text(name, h.lang);
                return 0;
            }
            return c.run(args(all).subspan(1));
        }
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
        std::cerr << "xxgk: " << e.message << "\n" << help_text("", xxgk::language::zh);
    } catch (const output_error &e) {
        std::cerr << "xxgk: " << e.message << "\n";
    } catch (const std::bad_alloc &) {
        std::cerr << "xxgk: out of memory\n";
    } catch (const std::exception &e) {
        std::cerr << "xxgk: " << e.what() << "\n";
    }
    return 2;
}
