// The HTML reader: document structure (tables, spans, positions, texts) of the sample and of small pages,
// and hostile input.
#include "../src/read/html_reader.hpp"

#include "test_support.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <filesystem>
#include <iterator>
#include <map>

namespace {

using namespace xxgk::read;
using xxgk::read_exception;
using xxgk::test::read_file;
using xxgk::test::source_path;

std::vector<const table_block *> tables(const document &d) {
    std::vector<const table_block *> out;
    for (const block &b : d.blocks)
        if (const auto *t = std::get_if<table_block>(&b)) out.push_back(t);
    return out;
}

std::vector<std::string> paragraphs(const document &d) {
    std::vector<std::string> out;
    for (const block &b : d.blocks)
        if (const auto *p = std::get_if<paragraph_block>(&b)) out.push_back(p->text);
    return out;
}

document sample() { return read_html(read_file(source_path("tests/samples/hangzhou-style-html/report.html"))); }

TEST(html_reader, sample_has_three_tables_with_their_rows_and_spans) {
    const document d = sample();
    const auto t = tables(d);
    ASSERT_EQ(t.size(), 3u);
    EXPECT_EQ(t[0]->rows.size(), 14u);
    EXPECT_EQ(t[1]->rows.size(), 28u);
    EXPECT_EQ(t[2]->rows.size(), 4u);
    const text_cell &corner = t[1]->rows[0].cells[0];
    EXPECT_EQ(corner.row_span, 3);
    EXPECT_EQ(corner.col_span, 3);
    EXPECT_EQ(t[1]->rows[0].cells[1].text, "申请人情况");
    EXPECT_EQ(t[1]->rows[0].cells[1].col_span, 7);
    const text_row &results = t[1]->rows[5];
    EXPECT_EQ(results.cells[0].text, "三、本年度办理结果");
    EXPECT_EQ(results.cells[0].row_span, 22);
    EXPECT_EQ(results.cells[1].col_span, 2);
    ASSERT_EQ(results.cells.size(), 9u);
    EXPECT_EQ(results.cells[8].text, "5548");
    EXPECT_EQ(t[0]->rows[6].cells[1].text, "11398889");
    EXPECT_EQ(t[0]->rows[6].cells[1].col_span, 3);
    ASSERT_EQ(t[2]->rows[3].cells.size(), 15u);
    EXPECT_EQ(t[2]->rows[3].cells[14].text, "156");
}

TEST(html_reader, sample_keeps_empty_spacer_cells) {
    const document d = sample();
    const auto t = tables(d);
    const text_row &labels = t[1]->rows[2];
    ASSERT_EQ(labels.cells.size(), 7u);
    EXPECT_EQ(labels.cells[0].text, "");
    EXPECT_EQ(labels.cells[1].text, "商业企业");
    EXPECT_EQ(labels.cells[6].text, "");
}

TEST(html_reader, cells_carry_table_row_and_cell_numbers) {
    const document d = sample();
    const auto t = tables(d);
    for (std::size_t i = 0; i < t.size(); ++i) {
        EXPECT_EQ(t[i]->pos.table, i + 1);
        for (std::size_t r = 0; r < t[i]->rows.size(); ++r)
            for (std::size_t c = 0; c < t[i]->rows[r].cells.size(); ++c) {
                const xxgk::source_position &p = t[i]->rows[r].cells[c].pos;
                EXPECT_EQ(p.table, i + 1);
                EXPECT_EQ(p.row, r + 1);
                EXPECT_EQ(p.cell, c + 1);
            }
    }
}

TEST(html_reader, every_number_of_table_three_matches_the_expected_report) {
    // Rows 4..28 of table 三 end with the seven applicant columns, in the order of expected.json.
    const document d = sample();
    const auto t = tables(d);
    const auto expected =
        boost::json::parse(read_file(source_path("tests/samples/hangzhou-style-html/expected.json"))).as_object();
    const auto &applications = expected.at("applications").as_object();
    static constexpr std::array<const char *, 7> columns = {"natural_person", "commercial", "research", "social_welfare",
                                                            "legal_service",  "other",      "total"};
    std::size_t r = 3;
    for (const auto &[key, values] : applications) {
        ASSERT_LT(r, t[1]->rows.size());
        const auto &cells = t[1]->rows[r++].cells;
        ASSERT_GE(cells.size(), 7u) << key;
        for (std::size_t c = 0; c < 7; ++c)
            EXPECT_EQ(cells[cells.size() - 7 + c].text, std::to_string(values.at(columns[c]).as_int64())) << key;
    }
    EXPECT_EQ(r, 28u);
}

TEST(html_reader, paragraphs_carry_line_and_column) {
    const document d = sample();
    const auto *title = std::get_if<paragraph_block>(&d.blocks.at(0));
    ASSERT_NE(title, nullptr);
    EXPECT_EQ(title->text, "测试市2025年政府信息公开工作年度报告") << "<title> names the report";
    EXPECT_EQ(title->pos.line, 1u);
    const auto *first = std::get_if<paragraph_block>(&d.blocks.at(1));
    ASSERT_NE(first, nullptr);
    EXPECT_TRUE(first->text.starts_with("根据《中华人民共和国政府信息公开条例》"));
    EXPECT_EQ(first->pos.line, 4u);
    EXPECT_EQ(first->pos.column, 4u);
    const auto p = paragraphs(d);
    EXPECT_EQ(p.size(), 13u);
    EXPECT_NE(std::find(p.begin(), p.end(), "二、主动公开政府信息情况"), p.end());
}

TEST(html_reader, cell_markup_becomes_lines_and_nbsp_space) {
    const document d = read_html(
        "<table><tr><td><p>行政</p><p><span>许可</span></p></td><td>1<br>2</td><td>&nbsp;</td>"
        "<td> a&nbsp;&nbsp; b\n c </td><th>1<span>2</span>3</th></tr></table>");
    const auto t = tables(d);
    ASSERT_EQ(t.size(), 1u);
    const auto &c = t[0]->rows.at(0).cells;
    ASSERT_EQ(c.size(), 5u);
    EXPECT_EQ(c[0].text, "行政\n许可");
    EXPECT_EQ(c[1].text, "1\n2");
    EXPECT_EQ(c[2].text, "");
    EXPECT_EQ(c[3].text, "a b c");
    EXPECT_EQ(c[4].text, "123");
}

TEST(html_reader, zero_width_characters_are_dropped) {
    const document d = read_html("<table><tr><td>行政\xE2\x80\x8B许可</td><td>&#8203;13&#xFEFF;612\xE2\x81\xA0</td></tr></table>");
    const auto &c = tables(d).at(0)->rows.at(0).cells;
    EXPECT_EQ(c.at(0).text, "行政许可");
    EXPECT_EQ(c.at(1).text, "13612");
}

TEST(html_reader, unreadable_spans_count_as_one_and_sane_ones_are_kept) {
    const document d = read_html("<table><tr><td colspan=0>a</td><td colspan=x>b</td><td colspan=5000>c</td>"
                                 "<td colspan=' 3 '>d</td><td colspan=2px rowspan=+4>e</td><td rowspan=-2>f</td></tr></table>");
    const auto &c = tables(d).at(0)->rows.at(0).cells;
    ASSERT_EQ(c.size(), 6u);
    EXPECT_EQ(c[0].col_span, 1);
    EXPECT_EQ(c[1].col_span, 1);
    EXPECT_EQ(c[2].col_span, 1);
    EXPECT_EQ(c[3].col_span, 3);
    EXPECT_EQ(c[4].col_span, 2);
    EXPECT_EQ(c[4].row_span, 4);
    EXPECT_EQ(c[5].row_span, 1);
}

TEST(html_reader, layout_tables_are_descended_not_emitted) {
    const document d = read_html("<table><tr><td>导航</td><td><p>一、总体情况</p>"
                                 "<table><thead><tr><th>信息内容</th><th>本年制发件数</th></tr></thead>"
                                 "<tbody><tr><td>规章</td><td>3</td></tr></tbody></table></td></tr></table>"
                                 "<table><tr><td>单列布局</td></tr><tr><td>正文</td></tr></table>");
    const auto t = tables(d);
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0]->pos.table, 1u);
    ASSERT_EQ(t[0]->rows.size(), 2u);
    EXPECT_EQ(t[0]->rows[0].cells[1].text, "本年制发件数");
    EXPECT_EQ(t[0]->rows[1].cells[1].text, "3");
    EXPECT_EQ(t[0]->rows[1].cells[1].pos.row, 2u);
    EXPECT_EQ(paragraphs(d), (std::vector<std::string>{"导航", "一、总体情况", "单列布局", "正文"}));
}

