// The C ABI (capi/include/xxgk.h) over the C++ library. Every entry point runs inside `guard`, which clears
// the thread's last error, catches every exception and turns it into a status code.
#include "capi_support.hpp"

#include <xxgk.h>

#include <xxgk/check.hpp>
#include <xxgk/json.hpp>
#include <xxgk/read.hpp>
#include <xxgk/render.hpp>
#include <xxgk/rules.hpp>
#include <xxgk/version.hpp>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/serialize.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <fstream>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

static_assert(XXGK_C_VERSION_MAJOR == XXGK_VERSION_MAJOR && XXGK_C_VERSION_MINOR == XXGK_VERSION_MINOR &&
                  XXGK_C_VERSION_PATCH == XXGK_VERSION_PATCH,
              "xxgk.h and xxgk/version.hpp disagree");
static_assert(xxgk::enum_count<xxgk::input_format> == XXGK_FORMAT_IMAGE, "xxgk_format is out of step with input_format");
static_assert(xxgk::enum_count<xxgk::severity> == 3 && xxgk::enum_count<xxgk::language> == 2 &&
                  xxgk::enum_count<xxgk::status> == 2 && xxgk::enum_count<xxgk::rule_scope> == 4 &&
                  xxgk::enum_count<xxgk::agency_kind> == 4 && xxgk::enum_count<xxgk::render_format> == 3,
              "a C enumeration is out of step with the C++ one");

namespace {

// The C view of one finding; the strings it points into are the members.
struct finding {
    xxgk::diagnostic d;
    std::string rule, pointer, table, row, column, left, right, difference, text, message;
    std::vector<std::string> pointers;
};

}  // namespace

struct xxgk_result {
    std::vector<finding> findings;
    xxgk::language lang = xxgk::language::zh;
};

namespace {

struct last_error_state {
    xxgk_status code = XXGK_OK;
    std::string message, pointer;
    // The name of the reading error's code (`xxgk::error_code`), static; empty for other failures.
    std::string_view reason;
    size_t offset = 0, line = 0, column = 0, page = 0;
    // Set when `message` could not be stored (out of memory); the static text is used instead.
    const char *fallback = nullptr;
};

thread_local last_error_state last_error;

}  // namespace

// The helpers every source file of the C ABI uses (capi_support.hpp).
namespace xxgk::capi {

void clear_error() noexcept {
    last_error.code = XXGK_OK;
    last_error.message.clear();
    last_error.pointer.clear();
    last_error.reason = {};
    last_error.offset = last_error.line = last_error.column = last_error.page = 0;
    last_error.fallback = nullptr;
}

xxgk_status fail(xxgk_status code, std::string_view message) noexcept {
    clear_error();
    last_error.code = code;
    try {
        last_error.message = message;
    } catch (...) {
        last_error.fallback = "out of memory while recording an error";
    }
    return code;
}

[[noreturn]] void invalid(std::string message) { throw c_error{XXGK_E_INVALID_ARGUMENT, std::move(message)}; }

void require(const void *p, const char *what) {
    if (!p) invalid(std::string(what) + " is NULL");
}

std::string_view input_view(const char *data, size_t len, const char *what) {
    if (!data && len) invalid(std::string(what) + " is NULL but its length is " + std::to_string(len));
    return data ? std::string_view(data, len) : std::string_view();
}

xxgk_status give_buffer(std::string_view text, char **out, size_t *out_len) {
    char *p = static_cast<char *>(std::malloc(text.size() + 1));
    if (!p) throw std::bad_alloc();
    std::memcpy(p, text.data(), text.size());
    p[text.size()] = '\0';
    *out = p;
    if (out_len) *out_len = text.size();
    return XXGK_OK;
}

}  // namespace xxgk::capi

using namespace xxgk::capi;

