/* xxgk.h — the C ABI of xxgk: read 政府信息公开工作年度报告 (国办公开办函〔2021〕30号), write their canonical
 * JSON, and check them against the rule catalogue.
 *
 * Conventions (SQLite / libgit2 / yyjson style):
 * - Every symbol starts with `xxgk_` (macros with `XXGK_`). Link `-lxxgk` (libxxgk.so.0) or the static library.
 * - Functions return an `xxgk_status`; the exceptions are the `_free` functions (void, accept NULL) and
 *   `xxgk_last_error_message` / `xxgk_status_name` (never NULL). Out-parameters are written only on success
 *   (handle out-parameters are set to NULL on failure).
 * - On failure the calling thread's last error (`xxgk_last_error`) holds a message and, for input that could
 *   not be read, the position (byte offset, line, column, JSON Pointer). A successful call clears it.
 * - NULL and invalid arguments are reported as XXGK_E_INVALID_ARGUMENT, never dereferenced; no C++ exception,
 *   abort or exit crosses this boundary.
 * - Text is UTF-8 as (pointer, length); strings returned by the library are NUL-terminated as well.
 * - Threads: every function may be called from any thread. Distinct handles may be used concurrently without
 *   locking. Reports, options and results are never modified after creation, so one handle may also be read
 *   by many threads at once (e.g. one `xxgk_options` shared by all workers). The catalogue is immutable.
 * - Versioned structs (`version`, `size` first) may gain fields at the end; initialise them with their
 *   `_INIT` macro or `_init` function.
 */
#ifndef XXGK_H
#define XXGK_H

#include <stddef.h>
#include <stdint.h>

#include "xxgk_version.h"

#if defined(_WIN32)
#  if defined(XXGK_C_BUILDING)
#    define XXGK_API __declspec(dllexport)
#  elif defined(XXGK_C_STATIC)
#    define XXGK_API
#  else
#    define XXGK_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__)
#  define XXGK_API __attribute__((visibility("default")))
#else
#  define XXGK_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Version ------------------------------------------------------------------------------------------ */

/* XXGK_C_VERSION_MAJOR, _MINOR, _PATCH, _STRING and _NUMBER (major * 10000 + minor * 100 + patch): the
 * version of the headers compiled against, defined by the generated xxgk_version.h installed beside this one. */

/* ---- Status codes and the last error --------------------------------------------------------------------- */

typedef enum xxgk_status {
    XXGK_OK = 0,
    XXGK_E_INVALID_ARGUMENT = 1, /* NULL where a value is needed, unknown enumerator, bad struct size … */
    XXGK_E_PARSE = 2,            /* the input is not a readable report (position in the last error) */
    XXGK_E_IO = 3,               /* a file could not be read */
    XXGK_E_NOMEM = 4,            /* out of memory */
    XXGK_E_RANGE = 5,            /* an index past the end */
    XXGK_E_NOT_FOUND = 6,        /* an unknown rule id */
    XXGK_E_VERSION = 7,          /* a struct version newer than this library knows */
    XXGK_E_INTERNAL = 8          /* a bug in xxgk: please report it with the message */
} xxgk_status;

/* A string owned by the library: `data` is NUL-terminated, or NULL (with size 0) when absent. */
typedef struct xxgk_string {
    const char *data;
    size_t size;
} xxgk_string;

/* The calling thread's last error. `line` is 0 when no position is known; then `column` is 0 too. `offset` is a
 * byte offset into the input (JSON syntax errors, text that does not decode; 0 if none), `line`/`column` are
 * 1-based, `page` is the PDF page (0 if none), `pointer` is the JSON Pointer of the offending value (empty if
 * none). `reason` (version 2) names why a document could not be read, a stable code such as "encrypted"
 * (see docs/errors.md; empty for other failures). */
