// The header compiles as C++ (with the project's warnings) and its declarations have C linkage.
#include <xxgk.h>

#include <cstdio>
#include <cstring>
#include <type_traits>

static_assert(std::is_same_v<decltype(&xxgk_check), xxgk_status (*)(const xxgk_report *, const xxgk_options *, xxgk_result **)>);
static_assert(std::is_standard_layout_v<xxgk_diagnostic> && std::is_trivially_copyable_v<xxgk_diagnostic>);
static_assert(offsetof(xxgk_check_options, version) == 0 && offsetof(xxgk_check_options, size) == 4);

int main() {
    xxgk_diagnostic d = XXGK_DIAGNOSTIC_INIT;
    xxgk_rule_info info = XXGK_RULE_INFO_INIT;
    xxgk_check_options o = XXGK_CHECK_OPTIONS_INIT;
    xxgk_error_info e = XXGK_ERROR_INFO_INIT;
    const char *text = nullptr;
    xxgk_options *opts = nullptr;
    size_t n = 0;
    const bool ok = d.size == sizeof d && xxgk_version(nullptr, nullptr, nullptr, &text) == XXGK_OK &&
                    std::strcmp(text, XXGK_C_VERSION_STRING) == 0 && xxgk_rule_count(&n) == XXGK_OK && n > 0 &&
                    xxgk_rule_get(n - 1, &info) == XXGK_OK && xxgk_options_new(&o, &opts) == XXGK_OK &&
                    xxgk_check(nullptr, opts, nullptr) == XXGK_E_INVALID_ARGUMENT && xxgk_last_error(&e) == XXGK_OK &&
                    e.code == XXGK_E_INVALID_ARGUMENT;
    xxgk_options_free(opts);
    std::printf("%s\n", ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
