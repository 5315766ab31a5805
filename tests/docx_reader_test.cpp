// The DOCX reader: the official blank template and the fixtures filled from it (tests/data/docx/, made by
// make_fixtures.py), WordprocessingML built in the test, and hostile packages.
#include "../src/read/docx_reader.hpp"

#include "test_support.hpp"
#include "zip_support.hpp"

#include <xxgk/read.hpp>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>
#include <zip.h>

#include <cstdio>
#include <random>

namespace {

using namespace xxgk::read;
using xxgk::read_exception;
using xxgk::test::read_file;
using xxgk::test::make_zip;
using xxgk::test::source_path;

constexpr const char *w_ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

std::string docx_of_body(const std::string &body, const std::string &prefix = "w") {
    const std::string p = prefix.empty() ? "" : prefix + ":";
    const std::string decl = prefix.empty() ? "xmlns" : "xmlns:" + prefix;
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<" + p + "document " + decl +
                      "=\"" + w_ns + "\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><" +
                      p + "body>" + body + "</" + p + "body></" + p + "document>";
    return make_zip({{"word/document.xml", xml}});
}

std::vector<const table_block *> tables(const document &d) {
    std::vector<const table_block *> out;
    for (const block &b : d.blocks)
        if (const auto *t = std::get_if<table_block>(&b)) out.push_back(t);
    return out;
}

std::string error_of(std::string_view bytes, const docx_limits &limits = {}) {
    try {
        read_docx(bytes, limits);
    } catch (const read_exception &e) {
        return e.what();
    }
    return "no error";
}

bool mentions(const std::string &message, std::string_view part) { return message.find(part) != std::string::npos; }

std::string fixture(const char *name) { return read_file(source_path(std::string("tests/data/docx/") + name)); }

TEST(docx_reader, blank_template_has_three_tables_with_merged_cells) {
    const document d = read_docx(read_file(source_path("tests/samples/template-2021/template.docx")));
    const auto t = tables(d);
    ASSERT_EQ(t.size(), 3u);
    EXPECT_EQ(t[0]->rows.size(), 14u);
    EXPECT_EQ(t[1]->rows.size(), 28u);
    EXPECT_EQ(t[2]->rows.size(), 4u);
    // 三: the corner spans three rows and three columns; its continuation cells are not emitted.
    const text_cell &corner = t[1]->rows[0].cells.at(0);
    EXPECT_EQ(corner.row_span, 3);
    EXPECT_EQ(corner.col_span, 3);
    EXPECT_EQ(t[1]->rows[0].cells.at(1).col_span, 7);
    const auto &applicants = t[1]->rows[1].cells;
    ASSERT_EQ(applicants.size(), 3u);
    EXPECT_EQ(applicants[0].text, "自然人");
    EXPECT_EQ(applicants[0].row_span, 2);
    EXPECT_EQ(applicants[0].pos.cell, 2u) << "cell counts the row's w:tc as written";
    EXPECT_EQ(applicants[1].col_span, 5);
    EXPECT_EQ(applicants[2].row_span, 2);
    ASSERT_EQ(t[1]->rows[2].cells.size(), 5u);
    EXPECT_EQ(t[1]->rows[5].cells.at(0).text, "三、本年度办理结果");
    EXPECT_EQ(t[1]->rows[5].cells.at(0).row_span, 22);
    EXPECT_EQ(t[1]->rows[7].cells.at(0).text, "（三）不予公开");
    EXPECT_EQ(t[1]->rows[7].cells.at(0).row_span, 8);
    EXPECT_EQ(t[1]->rows[8].cells.size(), 8u);
    // 四: five one-column headers spanning two rows, then two groups of five.
    EXPECT_EQ(t[2]->rows[1].cells.at(0).row_span, 2);
    EXPECT_EQ(t[2]->rows[1].cells.at(1).text, "结果\n纠正");
    EXPECT_EQ(t[2]->rows[2].cells.size(), 10u);
    EXPECT_EQ(t[2]->rows[3].cells.size(), 15u);
}

TEST(docx_reader, paragraphs_are_numbered_and_tables_positioned) {
    const document d = read_docx(read_file(source_path("tests/samples/template-2021/template.docx")));
    const auto *title = std::get_if<paragraph_block>(&d.blocks.at(0));
    ASSERT_NE(title, nullptr);
    EXPECT_EQ(title->text, "政府信息公开工作年度报告格式模板");
    EXPECT_EQ(title->pos.line, 2u) << "the first paragraph is empty";
    const auto t = tables(d);
    for (std::size_t i = 0; i < t.size(); ++i) {
        EXPECT_EQ(t[i]->pos.table, i + 1);
        for (std::size_t r = 0; r < t[i]->rows.size(); ++r)
            for (const text_cell &c : t[i]->rows[r].cells) {
                EXPECT_EQ(c.pos.table, i + 1);
                EXPECT_EQ(c.pos.row, r + 1);
            }
    }
}

// The value cells of the filled fixtures against the report they were filled from.
void expect_filled_with(const document &d, const std::string &report_path) {
    const auto report = boost::json::parse(read_file(source_path(report_path))).as_object();
    const auto printed = [](const boost::json::value &v) {
        return v.is_string() ? std::string(v.as_string()) : std::to_string(v.as_int64());
    };
    const auto t = tables(d);
    ASSERT_EQ(t.size(), 3u);
    const auto &active = report.at("active_disclosure").as_object();
    EXPECT_EQ(t[0]->rows[2].cells.at(1).text, printed(active.at("regulations").at("issued")));
    EXPECT_EQ(t[0]->rows[3].cells.at(3).text, printed(active.at("normative_documents").at("in_force")));
    EXPECT_EQ(t[0]->rows[6].cells.at(1).text, printed(active.at("licensing")));
    EXPECT_EQ(t[0]->rows[13].cells.at(1).text, printed(active.at("fees")));
    static constexpr std::array<const char *, 7> applicants = {"natural_person", "commercial", "research",
                                                               "social_welfare", "legal_service", "other", "total"};
    std::size_t r = 3;
    for (const auto &[key, values] : report.at("applications").as_object()) {
        const auto &cells = t[1]->rows.at(r++).cells;
        ASSERT_GE(cells.size(), 7u);
        for (std::size_t c = 0; c < 7; ++c)
            EXPECT_EQ(cells[cells.size() - 7 + c].text, printed(values.at(applicants[c]))) << key;
    }
    const auto &review = report.at("review_litigation").as_object();
    const auto &last = t[2]->rows.at(3).cells;
    EXPECT_EQ(last.at(0).text, printed(review.at("administrative_review").at("upheld")));
    EXPECT_EQ(last.at(9).text, printed(review.at("litigation_direct").at("total")));
    EXPECT_EQ(last.at(14).text, printed(review.at("litigation_after_review").at("total")));
}

TEST(docx_reader, filled_template_cells_hold_the_hangzhou_numbers) {
    const document d = read_docx(fixture("hangzhou-style.docx"));
    expect_filled_with(d, "tests/samples/hangzhou-style-html/expected.json");
    EXPECT_EQ(std::get<paragraph_block>(d.blocks.at(0)).text, "测试市2025年政府信息公开工作年度报告");
}

TEST(docx_reader, filled_template_cells_hold_the_seed_numbers) {
    expect_filled_with(read_docx(fixture("acheng-yagou-2023.docx")), "examples/acheng-yagou-2023.json");
}

TEST(docx_reader, runs_tabs_breaks_and_hidden_or_deleted_text) {
    const document d = read_docx(docx_of_body(
        "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs></w:pPr>"
        "<w:r><w:t>一、</w:t></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r><w:r><w:t>总体</w:t><w:tab/>"
        "<w:t>情况</w:t><w:br/><w:t>下一行</w:t></w:r><w:del><w:r><w:delText>删</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>增</w:t></w:r></w:ins><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐</w:t></w:r>"
        "<w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>显</w:t></w:r>"
        "<w:r><mc:AlternateContent><mc:Choice><w:t>甲</w:t></mc:Choice><mc:Fallback><w:t>甲</w:t></mc:Fallback>"
        "</mc:AlternateContent></w:r><w:hyperlink><w:r><w:t>链</w:t></w:r></w:hyperlink></w:p>"
        "<w:p/><w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>控件</w:t></w:r></w:p></w:sdtContent></w:sdt>"));
    ASSERT_EQ(d.blocks.size(), 2u);
    EXPECT_EQ(std::get<paragraph_block>(d.blocks[0]).text, "一、 总体\t情况\n下一行增显甲链");
    EXPECT_EQ(std::get<paragraph_block>(d.blocks[1]).text, "控件");
    EXPECT_EQ(std::get<paragraph_block>(d.blocks[1]).pos.line, 3u);
}

std::string tc(const std::string &text, const std::string &props = {}) {
    return "<w:tc>" + (props.empty() ? "" : "<w:tcPr>" + props + "</w:tcPr>") + "<w:p><w:r><w:t>" + text +
           "</w:t></w:r></w:p></w:tc>";
}

TEST(docx_reader, grid_spans_and_vertical_merges_become_spans) {
    const std::string restart = "<w:vMerge w:val=\"restart\"/>", cont = "<w:vMerge/>";
    const document d = read_docx(docx_of_body(
        "<w:tbl><w:tblGrid/>"
        "<w:tr>" + tc("左", restart) + tc("宽", "<w:gridSpan w:val=\"2\"/>") + tc("右", restart) + "</w:tr>"
        "<w:tr>" + tc("", cont) + tc("a") + tc("b") + tc("续", "<w:vMerge w:val=\"continue\"/>") + "</w:tr>"
        "<w:tr>" + tc("", cont) + tc("c", "<w:gridSpan w:val=\"abc\"/>") + tc("d") + tc("e") + "</w:tr>"
        "<w:tr>" + tc("", cont) + tc("f", "<w:hMerge w:val=\"restart\"/>") + tc("g", "<w:hMerge/>") + tc("h") + "</w:tr>"
        "<w:tr><w:trPr><w:gridBefore w:val=\"2\"/></w:trPr>" + tc("i") + tc("j") + "</w:tr>"
        "<w:tr>" + tc("孤", cont) + tc("k") + "</w:tr>"
        "</w:tbl>"));
    const auto t = tables(d);
    ASSERT_EQ(t.size(), 1u);
    const auto &rows = t[0]->rows;
    ASSERT_EQ(rows.size(), 6u);
    ASSERT_EQ(rows[0].cells.size(), 3u);
    EXPECT_EQ(rows[0].cells[0].row_span, 4);
    EXPECT_EQ(rows[0].cells[1].col_span, 2);
    EXPECT_EQ(rows[0].cells[2].row_span, 2);
    EXPECT_EQ(rows[0].cells[2].text, "右\n续") << "text in a continuation cell is kept on its restart cell";
    ASSERT_EQ(rows[1].cells.size(), 2u);
    EXPECT_EQ(rows[1].cells[0].text, "a");
    EXPECT_EQ(rows[1].cells[0].pos.cell, 2u);
    ASSERT_EQ(rows[2].cells.size(), 3u);
    EXPECT_EQ(rows[2].cells[0].col_span, 1) << "an unreadable gridSpan counts as 1";
    ASSERT_EQ(rows[3].cells.size(), 2u);
    EXPECT_EQ(rows[3].cells[0].text, "f\ng");
    EXPECT_EQ(rows[3].cells[0].col_span, 2);
    ASSERT_EQ(rows[4].cells.size(), 3u);
    EXPECT_EQ(rows[4].cells[0].text, "");
    EXPECT_EQ(rows[4].cells[0].col_span, 2);
    EXPECT_EQ(rows[4].cells[1].text, "i");
    ASSERT_EQ(rows[5].cells.size(), 2u);
    EXPECT_EQ(rows[5].cells[0].text, "孤") << "a continuation with nothing above is an ordinary cell";
}

TEST(docx_reader, zero_width_characters_are_dropped_and_an_empty_body_is_an_error) {
    const document d = read_docx(docx_of_body("<w:tbl><w:tr>" + tc("规章") + tc("1\xE2\x80\x8B" "2\xEF\xBB\xBF") + "</w:tr></w:tbl>"));
    EXPECT_EQ(tables(d).at(0)->rows.at(0).cells.at(1).text, "12");
    EXPECT_TRUE(mentions(error_of(docx_of_body("<w:p/><w:p><w:r><w:t></w:t></w:r></w:p>")), "holds no text"));
}

TEST(docx_reader, automatic_numbering_prints_its_labels) {
    const std::string ns = std::string("xmlns:w=\"") + w_ns + "\"";
    const std::string numbering =
        "<w:numbering " + ns + "><w:abstractNum w:abstractNumId=\"7\">"
        "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>"
        "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%2.\"/></w:lvl>"
        "<w:lvl w:ilvl=\"2\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\xEF\x82\xB7\"/></w:lvl></w:abstractNum>"
        "<w:abstractNum w:abstractNumId=\"8\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"11\"/>"
        "<w:numFmt w:val=\"chineseCountingThousand\"/><w:lvlText w:val=\"（%1）\"/></w:lvl></w:abstractNum>"
        "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"7\"/></w:num>"
        "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"8\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"19\"/>"
        "</w:lvlOverride></w:num></w:numbering>";
    const std::string styles = "<w:styles " + ns + "><w:style w:type=\"paragraph\" w:styleId=\"h1\"><w:pPr><w:numPr>"
                               "<w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style><w:style w:type=\"paragraph\" "
                               "w:styleId=\"h1x\"><w:basedOn w:val=\"h1\"/></w:style></w:styles>";
    const auto para = [](const std::string &props, const std::string &text) {
        return "<w:p><w:pPr>" + props + "</w:pPr><w:r><w:t>" + text + "</w:t></w:r></w:p>";
    };
    const auto num = [](int id, int level) {
        return "<w:numPr><w:ilvl w:val=\"" + std::to_string(level) + "\"/><w:numId w:val=\"" + std::to_string(id) + "\"/></w:numPr>";
    };
    const std::string body =
        para("<w:pStyle w:val=\"h1\"/>", "总体情况") + para("<w:pStyle w:val=\"h1x\"/>", "主动公开") + para(num(1, 1), "甲") +
        para(num(1, 1), "乙") + para(num(1, 2), "点") + para("<w:pStyle w:val=\"h1\"/>", "申请") + para(num(1, 1), "丙") +
        para(num(0, 0), "无") + para(num(2, 0), "十九") + para(num(2, 0), "二十") + para(num(2, 0), "二十一") +
        "<w:tbl><w:tr><w:tc>" + para(num(1, 1), "格") + "</w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>";
    const document d = read_docx(make_zip({{"word/document.xml", "<w:document " + ns + "><w:body>" + body + "</w:body></w:document>"},
                                           {"word/numbering.xml", numbering},
                                           {"word/styles.xml", styles}}));
    std::vector<std::string> texts;
    for (const block &b : d.blocks)
        if (const auto *p = std::get_if<paragraph_block>(&b)) texts.emplace_back(p->text);
    EXPECT_EQ(texts, (std::vector<std::string>{"一、总体情况", "二、主动公开", "1.甲", "2.乙", "点", "三、申请", "1.丙", "无",
                                               "（十九）十九", "（二十）二十", "（二十一）二十一"}));
    EXPECT_EQ(tables(d).at(0)->rows.at(0).cells.at(0).text, "2.格");
}

TEST(docx_reader, layout_tables_are_descended) {
    const document d = read_docx(docx_of_body(
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>二、主动公开政府信息情况</w:t></w:r></w:p>"
        "<w:tbl><w:tr>" + tc("信息内容") + tc("本年制发件数") + "</w:tr><w:tr>" + tc("规章") + tc("3") +
        "</w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>"));
    ASSERT_EQ(d.blocks.size(), 2u);
    EXPECT_EQ(std::get<paragraph_block>(d.blocks[0]).text, "二、主动公开政府信息情况");
    const auto &t = std::get<table_block>(d.blocks[1]);
    EXPECT_EQ(t.pos.table, 1u);
    EXPECT_EQ(t.rows.at(1).cells.at(1).text, "3");
}

TEST(docx_reader, namespace_prefix_is_whatever_the_document_declares) {
    const auto text_of = [](const document &d) { return std::get<paragraph_block>(d.blocks.at(0)).text; };
    EXPECT_EQ(text_of(read_docx(docx_of_body("<p><r><t>默认</t></r></p>", ""))), "默认");
    EXPECT_EQ(text_of(read_docx(docx_of_body("<ns0:p><ns0:r><ns0:t>前缀</ns0:t></ns0:r></ns0:p>", "ns0"))), "前缀");
}

TEST(docx_reader, main_part_follows_the_package_relationships) {
    const std::string rels =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r1\" "
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
        "Target=\"/word/main.xml\"/></Relationships>";
    const std::string xml = std::string("<w:document xmlns:w=\"") + w_ns + "\"><w:body><w:p><w:r><w:t>主</w:t></w:r></w:p></w:body></w:document>";
    const document d = read_docx(make_zip({{"_rels/.rels", rels}, {"word/main.xml", xml}}));
    EXPECT_EQ(std::get<paragraph_block>(d.blocks.at(0)).text, "主");
}

TEST(docx_reader, what_is_not_a_zip_says_what_it_is) {
    EXPECT_TRUE(mentions(error_of("一、总体情况"), "not a DOCX file")) << error_of("一、总体情况");
    EXPECT_TRUE(mentions(error_of(""), "not a DOCX file"));
    EXPECT_TRUE(mentions(error_of("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest"), "legacy Word .doc, or a password-protected"));
    EXPECT_TRUE(mentions(error_of("{\\rtf1 x}"), "RTF"));
}

TEST(docx_reader, truncated_archive_is_an_error) {
    const std::string bytes = fixture("hangzhou-style.docx");
    for (std::size_t n : {std::size_t{4}, std::size_t{100}, bytes.size() / 2, bytes.size() - 10}) {
        const std::string message = error_of(bytes.substr(0, n));
        EXPECT_TRUE(mentions(message, "DOCX: ")) << message;
        EXPECT_TRUE(mentions(message, "truncated")) << n << ": " << message;
    }
}

TEST(docx_reader, corrupted_entry_data_is_an_error) {
    const std::string xml = std::string("<w:document xmlns:w=\"") + w_ns + "\"><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>";
    std::string stored = make_zip({{"word/document.xml", xml}}, true);
    stored[stored.find("正文")] ^= 0x01;  // the CRC no longer matches
    std::string message = error_of(stored);
    EXPECT_TRUE(mentions(message, "word/document.xml: damaged")) << message;
    std::string deflated = make_zip({{"word/document.xml", xml + std::string(3000, ' ')}});
    const std::size_t data = deflated.find("word/document.xml") + 17;
    for (std::size_t i = data + 30; i < data + 60; ++i) deflated[i] = static_cast<char>(deflated[i] ^ 0x5A);
    message = error_of(deflated);
    EXPECT_TRUE(mentions(message, "damaged")) << message;
}

TEST(docx_reader, package_without_a_document_part_is_an_error) {
    EXPECT_TRUE(mentions(error_of(make_zip({{"hello.txt", "hi"}})), "word/document.xml is missing"));
    EXPECT_TRUE(mentions(error_of(make_zip({{"content.xml", "<x/>"}})), "OpenDocument"));
    EXPECT_TRUE(mentions(error_of(make_zip({{"xl/workbook.xml", "<x/>"}})), "XLSX"));
}

// Found by fuzz_read_docx_part: neither the scanner nor pugixml checks UTF-8, so a text ending in a stray
// continuation byte went into the report, whose canonical JSON then did not parse. It is an error now.
TEST(docx_reader, text_that_is_not_utf8_is_an_error_naming_where) {
    for (const std::string &text : {std::string("六、其他事项\x89"), std::string("\xE8\x41"), std::string("\xFF")}) {
        try {
            read_docx(docx_of_body("<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>"));
            ADD_FAILURE() << "read: " << text;
        } catch (const read_exception &e) {
            EXPECT_NE(std::string(e.what()).find("word/document.xml: invalid UTF-8 in the text"), std::string::npos) << e.what();
        }
    }
    EXPECT_NO_THROW(read_docx(docx_of_body("<w:p><w:r><w:t>六、其他事项</w:t></w:r></w:p>")));
}

TEST(docx_reader, zip_bomb_and_oversized_parts_are_refused) {
    const std::string bomb = make_zip({{"word/document.xml", std::string(8u << 20, ' ')}});
    EXPECT_LT(bomb.size(), 100000u);
    const std::string message = error_of(bomb);
    EXPECT_TRUE(mentions(message, "zip bomb")) << message;
    const std::string big = docx_of_body("<w:p><w:r><w:t>" + std::string(5000, 'x') + "</w:t></w:r></w:p>");
    EXPECT_TRUE(mentions(error_of(big, docx_limits{4096, 100}), "more than the limit")) << error_of(big, {4096, 100});
    EXPECT_NO_THROW(read_docx(big));
}

TEST(docx_reader, entries_with_unsafe_paths_are_refused) {
    const std::string ok = std::string("<w:document xmlns:w=\"") + w_ns + "\"><w:body/></w:document>";
    for (const char *name : {"../evil.xml", "word/../../evil.xml", "/etc/passwd", "C:/evil.xml", "a\\..\\b"}) {
        const std::string message = error_of(make_zip({{"word/document.xml", ok}, {name, "x"}}));
        EXPECT_TRUE(mentions(message, "unsafe path")) << name << ": " << message;
    }
}

TEST(docx_reader, malformed_xml_names_line_and_column) {
    const std::string xml = std::string("<w:document xmlns:w=\"") + w_ns + "\">\n<w:body>\n  <w:p><w:r><w:t>正文</w:r></w:p>";
    try {
        read_docx(make_zip({{"word/document.xml", xml}}));
        FAIL() << "no error";
    } catch (const read_exception &e) {
        EXPECT_EQ(e.error().where.line, 3u) << e.what();
        EXPECT_GT(e.error().where.column, 10u) << e.what();
        EXPECT_TRUE(mentions(e.what(), "malformed XML")) << e.what();
    }
    EXPECT_TRUE(mentions(error_of(make_zip({{"word/document.xml", "<html><body/></html>"}})), "not WordprocessingML"));
    EXPECT_TRUE(mentions(error_of(make_zip({{"word/document.xml", std::string("<w:document xmlns:w=\"") + w_ns + "\"/>"}})),
                         "no w:body"));
}

TEST(docx_reader, absurd_nesting_is_an_error_not_a_crash) {
    std::string body;
    for (int i = 0; i < 3000; ++i) body += "<w:sdt><w:sdtContent>";
    for (int i = 0; i < 3000; ++i) body += "</w:sdtContent></w:sdt>";
    EXPECT_TRUE(mentions(error_of(docx_of_body(body)), "nested deeper"));
}

// Overwrites the little-endian 32-bit field at `offset` of the first local header ("PK\3\4") and of the
// first central directory entry ("PK\1\2"): the CRC-32 is at 14 and 16, the uncompressed size at 22 and 24,
// the compressed size at 18 and 20.
std::string with_header_field(std::string zip, std::size_t local_offset, std::uint32_t value) {
    const std::size_t local = zip.find("PK\x03\x04"), central = zip.find("PK\x01\x02");
    if (local == std::string::npos || central == std::string::npos) throw std::runtime_error("not a zip");
    for (const std::size_t at : {local + local_offset, central + local_offset + 2})
        for (std::size_t i = 0; i < 4; ++i) zip[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
    return zip;
}

std::uint32_t header_field(const std::string &zip, std::size_t local_offset) {
    const std::size_t at = zip.find("PK\x03\x04") + local_offset;
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i) value |= static_cast<std::uint32_t>(static_cast<unsigned char>(zip[at + i])) << (8 * i);
    return value;
}

std::string padded_document() {
    return std::string("<w:document xmlns:w=\"") + w_ns + "\"><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>" +
           std::string(2000, ' ');
}

TEST(docx_reader, checksum_mismatch_is_an_error_for_deflated_and_stored_parts) {
    for (const bool store : {false, true}) {
        const std::string zip = make_zip({{"word/document.xml", padded_document()}}, store);
        ASSERT_NO_THROW(read_docx(zip));
        const std::string message = error_of(with_header_field(zip, 14, header_field(zip, 14) ^ 0x00010000u));
        EXPECT_TRUE(mentions(message, "word/document.xml: damaged")) << message;
        EXPECT_TRUE(mentions(message, "CRC")) << message;
    }
}

TEST(docx_reader, a_part_whose_declared_size_lies_is_an_error) {
    for (const bool store : {false, true}) {
        const std::string zip = make_zip({{"word/document.xml", padded_document()}}, store);
        const std::uint32_t size = header_field(zip, 22);
        // Smaller: the data does not fit the buffer of the declared size; larger: it ends before filling it.
        std::string message = error_of(with_header_field(zip, 22, size - 1));
        EXPECT_TRUE(mentions(message, "word/document.xml: the entry holds more bytes than its header declares"))
            << store << ": " << message;
        message = error_of(with_header_field(zip, 22, size + 1));
        EXPECT_TRUE(mentions(message, "word/document.xml: the entry holds fewer bytes than its header declares"))
            << store << ": " << message;
        // A declared size beyond the limit is refused before anything is inflated.
        message = error_of(with_header_field(zip, 22, 5000), docx_limits{4096, 100});
        EXPECT_TRUE(mentions(message, "more than the limit")) << message;
    }
}

TEST(docx_reader, a_compressed_size_beyond_the_archive_is_an_error) {
    const std::string zip = make_zip({{"word/document.xml", padded_document()}});
    const std::string message = error_of(with_header_field(zip, 18, 1u << 30));
    EXPECT_TRUE(mentions(message, "DOCX: ")) << message;
    EXPECT_TRUE(mentions(message, "damaged") || mentions(message, "truncated")) << message;
}

TEST(docx_reader, a_deflate_stream_that_ends_early_is_an_error) {
    std::string text = padded_document();
    for (int i = 0; i < 2000; ++i) text += std::to_string(i * 7919 % 10007);  // not all spaces: a longer stream
    const std::string zip = make_zip({{"word/document.xml", text}});
    // The headers say the compressed data is half as long: the stream stops before its last block.
    const std::string message = error_of(with_header_field(zip, 18, header_field(zip, 18) / 2));
    EXPECT_TRUE(mentions(message, "word/document.xml: damaged or truncated data")) << message;
}

TEST(docx_reader, parts_compressed_otherwise_are_inflated_by_libzip_with_the_same_checks) {
    if (!zip_compression_method_supported(ZIP_CM_BZIP2, 1)) GTEST_SKIP() << "libzip without bzip2";
    const std::string zip = make_zip({{"word/document.xml", padded_document()}}, false, ZIP_CM_BZIP2);
    EXPECT_EQ(std::get<paragraph_block>(read_docx(zip).blocks.at(0)).text, "正文");
    std::string message = error_of(with_header_field(zip, 14, header_field(zip, 14) ^ 1u));
    EXPECT_TRUE(mentions(message, "word/document.xml: damaged")) << message;
    message = error_of(with_header_field(zip, 22, header_field(zip, 22) - 1));
    EXPECT_TRUE(mentions(message, "more bytes than its header declares")) << message;
}

TEST(docx_reader, a_table_only_in_fallback_or_deleted_content_does_not_make_a_layout_table) {
    const std::string nested = "<w:tbl><w:tr>" + tc("甲") + "</w:tr></w:tbl>";
    const document d = read_docx(docx_of_body(
        "<w:tbl><w:tr><w:tc><w:p><w:r><mc:AlternateContent><mc:Choice><w:t>框</w:t></mc:Choice><mc:Fallback>" +
        nested + "</mc:Fallback></mc:AlternateContent></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:del><w:r>" + nested + "</w:r></w:del><w:r><w:t>3</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"));
    const auto t = tables(d);
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0]->rows.at(0).cells.at(0).text, "框");
    EXPECT_EQ(t[0]->rows.at(0).cells.at(1).text, "3");
}

