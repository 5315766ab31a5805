// The files of a batch run and what pass 1 learned of each, paired with last year's report: the
// temporary on-disk index of `xxgk check` over many files (see docs/batch.md).
#pragma once

#include "batch.hpp"
#include "batch_extract.hpp"
#include "sqlite.hpp"

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace xxgk::cli {

// A file of the run and what pass 1 learned of it.
struct index_entry {
    std::string path;
    std::string key;  // the normalised agency; empty when unknown
    std::optional<int> year;
    std::optional<std::string> error;  // why the file is unreadable
    year_extract extract;              // what the cross-year rules need of the report
    std::string record;                // encode_record of the report (read back for `paired`'s self only)
};

// A file of the run with its pairing: the first readable report in input order of the same agency
// (normalised) for the year before.
struct paired_entry {
    index_entry self;
    std::optional<std::size_t> previous_at;
    std::optional<index_entry> previous;
};

// The files of a run and what pass 1 learned of each, in a private temporary SQLite database: SQLite
// keeps 2 MB of its pages in memory and the rest in a file under TMPDIR (deleted on close), so the
// memory of a run does not grow with the number of files. Files are numbered from 0 in input order.
// Thread-safe: one lock around the connection, taken once per range of files. The first failure (a full
// disk) ends the index: every later use fails with it.
class file_index {
public:
    file_index();

    /// Appends a file given by name.
    void add(std::string_view path);
    /// Keeps a file found in a directory, until `take_found` appends all of them in sorted path order.
    void add_found(std::string_view path);
    void take_found();
    std::size_t size() const { return size_; }

    /// The paths of files [first, last).
    std::vector<std::string> paths(std::size_t first, std::size_t last);
    /// Pass 1's knowledge of files [first, first + entries.size()) (their paths are not changed).
    void record(std::size_t first, const std::vector<index_entry> &entries);
    /// After pass 1: pairs every report with last year's and makes `first_of` a lookup.
    void pair();
    /// Files [first, last) with their pairing (after `pair`).
    std::vector<paired_entry> paired(std::size_t first, std::size_t last);
    /// The first readable file in input order of agency `key` (normalised) and data year `year` (after `pair`).
    std::optional<std::size_t> first_of(std::string_view key, int year);
    /// The findings printed for readable file i, for the summary's per-agency counts. One thread only.
    void count(std::size_t i, const run_summary::agency_count &c);
    /// The per-agency counts of the files `count` was called for ("?" without an agency): every agency, or
    /// the first `limit` by errors and warnings (most first, then by name), as print_summary lists them.
    std::map<std::string, run_summary::agency_count> agencies(std::optional<std::size_t> limit);
    /// How many agencies have an error or a warning among the files `count` was called for.
    std::size_t agencies_with_findings();

private:
    static sqlite3_int64 rowid(std::size_t i) { return static_cast<sqlite3_int64>(i) + 1; }
    // Where SQLite puts temporary files (the first of these that is set; it also tries /usr/tmp, /tmp and .).
    static std::string temporary_directory();

    static std::optional<std::string> text(sqlite3_stmt *s, int k);
    // The entry in columns k (path), k + 1 (agency), year, error, extract.
    static index_entry entry_at(sqlite3_stmt *s, int k);
    // Calls `each(s)` for every row of `s` over files [first, last); every file must have its row.
    template <class Each>
    void rows(sqlite3_stmt *s, std::size_t first, std::size_t last, Each each);
    // Runs a write; commits every few thousand, so the open transaction stays small.
    void write(sqlite3_stmt *s);
    void flush_counts();
    // Runs `f` under the lock. The database has no journal, so after a failure it may be inconsistent:
    // every later use, from any thread, fails with that first error (not with what the wreck reads as).
    template <class F>
    std::invoke_result_t<F &> locked(F f);

    std::mutex m_;
    std::optional<input_error> broken_;
    sqlite_connection db_;
    sqlite3_stmt *add_, *add_found_, *paths_, *record_, *paired_, *count_, *first_ = nullptr;
    std::size_t size_ = 0, pending_ = 0;
    std::vector<std::pair<std::size_t, run_summary::agency_count>> counted_;
};

}  // namespace xxgk::cli
