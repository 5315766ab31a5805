/* Allocation failures surface as XXGK_E_NOMEM, never as a crash or an escaped exception: the program interposes
 * malloc and fails the n-th allocation, for every n, until reading, checking and writing a report succeeds.
 * (Not run under valgrind, which replaces malloc itself.) */
#include <xxgk.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

static long countdown = -1; /* allocations left before the failing one; -1: never fail */
static long failed = 0;

static int should_fail(void) {
    if (countdown < 0) return 0;
    if (countdown-- == 0) {
        ++failed;
        return 1;
    }
    return 0;
}

void *malloc(size_t n) { return should_fail() ? NULL : __libc_malloc(n); }
void *calloc(size_t n, size_t m) { return should_fail() ? NULL : __libc_calloc(n, m); }
void *realloc(void *p, size_t n) { return should_fail() ? NULL : __libc_realloc(p, n); }

/* Reads, checks and writes; returns the first failing status. Frees everything it made. */
static xxgk_status round_trip(const char *text, size_t len, const xxgk_options *options) {
    xxgk_report *r = NULL;
    xxgk_result *res = NULL;
    char *json = NULL, *lines = NULL;
    size_t n = 0;
    xxgk_diagnostic d = XXGK_DIAGNOSTIC_INIT;
    xxgk_status s = xxgk_report_from_json(text, len, &r);
    if (s == XXGK_OK) s = xxgk_check(r, options, &res);
    if (s == XXGK_OK) s = xxgk_result_count(res, &n);
    if (s == XXGK_OK && n) s = xxgk_result_get(res, 0, &d);
    if (s == XXGK_OK) s = xxgk_result_to_json(res, XXGK_JSON_PRETTY, &json, NULL);
    xxgk_buffer_free(json);
    json = NULL;
    if (s == XXGK_OK) s = xxgk_report_to_json(r, XXGK_JSON_PRETTY, &json, NULL);
    if (s == XXGK_OK) s = xxgk_check_jsonl(text, len, options, &lines, NULL);
    if (s == XXGK_OK) s = xxgk_rules_to_json(0, &json, NULL) == XXGK_OK ? XXGK_OK : XXGK_E_NOMEM;
    xxgk_buffer_free(lines);
    xxgk_buffer_free(json);
    xxgk_result_free(res);
    xxgk_report_free(r);
    return s;
}

int main(int argc, char **argv) {
    char path[4096], *text;
    FILE *f;
    long size, n;
    size_t len;
    int failures = 0;
    long nomem = 0;
    xxgk_options *options = NULL;
    xxgk_check_options o = XXGK_CHECK_OPTIONS_INIT;

    if (argc != 2) return 2;
    /* balance.json has findings, so the result paths allocate too; one compact line for the batch call. */
    snprintf(path, sizeof path, "%s/examples/faults/balance.json", argv[1]);
    f = fopen(path, "rb");
    if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) return 2;
    text = malloc((size_t)size + 1);
    len = fread(text, 1, (size_t)size, f);
    fclose(f);
    {
        xxgk_report *r = NULL;
        char *compact = NULL;
        if (xxgk_report_from_json(text, len, &r) || xxgk_report_to_json(r, 0, &compact, &len)) return 1;
        memcpy(text, compact, len);
        xxgk_buffer_free(compact);
        xxgk_report_free(r);
    }
    o.language = XXGK_LANGUAGE_EN;
    if (xxgk_options_new(&o, &options) != XXGK_OK || round_trip(text, len, options) != XXGK_OK) return 1;

    for (n = 0; n < 1000000; ++n) {
        xxgk_status s;
        failed = 0;
        countdown = n;
        s = round_trip(text, len, options);
        countdown = -1;
        if (s == XXGK_OK && failed == 0) break; /* every allocation of the round trip has been failed once */
        if (s == XXGK_E_NOMEM) {
            ++nomem;
            if (strcmp(xxgk_last_error_message(), "out of memory") != 0) ++failures;
        } else if (s != XXGK_OK) {
            /* A failed allocation must not turn into another error. */
            fprintf(stderr, "allocation %ld: %s: %s\n", n, xxgk_status_name(s), xxgk_last_error_message());
            ++failures;
        }
    }
    xxgk_options_free(options);
    printf("%ld allocation sites failed one at a time: %ld gave XXGK_E_NOMEM, %d failures\n", n, nomem, failures);
    free(text);
    return failures || nomem == 0 ? 1 : 0;
}
