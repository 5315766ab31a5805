// The batch engine of `xxgk check`: collect files, index them by agency and year, pair each report
// with last year's, check on all cores and hand results to the output in input order.
//
// Memory does not grow with the number of files: the file list and pass 1's extract of each report
// live in a temporary SQLite database on disk (file_index); pass 2 takes the files 16 at a time with
// their pairs, reads again only the reports it must, and drops them once printed, so only a bounded
// window of reports is alive at any time.
#include "batch.hpp"
#include "batch_discovery.hpp"
#include "batch_extract.hpp"
#include "batch_index.hpp"
#include "batch_record.hpp"
#include "batch_threads.hpp"
#include "hash.hpp"
#include "html_output.hpp"

#include <xxgk/check.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace xxgk::cli {

namespace fs = std::filesystem;

namespace {

struct input_file {
    std::string path;                             // as given or found
    std::shared_ptr<const std::string> content;  // standard input only: it cannot be read twice
};

struct loaded {
    xxgk::read_result result;
    std::string content_hash;
};

loaded load(const input_file &f, std::optional<xxgk::input_format> format, bool want_hash, xxgk::language lang) {
    const std::string content = f.content ? *f.content : read_input(f.path, lang);
    return {read_report(content, f.path, format, lang), want_hash ? hex(fnv1a(content)) : std::string()};
}

// What --db stores of a report besides what the outputs print: its title, format and cells.
void database_fields(const xxgk::report &r, std::string &title, std::string &format, std::string &cells) {
    title = r.title.value_or("");
    format = r.format() == xxgk::format_version::v2021 ? "2021" : "2019";
    cells = database_cells(r);
}

struct relations {
    std::unordered_map<std::string, std::string> explicit_previous;  // absolute current → previous path
    std::unordered_map<std::string, std::vector<std::string>> children;  // parent key → child keys (as given)
};

std::string absolute_of(const std::string &path) {
    if (path == "-") return path;
    std::error_code ec;
    const fs::path p = fs::weakly_canonical(fs::absolute(path), ec);
    return ec ? path : p.string();
}

class engine {
public:
    engine(const batch_options &o, file_index &index,
           std::unordered_map<std::size_t, std::shared_ptr<const std::string>> given)
        : o_(o), index_(index), given_(std::move(given)),
          jobs_(o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency())) {}

    int run(output &out, skipped_files skipped) {
        keep_reports_ = out.needs_reports();
        plan_ = {.rules = o_.base.check, .deadlines = o_.deadlines, .pair = o_.pair, .hierarchy = o_.hierarchy_mode,
                 .lang = o_.base.lang};
        without_duplicate_ = plan_;
        without_duplicate_.rules.disable(xxgk::rule::xy_duplicate);
        if (!o_.baseline.empty()) baseline_ = read_baseline_named(o_.baseline);
        if (!o_.db.empty()) db_ = std::make_unique<database>(o_.db);
        progress_meter meter(o_.progress, index_.size(), o_.base.lang);
        build_index(meter);
        load_relations();
        run_summary summary;
        summary.skipped = std::move(skipped);
        check_all(out, summary, meter);
        if (db_) db_->commit();
        summary.agencies_with_findings = index_.agencies_with_findings();
        summary.by_agency = index_.agencies(out.summarises_every_agency() ? std::nullopt
                                                                           : std::optional(summary_agencies_shown));
        out.finish(summary);
        return summary.unreadable.empty() ? (summary.error > 0 ? 1 : 0) : 2;
    }

private:
    static std::set<std::string> read_baseline_named(const std::string &path) {
        try {
            return read_baseline(path);
        } catch (const input_error &e) {
            throw usage_error{"--baseline " + path + ": " + e.message};
        }
    }

    // Files a worker takes at a time: one use of the index's lock for each range, not for each file.
    static constexpr std::size_t chunk = 16;

    input_file file_at(std::size_t i, std::string path) const {
        const auto it = given_.find(i);
        return {std::move(path), it == given_.end() ? nullptr : it->second};
    }