TEST(docx_reader, styles_are_read_only_when_something_is_numbered) {
    const std::string ns = std::string("xmlns:w=\"") + w_ns + "\"";
    const std::string xml = "<w:document " + ns + "><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>";
    const std::string numbering = "<w:numbering " + ns + "><w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\">"
                                  "<w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\">"
                                  "<w:abstractNumId w:val=\"1\"/></w:num></w:numbering>";
    // Without numbering, styles.xml cannot change what is printed and is not parsed.
    EXPECT_NO_THROW(read_docx(make_zip({{"word/document.xml", xml}, {"word/styles.xml", "<w:styles"}})));
    const std::string message =
        error_of(make_zip({{"word/document.xml", xml}, {"word/numbering.xml", numbering}, {"word/styles.xml", "<w:styles"}}));
    EXPECT_TRUE(mentions(message, "word/styles.xml: malformed XML")) << message;
}

TEST(docx_reader, a_layout_table_numbers_its_paragraphs_once) {
    const std::string ns = std::string("xmlns:w=\"") + w_ns + "\"";
    const std::string numbering = "<w:numbering " + ns + "><w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\">"
                                  "<w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl></w:abstractNum>"
                                  "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"1\"/></w:num></w:numbering>";
    const std::string heading = "<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>";
    // The cell's first paragraph is read before the nested table shows the outer one is layout; its number
    // must not be counted twice.
    const std::string body = "<w:tbl><w:tr><w:tc><w:p>" + heading + "<w:r><w:t>总体情况</w:t></w:r></w:p>"
                             "<w:tbl><w:tr>" + tc("规章") + tc("3") + "</w:tr></w:tbl>"
                             "<w:p>" + heading + "<w:r><w:t>主动公开</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
                             "<w:p>" + heading + "<w:r><w:t>依申请公开</w:t></w:r></w:p>";
    const document d = read_docx(make_zip({{"word/document.xml", "<w:document " + ns + "><w:body>" + body + "</w:body></w:document>"},
                                           {"word/numbering.xml", numbering}}));
    ASSERT_EQ(d.blocks.size(), 4u);
    EXPECT_EQ(std::get<paragraph_block>(d.blocks[0]).text, "一、总体情况");
    EXPECT_EQ(std::get<table_block>(d.blocks[1]).pos.table, 1u);
    EXPECT_EQ(std::get<paragraph_block>(d.blocks[2]).text, "二、主动公开");
    EXPECT_EQ(std::get<paragraph_block>(d.blocks[3]).text, "三、依申请公开");
}

