// Fuzz target: canonical JSON. Whatever the bytes, parse_report either gives a report or an error that
// names where and why; a report that parses must check cleanly and survive the canonical round trip.
#include "fuzz_common.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    using namespace xxgk;
    const std::string_view json(reinterpret_cast<const char *>(data), size);
    json_error error;
    const std::optional<report> r = parse_report(json, error);
    if (!r) {
        fuzz::require(!error.message(language::en).empty(), "parse_report failed without a reason");
        fuzz::require(error.code != error_code::json_syntax ||
                          (error.where.line >= 1 && error.where.column >= 1 && error.offset <= size),
                      "syntax error position outside the input", error.describe(language::en));
        (void)error.describe();
        return 0;
    }
    fuzz::exercise_report(*r);
    return 0;
}
