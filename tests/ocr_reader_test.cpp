// The OCR reader (scanned PDFs and page images): every table cell of the rendered samples' scans is read
// exactly or left unread with its candidates, never read as another number; uncertain readings are taken
// only where every identity leaves one.
#include "test_support.hpp"

#include <xxgk/read.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <stdexcept>
#include <utility>
#include <vector>
#include <unistd.h>

namespace {

// A PDF made at test time from pages of the rendered sample `folder`: each (file, page) in turn
// (pdfseparate and pdfunite, poppler-utils).
std::string pdf_of_pages(const std::string &folder, const std::vector<std::pair<std::string, int>> &pages) {
    char dir[] = "/tmp/xxgk-ocr-test-XXXXXX";
    if (!::mkdtemp(dir)) throw std::runtime_error("mkdtemp");
    const std::string d = dir;
    std::string unite = "pdfunite";
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const std::string in = xxgk::test::source_path("tests/samples/rendered/" + folder + "/" + pages[i].first);
        const std::string out = d + "/" + std::to_string(i) + ".pdf";
        const std::string n = std::to_string(pages[i].second);
        if (std::system(("pdfseparate -f " + n + " -l " + n + " '" + in + "' " + out).c_str()) != 0)
            throw std::runtime_error("pdfseparate " + in);
        unite += " " + out;
    }
    if (std::system((unite + " " + d + "/made.pdf").c_str()) != 0) throw std::runtime_error("pdfunite");
    std::string bytes = xxgk::test::read_file(d + "/made.pdf");
    std::system(("rm -rf " + d).c_str());
    return bytes;
}

}  // namespace

#ifdef XXGK_HAVE_OCR
#include "../src/read/map/glued.hpp"
#include "../src/read/ocr/labels.hpp"
#include "../src/read/ocr/recognizer.hpp"
#include "../src/read/ocr/table_grid.hpp"