// Every block's text and position, and every cell's spans: what two reads of one document must share.
std::string dump(const document &d) {
    std::string out;
    const auto at = [](const xxgk::source_position &p) {
        return " @" + std::to_string(p.line) + "/" + std::to_string(p.table) + "/" + std::to_string(p.row) + "/" +
               std::to_string(p.cell);
    };
    for (const block &b : d.blocks) {
        if (const auto *p = std::get_if<paragraph_block>(&b)) {
            out += "P" + at(p->pos) + " [" + p->text + "]\n";
            continue;
        }
        const auto &t = std::get<table_block>(b);
        out += "T" + at(t.pos) + "\n";
        for (const text_row &r : t.rows)
            for (const text_cell &c : r.cells)
                out += "  C " + std::to_string(c.row_span) + "x" + std::to_string(c.col_span) + at(c.pos) + " [" + c.text + "]\n";
    }
    return out;
}

// The part as pugixml reads it: a comment before the root element is what the scanner leaves to pugixml.
std::string docx_for_pugixml(const std::string &body) {
    const std::string zip = docx_of_body(body);
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<!-- x --><w:document xmlns:w=\"" +
                      std::string(w_ns) + "\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">"
                      "<w:body>" + body + "</w:body></w:document>";
    return make_zip({{"word/document.xml", xml}});
}

