// The readers on the real samples and on a large page, a .doc through LibreOffice, PDFs through poppler, the
// glued-digit search, and the C ABI round trip.
#include "../src/read/map/glued.hpp"
#include "../tests/zip_support.hpp"

#include <xxgk.h>
#include <xxgk/read.hpp>

#include <benchmark/benchmark.h>
#include <libdeflate.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <pugixml.hpp>
#include <zip.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include <sys/resource.h>

namespace {

std::string file(const std::string &relative) {
    std::ifstream in(XXGK_SOURCE_DIR "/" + relative, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Reads one document per iteration; reports bytes per second.
void read_document(benchmark::State &state, const std::string &bytes, xxgk::input_format format) {
    for (auto _ : state) benchmark::DoNotOptimize(xxgk::read_report(bytes, {.format = format, .file_name = {}}));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
}

void read_tika_text_seed(benchmark::State &s) {
    read_document(s, file("tests/samples/acheng-yagou-2023/report.txt"), xxgk::input_format::text);
}
BENCHMARK(read_tika_text_seed);

void read_crawled_page(benchmark::State &s) {
    read_document(s, file("tests/samples/pingtan/47-ziranziyuan-2021/page.txt"), xxgk::input_format::text);
}
BENCHMARK(read_crawled_page);

void read_markdown(benchmark::State &s) {
    read_document(s, file("tests/samples/shuyang-county-2025/report.md"), xxgk::input_format::markdown);
}
BENCHMARK(read_markdown);

void read_html_page(benchmark::State &s) {
    read_document(s, file("tests/samples/hangzhou-style-html/report.html"), xxgk::input_format::html);
}
BENCHMARK(read_html_page);

// A large portal page: the sample's tables after 1 MB of prose paragraphs, as long reports have.
std::string large_html_page() {
    std::string page = file("tests/samples/hangzhou-style-html/report.html");
    std::string prose;
    while (prose.size() < (1u << 20))
        prose += "<p>2025年，全市各级行政机关扎实推进政务公开工作，主动公开政府信息，规范办理依申请公开。</p>\n";
    page.insert(page.find("<p>一、总体情况</p>"), prose);
    return page;
}

void read_large_html_page(benchmark::State &s) { read_document(s, large_html_page(), xxgk::input_format::html); }
BENCHMARK(read_large_html_page);

// What libxml2's HTML parser alone costs (its events to no handler, the page as UTF-8): the ceiling of the
// HTML reader.
void libxml2_only(benchmark::State &state, const std::string &page) {
    for (auto _ : state) {
        htmlSAXHandler sax{};
        htmlParserCtxtPtr context = htmlCreateMemoryParserCtxt(page.data(), static_cast<int>(page.size()));
        if (!context) {
            state.SkipWithError("libxml2 could not start");
            return;
        }
        *context->sax = sax;
        htmlCtxtUseOptions(context, HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                        HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
        xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8);
        benchmark::DoNotOptimize(htmlParseDocument(context));
        htmlFreeParserCtxt(context);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * page.size()));
}
void libxml2_html_page(benchmark::State &s) { libxml2_only(s, file("tests/samples/hangzhou-style-html/report.html")); }
BENCHMARK(libxml2_html_page);
void libxml2_large_html_page(benchmark::State &s) { libxml2_only(s, large_html_page()); }
BENCHMARK(libxml2_large_html_page);

void read_docx(benchmark::State &s) {
    read_document(s, file("tests/data/docx/acheng-yagou-2023.docx"), xxgk::input_format::docx);
}
BENCHMARK(read_docx);

// The sample DOCX with 2 MB of prose paragraphs (with the properties Word writes) before its tables,
// rezipped with libzip's default deflate: a long report, and the inflate path's share of it.
std::string large_docx() {
    const std::string sample = file("tests/data/docx/acheng-yagou-2023.docx");
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *in_source = zip_source_buffer_create(sample.data(), sample.size(), 0, &error);
    zip_t *in = zip_open_from_source(in_source, ZIP_RDONLY, &error);
    std::vector<std::pair<std::string, std::string>> parts;
    for (zip_int64_t i = 0; i < zip_get_num_entries(in, 0); ++i) {
        zip_stat_t st;
        zip_stat_index(in, static_cast<zip_uint64_t>(i), 0, &st);
        auto &[name, data] = parts.emplace_back(st.name, std::string(st.size, '\0'));
        zip_file_t *f = zip_fopen_index(in, static_cast<zip_uint64_t>(i), 0);
        zip_fread(f, data.data(), data.size());
        zip_fclose(f);
        if (name == "word/document.xml") {
            // Numbers that vary keep the compression ratio near real reports' (under the 100:1 limit).
            std::string prose;
            for (unsigned k = 0; prose.size() < (2u << 20); ++k)
                prose += "<w:p><w:pPr><w:spacing w:line=\"560\" w:lineRule=\"exact\"/><w:ind w:firstLine=\"640\"/>"
                         "</w:pPr><w:r><w:rPr><w:rFonts w:ascii=\"仿宋_GB2312\" w:eastAsia=\"仿宋_GB2312\"/>"
                         "<w:sz w:val=\"32\"/></w:rPr><w:t>2025年，全市各级行政机关主动公开政府信息" +
                         std::to_string(k * 7919 % 100003) + "条，办理依申请公开" + std::to_string(k * 104729 % 9973) +
                         "件。</w:t></w:r></w:p>";
            data.insert(data.find("<w:tbl>"), prose);
        }
    }
    zip_discard(in);
    return xxgk::test::make_zip(parts);
}

void read_large_docx(benchmark::State &s) { read_document(s, large_docx(), xxgk::input_format::docx); }
BENCHMARK(read_large_docx);

// pugixml's memory pages kept for the next parse instead of freed. Freed, a read's trees are the top of
// the heap, glibc hands them back to the kernel and the next read page-faults them in again (280 faults
// per read of the sample); the reader, whose output outlives its trees, does not pay that.
class recycled_pugixml_pages {
public:
    recycled_pugixml_pages() : allocate_(pugi::get_memory_allocation_function()), deallocate_(pugi::get_memory_deallocation_function()) {
        pugi::set_memory_management_functions(&take, &give_back);
    }
    ~recycled_pugixml_pages() {
        pugi::set_memory_management_functions(allocate_, deallocate_);
        for (void *block : kept()) std::free(block);
        kept().clear();
    }
    recycled_pugixml_pages(const recycled_pugixml_pages &) = delete;
    recycled_pugixml_pages &operator=(const recycled_pugixml_pages &) = delete;

private:
    static constexpr std::size_t header = 16;  // the block's size, kept before what pugixml sees
    pugi::allocation_function allocate_;
    pugi::deallocation_function deallocate_;

    static std::vector<void *> &kept() {
        static std::vector<void *> blocks;
        return blocks;
    }
    static void *take(std::size_t size) {
        auto &blocks = kept();
        for (std::size_t i = 0; i < blocks.size(); ++i)
            if (*static_cast<std::size_t *>(blocks[i]) == size) {
                void *block = blocks[i];
                blocks[i] = blocks.back();
                blocks.pop_back();
                return static_cast<char *>(block) + header;
            }
        void *block = std::malloc(size + header);
        if (!block) return nullptr;
        *static_cast<std::size_t *>(block) = size;
        return static_cast<char *>(block) + header;
    }
    static void give_back(void *p) { kept().push_back(static_cast<char *>(p) - header); }
};

// What the package, inflate and a pugixml DOM of the parts the DOCX reader reads cost (libzip for the
// container, libdeflate to inflate and check the CRC-32, pugixml in place with its pages recycled): how the
// reader parsed before its own scanner, which reads these parts to 32-byte elements in about as many
// instructions and needs no recycled pages. Bytes per second are of the zip; the counter `xml_bytes` is
// the inflated XML per read.
void docx_unzip_and_parse_of(benchmark::State &state, const std::string &bytes) {
    std::size_t xml = 0;
    libdeflate_decompressor *inflater = libdeflate_alloc_decompressor();
    const recycled_pugixml_pages pages;
    for (auto _ : state) {
        xml = 0;
        zip_error_t error;
        zip_source_t *source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
        zip_t *archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
        if (!archive) {
            state.SkipWithError("zip_open_from_source failed");
            break;
        }
        // styles.xml only matters (and is only read) when numbering.xml numbers something.
        const bool numbered = zip_name_locate(archive, "word/numbering.xml", 0) >= 0;
        for (const char *part : {"_rels/.rels", "word/document.xml", "word/numbering.xml", "word/styles.xml"}) {
            zip_stat_t st;
            if ((part == std::string_view("word/styles.xml") && !numbered) || zip_stat(archive, part, 0, &st) != 0) continue;
            zip_file_t *f = zip_fopen_index(archive, st.index, ZIP_FL_COMPRESSED);
            std::unique_ptr<char[]> raw(new char[st.comp_size]), data(new char[st.size]);
            if (!f || zip_fread(f, raw.get(), st.comp_size) != static_cast<zip_int64_t>(st.comp_size) ||
                libdeflate_deflate_decompress(inflater, raw.get(), st.comp_size, data.get(), st.size, nullptr) != LIBDEFLATE_SUCCESS ||
                libdeflate_crc32(0, data.get(), st.size) != st.crc)
                state.SkipWithError("reading a part failed");
            if (f) zip_fclose(f);
            xml += st.size;
            pugi::xml_document doc;
            benchmark::DoNotOptimize(doc.load_buffer_inplace(data.get(), st.size));
        }
        zip_discard(archive);
    }
    libdeflate_free_decompressor(inflater);
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
    state.counters["xml_bytes"] = static_cast<double>(xml);
}
void docx_unzip_and_parse(benchmark::State &s) { docx_unzip_and_parse_of(s, file("tests/data/docx/acheng-yagou-2023.docx")); }
BENCHMARK(docx_unzip_and_parse);
void large_docx_unzip_and_parse(benchmark::State &s) { docx_unzip_and_parse_of(s, large_docx()); }
BENCHMARK(large_docx_unzip_and_parse);

void read_pdf_layout_text(benchmark::State &s) {
    read_document(s, file("tests/data/pdf/huaian.layout.txt"), xxgk::input_format::layout);
}
BENCHMARK(read_pdf_layout_text);

// Reads a document whose work is done in child processes: wall time is what counts; the children's CPU
// time per read as a counter.
void read_through_children(benchmark::State &s, const std::string &bytes, xxgk::input_format format) {
    rusage before{};
    ::getrusage(RUSAGE_CHILDREN, &before);
    read_document(s, bytes, format);
    rusage after{};
    ::getrusage(RUSAGE_CHILDREN, &after);
    auto seconds = [](const timeval &t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    const double cpu = seconds(after.ru_utime) - seconds(before.ru_utime) + seconds(after.ru_stime) - seconds(before.ru_stime);
    s.counters["child_cpu_s"] = benchmark::Counter(cpu / static_cast<double>(s.iterations()));
}

// A Word 97 .doc through LibreOffice (a fresh private profile, start-up, conversion, the DOCX reader).
void read_word97_through_libreoffice(benchmark::State &s) {
    read_through_children(s, file("tests/samples/rendered/acheng-yagou-2023/report.doc"), xxgk::input_format::doc);
}
BENCHMARK(read_word97_through_libreoffice)->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);

// A PDF of text read end to end (pdftotext -layout, pdftotext -bbox and the pre-test; in OCR builds the
// pages it lists rendered for their rules): acheng's, where no number wraps (nothing rendered), and
// hangzhou's, whose four wrapped five-digit values need the rules (every page with numbers rendered).
void read_pdf_without_wraps(benchmark::State &s) {
    read_through_children(s, file("tests/samples/rendered/acheng-yagou-2023/report.pdf"), xxgk::input_format::pdf);
}
BENCHMARK(read_pdf_without_wraps)->Iterations(10)->UseRealTime()->Unit(benchmark::kMillisecond);
void read_pdf_with_wrapped_values(benchmark::State &s) {
    read_through_children(s, file("tests/samples/rendered/hangzhou-style-html/report.pdf"), xxgk::input_format::pdf);
}
BENCHMARK(read_pdf_with_wrapped_values)->Iterations(5)->UseRealTime()->Unit(benchmark::kMillisecond);

// Table 三 with three rows glued so that only the identities decide (the 47-ziranziyuan pattern).
void place_glued_table_three(benchmark::State &state) {
    auto tokens = [](std::string_view printed) {
        std::vector<xxgk::read::text_cell> out;
        std::istringstream in{std::string(printed)};
        for (std::string t; in >> t;) out.push_back({t, {}, 1, 1});
        return out;
    };
    std::vector<xxgk::read::printed_row> rows;
    for (xxgk::row rw : xxgk::all_of<xxgk::row>()) {
        const bool busy = rw == xxgk::row::new_received || rw == xxgk::row::granted || rw == xxgk::row::total_processed;
        rows.push_back({xxgk::ref(rw, xxgk::applicant::natural_person), 7, tokens(busy ? "160 02 0 018" : "00 0 0 0 00")});
    }
    std::vector<xxgk::diagnostic> out;
    for (auto _ : state) {
        xxgk::report r;
        out.clear();
        xxgk::read::place_rows(r, xxgk::read::table_id::applications, rows, out);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(place_glued_table_three);

// What a C caller does per report: JSON in, check, diagnostics JSON out.
void c_abi_round_trip(benchmark::State &state) {
    std::string json = file("tests/samples/pingtan/93-haitan-2024/expected.json");
    for (auto _ : state) {
        xxgk_report *r = nullptr;
        xxgk_result *res = nullptr;
        char *out = nullptr;
        size_t len = 0;
        if (xxgk_report_from_json(json.data(), json.size(), &r) || xxgk_check(r, nullptr, &res) ||
            xxgk_result_to_json(res, 0, &out, &len))
            state.SkipWithError(xxgk_last_error_message());
        benchmark::DoNotOptimize(out);
        xxgk_buffer_free(out);
        xxgk_result_free(res);
        xxgk_report_free(r);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(c_abi_round_trip);

// The batch entry point: many reports per call as JSON Lines.
void c_abi_batch_jsonl(benchmark::State &state) {
    const std::string one = file("tests/samples/pingtan/93-haitan-2024/expected.json");
    std::string lines;
    constexpr int reports = 100;
    for (int i = 0; i < reports; ++i) {
        std::string compact;
        for (char c : one)
            if (c != '\n') compact += c;
        lines += compact + "\n";
    }
    for (auto _ : state) {
        char *out = nullptr;
        size_t len = 0;
        if (xxgk_check_jsonl(lines.data(), lines.size(), nullptr, &out, &len)) state.SkipWithError(xxgk_last_error_message());
        benchmark::DoNotOptimize(out);
        xxgk_buffer_free(out);
    }
    state.SetItemsProcessed(state.iterations() * reports);
}
BENCHMARK(c_abi_batch_jsonl);

}  // namespace
