// What every source file of the C ABI uses: the thread's last error and `guard`, which runs an entry point's
// body, catches every exception and turns it into a status code; the handles, JSON buffers and options. Defined in
// capi.cpp.
#pragma once

#include <xxgk.h>

#include <xxgk/check.hpp>
#include <xxgk/json.hpp>
#include <xxgk/read.hpp>
#include <xxgk/rules.hpp>

#include <boost/json/value.hpp>

#include <new>
#include <stdexcept>
#include <string>
#include <string_view>

struct xxgk_report {
    xxgk::read_result read;
};

struct xxgk_options {
    xxgk::check_plan plan;
};

namespace xxgk::capi {

/// Clears the calling thread's last error.
void clear_error() noexcept;
/// Records `message` as the thread's last error with `code`, and returns `code`.
xxgk_status fail(xxgk_status code, std::string_view message) noexcept;

/// Raised inside `guard` to leave an entry point with a status and a message.
struct c_error {
    xxgk_status code;
    std::string message;
};

/// Leaves the entry point with XXGK_E_INVALID_ARGUMENT and `message`.
[[noreturn]] void invalid(std::string message);
/// `invalid` when `p` is NULL, naming the argument `what`.
void require(const void *p, const char *what);
/// Input data as a view; NULL only when `len` is 0.
std::string_view input_view(const char *data, size_t len, const char *what);
/// Copies `text` into a malloc'd, NUL-terminated buffer that xxgk_buffer_free releases.
xxgk_status give_buffer(std::string_view text, char **out, size_t *out_len);

/// `invalid` unless `flags` is 0 or XXGK_JSON_PRETTY.
void check_json_flags(uint32_t flags);
/// `v` as JSON text (indented with XXGK_JSON_PRETTY) in a new buffer that xxgk_buffer_free releases.
xxgk_status give_json(const boost::json::value &v, uint32_t flags, char **out, size_t *out_len);
/// Records why a JSON report could not be read (XXGK_E_PARSE with its pointer and position) and returns the status.
xxgk_status record_json_failure(const xxgk::json_error &e) noexcept;
/// The compiled options, or the defaults for NULL.
const xxgk_options &options_or_default(const xxgk_options *options) noexcept;

/// Runs an entry point's body: clears the last error, returns the body's status, or the status of what it threw.
template <class F>
xxgk_status guard(F &&body) noexcept {
    clear_error();
    try {
        return body();
    } catch (const c_error &e) {
        return fail(e.code, e.message);
    } catch (const std::bad_alloc &) {
        return fail(XXGK_E_NOMEM, "out of memory");
    } catch (const std::exception &e) {
        return fail(XXGK_E_INTERNAL, e.what());
    } catch (...) {
        return fail(XXGK_E_INTERNAL, "unknown exception");
    }
}

}  // namespace xxgk::capi