TEST(docx_reader, the_scanner_reads_what_pugixml_reads) {
    const std::string bodies[] = {
        // Entities and character references, in text and attribute values.
        "<w:p><w:r><w:t>A&amp;B&lt;C&gt;D&quot;E&apos;F&#20013;&#x6587;&#X41;</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val='&#50;'/></w:tcPr><w:p><w:r><w:t>宽</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
        // Line ends in text ("\r\n" and "\r" become "\n") and in attribute values (spaces).
        "<w:p><w:r><w:t xml:space=\"preserve\">a\r\nb\rc\nd\te</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\r\n\"/></w:tcPr><w:p><w:r><w:t>上</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>下</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
        // White space: kept when it is all an element holds, dropped between elements.
        "<w:p>\r\n  <w:r> <w:t xml:space=\"preserve\"> </w:t> </w:r>\n<w:r><w:t>\t\r\n</w:t><w:t>x</w:t></w:r>"
        "<w:r><w:t xml:space=\"preserve\">    </w:t><w:t>y</w:t></w:r></w:p>"
        "<w:p><w:r><w:t> 前<w:br/>后 </w:t></w:r></w:p>",
        // What the scanner leaves to pugixml in any case: entities of its own, CDATA, NUL references.
        "<w:p><w:r><w:t>&nbsp;&#;&#x;&amp</w:t></w:r></w:p>",
        "<w:p><w:r><w:t><![CDATA[<甲>]]>乙</w:t></w:r></w:p>",
        // Names with digits, dots and dashes; attributes in single quotes and with spaces around '='.
        "<w:p><w:r><w14:x.y-z a = 'b'/><w:t>名</w:t></w:r></w:p>",
    };
    for (const std::string &body : bodies) {
        const std::string scanned = dump(read_docx(docx_of_body(body)));
        EXPECT_EQ(scanned, dump(read_docx(docx_for_pugixml(body)))) << body;
        EXPECT_FALSE(scanned.empty()) << body;
    }
    EXPECT_EQ(std::get<paragraph_block>(read_docx(docx_of_body(bodies[0])).blocks.at(0)).text, "A&B<C>D\"E'F中文&#X41;");
    EXPECT_EQ(tables(read_docx(docx_of_body(bodies[0]))).at(0)->rows.at(0).cells.at(0).col_span, 2);
    EXPECT_EQ(std::get<paragraph_block>(read_docx(docx_of_body(bodies[1])).blocks.at(0)).text, "a\nb\nc\nd\te");
    EXPECT_EQ(tables(read_docx(docx_of_body(bodies[1]))).at(0)->rows.at(0).cells.size(), 1u)
        << "\"restart \" is a continuation, as pugixml reads the value";
    EXPECT_EQ(std::get<paragraph_block>(read_docx(docx_of_body(bodies[2])).blocks.at(0)).text, " \t\nx    y");
    EXPECT_EQ(std::get<paragraph_block>(read_docx(docx_of_body(bodies[3])).blocks.at(0)).text, "&nbsp;&#;&#x;&amp");
    EXPECT_EQ(std::get<paragraph_block>(read_docx(docx_of_body(bodies[4])).blocks.at(0)).text, "<甲>");
}

