/* Distinct handles used from many threads at once, one shared xxgk_options, the shared catalogue, and a
 * thread-local last error. Every thread must get exactly what the main thread got. */
#include <xxgk.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { threads = 8, rounds = 25 };

static char *report_text;
static size_t report_len;
static char *expected_findings; /* xxgk_result_to_json of the report, computed on the main thread */
static xxgk_options *shared_options;

typedef struct {
    int id;
    int failures;
} worker;

static void *work(void *arg) {
    worker *w = arg;
    char bad[64];
    int round;
    for (round = 0; round < rounds; ++round) {
        xxgk_report *r = NULL;
        xxgk_result *res = NULL;
        char *json = NULL;
        size_t n = 0, i, found = 0;
        xxgk_rule_info info = XXGK_RULE_INFO_INIT;
        xxgk_error_info e = XXGK_ERROR_INFO_INIT;
        int pad = w->id + 1; /* each thread's syntax error sits at its own column */

        if (xxgk_report_from_json(report_text, report_len, &r) != XXGK_OK ||
            xxgk_check(r, shared_options, &res) != XXGK_OK || xxgk_result_to_json(res, 0, &json, NULL) != XXGK_OK ||
            strcmp(json, expected_findings) != 0) {
            fprintf(stderr, "thread %d round %d: findings differ: %s\n", w->id, round, xxgk_last_error_message());
            ++w->failures;
        }
        xxgk_buffer_free(json);
        xxgk_result_free(res);
        xxgk_report_free(r);

        xxgk_rule_count(&n);
        for (i = 0; i < n; ++i)
            if (xxgk_rule_get(i, &info) != XXGK_OK || xxgk_rule_find(info.id.data, info.id.size, &found) != XXGK_OK ||
                found != i)
                ++w->failures;

        memset(bad, ' ', sizeof bad);
        memcpy(bad + pad, "]", 2);
        r = NULL;
        if (xxgk_report_from_json(bad, strlen(bad), &r) != XXGK_E_PARSE || r != NULL) ++w->failures;
        if (xxgk_last_error(&e) != XXGK_OK || e.code != XXGK_E_PARSE || e.line != 1 || e.column != (size_t)pad + 1 ||
            e.offset != (size_t)pad) {
            fprintf(stderr, "thread %d: last error is not this thread's: column %zu, expected %d\n", w->id, e.column,
                    pad + 1);
            ++w->failures;
        }
    }
    return NULL;
}

/* xxgk_check_batch on worker threads of its own: every report of the batch gets the findings of xxgk_check. */
static int batch_on_threads(void) {
    enum { count = 24 };
    const char *documents[count];
    size_t sizes[count], lines = 0;
    xxgk_batch batch = XXGK_BATCH_INIT;
    char *out = NULL, *line, *end;
    int i, failures = 0;
    for (i = 0; i < count; ++i) {
        documents[i] = report_text;
        sizes[i] = report_len;
    }
    batch.count = count;
    batch.documents = documents;
    batch.sizes = sizes;
    batch.threads = 4;
    if (xxgk_check_batch(&batch, shared_options, &out, NULL) != XXGK_OK) return 1;
    for (line = out; *line; line = end + 1, ++lines) {
        end = strchr(line, '\n');
        if (!end) break;
        *end = '\0';
        if (!strstr(line, expected_findings)) ++failures;
    }
    if (lines != count) ++failures;
    xxgk_buffer_free(out);
    return failures;
}

int main(int argc, char **argv) {
    char path[4096];
    FILE *f;
    long size;
    pthread_t ids[threads];
    worker workers[threads];
    xxgk_check_options o = XXGK_CHECK_OPTIONS_INIT;
    const char *disabled[] = {"cell.blank"};
    xxgk_report *r = NULL;
    xxgk_result *res = NULL;
    int i, failures = 0;

    if (argc != 2) return 2;
    snprintf(path, sizeof path, "%s/examples/faults/balance.json", argv[1]);
    f = fopen(path, "rb");
    if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) return 2;
    report_text = malloc((size_t)size);
    report_len = fread(report_text, 1, (size_t)size, f);
    fclose(f);

    o.language = XXGK_LANGUAGE_EN;
    o.disabled_rules = disabled;
    o.disabled_count = 1;
    if (xxgk_options_new(&o, &shared_options) != XXGK_OK || xxgk_report_from_json(report_text, report_len, &r) ||
        xxgk_check(r, shared_options, &res) || xxgk_result_to_json(res, 0, &expected_findings, NULL)) {
        fprintf(stderr, "setup failed: %s\n", xxgk_last_error_message());
        return 1;
    }
    xxgk_result_free(res);
    xxgk_report_free(r);
    if (!strstr(expected_findings, "t3.balance")) return 1; /* the comparison must be about something */

    for (i = 0; i < threads; ++i) {
        workers[i].id = i;
        workers[i].failures = 0;
        if (pthread_create(&ids[i], NULL, work, &workers[i])) return 1;
    }
    for (i = 0; i < threads; ++i) {
        pthread_join(ids[i], NULL);
        failures += workers[i].failures;
    }
    failures += batch_on_threads();
    xxgk_buffer_free(expected_findings);
    xxgk_options_free(shared_options);
    free(report_text);
    printf("%d threads x %d rounds: %d failures\n", threads, rounds, failures);
    return failures ? 1 : 0;
}
