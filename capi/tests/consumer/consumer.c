/* An outside C program using the installed xxgk: checks the report named on the command line. */
#include <xxgk.h>

#include <stdio.h>

int main(int argc, char **argv) {
    xxgk_report *report = NULL;
    xxgk_result *result = NULL;
    size_t n = 0, i;
    if (argc != 2) return 2;
    if (xxgk_report_from_file(argv[1], XXGK_FORMAT_AUTO, &report) != XXGK_OK ||
        xxgk_check(report, NULL, &result) != XXGK_OK || xxgk_result_count(result, &n) != XXGK_OK) {
        fprintf(stderr, "consumer: %s\n", xxgk_last_error_message());
        return 1;
    }
    for (i = 0; i < n; ++i) {
        xxgk_diagnostic d = XXGK_DIAGNOSTIC_INIT;
        xxgk_result_get(result, i, &d);
        printf("%s %s: %s\n", d.rule.data, d.pointer.data, d.message.data);
    }
    printf("%zu findings\n", n);
    xxgk_result_free(result);
    xxgk_report_free(report);
    return 0;
}
