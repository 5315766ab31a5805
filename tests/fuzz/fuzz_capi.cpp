// Fuzz target: the C ABI (capi/include/xxgk.h) as a C caller would drive it. The first input byte picks the
// entry point (a document format, canonical JSON, or JSON Lines batch), the second the options (language,
// JSON flags, a disabled rule, a severity override); the rest is the input. Every call must return a status
// of the enumeration with a message on failure, and what the library writes must read back identically.
#include <xxgk.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace {

void require(bool ok, const char *what, const char *detail = "") {
    if (ok) return;
    std::fprintf(stderr, "xxgk C ABI fuzz invariant broken: %s %s\n", what, detail);
    std::abort();
}

void require_status(xxgk_status s, const char *what) {
    require(s >= XXGK_OK && s <= XXGK_E_INTERNAL, "status outside the enumeration:", what);
    require(s != XXGK_E_INTERNAL, "internal error:", xxgk_last_error_message());
    if (s != XXGK_OK) {
        require(*xxgk_last_error_message() != '\0', "failure without a last error message:", what);
        xxgk_error_info info = XXGK_ERROR_INFO_INIT;
        require(xxgk_last_error(&info) == XXGK_OK && info.code == s, "last error does not hold the failure:", what);
    }
}

void exercise_result(const xxgk_result *result) {
    std::size_t count = 0, by_severity = 0;
    require_status(xxgk_result_count(result, &count), "xxgk_result_count");
    for (xxgk_severity s : {XXGK_SEVERITY_ERROR, XXGK_SEVERITY_WARNING, XXGK_SEVERITY_INFO}) {
        std::size_t n = 0;
        require_status(xxgk_result_count_severity(result, s, &n), "xxgk_result_count_severity");
        by_severity += n;
    }
    require(by_severity == count, "findings per severity do not add up to the count");
    for (std::size_t i = 0; i < count; ++i) {
        xxgk_diagnostic d = XXGK_DIAGNOSTIC_INIT;
        require_status(xxgk_result_get(result, i, &d), "xxgk_result_get");
        require(d.rule.data && d.rule.size == std::strlen(d.rule.data), "rule id not a NUL-terminated string");
        require(d.message.data && d.message.size > 0, "finding without a message");
        std::size_t index = 0;
        require(xxgk_rule_find(d.rule.data, d.rule.size, &index) == XXGK_OK, "finding names an unknown rule",
                d.rule.data);
        for (std::size_t k = 0; k < d.pointer_count; ++k) {
            xxgk_string p{};
            require_status(xxgk_result_pointer(result, i, k, &p), "xxgk_result_pointer");
        }
        xxgk_string past{};
        require(xxgk_result_pointer(result, i, d.pointer_count, &past) == XXGK_E_RANGE, "pointer past the end accepted");
    }
    xxgk_diagnostic past = XXGK_DIAGNOSTIC_INIT;
    require(xxgk_result_get(result, count, &past) == XXGK_E_RANGE, "finding past the end accepted");
    char *json = nullptr;
    std::size_t len = 0;
    require_status(xxgk_result_to_json(result, XXGK_JSON_PRETTY, &json, &len), "xxgk_result_to_json");
    require(json && std::strlen(json) == len, "result JSON length differs from its NUL-terminated length");
    xxgk_buffer_free(json);
}

