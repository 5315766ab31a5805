// The batch engine of `xxgk check`: collect files, index them by agency and year, pair each report
// with last year's, check on all cores and hand results to the output in input order.
//
// Memory does not grow with the number of files: the file list and pass 1's extract of each report
// live in a temporary SQLite database on disk (file_index); pass 2 takes the files 16 at a time with
// their pairs, reads again only the reports it must, and drops them once printed, so only a bounded
// window of reports is alive at any time.
#include "batch.hpp"
#include "html_output.hpp"
#include "sqlite.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <unistd.h>

namespace xxgk::cli {

namespace fs = std::filesystem;

// ---- Names, fingerprints, small files ------------------------------------------------------------

std::string normalise_agency(std::string_view name) {
    std::string out;
    for (std::size_t i = 0; i < name.size();) {
        const std::size_t start = i;
        char32_t c = xxgk::detail::next_code_point(name, i);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0 || c == 0x3000 || c == 0xFEFF) continue;
        if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
        if (c < 0x80) out += static_cast<char>(c);
        else out.append(name.substr(start, i - start));
    }
    // A trailing qualifier such as （本级） or (试行) does not change the agency.
    while (out.ends_with(')')) {
        const std::size_t open = out.rfind('(');
        if (open == std::string::npos || open == 0) break;
        out.erase(open);
    }
    return out;
}

namespace {

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ull) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return h;
}

std::string hex(std::uint64_t h) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) s[static_cast<std::size_t>(i)] = digits[h & 0xF];
    return s;
}

}  // namespace

std::string fingerprint(std::string_view agency_key, std::optional<int> year, const xxgk::diagnostic &d) {
    std::string identity(agency_key);
    identity += '\x1f';
    identity += year ? std::to_string(*year) : std::string("?");
    identity += '\x1f';
    identity += xxgk::info(d.which).id;
    for (xxgk::cell_ref c : d.cells) identity += '\x1f' + xxgk::json_pointer(c);
    return hex(fnv1a(identity));
}

namespace {

void collect_fingerprints(const boost::json::value &v, std::set<std::string> &out) {
    if (const auto *o = v.if_object()) {
        for (const auto &[key, value] : *o) {
            if (key == "fingerprint" && value.is_string()) out.emplace(value.get_string());
            else if (key == "partialFingerprints" && value.is_object())
                for (const auto &[k, fp] : value.get_object())
                    if (fp.is_string()) out.emplace(fp.get_string());
            collect_fingerprints(value, out);
        }
    } else if (const auto *a = v.if_array()) {
        for (const auto &e : *a) collect_fingerprints(e, out);
    }
}

// RFC 4180 records: fields separated by commas, optionally in double quotes (holding commas, line breaks
// and "" for a quote); a UTF-8 byte order mark is skipped, and so are empty lines and, with `comments`,
// lines starting with `#`.
struct csv_record {
    std::size_t line;  // where the record starts
    std::vector<std::string> fields;
};
std::vector<csv_record> parse_csv(std::string_view text, bool comments) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    std::vector<csv_record> records;
    std::size_t line = 1;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t end_of_line = std::min(text.find('\n', i), text.size());
        const std::string_view rest = text.substr(i, end_of_line - i);
        if (rest.empty() || rest == "\r" || (comments && rest.starts_with('#'))) {
            i = end_of_line + 1;
            ++line;
            continue;
        }
        csv_record &r = records.emplace_back(csv_record{line, {std::string()}});
        bool quoted = false;
        for (; i < text.size(); ++i) {
            const char c = text[i];
            if (quoted) {
                if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') r.fields.back() += '"', ++i;
                else if (c == '"') quoted = false;
                else r.fields.back() += c, line += c == '\n';
            } else if (c == '"') quoted = true;
            else if (c == ',') r.fields.emplace_back();
            else if (c == '\n') break;
            else if (c != '\r' || (i + 1 < text.size() && text[i + 1] != '\n')) r.fields.back() += c;
        }
        if (quoted) throw input_error{"line " + std::to_string(r.line) + ": unterminated quote"};
        ++i;
        ++line;
    }
    return records;
}

// The rows of a two-column mapping file (--pairs, --hierarchy).
std::vector<std::vector<std::string>> read_csv(const std::string &path) {
    std::vector<std::vector<std::string>> rows;
    for (csv_record &r : parse_csv(read_input(path), true)) {
        if (r.fields.size() != 2)
            throw input_error{"line " + std::to_string(r.line) + ": expected 2 fields, found " +
                              std::to_string(r.fields.size())};
        rows.push_back(std::move(r.fields));
    }
    return rows;
}

// The fingerprints of a findings CSV: the column headed `fingerprint`; nothing when there is none.
std::optional<std::set<std::string>> csv_fingerprints(std::string_view text) {
    const std::vector<csv_record> records = parse_csv(text, false);
    if (records.empty()) return std::nullopt;
    const auto &header = records.front().fields;
    const auto column = std::find(header.begin(), header.end(), "fingerprint");
    if (column == header.end()) return std::nullopt;
    const auto k = static_cast<std::size_t>(column - header.begin());
    std::set<std::string> out;
    for (std::size_t i = 1; i < records.size(); ++i)
        if (k < records[i].fields.size() && !records[i].fields[k].empty()) out.insert(records[i].fields[k]);
    return out;
}

}  // namespace