TEST(html_reader, scripts_and_styles_are_not_text_but_br_is_a_line_break) {
    const document d = read_html("<html><head><title>标题</title><style>p{}</style></head><body>"
                                 "<script>var x = '<p>no</p>';</script><div>第一行<br>第二行</div><noscript>x</noscript>"
                                 "<p>  多个   空格 </p></body></html>");
    EXPECT_EQ(paragraphs(d), (std::vector<std::string>{"标题", "第一行\n第二行", "多个 空格"}));
}

TEST(html_reader, malformed_markup_is_repaired_by_the_parser) {
    const document d = read_html("<p>一、总体情况<table><tr><td>规章<td>3</td></td></tr><tr><td>行政<b>许可</td><td>5");
    const auto t = tables(d);
    ASSERT_EQ(t.size(), 1u);
    ASSERT_EQ(t[0]->rows.size(), 2u);
    EXPECT_EQ(t[0]->rows[0].cells.at(1).text, "3");
    EXPECT_EQ(t[0]->rows[1].cells.at(0).text, "行政许可");
    EXPECT_EQ(t[0]->rows[1].cells.at(1).text, "5");
}

TEST(html_reader, bom_is_ignored) {
    const document d = read_html("\xEF\xBB\xBF<p>正文</p>");
    EXPECT_EQ(paragraphs(d), std::vector<std::string>{"正文"});
}

