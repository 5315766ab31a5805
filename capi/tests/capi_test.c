/* Exercises every function of xxgk.h, and every error path reachable from outside, compiled as C99.
 * Run by ctest directly and under valgrind. Argument: the source directory. */
#include <xxgk.h>

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;
static int checks = 0;

#define CHECK(cond)                                                                                           \
    do {                                                                                                      \
        ++checks;                                                                                             \
        if (!(cond)) {                                                                                        \
            fprintf(stderr, "%s:%d: CHECK(%s) failed; last error: %s\n", __FILE__, __LINE__, #cond,           \
                    xxgk_last_error_message());                                                               \
            ++failures;                                                                                       \
        }                                                                                                     \
    } while (0)

/* Checks the status and that the thread's last error agrees with it. */
#define EXPECT(expr, code)                                                                                    \
    do {                                                                                                      \
        xxgk_status got_ = (expr);                                                                            \
        ++checks;                                                                                             \
        if (got_ != (code)) {                                                                                 \
            fprintf(stderr, "%s:%d: %s returned %s, expected %s; last error: %s\n", __FILE__, __LINE__, #expr, \
                    xxgk_status_name(got_), xxgk_status_name(code), xxgk_last_error_message());               \
            ++failures;                                                                                       \
        } else {                                                                                              \
            check_last_error(got_, __LINE__);                                                                 \
        }                                                                                                     \
    } while (0)

static void check_last_error(xxgk_status expected, int line) {
    xxgk_error_info e = XXGK_ERROR_INFO_INIT;
    if (xxgk_last_error(&e) != XXGK_OK || e.code != expected || e.message.data == NULL ||
        strlen(e.message.data) != e.message.size || (expected == XXGK_OK) != (e.message.size == 0) ||
        strcmp(e.message.data, xxgk_last_error_message()) != 0) {
        fprintf(stderr, "%s:%d: last error disagrees with status %s: %s \"%s\"\n", __FILE__, line,
                xxgk_status_name(expected), xxgk_status_name(e.code), xxgk_last_error_message());
        ++failures;
    }
}

static char *read_file(const char *dir, const char *name, size_t *len) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (buf && n == cap) buf = realloc(buf, cap + 1);
    if (!buf) exit(2);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static int has(xxgk_string s, const char *needle) { return s.data && strstr(s.data, needle) != NULL; }
static int string_ok(xxgk_string s) { return s.data != NULL && strlen(s.data) == s.size; }

/* Finds the first finding of a rule, or returns count. */
static size_t find_rule_finding(const xxgk_result *r, const char *rule, xxgk_diagnostic *out) {
    size_t n = 0, i;
    xxgk_result_count(r, &n);
    for (i = 0; i < n; ++i) {
        xxgk_diagnostic d = XXGK_DIAGNOSTIC_INIT;
        if (xxgk_result_get(r, i, &d) == XXGK_OK && strcmp(d.rule.data, rule) == 0) {
            if (out) *out = d;
            return i;
        }
    }
    return n;
}

static void test_version_and_status(void) {
    int major = -1, minor = -1, patch = -1;
    const char *text = NULL;
    EXPECT(xxgk_version(&major, &minor, &patch, &text), XXGK_OK);
    CHECK(major == XXGK_C_VERSION_MAJOR && minor == XXGK_C_VERSION_MINOR && patch == XXGK_C_VERSION_PATCH);
    CHECK(text && strcmp(text, XXGK_C_VERSION_STRING) == 0);
    EXPECT(xxgk_version(NULL, NULL, NULL, NULL), XXGK_OK);
    CHECK(XXGK_C_VERSION_NUMBER == major * 10000 + minor * 100 + patch);

    CHECK(strcmp(xxgk_status_name(XXGK_OK), "XXGK_OK") == 0);
    CHECK(strcmp(xxgk_status_name(XXGK_E_INVALID_ARGUMENT), "XXGK_E_INVALID_ARGUMENT") == 0);
    CHECK(strcmp(xxgk_status_name(XXGK_E_PARSE), "XXGK_E_PARSE") == 0);
    CHECK(strcmp(xxgk_status_name(XXGK_E_IO), "XXGK_E_IO") == 0);
    CHECK(strcmp(xxgk_status_name(XXGK_E_NOMEM), "XXGK_E_NOMEM") == 0);
    CHECK(strcmp(xxgk_status_name(XXGK_E_RANGE), "XXGK_E_RANGE") == 0);
    CHECK(strcmp(xxgk_status_name(XXGK_E_NOT_FOUND), "XXGK_E_NOT_FOUND") == 0);
    CHECK(strcmp(xxgk_status_name(XXGK_E_VERSION), "XXGK_E_VERSION") == 0);
    CHECK(strcmp(xxgk_status_name(XXGK_E_INTERNAL), "XXGK_E_INTERNAL") == 0);
    CHECK(strcmp(xxgk_status_name((xxgk_status)99), "XXGK_E_UNKNOWN") == 0);
    CHECK(strcmp(xxgk_status_name((xxgk_status)-1), "XXGK_E_UNKNOWN") == 0);

    /* The last error itself: NULL and a struct without its size are refused. */
    {
        xxgk_error_info e = XXGK_ERROR_INFO_INIT;
        CHECK(xxgk_last_error(NULL) == XXGK_E_INVALID_ARGUMENT);
        e.size = 0;
        CHECK(xxgk_last_error(&e) == XXGK_E_INVALID_ARGUMENT);
    }
    /* An older, shorter xxgk_error_info gets only the fields it has. */
    {
        xxgk_error_info e = XXGK_ERROR_INFO_INIT;
        EXPECT(xxgk_rule_find("no.such", 7, &(size_t){0}), XXGK_E_NOT_FOUND);
        e.size = (uint32_t)offsetof(xxgk_error_info, message);
        e.message.size = 12345;
        CHECK(xxgk_last_error(&e) == XXGK_OK);
        CHECK(e.code == XXGK_E_NOT_FOUND && e.message.size == 12345 && e.size == offsetof(xxgk_error_info, message));
        /* A version-1 struct (no reason) is written up to its pointer. */
        e.size = (uint32_t)offsetof(xxgk_error_info, reason);
        e.reason.size = 777;
        CHECK(xxgk_last_error(&e) == XXGK_OK && e.reason.size == 777);
        /* Not a reading failure: no reason. */
        e.size = (uint32_t)sizeof e;
        CHECK(xxgk_last_error(&e) == XXGK_OK && e.reason.size == 0);
    }
    /* A successful call clears it. */
    EXPECT(xxgk_version(NULL, NULL, NULL, NULL), XXGK_OK);
    CHECK(strcmp(xxgk_last_error_message(), "") == 0);
}