    void build_index(progress_meter &meter) {
        std::atomic<std::size_t> done{0};
        {
            // Stopped and joined when the block is left, by an exception too.
            std::jthread reporter;
            if (o_.progress) try {
                    reporter = std::jthread([&](std::stop_token stop) {
                        while (!stop.stop_requested()) {
                            meter.show(progress_meter::phase::reading, done);
                            std::this_thread::sleep_for(std::chrono::milliseconds(100));
                        }
                    });
                } catch (const std::exception &) {
                    // No thread for the meter: reading goes on without it.
                }
            const std::size_t n = index_.size(), chunks = (n + chunk - 1) / chunk;
            parallel_for(chunks, jobs_, [&](std::size_t c) {
                const std::size_t first = c * chunk, last = std::min(n, first + chunk);
                std::vector<index_entry> entries(last - first);
                // The index is used outside the try: its errors end the run, they are no file's fault.
                const std::vector<std::string> paths = index_.paths(first, last);
                for (std::size_t i = first; i < last; ++i) {
                    index_entry &e = entries[i - first];
                    try {
                        first_pass(file_at(i, paths[i - first]), e);
                    } catch (const input_error &err) {
                        e.error = err.message;
                    } catch (const std::exception &err) {
                        e.error = err.what();
                    }
                    ++done;
                }
                index_.record(first, entries);
            });
        }
        meter.show(progress_meter::phase::reading, index_.size(), true);
        index_.pair();
    }

    // Pass 1 of one file: reads and parses it, runs its own rules and keeps in `e` what pairing, the cross-year
    // rules and the outputs need of it.
    void first_pass(const input_file &f, index_entry &e) const {
        loaded l = load(f, o_.base.input_format, db_ != nullptr, o_.base.lang);
        const xxgk::report &rep = l.result.value;
        if (rep.agency) e.key = normalise_agency(*rep.agency);
        e.year = rep.year;
        e.extract = extract_of(rep, o_.base.check.enabled(xxgk::rule::xy_duplicate));
        report_record record;
        record.agency = rep.agency.value_or("");
        record.kind = rep.kind;
        record.published = rep.published;
        record.late_days = late_days(rep, o_.deadlines);
        xxgk::check(l.result, plan_, {}, record.findings);  // the pipeline's own part: nothing else to compare with
        record.stock_sources = stock_sources(rep);
        if (db_) {
            record.content_hash = std::move(l.content_hash);
            database_fields(rep, record.title, record.format, record.cells);
        }
        e.record = encode_record(record);
    }

    // The rows of a two-column mapping file given to `option`, without its header row.
    static std::vector<std::vector<std::string>> mapping(const std::string &path, std::string_view option,
                                                         std::string_view first, std::string_view second) {
        std::vector<std::vector<std::string>> rows;
        try {
            rows = read_csv(path, 2, 2);
        } catch (const input_error &e) {
            throw usage_error{std::string(option) + " " + path + ": " + e.message};
        }
        if (!rows.empty() && rows[0][0] == first && rows[0][1] == second) rows.erase(rows.begin());
        return rows;
    }

    void load_relations() {
        if (!o_.pairs.empty())
            for (auto &row : mapping(o_.pairs, "--pairs", "current", "previous"))
                rel_.explicit_previous[absolute_of(row[0])] = row[1];
        if (!o_.hierarchy.empty())
            for (auto &row : mapping(o_.hierarchy, "--hierarchy", "parent", "child"))
                rel_.children[normalise_agency(row[0])].push_back(row[1]);
    }

    // Last year's report of a file: the explicit pair, else the same agency's report of year − 1 (then
    // also its index entry, with the extract pass 1 made).
    struct previous_file {
        input_file file;
        const index_entry *entry = nullptr;  // in the paired_entry it came from
    };
    std::optional<previous_file> previous_of(const paired_entry &e, const std::string &absolute) const {
        if (auto it = rel_.explicit_previous.find(absolute); it != rel_.explicit_previous.end())
            return previous_file{{it->second, {}}, nullptr};
        if (!e.previous) return std::nullopt;
        return previous_file{file_at(*e.previous_at, e.previous->path), &*e.previous};
    }

