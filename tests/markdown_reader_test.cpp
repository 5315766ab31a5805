// The Markdown reader: headings, paragraphs and pipe tables with line/column positions, on the sample and
// on what page breaks do to converted tables; hostile input.
#include "../src/read/markdown_reader.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using namespace xxgk::read;
using xxgk::read_exception;

// The blocks in order, each as one line: `P text` or `T row|row` with cells joined by `,`.
std::vector<std::string> outline(const document &d) {
    std::vector<std::string> out;
    for (const block &b : d.blocks) {
        if (const auto *p = std::get_if<paragraph_block>(&b)) {
            out.push_back("P " + p->text);
            continue;
        }
        std::string s = "T";
        for (const text_row &r : std::get<table_block>(b).rows) {
            s += s.size() > 1 ? "|" : " ";
            for (std::size_t c = 0; c < r.cells.size(); ++c) s += (c ? "," : "") + r.cells[c].text;
        }
        out.push_back(s);
    }
    return out;
}

document sample() {
    return read_markdown(xxgk::test::read_file(xxgk::test::source_path("tests/samples/shuyang-county-2025/report.md")));
}

const table_block &nth_table(const document &d, std::size_t n) {
    for (const block &b : d.blocks)
        if (const auto *t = std::get_if<table_block>(&b); t && t->pos.table == n) return *t;
    throw std::out_of_range("no table " + std::to_string(n));
}

TEST(markdown_reader, sample_tables_keep_every_row_as_printed) {
    const document d = sample();
    const auto o = outline(d);
    EXPECT_EQ(std::count_if(o.begin(), o.end(), [](const std::string &s) { return s[0] == 'T'; }), 19);
    EXPECT_EQ(nth_table(d, 1).rows.size(), 3u);
    EXPECT_NE(std::find(o.begin(), o.end(), "T 信息内容,本年收费金额（单位：万元）|行政事业性收费,4068.208"), o.end());
    // Placeholder rows of dashes are data, not separator rows.
    EXPECT_NE(std::find(o.begin(), o.end(), "T 商业企业,科研机构,社会公益,法律服务机构,其他|-,-,-,-,-"), o.end());
    EXPECT_NE(std::find(o.begin(), o.end(), "T 类别,数据1,数据2,数据3,数据4,数据5,数据6,总计|本年新收政府信息公开申请数量,705,3,0,0,5,0,713"),
              o.end());
    // The bogus header in the middle of table 三 starts a table of its own, with the four rows below it.
    const table_block &bogus = nth_table(d, 16);
    ASSERT_EQ(bogus.rows.size(), 5u);
    EXPECT_EQ(bogus.rows[0].cells.at(1).text, "本年新收件数");
    EXPECT_EQ(bogus.rows[3].cells.at(0).text, "（七）总计");
    EXPECT_EQ(bogus.rows[4].cells.at(7).text, "31");
    EXPECT_EQ(nth_table(d, 19).rows.at(1).cells.at(4).text, "10");
}

TEST(markdown_reader, sample_positions_are_lines_and_character_columns) {
    const document d = sample();
    const auto *title = std::get_if<paragraph_block>(&d.blocks.at(0));
    ASSERT_NE(title, nullptr);
    EXPECT_EQ(title->text, "沐阳县人民政府 2025 年 政府信息公开工作年度报告");
    EXPECT_EQ(title->pos.line, 1u);
    EXPECT_EQ(title->pos.column, 3u);
    const table_block &t = nth_table(d, 12);
    EXPECT_EQ(t.pos.line, 119u);
    const text_cell &secret = t.rows.at(1).cells.at(0);
    EXPECT_EQ(secret.text, "1. 属于国家秘密");
    EXPECT_EQ(secret.pos.line, 121u);
    EXPECT_EQ(secret.pos.column, 3u);
    // `| 1. 属于国家秘密 | ` is 14 characters before the first number.
    EXPECT_EQ(t.rows.at(1).cells.at(1).pos.column, 15u);
    EXPECT_EQ(t.rows.at(1).cells.at(1).pos.line, 121u);
}