// Entry `name` of a zip archive, inflated by libzip.
std::string entry(const std::string &zip, const char *name) {
    zip_error_t error;
    zip_error_init(&error);
    zip_t *z = zip_open_from_source(zip_source_buffer_create(zip.data(), zip.size(), 0, &error), ZIP_RDONLY, &error);
    zip_stat_t st;
    if (!z || zip_stat(z, name, 0, &st) != 0) throw std::runtime_error(std::string("no entry ") + name);
    std::string out(st.size, '\0');
    zip_file_t *f = zip_fopen(z, name, 0);
    const bool read = f && zip_fread(f, out.data(), out.size()) == static_cast<zip_int64_t>(out.size());
    if (f) zip_fclose(f);
    zip_discard(z);
    if (!read) throw std::runtime_error(std::string("cannot read ") + name);
    return out;
}

// The seed's document part with characters and references put into its text and attribute values at
// random (seeded): the scanner, and pugixml after a comment that the scanner leaves to it, read the same.
TEST(docx_reader, the_scanner_reads_the_sample_with_odd_characters_as_pugixml_does) {
    const std::string xml = entry(fixture("acheng-yagou-2023.docx"), "word/document.xml");
    std::vector<std::size_t> texts, values;
    for (std::size_t at = xml.find("<w:t>"); at != std::string::npos; at = xml.find("<w:t>", at + 1)) texts.push_back(at + 5);
    for (std::size_t at = xml.find("=\""); at != std::string::npos; at = xml.find("=\"", at + 1)) values.push_back(at + 2);
    ASSERT_GT(texts.size(), 100u);
    static constexpr const char *in_text[] = {
        "&amp;", "&#x41;", "&#65;", "&lt;", "&quot;", "&#20013;", "&#x1F600;", "\r\n", "\r", "\t", " ", ">", "]]>", "'",
        "&#13;", "&#x200B;", "\xE2\x80\x8B", "&#0;", "&#xD800;", "&#;", "&nbsp;", "&amp", "<!--c-->", "<![CDATA[&amp;]]>",
        "<w:br/>", "&#X41;", "&#x0000041;"};
    static constexpr const char *in_value[] = {"&amp;", "&#50;", "\r\n", "\n", "\t", "&#9;", "&lt;", ">", "'", "&foo;", "<", "2"};
    const auto read = [](const std::string &part) {
        try {
            return dump(read_docx(make_zip({{"word/document.xml", part}}, true)));
        } catch (const read_exception &) {
            return std::string("error");  // the comment moves the error's position: that it is one must agree
        }
    };
    std::mt19937 random(2026);
    const auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random); };
    int read_alike = 0;
    for (int i = 0; i < 40; ++i) {
        std::vector<std::pair<std::size_t, std::string>> edits;
        for (std::size_t k = 0, n = 1 + pick(4); k < n; ++k)
            edits.emplace_back(pick(3) ? std::pair<std::size_t, std::string>{texts[pick(texts.size())], in_text[pick(std::size(in_text))]}
                                       : std::pair<std::size_t, std::string>{values[pick(values.size())], in_value[pick(std::size(in_value))]});
        std::sort(edits.rbegin(), edits.rend());
        std::string changed = xml;
        for (const auto &[at, text] : edits) changed.insert(at, text);
        if (i % 4 == 3) {  // indented, with Windows line ends between the elements
            std::string indented;
            for (const char c : changed) indented += c == '<' && !indented.empty() && indented.back() == '>' ? "\r\n  <" : std::string(1, c);
            changed = std::move(indented);
        }
        std::string for_pugixml = changed;
        for_pugixml.insert(for_pugixml.find("?>") + 2, "<!-- x -->");
        const std::string scanned = read(changed);
        EXPECT_EQ(scanned, read(for_pugixml)) << "edit " << i;
        read_alike += scanned != "error";
    }
    EXPECT_GT(read_alike, 20) << "most edits leave the part well-formed";
}

