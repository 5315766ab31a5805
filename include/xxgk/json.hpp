#ifndef XXGK_JSON_HPP
#define XXGK_JSON_HPP

// The canonical JSON of FORMAT.md §9, read and written with Boost.JSON and driven by the Describe
// metadata of the model. Reading is strict: a missing table key, an unknown key, a wrong type or an
// out-of-range number is an error naming the JSON Pointer and the reason (and the byte offset, line and
// column for syntax errors). Extensions: `ambiguous` (pointers of unreadable cells) and `positions`
// (source positions by pointer).

#include <xxgk/errors.hpp>
#include <xxgk/report.hpp>
#include <xxgk/rules.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace xxgk {

/// Largest JSON document `parse_report` accepts, in bytes.
inline constexpr std::size_t max_json_size = 64u << 20;
/// Longest text a single cell may hold, in bytes.
inline constexpr std::size_t max_cell_text = 4096;

/// Why a JSON document was rejected: the code, the JSON Pointer of the offending value (or, for syntax
/// errors, the line, column and byte offset) and the detail. The same type as a document's reading error.
using json_error = read_error;
/// Thrown by the throwing forms of the JSON readers.
using json_exception = read_exception;

/// Options for writing canonical JSON.
struct write_options {
    /// Add the `positions` extension (source position of every cell read from a document).
    bool positions = false;
};

/// The report as canonical JSON.
boost::json::object to_json(const report &r, const write_options &options = {});
/// The report as canonical JSON text; `pretty` indents by two spaces.
std::string to_json_text(const report &r, const write_options &options = {}, bool pretty = false);

/// Reads a report from parsed JSON; on failure returns nothing and fills `error`. Never throws.
std::optional<report> report_from_json(const boost::json::value &v, json_error &error) noexcept;
/// Parses and reads a report from JSON text; on failure returns nothing and fills `error`. Never throws.
std::optional<report> parse_report(std::string_view json, json_error &error) noexcept;
/// Parses and reads a report from JSON text into `into`, which must be default-constructed: it is built in
/// place, not moved (the SAX reader takes nearly every valid document, the rest goes through the DOM reader).
/// On failure returns false, fills `error` and leaves `into` unspecified. Never throws.
bool parse_report(std::string_view json, report &into, json_error &error) noexcept;
/// Parses and reads a report from JSON text; throws `json_exception`.
report parse_report(std::string_view json);

/// A finding as JSON: rule, severity, status, pointer(s), labels, values (exact decimal strings),
/// message in `lang`, and the source position when known; allocated from `storage` (e.g. an arena).
boost::json::object to_json(const diagnostic &d, language lang = language::zh, boost::json::storage_ptr storage = {});
/// A catalogue entry as JSON.
boost::json::object to_json(const rule_info &rule);
/// The whole catalogue as a JSON array.
boost::json::array catalogue_json();

/// Serialises any JSON value with two-space indentation and a final newline.
std::string pretty_print(const boost::json::value &v);

}  // namespace xxgk

#include <xxgk/impl/json.ipp>

#endif