namespace {

using namespace xxgk;
namespace ocr = xxgk::read::ocr;

struct tally {
    int exact = 0, unread = 0, wrong = 0;
    int total() const { return exact + unread + wrong; }
};

// Compares every table cell of `got` with the transcription; an unread cell must be named by a
// cell.unreadable finding (which lists its candidates).
tally score(const read_result &got, const report &expected) {
    tally t;
    std::vector<std::pair<cell_ref, const cell *>> want;
    for_each_cell(expected, [&](cell_ref c, const cell &x) { want.emplace_back(c, &x); });
    std::size_t i = 0;
    for_each_cell(got.value, [&](cell_ref c, const cell &x) {
        const cell &w = *want.at(i++).second;
        EXPECT_TRUE(want[i - 1].first == c);
        if (x.kind == cell_kind::unreadable) {
            ++t.unread;
            const bool named = std::any_of(got.diagnostics.begin(), got.diagnostics.end(), [&](const diagnostic &d) {
                return d.which == rule::cell_unreadable && std::find(d.cells.begin(), d.cells.end(), c) != d.cells.end();
            });
            EXPECT_TRUE(named) << json_pointer(c) << " is unread without a finding";
        } else if (x.kind == w.kind && (x.kind != cell_kind::number || x.value == w.value)) {
            ++t.exact;
        } else {
            ++t.wrong;
            ADD_FAILURE() << json_pointer(c) << ": read " << (x.is_number() ? to_string(x.value) : x.text) << ", printed "
                          << (w.is_number() ? to_string(w.value) : w.text);
        }
    });
    return t;
}

// Page 2 of the rendered sample `folder`'s `file` as the picture a poppler-utils tool makes of it: `tool` is
// the command before the input file and output prefix, `made` the file it writes under that prefix.
std::string page_two_image(const std::string &folder, const std::string &file, const std::string &tool,
                           const std::string &made) {
    char dir[] = "/tmp/xxgk-ocr-test-XXXXXX";
    if (!::mkdtemp(dir)) throw std::runtime_error("mkdtemp");
    const std::string d = dir;
    const std::string in = xxgk::test::source_path("tests/samples/rendered/" + folder + "/" + file);
    if (std::system((tool + " -f 2 -l 2 '" + in + "' " + d + "/page").c_str()) != 0) throw std::runtime_error(tool + " " + in);
    std::string bytes = xxgk::test::read_file(d + "/" + made);
    std::system(("rm -rf " + d).c_str());
    return bytes;
}

report expected_of(const std::string &folder) {
    return parse_report(test::read_file(test::source_path("tests/samples/rendered/" + folder + "/expected.json")));
}

void expect_read_as_printed(const std::string &folder, const std::string &file, std::string bytes = {}) {
    if (bytes.empty()) bytes = test::read_file(test::source_path("tests/samples/rendered/" + folder + "/" + file));
    const read_result r = read_report(bytes);
    const tally t = score(r, expected_of(folder));
    std::cout << folder << "/" << file << ": " << t.exact << " exact, " << t.unread << " unread, " << t.wrong
              << " wrong of " << t.total() << "\n";
    EXPECT_EQ(t.wrong, 0);
    EXPECT_GE(t.exact * 100, t.total() * 95) << t.exact << " of " << t.total();
}

// The full sweep of the scanned samples (12 pages, about a minute of OCR): run by
// `XXGK_OCR_SWEEP=1 ctest --test-dir build -R ocr_sweep` (docs/pdf.md), skipped otherwise.
#define OCR_SWEEP()                                                                        \
    if (!std::getenv("XXGK_OCR_SWEEP")) GTEST_SKIP() << "set XXGK_OCR_SWEEP=1 to run the OCR sweep"

TEST(ocr_sweep, reads_a_scanned_pdf_as_printed) {
    OCR_SWEEP();
    expect_read_as_printed("acheng-yagou-2023", "scanned.pdf");
}

TEST(ocr_sweep, reads_a_scanned_pdf_whose_report_totals_are_wrong) {
    OCR_SWEEP();
    expect_read_as_printed("pingtan-47-ziranziyuan-2021", "scanned.pdf");
}

TEST(ocr_sweep, reads_a_rotated_noisy_150_dpi_scan) {
    OCR_SWEEP();
    expect_read_as_printed("hangzhou-style-html", "scanned-degraded.pdf");
}

TEST(ocr_sweep, reads_a_pdf_whose_tables_are_pictures_after_text_pages) {
    OCR_SWEEP();
    // Table 二 and the sections as text (page 1); tables 三 and 四 as scanned pictures (pages 2–4).
    expect_read_as_printed("hangzhou-style-html", "report.pdf p1 + scanned-degraded.pdf p2-4",
                           pdf_of_pages("hangzhou-style-html", {{"report.pdf", 1}, {"scanned-degraded.pdf", 2},
                                                                {"scanned-degraded.pdf", 3}, {"scanned-degraded.pdf", 4}}));
}

TEST(ocr_sweep, reads_a_scan_whose_table_four_is_alone_on_its_page) {
    OCR_SWEEP();
    expect_read_as_printed("hangzhou-style-html", "scanned.pdf");
}

TEST(ocr_sweep, reads_a_rotated_noisy_150_dpi_scan_of_small_counts) {
    OCR_SWEEP();
    expect_read_as_printed("pingtan-47-ziranziyuan-2021", "scanned-degraded.pdf");
}

TEST(ocr_reader, reads_a_table_whose_bottom_rule_is_one_pixel_thick) {
    // Page 4 of hangzhou's scan: table 四 alone, its bottom rule a pixel thick at 200 dpi; the row of values
    // along it is read.
    const read_result r = read_report(pdf_of_pages("hangzhou-style-html", {{"scanned.pdf", 4}}));
    const report expected = expected_of("hangzhou-style-html");
    int exact = 0;
    for (proceeding p : all_of<proceeding>())
        for (case_result c : all_of<case_result>()) {
            const cell *got = find_cell(r.value, ref(p, c));
            ASSERT_TRUE(got) << json_pointer(ref(p, c));
            EXPECT_NE(got->kind, cell_kind::blank) << json_pointer(ref(p, c));
            if (got->kind == cell_kind::unreadable) continue;
            EXPECT_EQ(got->value, find_cell(expected, ref(p, c))->value) << json_pointer(ref(p, c));
            exact += got->value == find_cell(expected, ref(p, c))->value;
        }
    EXPECT_GE(exact, 14);  // of 15
}

TEST(ocr_reader, reads_the_tables_of_a_pdf_whose_tables_are_pictures) {
    // A text page (title, sections 一 and 二, table 二) followed by the scanned pages of tables 三 and 四 (the
    // shape of the "（图片版）" reports): the pictures' tables are read with the text page's sections.
    const std::string pdf = pdf_of_pages("pingtan-47-ziranziyuan-2021",
                                         {{"report.pdf", 1}, {"scanned.pdf", 2}, {"scanned.pdf", 3}, {"scanned.pdf", 4}});
    const read_result r = read_report(pdf);
    const tally t = score(r, expected_of("pingtan-47-ziranziyuan-2021"));
    std::cout << "report.pdf p1 + scanned.pdf p2-4: " << t.exact << " exact, " << t.unread << " unread, " << t.wrong
              << " wrong of " << t.total() << "\n";
    EXPECT_EQ(t.wrong, 0);
    EXPECT_GE(t.exact * 100, t.total() * 95) << t.exact << " of " << t.total();
    // Positions: table 二 from the text layer by line; table 三 from the picture of page 2 by table, row, cell.
    const source_position text = find_cell(r.value, ref(active_item::regulations, document_column::issued))->source;
    EXPECT_EQ(text.page, 1u);
    EXPECT_EQ(text.table, 0u);
    EXPECT_NE(text.line, 0u);
    const source_position picture = find_cell(r.value, ref(row::new_received, applicant::natural_person))->source;
    EXPECT_EQ(picture.page, 2u);
    EXPECT_NE(picture.table, 0u);
    EXPECT_NE(picture.row, 0u);
    EXPECT_NE(picture.cell, 0u);
}

TEST(ocr_reader, reads_a_text_pdf_without_pictures_from_its_text_alone) {
    // The same report all text: no page holds a picture, so nothing is OCR'd and every cell is exact.
    const read_result r = read_report(test::read_file(test::source_path("tests/samples/rendered/pingtan-47-ziranziyuan-2021/report.pdf")));
    const tally t = score(r, expected_of("pingtan-47-ziranziyuan-2021"));
    EXPECT_EQ(t.exact, t.total());
    EXPECT_EQ(find_cell(r.value, ref(row::new_received, applicant::natural_person))->source.table, 0u);
}

TEST(ocr_reader, reads_a_page_image) {
    // Page 2 of a scan (the first half of table 三) as a PNG made by pdftoppm.
    const std::string png =
        page_two_image("pingtan-47-ziranziyuan-2021", "scanned.pdf", "pdftoppm -r 150 -gray -png -singlefile", "page.png");
    EXPECT_EQ(sniff_format(png), input_format::image);
    const read_result r = read_report(png);
    const report expected = parse_report(
        test::read_file(test::source_path("tests/samples/rendered/pingtan-47-ziranziyuan-2021/expected.json")));
    // The page holds the rows of table 三 up to （三）5: those are read, the rest of the report is not there.
    int exact = 0;
    for (row rw : {row::new_received, row::carried_over, row::granted, row::partially_granted, row::denied_state_secret}) {
        for (applicant a : all_of<applicant>()) {
            const cell *got = find_cell(r.value, ref(rw, a));
            const cell *want = find_cell(expected, ref(rw, a));
            ASSERT_TRUE(got && want);
            if (got->kind == cell_kind::unreadable) continue;
            EXPECT_EQ(got->kind, want->kind) << json_pointer(ref(rw, a));
            EXPECT_EQ(got->value, want->value) << json_pointer(ref(rw, a));
            exact += got->kind == want->kind && got->value == want->value;
        }
    }
    EXPECT_GE(exact, 33);  // of 35
    EXPECT_EQ(find_cell(r.value, ref(row::new_received, applicant::natural_person))->source.page, 1u);
}

TEST(ocr_reader, reads_a_rotated_noisy_jpeg_page) {
    // Page 2 of the degraded scan (150 dpi, turned +0.7°, noise) as the JPEG it holds: deskewed and read.
    const std::string jpeg = page_two_image("hangzhou-style-html", "scanned-degraded.pdf", "pdfimages -j", "page-000.jpg");
    EXPECT_EQ(sniff_format(jpeg), input_format::image);
    const read_result r = read_report(jpeg);
    const report expected = expected_of("hangzhou-style-html");
    int exact = 0, wrong = 0;
    for (row rw : {row::new_received, row::carried_over, row::granted, row::partially_granted, row::denied_state_secret}) {
        for (applicant a : all_of<applicant>()) {
            const cell *got = find_cell(r.value, ref(rw, a));
            const cell *want = find_cell(expected, ref(rw, a));
            ASSERT_TRUE(got && want);
            if (got->kind == cell_kind::unreadable) continue;
            const bool same = got->kind == want->kind && got->value == want->value;
            EXPECT_TRUE(same) << json_pointer(ref(rw, a)) << ": read " << to_string(got->value);
            exact += same, wrong += !same;
        }
    }
    EXPECT_EQ(wrong, 0);
    EXPECT_GE(exact, 30);  // of 35
}

TEST(ocr_reader, says_where_an_image_cannot_be_decoded) {
    xxgk::read_error error;
    const std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + std::string(100, '\0');
    EXPECT_FALSE(read_report(png, {}, error).has_value());
    EXPECT_EQ(error.code, error_code::damaged) << error.describe(language::en);
    EXPECT_EQ(error.detail, "OCR: page 1: not an image Leptonica can decode (PNG, JPEG, TIFF)");
}

TEST(ocr_reader, names_a_page_image_beyond_the_pixel_bound_too_large) {
    // A PNG whose header declares 10000 × 5000 pixels (50 million, the bound is 40 million), with a few bytes of data.
    const std::string png("\x89PNG\r\n\x1A\n\x00\x00\x00\x0D\x49\x48\x44\x52\x00\x00\x27\x10\x00\x00\x13\x88\x08\x00\x00"
                          "\x00\x00\x32\x3C\x28\x94\x00\x00\x00\x0B\x49\x44\x41\x54\x78\x9C\x63\x60\x40\x05\x00\x00\x10\x00"
                          "\x01\x39\xBD\x8F\x65\x00\x00\x00\x00\x49\x45\x4E\x44\xAE\x42\x60\x82",
                          68);
    xxgk::read_error error;
    EXPECT_FALSE(read_report(png, {}, error).has_value());
    EXPECT_EQ(error.code, error_code::too_large) << error.describe(language::en);
    EXPECT_EQ(error.detail, "OCR: page 1: image too large (more than 40 million pixels)");
}

TEST(ocr_reader, names_bytes_read_as_an_image_that_are_none_the_wrong_format) {
    read_options o;
    o.format = input_format::image;
    xxgk::read_error error;
    EXPECT_FALSE(read_report("plain words, not a picture", o, error).has_value());
    EXPECT_EQ(error.code, error_code::wrong_format) << error.describe(language::en);
    EXPECT_EQ(error.detail, "OCR: not an image that can be read (PNG, JPEG or TIFF expected)");
}

// A binary page (1 bpp, ink = 1) of `width` × `height` with the given rules drawn in it: horizontal ones as
// {y, thickness}, vertical ones as {x, thickness}, each from `from` to `to` along the other axis.
ocr::pix_ptr ruled_page(int width, int height, std::vector<std::pair<int, int>> rows, std::vector<std::pair<int, int>> columns,
                        int from_x, int to_x, int from_y, int to_y) {
    ocr::pix_ptr page(pixCreate(width, height, 1));
    for (auto [y, thickness] : rows) pixRasterop(page.get(), from_x, y, to_x - from_x, thickness, PIX_SET, nullptr, 0, 0);
    for (auto [x, thickness] : columns) pixRasterop(page.get(), x, from_y, thickness, to_y - from_y, PIX_SET, nullptr, 0, 0);
    return page;
}

TEST(ocr_reader, finds_the_cells_along_a_table_edge_ruled_one_pixel_thick) {
    // Three columns by two rows at 200 dpi, the outer rules one pixel thick (a light rule thresholded, or a
    // hairline): closing the rules' small gaps must not erode them away and open the cells along them.
    const ocr::pix_ptr page = ruled_page(1000, 600, {{100, 1}, {190, 2}, {280, 1}}, {{100, 1}, {400, 2}, {700, 2}, {900, 1}},
                                         100, 901, 100, 281);
    const std::vector<ocr::table_grid> tables = ocr::find_tables(page.get(), 200);
    ASSERT_EQ(tables.size(), 1u);
    EXPECT_EQ(tables[0].rows, 2);
    EXPECT_EQ(tables[0].columns, 3);
    ASSERT_EQ(tables[0].cells.size(), 6u);
    EXPECT_EQ(tables[0].cells.back().row, 1);
    EXPECT_EQ(tables[0].cells.back().box.bottom(), 280);
}

ocr::digit_reading digit(char c, float confidence, std::string alternatives = {}) {
    ocr::digit_reading d;
    d.best = c, d.confidence = confidence;
    for (char a : alternatives) d.alternatives.emplace_back(a, 0.0f);
    return d;
}

TEST(ocr_reader, lists_the_readings_of_an_uncertain_number) {
    // 5?3 with the middle digit unsure between 4 and 9: the best first, then the alternatives.
    EXPECT_EQ(ocr::number_readings({digit('5', 99), digit('4', 60, "9"), digit('3', 99)}, ""),
              (std::vector<std::string>{"543", "593"}));
    // Sure digits the text pass read otherwise: both readings.
    EXPECT_EQ(ocr::number_readings({digit('5', 99), digit('6', 99)}, "58"), (std::vector<std::string>{"56", "58"}));
    // An unsure digit without alternatives may be any digit; no reading with a leading zero.
    const auto any = ocr::number_readings({digit('7', 40)}, "");
    EXPECT_EQ(any.size(), 10u);
    EXPECT_EQ(any.front(), "7");
    const auto lead = ocr::number_readings({digit('1', 40), digit('2', 99)}, "");
    EXPECT_EQ(std::count_if(lead.begin(), lead.end(), [](const std::string &s) { return s.front() == '0'; }), 0);
}

// A look at a cell: the text pass's text and confidence, and the digits pass's digits.
ocr::cell_look look(std::string text, float text_confidence, std::vector<ocr::digit_reading> digits) {
    ocr::cell_look l;
    l.text.text = std::move(text), l.text.confidence = text_confidence, l.text.inked = true;
    l.digits = std::move(digits);
    return l;
}

TEST(ocr_reader, takes_a_number_that_a_second_look_at_another_scale_confirms) {
    // Sure digits the text pass misread unsurely at the scan's scale, and read as they are when larger.
    EXPECT_EQ(ocr::agreed_number({look("5064", 41, {digit('5', 99), digit('6', 99), digit('4', 99)}),
                                  look("564", 88, {digit('5', 99), digit('6', 99), digit('4', 99)})}),
              "564");
    // Sure digits at two scales, the text pass reading only marks: the two digits passes agree.
    EXPECT_EQ(ocr::agreed_number({look("色", 29, {digit('2', 96)}), look("双", 0, {digit('2', 99)})}), "2");
    // An unsure digit at the scan's scale, sure when larger, where the text pass reads it too.
    EXPECT_EQ(ocr::agreed_number({look("0", 95, {digit('0', 36)}), look("0", 96, {digit('0', 99)})}), "0");
}

TEST(ocr_reader, leaves_a_number_unread_when_its_looks_disagree_or_one_alone_is_sure) {
    // A text pass of digits read with confidence says otherwise.
    EXPECT_EQ(ocr::agreed_number({look("10", 85, {digit('1', 99), digit('6', 99)}), look("10", 73, {digit('1', 99), digit('6', 99)})}),
              std::nullopt);
    // Two digits passes sure of different numbers.
    EXPECT_EQ(ocr::agreed_number({look("", 0, {digit('3', 98)}), look("", 0, {digit('8', 97)})}), std::nullopt);
    // One sure digits pass alone, nothing confirming it.
    EXPECT_EQ(ocr::agreed_number({look("电", 0, {digit('3', 98)}), look("|", 46, {digit('3', 60, "8")})}), std::nullopt);
    // Never a leading zero.
    EXPECT_EQ(ocr::agreed_number({look("07", 90, {digit('0', 99), digit('7', 99)})}), std::nullopt);
}

TEST(ocr_reader, puts_a_misread_label_back_to_the_format_s_label) {
    EXPECT_EQ(ocr::nearest_label("1属于国家秘密"), "1.属于国家秘密");                  // a dot lost
    EXPECT_EQ(ocr::nearest_label("2.其他法律行政法规茜止公开"), "2.其他法律行政法规禁止公开");  // a character misread
    EXPECT_EQ(ocr::nearest_label("工属于国家秘密"), "1.属于国家秘密");     // the number and its dot read as one glyph
    EXPECT_EQ(ocr::nearest_label("】重复申请"), "2.重复申请");
    EXPECT_EQ(ocr::nearest_label("工属于国家机密文件"), std::nullopt);     // that and a misread more: too far
    EXPECT_EQ(ocr::nearest_label("（三）不\n予公开"), std::nullopt);                 // the label itself
    EXPECT_EQ(ocr::nearest_label("测试市人民政府办公室"), std::nullopt);               // far from every label
    EXPECT_EQ(ocr::nearest_label("规草"), std::nullopt);                             // too short to tell
}

// A table 四 row of OCR'd values where `uncertain` holds the readings of administrative_review/upheld.
report review_row(std::vector<std::string> readings, std::string total, std::vector<diagnostic> &out) {
    report r;
    std::vector<read::text_cell> tokens;
    for (std::string v : {std::string("x"), std::string("1"), std::string("2"), std::string("0"), total})
        tokens.push_back(read::text_cell{v, {}, 1, 1});
    tokens[0].text = readings.front();
    tokens[0].readings = readings;
    tokens[0].confidence = 62;
    const read::printed_row row{ref(proceeding::administrative_review, case_result::upheld), 5, tokens};
    read::place_rows(r, read::table_id::review_litigation, std::span(&row, 1), out);
    return r;
}

TEST(ocr_reader, takes_the_best_reading_when_it_is_the_one_every_identity_allows_and_says_so) {
    std::vector<diagnostic> out;
    const report r = review_row({"3", "8", "6"}, "6", out);  // 3 + 1 + 2 + 0 = 6
    const cell &c = *find_cell(r, ref(proceeding::administrative_review, case_result::upheld));
    EXPECT_EQ(c.value, decimal(3));
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].which, rule::doc_table_layout);
    EXPECT_NE(out[0].text.find("OCR"), std::string::npos) << out[0].text;
    EXPECT_NE(out[0].text.find("OCR置信度：第1格62"), std::string::npos) << out[0].text;
}