// Each thread keeps the element vectors of the parts it read for its next read: reads in threads, and a
// read after a part too large to keep and after a part pugixml read, give the same documents.
TEST(docx_reader, threads_and_parts_read_before_give_the_same_documents) {
    const std::string sample = fixture("hangzhou-style.docx");
    const std::string expected = dump(read_docx(sample));
    std::string prose;
    while (prose.size() < (std::size_t{6} << 20)) prose += "<w:p><w:r><w:t>全市各级行政机关主动公开政府信息。</w:t></w:r></w:p>";
    docx_limits repetitive;  // the same paragraph over and over deflates far beyond 100:1
    repetitive.max_ratio = 10000;
    EXPECT_EQ(read_docx(docx_of_body(prose), repetitive).blocks.size(), prose.size() / 84);
    EXPECT_EQ(dump(read_docx(sample)), expected);
    EXPECT_FALSE(dump(read_docx(docx_for_pugixml("<w:p><w:r><w:t>甲</w:t></w:r></w:p>"))).empty());
    EXPECT_EQ(dump(read_docx(sample)), expected);
    EXPECT_EQ(xxgk::test::agreements_in_threads(4, 10, [&] { return dump(read_docx(sample)) == expected; }),
              std::vector<int>(4, 10));
}

TEST(docx_reader, parts_in_utf16_with_a_byte_order_mark_or_in_latin1_are_read) {
    const std::string xml = std::string("<w:document xmlns:w=\"") + w_ns + "\"><w:body><w:p><w:r><w:t>正文 café</w:t></w:r>"
                            "</w:p></w:body></w:document>";
    // UTF-16LE with its byte order mark, as Word can save it.
    std::string utf16 = "\xFF\xFE";
    for (std::size_t i = 0; i < xml.size();) {
        const auto b = static_cast<unsigned char>(xml[i]);
        char32_t cp = b;
        std::size_t n = 1;
        if (b >= 0xE0) cp = b & 0x0Fu, n = 3;
        else if (b >= 0xC0) cp = b & 0x1Fu, n = 2;
        for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(xml[i + k]) & 0x3Fu);
        i += n;
        utf16 += static_cast<char>(cp & 0xFF);
        utf16 += static_cast<char>(cp >> 8);
    }
    const auto text = [](const std::string &part) {
        return std::get<paragraph_block>(read_docx(make_zip({{"word/document.xml", part}})).blocks.at(0)).text;
    };
    EXPECT_EQ(text(utf16), "正文 café");
    EXPECT_EQ(text("\xEF\xBB\xBF" + xml), "正文 café");
    std::string latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + xml;
    latin1.replace(latin1.find("正文 caf\xC3\xA9"), std::string("正文 caf\xC3\xA9").size(), "caf\xE9");
    EXPECT_EQ(text(latin1), "café");
    EXPECT_EQ(text("<?xml version='1.0' encoding = 'utf-8'?>" + xml), "正文 café");
}