static void test_reports(const char *dir) {
    size_t len = 0, out_len = 0, len2 = 0;
    char *seed = read_file(dir, "examples/acheng-yagou-2023.json", &len);
    xxgk_report *r = (xxgk_report *)1, *r2 = NULL;
    xxgk_format format = XXGK_FORMAT_AUTO;
    char *json = NULL, *json2 = NULL;
    xxgk_error_info e = XXGK_ERROR_INFO_INIT;

    /* from JSON */
    EXPECT(xxgk_report_from_json(seed, len, &r), XXGK_OK);
    CHECK(r != NULL && r != (xxgk_report *)1);
    EXPECT(xxgk_report_format(r, &format), XXGK_OK);
    CHECK(format == XXGK_FORMAT_JSON);
    EXPECT(xxgk_report_format(NULL, &format), XXGK_E_INVALID_ARGUMENT);
    EXPECT(xxgk_report_format(r, NULL), XXGK_E_INVALID_ARGUMENT);
    EXPECT(xxgk_report_from_json(seed, len, NULL), XXGK_E_INVALID_ARGUMENT);
    r2 = (xxgk_report *)1;
    EXPECT(xxgk_report_from_json(NULL, 5, &r2), XXGK_E_INVALID_ARGUMENT);
    CHECK(r2 == NULL);
    EXPECT(xxgk_report_from_json(NULL, 0, &r2), XXGK_E_PARSE);
    CHECK(r2 == NULL);

    /* A syntax error names the byte, line and column. */
    {
        const char bad[] = "{\n  \"format\": \"2021\",\n  \"year\": ]\n}";
        EXPECT(xxgk_report_from_json(bad, sizeof bad - 1, &r2), XXGK_E_PARSE);
        CHECK(r2 == NULL);
        CHECK(xxgk_last_error(&e) == XXGK_OK);
        CHECK(e.code == XXGK_E_PARSE && e.line == 3 && e.column == 11 && e.offset == 32);
        CHECK(has(e.message, "line 3"));
        CHECK(e.reason.data != NULL && strcmp(e.reason.data, "json_syntax") == 0);
    }
    /* A well-formed document with a wrong value names its JSON Pointer. */
    {
        char *ill = read_file(dir, "examples/faults/ill-typed.json", &len2);
        EXPECT(xxgk_report_from_json(ill, len2, &r2), XXGK_E_PARSE);
        CHECK(xxgk_last_error(&e) == XXGK_OK);
        CHECK(e.pointer.size > 1 && e.pointer.data[0] == '/' && e.line == 0);
        CHECK(has(e.message, e.pointer.data));
        CHECK(e.reason.data != NULL && strcmp(e.reason.data, "json_expected_cell") == 0);
        free(ill);
    }

    /* to JSON: compact, pretty and with positions; the compact text reads back to the same report. */
    EXPECT(xxgk_report_to_json(r, 0, &json, &out_len), XXGK_OK);
    CHECK(json && strlen(json) == out_len && json[0] == '{' && strchr(json, '\n') == NULL);
    EXPECT(xxgk_report_from_json(json, out_len, &r2), XXGK_OK);
    EXPECT(xxgk_report_to_json(r2, 0, &json2, NULL), XXGK_OK);
    CHECK(json2 && strcmp(json, json2) == 0);
    xxgk_buffer_free(json2);
    xxgk_report_free(r2);
    r2 = NULL;
    EXPECT(xxgk_report_to_json(r, XXGK_JSON_PRETTY | XXGK_JSON_POSITIONS, &json2, &len2), XXGK_OK);
    CHECK(json2 && strncmp(json2, "{\n  \"", 5) == 0 && json2[len2 - 1] == '\n');
    xxgk_buffer_free(json2);
    json2 = (char *)1;
    EXPECT(xxgk_report_to_json(r, 0x80u, &json2, NULL), XXGK_E_INVALID_ARGUMENT);
    CHECK(json2 == (char *)1); /* untouched on failure */
    EXPECT(xxgk_report_to_json(NULL, 0, &json2, NULL), XXGK_E_INVALID_ARGUMENT);
    EXPECT(xxgk_report_to_json(r, 0, NULL, NULL), XXGK_E_INVALID_ARGUMENT);

    /* from a document: sniffed, forced, and refused */
    EXPECT(xxgk_report_from_document(seed, len, XXGK_FORMAT_AUTO, &r2), XXGK_OK);
    EXPECT(xxgk_report_format(r2, &format), XXGK_OK);
    CHECK(format == XXGK_FORMAT_JSON);
    xxgk_report_free(r2);
    EXPECT(xxgk_report_from_document(seed, len, XXGK_FORMAT_JSON, &r2), XXGK_OK);
    xxgk_report_free(r2);
    EXPECT(xxgk_report_from_document(seed, len, (xxgk_format)42, &r2), XXGK_E_INVALID_ARGUMENT);
    CHECK(r2 == NULL);
    EXPECT(xxgk_report_from_document(seed, len, (xxgk_format)-1, &r2), XXGK_E_INVALID_ARGUMENT);
    EXPECT(xxgk_report_from_document(seed, len, XXGK_FORMAT_AUTO, NULL), XXGK_E_INVALID_ARGUMENT);
    EXPECT(xxgk_report_from_document(NULL, 1, XXGK_FORMAT_AUTO, &r2), XXGK_E_INVALID_ARGUMENT);
    {
        const char prose[] = "this is not a government information disclosure report";
        EXPECT(xxgk_report_from_document(prose, sizeof prose - 1, XXGK_FORMAT_AUTO, &r2), XXGK_E_PARSE);
        CHECK(r2 == NULL);
        EXPECT(xxgk_report_from_document(prose, sizeof prose - 1, XXGK_FORMAT_JSON, &r2), XXGK_E_PARSE);
        CHECK(xxgk_last_error(&e) == XXGK_OK && e.line == 1 && e.column == 1 && e.offset == 0);
    }

    /* from a file */
    {
        char path[4096];
        snprintf(path, sizeof path, "%s/examples/acheng-yagou-2023.json", dir);
        EXPECT(xxgk_report_from_file(path, XXGK_FORMAT_AUTO, &r2), XXGK_OK);
        EXPECT(xxgk_report_to_json(r2, 0, &json2, NULL), XXGK_OK);
        CHECK(json2 && strcmp(json, json2) == 0);
        xxgk_buffer_free(json2);
        xxgk_report_free(r2);
        EXPECT(xxgk_report_from_file(path, (xxgk_format)(XXGK_FORMAT_IMAGE + 1), &r2), XXGK_E_INVALID_ARGUMENT);
        EXPECT(xxgk_report_from_file(path, XXGK_FORMAT_AUTO, NULL), XXGK_E_INVALID_ARGUMENT);
        snprintf(path, sizeof path, "%s/examples/no-such-report.json", dir);
        EXPECT(xxgk_report_from_file(path, XXGK_FORMAT_AUTO, &r2), XXGK_E_IO);
        CHECK(r2 == NULL && strstr(xxgk_last_error_message(), "no-such-report.json") != NULL);
        EXPECT(xxgk_report_from_file(NULL, XXGK_FORMAT_AUTO, &r2), XXGK_E_INVALID_ARGUMENT);
        snprintf(path, sizeof path, "%s/examples/faults/malformed.json", dir);
        EXPECT(xxgk_report_from_file(path, XXGK_FORMAT_AUTO, &r2), XXGK_E_PARSE);
        CHECK(xxgk_last_error(&e) == XXGK_OK && e.line > 1);
    }

    xxgk_buffer_free(json);
    xxgk_buffer_free(NULL);
    xxgk_report_free(r);
    xxgk_report_free(NULL);
    free(seed);
}