TEST(ocr_reader, never_puts_another_reading_in_place_of_the_best_one) {
    // The identity would hold with 3, but the engine read 8: a report whose own total is wrong would make
    // a wrong digit fit, so the value stays unread.
    std::vector<diagnostic> out;
    const report r = review_row({"8", "3", "6"}, "6", out);
    EXPECT_EQ(find_cell(r, ref(proceeding::administrative_review, case_result::upheld))->kind, cell_kind::unreadable);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].which, rule::cell_unreadable);
    EXPECT_NE(out[0].text.find("3|1|2|0|6"), std::string::npos) << out[0].text;
    EXPECT_NE(out[0].text.find("OCR置信度：第1格62"), std::string::npos) << out[0].text;
}

TEST(ocr_reader, leaves_a_reading_unread_when_the_identities_contradict_every_one) {
    std::vector<diagnostic> out;
    const report r = review_row({"8", "3"}, "7", out);  // no reading makes 7
    EXPECT_EQ(find_cell(r, ref(proceeding::administrative_review, case_result::upheld))->kind, cell_kind::unreadable);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].which, rule::cell_unreadable);
    EXPECT_NE(out[0].text.find("8|1|2|0|7"), std::string::npos) << out[0].text;
}

TEST(ocr_reader, leaves_a_reading_unread_when_no_identity_decides) {
    std::vector<diagnostic> out;
    report r;
    read::text_cell v{"564", {}, 1, 1, -1, {"564", "584"}};
    const read::printed_row row{ref(active_item::licensing), 1, {v}};
    read::place_rows(r, read::table_id::active_disclosure, std::span(&row, 1), out);
    EXPECT_EQ(find_cell(r, ref(active_item::licensing))->kind, cell_kind::unreadable);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_NE(out[0].text.find("564"), std::string::npos);
    EXPECT_NE(out[0].text.find("584"), std::string::npos);
}

}  // namespace
#endif

TEST(ocr_reader, a_scanned_pdf_without_ocr_says_so_or_is_read) {
    const std::string pdf = pdf_of_pages("acheng-yagou-2023", {{"scanned.pdf", 4}});  // table 四, sections 五 and 六
    xxgk::read_error error;
    const auto r = xxgk::read_report(pdf, {}, error);
#ifdef XXGK_HAVE_OCR
    EXPECT_TRUE(r.has_value()) << error.describe();
#else
    EXPECT_FALSE(r.has_value());
    EXPECT_EQ(error.code, xxgk::error_code::scanned) << error.describe(xxgk::language::en);
    EXPECT_NE(error.describe(xxgk::language::en).find("OCR is needed"), std::string::npos) << error.describe(xxgk::language::en);
#endif
}
