// `xxgk check` over many files: collection, pairing with last year's report, parallel checking in a
// deterministic order, the outputs and the summary. See docs/batch.md.
#pragma once

#include "cli.hpp"
#include "options.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace xxgk::cli {

struct batch_options {
    cli_options base;
    std::string format = "text";
    unsigned jobs = 0;  // 0: all cores
    bool progress = false;
    std::string baseline, pairs, hierarchy, db;
    /// Where `--format html` writes its pages (`-o`; xxgk-report when not given).
    std::optional<std::string> output_dir;
    /// `--csv-bom`: start the CSV with a UTF-8 byte order mark.
    bool csv_bom = false;
    /// `--aggregate FILE`: the output of `xxgk aggregate` whose roster, 汇总 and indicators `--format xlsx` and
    /// `--format html` add.
    std::string aggregate;
    xxgk::deadline_options deadlines;
    xxgk::pair_options pair;
    xxgk::hierarchy_options hierarchy_mode;
    /// Print the run summary even for a single file (directories and several files always do).
    bool summary = false;
};

/// One checked file, or why it could not be read.
struct file_result {
    std::string file;  // as shown
    std::optional<std::string> error;
    std::string agency;      // as printed in the report; empty when unknown
    std::string agency_key;  // normalise_agency(agency): what pairing and the summary group by
    std::optional<int> year;
    std::string previous;  // the paired report's file, when there is one
    std::optional<xxgk::agency_kind> kind;
    std::optional<std::string> published;  // ISO date, as the report gives it
    std::optional<long> late_days;         // `late_days` of the report
    std::vector<xxgk::diagnostic> diagnostics;
    std::vector<std::string> fingerprints;  // parallel to diagnostics
    // For --db only: the canonical path, the file's hash, title, format and cells (database_cells).
    std::string absolute, content_hash, title, format, cells;
    // For outputs that `needs_reports` only.
    std::optional<xxgk::report> report;
};

/// What a directory held that was not read as a report (a FIFO, a `.png`), with the reason; at most
/// `kept` listed, all counted.
struct skipped_files {
    static constexpr std::size_t kept = 1000;
    std::vector<std::pair<std::string, std::string>> listed;  // file (as shown), reason
    std::size_t count = 0;
    void add(const std::string &path, std::string reason) {
        if (count++ < kept) listed.emplace_back(shown_name(path), std::move(reason));
    }
};

/// What the run found, over all files.
struct run_summary {
    std::size_t files = 0, reports = 0, pairs = 0, suppressed = 0;
    std::size_t error = 0, warning = 0, info = 0;
    std::map<std::string, std::size_t> by_rule;  // rule id → findings
    struct agency_count {
        std::size_t reports = 0, error = 0, warning = 0, info = 0;
    };
    /// By normalised agency name ("?" without one). Filled at the end of the run: every agency when the
    /// output `summarises_every_agency`, else the `summary_agencies_shown` that print_summary lists.
    std::map<std::string, agency_count> by_agency;
    std::size_t agencies_with_findings = 0;  // agencies with an error or a warning
    std::vector<std::pair<std::string, std::string>> unreadable;  // file, reason
    skipped_files skipped;
    /// Counts a file's findings into the totals; returns the file's own counts (for by_agency).
    agency_count add(const file_result &r);
};

/// A way of printing results; `file` is called in input order, then `finish` once.
class output {
public:
    virtual ~output() = default;
    virtual void file(const file_result &r) = 0;
    virtual void finish(const run_summary &s) = 0;
    /// Whether `file` needs `file_result::report` (kept only then, to bound memory).
    virtual bool needs_reports() const { return false; }
    /// Whether `finish` needs `run_summary::by_agency` for every agency, not only those with an error or a warning.
    virtual bool summarises_every_agency() const { return false; }
};

/// How an output writes: the language, whether to print the run summary, a BOM before a CSV.
struct output_settings {
    xxgk::language lang = xxgk::language::zh;
    bool batch = false;
    bool csv_bom = false;
};

/// Says on standard error that the file could not be read, and why.
void report_unreadable(const file_result &r);

/// A file's object in `--format json`: file, agency, kind, year, published, late_days, previous, diagnostics
/// and summary; or file and error.
boost::json::object file_json(const file_result &r, xxgk::language lang);
/// The `summary` (counts by severity) and `statistics` objects of `--format json`.
boost::json::object summary_json(const run_summary &s);
boost::json::object statistics_json(const run_summary &s);

/// Days the report was published after its deadline under `deadlines` (0: on time), as pub.late counts them
/// whether or not the rule is enabled; nothing without a publication date or a year, or with a malformed date.
std::optional<long> late_days(const xxgk::report &r, const xxgk::deadline_options &deadlines);

/// The document `xxgk aggregate` printed, read from `path` for `--aggregate`. Throws input_error naming the
/// file when it is not JSON or has no `roster`.
boost::json::object read_office_year(const std::string &path, xxgk::language lang);

/// `xxgk check --format xlsx -o FILE`: an `output` that collects the batch as `--format json` would print it
/// and writes it as an Excel workbook (`xxgk::write_workbook`) to `path` at the end.
/// With `aggregate` (a file, or empty for none), the workbook also has its roster, 汇总 and indicators.
std::unique_ptr<output> make_xlsx_output(const std::string &path, xxgk::language lang, const std::string &aggregate = {});

/// The output for `--format NAME`, or null for an unknown name.
std::unique_ptr<output> make_output(std::string_view name, std::ostream &out, const output_settings &settings);
/// The names `make_output` knows, for the usage message.
std::string_view output_names();

/// How many agencies the text summary lists (those with most errors and warnings).
inline constexpr std::size_t summary_agencies_shown = 20;
/// How many skipped files the text summary lists.
inline constexpr std::size_t summary_skipped_shown = 20;

/// The run summary as text (one block, in `lang`).
void print_summary(std::ostream &out, const run_summary &s, xxgk::language lang);

/// The stable identity of a finding: hex FNV-1a of agency key, year, rule id and pointers.
std::string fingerprint(std::string_view agency_key, std::optional<int> year, const xxgk::diagnostic &d);

/// The records of a CSV mapping file (RFC 4180, `#` comment lines), each with `min_fields` to `max_fields` fields.
/// Throws input_error naming the line.
std::vector<std::vector<std::string>> read_csv(const std::string &path, std::size_t min_fields, std::size_t max_fields);

/// `--deadline KIND=MM-DD` into `deadlines`; usage_error otherwise.
void parse_deadline(std::string_view value, xxgk::deadline_options &deadlines);

/// The fingerprints listed in a previous output (json, jsonl, sarif, or csv with its header). Throws input_error.
std::set<std::string> read_baseline(const std::string &path);

/// A report's table cells as `--db` stores them (docs/batch.md): a JSON array with one element per cell in
/// `for_each_cell` order.
std::string database_cells(const xxgk::report &r);

/// Writes reports, cells and findings into an SQLite database (schema in docs/batch.md).
class database {
public:
    explicit database(const std::string &path);  // throws input_error
    ~database();
    database(const database &) = delete;
    database &operator=(const database &) = delete;
    /// Replaces whatever the database held for this file.
    void store(const file_result &r, xxgk::language lang);
    /// Ends the run's transaction (a run is one transaction) and starts another.
    void commit();

private:
    // Adds the layout and labels of a format's cells the first time a report of that format is stored.
    void lay_out(const std::string &format);
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// Runs the whole check; returns the exit status.
int run_batch(const batch_options &o, bool batch);

}  // namespace xxgk::cli