// End to end: bytes → reader → mapper → model; every table cell equals the expected report's, and every
// cell remembers where in the document it stood. The format is sniffed from the content and file name.
void expect_reads_as(const std::string &document_path, const std::string &expected_path, bool agency = true,
                     const std::string &bytes = {}) {
    const xxgk::report want = xxgk::parse_report(read_file(source_path(expected_path)));
    const xxgk::read_result got =
        xxgk::read_report(bytes.empty() ? read_file(source_path(document_path)) : bytes, {{}, document_path});
    EXPECT_EQ(got.value.year, want.year);
    if (agency) {
        EXPECT_EQ(got.value.agency, want.agency);
    }
    std::size_t cells = 0;
    xxgk::for_each_cell(want, [&](xxgk::cell_ref at, const xxgk::cell &w) {
        ++cells;
        const xxgk::cell *g = xxgk::find_cell(got.value, at);
        ASSERT_NE(g, nullptr) << xxgk::json_pointer(at);
        EXPECT_EQ(g->kind, w.kind) << xxgk::json_pointer(at) << " printed \"" << g->text << "\"";
        EXPECT_EQ(g->value, w.value) << xxgk::json_pointer(at) << ": " << to_string(g->value) << " for " << to_string(w.value);
        EXPECT_TRUE(g->source.known()) << xxgk::json_pointer(at);
    });
    EXPECT_EQ(cells, 200u);
}