std::set<std::string> read_baseline(const std::string &path) {
    const std::string text = read_input(path);
    std::set<std::string> out;
    boost::system::error_code ec;
    const boost::json::value whole = boost::json::parse(text, ec);
    if (!ec) {
        collect_fingerprints(whole, out);
        return out;
    }
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && text[first] != '{' && text[first] != '[') {
        if (auto csv = csv_fingerprints(text)) return std::move(*csv);
        throw input_error{"not JSON, JSON Lines, SARIF or CSV with a fingerprint column"};
    }
    std::size_t line_no = 0;
    for (std::string_view line : split(text, '\n')) {
        ++line_no;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        const boost::json::value v = boost::json::parse(line, ec);
        if (ec) throw input_error{"line " + std::to_string(line_no) + ": not JSON, JSON Lines or SARIF"};
        collect_fingerprints(v, out);
    }
    return out;
}

// ---- Summary -------------------------------------------------------------------------------------

run_summary::agency_count run_summary::add(const file_result &r) {
    ++files;
    agency_count a;
    if (r.error) {
        unreadable.emplace_back(r.file, *r.error);
        return a;
    }
    ++reports;
    pairs += !r.previous.empty();
    a.reports = 1;
    for (const auto &d : r.diagnostics) {
        ++by_rule[std::string(xxgk::info(d.which).id)];
        const auto level = d.level;
        (level == xxgk::severity::error ? error : level == xxgk::severity::warning ? warning : info)++;
        (level == xxgk::severity::error ? a.error : level == xxgk::severity::warning ? a.warning : a.info)++;
    }
    return a;
}

void print_summary(std::ostream &out, const run_summary &s, xxgk::language lang) {
    const bool zh = lang == xxgk::language::zh;
    out << (zh ? "汇总：文件 " : "summary: files ") << s.files << (zh ? "，报告 " : ", reports ") << s.reports
        << (zh ? "，与上年配对 " : ", paired with last year ") << s.pairs << (zh ? "，无法读取 " : ", unreadable ")
        << s.unreadable.size() << (zh ? "，跳过 " : ", skipped ") << s.skipped.count
        << (zh ? "（共见 " : " (seen ") << s.files + s.skipped.count << (zh ? " 个）" : ")")
        << (zh ? "；错误 " : "; errors ") << s.error << (zh ? "，警告 " : ", warnings ")
        << s.warning << (zh ? "，提示 " : ", infos ") << s.info;
    if (s.suppressed) out << (zh ? "；基线已知而未列出 " : "; suppressed by the baseline ") << s.suppressed;
    out << "\n";
    for (const auto &[id, n] : s.by_rule) out << "  " << id << ": " << n << "\n";
    std::vector<std::pair<std::string, run_summary::agency_count>> agencies;
    for (const auto &entry : s.by_agency)
        if (entry.second.error + entry.second.warning > 0) agencies.push_back(entry);
    std::stable_sort(agencies.begin(), agencies.end(), [](const auto &a, const auto &b) {
        return a.second.error + a.second.warning > b.second.error + b.second.warning;
    });
    const std::size_t n = s.agencies_with_findings;
    out << (zh ? "有错误或警告的机关 " : "agencies with errors or warnings: ") << n << (zh ? " 个：" : "") << "\n";
    for (std::size_t i = 0; i < agencies.size() && i < summary_agencies_shown; ++i) {
        const auto &[name, c] = agencies[i];
        out << "  " << escaped(name) << (zh ? "：报告 " : ": reports ") << c.reports << (zh ? "，错误 " : ", errors ") << c.error
            << (zh ? "，警告 " : ", warnings ") << c.warning << "\n";
    }
    if (n > summary_agencies_shown)
        out << "  … " << n - summary_agencies_shown
            << (zh ? " 个机关未列出（见 --format json）" : " more (see --format json)") << "\n";
    for (const auto &[file, reason] : s.unreadable)
        out << (zh ? "无法读取：" : "unreadable: ") << file << ": " << escaped(reason) << "\n";
    for (std::size_t i = 0; i < s.skipped.listed.size() && i < summary_skipped_shown; ++i)
        out << (zh ? "跳过：" : "skipped: ") << s.skipped.listed[i].first << ": " << s.skipped.listed[i].second << "\n";
    if (s.skipped.count > summary_skipped_shown)
        out << "  … " << s.skipped.count - summary_skipped_shown
            << (zh ? " 个跳过的文件未列出（见 --format json）" : " more skipped (see --format json)") << "\n";
}

// ---- A report, in brief, for the cross-year rules ------------------------------------------------
//
// Every report may be some report's previous year. Rather than read and parse it a third time, pass 1
// keeps this extract of each: enough to run xy.carry_over and xy.in_force exactly, and, compared with the
// extract of this year's report, to prove for nearly every pair that xy.duplicate finds nothing. When the
// proof fails (a table with activity digests equal, prose close enough that the sketches cannot rule it
// out, a stock cell that is text), last year's report is read again and check_pair runs on both whole
// models, so the findings are always check_pair's.