static void test_options(void) {
    xxgk_check_options o;
    xxgk_options *opts = (xxgk_options *)1;
    const char *unknown[] = {"t3.balance", "no.such_rule"};
    const char *nulls[] = {NULL};
    xxgk_severity_override bad_override = {"t3.balance", (xxgk_severity)9};
    xxgk_severity_override null_override = {NULL, XXGK_SEVERITY_INFO};
    xxgk_severity_override unknown_override = {"no.such_rule", XXGK_SEVERITY_INFO};

    memset(&o, 0xff, sizeof o);
    EXPECT(xxgk_check_options_init(&o), XXGK_OK);
    CHECK(o.version == XXGK_CHECK_OPTIONS_VERSION && o.size == sizeof o && o.language == XXGK_LANGUAGE_ZH &&
          o.disabled_rules == NULL && o.disabled_count == 0 && o.severity_overrides == NULL &&
          o.severity_override_count == 0 && o.fee_unit_threshold == NULL);
    EXPECT(xxgk_check_options_init(NULL), XXGK_E_INVALID_ARGUMENT);

    EXPECT(xxgk_options_new(NULL, &opts), XXGK_OK);
    CHECK(opts != NULL);
    xxgk_options_free(opts);
    EXPECT(xxgk_options_new(&o, &opts), XXGK_OK);
    xxgk_options_free(opts);
    EXPECT(xxgk_options_new(&o, NULL), XXGK_E_INVALID_ARGUMENT);

#define REFUSED(field_change, code)                                                                           \
    do {                                                                                                      \
        xxgk_check_options_init(&o);                                                                          \
        field_change;                                                                                         \
        opts = (xxgk_options *)1;                                                                             \
        EXPECT(xxgk_options_new(&o, &opts), code);                                                            \
        CHECK(opts == NULL);                                                                                  \
    } while (0)
    REFUSED(o.version = 0, XXGK_E_VERSION);
    REFUSED(o.version = XXGK_CHECK_OPTIONS_VERSION + 1, XXGK_E_VERSION);
    REFUSED(o.size = 8, XXGK_E_INVALID_ARGUMENT);
    REFUSED(o.language = (xxgk_language)7, XXGK_E_INVALID_ARGUMENT);
    REFUSED((o.disabled_rules = unknown, o.disabled_count = 2), XXGK_E_NOT_FOUND);
    REFUSED((o.disabled_rules = NULL, o.disabled_count = 1), XXGK_E_INVALID_ARGUMENT);
    REFUSED((o.disabled_rules = nulls, o.disabled_count = 1), XXGK_E_INVALID_ARGUMENT);
    REFUSED((o.severity_overrides = NULL, o.severity_override_count = 1), XXGK_E_INVALID_ARGUMENT);
    REFUSED((o.severity_overrides = &bad_override, o.severity_override_count = 1), XXGK_E_INVALID_ARGUMENT);
    REFUSED((o.severity_overrides = &null_override, o.severity_override_count = 1), XXGK_E_INVALID_ARGUMENT);
    REFUSED((o.severity_overrides = &unknown_override, o.severity_override_count = 1), XXGK_E_NOT_FOUND);
    REFUSED(o.fee_unit_threshold = "abc", XXGK_E_INVALID_ARGUMENT);
    REFUSED(o.fee_unit_threshold = "-1", XXGK_E_INVALID_ARGUMENT);
#undef REFUSED
    CHECK(strstr(xxgk_last_error_message(), "-1") != NULL);
    xxgk_options_free(NULL);
}

