// Fuzz target: the document readers, one executable per input format (XXGK_FUZZ_FORMAT names an
// `input_format` enumerator, or `auto` to sniff the content). With XXGK_FUZZ_DOCX_PART the bytes are the main
// document part of a DOCX package built around them (stored, so its CRC holds): every input reaches the XML
// reading, which mutated zips hardly do. Whatever the bytes, read_report either gives a
// report or a read_error with a message; a report read from a document must satisfy the same invariants as
// one read from JSON (the canonical round trip is exact), and its findings must render.
#include "fuzz_common.hpp"

#include <xxgk/read.hpp>

#ifdef XXGK_FUZZ_DOCX_PART
#include "../zip_support.hpp"
#endif

#include <cstddef>
#include <cstdint>

#ifndef XXGK_FUZZ_FORMAT
#error "define XXGK_FUZZ_FORMAT as an input_format name or auto"
#endif

namespace {

std::optional<xxgk::input_format> forced_format() {
    constexpr std::string_view format = XXGK_FUZZ_FORMAT;
    if (format == "auto") return std::nullopt;
    const auto f = xxgk::from_name<xxgk::input_format>(format);
    xxgk::fuzz::require(f.has_value(), "XXGK_FUZZ_FORMAT is not an input_format", format);
    return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    using namespace xxgk;
    static const std::optional<input_format> format = forced_format();
    std::string_view bytes(reinterpret_cast<const char *>(data), size);
#ifdef XXGK_FUZZ_DOCX_PART
    const std::string package = test::make_zip({{"word/document.xml", std::string(bytes)}}, true);
    bytes = package;
#endif
    // PDF is fuzzed through its laid-out text only: spawning pdftotext per input would test pdftotext.
    if (!format && bytes.starts_with("%PDF")) return 0;
    read_options options;
    options.format = format;
    read_error error;
    const std::optional<read_result> r = read_report(bytes, options, error);
    if (!r) {
        fuzz::require(!error.message().empty() && !error.message(language::en).empty(), "read_report failed without a message");
        fuzz::require(!error.describe().empty(), "read_error::describe is empty");
        return 0;
    }
    fuzz::require(!format || r->format == *format, "read_report answered in another format than forced",
                  name(r->format));
    fuzz::exercise_diagnostics(r->diagnostics);
    fuzz::exercise_report(r->value);
    return 0;
}
