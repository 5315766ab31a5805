// Options shared by `xxgk check` and `xxgk rules`.
#pragma once

#include "cli.hpp"

#include <functional>

namespace xxgk::cli {

struct cli_options {
    xxgk::language lang = xxgk::language::zh;
    bool json = false;
    xxgk::check_options check;
    std::vector<std::string> files;
    /// `--input-format F`: read every file as F instead of sniffing it.
    std::optional<xxgk::input_format> input_format;
};

inline xxgk::rule rule_named(std::string_view id) {
    if (auto r = xxgk::find_rule(id)) return *r;
    throw usage_error{"unknown rule '" + std::string(id) + "' (see `xxgk rules`)"};
}

/// Parses check/rules options; `allow_files` takes the other arguments as files. `more`, when given, is
/// offered each option first and returns whether it took it (the options of `xxgk check` alone).
inline cli_options parse_options(args list, bool allow_files,
                                 const std::function<bool(argument_reader &)> &more = nullptr) {
    cli_options o;
    argument_reader in(list);
    while (in.next()) {
        const std::string_view a = in.name();
        if (!in.is_option()) {
            if (!allow_files) throw usage_error{"unexpected argument '" + std::string(a) + "'"};
            o.files.emplace_back(a);
        } else if (more && more(in)) {
        } else if (a == "--lang") {
            o.lang = enum_option<xxgk::language>(a, in.value());
        } else if (a == "--format") {
            const auto v = in.value();
            if (v != "text" && v != "json") throw usage_error{"--format takes text or json, not '" + std::string(v) + "'"};
            o.json = v == "json";
        } else if (a == "--disable") {
            for (auto id : split(in.value(), ',')) o.check.disable(rule_named(id));
        } else if (a == "--severity") {
            const auto v = in.value();
            const auto eq = v.find('=');
            const auto level = eq == std::string_view::npos ? std::nullopt : xxgk::from_name<xxgk::severity>(v.substr(eq + 1));
            if (!level) throw usage_error{"--severity takes RULE=error|warning|info, not '" + std::string(v) + "'"};
            o.check.set_severity(rule_named(v.substr(0, eq)), *level);
        } else if (a == "--fee-threshold") {
            const auto v = in.value();
            auto d = xxgk::parse_decimal(v);
            if (!d || d->is_negative()) throw usage_error{"--fee-threshold takes a non-negative number, not '" + std::string(v) + "'"};
            o.check.fee_unit_threshold = *d;
        } else if (a == "--input-format" && allow_files) {
            o.input_format = enum_option<xxgk::input_format>(a, in.value());
        } else {
            throw usage_error{"unknown option " + std::string(a)};
        }
    }
    return o;
}

}  // namespace xxgk::cli