static void test_check(const char *dir) {
    size_t len = 0, n = 99, i, k;
    char *seed = read_file(dir, "examples/acheng-yagou-2023.json", &len);
    char *balance = NULL, *json = NULL;
    xxgk_report *clean = NULL, *faulty = NULL;
    xxgk_result *res = (xxgk_result *)1;
    xxgk_options *opts = NULL;
    xxgk_check_options o = XXGK_CHECK_OPTIONS_INIT;
    xxgk_diagnostic d = XXGK_DIAGNOSTIC_INIT;
    xxgk_string p;

    EXPECT(xxgk_report_from_json(seed, len, &clean), XXGK_OK);
    balance = read_file(dir, "examples/faults/balance.json", &len);
    EXPECT(xxgk_report_from_json(balance, len, &faulty), XXGK_OK);

    /* The seed is clean. */
    EXPECT(xxgk_check(clean, NULL, &res), XXGK_OK);
    EXPECT(xxgk_result_count(res, &n), XXGK_OK);
    CHECK(n == 0);
    EXPECT(xxgk_result_to_json(res, 0, &json, &len), XXGK_OK);
    CHECK(json && strcmp(json, "[]") == 0 && len == 2);
    xxgk_buffer_free(json);
    xxgk_result_free(res);

    /* The fault: a t3.balance failure with its values, labels and cells. */
    EXPECT(xxgk_check(faulty, NULL, &res), XXGK_OK);
    EXPECT(xxgk_result_count(res, &n), XXGK_OK);
    CHECK(n >= 1);
    i = find_rule_finding(res, "t3.balance", &d);
    CHECK(i < n);
    CHECK(d.severity == XXGK_SEVERITY_ERROR && d.status == XXGK_FINDING_FAIL);
    CHECK(string_ok(d.rule) && string_ok(d.pointer) && strncmp(d.pointer.data, "/applications/", 14) == 0);
    CHECK(string_ok(d.left) && string_ok(d.right) && string_ok(d.difference));
    CHECK(string_ok(d.table_label) && has(d.table_label, "收到和处理"));
    CHECK(string_ok(d.row_label) && string_ok(d.column_label) && d.column_label.size > 0);
    CHECK(string_ok(d.message) && has(d.message, d.left.data) && has(d.message, d.difference.data));
    CHECK(d.text.data == NULL && d.text.size == 0);
    CHECK(d.pointer_count >= 4);
    for (k = 0; k < d.pointer_count; ++k) {
        EXPECT(xxgk_result_pointer(res, i, k, &p), XXGK_OK);
        CHECK(string_ok(p) && p.data[0] == '/');
        if (k == 0) CHECK(strcmp(p.data, d.pointer.data) == 0);
    }
    EXPECT(xxgk_result_pointer(res, i, d.pointer_count, &p), XXGK_E_RANGE);
    EXPECT(xxgk_result_pointer(res, n, 0, &p), XXGK_E_RANGE);
    EXPECT(xxgk_result_pointer(NULL, i, 0, &p), XXGK_E_INVALID_ARGUMENT);
    EXPECT(xxgk_result_pointer(res, i, 0, NULL), XXGK_E_INVALID_ARGUMENT);
    {
        size_t errors = 0, warnings = 0, infos = 0;
        EXPECT(xxgk_result_count_severity(res, XXGK_SEVERITY_ERROR, &errors), XXGK_OK);
        EXPECT(xxgk_result_count_severity(res, XXGK_SEVERITY_WARNING, &warnings), XXGK_OK);
        EXPECT(xxgk_result_count_severity(res, XXGK_SEVERITY_INFO, &infos), XXGK_OK);
        CHECK(errors >= 1 && errors + warnings + infos == n);
        EXPECT(xxgk_result_count_severity(res, (xxgk_severity)3, &errors), XXGK_E_INVALID_ARGUMENT);
        EXPECT(xxgk_result_count_severity(NULL, XXGK_SEVERITY_ERROR, &errors), XXGK_E_INVALID_ARGUMENT);
        EXPECT(xxgk_result_count_severity(res, XXGK_SEVERITY_ERROR, NULL), XXGK_E_INVALID_ARGUMENT);
    }
    EXPECT(xxgk_result_get(res, n, &d), XXGK_E_RANGE);
    EXPECT(xxgk_result_get(NULL, 0, &d), XXGK_E_INVALID_ARGUMENT);
    EXPECT(xxgk_result_get(res, 0, NULL), XXGK_E_INVALID_ARGUMENT);
    {
        xxgk_diagnostic small = XXGK_DIAGNOSTIC_INIT;
        small.size = 4;
        EXPECT(xxgk_result_get(res, i, &small), XXGK_E_INVALID_ARGUMENT);
        /* An older, shorter struct: only its fields are written. */
        small.size = (uint32_t)offsetof(xxgk_diagnostic, severity);
        small.severity = (xxgk_severity)77;
        EXPECT(xxgk_result_get(res, i, &small), XXGK_OK);
        CHECK(strcmp(small.rule.data, "t3.balance") == 0 && (int)small.severity == 77);
    }
    EXPECT(xxgk_result_count(NULL, &n), XXGK_E_INVALID_ARGUMENT);
    EXPECT(xxgk_result_count(res, NULL), XXGK_E_INVALID_ARGUMENT);
    EXPECT(xxgk_result_to_json(res, XXGK_JSON_PRETTY, &json, NULL), XXGK_OK);
    CHECK(json && json[0] == '[' && strstr(json, "\"rule\": \"t3.balance\"") != NULL);
    xxgk_buffer_free(json);
    EXPECT(xxgk_result_to_json(res, XXGK_JSON_POSITIONS, &json, NULL), XXGK_E_INVALID_ARGUMENT);
    EXPECT(xxgk_result_to_json(NULL, 0, &json, NULL), XXGK_E_INVALID_ARGUMENT);
    EXPECT(xxgk_result_to_json(res, 0, NULL, NULL), XXGK_E_INVALID_ARGUMENT);
    xxgk_result_free(res);
    xxgk_result_free(NULL);

    /* Options: disabled rule, severity override, English, threshold. */
    {
        const char *disabled[] = {"t3.balance"};
        xxgk_severity_override to_warning = {"t3.balance", XXGK_SEVERITY_WARNING};
        o.disabled_rules = disabled;
        o.disabled_count = 1;
        EXPECT(xxgk_options_new(&o, &opts), XXGK_OK);
        EXPECT(xxgk_check(faulty, opts, &res), XXGK_OK);
        xxgk_result_count(res, &n);
        CHECK(find_rule_finding(res, "t3.balance", NULL) == n);
        xxgk_result_free(res);
        xxgk_options_free(opts);

        xxgk_check_options_init(&o);
        o.severity_overrides = &to_warning;
        o.severity_override_count = 1;
        o.language = XXGK_LANGUAGE_EN;
        EXPECT(xxgk_options_new(&o, &opts), XXGK_OK);
        EXPECT(xxgk_check(faulty, opts, &res), XXGK_OK);
        xxgk_result_count(res, &n);
        i = find_rule_finding(res, "t3.balance", &d);
        CHECK(i < n && d.severity == XXGK_SEVERITY_WARNING && has(d.message, "column"));
        EXPECT(xxgk_result_to_json(res, 0, &json, NULL), XXGK_OK);
        CHECK(json && strstr(json, "\"severity\":\"warning\"") && strstr(json, "carried forward"));
        xxgk_buffer_free(json);
        xxgk_result_free(res);
        xxgk_options_free(opts);

        xxgk_check_options_init(&o);
        o.fee_unit_threshold = "0";
        EXPECT(xxgk_options_new(&o, &opts), XXGK_OK);
        EXPECT(xxgk_check(clean, opts, &res), XXGK_OK);
        xxgk_result_count(res, &n);
        CHECK(find_rule_finding(res, "t2.fee_unit", &d) < n && has(d.message, "0"));
        xxgk_result_free(res);
        xxgk_options_free(opts);
    }

    res = (xxgk_result *)1;
    EXPECT(xxgk_check(NULL, NULL, &res), XXGK_E_INVALID_ARGUMENT);
    CHECK(res == NULL);
    EXPECT(xxgk_check(clean, NULL, NULL), XXGK_E_INVALID_ARGUMENT);

    xxgk_report_free(clean);
    xxgk_report_free(faulty);
    free(seed);
    free(balance);
}

