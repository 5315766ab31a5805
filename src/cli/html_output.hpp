// HTML pages of a batch for `xxgk check --format html`: one page per report and an index.
#pragma once

#include "batch.hpp"

#include <xxgk/render.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
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

/// Writes the pages of a batch as inputs arrive: `add` writes the report's page at once (so reports need
/// not be kept), `finish` writes `index.html`. Pages are named `NNN-folder-name.html` by input order.
class html_batch_writer {
public:
    /// Creates `out_dir` when missing. Throws output_error naming the directory it cannot create. With
    /// `office` (the document `xxgk aggregate` printed), the index shows its roster and indicators.
    html_batch_writer(std::filesystem::path out_dir, xxgk::language lang,
                      std::optional<boost::json::object> office = std::nullopt);
    /// Adds the next input (`value` null when it could not be read; `late_days` as `late_days` says). Throws
    /// output_error on a write failure.
    void add(const std::string &file, const xxgk::report *value, std::span<const xxgk::diagnostic> diagnostics,
             const std::string &error = {}, std::optional<long> late_days = std::nullopt);
    /// Writes the index page and returns its path. Throws output_error on a write failure.
    std::filesystem::path finish();

private:
    struct kept {
        std::string file, href, error;
        std::optional<xxgk::report> metadata;  // title, agency, year, kind and publication date only
        std::vector<xxgk::diagnostic> diagnostics;
        std::optional<long> late_days;
    };
    std::filesystem::path dir_;
    xxgk::language lang_;
    std::optional<boost::json::object> office_;
    std::vector<kept> entries_;
};

/// Writes `index.html` and one page per readable report into `out_dir` (created when missing; pages of the
/// same names are replaced). Throws output_error naming the path it cannot write.
void write_html_reports(const std::vector<html_entry> &entries, const std::filesystem::path &out_dir,
                        xxgk::language lang);

/// `xxgk check --format html --output DIR`: an `output` of the batch that writes the pages into `out_dir`
/// and says on `messages` where the index is. With `aggregate` (a file, or empty for none: `--aggregate`),
/// read at once, the index also shows its roster and indicators.
std::unique_ptr<output> make_html_output(const std::filesystem::path &out_dir, xxgk::language lang,
                                         std::ostream &messages, const std::string &aggregate = {});

/// The line that says where the index page of a batch was written, in `lang`.
std::string wrote_message(const std::filesystem::path &index, xxgk::language lang);

/// The file name of the page of the `number`th input (1-based) from its folder and name:
/// `007-faults-balance.html`.
std::string html_page_name(std::size_t number, const std::string &file);

}  // namespace xxgk::cli