typedef struct xxgk_error_info {
    uint32_t version; /* XXGK_ERROR_INFO_VERSION */
    uint32_t size;    /* sizeof(xxgk_error_info) */
    xxgk_status code;
    xxgk_string message;
    size_t offset, line, column, page;
    xxgk_string pointer;
    xxgk_string reason; /* version 2 */
} xxgk_error_info;
#define XXGK_ERROR_INFO_VERSION 2u
#define XXGK_ERROR_INFO_INIT \
    {XXGK_ERROR_INFO_VERSION, (uint32_t)sizeof(xxgk_error_info), XXGK_OK, {NULL, 0}, 0, 0, 0, 0, {NULL, 0}, {NULL, 0}}

/* Copies the calling thread's last error into `*out` (strings stay valid until this thread's next xxgk call).
 * `out->size` must be set. Does not clear the last error. */
XXGK_API xxgk_status xxgk_last_error(xxgk_error_info *out);
/* The calling thread's last error message ("" after a successful call); valid until the thread's next xxgk
 * call. Never NULL. */
XXGK_API const char *xxgk_last_error_message(void);
/* A static name for a status code ("XXGK_E_PARSE"); "XXGK_E_UNKNOWN" for values outside the enumeration. */
XXGK_API const char *xxgk_status_name(xxgk_status status);

/* Run-time library version; any out-pointer may be NULL. `text` is static (like "1.2.3"). */
XXGK_API xxgk_status xxgk_version(int *major, int *minor, int *patch, const char **text);

/* ---- Enumerations -------------------------------------------------------------------------------------- */

typedef enum xxgk_severity { XXGK_SEVERITY_ERROR = 0, XXGK_SEVERITY_WARNING = 1, XXGK_SEVERITY_INFO = 2 } xxgk_severity;

/* A finding fails its rule, or says the rule could not be evaluated. */
typedef enum xxgk_finding_status { XXGK_FINDING_FAIL = 0, XXGK_FINDING_NOT_ASSESSABLE = 1 } xxgk_finding_status;

typedef enum xxgk_language { XXGK_LANGUAGE_ZH = 0, XXGK_LANGUAGE_EN = 1 } xxgk_language;

/* What a rule needs: one report's tables, the original document, two years, or the publication date. */
typedef enum xxgk_rule_scope {
    XXGK_SCOPE_TABLES = 0,
    XXGK_SCOPE_DOCUMENT = 1,
    XXGK_SCOPE_ACROSS_YEARS = 2,
    XXGK_SCOPE_PUBLICATION = 3
} xxgk_rule_scope;

/* Input formats; AUTO sniffs the content (and, for files, the extension). */
typedef enum xxgk_format {
    XXGK_FORMAT_AUTO = 0,
    XXGK_FORMAT_JSON = 1,
    XXGK_FORMAT_TEXT = 2, /* plain text: Apache Tika output, visible text of crawled pages */
    XXGK_FORMAT_MARKDOWN = 3,
    XXGK_FORMAT_HTML = 4,
    XXGK_FORMAT_DOCX = 5,
    XXGK_FORMAT_PDF = 6,
    XXGK_FORMAT_LAYOUT = 7, /* pdftotext -layout output */
    XXGK_FORMAT_DOC = 8,    /* Word 97-2003 and WPS, through LibreOffice (soffice) */
    XXGK_FORMAT_RTF = 9,    /* through LibreOffice */
    XXGK_FORMAT_ODT = 10,   /* through LibreOffice */
    XXGK_FORMAT_IMAGE = 11  /* a scanned page (PNG, JPEG, TIFF), read by OCR in builds that have it */
} xxgk_format;

/* The kinds of agency, whose publication deadlines differ (条例 第四十九条). */
typedef enum xxgk_agency_kind {
    XXGK_AGENCY_DEPARTMENT = 0,
    XXGK_AGENCY_GOVERNMENT = 1,
    XXGK_AGENCY_TOWNSHIP = 2,
    XXGK_AGENCY_OTHER = 3
} xxgk_agency_kind;