TEST(html_reader, text_that_is_not_utf8_is_an_error_naming_the_line) {
    try {
        read_html("<p>ok</p>\n<p>\xD5\xFE\xB8\xAE</p>");  // 政府 in GBK
        FAIL() << "no error";
    } catch (const read_exception &e) {
        EXPECT_EQ(e.error().where.line, 2u);
        EXPECT_EQ(e.error().where.column, 4u);
        EXPECT_EQ(e.error().code, xxgk::error_code::invalid_utf8) << e.what();
    }
}

TEST(html_reader, binary_empty_and_textless_input_are_errors) {
    EXPECT_THROW(read_html(std::string("<p>a\0b</p>", 10)), read_exception);
    EXPECT_THROW(read_html(""), read_exception);
    EXPECT_THROW(read_html("<html><head><title> </title></head><body> &nbsp; </body></html>"), read_exception);
}

TEST(html_reader, absurd_nesting_is_an_error_not_a_crash) {
    std::string page;
    for (int i = 0; i < 3000; ++i) page += "<div>";
    page += "深";
    try {
        read_html(page);
        FAIL() << "no error";
    } catch (const read_exception &e) {
        EXPECT_EQ(e.error().code, xxgk::error_code::too_deep) << e.what();
    }
}

TEST(html_reader, truncated_page_keeps_what_it_has) {
    const std::string page = read_file(source_path("tests/samples/hangzhou-style-html/report.html"));
    const document d = read_html(page.substr(0, page.find("<tr><td colspan=\"3\">四、结转下年度继续办理")));
    const auto t = tables(d);
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t[1]->rows.size(), 27u);
}

std::vector<std::pair<std::string, xxgk::source_position>> positioned_paragraphs(const document &d) {
    std::vector<std::pair<std::string, xxgk::source_position>> out;
    for (const block &b : d.blocks)
        if (const auto *p = std::get_if<paragraph_block>(&b)) out.emplace_back(p->text, p->pos);
    return out;
}

void expect_at(const std::pair<std::string, xxgk::source_position> &p, std::string_view text, std::uint32_t line,
               std::uint32_t column) {
    EXPECT_EQ(p.first, text);
    EXPECT_EQ(p.second.line, line) << p.first;
    EXPECT_EQ(p.second.column, column) << p.first;
}

