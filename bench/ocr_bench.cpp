// OCR of scanned reports (builds with XXGK_OCR): one page image, and a whole scanned PDF of four pages.
#include <xxgk/read.hpp>

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace {

std::string file_at(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const std::string scan = XXGK_SOURCE_DIR "/tests/samples/rendered/acheng-yagou-2023/scanned.pdf";

// Reads `bytes` of `pages` pages once per iteration (each takes seconds); an error (a build without OCR)
// skips the benchmark. `s_per_page` is the wall time per page.
void read_scan(benchmark::State &state, const std::string &bytes, int pages) {
    for (auto _ : state) {
        xxgk::read_error error;
        if (!xxgk::read_report(bytes, {}, error)) {
            state.SkipWithError(error.describe().c_str());
            break;
        }
    }
    state.counters["s_per_page"] =
        benchmark::Counter(pages, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// Page 2 of the scan (table 三's first half, 90 cells), as the 200-dpi PNG the scan holds; the time
// includes loading chi_sim and eng (about a second), which a multi-page document pays once.
void ocr_page_image(benchmark::State &state) {
    char dir[] = "/tmp/xxgk-ocr-bench-XXXXXX";
    if (!::mkdtemp(dir) || std::system(("pdfimages -png -f 2 -l 2 '" + scan + "' " + dir + "/page").c_str()) != 0) {
        state.SkipWithError("pdfimages could not extract the page");
        return;
    }
    const std::string png = file_at(std::string(dir) + "/page-000.png");
    std::system(("rm -rf " + std::string(dir)).c_str());
    read_scan(state, png, 1);
}
BENCHMARK(ocr_page_image)->Unit(benchmark::kMillisecond)->Iterations(2)->UseRealTime();

// The four pages of the scan, read through pdfimages: divide by four for the time per page.
void ocr_scanned_pdf_four_pages(benchmark::State &state) { read_scan(state, file_at(scan), 4); }
BENCHMARK(ocr_scanned_pdf_four_pages)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

}  // namespace
