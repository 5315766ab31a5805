// The laid-out text reader: the huaian-city-2024 sample's laid-out text (tests/data/pdf/huaian.layout.txt,
// made by pdftotext -layout; see its README) cell by cell against expected.json, and small laid-out texts
// for each hard case.
#include "test_support.hpp"

#include "../src/read/layout_reader.hpp"

#include <xxgk/text.hpp>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace {

using namespace xxgk::read;

std::string flat(std::string s) {
    std::string out;
    for (char c : s)
        if (c != '\n' && c != ' ') out += c;
    return out;
}

std::vector<const table_block *> tables(const document &doc) {
    std::vector<const table_block *> out;
    for (const block &b : doc.blocks)
        if (auto *t = std::get_if<table_block>(&b)) out.push_back(t);
    return out;
}

// The document's one table; throws when there is not exactly one.
const table_block &only_table(const document &doc) {
    const auto all = tables(doc);
    if (all.size() != 1) throw std::runtime_error(std::to_string(all.size()) + " tables, expected 1");
    return *all.front();
}

std::vector<const paragraph_block *> paragraphs(const document &doc) {
    std::vector<const paragraph_block *> out;
    for (const block &b : doc.blocks)
        if (auto *p = std::get_if<paragraph_block>(&b)) out.push_back(p);
    return out;
}

std::vector<std::string> texts(const text_row &r) {
    std::vector<std::string> out;
    for (const text_cell &c : r.cells) out.push_back(c.text);
    return out;
}

bool is_number(const std::string &s) { return !s.empty() && s.find_first_not_of("0123456789.") == std::string::npos; }

// The rows that carry numbers, as their number texts (blank cells as "").
std::vector<std::vector<std::string>> number_rows(const table_block &t) {
    std::vector<std::vector<std::string>> out;
    for (const text_row &r : t.rows) {
        std::vector<std::string> numbers;
        bool any = false;
        for (const text_cell &c : r.cells)
            if (is_number(c.text) || (c.text.empty() && any)) numbers.push_back(c.text), any = true;
        if (any) out.push_back(numbers);
    }
    return out;
}

// The label cell right before the first number (or blank number cell) of a row.
const text_cell *row_label(const text_row &r) {
    const text_cell *label = nullptr;
    for (const text_cell &c : r.cells) {
        if (is_number(c.text)) return label;
        label = &c;
    }
    return nullptr;
}

const text_row *row_labelled(const table_block &t, const std::string &label) {
    for (const text_row &r : t.rows)
        if (const text_cell *c = row_label(r); c && flat(c->text) == label) return &r;
    return nullptr;
}

std::string as_text(const boost::json::value &v) {
    if (v.is_string()) return std::string(v.as_string());
    if (v.is_int64()) return std::to_string(v.as_int64());
    return boost::json::serialize(v);
}

class huaian : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        doc_ = new document(read_layout_text(xxgk::test::read_file(xxgk::test::source_path("tests/data/pdf/huaian.layout.txt"))));
        expected_ = new boost::json::value(boost::json::parse(
            xxgk::test::read_file(xxgk::test::source_path("tests/samples/huaian-city-2024/expected.json"))));
    }
    static void TearDownTestSuite() {
        delete doc_;
        delete expected_;
    }
    static document *doc_;
    static boost::json::value *expected_;
};
document *huaian::doc_ = nullptr;
boost::json::value *huaian::expected_ = nullptr;

TEST_F(huaian, finds_the_three_tables_and_the_six_headings) {
    ASSERT_EQ(tables(*doc_).size(), 3u);
    std::vector<std::string> headings;
    for (const paragraph_block *p : paragraphs(*doc_))
        for (std::string_view h : xxgk::labels_of<xxgk::section>)
            if (p->text == h) headings.push_back(p->text);
    EXPECT_EQ(headings.size(), 6u);
}

TEST_F(huaian, every_cell_of_table_three_is_read_in_printed_order) {
    const auto rows = number_rows(*tables(*doc_)[1]);
    const auto &applications = expected_->at("applications").as_object();
    ASSERT_EQ(rows.size(), applications.size());
    std::size_t i = 0;
    for (const auto &[name, cells] : applications) {
        std::vector<std::string> want;
        for (const auto &[column, value] : cells.as_object()) want.push_back(as_text(value));
        EXPECT_EQ(rows[i], want) << "row " << name;
        ++i;
    }
}