// The report's JSON reads back to a report whose JSON is the same bytes.
void exercise_round_trip(const xxgk_report *report, std::uint32_t flags) {
    char *json = nullptr;
    std::size_t len = 0;
    require_status(xxgk_report_to_json(report, flags, &json, &len), "xxgk_report_to_json");
    xxgk_report *again = nullptr;
    const xxgk_status s = xxgk_report_from_json(json, len, &again);
    require(s == XXGK_OK, "the library's own JSON does not read back:", xxgk_last_error_message());
    char *json_again = nullptr;
    std::size_t len_again = 0;
    require_status(xxgk_report_to_json(again, flags, &json_again, &len_again), "xxgk_report_to_json");
    require(std::string_view(json, len) == std::string_view(json_again, len_again), "JSON changes on a round trip",
            json);
    xxgk_buffer_free(json_again);
    xxgk_report_free(again);
    xxgk_buffer_free(json);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    if (size < 2) return 0;
    std::uint8_t entry = data[0] % 10;
    const std::uint8_t knobs = data[1];
    if (entry == XXGK_FORMAT_PDF) entry = XXGK_FORMAT_LAYOUT;  // PDF is fuzzed through its laid-out text only
    if (entry == XXGK_FORMAT_IMAGE) entry = XXGK_FORMAT_TEXT;  // OCR (Tesseract, seconds a page) is not fuzzed
    const char *input = reinterpret_cast<const char *>(data + 2);
    const std::size_t len = size - 2;
    if (entry == XXGK_FORMAT_AUTO && std::string_view(input, len).starts_with("%PDF")) entry = XXGK_FORMAT_LAYOUT;

    std::size_t rules = 0;
    require_status(xxgk_rule_count(&rules), "xxgk_rule_count");
    xxgk_rule_info disabled = XXGK_RULE_INFO_INIT, regraded = XXGK_RULE_INFO_INIT;
    require_status(xxgk_rule_get((knobs >> 3) % rules, &disabled), "xxgk_rule_get");
    require_status(xxgk_rule_get((knobs >> 1) % rules, &regraded), "xxgk_rule_get");
    const char *disabled_ids[] = {disabled.id.data};
    const xxgk_severity_override overrides[] = {{regraded.id.data, static_cast<xxgk_severity>(knobs % 3)}};
    xxgk_check_options o = XXGK_CHECK_OPTIONS_INIT;
    o.language = (knobs & 1) ? XXGK_LANGUAGE_EN : XXGK_LANGUAGE_ZH;
    if (knobs & 0x80) o.disabled_rules = disabled_ids, o.disabled_count = 1;
    if (knobs & 0x40) o.severity_overrides = overrides, o.severity_override_count = 1;
    xxgk_options *options = nullptr;
    require_status(xxgk_options_new(&o, &options), "xxgk_options_new");

    if (entry == 9) {
        char *out = nullptr;
        std::size_t out_len = 0;
        require_status(xxgk_check_jsonl(input, len, options, &out, &out_len), "xxgk_check_jsonl");
        require(out && std::strlen(out) == out_len, "batch output length differs from its NUL-terminated length");
        xxgk_buffer_free(out);
    } else {
        xxgk_report *report = nullptr;
        const xxgk_status s = entry == 8 ? xxgk_report_from_json(input, len, &report)
                                         : xxgk_report_from_document(input, len, static_cast<xxgk_format>(entry), &report);
        require_status(s, "reading the input");
        require((s == XXGK_OK) == (report != nullptr), "report handle and status disagree");
        if (report) {
            xxgk_format format = XXGK_FORMAT_AUTO;
            require_status(xxgk_report_format(report, &format), "xxgk_report_format");
            require(entry == 8 || entry == XXGK_FORMAT_AUTO || format == static_cast<xxgk_format>(entry),
                    "report format differs from the forced one");
            exercise_round_trip(report, (knobs & 2 ? XXGK_JSON_PRETTY : 0u) | (knobs & 4 ? XXGK_JSON_POSITIONS : 0u));
            xxgk_result *result = nullptr;
            require_status(xxgk_check(report, options, &result), "xxgk_check");
            exercise_result(result);
            xxgk_result_free(result);
            xxgk_report_free(report);
        }
    }
    std::size_t index = 0;
    const xxgk_status found = xxgk_rule_find(input, len < 40 ? len : 40, &index);
    require(found == XXGK_OK || found == XXGK_E_NOT_FOUND, "xxgk_rule_find: unexpected status");
    xxgk_options_free(options);
    return 0;
}
