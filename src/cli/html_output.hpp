// HTML pages of a batch for `xxgk check --format html`: one page per report and an index.
#pragma once

#include "cli.hpp"

#include <xxgk/render.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace xxgk::cli {

/// One input of a batch: the report and its findings, or why it could not be read.
struct html_entry {
    /// The input as shown to people (`shown_name`).
    std::string file;
    /// Nothing when the input could not be read.
    std::optional<xxgk::report> value;
    std::vector<xxgk::diagnostic> diagnostics;
    /// Why the input could not be read.
    std::string error;
};

/// Writes `index.html` and one `NNN-name.html` page per readable report into `out_dir` (created when
/// missing; existing pages of the same names are replaced). Throws input_error naming the path it cannot write.
void write_html_reports(const std::vector<html_entry> &entries, const std::filesystem::path &out_dir,
                        xxgk::language lang);

/// The file name of the page of the `number`th input (1-based): `007-balance.html`.
std::string html_page_name(std::size_t number, const std::string &file);

}  // namespace xxgk::cli
