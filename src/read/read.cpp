// Format detection and dispatch to the readers.
#include <xxgk/read.hpp>

#include <new>

namespace xxgk {

std::string read_error::describe() const {
    std::string at;
    if (where.page) at += "page " + std::to_string(where.page) + ", ";
    if (where.line) at += "line " + std::to_string(where.line) + (where.column ? ", column " + std::to_string(where.column) : "") + ": ";
    else if (where.table)
        at += "table " + std::to_string(where.table) + ", row " + std::to_string(where.row) + ", cell " +
              std::to_string(where.cell) + ": ";
    else if (!at.empty()) at.replace(at.size() - 2, 2, ": ");
    return at + message;
}

input_format sniff_format(std::string_view bytes, std::string_view file_name) noexcept {
    std::size_t i = bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t')) ++i;
    if (i < bytes.size() && bytes[i] == '{') return input_format::json;
    if (file_name.ends_with(".json")) return input_format::json;
    return input_format::text;
}

std::optional<read_result> read_report(std::string_view bytes, const read_options &options, read_error &error) noexcept {
    try {
        const input_format format = options.format.value_or(sniff_format(bytes, options.file_name));
        if (format != input_format::json) {
            error = read_error{"reading " + std::string(name(format)) + " documents is not available in this build", {}};
            return std::nullopt;
        }
        json_error e;
        auto r = parse_report(bytes, e);
        if (!r) {
            error = read_error{e.describe(), {}};
            return std::nullopt;
        }
        return read_result{std::move(*r), {}, input_format::json};
    } catch (const std::bad_alloc &) {
        error = read_error{"out of memory", {}};
    }
    return std::nullopt;
}

read_result read_report(std::string_view bytes, const read_options &options) {
    read_error error;
    auto r = read_report(bytes, options, error);
    if (!r) throw read_exception(std::move(error));
    return std::move(*r);
}

}  // namespace xxgk