    // With --hierarchy, when file i's agency is a parent: each child as given, with the file of its
    // report of the same year, if there is one.
    using children_files = std::vector<std::pair<std::string, std::optional<input_file>>>;
    std::optional<children_files> children_of(const index_entry &e) {
        const auto it = rel_.children.find(e.key);
        if (it == rel_.children.end() || !e.year) return std::nullopt;
        children_files out;
        for (const std::string &child : it->second) {
            const auto found = index_.first_of(normalise_agency(child), *e.year);
            out.emplace_back(child, found ? std::optional(file_at(*found, index_.paths(*found, *found + 1)[0]))
                                          : std::nullopt);
        }
        return out;
    }

    // Last year's report for the two-report rules: the skeleton of pass 1's extract when it settles them
    // (then xy.duplicate provably finds nothing and `settled` is set), else (and for explicit pairs) last
    // year's whole report, read again into `whole`, or why it cannot be read.
    void previous_report(const index_entry &e, const previous_file &prev, std::optional<xxgk::read_result> &whole,
                         xxgk::check_context &with, bool &settled) {
        if (prev.entry) {
            const index_entry &p = *prev.entry;
            const bool duplicate = o_.base.check.enabled(xxgk::rule::xy_duplicate);
            if (!p.extract.whole_needed && !(duplicate && duplicate_possible(e.extract, p.extract, o_.pair))) {
                thread_local xxgk::report skeleton;
                with.previous = &fill_skeleton(skeleton, p.extract, p.year);
                settled = true;
                return;
            }
        }
        with.previous_name = shown_name(prev.file.path);
        try {
            whole = load(prev.file, o_.base.input_format, false, o_.base.lang).result;
            with.previous = &whole->value;
        } catch (const input_error &err) {
            with.previous_error = err.message;
        }
    }

    // Whether file e's findings need its whole report and last year's, read again: the outputs keep reports
    // (html), it is a parent under --hierarchy, its pair is explicit, a stock cell of either year is not a whole
    // number, or the extracts cannot rule out xy.duplicate.
    bool whole_needed(const index_entry &e, const std::optional<previous_file> &prev,
                      const std::optional<children_files> &children) const {
        if (keep_reports_ || children) return true;
        if (!prev) return false;
        if (!prev->entry) return true;
        const index_entry &p = *prev->entry;
        return e.extract.whole_needed || p.extract.whole_needed ||
               (o_.base.check.enabled(xxgk::rule::xy_duplicate) && duplicate_possible(e.extract, p.extract, o_.pair));
    }

    // The result of file e from pass 1's record and the two years' extracts, without reading it again:
    // its own findings, then those of xy.carry_over and xy.in_force (xy.duplicate provably finds nothing).
    void result_from_record(const index_entry &e, const std::optional<previous_file> &prev, file_result &r) const {
        report_record record = decode_record(e.record);
        r.agency = std::move(record.agency);
        r.agency_key = e.key;
        r.year = e.year;
        r.kind = record.kind;
        r.published = std::move(record.published);
        r.late_days = record.late_days;
        r.diagnostics = std::move(record.findings);
        if (prev) {
            const index_entry &p = *prev->entry;
            r.previous = shown_name(prev->file.path);
            thread_local xxgk::report now, then;
            xxgk::check_pair(fill_skeleton(now, e.extract, e.year, &record.stock_sources),
                             fill_skeleton(then, p.extract, p.year), without_duplicate_.rules, r.diagnostics, o_.pair);
        }
        r.content_hash = std::move(record.content_hash);
        r.title = std::move(record.title);
        r.format = std::move(record.format);
        r.cells = std::move(record.cells);
    }

    // The index is used outside the try blocks: its errors end the run, they are no file's fault.
    file_result check_one(std::size_t i, const paired_entry &paired) {
        file_result r;
        const index_entry &e = paired.self;
        const input_file f = file_at(i, e.path);
        r.file = shown_name(f.path);
        if (e.error) {
            r.error = *e.error;
            if (db_) r.absolute = absolute_of(f.path);
            return r;
        }
        // Resolving the path costs system calls per component: only explicit pairs and --db need it.
        const std::string absolute = db_ || !rel_.explicit_previous.empty() ? absolute_of(f.path) : std::string();
        const auto prev = previous_of(paired, absolute);
        const auto children = children_of(e);
        if (db_) r.absolute = absolute;
        try {
            if (whole_needed(e, prev, children)) check_report(f, e, prev, children, r);
            else result_from_record(e, prev, r);
            identify(r);
        } catch (const input_error &err) {
            r.error = err.message;
        } catch (const std::exception &err) {
            r.error = err.what();
        }
        return r;
    }