namespace {

// A stock cell of last year in 32 bits: its kind above a whole number below 2^29 (counts are). Other
// cells (text, unreadable, fractions, larger numbers) are not kept: the whole report is read again.
using stock_cell = std::uint32_t;
constexpr unsigned stock_value_bits = 29;

// A prose section for xy.duplicate: the length of its shingle text, its number of distinct shingles
// and how many of them fall in each of 32 buckets (by hash). Shared shingles fall in the same bucket,
// so two sections share at most the sum over buckets of the smaller count, which bounds their Jaccard
// similarity from above without keeping the shingles.
struct prose_sketch {
    static constexpr std::uint16_t absent = 0xFFFF, too_long = 0xFFFE;
    static constexpr std::uint8_t full = 0xFF;  // a bucket of 255 or more
    std::uint16_t length = absent;  // code points of shingle_text, or too_long
    std::uint16_t distinct = 0;     // 0 when there are too many to count here
    std::array<std::uint8_t, 32> buckets{};
};

// Where each stock cell is kept in `year_extract::stocks`.
constexpr std::size_t applicants = xxgk::enum_count<xxgk::applicant>;
constexpr std::size_t carried_forward_at = 0, carried_over_at = applicants, documents_at = 2 * applicants;

// 316 bytes per report.
struct year_extract {
    bool v2019 = false;
    bool whole_needed = false;  // a stock cell could not be kept: check against the whole report
    bool clean = false;         // the report's own rules and pub.late found nothing (quiet runs only)
    std::array<bool, 3> evidence{};  // table 二, 三, 四 holds a count of the year's own activity
    // 结转下年度继续办理 and 上年结转 per applicant, then issued, repealed and in force of regulations
    // and of normative documents: what xy.carry_over and xy.in_force read of either year.
    std::array<stock_cell, 2 * applicants + 6> stocks{};
    std::array<std::uint32_t, 3> tables{};  // content digests of tables 二, 三, 四
    xxgk::enum_array<xxgk::section, prose_sketch> prose;
};
static_assert(sizeof(year_extract) <= 320, "docs/batch.md states the memory per report");

std::uint64_t mix(std::uint64_t h) {
    h ^= h >> 30;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 27;
    h *= 0x94D049BB133111EBull;
    return h ^ (h >> 31);
}

std::size_t table_slot(xxgk::area a) {
    return a == xxgk::area::applications ? 1 : a == xxgk::area::review_litigation ? 2 : 0;
}

// Digests of tables 二, 三 and 四 that are equal whenever xy.duplicate would find every cell the same
// (same cells, same kind, equal numbers whatever their scale, same text), and `evidence[t]` when table t
// holds a count of the year's own activity (see is_flow_cell).
std::array<std::uint64_t, 3> table_digests(const xxgk::report &r, std::array<bool, 3> &evidence) {
    std::array<std::uint64_t, 3> h{1, 2, 3};
    xxgk::for_each_cell(r, [&](xxgk::cell_ref ref, const xxgk::cell &c) {
        std::uint64_t &t = h[table_slot(ref.where)];
        t = mix(t ^ (std::uint64_t{static_cast<std::uint8_t>(ref.where)} << 24 | std::uint64_t{ref.item} << 16 |
                     std::uint64_t{ref.column} << 8 | static_cast<std::uint8_t>(c.kind)));
        if (c.kind == xxgk::cell_kind::number) {
            xxgk::decimal v = c.value;
            while (v.scale > 0 && v.units % 10 == 0) v.units /= 10, --v.scale;
            if (v.units == 0) v.scale = 0;
            t = mix(t ^ static_cast<std::uint64_t>(v.units));
            t = mix(t ^ v.scale);
        } else if (c.kind != xxgk::cell_kind::blank) {
            t = mix(t ^ fnv1a(c.text) ^ c.text.size());
        }
        if (xxgk::detail::is_flow_cell(ref) && xxgk::detail::is_nonzero_number(c)) evidence[table_slot(ref.where)] = true;
    });
    return h;
}

// Calls `visit(h)` once for every distinct shingle of a shingle text (longer than one shingle), with
// a hash of it. Shingles of four code points below U+10000 (nearly all) are exact 64-bit keys
// deduplicated in an open-addressing table; the others are sorted as exact pairs.
template <class Visit>
void for_each_distinct_shingle(const std::u32string &t, Visit visit) {
    static_assert(xxgk::detail::shingle_size == 4);
    thread_local std::vector<std::uint64_t> table;
    thread_local std::vector<std::pair<std::uint64_t, std::uint64_t>> wide;
    const std::size_t n = t.size() - 3;
    std::size_t size = 16;
    while (size < 2 * n) size *= 2;
    table.assign(size, 0);  // 0 is no key: shingle_text drops U+0000
    wide.clear();
    for (std::size_t i = 0; i < n; ++i) {
        if ((t[i] | t[i + 1] | t[i + 2] | t[i + 3]) >= 0x10000) {
            wide.emplace_back(std::uint64_t{t[i]} << 21 | t[i + 1], std::uint64_t{t[i + 2]} << 21 | t[i + 3]);
            continue;
        }
        const std::uint64_t key = std::uint64_t{t[i]} << 48 | std::uint64_t{t[i + 1]} << 32 |
                                  std::uint64_t{t[i + 2]} << 16 | t[i + 3];
        const std::uint64_t h = mix(key);
        for (std::size_t slot = h & (size - 1);; slot = (slot + 1) & (size - 1)) {
            if (table[slot] == key) break;
            if (table[slot] == 0) {
                table[slot] = key;
                visit(h);
                break;
            }
        }
    }
    std::sort(wide.begin(), wide.end());
    wide.erase(std::unique(wide.begin(), wide.end()), wide.end());
    for (const auto &[a, b] : wide) visit(mix(a * 0x9E3779B97F4A7C15ull ^ b));
}

prose_sketch sketch_of(const std::optional<std::string> &text) {
    prose_sketch f;
    if (!text) return f;
    const std::u32string t = xxgk::detail::shingle_text(*text);
    f.length = static_cast<std::uint16_t>(std::min<std::size_t>(t.size(), prose_sketch::too_long));
    if (t.size() <= xxgk::detail::shingle_size || f.length == prose_sketch::too_long) return f;
    std::size_t distinct = 0;
    for_each_distinct_shingle(t, [&](std::uint64_t h) {
        ++distinct;
        std::uint8_t &b = f.buckets[h >> 59];  // the high bits: the low ones chose the table slot
        if (b < prose_sketch::full) ++b;
    });
    f.distinct = static_cast<std::uint16_t>(distinct <= 0xFFFF ? distinct : 0);
    return f;
}

year_extract extract_of(const xxgk::report &r) {
    year_extract e;
    e.v2019 = r.format() == xxgk::format_version::v2019;
    std::size_t k = 0;
    auto keep = [&](const xxgk::cell &c) {
        const bool number = c.kind == xxgk::cell_kind::number;
        if (!c.is_assessable() ||
            (number && (c.value.scale != 0 || c.value.units < 0 || c.value.units >> stock_value_bits != 0)))
            e.whole_needed = true;
        e.stocks[k++] = static_cast<stock_cell>(static_cast<unsigned>(c.kind) << stock_value_bits |
                                                (number && !e.whole_needed ? c.value.units : 0));
    };
    for (xxgk::applicant a : xxgk::all_of<xxgk::applicant>()) keep(r.applications(xxgk::row::carried_forward, a));
    for (xxgk::applicant a : xxgk::all_of<xxgk::applicant>()) keep(r.applications(xxgk::row::carried_over, a));
    if (const auto *t2 = std::get_if<xxgk::active_disclosure>(&r.active))
        for (const xxgk::document_counts *d : {&t2->regulations, &t2->normative_documents}) {
            keep(d->issued);
            keep(d->repealed);
            keep(d->in_force);
        }
    const auto digests = table_digests(r, e.evidence);
    for (std::size_t t = 0; t < digests.size(); ++t) e.tables[t] = static_cast<std::uint32_t>(digests[t]);
    for (xxgk::section s : xxgk::all_of<xxgk::section>()) e.prose[s] = sketch_of(r.sections[s]);
    return e;
}

// Makes `r` a report holding only what the extract keeps: what xy.carry_over and xy.in_force read of
// either year. Callers reuse one per thread: a report is 18 KB of cells to construct, and only these
// cells change.
const xxgk::report &fill_skeleton(xxgk::report &r, const year_extract &e, std::optional<int> year) {
    r.year = year;
    if (e.v2019 != (r.format() == xxgk::format_version::v2019)) {
        if (e.v2019) r.active = xxgk::active_disclosure_2019{};
        else r.active = xxgk::active_disclosure{};
    }
    std::size_t k = 0;
    auto put = [&](xxgk::cell &c) {
        const stock_cell s = e.stocks[k++];
        c.kind = static_cast<xxgk::cell_kind>(s >> stock_value_bits);
        c.value = xxgk::decimal{s & ((stock_cell{1} << stock_value_bits) - 1), 0};
    };
    for (xxgk::applicant a : xxgk::all_of<xxgk::applicant>()) put(r.applications(xxgk::row::carried_forward, a));
    for (xxgk::applicant a : xxgk::all_of<xxgk::applicant>()) put(r.applications(xxgk::row::carried_over, a));
    if (auto *t2 = std::get_if<xxgk::active_disclosure>(&r.active))
        for (xxgk::document_counts *d : {&t2->regulations, &t2->normative_documents}) {
            put(d->issued);
            put(d->repealed);
            put(d->in_force);
        }
    return r;
}

// False only when xy.duplicate certainly finds nothing between this year's report and last year's:
// no table with activity this year has last year's digest, and every prose pair is too short or its
// similarity is provably below the threshold.
bool duplicate_possible(const year_extract &now, const year_extract &then, const xxgk::pair_options &pair) {
    for (std::size_t t = 0; t < now.tables.size(); ++t)
        if (now.evidence[t] && now.tables[t] == then.tables[t]) return true;
    for (xxgk::section s : xxgk::all_of<xxgk::section>()) {
        const prose_sketch &a = now.prose[s], &b = then.prose[s];
        if (a.length == prose_sketch::absent || b.length == prose_sketch::absent) continue;
        const std::size_t shorter = std::min(a.length, b.length);  // exact unless both are too long
        if (shorter < pair.min_prose_chars && shorter != prose_sketch::too_long) continue;
        if (shorter <= xxgk::detail::shingle_size || a.length == prose_sketch::too_long ||
            b.length == prose_sketch::too_long || a.distinct == 0 || b.distinct == 0)
            return true;
        std::size_t shared = 0;
        for (std::size_t k = 0; k < a.buckets.size(); ++k) {
            if (a.buckets[k] == prose_sketch::full && b.buckets[k] == prose_sketch::full) return true;
            shared += a.buckets[k] == prose_sketch::full   ? b.buckets[k]
                      : b.buckets[k] == prose_sketch::full ? a.buckets[k]
                                                           : std::min(a.buckets[k], b.buckets[k]);
        }
        const double bound = static_cast<double>(shared) / static_cast<double>(a.distinct + b.distinct - shared);
        if (bound >= pair.near_identical) return true;
    }
    return false;
}

}  // namespace

