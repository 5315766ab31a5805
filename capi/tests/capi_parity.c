/* The C ABI's face of the parity test (tests/parity_test.py): checks every FILE[=PREVIOUS] argument through
 * xxgk_check_with and prints one JSON line per file, {"file": …, "diagnostics": [xxgk_result_to_json]} or
 * {"file": …, "error": "…"}. With --strict first, the options are those of the test's strict run (see
 * parity_test.py): English, deadlines, a required date, a rule disabled, a severity changed, a similarity. */
#include <xxgk.h>

#include <stdio.h>
#include <string.h>

/* A file name as a JSON string (the test's names are plain paths; quotes and backslashes are escaped). */
static void print_name(const char *s, size_t n) {
    putchar('"');
    for (size_t i = 0; i < n; ++i) {
        if (s[i] == '"' || s[i] == '\\') putchar('\\');
        putchar(s[i]);
    }
    putchar('"');
}

static void print_error(const char *file, size_t n) {
    fputs("{\"file\":", stdout);
    print_name(file, n);
    fputs(",\"error\":true}\n", stdout);
}

int main(int argc, char **argv) {
    int first = 1, strict = argc > 1 && strcmp(argv[1], "--strict") == 0;
    if (strict) first = 2;
    xxgk_check_options settings = XXGK_CHECK_OPTIONS_INIT;
    const char *disabled[] = {"cell.blank"};
    const xxgk_severity_override overrides[] = {{"doc.period_statement", XXGK_SEVERITY_ERROR}};
    const xxgk_deadline deadlines[] = {{XXGK_AGENCY_TOWNSHIP, 2, 28}, {XXGK_AGENCY_DEPARTMENT, 1, 15}};
    if (strict) {
        settings.language = XXGK_LANGUAGE_EN;
        settings.disabled_rules = disabled;
        settings.disabled_count = 1;
        settings.severity_overrides = overrides;
        settings.severity_override_count = 1;
        settings.deadlines = deadlines;
        settings.deadline_count = 2;
        settings.require_date = 1;
        settings.similarity = "0.8";
    }
    xxgk_options *options = NULL;
    if (xxgk_options_new(&settings, &options) != XXGK_OK) {
        fprintf(stderr, "options: %s\n", xxgk_last_error_message());
        return 2;
    }
    for (int i = first; i < argc; ++i) {
        const char *arg = argv[i], *eq = strchr(arg, '=');
        const size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
        char path[4096];
        if (n >= sizeof path) return 2;
        memcpy(path, arg, n);
        path[n] = '\0';
        xxgk_report *report = NULL, *previous = NULL;
        if (xxgk_report_from_file(path, XXGK_FORMAT_AUTO, &report) != XXGK_OK) {
            print_error(arg, n);
            continue;
        }
        xxgk_check_context context = XXGK_CHECK_CONTEXT_INIT;
        if (eq && xxgk_report_from_file(eq + 1, XXGK_FORMAT_AUTO, &previous) == XXGK_OK) context.previous = previous;
        xxgk_result *result = NULL;
        char *json = NULL;
        if (xxgk_check_with(report, &context, options, &result) != XXGK_OK ||
            xxgk_result_to_json(result, 0, &json, NULL) != XXGK_OK) {
            fprintf(stderr, "%s: %s\n", path, xxgk_last_error_message());
            return 2;
        }
        fputs("{\"file\":", stdout);
        print_name(arg, n);
        printf(",\"diagnostics\":%s}\n", json);
        xxgk_buffer_free(json);
        xxgk_result_free(result);
        xxgk_report_free(previous);
        xxgk_report_free(report);
    }
    xxgk_options_free(options);
    return 0;
}
