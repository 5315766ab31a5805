// The word-box pre-test (which numbers a laid-out reading cannot vouch for without the table's rules), the
// step that leaves them unread where no rules can be read, and the findings' wording. Synthetic pages in
// PDF points, as `pdftotext -bbox` gives them; built in every build, with or without OCR.
#include "test_support.hpp"

#include "../src/read/map/glued.hpp"
#include "../src/read/pdf_words.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace xxgk;
using read::uncertain_number;

// A word `text` at (x, y), 6 points a character wide and `height` high.
read::word_box word(double x, double y, std::string text, double height = 13) {
    return {x, y, x + 6.0 * static_cast<double>(text.size()), y + height, std::move(text)};
}

// A table row on one line: a label, then numbers in columns 60 points apart from x = 200.
void add_row(read::page_words &page, double y, std::string label, std::vector<std::string> numbers) {
    page.words.push_back(word(40, y, std::move(label)));
    double x = 200;
    for (std::string &n : numbers) page.words.push_back(word(x, y, std::move(n))), x += 60;
}

read::page_words page(int number) { return {number, 595, 842, {}}; }

TEST(pdf_words, a_column_of_one_line_numbers_is_ruled_out_even_in_rows_packed_as_tight_as_lines) {
    read::page_words p = page(2);
    for (int i = 0; i < 6; ++i) add_row(p, 100 + 14.0 * i, "label" + std::to_string(i), {"12" + std::to_string(i), "0", "7"});
    EXPECT_TRUE(read::numbers_needing_rules({p}).empty());
    // Rows far apart (twice a line), with their labels on lines of their own: no number has another right
    // below it at a line's pitch.
    read::page_words apart = page(2);
    for (int i = 0; i < 4; ++i) {
        apart.words.push_back(word(40, 100 + 40.0 * i, "label"));
        apart.words.push_back(word(200, 107 + 40.0 * i, "31" + std::to_string(i)));
    }
    EXPECT_TRUE(read::numbers_needing_rules({apart}).empty());
}

TEST(pdf_words, a_number_wrapped_in_its_cell_is_not_ruled_out) {
    // hangzhou's `13612` set as `1361` / `2` around its row's line, double spaced (two heights apart).
    read::page_words p = page(2);
    p.words.push_back(word(40, 450, "（一）本机关不掌握"));
    p.words.push_back(word(304, 442, "1361", 15.6));
    for (auto [x, n] : {std::pair{338.0, "252"}, {372.0, "0"}, {407.0, "45"}})
        p.words.push_back(word(x, 457.6, n, 15.6));
    p.words.push_back(word(304, 473.2, "2", 15.6));
    const auto found = read::numbers_needing_rules({p});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].page, 2);
    EXPECT_EQ(found[0].why, uncertain_number::cause::may_wrap);
    EXPECT_EQ(found[0].pieces, (std::vector<std::string>{"1361", "2"}));
    // Single spaced, in a row whose label wraps too: the line of pieces holds fewer numbers than the row's.
    read::page_words tight = page(1);
    add_row(tight, 100, "（一）本机关", {"307", "12", "0"});
    add_row(tight, 113, "不掌握", {"5"});
    const auto wrapped = read::numbers_needing_rules({tight});
    ASSERT_EQ(wrapped.size(), 1u);
    EXPECT_EQ(wrapped[0].pieces, (std::vector<std::string>{"307", "5"}));
}

TEST(pdf_words, a_count_with_a_leading_zero_never_goes_on) {
    read::page_words p = page(1);
    p.words.push_back(word(200, 100, "0"));
    p.words.push_back(word(200, 114, "0"));
    EXPECT_TRUE(read::numbers_needing_rules({p}).empty());
}