/* The formats of xxgk_render. */
typedef enum xxgk_render_format {
    XXGK_RENDER_HTML = 0,     /* a complete page; with findings, every faulty cell highlighted and linked */
    XXGK_RENDER_MARKDOWN = 1, /* pipe tables */
    XXGK_RENDER_TEXT = 2      /* aligned columns */
} xxgk_render_format;

/* ---- Buffers ------------------------------------------------------------------------------------------- */

/* Frees a buffer returned by an xxgk function (JSON text). Accepts NULL. */
XXGK_API void xxgk_buffer_free(char *buffer);

/* ---- Reports ------------------------------------------------------------------------------------------- */

/* A report read from JSON or a document, with what the reading itself found. Immutable. */
typedef struct xxgk_report xxgk_report;

/* Reads a report from canonical JSON (`len` bytes at `json`, need not be NUL-terminated). On XXGK_E_PARSE the
 * last error names the JSON Pointer or the byte offset/line/column. The caller owns `*out`. */
XXGK_API xxgk_status xxgk_report_from_json(const char *json, size_t len, xxgk_report **out);
/* Reads a report from a document in any supported format (XXGK_FORMAT_AUTO sniffs it). A document that cannot be
 * read (or a format this build has no reader for) gives XXGK_E_PARSE with the position. The caller owns `*out`. */
XXGK_API xxgk_status xxgk_report_from_document(const char *bytes, size_t len, xxgk_format format, xxgk_report **out);
/* Reads a report from a file (NUL-terminated path); AUTO uses the content, then the extension. XXGK_E_IO when
 * the file cannot be read. The caller owns `*out`. */
XXGK_API xxgk_status xxgk_report_from_file(const char *path, xxgk_format format, xxgk_report **out);
/* The format the report was read from. */
XXGK_API xxgk_status xxgk_report_format(const xxgk_report *report, xxgk_format *out);

/* Flags for the JSON writers. */
#define XXGK_JSON_PRETTY 1u    /* two-space indentation and a final newline */
#define XXGK_JSON_POSITIONS 2u /* add the `positions` extension (report JSON only) */

/* Writes the report as canonical JSON into a new buffer (`*out`, NUL-terminated, `*out_len` bytes without the
 * NUL; free with xxgk_buffer_free). `out_len` may be NULL. Unknown flags are XXGK_E_INVALID_ARGUMENT. */
XXGK_API xxgk_status xxgk_report_to_json(const xxgk_report *report, uint32_t flags, char **out, size_t *out_len);
/* Frees a report. Accepts NULL. */
XXGK_API void xxgk_report_free(xxgk_report *report);

/* ---- Options ------------------------------------------------------------------------------------------- */

typedef struct xxgk_severity_override {
    const char *rule; /* NUL-terminated rule id, e.g. "cell.blank" */
    xxgk_severity severity;
} xxgk_severity_override;

/* The publication deadline of one kind of agency: month and day of the year after the data year. */
typedef struct xxgk_deadline {
    xxgk_agency_kind kind;
    uint32_t month, day;
} xxgk_deadline;

/* What `xxgk_options_new` compiles: `xxgk check`'s options. Arrays are read during that call only. A version 1
 * struct (without the fields from `deadlines` on) still works: those fields take their defaults. */
typedef struct xxgk_check_options {
    uint32_t version; /* XXGK_CHECK_OPTIONS_VERSION */
    uint32_t size;    /* sizeof(xxgk_check_options) */
    xxgk_language language;                    /* language of the messages */
    const char *const *disabled_rules;         /* rule ids (NUL-terminated) that do not run */
    size_t disabled_count;
    const xxgk_severity_override *severity_overrides;
    size_t severity_override_count;
    const char *fee_unit_threshold;            /* t2.fee_unit threshold in 万元 as decimal text; NULL = 1000000 */
    /* Version 2: */
    const xxgk_deadline *deadlines;            /* pub.late deadlines replacing the defaults (--deadline) */
    size_t deadline_count;
    int require_date;                          /* nonzero: a missing publication date is not assessable */
    const char *similarity;                    /* xy.duplicate threshold 0..1 as decimal text; NULL = 0.9 */
    int parent_includes_own;                   /* nonzero: xy.hierarchy wants parent ≥ sum of children */
} xxgk_check_options;
#define XXGK_CHECK_OPTIONS_VERSION 2u
#define XXGK_CHECK_OPTIONS_INIT                                                                                   \
    {XXGK_CHECK_OPTIONS_VERSION, (uint32_t)sizeof(xxgk_check_options), XXGK_LANGUAGE_ZH, NULL, 0, NULL, 0, NULL, \
     NULL, 0, 0, NULL, 0}