TEST_F(huaian, every_cell_of_tables_two_and_four_is_read) {
    std::vector<std::string> two, want_two;
    for (const auto &row : number_rows(*tables(*doc_)[0])) two.insert(two.end(), row.begin(), row.end());
    for (const auto &[name, v] : expected_->at("active_disclosure").as_object()) {
        if (v.is_object())
            for (const auto &[column, x] : v.as_object()) want_two.push_back(as_text(x));
        else
            want_two.push_back(as_text(v));
    }
    EXPECT_EQ(two, want_two);

    const auto four = number_rows(*tables(*doc_)[2]);
    ASSERT_EQ(four.size(), 1u);
    std::vector<std::string> want_four;
    for (const auto &[name, v] : expected_->at("review_litigation").as_object())
        for (const auto &[column, x] : v.as_object()) want_four.push_back(as_text(x));
    EXPECT_EQ(four[0], want_four);
}

TEST_F(huaian, joins_labels_broken_around_the_numbers_line) {
    const table_block &t = *tables(*doc_)[1];
    const text_row *partial = row_labelled(t, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
    ASSERT_NE(partial, nullptr);
    const text_cell *label = row_label(*partial);
    EXPECT_EQ(label->pos.page, 4u);
    EXPECT_EQ(label->pos.line, 39u);
    EXPECT_EQ(label->pos.column, 7u);
    // The numbers stand on the middle line, with their own positions.
    const text_cell &first = *(label + 1);
    EXPECT_EQ(first.text, "447");
    EXPECT_EQ(first.pos.page, 4u);
    EXPECT_EQ(first.pos.line, 40u);
    EXPECT_EQ(first.pos.column, 33u);

    EXPECT_NE(row_labelled(t, "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"), nullptr);
    EXPECT_NE(row_labelled(t, "2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"), nullptr);
    EXPECT_NE(row_labelled(t, "5.要求行政机关确认或重新出具已获取信息"), nullptr);
}

TEST_F(huaian, joins_group_labels_across_lines_and_the_page_break) {
    const table_block &t = *tables(*doc_)[1];
    std::vector<std::string> groups;
    for (const text_row &r : t.rows)
        for (const text_cell &c : r.cells)
            if (c.row_span > 1) groups.push_back(flat(c.text));
    EXPECT_EQ(groups, (std::vector<std::string>{"三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理",
                                                "（六）其他处理"}));
    // （四）无法提供 spans the row before the page break and the two after it.
    for (const text_row &r : t.rows)
        if (!r.cells.empty() && flat(r.cells.front().text) == "（四）无法提供") {
            EXPECT_EQ(r.cells.front().row_span, 3);
        }
}

TEST_F(huaian, joins_stacked_header_cells) {
    const table_block &t = *tables(*doc_)[1];
    bool found = false;
    for (const text_row &r : t.rows) {
        std::vector<std::string> texts;
        for (const text_cell &c : r.cells) texts.push_back(flat(c.text));
        if (texts.size() == 8 && texts[1] == "自然人") {
            found = true;
            EXPECT_EQ(texts, (std::vector<std::string>{"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "自然人",
                                                       "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"}));
        }
    }
    EXPECT_TRUE(found);
}

TEST_F(huaian, drops_page_footers_and_keeps_prose_whole) {
    bool restated = false;
    for (const paragraph_block *p : paragraphs(*doc_)) {
        EXPECT_EQ(p->text.find("-4-"), std::string::npos);
        EXPECT_EQ(p->text.find("-1-"), std::string::npos);
        if (p->text.find("全市共受理政府信息公开申请 3119 件，答复 3050 件") != std::string::npos) restated = true;
    }
    EXPECT_TRUE(restated);
    for (const table_block *t : tables(*doc_))
        for (const text_row &r : t->rows)
            for (const text_cell &c : r.cells) EXPECT_NE(c.text, "-4-");
}

// ---- Small laid-out texts, one per hard case ----
// pdftotext places characters on a grid of one cell per character, CJK included, so these texts align
// their columns by character count, not by display width.

TEST(layout_reader, joins_a_label_over_three_lines_with_the_numbers_on_the_middle_one) {
    const document doc = read_layout_text(
        "表\n"
        "项目                 甲        乙\n"
        "\n"
        "一、第一行           1         2\n"
        "\n"
        "二、第二行的标签很长\n"
        "                     3         4\n"
        "跨了三行\n"
        "\n"
        "三、第三行           5         6\n");
    const table_block &t = only_table(doc);
    const text_row *r = row_labelled(t, "二、第二行的标签很长跨了三行");
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(row_label(*r)->text, "二、第二行的标签很长\n跨了三行");
    EXPECT_EQ(number_rows(t), (std::vector<std::vector<std::string>>{{"1", "2"}, {"3", "4"}, {"5", "6"}}));
}

TEST(layout_reader, a_line_that_opens_a_label_belongs_to_the_row_below_in_a_dense_table) {
    const document doc = read_layout_text(
        "项目                 甲        乙\n"
        "（一）予以公开       1         2\n"
        "（二）部分公开（区分\n"
        "处理的）             3         4\n"
        "（三）不予公开       5         6\n");
    const table_block &t = only_table(doc);
    EXPECT_NE(row_labelled(t, "（一）予以公开"), nullptr);
    EXPECT_NE(row_labelled(t, "（二）部分公开（区分处理的）"), nullptr);
}

TEST(layout_reader, keeps_group_headings_printed_as_rows_of_their_own) {
    const document doc = read_layout_text(
        "项目                 甲        乙\n"
        "一、本年新收         7         8\n"
        "三、本年度办理结果\n"
        "（一）予以公开       1         2\n"
        "（三）不予公开\n"
        "1.属于国家秘密       3         4\n"
        "2.其他               5         6\n");
    const table_block &t = only_table(doc);
    std::vector<std::string> labels;
    for (const text_row &r : t.rows) labels.push_back(flat(r.cells.front().text));
    EXPECT_EQ(labels, (std::vector<std::string>{"项目", "一、本年新收", "三、本年度办理结果", "（一）予以公开", "（三）不予公开",
                                                "1.属于国家秘密", "2.其他"}));
}

TEST(layout_reader, a_label_never_swallows_the_first_line_of_another) {
    const document doc = read_layout_text(
        "项目                 甲        乙\n"
        "3.其他               1         2\n"
        "（六）其他处理\n"
        "1.申请人无正当理由\n"
        "逾期不补正           3         4\n"
        "（七）总计           5         6\n");
    const table_block &t = only_table(doc);
    EXPECT_NE(row_labelled(t, "1.申请人无正当理由逾期不补正"), nullptr);
    EXPECT_NE(row_labelled(t, "3.其他"), nullptr);
    bool heading = false;
    for (const text_row &r : t.rows) heading = heading || (r.cells.size() == 1 && r.cells[0].text == "（六）其他处理");
    EXPECT_TRUE(heading);
}

TEST(layout_reader, names_header_columns_in_order_when_a_line_has_one_per_column) {
    const document doc = read_layout_text(
        "信息内容    本年制发件数      本年废止件数    现行有效件数\n"
        "规章                     1           0           11\n");
    const table_block &t = only_table(doc);
    EXPECT_EQ(texts(t.rows.front()), (std::vector<std::string>{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"}));
}

TEST(layout_reader, tells_the_header_of_a_second_table_on_the_same_page_by_its_own_numbers) {
    const document doc = read_layout_text(
        "项目                                     甲        乙\n"
        "一、第一行                               1         2\n"
        "二、第二行的标签\n"
        "很长                                     3         4\n"
        "\n"
        "复议          诉讼\n"
        "72   64   178   37\n");
    const table_block &t = only_table(doc);
    EXPECT_NE(row_labelled(t, "二、第二行的标签很长"), nullptr);
    EXPECT_EQ(texts(t.rows.back()), (std::vector<std::string>{"72", "64", "178", "37"}));
    std::string header;
    for (const std::string &cell : texts(t.rows[t.rows.size() - 2])) header += cell;
    EXPECT_EQ(header, "复议诉讼");
}

TEST(layout_reader, recognises_a_vertical_group_label_and_does_not_take_it_for_data) {
    const document doc = read_layout_text(
        "项目                          甲       乙\n"
        "一、开头                      1        2\n"
        "三、\n"
        "本     1.第一项               3        4\n"
        "年\n"
        "度     2.第二项               5        6\n"
        "四、结尾                      7        8\n");
    const table_block &t = *tables(doc).at(0);
    EXPECT_EQ(number_rows(t).size(), 4u);
    const text_row *first = row_labelled(t, "1.第一项");
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->cells.front().text, "三、\n本\n年\n度");
    EXPECT_EQ(first->cells.front().row_span, 2);
    EXPECT_NE(row_labelled(t, "2.第二项"), nullptr);
}

TEST(layout_reader, joins_a_table_continued_after_a_page_footer_and_break) {
    const document doc = read_layout_text(
        "项目                 甲        乙\n"
        "一、第一行           1         2\n"
        "\n"
        "                     - 3 -\n"
        "\f     二、第二行              3         4\n"
        "\n"
        "     三、第三行              5         6\n"
        "\n"
        "第 4 页\n");
    const table_block &t = only_table(doc);
    EXPECT_EQ(number_rows(t), (std::vector<std::vector<std::string>>{{"1", "2"}, {"3", "4"}, {"5", "6"}}));
    const text_row *second = row_labelled(t, "二、第二行");
    ASSERT_NE(second, nullptr);
    EXPECT_EQ(row_label(*second)->pos.page, 2u);
    EXPECT_EQ(row_label(*second)->pos.line, 1u);
    EXPECT_EQ(row_label(*second)->pos.column, 6u);
    EXPECT_TRUE(paragraphs(doc).empty());
}

// Each page's last line is a footer of one of the printed forms (dropped) or a line that only looks like one
// (kept as prose): full-width commas and slashes included, near misses not.
TEST(layout_reader, drops_page_footers_of_every_form_and_keeps_look_alikes) {
    auto prose_of = [](const std::vector<std::string> &last_lines) {
        std::string text;
        for (const std::string &l : last_lines) text += "正文一段。\n\n" + l + "\n\f";
        const document doc = read_layout_text(text);
        std::string all;
        for (const paragraph_block *p : paragraphs(doc)) all += p->text + "|";
        return all;
    };
    const std::vector<std::string> footers = {"- 1 -",          "－2－",         "—3—",           "第 4 页",
                                              "共 9 页 第 5 页", "共9页，第6页",   "第 7 页 / 共 9 页", "第8页，共9页",
                                              "9/12",           "10 ／ 12"};
    const std::string kept = prose_of(footers);
    for (const std::string &f : footers) EXPECT_EQ(kept.find(f), std::string::npos) << f << " in " << kept;
    const std::vector<std::string> look_alikes = {"- 1 -页", "第 4 页 共", "共 9 页", "9/12/2024", "2024年共发布9件",
                                                  "第四页"};
    const std::string all = prose_of(look_alikes);
    for (const std::string &l : look_alikes) EXPECT_NE(all.find(l), std::string::npos) << l << " not in " << all;
}

TEST(layout_reader, keeps_a_blank_cell_in_its_column) {
    const document doc = read_layout_text(
        "项目                 甲        乙        丙\n"
        "一、第一行           1         2         3\n"
        "二、第二行           4                   6\n");
    EXPECT_EQ(number_rows(*tables(doc).at(0)), (std::vector<std::vector<std::string>>{{"1", "2", "3"}, {"4", "", "6"}}));
}

TEST(layout_reader, keeps_placeholders_as_cells_of_their_columns) {
    const document doc = read_layout_text(
        "项目                 甲        乙        丙\n"
        "一、第一行           —         /         3\n"
        "二、第二行           4         无\n");
    const table_block &t = only_table(doc);
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(texts(t.rows[1]), (std::vector<std::string>{"一、第一行", "—", "/", "3"}));
    EXPECT_EQ(texts(t.rows[2]), (std::vector<std::string>{"二、第二行", "4", "无", ""}));
}

TEST(layout_reader, splits_values_set_one_space_apart) {
    const document doc = read_layout_text(
        "项目                 甲 乙 丙\n"
        "一、第一行           1 20 3\n"
        "二、第二行           4 5 6\n");
    EXPECT_EQ(number_rows(only_table(doc)), (std::vector<std::vector<std::string>>{{"1", "20", "3"}, {"4", "5", "6"}}));
}

TEST(layout_reader, hands_glued_digits_over_as_printed_without_inventing_blanks) {
    const document doc = read_layout_text(
        "项目                 甲        乙        丙\n"
        "一、第一行           1         2         3\n"
        "二、第二行           45678901234         6\n");
    EXPECT_EQ(texts(only_table(doc).rows.back()), (std::vector<std::string>{"二、第二行", "45678901234", "6"}));
}

// A line of laid-out text: each text at its column, counted in code points as pdftotext's grid counts them.
std::string at(std::initializer_list<std::pair<std::size_t, std::string>> texts) {
    std::string out;
    std::size_t column = 0;
    for (const auto &[x, text] : texts) {
        out += std::string(x > column ? x - column : column > 0, ' ') + text;
        column = std::max(x, column + 1) + xxgk::code_points(text);
    }
    return out + "\n";
}

// A number too wide for its cell wraps inside it; pdftotext sets its lines above and below the row's line.
TEST(layout_reader, joins_a_value_wrapped_around_its_row_line) {
    const document doc = read_layout_text(
        at({{0, "项目"}, {20, "甲"}, {30, "乙"}, {40, "丙"}}) + at({{0, "一、第一行"}, {20, "1"}, {30, "2"}, {40, "3"}}) + "\n" +
        at({{20, "1361"}, {40, "1406"}}) + at({{0, "二、第二行"}, {30, "252"}}) + at({{20, "2"}, {40, "9"}}) + "\n" +
        at({{0, "三、第三行"}, {20, "4"}, {30, "5"}, {40, "6"}}));
    EXPECT_EQ(number_rows(only_table(doc)),
              (std::vector<std::vector<std::string>>{{"1", "2", "3"}, {"13612", "252", "14069"}, {"4", "5", "6"}}));
}

// Wrapped over three lines, the middle line on the row's own line.
TEST(layout_reader, joins_a_value_wrapped_over_three_lines) {
    const document doc = read_layout_text(
        at({{0, "项目"}, {20, "甲"}, {30, "乙"}}) + at({{0, "一、第一行"}, {20, "1"}, {30, "2"}}) + "\n" + at({{20, "123"}}) +
        at({{0, "二、第二行"}, {20, "456"}, {30, "8"}}) + at({{20, "7"}}) + "\n" + at({{0, "三、第三行"}, {20, "4"}, {30, "5"}}));
    EXPECT_EQ(number_rows(only_table(doc)), (std::vector<std::vector<std::string>>{{"1", "2"}, {"1234567", "8"}, {"4", "5"}}));
}

// A total set half a line above its row (a cell with more lines than its neighbours): the row's value.
TEST(layout_reader, takes_a_value_beside_its_row_when_no_other_row_could_have_it) {
    const document doc = read_layout_text(
        at({{0, "项目"}, {30, "甲"}, {40, "乙"}, {50, "总计"}}) + at({{0, "一、第一行"}, {30, "1"}, {40, "2"}, {50, "3"}}) + "\n" +
        at({{9, "1.申请人无正当理由逾期不补正、行"}}) + at({{50, "318"}}) +
        at({{9, "政机关不再处理其政府信息公开申"}, {25, "315"}, {40, "3"}}) + at({{9, "请"}}) + "\n" +
        at({{0, "三、第三行"}, {30, "4"}, {40, "5"}, {50, "9"}}));
    const table_block &t = only_table(doc);
    EXPECT_EQ(number_rows(t), (std::vector<std::vector<std::string>>{{"1", "2", "3"}, {"315", "3", "318"}, {"4", "5", "9"}}));
    EXPECT_NE(row_labelled(t, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"), nullptr);
}

// `307` on the row's line and `5` right below it in the same column: a wrap or two rows, the text cannot
// tell. Both pieces stay in the cell, so the mapper counts more values than cells: the row is unread,
// never read as 307.
TEST(layout_reader, never_reads_a_value_from_its_first_line_when_the_next_line_may_continue_it) {
    const document doc = read_layout_text(
        at({{0, "项目"}, {20, "甲"}, {30, "乙"}, {40, "丙"}}) + at({{0, "一、第一行"}, {20, "1"}, {30, "2"}, {40, "3"}}) + "\n" +
        at({{0, "二、第二行"}, {20, "307"}, {30, "0"}, {40, "312"}}) + at({{20, "5"}}) + "\n" +
        at({{0, "三、第三行"}, {20, "4"}, {30, "5"}, {40, "6"}}));
    const table_block &t = only_table(doc);
    ASSERT_EQ(t.rows.size(), 4u);
    EXPECT_EQ(texts(t.rows[2]), (std::vector<std::string>{"二、第二行", "307\n5", "0", "312"}));
    for (const text_row &row : t.rows)
        for (const text_cell &c : row.cells) EXPECT_NE(c.text, "307");
}

// A piece between two rows that both lack it: neither row takes it, both cells are unknown (`?`).
TEST(layout_reader, leaves_a_piece_between_two_rows_to_neither) {
    const document doc = read_layout_text(at({{0, "项目"}, {20, "甲"}, {30, "乙"}}) + at({{0, "一、第一行"}, {20, "1"}}) +
                                          at({{30, "7"}}) + at({{0, "二、第二行"}, {20, "4"}}));
    const table_block &t = only_table(doc);
    EXPECT_EQ(texts(*row_labelled(t, "一、第一行")), (std::vector<std::string>{"一、第一行", "1", "?"}));
    EXPECT_EQ(texts(*row_labelled(t, "二、第二行")), (std::vector<std::string>{"二、第二行", "4", "?"}));
}

// pdftotext sets neighbouring cells one space apart when they nearly touch.
TEST(layout_reader, splits_cells_set_one_space_apart_from_a_label) {
    const document doc = read_layout_text(
        at({{0, "项目"}, {30, "甲"}, {40, "乙"}}) + at({{7, "（一）予以公开"}, {30, "1"}, {40, "2"}}) +
        at({{3, "理结果 （二）部分公开（区分处理的，只计这一情"}}) + at({{30, "3"}, {40, "4"}}) + at({{7, "形，不计其他情形）"}}) +
        at({{7, "（三）不 1.属于国家秘密"}}) + at({{30, "5"}, {40, "6"}}) + at({{7, "予公开"}}) +
        at({{12, "2.其他法律行政法规禁止公开"}}) + at({{12, "3.其他 7"}, {40, "8"}}));
    const table_block &t = only_table(doc);
    EXPECT_NE(row_labelled(t, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"), nullptr);
    EXPECT_NE(row_labelled(t, "1.属于国家秘密"), nullptr);
    EXPECT_NE(row_labelled(t, "3.其他"), nullptr);
    EXPECT_EQ(number_rows(t), (std::vector<std::vector<std::string>>{{"1", "2"}, {"3", "4"}, {"5", "6"}, {"7", "8"}}));
}

// A blank row's label centred under the label above, after a blank line, is a label of its own.
TEST(layout_reader, keeps_a_blank_rows_label_apart_from_the_row_above) {
    const document doc = read_layout_text(at({{3, "信息内容"}, {20, "本年制发件数"}, {40, "本年废止件数"}}) + "\n" +
                                          at({{4, "规章"}, {20, "0"}, {40, "0"}}) + "\n" + at({{2, "行政规范性文件"}}));
    const table_block &t = only_table(doc);
    EXPECT_NE(row_labelled(t, "规章"), nullptr);
    bool own = false;
    for (const text_row &r : t.rows) own = own || (r.cells.size() == 1 && r.cells[0].text == "行政规范性文件");
    EXPECT_TRUE(own);
}

TEST(layout_reader, joins_header_cells_stacked_over_two_lines) {
    const document doc = read_layout_text(
        "                     商业企    科研机\n"
        "项目\n"
        "                     业        构\n"
        "一、第一行                1         2\n");
    const table_block &t = *tables(doc).at(0);
    ASSERT_GE(t.rows.size(), 2u);
    const text_row &header = t.rows[t.rows.size() - 2];
    ASSERT_EQ(header.cells.size(), 3u);
    EXPECT_EQ(header.cells[0].text, "项目");
    EXPECT_EQ(header.cells[1].text, "商业企\n业");
    EXPECT_EQ(header.cells[2].text, "科研机\n构");
}

TEST(layout_reader, stops_tables_at_section_headings) {
    const document doc = read_layout_text(
        "二、主动公开政府信息情况\n"
        "信息内容          本年制发件数\n"
        "规章              1\n"
        "三、收到和处理政府信息公开申请情况\n"
        "项目              甲      乙\n"
        "一、第一行        1       2\n");
    EXPECT_EQ(tables(doc).size(), 2u);
    EXPECT_EQ(paragraphs(doc).size(), 2u);
}

TEST(layout_reader, rejects_invalid_utf8_with_its_position) {
    try {
        read_layout_text("第一行\n第二\xFF行\n");
        FAIL() << "no exception";
    } catch (const xxgk::read_exception &e) {
        EXPECT_EQ(e.error().where.line, 2u);
        EXPECT_EQ(e.error().where.column, 3u);
        EXPECT_NE(std::string(e.what()).find("invalid UTF-8"), std::string::npos);
    }
    EXPECT_THROW(read_layout_text(std::string("abc\0def", 7)), xxgk::read_exception);
    EXPECT_THROW(read_layout_text("  \n\f\n  "), xxgk::read_exception);
}

}  // namespace
