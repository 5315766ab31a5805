// Shared by the fuzz targets: the invariants every report must satisfy, however it was read.
// A broken invariant prints what broke and aborts, which libFuzzer (and the replay) report as a crash.
#pragma once

#include <xxgk/json.hpp>
#include <xxgk/rules.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace xxgk::fuzz {

/// Aborts with `what` and an excerpt of `detail` unless `ok`; kept in release builds, unlike `assert`.
inline void require(bool ok, const char *what, std::string_view detail = {}) {
    if (ok) return;
    std::fprintf(stderr, "xxgk fuzz invariant broken: %s\n", what);
    if (!detail.empty())
        std::fprintf(stderr, "%.*s\n", static_cast<int>(detail.size() > 4000 ? 4000 : detail.size()), detail.data());
    std::abort();
}

/// Every finding renders in both languages and as JSON, and names a rule of the catalogue.
inline void exercise_diagnostics(const std::vector<diagnostic> &ds) {
    for (const diagnostic &d : ds) {
        require(index(d.which) < catalogue.size(), "diagnostic names a rule outside the catalogue");
        require(!message(d, language::zh).empty() && !message(d, language::en).empty(), "empty diagnostic message");
        (void)to_json(d, language::en);
    }
}

/// Checks the report and requires the canonical JSON round trip to be exact: what we write, we read back
/// to the same report (every cell, text and source position), and writing that again gives the same bytes.
inline void exercise_report(const report &r) {
    const std::vector<diagnostic> findings = check(r);
    exercise_diagnostics(findings);

    const write_options with_positions{true};
    const std::string text = to_json_text(r, with_positions);
    json_error error;
    const std::optional<report> again = parse_report(text, error);
    require(again.has_value(), "canonical JSON written by to_json does not parse back", error.describe() + "\n" + text);
    const std::string text_again = to_json_text(*again, with_positions);
    require(text_again == text, "canonical JSON changes on a second round trip", text + "\n---\n" + text_again);
    require(*again == r, "report read back from its canonical JSON differs from the original", text);
    require(check(*again) == findings, "findings differ after the JSON round trip", text);

    const std::optional<report> pretty = parse_report(to_json_text(r, with_positions, true), error);
    require(pretty.has_value() && *pretty == r, "pretty-printed canonical JSON does not read back identically",
            error.describe());
}

}  // namespace xxgk::fuzz