/* Validated, immutable check options; may be shared by many threads. */
typedef struct xxgk_options xxgk_options;

/* Sets the first `size` bytes of `*options` to the defaults of the newest version that fits in `size` bytes
 * (at least version 1's size; XXGK_E_INVALID_ARGUMENT below). The `xxgk_check_options_init(options)` macro passes
 * sizeof(xxgk_check_options): the same as XXGK_CHECK_OPTIONS_INIT. */
XXGK_API xxgk_status xxgk_check_options_init_size(xxgk_check_options *options, size_t size);
/* Sets a version 1 struct to the defaults: the function callers built against version 1 headers call. Code
 * compiled now calls xxgk_check_options_init_size through the macro below. */
XXGK_API xxgk_status xxgk_check_options_init(xxgk_check_options *options);
#define xxgk_check_options_init(options) xxgk_check_options_init_size((options), sizeof(xxgk_check_options))
/* Validates and compiles options: unknown rule ids give XXGK_E_NOT_FOUND, a bad threshold XXGK_E_INVALID_ARGUMENT,
 * a struct from a newer header XXGK_E_VERSION. `options` NULL means the defaults. The caller owns `*out`. */
XXGK_API xxgk_status xxgk_options_new(const xxgk_check_options *options, xxgk_options **out);
/* Frees options. Accepts NULL. */
XXGK_API void xxgk_options_free(xxgk_options *options);

/* ---- Checking ------------------------------------------------------------------------------------------ */

/* The findings of one check, in the order of `xxgk check`: the reading's own findings (filtered and re-graded by
 * the options), the table rules' (in catalogue-then-table order), the publication rules', then those against
 * last year's report and the children's. Immutable; owns every string it hands out. */
typedef struct xxgk_result xxgk_result;

/* Where a finding's first cell stood in the source document; all 0 when unknown. Text formats set line and
 * column (and page for PDF); HTML and DOCX set table, row and cell (1-based). */
typedef struct xxgk_source_position {
    uint32_t line, column, page, table, row, cell;
} xxgk_source_position;

/* One finding. Strings are owned by the result and live as long as it. */
typedef struct xxgk_diagnostic {
    uint32_t version; /* XXGK_DIAGNOSTIC_VERSION */
    uint32_t size;    /* sizeof(xxgk_diagnostic) */
    xxgk_string rule; /* stable id, e.g. "t3.balance" */
    xxgk_severity severity;
    xxgk_finding_status status;
    xxgk_string pointer;      /* JSON Pointer of the cell or section the finding is about ("" if none) */
    size_t pointer_count;     /* cells involved, first one included; see xxgk_result_pointer */
    xxgk_string table_label, row_label, column_label; /* official labels of `pointer` ("" when not applicable) */
    xxgk_string left, right, difference; /* exact decimals where arithmetic is involved; absent otherwise */
    xxgk_string text;         /* the printed text at issue; absent if none */
    xxgk_string message;      /* in the options' language */
    xxgk_source_position source;
} xxgk_diagnostic;
#define XXGK_DIAGNOSTIC_VERSION 1u
#define XXGK_DIAGNOSTIC_INIT                                                                                    \
    {XXGK_DIAGNOSTIC_VERSION, (uint32_t)sizeof(xxgk_diagnostic), {NULL, 0}, XXGK_SEVERITY_ERROR, XXGK_FINDING_FAIL, \
     {NULL, 0}, 0, {NULL, 0}, {NULL, 0}, {NULL, 0}, {NULL, 0}, {NULL, 0}, {NULL, 0}, {NULL, 0}, {NULL, 0},          \
     {0, 0, 0, 0, 0, 0}}