// ---- The run -------------------------------------------------------------------------------------

namespace {

constexpr std::string_view report_extensions[] = {".json", ".txt", ".md", ".html", ".htm", ".docx", ".pdf",
                                                  ".doc", ".wps", ".rtf", ".odt"};

bool has_report_extension(const fs::path &p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return std::find(std::begin(report_extensions), std::end(report_extensions), ext) != std::end(report_extensions);
}

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

// A file of the run and what pass 1 learned of it.
struct index_entry {
    std::string path;
    std::string key;  // the normalised agency; empty when unknown
    std::optional<int> year;
    std::optional<std::string> error;  // why the file is unreadable
    year_extract extract;              // what the cross-year rules need of the report
};
static_assert(std::is_trivially_copyable_v<year_extract>, "the index keeps it as bytes");

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
    file_index() : db_("", "temporary index in " + temporary_directory()) {
        db_.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = FILE;"
                 "PRAGMA cache_size = -2048;"
                 "CREATE TABLE files (path TEXT NOT NULL, agency TEXT, year INTEGER, error TEXT, extract BLOB,"
                 "  previous INTEGER, errors INTEGER, warnings INTEGER, infos INTEGER);"
                 "CREATE TABLE found (path TEXT NOT NULL);"
                 "BEGIN");
        add_ = db_.prepare("INSERT INTO files (path) VALUES (?1)");
        add_found_ = db_.prepare("INSERT INTO found (path) VALUES (?1)");
        paths_ = db_.prepare("SELECT path FROM files WHERE rowid >= ?1 AND rowid < ?2 ORDER BY rowid");
        record_ = db_.prepare("UPDATE files SET agency = ?2, year = ?3, error = ?4, extract = ?5 WHERE rowid = ?1");
        paired_ = db_.prepare(
            "SELECT f.path, f.agency, f.year, f.error, f.extract, p.rowid, p.path, p.agency, p.year, p.error, p.extract "
            "FROM files f LEFT JOIN files p ON p.rowid = f.previous WHERE f.rowid >= ?1 AND f.rowid < ?2 "
            "ORDER BY f.rowid");
        count_ = db_.prepare("UPDATE files SET errors = ?2, warnings = ?3, infos = ?4 WHERE rowid = ?1");
    }

    /// Appends a file given by name.
    void add(std::string_view path) {
        locked([&] {
            db_.text(add_, 1, path);
            write(add_);
            ++size_;
        });
    }
    /// Keeps a file found in a directory, until `take_found` appends all of them in sorted path order.
    void add_found(std::string_view path) {
        locked([&] {
            db_.text(add_found_, 1, path);
            write(add_found_);
        });
    }
    void take_found() {
        locked([&] {
            // Rows get rowids in the order the sorted SELECT yields them. BINARY collation is memcmp, the
            // order of std::string.
            db_.exec("INSERT INTO files (path) SELECT path FROM found ORDER BY path");
            size_ += static_cast<std::size_t>(sqlite3_changes(db_.handle()));
            db_.exec("DELETE FROM found");
        });
    }
    std::size_t size() const { return size_; }

    /// The paths of files [first, last).
    std::vector<std::string> paths(std::size_t first, std::size_t last) {
        return locked([&] {
            std::vector<std::string> out;
            out.reserve(last - first);
            rows(paths_, first, last, [&](sqlite3_stmt *s) { out.push_back(text(s, 0).value_or("")); });
            return out;
        });
    }
    /// Pass 1's knowledge of files [first, first + entries.size()) (their paths are not changed).
    void record(std::size_t first, const std::vector<index_entry> &entries) {
        locked([&] {
            for (std::size_t k = 0; k < entries.size(); ++k) {
                const index_entry &e = entries[k];
                sqlite3_bind_int64(record_, 1, rowid(first + k));
                db_.text_or_null(record_, 2, e.key.empty() ? std::nullopt : std::optional(e.key));
                if (e.year) sqlite3_bind_int(record_, 3, *e.year);
                db_.text_or_null(record_, 4, e.error);
                if (!e.error) sqlite3_bind_blob(record_, 5, &e.extract, sizeof e.extract, SQLITE_TRANSIENT);
                write(record_);
            }
        });
    }
    /// After pass 1: pairs every report with last year's and makes `first_of` a lookup.
    void pair() {
        locked([&] {
            db_.exec("CREATE INDEX files_agency ON files (agency, year);"
                     "UPDATE files SET previous = (SELECT p.rowid FROM files p WHERE p.agency = files.agency AND "
                     "  p.year = files.year - 1 ORDER BY p.rowid LIMIT 1) WHERE agency IS NOT NULL AND year IS NOT NULL");
            first_ = db_.prepare("SELECT rowid FROM files WHERE agency = ?1 AND year = ?2 ORDER BY rowid LIMIT 1");
        });
    }
    /// Files [first, last) with their pairing (after `pair`).
    std::vector<paired_entry> paired(std::size_t first, std::size_t last) {
        return locked([&] {
            std::vector<paired_entry> out;
            out.reserve(last - first);
            rows(paired_, first, last, [&](sqlite3_stmt *s) {
                paired_entry &e = out.emplace_back();
                e.self = entry_at(s, 0);
                if (sqlite3_column_type(s, 5) != SQLITE_NULL) {
                    e.previous_at = static_cast<std::size_t>(sqlite3_column_int64(s, 5) - 1);
                    e.previous = entry_at(s, 6);
                }
            });
            return out;
        });
    }
    /// The first readable file in input order of agency `key` (normalised) and data year `year` (after `pair`).
    std::optional<std::size_t> first_of(std::string_view key, int year) {
        if (key.empty()) return std::nullopt;
        return locked([&] {
            db_.text(first_, 1, key);
            sqlite3_bind_int(first_, 2, year);
            const int rc = sqlite3_step(first_);
            const std::optional<std::size_t> found =
                rc == SQLITE_ROW ? std::optional(static_cast<std::size_t>(sqlite3_column_int64(first_, 0) - 1))
                                 : std::nullopt;
            sqlite3_reset(first_);
            sqlite3_clear_bindings(first_);
            if (rc != SQLITE_ROW && rc != SQLITE_DONE) db_.fail("read");
            return found;
        });
    }
    /// The findings printed for readable file i, for the summary's per-agency counts. One thread only.
    void count(std::size_t i, const run_summary::agency_count &c) {
        counted_.emplace_back(i, c);
        if (counted_.size() >= 256) flush_counts();
    }
    /// The per-agency counts of the files `count` was called for ("?" without an agency): every agency, or
    /// the first `limit` by errors and warnings (most first, then by name), as print_summary lists them.
    std::map<std::string, run_summary::agency_count> agencies(std::optional<std::size_t> limit) {
        flush_counts();
        return locked([&] {
            sqlite3_stmt *s = db_.prepare(
                limit ? "SELECT ifnull(agency, '?') AS name, count(*), sum(errors), sum(warnings), sum(infos) FROM files "
                        "WHERE errors IS NOT NULL GROUP BY name HAVING sum(errors) + sum(warnings) > 0 "
                        "ORDER BY sum(errors) + sum(warnings) DESC, name LIMIT ?1"
                      : "SELECT ifnull(agency, '?'), count(*), sum(errors), sum(warnings), sum(infos) FROM files "
                        "WHERE errors IS NOT NULL GROUP BY 1");
            if (limit) sqlite3_bind_int64(s, 1, static_cast<sqlite3_int64>(*limit));
            std::map<std::string, run_summary::agency_count> out;
            int rc;
            while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
                auto column = [&](int k) { return static_cast<std::size_t>(sqlite3_column_int64(s, k)); };
                out[text(s, 0).value_or("?")] = {column(1), column(2), column(3), column(4)};
            }
            if (rc != SQLITE_DONE) db_.fail("read");
            return out;
        });
    }
    /// How many agencies have an error or a warning among the files `count` was called for.
    std::size_t agencies_with_findings() {
        flush_counts();
        return locked([&] {
            sqlite3_stmt *s = db_.prepare(
                "SELECT count(*) FROM (SELECT 1 FROM files WHERE errors IS NOT NULL GROUP BY ifnull(agency, '?') "
                "HAVING sum(errors) + sum(warnings) > 0)");
            if (sqlite3_step(s) != SQLITE_ROW) db_.fail("read");
            return static_cast<std::size_t>(sqlite3_column_int64(s, 0));
        });
    }