/* The cross-year check: the seed (2023) against a synthetic 2022 report that carried one application forward. */
static void test_check_pair(const char *dir) {
    size_t len = 0, n = 0, i;
    char *seed = read_file(dir, "examples/acheng-yagou-2023.json", &len);
    char *prior = NULL;
    xxgk_report *current = NULL, *previous = NULL;
    xxgk_result *res = (xxgk_result *)1;
    xxgk_diagnostic d = XXGK_DIAGNOSTIC_INIT;

    EXPECT(xxgk_report_from_json(seed, len, &current), XXGK_OK);
    prior = read_file(dir, "tests/data/pairs/acheng-yagou-2022-synthetic.json", &len);
    EXPECT(xxgk_report_from_json(prior, len, &previous), XXGK_OK);

    EXPECT(xxgk_check_pair(current, previous, NULL, &res), XXGK_OK);
    EXPECT(xxgk_result_count(res, &n), XXGK_OK);
    CHECK(n == 2);
    i = find_rule_finding(res, "xy.carry_over", &d);
    CHECK(i < n);
    CHECK(strcmp(d.pointer.data, "/applications/carried_over/natural_person") == 0);
    CHECK(strcmp(d.left.data, "0") == 0 && strcmp(d.right.data, "1") == 0 && strcmp(d.difference.data, "-1") == 0);
    xxgk_result_free(res);

    /* Years that do not follow each other: the call succeeds, the findings say the pair is not assessable. */
    EXPECT(xxgk_check_pair(previous, previous, NULL, &res), XXGK_OK);
    EXPECT(xxgk_result_count(res, &n), XXGK_OK);
    CHECK(n >= 1);
    xxgk_result_free(res);

    res = (xxgk_result *)1;
    EXPECT(xxgk_check_pair(NULL, previous, NULL, &res), XXGK_E_INVALID_ARGUMENT);
    CHECK(res == NULL);
    EXPECT(xxgk_check_pair(current, NULL, NULL, &res), XXGK_E_INVALID_ARGUMENT);
    EXPECT(xxgk_check_pair(current, previous, NULL, NULL), XXGK_E_INVALID_ARGUMENT);

    xxgk_report_free(current);
    xxgk_report_free(previous);
    free(seed);
    free(prior);
}

/* What `xxgk check` adds over one file: last year's report and the children's through xxgk_check_with, the
 * options of version 2 (deadlines, similarity), a version 1 options struct from an older caller, and rendering. */
static void test_check_with_and_render(const char *dir) {
    size_t len = 0, n = 0;
    char *seed = read_file(dir, "examples/acheng-yagou-2023.json", &len);
    char *prior_text = NULL, *balance = NULL, *out = NULL;
    xxgk_report *current = NULL, *previous = NULL, *faulty = NULL;
    xxgk_result *res = (xxgk_result *)1, *pair = NULL;
    xxgk_options *opts = NULL;
    xxgk_check_options o = XXGK_CHECK_OPTIONS_INIT, v1;
    xxgk_check_context context = XXGK_CHECK_CONTEXT_INIT;
    xxgk_render_options render = XXGK_RENDER_OPTIONS_INIT;
    const xxgk_deadline deadline = {XXGK_AGENCY_TOWNSHIP, 2, 28}, leap = {XXGK_AGENCY_TOWNSHIP, 2, 29};
    const xxgk_deadline bad_kind = {(xxgk_agency_kind)9, 3, 1};
    const xxgk_report *children[2];
    size_t n_pair = 0;

    EXPECT(xxgk_report_from_json(seed, len, &current), XXGK_OK);
    prior_text = read_file(dir, "tests/data/pairs/acheng-yagou-2022-synthetic.json", &len);
    EXPECT(xxgk_report_from_json(prior_text, len, &previous), XXGK_OK);
    balance = read_file(dir, "examples/faults/balance.json", &len);
    EXPECT(xxgk_report_from_json(balance, len, &faulty), XXGK_OK);

    /* Last year's report: the findings of xxgk_check (none) followed by those of xxgk_check_pair. */
    context.previous = previous;
    EXPECT(xxgk_check_with(current, &context, NULL, &res), XXGK_OK);
    EXPECT(xxgk_check_pair(current, previous, NULL, &pair), XXGK_OK);
    EXPECT(xxgk_result_count(res, &n), XXGK_OK);
    EXPECT(xxgk_result_count(pair, &n_pair), XXGK_OK);
    CHECK(n == n_pair && n == 2 && find_rule_finding(res, "xy.carry_over", NULL) < n);
    xxgk_result_free(res);
    xxgk_result_free(pair);
    /* Children whose sums differ from the parent's figures: xy.hierarchy. */
    context.previous = NULL;
    children[0] = faulty;
    children[1] = faulty;
    context.children = children;
    context.child_count = 2;
    EXPECT(xxgk_check_with(current, &context, NULL, &res), XXGK_OK);
    EXPECT(xxgk_result_count(res, &n), XXGK_OK);
    CHECK(n > 0 && find_rule_finding(res, "xy.hierarchy", NULL) < n);
    xxgk_result_free(res);
    /* No context is xxgk_check; bad contexts are refused. */
    EXPECT(xxgk_check_with(faulty, NULL, NULL, &res), XXGK_OK);
    EXPECT(xxgk_result_count(res, &n), XXGK_OK);
    CHECK(n == 2);
    xxgk_result_free(res);
    context.children = NULL;
    EXPECT(xxgk_check_with(current, &context, NULL, &res), XXGK_E_INVALID_ARGUMENT);
    CHECK(res == NULL);
    context.child_count = 0;
    context.version = 2;
    EXPECT(xxgk_check_with(current, &context, NULL, &res), XXGK_E_VERSION);
    EXPECT(xxgk_check_with(NULL, NULL, NULL, &res), XXGK_E_INVALID_ARGUMENT);

    /* Version 2 options: a missing publication date required, a deadline; bad ones refused. */
    o.require_date = 1;
    EXPECT(xxgk_options_new(&o, &opts), XXGK_OK);
    EXPECT(xxgk_check(current, opts, &res), XXGK_OK);
    EXPECT(xxgk_result_count(res, &n), XXGK_OK);
    CHECK(n == 1 && find_rule_finding(res, "pub.late", NULL) == 0);
    xxgk_result_free(res);
    xxgk_options_free(opts);
    o.require_date = 0;
    o.deadlines = &deadline;
    o.deadline_count = 1;
    o.similarity = "0.5";
    EXPECT(xxgk_options_new(&o, &opts), XXGK_OK);
    xxgk_options_free(opts);
    opts = NULL;
    o.deadlines = &leap;
    EXPECT(xxgk_options_new(&o, &opts), XXGK_E_INVALID_ARGUMENT);
    o.deadlines = &bad_kind;
    EXPECT(xxgk_options_new(&o, &opts), XXGK_E_INVALID_ARGUMENT);
    o.deadlines = NULL;
    EXPECT(xxgk_options_new(&o, &opts), XXGK_E_INVALID_ARGUMENT);
    o.deadline_count = 0;
    o.similarity = "1.5";
    EXPECT(xxgk_options_new(&o, &opts), XXGK_E_INVALID_ARGUMENT);
    CHECK(opts == NULL);

    /* An older caller's version 1 struct: initialised by the version 1 function, accepted, its size respected. */
    memset(&v1, 0xab, sizeof v1);
    EXPECT((xxgk_check_options_init)(&v1), XXGK_OK);
    CHECK(v1.version == 1 && v1.size < sizeof v1 && v1.size > 0);
    CHECK(*((const unsigned char *)&v1 + v1.size) == 0xab);
    EXPECT(xxgk_options_new(&v1, &opts), XXGK_OK);
    xxgk_options_free(opts);
    EXPECT(xxgk_check_options_init_size(&v1, 8), XXGK_E_INVALID_ARGUMENT);

    /* Rendering: the tables, then with a result the findings. */
    render.format = XXGK_RENDER_TEXT;
    render.language = XXGK_LANGUAGE_EN;
    EXPECT(xxgk_render(faulty, NULL, &render, &out, &len), XXGK_OK);
    CHECK(out && strlen(out) == len && strstr(out, "t3.balance") == NULL);
    xxgk_buffer_free(out);
    EXPECT(xxgk_check(faulty, NULL, &res), XXGK_OK);
    EXPECT(xxgk_render(faulty, res, &render, &out, NULL), XXGK_OK);
    CHECK(out && strstr(out, "t3.balance") != NULL);
    xxgk_buffer_free(out);
    EXPECT(xxgk_render(faulty, res, NULL, &out, NULL), XXGK_OK);
    CHECK(out && strstr(out, "<html") != NULL);
    xxgk_buffer_free(out);
    render.format = (xxgk_render_format)7;
    EXPECT(xxgk_render(faulty, res, &render, &out, NULL), XXGK_E_INVALID_ARGUMENT);
    EXPECT(xxgk_render(NULL, res, NULL, &out, NULL), XXGK_E_INVALID_ARGUMENT);
    xxgk_result_free(res);

    xxgk_report_free(current);
    xxgk_report_free(previous);
    xxgk_report_free(faulty);
    free(seed);
    free(prior_text);
    free(balance);
}

