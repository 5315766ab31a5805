// Out of memory is an error, never a crash, in every reader (docs/robustness.md): this program interposes
// malloc, calloc and realloc (every allocation of the readers and of the libraries they use: libxml2, libzip,
// libdeflate, pugixml, operator new) and reads each reader's sample with the n-th allocation failing, for the
// first 200 n and then every 4% up to the allocations of a whole read, once with that one allocation failing
// and once with every allocation from the n-th on failing (memory that stays short). Each read must give the
// report it gives with no allocation failing (the same canonical JSON: never a report with something missing)
// or the error "out of memory"; anything else (another error, a crash, a hang, an escaped exception) fails.
// Usage: robustness_oom SOURCE_DIR. Not run under a sanitizer or valgrind, which own malloc.
#include <xxgk/json.hpp>
#include <xxgk/read.hpp>

#include <boost/json/serialize.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" void *__libc_malloc(std::size_t);
extern "C" void *__libc_calloc(std::size_t, std::size_t);
extern "C" void *__libc_realloc(void *, std::size_t);

namespace {

long countdown = -1;     // allocations left before the failing one; -1: none fails
bool persistent = false;  // whether every allocation after the failing one fails too
long allocations = 0;

bool should_fail() noexcept {
    ++allocations;
    if (countdown < 0) return false;
    if (countdown == 0) {
        if (!persistent) countdown = -1;
        return true;
    }
    --countdown;
    return false;
}

}  // namespace

extern "C" {
void *malloc(std::size_t n) { return should_fail() ? nullptr : __libc_malloc(n); }
void *calloc(std::size_t n, std::size_t m) { return should_fail() ? nullptr : __libc_calloc(n, m); }
void *realloc(void *p, std::size_t n) { return should_fail() ? nullptr : __libc_realloc(p, n); }
}

namespace {

std::string file(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// The report and the reader's findings, as text to compare.
std::string fingerprint(const xxgk::read_result &r) {
    std::string out = xxgk::to_json_text(r.value);
    for (const xxgk::diagnostic &d : r.diagnostics) out += "\n" + boost::json::serialize(xxgk::to_json(d));
    return out;
}

struct sample {
    const char *reader;
    const char *path;  // relative to the source directory
    xxgk::input_format format;
};

// One document of each reader (the crawled page is read by the text reader's sibling, sniffed from its head).
const sample samples[] = {
    {"json", "examples/acheng-yagou-2023.json", xxgk::input_format::json},
    {"text (Tika)", "tests/samples/acheng-yagou-2023/report.txt", xxgk::input_format::text},
    {"text (crawled page)", "tests/samples/pingtan/93-haitan-2024/page.txt", xxgk::input_format::text},
    {"markdown", "tests/samples/shuyang-county-2025/report.md", xxgk::input_format::markdown},
    {"html", "tests/samples/hangzhou-style-html/report.html", xxgk::input_format::html},
    {"docx", "tests/samples/template-2021/template.docx", xxgk::input_format::docx},
    {"layout", "tests/data/pdf/huaian.layout.txt", xxgk::input_format::layout},
};

}  // namespace

int main(int argc, char **argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: robustness_oom SOURCE_DIR\n");
        return 2;
    }
    int failures = 0;
    for (const sample &s : samples) {
        const std::string bytes = file(std::string(argv[1]) + "/" + s.path);
        if (bytes.empty()) {
            std::fprintf(stderr, "%s: cannot read %s\n", s.reader, s.path);
            return 2;
        }
        xxgk::read_options options;
        options.format = s.format;
        xxgk::read_error error;
        allocations = 0;
        const std::optional<xxgk::read_result> whole = xxgk::read_report(bytes, options, error);
        const bool reads = whole.has_value();
        const std::string expected = reads ? fingerprint(*whole) : std::string();
        const long total = allocations;
        long runs = 0, out_of_memory = 0;
        for (const bool stays_short : {false, true}) {
            for (long n = 0; n < total; n = n < 200 ? n + 1 : n + n / 25) {
                bool ok = false;
                {
                    xxgk::read_error e;
                    persistent = stays_short;
                    countdown = n;
                    const std::optional<xxgk::read_result> r = xxgk::read_report(bytes, options, e);
                    countdown = -1;
                    ok = r.has_value();
                    if (ok && fingerprint(*r) != expected) {
                        std::fprintf(stderr, "%s: allocation %ld failing%s gave a different report\n", s.reader, n,
                                     stays_short ? " (and every one after it)" : "");
                        ++failures;
                    } else if (!ok && e.code == xxgk::error_code::out_of_memory) ++out_of_memory;
                    else if (!ok) {
                        std::fprintf(stderr, "%s: allocation %ld failing%s gave the error '%s', not 'out of memory'\n",
                                     s.reader, n, stays_short ? " (and every one after it)" : "",
                                     e.describe().c_str());
                        ++failures;
                    }
                }
                ++runs;
            }
        }
        std::printf("%s: %ld allocations in a read (%s); %ld reads with allocations failing: %ld out of memory\n",
                    s.reader, total, reads ? "reads" : error.describe().c_str(), runs, out_of_memory);
        if (!reads) ++failures;
    }
    return failures ? 1 : 0;
}