/* Checks a report alone, as `xxgk check FILE` does: the reading's findings, the table and the publication
 * rules. `options` NULL means the defaults. The caller owns `*out`. Reentrant. */
XXGK_API xxgk_status xxgk_check(const xxgk_report *report, const xxgk_options *options, xxgk_result **out);

/* The other reports a check compares with (xxgk_check_with); every field may be left NULL / 0. */
typedef struct xxgk_check_context {
    uint32_t version; /* XXGK_CHECK_CONTEXT_VERSION */
    uint32_t size;    /* sizeof(xxgk_check_context) */
    const xxgk_report *previous;         /* the same agency's report of the year before: xy.* rules */
    const xxgk_report *const *children;  /* the reports of the agency's children, same year: xy.hierarchy */
    size_t child_count;
} xxgk_check_context;
#define XXGK_CHECK_CONTEXT_VERSION 1u
#define XXGK_CHECK_CONTEXT_INIT {XXGK_CHECK_CONTEXT_VERSION, (uint32_t)sizeof(xxgk_check_context), NULL, NULL, 0}

/* Checks a report with what `xxgk check` adds over many files: the rules against last year's report and, for a
 * parent agency, against its children's (`context` NULL: none, as xxgk_check). All findings, in the order of
 * xxgk_result. The caller owns `*out`. Reentrant. */
XXGK_API xxgk_status xxgk_check_with(const xxgk_report *report, const xxgk_check_context *context,
                                     const xxgk_options *options, xxgk_result **out);
/* Checks `current` against the same agency's report of the year before (`previous`): the cross-year rules
   xy.carry_over, xy.in_force and xy.duplicate only (run xxgk_check for the rest). `options` NULL means the
   defaults. The caller owns `*out`. Reentrant. */
XXGK_API xxgk_status xxgk_check_pair(const xxgk_report *current, const xxgk_report *previous,
                                     const xxgk_options *options, xxgk_result **out);
/* Number of findings. */
XXGK_API xxgk_status xxgk_result_count(const xxgk_result *result, size_t *out);
/* Number of findings of one severity. */
XXGK_API xxgk_status xxgk_result_count_severity(const xxgk_result *result, xxgk_severity severity, size_t *out);
/* Fills `*out` (set its `size` first) with finding `index`; XXGK_E_RANGE past the end. */
XXGK_API xxgk_status xxgk_result_get(const xxgk_result *result, size_t index, xxgk_diagnostic *out);
/* The JSON Pointer of cell `k` (0 ≤ k < pointer_count) involved in finding `index`. */
XXGK_API xxgk_status xxgk_result_pointer(const xxgk_result *result, size_t index, size_t k, xxgk_string *out);
/* All findings as a JSON array (the shape of `xxgk check --json`'s `diagnostics`) in a new buffer; free with
 * xxgk_buffer_free. `out_len` may be NULL. Only XXGK_JSON_PRETTY is accepted. */
XXGK_API xxgk_status xxgk_result_to_json(const xxgk_result *result, uint32_t flags, char **out, size_t *out_len);
/* Frees a result. Accepts NULL. */
XXGK_API void xxgk_result_free(xxgk_result *result);

/* ---- Rendering ----------------------------------------------------------------------------------------- */

/* How xxgk_render writes. */
typedef struct xxgk_render_options {
    uint32_t version; /* XXGK_RENDER_OPTIONS_VERSION */
    uint32_t size;    /* sizeof(xxgk_render_options) */
    xxgk_render_format format;
    xxgk_language language;  /* the words around the tables and the findings' messages */
    const char *source_name; /* HTML findings page: the document's name as shown (NUL-terminated; NULL: none) */
} xxgk_render_options;
#define XXGK_RENDER_OPTIONS_VERSION 1u
#define XXGK_RENDER_OPTIONS_INIT \
    {XXGK_RENDER_OPTIONS_VERSION, (uint32_t)sizeof(xxgk_render_options), XXGK_RENDER_HTML, XXGK_LANGUAGE_ZH, NULL}