static void test_batch(const char *dir) {
    size_t len = 0, out_len = 0, lines = 0;
    char *seed = read_file(dir, "examples/acheng-yagou-2023.json", &len);
    char *balance = read_file(dir, "examples/faults/balance.json", &len);
    xxgk_report *a = NULL, *b = NULL;
    char *ja = NULL, *jb = NULL, *input, *out = NULL, *line;
    size_t la = 0, lb = 0;
    const char *bad = "{\"format\": nope}";

    xxgk_report_from_json(seed, strlen(seed), &a);
    xxgk_report_from_json(balance, strlen(balance), &b);
    EXPECT(xxgk_report_to_json(a, 0, &ja, &la), XXGK_OK);
    EXPECT(xxgk_report_to_json(b, 0, &jb, &lb), XXGK_OK);
    input = malloc(la + lb + strlen(bad) + 8);
    sprintf(input, "%s\n\r\n%s\n%s", ja, bad, jb); /* the last line has no newline */
    EXPECT(xxgk_check_jsonl(input, strlen(input), NULL, &out, &out_len), XXGK_OK);
    CHECK(out && strlen(out) == out_len);
    for (line = out; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        ++lines;
        if (lines == 1) CHECK(strncmp(line, "{\"line\":1,\"diagnostics\":[],\"summary\":{\"error\":0", 46) == 0);
        if (lines == 2) CHECK(strncmp(line, "{\"line\":3,\"error\":", 18) == 0 && strstr(line, "XXGK_E_PARSE"));
        if (lines == 3) CHECK(strncmp(line, "{\"line\":4,\"diagnostics\":[{", 26) == 0 && strstr(line, "t3.balance"));
    }
    CHECK(lines == 3);
    xxgk_buffer_free(out);
    out = (char *)1;
    EXPECT(xxgk_check_jsonl("", 0, NULL, &out, &out_len), XXGK_OK);
    CHECK(out && out[0] == '\0' && out_len == 0);
    xxgk_buffer_free(out);
    EXPECT(xxgk_check_jsonl(NULL, 0, NULL, &out, NULL), XXGK_OK);
    xxgk_buffer_free(out);
    EXPECT(xxgk_check_jsonl(NULL, 3, NULL, &out, NULL), XXGK_E_INVALID_ARGUMENT);
    EXPECT(xxgk_check_jsonl(input, strlen(input), NULL, NULL, NULL), XXGK_E_INVALID_ARGUMENT);

    free(input);
    xxgk_buffer_free(ja);
    xxgk_buffer_free(jb);
    xxgk_report_free(a);
    xxgk_report_free(b);
    free(seed);
    free(balance);
}