private:
    static sqlite3_int64 rowid(std::size_t i) { return static_cast<sqlite3_int64>(i) + 1; }
    // Where SQLite puts temporary files (the first of these that is set; it also tries /usr/tmp, /tmp and .).
    static std::string temporary_directory() {
        for (const char *name : {"SQLITE_TMPDIR", "TMPDIR"})
            if (const char *dir = std::getenv(name); dir && *dir) return dir;
        return "/var/tmp";
    }

    static std::optional<std::string> text(sqlite3_stmt *s, int k) {
        if (sqlite3_column_type(s, k) == SQLITE_NULL) return std::nullopt;
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(s, k));
        return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s, k)));
    }
    // The entry in columns k (path), k + 1 (agency), year, error, extract.
    static index_entry entry_at(sqlite3_stmt *s, int k) {
        index_entry e;
        e.path = text(s, k).value_or("");
        e.key = text(s, k + 1).value_or("");
        if (sqlite3_column_type(s, k + 2) != SQLITE_NULL) e.year = sqlite3_column_int(s, k + 2);
        e.error = text(s, k + 3);
        if (sqlite3_column_bytes(s, k + 4) == sizeof e.extract)
            std::memcpy(&e.extract, sqlite3_column_blob(s, k + 4), sizeof e.extract);
        return e;
    }
    // Calls `each(s)` for every row of `s` over files [first, last); every file must have its row.
    template <class Each>
    void rows(sqlite3_stmt *s, std::size_t first, std::size_t last, Each each) {
        sqlite3_bind_int64(s, 1, rowid(first));
        sqlite3_bind_int64(s, 2, rowid(last));
        std::size_t n = 0;
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) each(s), ++n;
        sqlite3_reset(s);
        if (rc != SQLITE_DONE) db_.fail("read");
        if (n != last - first) throw input_error{"temporary index: files " + std::to_string(first) + " to " +
                                                 std::to_string(last - 1) + " are missing"};
    }
    // Runs a write; commits every few thousand, so the open transaction stays small.
    void write(sqlite3_stmt *s) {
        db_.step(s);
        if (++pending_ >= 4096) {
            db_.exec("COMMIT; BEGIN");
            pending_ = 0;
        }
    }
    void flush_counts() {
        locked([&] {
            for (const auto &[i, c] : counted_) {
                sqlite3_bind_int64(count_, 1, rowid(i));
                sqlite3_bind_int64(count_, 2, static_cast<sqlite3_int64>(c.error));
                sqlite3_bind_int64(count_, 3, static_cast<sqlite3_int64>(c.warning));
                sqlite3_bind_int64(count_, 4, static_cast<sqlite3_int64>(c.info));
                write(count_);
            }
            counted_.clear();
        });
    }
    // Runs `f` under the lock. The database has no journal, so after a failure it may be inconsistent:
    // every later use, from any thread, fails with that first error (not with what the wreck reads as).
    template <class F>
    std::invoke_result_t<F &> locked(F f) {
        std::lock_guard lock(m_);
        if (broken_) throw *broken_;
        try {
            return f();
        } catch (const input_error &e) {
            broken_ = e;
            throw;
        }
    }

    std::mutex m_;
    std::optional<input_error> broken_;
    sqlite_connection db_;
    sqlite3_stmt *add_, *add_found_, *paths_, *record_, *paired_, *count_, *first_ = nullptr;
    std::size_t size_ = 0, pending_ = 0;
    std::vector<std::pair<std::size_t, run_summary::agency_count>> counted_;
};