    // Fingerprints of the findings; drops those of the baseline.
    void identify(file_result &r) {
        for (const auto &d : r.diagnostics)
            r.fingerprints.push_back(fingerprint(r.agency_key.empty() ? r.file : r.agency_key, r.year, d));
        if (baseline_.empty()) return;
        std::size_t kept = 0;
        for (std::size_t k = 0; k < r.diagnostics.size(); ++k)
            if (!baseline_.contains(r.fingerprints[k])) {
                // Moving an element onto itself would empty it: only findings after a dropped one move.
                if (kept != k) {
                    r.diagnostics[kept] = std::move(r.diagnostics[k]);
                    r.fingerprints[kept] = std::move(r.fingerprints[k]);
                }
                ++kept;
            }
        suppressed_ += r.diagnostics.size() - kept;
        r.diagnostics.resize(kept);
        r.fingerprints.resize(kept);
    }

    void check_report(const input_file &f, const index_entry &e, const std::optional<previous_file> &prev,
                      const std::optional<children_files> &children, file_result &r) {
        loaded l = load(f, o_.base.input_format, db_ != nullptr, o_.base.lang);
        const xxgk::report &rep = l.result.value;
        r.agency = rep.agency.value_or("");
        r.agency_key = e.key;
        r.year = rep.year;
        r.kind = rep.kind;
        r.published = rep.published;
        r.late_days = late_days(rep, o_.deadlines);
        r.diagnostics.clear();
        xxgk::check_context with;
        std::optional<xxgk::read_result> previous;
        bool settled = false;
        if (prev) {
            r.previous = shown_name(prev->file.path);
            previous_report(e, *prev, previous, with, settled);
        }
        std::vector<xxgk::report> children_read;
        std::vector<std::string> missing;
        if (children && rep.year) {
            read_children(*children, children_read, missing);
            with.children = children_read;
            with.missing_children = missing;
        }
        xxgk::check(l.result, settled ? without_duplicate_ : plan_, with, r.diagnostics);
        if (db_) {
            r.content_hash = std::move(l.content_hash);
            database_fields(rep, r.title, r.format, r.cells);
        }
        if (keep_reports_) r.report = std::move(l.result.value);
    }

    // The children's reports; those without a readable file go to `missing`, as named in --hierarchy.
    void read_children(const children_files &files, std::vector<xxgk::report> &children,
                       std::vector<std::string> &missing) const {
        for (const auto &[child, file] : files) {
            try {
                if (file) {
                    children.push_back(load(*file, o_.base.input_format, false, o_.base.lang).result.value);
                    continue;
                }
            } catch (const input_error &) {
            }
            missing.push_back(child);
        }
    }