// The parser gives byte offsets; lines end at LF, CR LF or a lone CR, columns count characters and a tab
// moves to the next multiple of 8 (as positions have always been reported).
TEST(html_reader, positions_count_crlf_lone_cr_tabs_and_characters) {
    const auto p = positioned_paragraphs(read_html("<p>a</p>\r\n\t<p>b</p>\r<p>c</p>\n   \t<p>中文</p><p>x"));
    ASSERT_EQ(p.size(), 5u);
    expect_at(p[0], "a", 1, 4);
    expect_at(p[1], "b", 2, 11);
    expect_at(p[2], "c", 3, 4);
    expect_at(p[3], "中文", 4, 11);
    expect_at(p[4], "x", 4, 20);
}

// White space HTML drops (before <html>, after </head>) is not where the text starts.
TEST(html_reader, dropped_white_space_is_not_part_of_the_position) {
    const auto p = positioned_paragraphs(read_html("\n\n  abc<p>d</p>"));
    ASSERT_EQ(p.size(), 2u);
    expect_at(p[0], "abc", 3, 3);
    const auto q = positioned_paragraphs(read_html("<head><title>t</title></head>\n  正文"));
    ASSERT_EQ(q.size(), 2u);
    expect_at(q[1], "正文", 2, 3);
}

// Text a broken table holds outside its cells is moved before the table; it keeps its own position.
TEST(html_reader, text_moved_out_of_a_table_keeps_its_position) {
    const document d = read_html("<div>\n<table>\n  说明<tr><td>a<td>b</table></div>");
    const auto p = positioned_paragraphs(d);
    ASSERT_EQ(p.size(), 1u);
    expect_at(p[0], "说明", 2, 8);
    ASSERT_EQ(tables(d).size(), 1u);
    // Looked for outside tags: the first '>' after <table> ends a tag, not the text.
    const auto q = positioned_paragraphs(read_html("<div>\n<table><tr><td>中<td>b</td>></table></div>"));
    ASSERT_EQ(q.size(), 1u);
    expect_at(q[0], ">", 2, 27);
}

TEST(html_reader, tag_cut_off_by_the_end_of_the_page_is_dropped) {
    EXPECT_EQ(paragraphs(read_html("<p>正文</p><p>尾<td cla")), (std::vector<std::string>{"正文", "尾"}));
    EXPECT_EQ(paragraphs(read_html("<p>正文</p><p>尾</<d")), (std::vector<std::string>{"正文", "尾"}));
}

TEST(html_reader, empty_end_tag_and_empty_comment_are_not_text) {
    EXPECT_EQ(paragraphs(read_html("<p>a</>b</p><p>c<!>d</p><p>e</p>")), (std::vector<std::string>{"ab", "cd", "e"}));
}

TEST(html_reader, control_characters_and_noncharacters_read_as_replacement_characters) {
    EXPECT_EQ(paragraphs(read_html("<p>a\x0B" "b\xC2\x85" "c\x7F\xEF\xB7\x90\xF4\x8F\xBF\xBF</p>")),
              (std::vector<std::string>{"a\uFFFDb\uFFFDc\uFFFD\uFFFD\uFFFD"}));
    EXPECT_EQ(paragraphs(read_html("<p>a\tb\fc\xC2\xA0" "d\xC2\xA9</p>")), (std::vector<std::string>{"a b c d\u00A9"}));
}

std::ptrdiff_t threads_of_this_process() {
    const std::filesystem::directory_iterator tasks("/proc/self/task");
    return std::distance(begin(tasks), end(tasks));
}

// Pages read in threads, with a large page in between, give the same documents; reading starts no thread.
TEST(html_reader, threads_and_a_large_page_in_between_give_the_same_documents) {
    const std::string page = read_file(source_path("tests/samples/hangzhou-style-html/report.html"));
    const std::ptrdiff_t before = threads_of_this_process();
    const auto expected = paragraphs(read_html(page));
    EXPECT_EQ(threads_of_this_process(), before);
    std::string large = page;
    std::string prose;
    while (prose.size() < (std::size_t{5} << 20)) prose += "<p>全市各级行政机关主动公开政府信息。</p>\n";
    large.insert(large.find("<p>一、总体情况</p>"), prose);
    EXPECT_EQ(tables(read_html(large)).size(), 3u);
    EXPECT_EQ(paragraphs(read_html(page)), expected);
    EXPECT_EQ(xxgk::test::agreements_in_threads(4, 20, [&] { return paragraphs(read_html(page)) == expected; }),
              std::vector<int>(4, 20));
}

}  // namespace