// Why a directory entry that is not a report file is not read ("" for a report file or a directory).
std::string skip_reason(const fs::directory_entry &entry, xxgk::language lang) {
    const bool zh = lang == xxgk::language::zh;
    std::error_code ec;
    const fs::file_status own = entry.symlink_status(ec);
    const fs::file_status target = fs::is_symlink(own) ? entry.status(ec) : own;
    if (fs::is_symlink(own) && fs::is_directory(target)) return zh ? "指向目录的链接，未跟随" : "a link to a directory, not followed";
    if (fs::is_symlink(own) && !fs::exists(target)) return zh ? "链接的目标不存在" : "a link to nothing";
    if (fs::is_directory(target)) return {};
    if (fs::is_fifo(target)) return zh ? "命名管道（FIFO），不是普通文件" : "a FIFO, not a regular file";
    if (fs::is_socket(target)) return zh ? "套接字，不是普通文件" : "a socket, not a regular file";
    if (fs::is_block_file(target) || fs::is_character_file(target))
        return zh ? "设备文件，不是普通文件" : "a device, not a regular file";
    if (!has_report_extension(entry.path()))
        return zh ? "扩展名不是可读取的报告格式（见 xxgk check --help）"
                  : "not a report format by its extension (see xxgk check --help)";
    return {};
}