static void test_check_batch(const char *dir) {
    size_t len = 0, out_len = 0, lines = 0, one_len = 0;
    char *balance = read_file(dir, "examples/faults/balance.json", &len);
    char seed_path[4096], missing_path[4096], *out = NULL, *one = NULL, *line;
    const char *paths[4];
    const char *documents[4] = {NULL, NULL, NULL, NULL};
    size_t sizes[4] = {0, 0, 0, 0};
    xxgk_batch batch = XXGK_BATCH_INIT;

    snprintf(seed_path, sizeof seed_path, "%s/examples/acheng-yagou-2023.json", dir);
    snprintf(missing_path, sizeof missing_path, "%s/examples/no-such-report.json", dir);
    paths[0] = seed_path;                    /* a file */
    paths[1] = NULL;                         /* a document in memory, unnamed */
    documents[1] = balance;
    sizes[1] = len;
    paths[2] = missing_path;                 /* a file that is not there */
    paths[3] = "bad.json";                   /* a document in memory, named */
    documents[3] = "{\"format\": nope}";
    sizes[3] = strlen(documents[3]);
    batch.count = 4;
    batch.paths = paths;
    batch.documents = documents;
    batch.sizes = sizes;
    EXPECT(xxgk_check_batch(&batch, NULL, &one, &one_len), XXGK_OK);
    CHECK(one && strlen(one) == one_len);
    for (line = one; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        ++lines;
        if (lines == 1)
            CHECK(strncmp(line, "{\"index\":0,\"file\":\"", 19) == 0 &&
                  strstr(line, "\"agency\":\"\xe9\x98\xbf\xe5\x9f\x8e") && strstr(line, "\"year\":2023,\"diagnostics\":[],"));
        if (lines == 2) CHECK(strncmp(line, "{\"index\":1,\"agency\":", 20) == 0 && strstr(line, "t3.balance"));
        if (lines == 3) CHECK(strncmp(line, "{\"index\":2,", 11) == 0 && strstr(line, "\"code\":\"XXGK_E_IO\""));
        if (lines == 4)
            CHECK(strncmp(line, "{\"index\":3,\"file\":\"bad.json\",\"error\":", 37) == 0 &&
                  strstr(line, "\"code\":\"XXGK_E_PARSE\""));
    }
    CHECK(lines == 4);
    /* Worker threads change nothing but the time: the same text. */
    batch.threads = 3;
    EXPECT(xxgk_check_batch(&batch, NULL, &out, &out_len), XXGK_OK);
    CHECK(out && one && out_len == one_len && memcmp(out, one, one_len) == 0);
    xxgk_buffer_free(out);
    batch.threads = 0;
    EXPECT(xxgk_check_batch(&batch, NULL, &out, NULL), XXGK_OK);
    CHECK(out && one && strcmp(out, one) == 0);
    xxgk_buffer_free(out);

    batch.count = 0;
    out = NULL;
    EXPECT(xxgk_check_batch(&batch, NULL, &out, &out_len), XXGK_OK);
    CHECK(out && out[0] == '\0' && out_len == 0);
    xxgk_buffer_free(out);
    batch.count = 4;
    EXPECT(xxgk_check_batch(NULL, NULL, &out, NULL), XXGK_E_INVALID_ARGUMENT);
    EXPECT(xxgk_check_batch(&batch, NULL, NULL, NULL), XXGK_E_INVALID_ARGUMENT);
    documents[0] = NULL;
    paths[0] = NULL; /* neither a document nor a path */
    EXPECT(xxgk_check_batch(&batch, NULL, &out, NULL), XXGK_E_INVALID_ARGUMENT);
    paths[0] = seed_path;
    batch.sizes = NULL;
    EXPECT(xxgk_check_batch(&batch, NULL, &out, NULL), XXGK_E_INVALID_ARGUMENT);
    batch.sizes = sizes;
    batch.format = (xxgk_format)99;
    EXPECT(xxgk_check_batch(&batch, NULL, &out, NULL), XXGK_E_INVALID_ARGUMENT);
    batch.format = XXGK_FORMAT_AUTO;
    batch.version = XXGK_BATCH_VERSION + 1;
    EXPECT(xxgk_check_batch(&batch, NULL, &out, NULL), XXGK_E_VERSION);
    batch.version = XXGK_BATCH_VERSION;
    batch.size = 8;
    EXPECT(xxgk_check_batch(&batch, NULL, &out, NULL), XXGK_E_INVALID_ARGUMENT);

    xxgk_buffer_free(one);
    free(balance);
}

static void test_catalogue(void) {
    size_t n = 0, i, found = 99, len = 0;
    xxgk_rule_info info = XXGK_RULE_INFO_INIT;
    char *json = NULL;

    EXPECT(xxgk_rule_count(&n), XXGK_OK);
    CHECK(n >= 20);
    EXPECT(xxgk_rule_count(NULL), XXGK_E_INVALID_ARGUMENT);
    for (i = 0; i < n; ++i) {
        EXPECT(xxgk_rule_get(i, &info), XXGK_OK);
        CHECK(string_ok(info.id) && string_ok(info.title_zh) && string_ok(info.title_en) &&
              string_ok(info.message_zh) && string_ok(info.message_en) && string_ok(info.rationale) &&
              string_ok(info.rationale_zh) && strcmp(info.rationale.data, info.rationale_zh.data) != 0);
        CHECK(info.default_severity <= XXGK_SEVERITY_INFO && info.scope <= XXGK_SCOPE_PUBLICATION);
        EXPECT(xxgk_rule_find(info.id.data, info.id.size, &found), XXGK_OK);
        CHECK(found == i);
    }
    EXPECT(xxgk_rule_get(0, &info), XXGK_OK);
    CHECK(strcmp(info.id.data, "cell.not_numeric") == 0 && info.scope == XXGK_SCOPE_TABLES);
    EXPECT(xxgk_rule_find("t3.balance", 10, &found), XXGK_OK);
    EXPECT(xxgk_rule_get(found, &info), XXGK_OK);
    CHECK(info.default_severity == XXGK_SEVERITY_ERROR && has(info.title_en, "balance"));
    EXPECT(xxgk_rule_find("t3.balance!", 10, &found), XXGK_OK); /* the length bounds the id */
    EXPECT(xxgk_rule_get(n, &info), XXGK_E_RANGE);
    EXPECT(xxgk_rule_get(0, NULL), XXGK_E_INVALID_ARGUMENT);
    info.size = 0;
    EXPECT(xxgk_rule_get(0, &info), XXGK_E_INVALID_ARGUMENT);
    EXPECT(xxgk_rule_find("t3.nothing", 10, &found), XXGK_E_NOT_FOUND);
    CHECK(strstr(xxgk_last_error_message(), "t3.nothing") != NULL);
    EXPECT(xxgk_rule_find(NULL, 3, &found), XXGK_E_INVALID_ARGUMENT);
    EXPECT(xxgk_rule_find("t3.balance", 10, NULL), XXGK_E_INVALID_ARGUMENT);

    EXPECT(xxgk_rules_to_json(0, &json, &len), XXGK_OK);
    CHECK(json && json[0] == '[' && strlen(json) == len && strstr(json, "\"id\":\"t3.balance\""));
    xxgk_buffer_free(json);
    EXPECT(xxgk_rules_to_json(XXGK_JSON_PRETTY, &json, NULL), XXGK_OK);
    CHECK(json && strncmp(json, "[\n  {", 5) == 0);
    xxgk_buffer_free(json);
    EXPECT(xxgk_rules_to_json(4u, &json, NULL), XXGK_E_INVALID_ARGUMENT);
    EXPECT(xxgk_rules_to_json(0, NULL, NULL), XXGK_E_INVALID_ARGUMENT);
}