TEST(pdf_words, a_row_cut_by_a_page_break_is_not_ruled_out) {
    read::page_words first = page(3), second = page(4);
    add_row(first, 700, "（六）其他处理", {"1", "0", "1"});
    first.words.push_back(word(40, 760, "（七）总计"));
    for (auto [x, n] : {std::pair{200.0, "133"}, {260.0, "252"}, {320.0, "0"}}) first.words.push_back(word(x, 780, n));
    for (auto [x, n] : {std::pair{200.0, "64"}, {260.0, "10"}}) second.words.push_back(word(x, 80, n));
    add_row(second, 120, "四、结转下年度继续办理", {"783", "6", "0"});
    std::vector<std::string> cut_above, cut_below;
    for (const uncertain_number &n : read::numbers_needing_rules({first, second})) {
        ASSERT_EQ(n.why, uncertain_number::cause::may_be_cut);
        (n.page == 3 ? cut_above : cut_below).push_back(n.pieces.at(0));
    }
    EXPECT_EQ(cut_above, (std::vector<std::string>{"133", "252", "0"}));
    EXPECT_EQ(cut_below, (std::vector<std::string>{"64", "10"}));
    // The next page opening with a labelled row (its label centred a little above its numbers): not cut.
    read::page_words labelled = page(4);
    labelled.words.push_back(word(40, 75, "6.属于四类过程性信息"));
    for (auto [x, n] : {std::pair{200.0, "64"}, {260.0, "10"}}) labelled.words.push_back(word(x, 82, n));
    EXPECT_TRUE(read::numbers_needing_rules({first, labelled}).empty());
    // A page that ends with running text below its table: not cut either.
    first.words.push_back(word(40, 800, "四、政府信息公开行政复议、行政诉讼情况"));
    EXPECT_TRUE(read::numbers_needing_rules({first, second}).empty());
}

TEST(pdf_words, reads_poppler_word_boxes) {
    const auto pages = read::parse_word_boxes(
        "<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\"><body><doc>"
        "<page width=\"595.3\" height=\"841.9\"><word xMin=\"304.4\" yMin=\"442.0\" xMax=\"329.0\" yMax=\"457.6\">1361</word>"
        "<word xMin=\"1\" yMin=\"1\" xMax=\"1\" yMax=\"2\">empty</word></page><page width=\"10\" height=\"10\"></page></doc></body></html>");
    ASSERT_EQ(pages.size(), 2u);
    ASSERT_EQ(pages[0].words.size(), 1u);  // a word without width is no word
    EXPECT_EQ(pages[0].words[0].text, "1361");
    EXPECT_DOUBLE_EQ(pages[0].words[0].y_max, 457.6);
    EXPECT_EQ(pages[1].number, 2);
    EXPECT_TRUE(read::parse_word_boxes("<page><word>").empty());  // not well-formed: not poppler's
}

read::text_cell cell(std::string text, std::uint32_t page) { return {std::move(text), {1, 1, page, 0, 0, 0}}; }

TEST(pdf_words, without_rules_every_cell_that_may_hold_an_uncertain_number_is_unread) {
    read::document doc;
    read::table_block t;
    t.rows.push_back({{cell("（一）本机关", 2), cell("307", 2), cell("252", 2), cell("5", 2)}});
    t.rows.push_back({{cell("（二）", 2), cell("3075", 2), cell("1361\n2", 2), cell("1,361", 2)}});
    t.rows.push_back({{cell("（三）", 3), cell("307", 3)}});
    doc.blocks.emplace_back(std::move(t));
    const std::vector<uncertain_number> numbers{{2, uncertain_number::cause::may_wrap, {"307", "5"}, {}},
                                                {2, uncertain_number::cause::may_wrap, {"1361", "2"}, {}}};
    EXPECT_EQ(read::unread_uncertain_numbers(doc, numbers), 4u);
    const auto &rows = std::get<read::table_block>(doc.blocks[0]).rows;
    const auto unread = [](const read::text_cell &c) {
        return c.readings.size() == 1 && *c.readings.begin() == "?" && c.readings.cause() == read::unread_cause::may_wrap_without_rules;
    };
    EXPECT_TRUE(unread(rows[0].cells[1]));   // the first line alone
    EXPECT_FALSE(unread(rows[0].cells[2]));  // another number
    EXPECT_TRUE(unread(rows[0].cells[3]));   // the last line alone
    EXPECT_TRUE(unread(rows[1].cells[1]));   // the lines joined
    EXPECT_TRUE(unread(rows[1].cells[2]));   // the lines kept apart
    EXPECT_FALSE(unread(rows[1].cells[3]));  // 1361 with a comma is not a piece
    EXPECT_FALSE(rows[0].cells[0].readings.size());
    EXPECT_FALSE(unread(rows[2].cells[1]));  // another page
}