namespace {

xxgk_string view(const std::string &s) noexcept { return {s.c_str(), s.size()}; }
xxgk_string optional_view(const std::string &s) noexcept { return s.empty() ? xxgk_string{nullptr, 0} : view(s); }

std::string serialize(const boost::json::value &v, uint32_t flags) {
    return flags & XXGK_JSON_PRETTY ? xxgk::pretty_print(v) : boost::json::serialize(v);
}

void check_flags(uint32_t flags, uint32_t allowed) {
    if (flags & ~allowed) invalid("unknown flags 0x" + [&] {
        std::ostringstream s;
        s << std::hex << (flags & ~allowed);
        return s.str();
    }());
}

// Versioned structs: the header (version, size) must be there; a caller's struct may be older (shorter) than
// ours, in which case only the fields it has are written.
template <class T>
void check_out_struct(const T *p, const char *what) {
    require(p, what);
    if (p->size < 2 * sizeof(uint32_t))
        invalid(std::string(what) + "->size is " + std::to_string(p->size) + "; set it to sizeof(" + what + ")");
}

// A versioned struct the caller hands in: its version must be one this library knows and its size that of
// the version (an older struct is shorter; this library reads only what `version` has).
template <class T>
void check_in_struct(const T *p, const char *what, uint32_t newest, size_t size) {
    if (p->version == 0 || p->version > newest)
        throw c_error{XXGK_E_VERSION, std::string(what) + " version " + std::to_string(p->version) +
                                          " is not supported (this library knows 1 to " + std::to_string(newest) + ")"};
    if (p->size < size)
        invalid(std::string(what) + " size " + std::to_string(p->size) + " is smaller than version " +
                std::to_string(p->version) + " needs (" + std::to_string(size) + ")");
}

template <class T>
void copy_out(const T &value, T *out) noexcept {
    const uint32_t size = out->size;
    std::memcpy(out, &value, std::min<size_t>(size, sizeof(T)));
    out->size = size;
}

// The status of a reading error: running out of memory and bugs are not the input's fault.
xxgk_status status_of(xxgk::error_code code) noexcept {
    switch (code) {
    case xxgk::error_code::out_of_memory: return XXGK_E_NOMEM;
    case xxgk::error_code::internal: return XXGK_E_INTERNAL;
    default: return XXGK_E_PARSE;
    }
}

// Records a document or JSON text that could not be read: the status of its code, the English description,
// the code's name, the position and the JSON Pointer.
xxgk_status read_failure(const xxgk::read_error &e) noexcept {
    const xxgk_status status = status_of(e.code);
    fail(status, [&]() noexcept -> std::string {
        try {
            return e.describe(xxgk::language::en);
        } catch (...) {
            return {};
        }
    }());
    last_error.reason = xxgk::name(e.code);
    try {
        last_error.pointer = e.pointer;
    } catch (...) {
    }
    last_error.offset = e.offset;
    last_error.line = e.where.line;
    last_error.column = e.where.column;
    last_error.page = e.where.page;
    return status;
}

// The integer a caller passed for a C enumeration. C callers may pass any int, and loading an out-of-range value
// as the enumeration type is undefined behaviour in C++, so it is read as bytes.
template <class E>
int raw(const E &e) noexcept {
    static_assert(sizeof(E) == sizeof(int));
    int v;
    std::memcpy(&v, &e, sizeof v);
    return v;
}

std::optional<xxgk::input_format> to_format(const xxgk_format &f) {
    const int v = raw(f);
    if (v == XXGK_FORMAT_AUTO) return std::nullopt;
    if (v < XXGK_FORMAT_AUTO || v > XXGK_FORMAT_IMAGE) invalid("unknown format " + std::to_string(v));
    return static_cast<xxgk::input_format>(v - 1);
}

// Reads bytes in any format. JSON is parsed here rather than through read_report so the last error keeps
// the byte offset and the JSON Pointer.
xxgk_status load(std::string_view bytes, const xxgk_format &format, std::string_view file_name, xxgk_report **out) {
    xxgk::read_options options;
    options.format = to_format(format);
    options.file_name = file_name;
    // Not value_or: sniffing scans up to 1 MB, which a caller naming the format should not pay for.
    const xxgk::input_format resolved = options.format ? *options.format : xxgk::sniff_format(bytes, file_name);
    // Default-initialised, not value-initialised: the report's members initialise themselves, and zeroing
    // its 18 KB first would cost as much as reading a small report.
    auto report = std::make_unique_for_overwrite<xxgk_report>();
    if (resolved == xxgk::input_format::json) {
        xxgk::json_error e;
        if (!xxgk::parse_report(bytes, report->read.value, e)) return read_failure(e);  // built in place
        report->read.format = xxgk::input_format::json;
        xxgk::check_sections(report->read.value, report->read.diagnostics);  // as read_report does
    } else {
        // A format left to sniffing stays unnamed, so that read_report names a file no reader takes (a RAR
        // archive, a spreadsheet) as the command does instead of decoding it as text.
        try {
            report->read = xxgk::read_report(bytes, options);  // std::bad_alloc goes on to guard: XXGK_E_NOMEM
        } catch (const xxgk::read_exception &e) {
            return read_failure(e.error());
        }
    }
    *out = report.release();
    return XXGK_OK;
}

xxgk::severity to_severity(const xxgk_severity &s) {
    const int v = raw(s);
    if (v < XXGK_SEVERITY_ERROR || v > XXGK_SEVERITY_INFO) invalid("unknown severity " + std::to_string(v));
    return static_cast<xxgk::severity>(v);
}

xxgk::rule find_rule_or_throw(std::string_view id) {
    if (auto r = xxgk::find_rule(id)) return *r;
    throw c_error{XXGK_E_NOT_FOUND, "unknown rule '" + std::string(id) + "'"};
}

const xxgk_options &default_options() noexcept {
    static const xxgk_options defaults{};
    return defaults;
}

finding make_finding(xxgk::diagnostic d, xxgk::language lang) {
    finding f;
    f.rule = xxgk::info(d.which).id;
    const xxgk::cell_ref first = d.cells.empty() ? xxgk::cell_ref{} : d.cells.front();
    f.pointer = xxgk::json_pointer(first);
    const xxgk::ref_labels l = xxgk::labels(first);
    f.table = l.table, f.row = l.row, f.column = l.column;
    if (d.left) f.left = xxgk::to_string(*d.left);
    if (d.right) f.right = xxgk::to_string(*d.right);
    if (d.difference) f.difference = xxgk::to_string(*d.difference);
    f.text = d.text;
    f.message = xxgk::message(d, lang);
    f.pointers.reserve(d.cells.size());
    for (xxgk::cell_ref c : d.cells) f.pointers.push_back(xxgk::json_pointer(c));
    f.d = std::move(d);
    return f;
}

// The size of a version 1 xxgk_check_options: the fields before `deadlines`.
constexpr size_t check_options_v1_size = offsetof(xxgk_check_options, deadlines);

// A result holding the findings, in the options' language.
std::unique_ptr<xxgk_result> make_result(std::vector<xxgk::diagnostic> ds, xxgk::language lang) {
    auto result = std::make_unique<xxgk_result>();
    result->lang = lang;
    result->findings.reserve(ds.size());
    for (xxgk::diagnostic &d : ds) result->findings.push_back(make_finding(std::move(d), lang));
    return result;
}

template <class E, int last>
E to_enum(const auto &c_value, const char *what) {
    const int v = raw(c_value);
    if (v < 0 || v > last) invalid("unknown " + std::string(what) + " " + std::to_string(v));
    return static_cast<E>(v);
}

// Version 2 of xxgk_check_options: deadlines, the date requirement, the similarity and the hierarchy mode.
void read_options_v2(const xxgk_check_options &options, xxgk::check_plan &plan) {
    if (options.deadline_count) require(options.deadlines, "deadlines");
    for (size_t i = 0; i < options.deadline_count; ++i) {
        const xxgk_deadline &d = options.deadlines[i];
        const auto kind = to_enum<xxgk::agency_kind, XXGK_AGENCY_OTHER>(d.kind, "agency kind");
        // 2001 is not a leap year: 02-29 would never be a deadline there, so it is refused rather than ignored.
        if (!std::chrono::year_month_day(std::chrono::year(2001), std::chrono::month(d.month), std::chrono::day(d.day)).ok())
            invalid("deadlines[" + std::to_string(i) + "] is not a day of the year: month " + std::to_string(d.month) +
                    ", day " + std::to_string(d.day));
        plan.deadlines.by_kind[kind] = {d.month, d.day};
    }
    plan.deadlines.require_date = options.require_date != 0;
    if (options.similarity) {
        const auto d = xxgk::parse_decimal(options.similarity);
        if (!d || d->is_negative() || xxgk::compare(*d, xxgk::decimal{1, 0}) > 0)
            invalid("similarity must be a decimal from 0 to 1, not '" + std::string(options.similarity) + "'");
        plan.pair.near_identical = std::stod(xxgk::to_string(*d));
    }
    plan.hierarchy.parent_includes_own = options.parent_includes_own != 0;
}

boost::json::object summary(const std::vector<xxgk::diagnostic> &ds) {
    std::size_t counts[3] = {0, 0, 0};
    for (const auto &d : ds) ++counts[xxgk::index(d.level)];
    return {{"error", counts[0]}, {"warning", counts[1]}, {"info", counts[2]}};
}

// Static copies of the catalogue's strings, so every one is NUL-terminated whatever the catalogue holds.
struct catalogue_strings {
    struct entry {
        std::string id, title_zh, title_en, message_zh, message_en, rationale_en, rationale_zh;
    };
    std::vector<entry> entries;
    catalogue_strings() {
        for (const xxgk::rule_info &r : xxgk::catalogue)
            entries.push_back({std::string(r.id), std::string(r.title_zh), std::string(r.title_en),
                               std::string(r.message_zh), std::string(r.message_en), std::string(r.rationale_en),
                               std::string(r.rationale_zh)});
    }
};

const catalogue_strings &catalogue() {
    static const catalogue_strings strings;  // thread-safe initialisation
    return strings;
}

const finding &finding_at(const xxgk_result &result, size_t index) {
    if (index >= result.findings.size())
        throw c_error{XXGK_E_RANGE, "index " + std::to_string(index) + " is past the last finding (count " +
                                        std::to_string(result.findings.size()) + ")"};
    return result.findings[index];
}

// The bytes of the file at `path`, at most max_document_size of them; c_error XXGK_E_IO when it cannot be read.
std::string read_file(const char *path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw c_error{XXGK_E_IO, std::string(path) + ": " + std::strerror(errno)};
    std::string bytes;
    char block[1 << 16];
    while (in.read(block, sizeof block) || in.gcount() > 0) {
        bytes.append(block, static_cast<std::size_t>(in.gcount()));
        if (bytes.size() > xxgk::max_document_size)
            throw c_error{XXGK_E_IO, std::string(path) + ": larger than " + std::to_string(xxgk::max_document_size) +
                                         " bytes"};
    }
    if (in.bad()) throw c_error{XXGK_E_IO, std::string(path) + ": read error"};
    return bytes;
}

// One report of a batch as its output line (without the newline): read, checked alone, or why it could not be.
std::string batch_line(const xxgk_batch &batch, std::size_t i, std::optional<xxgk::input_format> format,
                       const xxgk::check_plan &plan) {
    unsigned char first_block[8192];
    boost::json::monotonic_resource arena(first_block, sizeof first_block);
    const boost::json::storage_ptr storage(&arena);
    boost::json::object entry({{"index", i}}, storage);
    const char *path = batch.paths ? batch.paths[i] : nullptr;
    if (path) entry["file"] = path;
    const bool in_memory = batch.documents && batch.documents[i];
    std::string bytes;
    try {
        if (!in_memory) bytes = read_file(path);
    } catch (const c_error &e) {
        entry["error"] = e.message;
        entry["code"] = xxgk_status_name(e.code);
        return boost::json::serialize(entry);
    }
    const std::string_view document = in_memory ? std::string_view(batch.documents[i], batch.sizes[i]) : bytes;
    xxgk::read_error error;
    const auto read = xxgk::read_report(document, {.format = format, .file_name = path ? path : ""}, error);
    if (!read) {
        if (error.code == xxgk::error_code::out_of_memory) throw std::bad_alloc();
        entry["error"] = error.describe(plan.lang);
        entry["code"] = xxgk_status_name(status_of(error.code));
        entry["reason"] = xxgk::name(error.code);
        entry["pointer"] = error.pointer;
        return boost::json::serialize(entry);
    }
    const std::vector<xxgk::diagnostic> ds = xxgk::check(*read, plan);
    entry["agency"] = read->value.agency.value_or("");
    entry["year"] = read->value.year ? boost::json::value(*read->value.year) : boost::json::value(nullptr);
    boost::json::array a(storage);
    a.reserve(ds.size());
    for (const auto &d : ds) a.push_back(xxgk::to_json(d, plan.lang, storage));
    entry["diagnostics"] = std::move(a);
    entry["summary"] = summary(ds);
    return boost::json::serialize(entry);
}

// Runs `work(i)` for every i < count on up to `threads` threads (the calling one among them), and rethrows the
// first exception any of them threw. Threads that cannot be started leave their share to the others.
template <class F>
void for_each_index(std::size_t count, unsigned threads, F &&work) {
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::mutex failure_lock;
    auto run = [&] {
        try {
            for (std::size_t i; !stop && (i = next.fetch_add(1)) < count;) work(i);
        } catch (...) {
            const std::lock_guard lock(failure_lock);
            if (!failure) failure = std::current_exception();
            stop = true;
        }
    };
    std::vector<std::thread> helpers;
    const std::size_t wanted = std::min<std::size_t>(threads, count);
    helpers.reserve(wanted);
    for (std::size_t t = 1; t < wanted; ++t) try {
            helpers.emplace_back(run);
        } catch (...) {  // no thread (a limit, no memory for its state): the others take its share
            break;
        }
    run();
    for (auto &t : helpers) t.join();
    if (failure) std::rethrow_exception(failure);
}

const char *const status_names[] = {"XXGK_OK",      "XXGK_E_INVALID_ARGUMENT", "XXGK_E_PARSE",
                                    "XXGK_E_IO",    "XXGK_E_NOMEM",            "XXGK_E_RANGE",
                                    "XXGK_E_NOT_FOUND", "XXGK_E_VERSION",      "XXGK_E_INTERNAL"};

}  // namespace