    // Workers check files ahead of the printer by at most `window` files; results are printed in order.
    // A worker takes the lock once per file, to hand its result over, and wakes the printer only when
    // half a window is ready for it (or the rest of the files, or the worker must wait for room), so
    // the threads do not switch at every file.
    void check_all(output &out, run_summary &summary, progress_meter &meter) {
        const std::size_t n = index_.size(), window = 2 * chunk * std::size_t{jobs_};
        std::vector<std::unique_ptr<file_result>> slots(window);  // file i in slot i % window
        std::mutex m;
        std::condition_variable ready, room;
        std::atomic<std::size_t> printed{0};
        std::size_t waiting_for_room = 0;
        std::atomic<std::size_t> next{0};
        std::atomic<bool> stop{false};  // the printer failed (e.g. the database): workers check no more
        std::exception_ptr failure;     // a worker failed (the index): the printer stops
        // Under the lock: how many results are ready for the printer, in order.
        auto ready_run = [&] {
            std::size_t k = printed;
            while (k < n && k < printed + window && slots[k % window]) ++k;
            return k - printed;
        };
        auto work = [&] {
            for (std::size_t first; (first = next.fetch_add(chunk)) < n;) {
                const std::size_t last = std::min(n, first + chunk);
                const std::vector<paired_entry> entries = index_.paired(first, last);
                for (std::size_t i = first; i < last; ++i) {
                    if (i >= printed + window) {
                        std::unique_lock lock(m);
                        ready.notify_one();
                        ++waiting_for_room;
                        room.wait(lock, [&] { return stop || i < printed + window; });
                        --waiting_for_room;
                    }
                    if (stop) return;
                    auto r = std::make_unique<file_result>(check_one(i, entries[i - first]));
                    std::lock_guard lock(m);
                    slots[i % window] = std::move(r);
                    const std::size_t run = ready_run();
                    if (run >= window / 2 || printed + run == n || waiting_for_room) ready.notify_one();
                }
            }
        };
        auto worker = [&] {
            try {
                work();
            } catch (...) {
                std::lock_guard lock(m);
                if (!failure) failure = std::current_exception();
                stop = true;
                ready.notify_one();
                room.notify_all();
            }
        };
        // The printer's share of a result, in input order.
        auto print = [&](std::size_t i, const file_result &r) {
            const run_summary::agency_count counts = summary.add(r);
            if (!r.error) index_.count(i, counts);
            out.file(r);
            check_standard_output(false);  // a full disk ends the run here, not after every file
            if (db_) db_->store(r, o_.base.lang);
            meter.show(progress_meter::phase::checking, i + 1);
        };
        std::vector<std::thread> threads = start_threads(jobs_, worker);
        if (threads.empty()) {
            // No worker could start: the calling thread checks each file and prints it (then prints no more).
            for (std::size_t first = 0; first < n; first += chunk) {
                const std::size_t last = std::min(n, first + chunk);
                const std::vector<paired_entry> entries = index_.paired(first, last);
                for (std::size_t i = first; i < last; ++i) print(i, check_one(i, entries[i - first]));
            }
        }
        auto join = [&] {
            {
                std::lock_guard lock(m);
                stop = true;
                room.notify_all();
            }
            for (auto &t : threads) t.join();
        };
        try {
            for (std::size_t i = threads.empty() ? n : 0; i < n; ++i) {
                std::unique_ptr<file_result> r;
                {
                    std::unique_lock lock(m);
                    ready.wait(lock, [&] { return slots[i % window] != nullptr || failure; });
                    if (!slots[i % window]) std::rethrow_exception(failure);
                    r = std::move(slots[i % window]);
                    printed = i + 1;
                    if (waiting_for_room) room.notify_all();
                }
                print(i, *r);
            }
        } catch (...) {
            join();
            throw;
        }
        join();
        meter.show(progress_meter::phase::checking, n, true);
        summary.suppressed = suppressed_;
    }

    const batch_options &o_;
    file_index &index_;
    std::unordered_map<std::size_t, std::shared_ptr<const std::string>> given_;  // standard input, by file
    unsigned jobs_;
    relations rel_;
    std::set<std::string> baseline_;
    std::atomic<std::size_t> suppressed_{0};
    std::unique_ptr<database> db_;
    bool keep_reports_ = false;
    xxgk::check_plan plan_;              // what every report is checked with
    xxgk::check_plan without_duplicate_;  // the plan, xy.duplicate off: for pairs the extract settled
};

}  // namespace

int run_batch(const batch_options &o, bool batch) {
    if (o.base.files.empty()) throw usage_error{"check needs at least one FILE or DIRECTORY (or - for standard input)"};
    bool any_directory = false;
    file_index index;
    std::unordered_map<std::size_t, std::shared_ptr<const std::string>> given;
    skipped_files skipped;
    collect(o.base.files, index, given, any_directory, skipped, o.base.lang);
    batch = batch || any_directory || index.size() > 1 || o.summary;
    auto out = o.format == "html"   ? make_html_output(o.output_dir.value_or("xxgk-report"), o.base.lang, std::cerr, o.aggregate)
               : o.format == "xlsx" ? make_xlsx_output(o.output_dir.value_or("xxgk-report.xlsx"), o.base.lang, o.aggregate)
                                    : make_output(o.format, std::cout, {.lang = o.base.lang, .batch = batch, .csv_bom = o.csv_bom});
    if (!out) throw usage_error{"--format takes " + std::string(output_names()) + ", not '" + o.format + "'"};
    batch_options effective = o;
    effective.progress = o.progress && batch;
    engine e(effective, index, std::move(given));
    return e.run(*out, std::move(skipped));
}

}  // namespace xxgk::cli