/* Writes what `xxgk render` does into a new buffer (free with xxgk_buffer_free; `out_len` may be NULL): the
 * report's three tables in the official layout; with `findings` (a result of this report), the findings page
 * (HTML: every faulty cell highlighted and linked to its findings) or the tables followed by the findings.
 * `options` NULL means XXGK_RENDER_OPTIONS_INIT. */
XXGK_API xxgk_status xxgk_render(const xxgk_report *report, const xxgk_result *findings,
                                 const xxgk_render_options *options, char **out, size_t *out_len);

/* ---- Batch --------------------------------------------------------------------------------------------- */

/* Checks many reports in one call. Input: JSON Lines, one canonical report per line (blank lines are skipped).
 * Output (new buffer, free with xxgk_buffer_free): one JSON object per non-blank input line, in order —
 *   {"line":N,"diagnostics":[…],"summary":{"error":E,"warning":W,"info":I}}  or
 *   {"line":N,"error":"…","code":"XXGK_E_PARSE","pointer":"…","offset":B}
 * A bad line does not fail the call. `options` NULL means the defaults; `out_len` may be NULL. */
XXGK_API xxgk_status xxgk_check_jsonl(const char *input, size_t len, const xxgk_options *options, char **out,
                                      size_t *out_len);

/* The reports of one xxgk_check_batch call: `count` of them, report i being the document `documents[i]`
 * (`sizes[i]` bytes) when `documents` and `documents[i]` are not NULL, else the file `paths[i]`; `paths[i]` (may be
 * NULL for a document) also names the report, in the output and for sniffing the format by extension. */
typedef struct xxgk_batch {
    uint32_t version; /* XXGK_BATCH_VERSION */
    uint32_t size;    /* sizeof(xxgk_batch) */
    size_t count;
    const char *const *paths;     /* NUL-terminated paths, or NULL when every report is a document */
    const char *const *documents; /* documents in memory, or NULL when every report is a file */
    const size_t *sizes;          /* bytes of each document (required with `documents`) */
    xxgk_format format;           /* of every report; XXGK_FORMAT_AUTO sniffs each */
    uint32_t threads;             /* worker threads; 0: one per core, 1: the calling thread alone */
} xxgk_batch;
#define XXGK_BATCH_VERSION 1u
#define XXGK_BATCH_INIT {XXGK_BATCH_VERSION, (uint32_t)sizeof(xxgk_batch), 0, NULL, NULL, NULL, XXGK_FORMAT_AUTO, 1}

/* Reads and checks each report of `batch` alone, as `xxgk check FILE` does (the reading's findings, the table and
 * publication rules), on `batch->threads` threads. Output (new buffer, free with xxgk_buffer_free): one JSON
 * object per report, in order —
 *   {"index":I,"file":F,"agency":A,"year":Y,"diagnostics":[…],"summary":{"error":E,"warning":W,"info":I}}  or
 *   {"index":I,"file":F,"error":"…","code":"XXGK_E_PARSE"|"XXGK_E_IO","reason":"…","pointer":"…"}
 * ("file" only with a path; errors in the options' language). A report that cannot be read does not fail the
 * call. `options` NULL means the defaults; `out_len` may be NULL. */
XXGK_API xxgk_status xxgk_check_batch(const xxgk_batch *batch, const xxgk_options *options, char **out,
                                      size_t *out_len);

/* ---- An office's year: roster, 汇总, indicators (docs/batch.md, docs/indicators.md) --------------------- */