/* A canonical 2021 report of `agency` whose every count is `n`, with fees of 0.n5 万元. */
static void report_json(char *out, size_t size, const char *agency, int year, const char *published, int n) {
    char row[256], table[8192] = "", review[1024] = "";
    static const char *rows[] = {"new_received", "carried_over", "granted", "partially_granted",
        "denied_state_secret", "denied_prohibited_by_law", "denied_security_stability", "denied_third_party_rights",
        "denied_internal_affairs", "denied_process_information", "denied_enforcement_file",
        "denied_administrative_query", "unavailable_not_held", "unavailable_needs_creation",
        "unavailable_unclear_after_correction", "rejected_complaint", "rejected_repeated", "rejected_publication",
        "rejected_excessive", "rejected_confirmation", "other_no_correction", "other_fee_unpaid", "other_other",
        "total_processed", "carried_forward"};
    static const char *proceedings[] = {"administrative_review", "litigation_direct", "litigation_after_review"};
    size_t i;
    for (i = 0; i < sizeof rows / sizeof rows[0]; ++i) {
        snprintf(row, sizeof row,
                 "%s\"%s\":{\"natural_person\":%d,\"commercial\":0,\"research\":0,\"social_welfare\":0,"
                 "\"legal_service\":0,\"other\":0,\"total\":%d}",
                 i ? "," : "", rows[i], n, n);
        strcat(table, row);
    }
    for (i = 0; i < 3; ++i) {
        snprintf(row, sizeof row, "%s\"%s\":{\"upheld\":%d,\"corrected\":%d,\"other\":0,\"pending\":0,\"total\":%d}",
                 i ? "," : "", proceedings[i], n, n, 2 * n);
        strcat(review, row);
    }
    snprintf(out, size,
             "{\"format\":\"2021\",\"agency\":\"%s\",\"year\":%d,\"published\":\"%s\",\"active_disclosure\":{"
             "\"regulations\":{\"issued\":%d,\"repealed\":0,\"in_force\":%d},\"normative_documents\":{\"issued\":0,"
             "\"repealed\":0,\"in_force\":0},\"licensing\":%d,\"punishment\":0,\"enforcement\":0,\"fees\":\"0.%d5\"},"
             "\"applications\":{%s},\"review_litigation\":{%s}}",
             agency, year, published, n, n, n, n, table, review);
}

/* xxgk_aggregate_json over a parent with its children (a late unit, an unreadable one mapped by file, the exact
 * sum of the fees, the cells the parent differs in) and its errors; xxgk_indicators_json with and without last year. */
static void test_office(void) {
    static char a[16384], b[16384], p[16384], request[65536];
    char *json = NULL;
    size_t len = 0;
    report_json(a, sizeof a, "甲局", 2024, "2025-01-20", 2);
    report_json(b, sizeof b, "乙局", 2024, "2025-02-03", 3); /* three days after 31 January */
    report_json(p, sizeof p, "某区人民政府", 2024, "2025-03-01", 6); /* one more than 2 + 3 in every count */
    snprintf(request, sizeof request,
             "{\"units\":[{\"unit\":\"某区人民政府\",\"kind\":\"government\"},"
             "{\"unit\":\"甲局\",\"kind\":\"department\",\"parent\":\"某区人民政府\"},"
             "{\"unit\":\"乙局\",\"kind\":\"department\",\"parent\":\"某区人民政府\"},"
             "{\"unit\":\"丙局\",\"kind\":\"department\",\"parent\":\"某区人民政府\"}],"
             "\"reports\":[{\"file\":\"a.json\",\"report\":%s},{\"file\":\"b.json\",\"report\":%s},"
             "{\"file\":\"p.json\",\"report\":%s},{\"file\":\"c.docx\",\"error\":\"not a zip\"}],"
             "\"unit_files\":[{\"file\":\"c.docx\",\"unit\":\"丙局\"}]}",
             a, b, p);
    CHECK(xxgk_aggregate_json(request, strlen(request), NULL, 0, &json, &len) == XXGK_OK);
    CHECK(json && strlen(json) == len);
    if (json) {
        CHECK(strstr(json, "\"late\":1") != NULL);
        CHECK(strstr(json, "\"days_late\":3") != NULL);
        CHECK(strstr(json, "\"unreadable\":1") != NULL);
        /* the sum of 2 and 3 is 5; the parent printed 6 */
        CHECK(strstr(json, "\"pointer\":\"/applications/granted/natural_person\",\"table\"") != NULL);
        CHECK(strstr(json, "\"published\":\"6\",\"sum\":\"5\",\"difference\":\"1\"") != NULL);
        CHECK(strstr(json, "\"fees\":\"0.60\"") != NULL); /* 0.25 + 0.35, exactly */
        xxgk_buffer_free(json);
    }

    {
        const char *bad = "{\"reports\":[{\"report\":{\"format\":\"2021\"}}]}";
        CHECK(xxgk_aggregate_json(bad, strlen(bad), NULL, 0, &json, NULL) == XXGK_E_PARSE);
    }
    CHECK(strstr(xxgk_last_error_message(), "/reports/0/report") != NULL);
    CHECK(xxgk_aggregate_json("[1]", 3, NULL, 0, &json, NULL) == XXGK_E_INVALID_ARGUMENT);
    {
        const char *cycle = "{\"units\":[{\"unit\":\"甲\",\"parent\":\"甲\"}],\"reports\":[]}";
        CHECK(xxgk_aggregate_json(cycle, strlen(cycle), NULL, 0, &json, NULL) == XXGK_E_INVALID_ARGUMENT);
    }
    CHECK(xxgk_aggregate_json(request, strlen(request), NULL, 8u, &json, NULL) == XXGK_E_INVALID_ARGUMENT);
    CHECK(xxgk_aggregate_json(request, strlen(request), NULL, 0, NULL, NULL) == XXGK_E_INVALID_ARGUMENT);

    {
        xxgk_report *now = NULL, *before = NULL;
        CHECK(xxgk_report_from_json(a, strlen(a), &now) == XXGK_OK);
        report_json(b, sizeof b, "甲局", 2023, "2024-01-20", 4);
        CHECK(xxgk_report_from_json(b, strlen(b), &before) == XXGK_OK);
        CHECK(xxgk_indicators_json(now, before, XXGK_JSON_PRETTY, &json, &len) == XXGK_OK);
        if (json) {
            CHECK(strstr(json, "\"id\": \"disclosure_rate\"") != NULL);
            CHECK(strstr(json, "\"numerator\": \"4\"") != NULL); /* granted + partially granted = 2 + 2 */
            xxgk_buffer_free(json);
        }
        CHECK(xxgk_indicators_json(now, NULL, 0, &json, NULL) == XXGK_OK);
        xxgk_buffer_free(json);
        CHECK(xxgk_indicators_json(NULL, NULL, 0, &json, NULL) == XXGK_E_INVALID_ARGUMENT);
        xxgk_report_free(now);
        xxgk_report_free(before);
    }
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s SOURCE_DIR\n", argv[0]);
        return 2;
    }
    test_version_and_status();
    test_reports(argv[1]);
    test_options();
    test_check(argv[1]);
    test_check_pair(argv[1]);
    test_check_with_and_render(argv[1]);
    test_batch(argv[1]);
    test_check_batch(argv[1]);
    test_catalogue();
    test_office();
    printf("%d checks, %d failed\n", checks, failures);
    return failures ? 1 : 0;
}