// Directories recurse (report files in sorted path order; what else they hold goes to `skipped` with the
// reason; a directory that cannot be listed is taken as a file, so that pass 1 reports it unreadable with
// the system's reason); files given by name are taken as they are. Standard input is read now (it cannot be
// read twice) and kept in `given`.
void collect(const std::vector<std::string> &args, file_index &index,
             std::unordered_map<std::size_t, std::shared_ptr<const std::string>> &given, bool &any_directory,
             skipped_files &skipped, xxgk::language lang) {
    for (const std::string &a : args) {
        std::error_code ec;
        if (a == "-" || !fs::is_directory(a, ec)) {
            if (a == "-") given[index.size()] = std::make_shared<const std::string>(read_input("-"));
            index.add(a);
            continue;
        }
        any_directory = true;
        std::vector<fs::path> pending{a};  // directories still to list (links to directories are not followed)
        while (!pending.empty()) {
            const fs::path dir = std::move(pending.back());
            pending.pop_back();
            fs::directory_iterator it(dir, ec), end;
            if (ec) index.add_found(dir.string());
            for (; !ec && it != end; it.increment(ec)) {
                const std::string reason = skip_reason(*it, lang);
                if (!reason.empty()) skipped.add(it->path().string(), reason);
                else if (it->is_directory(ec) && !it->is_symlink(ec)) pending.push_back(it->path());
                else index.add_found(it->path().string());
            }
        }
        index.take_found();
    }
    std::sort(skipped.listed.begin(), skipped.listed.end());
}

class progress_meter {
public:
    enum class phase { reading, checking };
    progress_meter(bool on, std::size_t total, xxgk::language lang) : on_(on), total_(total), lang_(lang) {}
    void show(phase p, std::size_t done, bool force = false) {
        if (!on_) return;
        const auto now = std::chrono::steady_clock::now();
        if (!force && now - last_ < std::chrono::milliseconds(200)) return;
        last_ = now;
        const bool zh = lang_ == xxgk::language::zh;
        std::cerr << (zh ? "\rxxgk：" : "\rxxgk: ")
                  << (p == phase::reading ? (zh ? "读取" : "reading") : (zh ? "检查" : "checking")) << " " << done << "/"
                  << total_ << std::flush;
        if (force) std::cerr << "\n";
    }

private:
    bool on_;
    std::size_t total_;
    xxgk::language lang_;
    std::chrono::steady_clock::time_point last_{};
};

// Starts up to `count` threads running `f`. A thread the system cannot start (memory, a thread limit) is
// not an error: the work is shared by those that started, possibly none.
template <class F>
std::vector<std::thread> start_threads(unsigned count, F &f) {
    std::vector<std::thread> threads;
    threads.reserve(count);
    for (unsigned t = 0; t < count; ++t) {
        try {
            threads.emplace_back(f);
        } catch (const std::exception &) {  // system_error from the system, bad_alloc for the thread's state
            break;
        }
    }
    return threads;
}