TEST(pdf_words, a_piece_printed_as_often_in_the_cells_as_in_the_words_is_taken_by_its_rank) {
    // Five zeros on the page, the uncertain one the fourth in reading order: the cells of ranks 3 to 5
    // (one rank of slack each way, where the two orders may differ) are unread, the first two read.
    read::document doc;
    read::table_block t;
    for (std::uint32_t line = 1; line <= 5; ++line) {
        read::text_cell c = cell("0", 2);
        c.pos.line = line;
        t.rows.push_back({{c}});
    }
    doc.blocks.emplace_back(t);
    uncertain_number zero{2, uncertain_number::cause::may_wrap, {"10", "0"}, {{0, 1}, {3, 5}}};
    EXPECT_EQ(read::unread_uncertain_numbers(doc, {zero}), 3u);
    const auto &rows = std::get<read::table_block>(doc.blocks[0]).rows;
    for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(rows[i].cells[0].readings.empty(), i < 2) << i;
    // Printed more often in the words than in the cells (a piece joined by the laid-out reading): every one.
    read::document again;
    again.blocks.emplace_back(std::move(t));
    zero.places[1].second = 6;
    EXPECT_EQ(read::unread_uncertain_numbers(again, {zero}), 5u);
}

TEST(pdf_words, a_page_too_crowded_to_look_at_number_by_number_has_every_number_listed) {
    // 4,000 numbers stacked within a line's height of each other (a hostile page): the looks are bounded,
    // and the whole page is listed (every value cell of it unread without rules).
    read::page_words p = page(1);
    for (int i = 0; i < 4000; ++i) p.words.push_back(word(200, 100 + 0.005 * i, "12"));
    const auto found = read::numbers_needing_rules({p});
    ASSERT_FALSE(found.empty());
    EXPECT_TRUE(found.back().pieces.empty());
    read::document doc;
    read::table_block t;
    t.rows.push_back({{cell("label", 1), cell("7", 1), cell("8", 1)}});
    doc.blocks.emplace_back(std::move(t));
    EXPECT_EQ(read::unread_uncertain_numbers(doc, found), 2u);
}

// The finding of a table 二 value whose only reading is "?" for `why`.
std::string finding_of_unknown(read::unread_cause why) {
    std::vector<diagnostic> out;
    report r;
    read::text_cell v{"307", {}, 1, 1, -1, read::cell_readings::unknown(why)};
    const read::printed_row row{ref(active_item::licensing), 1, {v}};
    read::place_rows(r, read::table_id::active_disclosure, std::span(&row, 1), out);
    EXPECT_EQ(find_cell(r, row.first)->kind, cell_kind::unreadable);
    return out.size() == 1 && out[0].which == rule::cell_unreadable ? out[0].text : "";
}

TEST(pdf_words, an_unread_value_says_why_it_is_unread) {
    EXPECT_NE(finding_of_unknown(read::unread_cause::cut_by_page_break).find("被分页截断"), std::string::npos);
    EXPECT_EQ(finding_of_unknown(read::unread_cause::cut_by_page_break).find("OCR"), std::string::npos);
    EXPECT_NE(finding_of_unknown(read::unread_cause::may_wrap_without_rules).find("折行"), std::string::npos);
    EXPECT_NE(finding_of_unknown(read::unread_cause::may_be_cut_without_rules).find("分页截断"), std::string::npos);
    EXPECT_NE(finding_of_unknown(read::unread_cause::ink_not_read).find("OCR未能读出数值"), std::string::npos);
}

}  // namespace