TEST(markdown_reader, headings_and_paragraphs_keep_their_text_and_lines) {
    const document d = read_markdown("# 标题 #\n\n正文第一行\n正文第二行\n\n  ### 三是提高解读效能。\n下文\n");
    EXPECT_EQ(outline(d), (std::vector<std::string>{"P 标题", "P 正文第一行\n正文第二行", "P 三是提高解读效能。", "P 下文"}));
    const auto &p = std::get<paragraph_block>(d.blocks[2]);
    EXPECT_EQ(p.pos.line, 6u);
    EXPECT_EQ(p.pos.column, 7u);
}

TEST(markdown_reader, page_footers_split_tables_and_vanish) {
    const document d = read_markdown("| 项目 | 数量 |\n|---|---|\n| 规章 | 1 |\n\n— 3 —\n\n"
                                     "| 行政许可 | 2 |\n- 4 -\n| 行政处罚 | 3 |\n| | 第 5 页 共 9 页 | |\n"
                                     "| 行政强制 | 4 |\n第6页\n| 收费 | 5 |\n");
    EXPECT_EQ(outline(d), (std::vector<std::string>{"T 项目,数量|规章,1", "T 行政许可,2", "T 行政处罚,3", "T 行政强制,4",
                                                    "T 收费,5"}));
}

TEST(markdown_reader, page_footer_inside_a_paragraph_does_not_cut_it) {
    EXPECT_EQ(outline(read_markdown("让政务信息“看\n－ 12 －\n得懂”。")),
              std::vector<std::string>{"P 让政务信息“看\n得懂”。"});
    // Numbers that are not page furniture stay.
    EXPECT_EQ(outline(read_markdown("- 4 项\n\n第3条\n\n3")), (std::vector<std::string>{"P - 4 项", "P 第3条", "P 3"}));
}

TEST(markdown_reader, repeated_header_inside_a_table_starts_a_new_table) {
    const document d = read_markdown("| 类别 | 数据1 |\n| --- | --- |\n| 予以公开 | 290 |\n| 类别 | 数据1 |\n"
                                     "| :---: | ---: |\n| 部分公开 | 99 |\n");
    EXPECT_EQ(outline(d), (std::vector<std::string>{"T 类别,数据1|予以公开,290", "T 类别,数据1|部分公开,99"}));
    EXPECT_EQ(nth_table(d, 2).pos.line, 4u);
}

TEST(markdown_reader, pipes_escapes_and_inline_markup_in_cells) {
    const document d = read_markdown("a | b \\| c | **d**\n-|:-:|-\n1\\. 属于<br>国家秘密 | &nbsp; | `x`<span id=\"page-3-0\"></span>\n");
    const table_block &t = nth_table(d, 1);
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].cells.size(), 3u);
    EXPECT_EQ(t.rows[0].cells[1].text, "b | c");
    EXPECT_EQ(t.rows[0].cells[2].text, "d");
    EXPECT_EQ(t.rows[1].cells[0].text, "1. 属于\n国家秘密");
    EXPECT_EQ(t.rows[1].cells[1].text, "");
    EXPECT_EQ(t.rows[1].cells[2].text, "`x`");
}

TEST(markdown_reader, html_tables_of_converters_are_read_with_spans_and_line_positions) {
    const document d = read_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n## 三、收到和处理政府信息公开申请情况\n"
                                     "<html><body><table><tr><td rowspan=\"2\">三、本年度办理结果</td><td colspan=2>（一）予以公开</td>"
                                     "<td>290</td></tr>\n<tr><td>1.属于<br>国家秘密</td><td>0</td></tr></table></body></html>\n"
                                     "尾注\n");
    EXPECT_EQ(outline(d), (std::vector<std::string>{"T a,b|1,2", "P 三、收到和处理政府信息公开申请情况",
                                                    "T 三、本年度办理结果,（一）予以公开,290|1.属于\n国家秘密,0", "P 尾注"}));
    const table_block &t = nth_table(d, 2);
    EXPECT_EQ(t.rows[0].cells[0].row_span, 2);
    EXPECT_EQ(t.rows[0].cells[1].col_span, 2);
    EXPECT_EQ(t.rows[0].cells[2].pos.line, 6u);
    EXPECT_EQ(t.rows[1].cells[1].pos.line, 7u);
    EXPECT_EQ(t.rows[1].cells[1].pos.column, 26u);
    EXPECT_EQ(std::get<paragraph_block>(d.blocks.back()).pos.line, 8u);
}