TEST(structured_end_to_end, hangzhou_style_html_reads_every_cell_exactly) {
    expect_reads_as("tests/samples/hangzhou-style-html/report.html", "tests/samples/hangzhou-style-html/expected.json");
}

TEST(structured_end_to_end, shuyang_county_markdown_reads_every_cell_exactly) {
    // The document misspells the agency (沐阳 for 沭阳, an OCR slip); expected.json has the real name.
    expect_reads_as("tests/samples/shuyang-county-2025/report.md", "tests/samples/shuyang-county-2025/expected.json", false);
}

TEST(structured_end_to_end, markdown_tables_cut_by_page_footers_read_every_cell_exactly) {
    std::string md = read_file(source_path("tests/samples/shuyang-county-2025/report.md"));
    for (const auto &[row, footer] : {std::pair<std::string, std::string>{"| 3. 其他 | 142 | 1 | 0 | 0 | 0 | 0 | 143 |\n", "\n— 12 —\n\n"},
                                      {"| 4. 无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n", "| | - 11 - | | | | | | |\n"},
                                      {"| 行政处罚 | 693957 |\n", "第 3 页 共 9 页\n"}}) {
        const std::size_t at = md.find(row);
        ASSERT_NE(at, std::string::npos) << row;
        md.insert(at + row.size(), footer);
    }
    expect_reads_as("report.md", "tests/samples/shuyang-county-2025/expected.json", false, md);
}

TEST(structured_end_to_end, filled_template_docx_reads_every_cell_exactly) {
    expect_reads_as("tests/data/docx/hangzhou-style.docx", "tests/samples/hangzhou-style-html/expected.json");
    expect_reads_as("tests/data/docx/acheng-yagou-2023.docx", "examples/acheng-yagou-2023.json");
}

TEST(structured_end_to_end, docx_cells_are_placed_by_table_row_and_cell) {
    const xxgk::read_result got = xxgk::read_report(fixture("hangzhou-style.docx"));
    EXPECT_EQ(got.format, xxgk::input_format::docx);
    const xxgk::cell &total = got.value.applications(xxgk::row::carried_forward, xxgk::applicant::total);
    EXPECT_EQ(to_string(total.value), "819");
    EXPECT_EQ(total.source.table, 2u);
    EXPECT_EQ(total.source.row, 28u);
    EXPECT_EQ(total.source.cell, 8u);
}

TEST(structured_end_to_end, broken_documents_are_read_errors) {
    xxgk::read_error error;
    const std::string docx = fixture("hangzhou-style.docx");
    EXPECT_FALSE(xxgk::read_report(docx.substr(0, docx.size() / 2), {}, error));
    EXPECT_TRUE(mentions(error.describe(), "DOCX")) << error.describe();
    EXPECT_FALSE(xxgk::read_report(std::string("# 标题\n\n| a | \0 |\n", 20), {xxgk::input_format::markdown, {}}, error));
    EXPECT_FALSE(xxgk::read_report("<p>\n \n</p>", {xxgk::input_format::html, {}}, error));
}

}  // namespace