// Runs `work(i)` for i in [0, n) on up to `jobs` threads, the calling one included; `work` must be
// thread-safe per index. The first exception a worker throws stops the others and is rethrown here.
template <class Work>
void parallel_for(std::size_t n, unsigned jobs, Work work) {
    std::atomic<std::size_t> next{0};
    std::mutex m;
    std::exception_ptr failure;
    auto worker = [&] {
        try {
            for (std::size_t i; (i = next++) < n;) work(i);
        } catch (...) {
            std::lock_guard lock(m);
            if (!failure) failure = std::current_exception();
            next = n;
        }
    };
    std::vector<std::thread> threads = start_threads(jobs - 1, worker);
    worker();
    for (auto &t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
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
        quiet_ = !keep_reports_ && !out.lists_every_file() && o_.db.empty() && o_.pairs.empty() && o_.hierarchy.empty();
        without_duplicate_ = o_.base.check;
        without_duplicate_.disable(xxgk::rule::xy_duplicate);
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
                        const loaded l = load(file_at(i, paths[i - first]), o_.base.input_format, false, o_.base.lang);
                        if (l.result.value.agency) e.key = normalise_agency(*l.result.value.agency);
                        e.year = l.result.value.year;
                        e.extract = extract_of(l.result.value);
                        if (quiet_) e.extract.clean = own_rules_find_nothing(l.result);
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

    // The rows of a two-column mapping file given to `option`, without its header row.
    static std::vector<std::vector<std::string>> mapping(const std::string &path, std::string_view option,
                                                         std::string_view first, std::string_view second) {
        std::vector<std::vector<std::string>> rows;
        try {
            rows = read_csv(path);
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

    // The two-report rules against last year: from pass 1's extracts when they settle them, else (and for
    // explicit pairs) against last year's whole report, read again.
    void check_previous(const index_entry &e, const xxgk::report &rep, const previous_file &prev, file_result &r) {
        if (prev.entry) {
            const index_entry &p = *prev.entry;
            const bool duplicate = o_.base.check.enabled(xxgk::rule::xy_duplicate);
            if (!p.extract.whole_needed && !(duplicate && duplicate_possible(e.extract, p.extract, o_.pair))) {
                thread_local xxgk::report skeleton;
                xxgk::check_pair(rep, fill_skeleton(skeleton, p.extract, p.year), without_duplicate_, r.diagnostics,
                                 o_.pair);
                return;
            }
        }
        try {
            const loaded p = load(prev.file, o_.base.input_format, false, o_.base.lang);
            xxgk::check_pair(rep, p.result.value, o_.base.check, r.diagnostics, o_.pair);
        } catch (const input_error &err) {
            // Last year's file is at fault, not this one: this report is still checked.
            if (o_.base.check.enabled(xxgk::rule::xy_carry_over))
                add_not_assessable(r, xxgk::rule::xy_carry_over, xxgk::metadata_field::year,
                                   (o_.base.lang == xxgk::language::zh ? "上年报告无法读取：" + r.previous + "："
                                                                       : "last year's report " + r.previous +
                                                                             " cannot be read: ") +
                                       err.message);
        }
    }

    bool own_rules_find_nothing(const xxgk::read_result &l) const {
        std::vector<xxgk::diagnostic> found;
        xxgk::check(l, o_.base.check, found);
        xxgk::check_publication(l.value, o_.base.check, o_.deadlines, found);
        return found.empty();
    }

    // The result of a report found clean in pass 1, when its pair is settled from the two extracts
    // without a finding either; false otherwise (then the report is read again and checked whole).
    bool quiet_result(const index_entry &e, const std::optional<previous_file> &prev, file_result &r) const {
        if (prev) {
            const index_entry &p = *prev->entry;  // quiet runs have no explicit pairs
            if (e.extract.whole_needed || p.extract.whole_needed) return false;
            if (o_.base.check.enabled(xxgk::rule::xy_duplicate) && duplicate_possible(e.extract, p.extract, o_.pair))
                return false;
            thread_local xxgk::report now, then;
            std::vector<xxgk::diagnostic> found;
            xxgk::check_pair(fill_skeleton(now, e.extract, e.year), fill_skeleton(then, p.extract, p.year),
                             without_duplicate_, found, o_.pair);
            if (!found.empty()) return false;
            r.previous = shown_name(prev->file.path);
        }
        r.agency_key = e.key;
        r.year = e.year;
        return true;
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
        if (quiet_ && e.extract.clean && quiet_result(e, prev, r)) return r;
        const auto children = children_of(e);
        if (db_) r.absolute = absolute;
        try {
            check_report(f, e, prev, children, r);
        } catch (const input_error &err) {
            r.error = err.message;
        } catch (const std::exception &err) {
            r.error = err.what();
        }
        return r;
    }

    void check_report(const input_file &f, const index_entry &e, const std::optional<previous_file> &prev,
                      const std::optional<children_files> &children, file_result &r) {
        loaded l = load(f, o_.base.input_format, db_ != nullptr, o_.base.lang);
        const xxgk::report &rep = l.result.value;
        r.agency = rep.agency.value_or("");
        r.agency_key = e.key;
        r.year = rep.year;
        r.diagnostics.clear();
        xxgk::check(l.result, o_.base.check, r.diagnostics);
        xxgk::check_publication(rep, o_.base.check, o_.deadlines, r.diagnostics);
        if (prev) {
            r.previous = shown_name(prev->file.path);
            check_previous(e, rep, *prev, r);
        }
        if (children) check_children(rep, *children, r);
        for (const auto &d : r.diagnostics)
            r.fingerprints.push_back(fingerprint(e.key.empty() ? r.file : e.key, r.year, d));
        if (!baseline_.empty()) {
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
        if (db_) r.content_hash = std::move(l.content_hash);
        if (db_ || keep_reports_) r.report = std::move(l.result.value);
    }

    static void add_not_assessable(file_result &r, xxgk::rule which, xxgk::metadata_field about, std::string why) {
        xxgk::diagnostic &d = r.diagnostics.emplace_back();
        d.which = which;
        d.state = xxgk::status::not_assessable;
        d.level = xxgk::severity::info;
        d.cells = {xxgk::ref(about)};
        d.text = std::move(why);
    }

    void check_children(const xxgk::report &rep, const children_files &files, file_result &r) {
        if (!rep.year) return;
        std::vector<xxgk::report> children;
        std::string missing;
        for (const auto &[child, file] : files) {
            try {
                if (file) {
                    children.push_back(load(*file, o_.base.input_format, false, o_.base.lang).result.value);
                    continue;
                }
            } catch (const input_error &) {
            }
            missing += (missing.empty() ? "" : o_.base.lang == xxgk::language::zh ? "、" : ", ") + child;
        }
        if (!missing.empty()) {
            if (o_.base.check.enabled(xxgk::rule::xy_hierarchy))
                add_not_assessable(r, xxgk::rule::xy_hierarchy, xxgk::metadata_field::agency,
                                   o_.base.lang == xxgk::language::zh
                                       ? "缺少下级机关" + std::to_string(*rep.year) + "年度可读的报告：" + missing
                                       : "no readable report of " + std::to_string(*rep.year) + " of: " + missing);
            return;
        }
        xxgk::check_hierarchy(rep, children, o_.base.check, r.diagnostics, o_.hierarchy_mode);
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
    xxgk::check_options without_duplicate_;  // the options, xy.duplicate off: for pairs the extract settled
    // Nothing but findings is printed, and there is neither a database, nor explicit pairs, nor a hierarchy:
    // a report whose own rules found nothing in pass 1 and whose pair the extracts settle without a
    // finding is not read again.
    bool quiet_ = false;
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
    auto out = o.format == "html" ? make_html_output(o.output_dir.value_or("xxgk-report"), o.base.lang, std::cerr)
                                  : make_output(o.format, std::cout, {.lang = o.base.lang, .batch = batch, .csv_bom = o.csv_bom});
    if (!out) throw usage_error{"--format takes " + std::string(output_names()) + ", not '" + o.format + "'"};
    batch_options effective = o;
    effective.progress = o.progress && batch;
    engine e(effective, index, std::move(given));
    return e.run(*out, std::move(skipped));
}

}  // namespace xxgk::cli