extern "C" {

XXGK_API xxgk_status xxgk_last_error(xxgk_error_info *out) {
    // Not through `guard`: reading the last error must not clear it.
    if (!out) return XXGK_E_INVALID_ARGUMENT;
    if (out->size < 2 * sizeof(uint32_t)) return XXGK_E_INVALID_ARGUMENT;
    xxgk_error_info info = XXGK_ERROR_INFO_INIT;
    info.code = last_error.code;
    info.message = last_error.fallback ? xxgk_string{last_error.fallback, std::strlen(last_error.fallback)}
                                       : view(last_error.message);
    info.offset = last_error.offset;
    info.line = last_error.line;
    info.column = last_error.column;
    info.page = last_error.page;
    info.pointer = view(last_error.pointer);
    info.reason = {last_error.reason.data(), last_error.reason.size()};
    copy_out(info, out);
    return XXGK_OK;
}

XXGK_API const char *xxgk_last_error_message(void) {
    return last_error.fallback ? last_error.fallback : last_error.message.c_str();
}

XXGK_API const char *xxgk_status_name(xxgk_status status) {
    const auto i = static_cast<unsigned>(raw(status));
    return i < std::size(status_names) ? status_names[i] : "XXGK_E_UNKNOWN";
}

XXGK_API xxgk_status xxgk_version(int *major, int *minor, int *patch, const char **text) {
    return guard([&] {
        if (major) *major = XXGK_VERSION_MAJOR;
        if (minor) *minor = XXGK_VERSION_MINOR;
        if (patch) *patch = XXGK_VERSION_PATCH;
        if (text) *text = XXGK_VERSION_STRING;
        return XXGK_OK;
    });
}

XXGK_API void xxgk_buffer_free(char *buffer) { std::free(buffer); }

XXGK_API xxgk_status xxgk_report_from_json(const char *json, size_t len, xxgk_report **out) {
    return guard([&] {
        require(out, "out");
        *out = nullptr;
        return load(input_view(json, len, "json"), XXGK_FORMAT_JSON, {}, out);
    });
}

XXGK_API xxgk_status xxgk_report_from_document(const char *bytes, size_t len, xxgk_format format, xxgk_report **out) {
    return guard([&] {
        require(out, "out");
        *out = nullptr;
        return load(input_view(bytes, len, "bytes"), format, {}, out);
    });
}

XXGK_API xxgk_status xxgk_report_from_file(const char *path, xxgk_format format, xxgk_report **out) {
    return guard([&] {
        require(out, "out");
        *out = nullptr;
        require(path, "path");
        to_format(format);  // reject a bad format before touching the file
        return load(read_file(path), format, path, out);
    });
}

XXGK_API xxgk_status xxgk_report_format(const xxgk_report *report, xxgk_format *out) {
    return guard([&] {
        require(report, "report");
        require(out, "out");
        *out = static_cast<xxgk_format>(static_cast<int>(xxgk::index(report->read.format)) + 1);
        return XXGK_OK;
    });
}

XXGK_API xxgk_status xxgk_report_to_json(const xxgk_report *report, uint32_t flags, char **out, size_t *out_len) {
    return guard([&] {
        require(report, "report");
        require(out, "out");
        check_flags(flags, XXGK_JSON_PRETTY | XXGK_JSON_POSITIONS);
        xxgk::write_options options;
        options.positions = flags & XXGK_JSON_POSITIONS;
        return give_buffer(serialize(xxgk::to_json(report->read.value, options), flags), out, out_len);
    });
}

XXGK_API void xxgk_report_free(xxgk_report *report) { delete report; }

XXGK_API xxgk_status xxgk_check_options_init_size(xxgk_check_options *options, size_t size) {
    return guard([&] {
        require(options, "options");
        if (size < check_options_v1_size)
            invalid("xxgk_check_options size " + std::to_string(size) + " is smaller than version 1's (" +
                    std::to_string(check_options_v1_size) + ")");
        xxgk_check_options defaults = XXGK_CHECK_OPTIONS_INIT;
        if (size < sizeof defaults) {
            defaults.version = 1;
            defaults.size = static_cast<uint32_t>(check_options_v1_size);
        }
        std::memcpy(options, &defaults, std::min(size, sizeof defaults));
        return XXGK_OK;
    });
}

// Callers built against a version 1 header: their struct ends before `deadlines`.
XXGK_API xxgk_status(xxgk_check_options_init)(xxgk_check_options *options) {
    return xxgk_check_options_init_size(options, check_options_v1_size);
}

XXGK_API xxgk_status xxgk_options_new(const xxgk_check_options *options, xxgk_options **out) {
    return guard([&] {
        require(out, "out");
        *out = nullptr;
        auto o = std::make_unique<xxgk_options>();
        if (options) {
            if (options->version == 0 || options->version > XXGK_CHECK_OPTIONS_VERSION)
                throw c_error{XXGK_E_VERSION, "xxgk_check_options version " + std::to_string(options->version) +
                                                  " is not supported (this library knows 1 to " +
                                                  std::to_string(XXGK_CHECK_OPTIONS_VERSION) + ")"};
            const size_t needed = options->version == 1 ? check_options_v1_size : sizeof(xxgk_check_options);
            if (options->size < needed)
                invalid("xxgk_check_options size " + std::to_string(options->size) + " is smaller than version " +
                        std::to_string(options->version) + " needs (" + std::to_string(needed) + ")");
            o->plan.lang = to_enum<xxgk::language, XXGK_LANGUAGE_EN>(options->language, "language");
            if (options->disabled_count) require(options->disabled_rules, "disabled_rules");
            for (size_t i = 0; i < options->disabled_count; ++i) {
                const char *id = options->disabled_rules[i];
                if (!id) invalid("disabled_rules[" + std::to_string(i) + "] is NULL");
                o->plan.rules.disable(find_rule_or_throw(id));
            }
            if (options->severity_override_count) require(options->severity_overrides, "severity_overrides");
            for (size_t i = 0; i < options->severity_override_count; ++i) {
                const xxgk_severity_override &s = options->severity_overrides[i];
                if (!s.rule) invalid("severity_overrides[" + std::to_string(i) + "].rule is NULL");
                o->plan.rules.set_severity(find_rule_or_throw(s.rule), to_severity(s.severity));
            }
            if (options->fee_unit_threshold) {
                const auto d = xxgk::parse_decimal(options->fee_unit_threshold);
                if (!d || d->is_negative())
                    invalid("fee_unit_threshold must be a non-negative decimal, not '" +
                            std::string(options->fee_unit_threshold) + "'");
                o->plan.rules.fee_unit_threshold = *d;
            }
            if (options->version >= 2) read_options_v2(*options, o->plan);
        }
        *out = o.release();
        return XXGK_OK;
    });
}

XXGK_API void xxgk_options_free(xxgk_options *options) { delete options; }

XXGK_API xxgk_status xxgk_check(const xxgk_report *report, const xxgk_options *options, xxgk_result **out) {
    return guard([&] {
        require(out, "out");
        *out = nullptr;
        require(report, "report");
        const xxgk_options &o = options ? *options : default_options();
        *out = make_result(xxgk::check(report->read, o.plan), o.plan.lang).release();
        return XXGK_OK;
    });
}

XXGK_API xxgk_status xxgk_check_pair(const xxgk_report *current, const xxgk_report *previous,
                                     const xxgk_options *options, xxgk_result **out) {
    return guard([&] {
        require(out, "out");
        *out = nullptr;
        require(current, "current");
        require(previous, "previous");
        const xxgk_options &o = options ? *options : default_options();
        *out = make_result(xxgk::check_pair(current->read.value, previous->read.value, o.plan.rules, o.plan.pair),
                           o.plan.lang)
                   .release();
        return XXGK_OK;
    });
}

XXGK_API xxgk_status xxgk_check_with(const xxgk_report *report, const xxgk_check_context *context,
                                     const xxgk_options *options, xxgk_result **out) {
    return guard([&] {
        require(out, "out");
        *out = nullptr;
        require(report, "report");
        const xxgk_options &o = options ? *options : default_options();
        xxgk::check_context with;
        std::vector<xxgk::report> children;
        if (context) {
            check_in_struct(context, "xxgk_check_context", XXGK_CHECK_CONTEXT_VERSION, sizeof(xxgk_check_context));
            if (context->previous) with.previous = &context->previous->read.value;
            if (context->child_count) require(context->children, "children");
            children.reserve(context->child_count);
            for (size_t i = 0; i < context->child_count; ++i) {
                if (!context->children[i]) invalid("children[" + std::to_string(i) + "] is NULL");
                children.push_back(context->children[i]->read.value);
            }
            with.children = children;
        }
        *out = make_result(xxgk::check(report->read, o.plan, with), o.plan.lang).release();
        return XXGK_OK;
    });
}

XXGK_API xxgk_status xxgk_result_count(const xxgk_result *result, size_t *out) {
    return guard([&] {
        require(result, "result");
        require(out, "out");
        *out = result->findings.size();
        return XXGK_OK;
    });
}

XXGK_API xxgk_status xxgk_result_count_severity(const xxgk_result *result, xxgk_severity severity, size_t *out) {
    return guard([&] {
        require(result, "result");
        require(out, "out");
        const xxgk::severity s = to_severity(severity);
        size_t n = 0;
        for (const finding &f : result->findings) n += f.d.level == s;
        *out = n;
        return XXGK_OK;
    });
}

XXGK_API xxgk_status xxgk_result_get(const xxgk_result *result, size_t index, xxgk_diagnostic *out) {
    return guard([&] {
        require(result, "result");
        check_out_struct(out, "xxgk_diagnostic");
        const finding &f = finding_at(*result, index);
        xxgk_diagnostic d = XXGK_DIAGNOSTIC_INIT;
        d.rule = view(f.rule);
        d.severity = static_cast<xxgk_severity>(xxgk::index(f.d.level));
        d.status = static_cast<xxgk_finding_status>(xxgk::index(f.d.state));
        d.pointer = view(f.pointer);
        d.pointer_count = f.pointers.size();
        d.table_label = view(f.table);
        d.row_label = view(f.row);
        d.column_label = view(f.column);
        d.left = optional_view(f.left);
        d.right = optional_view(f.right);
        d.difference = optional_view(f.difference);
        d.text = optional_view(f.text);
        d.message = view(f.message);
        const xxgk::source_position &p = f.d.source;
        d.source = {p.line, p.column, p.page, p.table, p.row, p.cell};
        copy_out(d, out);
        return XXGK_OK;
    });
}

XXGK_API xxgk_status xxgk_result_pointer(const xxgk_result *result, size_t index, size_t k, xxgk_string *out) {
    return guard([&] {
        require(result, "result");
        require(out, "out");
        const finding &f = finding_at(*result, index);
        if (k >= f.pointers.size())
            throw c_error{XXGK_E_RANGE, "pointer " + std::to_string(k) + " is past the last one of finding " +
                                            std::to_string(index) + " (count " + std::to_string(f.pointers.size()) + ")"};
        *out = view(f.pointers[k]);
        return XXGK_OK;
    });
}

XXGK_API xxgk_status xxgk_result_to_json(const xxgk_result *result, uint32_t flags, char **out, size_t *out_len) {
    return guard([&] {
        require(result, "result");
        require(out, "out");
        check_flags(flags, XXGK_JSON_PRETTY);
        // The JSON lives only until it is written: one arena, its first block on the stack, freed at once.
        unsigned char first_block[16384];
        boost::json::monotonic_resource arena(first_block, sizeof first_block);
        const boost::json::storage_ptr storage(&arena);
        boost::json::array a(storage);
        a.reserve(result->findings.size());
        for (const finding &f : result->findings) a.push_back(xxgk::to_json(f.d, result->lang, storage));
        return give_buffer(serialize(boost::json::value(std::move(a)), flags), out, out_len);  // moved, not copied
    });
}

XXGK_API void xxgk_result_free(xxgk_result *result) { delete result; }

XXGK_API xxgk_status xxgk_render(const xxgk_report *report, const xxgk_result *findings,
                                 const xxgk_render_options *options, char **out, size_t *out_len) {
    return guard([&] {
        require(out, "out");
        *out = nullptr;
        require(report, "report");
        xxgk_render_options o = XXGK_RENDER_OPTIONS_INIT;
        if (options) {
            check_in_struct(options, "xxgk_render_options", XXGK_RENDER_OPTIONS_VERSION, sizeof(xxgk_render_options));
            o = *options;
        }
        const auto format = to_enum<xxgk::render_format, XXGK_RENDER_TEXT>(o.format, "render format");
        const auto lang = to_enum<xxgk::language, XXGK_LANGUAGE_EN>(o.language, "language");
        std::vector<xxgk::diagnostic> ds;
        if (findings)
            for (const finding &f : findings->findings) ds.push_back(f.d);
        xxgk::html_options html;
        if (o.source_name) html.source_name = o.source_name;
        return give_buffer(xxgk::render_report(report->read.value,
                                               findings ? std::optional<std::span<const xxgk::diagnostic>>(ds)
                                                        : std::nullopt,
                                               format, lang, html),
                           out, out_len);
    });
}

XXGK_API xxgk_status xxgk_check_jsonl(const char *input, size_t len, const xxgk_options *options, char **out,
                                      size_t *out_len) {
    return guard([&] {
        require(out, "out");
        const std::string_view text = input_view(input, len, "input");
        const xxgk_options &o = options ? *options : default_options();
        std::string output;
        std::size_t line_number = 0;
        for (std::size_t start = 0; start < text.size();) {
            std::size_t end = text.find('\n', start);
            if (end == std::string_view::npos) end = text.size();
            std::string_view line = text.substr(start, end - start);
            start = end + 1;
            ++line_number;
            if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
            // Each line's output lives in one arena, freed at once when the line is written.
            unsigned char first_block[8192];
            boost::json::monotonic_resource arena(first_block, sizeof first_block);
            const boost::json::storage_ptr storage(&arena);
            boost::json::object entry({{"line", line_number}}, storage);
            xxgk::json_error e;
            xxgk::read_result read;  // the report is read into it in place, not moved
            if (xxgk::parse_report(line, read.value, e)) {
                xxgk::check_sections(read.value, read.diagnostics);
                const std::vector<xxgk::diagnostic> ds = xxgk::check(read, o.plan);
                boost::json::array a(storage);
                for (const auto &d : ds) a.push_back(xxgk::to_json(d, o.plan.lang, storage));
                entry["diagnostics"] = std::move(a);
                entry["summary"] = summary(ds);
            } else {
                if (e.code == xxgk::error_code::out_of_memory) throw std::bad_alloc();
                entry["error"] = e.describe(o.plan.lang);
                entry["code"] = xxgk_status_name(status_of(e.code));
                entry["reason"] = xxgk::name(e.code);
                entry["pointer"] = e.pointer;
                if (e.where.line) entry["offset"] = e.offset;
            }
            output += boost::json::serialize(entry);
            output += '\n';
        }
        return give_buffer(output, out, out_len);
    });
}

XXGK_API xxgk_status xxgk_check_batch(const xxgk_batch *batch, const xxgk_options *options, char **out,
                                      size_t *out_len) {
    return guard([&] {
        require(out, "out");
        require(batch, "batch");
        check_in_struct(batch, "xxgk_batch", XXGK_BATCH_VERSION, sizeof(xxgk_batch));
        if (batch->count && !batch->paths && !batch->documents) invalid("xxgk_batch has neither paths nor documents");
        if (batch->documents) require(batch->sizes, "sizes");
        for (std::size_t i = 0; i < batch->count; ++i)
            if (!(batch->documents && batch->documents[i]) && !(batch->paths && batch->paths[i]))
                invalid("report " + std::to_string(i) + " of the batch has neither a document nor a path");
        const std::optional<xxgk::input_format> format = to_format(batch->format);
        const xxgk_options &o = options ? *options : default_options();
        const unsigned threads = batch->threads ? batch->threads : std::max(1u, std::thread::hardware_concurrency());
        std::vector<std::string> lines(batch->count);
        for_each_index(batch->count, threads, [&](std::size_t i) { lines[i] = batch_line(*batch, i, format, o.plan); });
        std::size_t total = 0;
        for (const auto &l : lines) total += l.size() + 1;
        std::string output;
        output.reserve(total);
        for (auto &l : lines) {
            output += l;
            output += '\n';
            std::string().swap(l);
        }
        return give_buffer(output, out, out_len);
    });
}

XXGK_API xxgk_status xxgk_rule_count(size_t *out) {
    return guard([&] {
        require(out, "out");
        *out = xxgk::catalogue.size();
        return XXGK_OK;
    });
}

XXGK_API xxgk_status xxgk_rule_get(size_t index, xxgk_rule_info *out) {
    return guard([&] {
        check_out_struct(out, "xxgk_rule_info");
        if (index >= xxgk::catalogue.size())
            throw c_error{XXGK_E_RANGE, "rule index " + std::to_string(index) + " is past the end of the catalogue (" +
                                            std::to_string(xxgk::catalogue.size()) + " rules)"};
        const xxgk::rule_info &r = xxgk::catalogue[index];
        const catalogue_strings::entry &s = catalogue().entries[index];
        xxgk_rule_info info = XXGK_RULE_INFO_INIT;
        info.id = view(s.id);
        info.default_severity = static_cast<xxgk_severity>(xxgk::index(r.default_severity));
        info.scope = static_cast<xxgk_rule_scope>(xxgk::index(r.scope));
        info.title_zh = view(s.title_zh);
        info.title_en = view(s.title_en);
        info.message_zh = view(s.message_zh);
        info.message_en = view(s.message_en);
        info.rationale = view(s.rationale_en);
        info.rationale_zh = view(s.rationale_zh);
        copy_out(info, out);
        return XXGK_OK;
    });
}

XXGK_API xxgk_status xxgk_rule_find(const char *id, size_t len, size_t *index) {
    return guard([&] {
        require(index, "index");
        *index = xxgk::index(find_rule_or_throw(input_view(id, len, "id")));
        return XXGK_OK;
    });
}

XXGK_API xxgk_status xxgk_rules_to_json(uint32_t flags, char **out, size_t *out_len) {
    return guard([&] {
        require(out, "out");
        check_flags(flags, XXGK_JSON_PRETTY);
        return give_buffer(serialize(xxgk::catalogue_json(), flags), out, out_len);
    });
}

}  // extern "C"

// The helpers of capi_support.hpp that use the JSON and option machinery above.
namespace xxgk::capi {

void check_json_flags(uint32_t flags) { check_flags(flags, XXGK_JSON_PRETTY); }
xxgk_status give_json(const boost::json::value &v, uint32_t flags, char **out, size_t *out_len) {
    return give_buffer(serialize(v, flags), out, out_len);
}
xxgk_status record_json_failure(const xxgk::json_error &e) noexcept { return read_failure(e); }
const xxgk_options &options_or_default(const xxgk_options *options) noexcept {
    return options ? *options : default_options();
}

}  // namespace xxgk::capi