TEST(markdown_reader, zero_width_characters_are_dropped) {
    EXPECT_EQ(outline(read_markdown("| 行政\xE2\x80\x8B许可 | 1\xE2\x80\x8D" "2 |\n")), std::vector<std::string>{"T 行政许可,12"});
}

TEST(markdown_reader, rows_keep_their_printed_width) {
    const document d = read_markdown("| a | b | c |\n|---|---|---|\n| 1 | 2 |\n| 1 | 2 | 3 | 4 |\n| | | |\n");
    EXPECT_EQ(outline(d), std::vector<std::string>{"T a,b,c|1,2|1,2,3,4|,,"});
}

// PDF-to-Markdown output that prints a row's labels and its values as two rows of the same columns.
TEST(markdown_reader, labels_and_values_printed_as_two_rows_are_joined_when_every_value_row_has_its_labels) {
    const std::string header = "| 信息内容 | 本年制发件数 | 现行有效件数 |\n|---|---|---|\n";
    EXPECT_EQ(outline(read_markdown(header + "| 规章 | | |\n| | 1 | 11 |\n| 行政规范性文件 | | |\n| | 8 | 66 |\n")),
              std::vector<std::string>{"T 信息内容,本年制发件数,现行有效件数|规章,1,11|行政规范性文件,8,66"});
    // A row of values with no row of labels before it: the labels are lost, not scattered; nothing is joined.
    EXPECT_EQ(outline(read_markdown(header + "| 规章 | | |\n| | 1 | 11 |\n| | 8 | 66 |\n")),
              std::vector<std::string>{"T 信息内容,本年制发件数,现行有效件数|规章,,|,1,11|,8,66"});
    // Values standing under the labels' own cells: not the shape.
    EXPECT_EQ(outline(read_markdown(header + "| 规章 | 行政许可 | |\n| | 1 | 11 |\n")),
              std::vector<std::string>{"T 信息内容,本年制发件数,现行有效件数|规章,行政许可,|,1,11"});
}

TEST(markdown_reader, rules_and_fences_carry_no_text_and_are_not_tables) {
    const document d = read_markdown("标题\n===\n\n---\n\n```\n正文\n```\n|---|---|\n");
    EXPECT_EQ(outline(d), (std::vector<std::string>{"P 标题", "P 正文"}));
}

TEST(markdown_reader, crlf_and_bom_are_accepted) {
    const document d = read_markdown("\xEF\xBB\xBF# 一、总体情况\r\n\r\n| a | b |\r\n|---|---|\r\n| 1 | 2 |\r\n");
    EXPECT_EQ(outline(d), (std::vector<std::string>{"P 一、总体情况", "T a,b|1,2"}));
}

TEST(markdown_reader, text_that_is_not_utf8_is_an_error_naming_the_line) {
    try {
        read_markdown("# ok\n\n| a | \xD5\xFE |\n");
        FAIL() << "no error";
    } catch (const read_exception &e) {
        EXPECT_EQ(e.error().where.line, 3u);
        EXPECT_EQ(e.error().where.column, 7u);
        EXPECT_NE(std::string(e.what()).find("Markdown"), std::string::npos) << e.what();
    }
}

TEST(markdown_reader, empty_binary_and_footer_only_input_are_errors) {
    EXPECT_THROW(read_markdown(""), read_exception);
    EXPECT_THROW(read_markdown("\n \n\t\n"), read_exception);
    EXPECT_THROW(read_markdown(std::string("ab\0c", 4)), read_exception);
    EXPECT_THROW(read_markdown("— 1 —\n\n第2页\n"), read_exception);
}

TEST(markdown_reader, truncated_table_keeps_its_rows) {
    const std::string md = xxgk::test::read_file(xxgk::test::source_path("tests/samples/shuyang-county-2025/report.md"));
    const document d = read_markdown(md.substr(0, md.find("| 3. 其他 | 142") + std::string_view("| 3. 其他 | 142").size()));
    const table_block &last = std::get<table_block>(d.blocks.back());
    ASSERT_EQ(last.rows.size(), 3u);
    EXPECT_EQ(last.rows[2].cells.size(), 2u);
    EXPECT_EQ(last.rows[2].cells[1].text, "142");
}

}  // namespace