/* The document `xxgk aggregate` prints (roster, each parent's 汇总 with the cells its own report differs in, the
 * indicators of every report and 汇总) for a year of reports, in a new buffer (free with xxgk_buffer_free).
 * `request` is a JSON object: {"reports": [{"file": F, "report": <canonical report>} | {"file": F, "error": E}],
 * "units": [{"unit", "kind", "parent", "own": bool}], "unit_files": [{"file", "unit"}], "year": Y,
 * "deadlines": {"department": "MM-DD", …}}; only "reports" is required. A bad report is XXGK_E_PARSE with its
 * pointer (/reports/N/report/…); bad units XXGK_E_INVALID_ARGUMENT. `options` NULL means the defaults. */
XXGK_API xxgk_status xxgk_aggregate_json(const char *request, size_t len, const xxgk_options *options, uint32_t flags,
                                         char **out, size_t *out_len);
/* The indicators of `report` against last year's `previous` (NULL when there is none) as JSON, in a new buffer. */
XXGK_API xxgk_status xxgk_indicators_json(const xxgk_report *report, const xxgk_report *previous, uint32_t flags,
                                          char **out, size_t *out_len);

/* ---- The rule catalogue (immutable, static storage) ---------------------------------------------------- */

typedef struct xxgk_rule_info {
    uint32_t version; /* XXGK_RULE_INFO_VERSION */
    uint32_t size;    /* sizeof(xxgk_rule_info) */
    xxgk_string id;
    xxgk_severity default_severity;
    xxgk_rule_scope scope;
    xxgk_string title_zh, title_en, message_zh, message_en, rationale; /* rationale: English */
    xxgk_string rationale_zh; /* version 2: the rationale in Chinese */
} xxgk_rule_info;
#define XXGK_RULE_INFO_VERSION 2u
#define XXGK_RULE_INFO_INIT                                                                                     \
    {XXGK_RULE_INFO_VERSION, (uint32_t)sizeof(xxgk_rule_info), {NULL, 0}, XXGK_SEVERITY_ERROR, XXGK_SCOPE_TABLES, \
     {NULL, 0}, {NULL, 0}, {NULL, 0}, {NULL, 0}, {NULL, 0}, {NULL, 0}}

/* Number of rules in the catalogue. */
XXGK_API xxgk_status xxgk_rule_count(size_t *out);
/* Fills `*out` (set its `size` first) with rule `index` in catalogue order; strings are static. */
XXGK_API xxgk_status xxgk_rule_get(size_t index, xxgk_rule_info *out);
/* The catalogue index of a rule id (`len` bytes); XXGK_E_NOT_FOUND if there is none. */
XXGK_API xxgk_status xxgk_rule_find(const char *id, size_t len, size_t *index);
/* The whole catalogue as a JSON array in a new buffer (free with xxgk_buffer_free); `out_len` may be NULL. */
XXGK_API xxgk_status xxgk_rules_to_json(uint32_t flags, char **out, size_t *out_len);

/* ---- The Excel workbook -------------------------------------------------------------------------------- */

/* Writes `check_json` (`len` bytes: the document `xxgk check --format json` prints, {"files": [...], ...}) as an
 * Excel workbook to `path` (replaced): sheets 问题清单, 报告一览 and 规则, headers in `language`. XXGK_E_PARSE
 * when it is not such a document, XXGK_E_IO (with the file and the reason) when the file cannot be written. */
XXGK_API xxgk_status xxgk_write_workbook(const char *check_json, size_t len, const char *path, xxgk_language language);
/* xxgk_write_workbook plus the document `xxgk aggregate` prints (`office_json`, `office_len` bytes): sheets 名单
 * (the roster), 汇总 (each parent's sum in the official layout, cells that differ from its own report marked)
 * and 指标, and each report's indicators in 报告一览. XXGK_E_PARSE when either text is not such a document. */
XXGK_API xxgk_status xxgk_write_office_workbook(const char *check_json, size_t len, const char *office_json,
                                                size_t office_len, const char *path, xxgk_language language);

#ifdef __cplusplus
}
#endif

#endif /* XXGK_H */
