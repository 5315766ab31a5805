// The PDF reader: pdftotext as a child process, and a clear read_exception for every PDF it cannot read
// (truncated, corrupt, encrypted, scanned without a text layer, pdftotext missing).
#include "test_support.hpp"

#include "../src/read/pdf_reader.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <variant>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

namespace {

using namespace xxgk::read;
using xxgk::test::contains;
using xxgk::test::failure;

std::string sample() { return xxgk::test::read_file(xxgk::test::source_path("tests/samples/huaian-city-2024/report.pdf")); }


// Appends `objects` numbered from 1 to `pdf`; returns their offsets.
template <std::size_t N>
std::vector<std::size_t> append_objects(std::string &pdf, const std::string (&objects)[N]) {
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < N; ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    return offsets;
}

// A valid one-page PDF whose page is nothing but an 8×8 grey image, as a scanner makes them.
std::string image_only_pdf() {
    const std::string pixels(64, '\x80');
    const std::string objects[] = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> "
        "/Contents 5 0 R >>",
        "<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 "
        "/Length 64 >>\nstream\n" + pixels + "\nendstream",
        "<< /Length 35 >>\nstream\nq 500 0 0 700 40 70 cm /Im0 Do Q\nendstream",
    };
    std::string pdf = "%PDF-1.4\n";
    const std::vector<std::size_t> offsets = append_objects(pdf, objects);
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n";
    for (std::size_t o : offsets) {
        char entry[21];
        std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", o);
        pdf += entry;
    }
    pdf += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

TEST(pdf_reader, reads_the_sample_through_pdftotext) {
    const std::string text = layout_text_of_pdf(sample());
    EXPECT_TRUE(contains(text, "全市共受理政府信息公开申请 3119 件"));
    EXPECT_EQ(std::count(text.begin(), text.end(), '\f'), 6);
    const document doc = read_pdf(sample());
    std::size_t tables = 0;
    for (const block &b : doc.blocks) tables += std::holds_alternative<table_block>(b);
    EXPECT_EQ(tables, 3u);
}

void expect_the_sample_read(const xxgk::read_result &r) {
    const boost::json::value expected = boost::json::parse(
        xxgk::test::read_file(xxgk::test::source_path("tests/samples/huaian-city-2024/expected.json")));
    const boost::json::value got = xxgk::to_json(r.value);
    xxgk::test::expect_every_cell(expected, &got, "", !xxgk::test::pdf_rules_read);
    for (const xxgk::diagnostic &d : r.diagnostics)
        if (xxgk::test::pdf_rules_read || d.which != xxgk::rule::cell_unreadable) {
            EXPECT_NE(d.level, xxgk::severity::error) << xxgk::message(d);
        }
}

TEST(pdf_reader, every_cell_of_the_sample_pdf_equals_expected_json) {
    const xxgk::read_result r = xxgk::read_report(sample());
    EXPECT_EQ(r.format, xxgk::input_format::pdf);
    expect_the_sample_read(r);
    // Source positions: 447 stands on the middle line of the broken label （二）部分公开（…只计这一情 / 形，…）.
    const xxgk::cell *partial = xxgk::find_cell(r.value, xxgk::ref(xxgk::row::partially_granted, xxgk::applicant::natural_person));
    ASSERT_NE(partial, nullptr);
    EXPECT_EQ(partial->source, (xxgk::source_position{40, 33, 4, 0, 0, 0}));
}

TEST(pdf_reader, every_cell_of_the_sample_laid_out_text_equals_expected_json) {
    xxgk::read_options options;
    options.format = xxgk::input_format::layout;
    expect_the_sample_read(xxgk::read_report(
        xxgk::test::read_file(xxgk::test::source_path("tests/data/pdf/huaian.layout.txt")), options));
}

TEST(pdf_reader, says_a_truncated_file_is_truncated) {
    const std::string pdf = sample();
    const std::string message = failure([&] { read_pdf(pdf.substr(0, pdf.size() / 2)); });
    EXPECT_TRUE(contains(message, "truncated")) << message;
}

TEST(pdf_reader, says_a_file_with_corrupted_bytes_is_corrupt) {
    std::string pdf = sample();
    // Overwrite the cross-reference table and trailer, keeping the %%EOF line.
    for (std::size_t i = pdf.size() - 3000; i < pdf.size() - 10; ++i) pdf[i] = 'x';
    const std::string message = failure([&] { read_pdf(pdf); });
    EXPECT_TRUE(contains(message, "corrupt")) << message;
}

TEST(pdf_reader, says_what_is_not_a_pdf_at_all) {
    EXPECT_TRUE(contains(failure([] { read_pdf("<html><body>年度报告</body></html>"); }), "not a PDF"));
    EXPECT_TRUE(contains(failure([] { read_pdf(""); }), "empty"));
}

TEST(pdf_reader, says_a_scanned_pdf_needs_ocr) {
    const std::string message = failure([] { read_pdf(image_only_pdf()); });
    EXPECT_TRUE(contains(message, "scanned PDF: no text layer")) << message;
    EXPECT_TRUE(contains(message, "OCR is needed")) << message;
}

TEST(pdf_reader, says_an_encrypted_pdf_needs_its_password) {
    if (std::system("command -v qpdf >/dev/null 2>&1") != 0)
        GTEST_SKIP() << "qpdf is not installed (cmake/install-deps.sh installs it); it makes the encrypted PDF";
    char dir[] = "/tmp/xxgk-pdf-test-XXXXXX";
    ASSERT_NE(::mkdtemp(dir), nullptr);
    const std::string in = xxgk::test::source_path("tests/samples/huaian-city-2024/report.pdf");
    const std::string out = std::string(dir) + "/encrypted.pdf";
    const std::string command = "qpdf --encrypt secret secret 256 -- '" + in + "' '" + out + "'";
    ASSERT_EQ(std::system(command.c_str()), 0);
    const std::string pdf = xxgk::test::read_file(out);
    std::remove(out.c_str());
    ::rmdir(dir);
    const std::string message = failure([&] { read_pdf(pdf); });
    EXPECT_TRUE(contains(message, "encrypted")) << message;
    EXPECT_TRUE(contains(message, "password")) << message;
}

TEST(pdf_reader, says_how_to_install_a_missing_pdftotext) {
    pdf_options options;
    options.program = "/nonexistent/pdftotext";
    const std::string message = failure([&] { read_pdf(sample(), options); });
    EXPECT_TRUE(contains(message, "install poppler-utils")) << message;
}

TEST(pdf_reader, stops_a_pdftotext_that_does_not_finish) {
    char dir[] = "/tmp/xxgk-pdf-test-XXXXXX";
    ASSERT_NE(::mkdtemp(dir), nullptr);
    const std::string script = std::string(dir) + "/slow-pdftotext";
    {
        std::FILE *f = std::fopen(script.c_str(), "w");
        ASSERT_NE(f, nullptr);
        std::fputs("#!/bin/sh\nexec sleep 30\n", f);
        std::fclose(f);
    }
    ::chmod(script.c_str(), 0700);
    pdf_options options;
    options.program = script;
    options.timeout = std::chrono::milliseconds(300);
    const std::string message = failure([&] { read_pdf(sample(), options); });
    std::remove(script.c_str());
    ::rmdir(dir);
    EXPECT_TRUE(contains(message, "did not finish")) << message;
}

TEST(pdf_reader, refuses_more_output_than_the_bound) {
    pdf_options options;
    options.max_output = 1000;
    EXPECT_TRUE(contains(failure([&] { read_pdf(sample(), options); }), "more than"));
}

// A small PDF of `pages` pages that are all one page object, listed in an uncompressed cross-reference
// stream as long as the page count (poppler wants as many objects as pages): ~6 bytes a page.
std::string many_pages_pdf(std::size_t pages) {
    std::string kids;
    kids.reserve(pages * 6);
    for (std::size_t i = 0; i < pages; ++i) kids += "3 0 R ";
    const std::string objects[] = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    };
    std::string pdf = "%PDF-1.5\n";
    std::vector<std::size_t> offsets = append_objects(pdf, objects);
    const std::size_t xref = pdf.size(), size = pages + 5;
    offsets.push_back(xref);
    std::string rows(5, '\0');  // object 0: free
    for (std::size_t o : offsets) rows += {'\1', char(o >> 24), char(o >> 16), char(o >> 8), char(o)};
    rows.resize(size * 5, '\0');  // the rest: free
    pdf += "4 0 obj\n<< /Type /XRef /Size " + std::to_string(size) + " /W [1 4 0] /Root 1 0 R /Length " +
           std::to_string(rows.size()) + " >>\nstream\n" + rows + "\nendstream\nendobj\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

TEST(pdf_reader, pdftotext_runs_within_its_memory_limit) {
    // poppler needs ~1.2 KB for each page it has seen: 200,000 pages would take ~240 MB.
    const std::string pdf = many_pages_pdf(200000);
    ASSERT_TRUE(contains(failure([] { read_pdf(many_pages_pdf(3)); }), "no text layer: 3 pages"));
    pdf_options options;
    options.max_memory = std::size_t{64} << 20;
    const std::string message = failure([&] { read_pdf(pdf, options); });
    EXPECT_TRUE(contains(message, "PDF: pdftotext crashed on this file (killed by signal")) << message;
    EXPECT_TRUE(contains(message, "with at most 64 MiB of memory")) << message;
    EXPECT_LE(pdf_options{}.max_memory, std::size_t{512} << 20);
}

}  // namespace
