// Renderings: official labels and merged cells, Markdown/text layout, escaping, highlighted cells = the
// findings' cells, the batch index, and the Markdown round trip through the reader.
#include "test_support.hpp"

#include <xxgk/read.hpp>
#include <xxgk/render.hpp>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>

namespace {

using namespace xxgk;
using xxgk::test::read_file;
using xxgk::test::seed;
using xxgk::test::source_path;

report sample(const std::string &relative) { return parse_report(read_file(source_path(relative))); }

std::size_t occurrences(std::string_view haystack, std::string_view needle) {
    std::size_t n = 0;
    for (std::size_t at = haystack.find(needle); at != std::string_view::npos; at = haystack.find(needle, at + 1)) ++n;
    return n;
}

std::vector<std::string> lines_of(const std::string &s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

// The ids of the value cells carrying a class, e.g. "fault" or "primary".
std::set<std::string> cells_with_class(const std::string &html, const std::string &cls) {
    std::set<std::string> ids;
    static const std::regex td(R"x(<td id="([^"]+)" class="([^"]*)")x");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), td); it != std::sregex_iterator(); ++it) {
        std::istringstream classes((*it)[2].str());
        for (std::string c; classes >> c;)
            if (c == cls) ids.insert((*it)[1].str());
    }
    return ids;
}

// ---- Official labels and merged cells ----------------------------------------------------------

// The merged cells of the template (tests/samples/template-2021/template.docx, w:gridSpan/w:vMerge) as HTML.
TEST(render, table_three_has_the_templates_merged_cells_and_exact_labels) {
    const std::string html = render_tables(seed(), render_format::html);
    EXPECT_NE(html.find(R"(<th class="note" rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>)"),
              std::string::npos);
    EXPECT_NE(html.find(R"(<th class="head" colspan="7">申请人情况</th>)"), std::string::npos);
    EXPECT_NE(html.find(R"(<th class="head" rowspan="2">自然人</th><th class="head" colspan="5">法人或其他组织</th><th class="head" rowspan="2">总计</th>)"),
              std::string::npos);
    EXPECT_NE(html.find(R"(<th class="head">商业企业</th><th class="head">科研机构</th><th class="head">社会公益组织</th><th class="head">法律服务机构</th><th class="head">其他</th>)"),
              std::string::npos);
    EXPECT_NE(html.find(R"(<th class="label" colspan="3">一、本年新收政府信息公开申请数量</th>)"), std::string::npos);
    EXPECT_NE(html.find(R"(<th class="group" rowspan="22">三、本年度办理结果</th><th class="label" colspan="2">（一）予以公开</th>)"),
              std::string::npos);
    EXPECT_NE(html.find(R"(<th class="group" rowspan="8">（三）不予公开</th><th class="label">1.属于国家秘密</th>)"), std::string::npos);
    EXPECT_NE(html.find(R"(<th class="group" rowspan="3">（四）无法提供</th>)"), std::string::npos);
    EXPECT_NE(html.find(R"(<th class="group" rowspan="5">（五）不予处理</th>)"), std::string::npos);
    EXPECT_NE(html.find(R"(<th class="group" rowspan="3">（六）其他处理</th>)"), std::string::npos);
    EXPECT_NE(html.find(R"(<th class="label" colspan="2">（七）总计</th>)"), std::string::npos);
    EXPECT_NE(html.find(R"(<th class="label" colspan="3">四、结转下年度继续办理</th>)"), std::string::npos);
    // 25 numeric rows of 7 cells, each with its JSON Pointer anchor.
    for (row rw : all_of<row>())
        for (applicant a : all_of<applicant>())
            EXPECT_EQ(occurrences(html, "id=\"" + html_anchor(ref(rw, a)) + "\""), 1u) << json_pointer(ref(rw, a));
}

TEST(render, table_two_is_four_captioned_sub_tables_and_table_four_groups_litigation) {
    const std::string html = render_tables(seed(), render_format::html);
    for (const char *caption : {"第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"})
        EXPECT_NE(html.find(std::string(R"(<th class="caption" colspan="4">)") + caption + "</th>"), std::string::npos)
            << caption;
    EXPECT_EQ(html.find("第二十条第（九）项"), std::string::npos);
    EXPECT_EQ(occurrences(html, R"(<th class="head">信息内容</th>)"), 4u);
    EXPECT_NE(html.find(R"(<th class="head">本年制发件数</th><th class="head">本年废止件数</th><th class="head">现行有效件数</th>)"),
              std::string::npos);
    EXPECT_EQ(occurrences(html, R"(<th class="head" colspan="3">本年处理决定数量</th>)"), 2u);
    EXPECT_NE(html.find(R"(<th class="head" colspan="3">本年收费金额（单位：万元）</th>)"), std::string::npos);
    EXPECT_NE(html.find(R"(<th class="head" colspan="5">行政复议</th><th class="head" colspan="10">行政诉讼</th>)"),
              std::string::npos);
    EXPECT_NE(html.find(R"(<th class="head" colspan="5">未经复议直接起诉</th><th class="head" colspan="5">复议后起诉</th>)"),
              std::string::npos);
    EXPECT_EQ(occurrences(html, R"(<th class="head" rowspan="2">结果维持</th>)"), 1u);
    EXPECT_EQ(occurrences(html, R"(<th class="head">结果维持</th>)"), 2u);
}

TEST(render, a_2019_report_uses_the_trial_layout) {
    const report r = sample("tests/samples/pingtan/36-suping-2020/expected.json");
    ASSERT_EQ(r.format(), format_version::v2019);
    const std::string html = render_tables(r, render_format::html);
    EXPECT_NE(html.find(R"(<th class="caption" colspan="4">第二十条第（九）项</th>)"), std::string::npos);
    EXPECT_NE(html.find(R"(<th class="head">上一年项目数量</th><th class="head" colspan="2">本年增/减</th>)"),
              std::string::npos);
    EXPECT_NE(html.find(R"(<th class="head">采购项目数量</th><th class="head" colspan="2">采购总金额</th>)"),
              std::string::npos);
    EXPECT_NE(html.find(R"(<th class="label">规范性文件</th>)"), std::string::npos);
    // 19 outcome rows (1 + 1 + 8 + 3 + 5 + 1) and （七）总计 under 三、本年度办理结果; （六）其他处理 is one numeric row.
    EXPECT_NE(html.find(R"(<th class="group" rowspan="20">三、本年度办理结果</th>)"), std::string::npos);
    EXPECT_NE(html.find(R"(<th class="label" colspan="2">（六）其他处理</th><td id="cell-applications-other_handling-natural_person")"),
              std::string::npos);
    EXPECT_EQ(html.find("1.申请人无正当理由逾期不补正"), std::string::npos);
}

TEST(render, every_label_of_the_format_appears_in_every_rendering) {
    const report r = seed();
    for (render_format f : all_of<render_format>()) {
        const std::string out = render_tables(r, f);
        for (auto l : labels_of<row>) EXPECT_NE(out.find(l), std::string::npos) << name(f) << " " << l;
        for (auto l : labels_of<applicant>) EXPECT_NE(out.find(l), std::string::npos) << name(f) << " " << l;
        for (auto l : labels_of<proceeding>) EXPECT_NE(out.find(l), std::string::npos) << name(f) << " " << l;
        for (auto l : labels_of<case_result>) EXPECT_NE(out.find(l), std::string::npos) << name(f) << " " << l;
        for (auto l : labels_of<active_item>) EXPECT_NE(out.find(l), std::string::npos) << name(f) << " " << l;
        for (auto l : labels_of<document_column>) EXPECT_NE(out.find(l), std::string::npos) << name(f) << " " << l;
        for (section s : {section::active_disclosure, section::applications, section::review_litigation})
            EXPECT_NE(out.find(label(s)), std::string::npos) << name(f);
        EXPECT_NE(out.find(balance_note_label), std::string::npos) << name(f);
    }
}

// ---- Markdown and text -----------------------------------------------------------------------

TEST(render, markdown_puts_the_row_label_first_and_one_header_row_of_column_labels) {
    const std::string md = render_tables(seed(), render_format::markdown);
    EXPECT_NE(md.find("| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 | 科研机构 | "
                      "社会公益组织 | 法律服务机构 | 其他 | 总计 |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n"),
              std::string::npos);
    EXPECT_NE(md.find("| 一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"), std::string::npos);
    EXPECT_NE(md.find("| （三）不予公开 |  |  |  |  |  |  |  |\n| 1.属于国家秘密 | 0 |"), std::string::npos);
    EXPECT_NE(md.find("### 第二十条第（一）项\n\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"), std::string::npos);
    EXPECT_NE(md.find("|  | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"), std::string::npos);
    EXPECT_NE(md.find("| 行政诉讼 |  |  |  |  |  |\n| 未经复议直接起诉 | 0 |"), std::string::npos);
    // Every table row has as many cells as its header.
    std::size_t header_pipes = 0;
    for (const std::string &line : lines_of(md)) {
        if (!line.starts_with("|")) {
            header_pipes = 0;
            continue;
        }
        const std::size_t pipes = occurrences(line, "|") - occurrences(line, "\\|");
        if (header_pipes == 0) header_pipes = pipes;
        EXPECT_EQ(pipes, header_pipes) << line;
    }
}

TEST(render, markdown_escapes_pipes_and_keeps_printed_text) {
    report r = seed();
    r.applications(row::granted, applicant::research) = read_cell("见|附件");
    r.applications(row::granted, applicant::total) = read_cell("1,234");
    r.applications(row::carried_over, applicant::other) = read_cell("/");
    const std::string md = render_tables(r, render_format::markdown);
    EXPECT_NE(md.find(R"( 见\|附件 )"), std::string::npos);
    EXPECT_NE(md.find(" 1,234 |"), std::string::npos);
    EXPECT_NE(md.find(" / |"), std::string::npos);
}

TEST(render, unreadable_cells_are_never_given_a_number) {
    const report r = sample("tests/samples/pingtan/04-gwhban-2019/expected.json");
    // Markdown leaves them empty (a `?` would read back as a label and shift the row) and names them below.
    const std::string md = render_tables(r, render_format::markdown);
    EXPECT_NE(md.find("| 规范性文件 |  |  |  |"), std::string::npos);
    EXPECT_NE(md.find("下列单元格的数值无法从原文确定，表中留空（未作推测）：规范性文件 / 本年新制作数量；规范性文件 / 本年新公开数量"),
              std::string::npos);
    EXPECT_NE(render_tables(r, render_format::text).find("规范性文件               ?               ?               ?"),
              std::string::npos);
    const std::string html = render_tables(r, render_format::html);
    EXPECT_NE(html.find(R"(class="v unreadable">?</td>)"), std::string::npos);
}

TEST(render, text_columns_line_up_by_display_width) {
    const std::string text = render_tables(seed(), render_format::text);
    const auto lines = lines_of(text);
    const auto header = std::find_if(lines.begin(), lines.end(), [](const std::string &l) {
        return l.starts_with(balance_note_label);
    });
    ASSERT_NE(header, lines.end());
    // Right-aligned value columns: every line of table 三 ends at the same display column as its header.
    const std::size_t width = display_width(*header);
    std::size_t rows = 0;
    for (auto it = header + 1; it != lines.end() && !it->empty(); ++it)
        if (it->ends_with("0") || it->ends_with("1")) {
            EXPECT_EQ(display_width(*it), width) << *it;
            ++rows;
        }
    EXPECT_EQ(rows, 25u);
    EXPECT_NE(text.find("行政复议                 0         0         0         0     0\n"), std::string::npos);
}

TEST(render, display_width_counts_east_asian_wide_characters_twice) {
    EXPECT_EQ(display_width("abc"), 3u);
    EXPECT_EQ(display_width("自然人"), 6u);
    EXPECT_EQ(display_width("（一）予以公开"), 14u);
    EXPECT_EQ(display_width("１２"), 4u);
    EXPECT_EQ(display_width("3.危及“三安全一稳定”"), 2u + 2 * 8 + 2);  // “ ” are ambiguous: narrow
    EXPECT_EQ(display_width("e\xCC\x81"), 1u);        // combining acute accent
    EXPECT_EQ(display_width("\xE4\xB8"), 2u);         // truncated sequence: one column per byte, nothing lost
    EXPECT_EQ(display_width(""), 0u);
}

// ---- Findings pages --------------------------------------------------------------------------

TEST(render, highlighted_cells_are_exactly_the_cells_of_the_findings) {
    for (const char *fault : {"balance.json", "cells.json", "outcome-total.json", "review-total.json", "total-blank.json"}) {
        const report r = sample(std::string("examples/faults/") + fault);
        const auto findings = check(r);
        ASSERT_FALSE(findings.empty()) << fault;
        std::set<std::string> expected, primary;
        for (const diagnostic &d : findings) {
            for (cell_ref c : d.cells)
                if (find_cell(r, c)) expected.insert(html_anchor(c));
            if (!d.cells.empty() && find_cell(r, d.cells.front())) primary.insert(html_anchor(d.cells.front()));
        }
        const std::string html = html_report(r, findings);
        EXPECT_EQ(cells_with_class(html, "fault"), expected) << fault;
        EXPECT_EQ(cells_with_class(html, "primary"), primary) << fault;
        for (std::size_t i = 1; i <= findings.size(); ++i)
            EXPECT_EQ(occurrences(html, "<li id=\"finding-" + std::to_string(i) + "\""), 1u) << fault;
    }
}

TEST(render, a_finding_shows_rule_severity_both_messages_arithmetic_and_links_to_its_cells) {
    const report r = sample("examples/faults/balance.json");
    const auto findings = check(r);
    ASSERT_EQ(findings.size(), 2u);
    const std::string html = html_report(r, findings, language::en, {.source_name = "balance.json", .index_href = "index.html"});
    EXPECT_NE(html.find("<code>t3.balance</code>"), std::string::npos);
    EXPECT_NE(html.find(message(findings[0], language::zh)), std::string::npos);
    EXPECT_NE(html.find(message(findings[0], language::en)), std::string::npos);
    EXPECT_NE(html.find(info(rule::t3_balance).rationale_en), std::string::npos);
    EXPECT_NE(html.find(info(rule::t3_balance).rationale_zh), std::string::npos);
    EXPECT_NE(html.find("<td>" + to_string(*findings[0].left) + "</td>"), std::string::npos);
    EXPECT_NE(html.find("<td>" + to_string(*findings[0].difference) + "</td>"), std::string::npos);
    for (cell_ref c : findings[0].cells) EXPECT_NE(html.find("href=\"#" + html_anchor(c) + "\""), std::string::npos);
    EXPECT_NE(html.find(R"(<a class="val" href="#finding-1">)"), std::string::npos);
    EXPECT_NE(html.find(R"(<a href="index.html">)"), std::string::npos);
    // English first: its radio is the checked one.
    EXPECT_NE(html.find(R"(id="lang-en" class="lang-switch" checked>)"), std::string::npos);
    EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
}

TEST(render, findings_about_sections_and_metadata_are_listed_with_a_target) {
    const report r = seed();
    diagnostic section_finding{rule::doc_section_missing, severity::error, status::fail, {ref(section::problems)}, {}, {}, {}, {}, {}};
    diagnostic year_finding{rule::doc_year_mismatch, severity::warning, status::fail, {ref(metadata_field::year)}, {}, {}, {}, {}, {}};
    const std::vector<diagnostic> findings{section_finding, year_finding};
    const std::string html = html_report(r, findings);
    EXPECT_NE(html.find("<li id=\"" + html_anchor(ref(section::problems)) + "\" class=\"fault\">"), std::string::npos);
    EXPECT_NE(html.find("<li id=\"" + html_anchor(ref(metadata_field::year)) + "\" class=\"fault\">"), std::string::npos);
    EXPECT_NE(html.find("<code>doc.section_missing</code>"), std::string::npos);
    EXPECT_NE(html.find("<code>doc.year_mismatch</code>"), std::string::npos);
    EXPECT_TRUE(cells_with_class(html, "fault").empty());
}

TEST(render, source_positions_of_values_are_shown) {
    report r = sample("examples/faults/balance.json");
    r.applications(row::carried_forward, applicant::natural_person).source = {.line = 42, .column = 7};
    r.applications(row::new_received, applicant::natural_person).source = {.table = 2, .row = 4, .cell = 4};
    const std::string html = html_report(r, check(r));
    EXPECT_NE(html.find("第42行第7列"), std::string::npos);
    EXPECT_NE(html.find("line 42, column 7"), std::string::npos);
    // A cell of table 三 names the report's table, not the document's count of tables.
    EXPECT_NE(html.find("表三第4行第4格"), std::string::npos);
    EXPECT_NE(html.find("report table 3, row 4, cell 4"), std::string::npos);
    EXPECT_EQ(html.find("第2个表格"), std::string::npos);
}

TEST(render, the_findings_page_of_a_docx_names_the_report_table_of_each_position) {
    // The rendered DOCX of pingtan 47 breaks I-1 and I-2 in table 三 (a layout table may precede the report's,
    // so the document's count of tables is not the report's).
    const read_result read = read_report(read_file(source_path("tests/samples/rendered/pingtan-47-ziranziyuan-2021/report.docx")));
    const auto findings = check(read.value);
    const auto total = std::find_if(findings.begin(), findings.end(), [](const diagnostic &d) {
        return d.which == rule::t3_outcome_total && d.cells.front() == ref(row::total_processed, applicant::natural_person);
    });
    ASSERT_NE(total, findings.end());
    const source_position at = find_cell(read.value, ref(row::total_processed, applicant::natural_person))->source;
    ASSERT_NE(at.table, 0u);
    const std::string html = html_report(read.value, findings);
    const std::string row_cell = "第" + std::to_string(at.row) + "行第" + std::to_string(at.cell) + "格";
    EXPECT_NE(html.find("表三" + row_cell), std::string::npos);
    EXPECT_NE(html.find("report table 3, row " + std::to_string(at.row) + ", cell " + std::to_string(at.cell)),
              std::string::npos);
    EXPECT_EQ(html.find("个表格"), std::string::npos);
    EXPECT_EQ(html.find(", table "), std::string::npos);
}

TEST(render, pages_are_self_contained) {
    const report r = sample("examples/faults/cells.json");
    const auto findings = check(r);
    const std::vector<html_index_entry> index{{"cells.json", "001-cells.html", &r, findings, {}, {}}};
    const std::string pages[] = {html_report(r, findings), render_tables(r, render_format::html), html_index(index)};
    for (const std::string &html : pages) {
        EXPECT_TRUE(html.starts_with("<!DOCTYPE html>"));
        for (const char *external : {"http:", "https:", "//", "src=", "<link", "@import", "url(", "fetch("})
            EXPECT_EQ(html.find(external), std::string::npos) << external;
        // Only the index has a script: one, inline, that sorts its tables.
        EXPECT_EQ(occurrences(html, "<script"), &html == &pages[2] ? 1u : 0u);
        EXPECT_EQ(html.find("<script"), html.find("<script>"));
        EXPECT_NE(html.find("<style>"), std::string::npos);
        EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
    }
}

TEST(render, report_text_cannot_inject_html) {
    report r = seed();
    const std::string attack = R"x(<script>alert(1)</script><img src=x onerror="alert(2)">'&)x";
    r.title = attack;
    r.agency = attack;
    r.applications(row::granted, applicant::research) = read_cell(attack);
    const auto findings = check(r);
    ASSERT_FALSE(findings.empty());
    const std::vector<html_index_entry> index{{attack, attack, &r, findings, {}, {}},
                                              {attack, {}, nullptr, {}, attack, {}}};
    for (const std::string &html : {html_report(r, findings, language::zh, {.source_name = attack, .index_href = attack}),
                                    render_tables(r, render_format::html), html_index(index)}) {
        EXPECT_EQ(html.find("<script>alert"), std::string::npos);
        EXPECT_LE(occurrences(html, "<script"), 1u);  // the index's own
        EXPECT_EQ(html.find("<img"), std::string::npos);
        EXPECT_EQ(html.find("\"alert(2)\""), std::string::npos);
        EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;&#39;&amp;"),
                  std::string::npos);
    }
}

TEST(render, the_index_lists_every_report_and_charts_findings_per_rule_and_agency) {
    const report balance = sample("examples/faults/balance.json");
    const report review = sample("examples/faults/review-total.json");
    const auto f1 = check(balance), f2 = check(review);
    const std::vector<html_index_entry> index{{"balance.json", "001-balance.html", &balance, f1, {}, 3},
                                              {"review-total.json", "002-review-total.html", &review, f2, {}, {}},
                                              {"broken.json", {}, nullptr, {}, "line 3, column 1: invalid JSON", {}}};
    const std::string html = html_index(index);
    EXPECT_NE(html.find(R"(<a href="001-balance.html">)"), std::string::npos);
    EXPECT_NE(html.find(R"(<a href="002-review-total.html">)"), std::string::npos);
    EXPECT_NE(html.find("line 3, column 1: invalid JSON"), std::string::npos);
    // Published 3 days late, sorted by the number.
    EXPECT_NE(html.find(R"(<td class="err" data-sort="3">)"), std::string::npos);
    EXPECT_NE(html.find("逾期 3 天"), std::string::npos);
    EXPECT_EQ(occurrences(html, "<svg class=\"chart\""), 2u);
    // One bar per rule that fired, with its count.
    EXPECT_NE(html.find("<title>t3.balance: " + std::to_string(f1.size()) + "</title>"), std::string::npos);
    EXPECT_NE(html.find("<title>t4.total: " + std::to_string(f2.size()) + "</title>"), std::string::npos);
    EXPECT_NE(html.find("<title>" + *balance.agency + ": " + std::to_string(f1.size() + f2.size()) + "</title>"),
              std::string::npos);
}

TEST(render, the_index_shows_the_roster_and_indicators_of_an_office_document) {
    const report balance = sample("examples/faults/balance.json");
    const auto findings = check(balance);
    const std::vector<html_index_entry> index{{"a/balance.json", "001-a-balance.html", &balance, findings, {}, 0}};
    const std::string attack = R"(<b onclick="x">&)";
    const boost::json::object office = boost::json::parse(R"({
      "year": 2024,
      "roster": {"year": 2024,
                 "counts": {"units": 4, "published": 2, "on_time": 1, "late": 1, "undated": 0, "missing": 1,
                            "unreadable": 1, "unmatched": 0},
                 "units": [{"unit": "甲局", "kind": "department", "parent": "某市", "state": "published",
                            "file": "a/balance.json", "published": "2025-02-09", "deadline": "2025-01-31",
                            "timeliness": "late", "days_late": 9, "error": null},
                           {"unit": "乙局", "kind": null, "parent": "某市", "state": "published", "file": "b.json",
                            "published": "2025-01-02", "deadline": "2025-01-31", "timeliness": "on_time",
                            "days_late": null, "error": null},
                           {"unit": "<b onclick=\"x\">&", "kind": "department", "parent": "某市", "state": "missing",
                            "file": null, "deadline": "2025-01-31", "timeliness": null},
                           {"unit": "丁局", "kind": "department", "parent": "某市", "state": "unreadable",
                            "file": "d.pdf", "deadline": "2025-01-31", "error": "第1页：无法读取"}],
                 "unmatched": []},
      "aggregates": [{"parent": "某市", "complete": false, "error": null, "compared_file": "",
                      "parts": [{"unit": "丙局", "source": "missing"}],
                      "indicators": {"indicators": [{"id": "disclosure_rate", "label": "实质公开率", "value": null,
                                                     "reason": "分母为0", "previous": 0.5, "change": null}]}}],
      "reports": [{"file": "a/balance.json", "agency": "甲局",
                   "indicators": {"indicators": [
                       {"id": "disclosure_rate", "label": "实质公开率", "value": 0.625, "previous": 0.5, "change": 0.125,
                        "numerator": "5", "denominator": "8"},
                       {"id": "prose_repetition", "label": "与上年度报告正文重复率", "value": 0.75, "flagged": true}]}}]
    })").as_object();
    const std::string html = html_index(index, language::zh, {}, &office);
    const std::string plain = html_index(index);
    // The roster first: the late, missing and unreadable units, not the one on time; the late one links its page.
    EXPECT_EQ(plain.find("id=\"roster\""), std::string::npos);
    ASSERT_NE(html.find("id=\"roster\""), std::string::npos);
    EXPECT_LT(html.find("id=\"roster\""), html.find("class=\"overview\"", html.find("</section>")));
    const std::string attention = html.substr(html.find("id=\"attention\""), html.find("</table>", html.find("id=\"attention\"")) -
                                                                                 html.find("id=\"attention\""));
    EXPECT_EQ(occurrences(attention, "<tr class=\"state-"), 3u);
    EXPECT_NE(attention.find("甲局"), std::string::npos);
    EXPECT_EQ(attention.find("乙局"), std::string::npos);
    EXPECT_NE(attention.find("第1页：无法读取"), std::string::npos);
    EXPECT_NE(attention.find(R"(<td class="n">9</td><td><a href="001-a-balance.html")"), std::string::npos);
    EXPECT_NE(attention.find("<code>d.pdf</code>"), std::string::npos);  // no page: its name
    // Unit names are text.
    EXPECT_EQ(html.find(attack), std::string::npos);
    EXPECT_NE(html.find(R"(&lt;b onclick=&quot;x&quot;&gt;&amp;)"), std::string::npos);
    // Indicators: the value with last year's and the change in points, the exact figure to sort by; no value:
    // "—" with why; a flagged one marked; a sum that lacks a part says which.
    EXPECT_NE(html.find(R"(<td class="ind" data-sort="6.25E-1" data-previous="5E-1" data-change="1.25E-1" title="5 ÷ 8">62.5%)"),
              std::string::npos)
        << html.substr(html.find("id=\"report-indicators\""), 3000);
    EXPECT_NE(html.find("+12.5</span>"), std::string::npos);
    EXPECT_NE(html.find(R"(<td class="ind none" data-sort="" title="分母为0">—</td>)"), std::string::npos);
    EXPECT_NE(html.find(R"(<td class="ind flag" data-sort="7.5E-1")"), std::string::npos);
    EXPECT_NE(html.find("丙局 <span class=\"zh\" lang=\"zh-CN\">未公开</span>"), std::string::npos);
}

TEST(render, the_index_shows_what_it_can_of_an_office_document_of_odd_shapes) {
    const report balance = sample("examples/faults/balance.json");
    const std::vector<html_index_entry> index{{"balance.json", "001-balance.html", &balance, {}, {}, 0}};
    for (const char *text : {
             R"({"roster": {"year": 1e300, "counts": {"units": -5, "late": "x", "missing": 18446744073709551615},
                            "units": [1, null, "x", {"state": "published", "timeliness": "late", "days_late": 1e300},
                                      {"state": 7, "unit": ["x"], "file": {}}],
                            "unmatched": {"file": "x"}},
                 "aggregates": "x",
                 "reports": [[], {"file": 3, "indicators": {"indicators": [{"id": "a", "value": 1e300,
                                                                            "previous": "0.5", "change": -1e-300}]}},
                             {"indicators": 5}]})",
             R"({"roster": null, "aggregates": [{"parts": "x", "differences": [1], "compared_file": "c.json",
                                                  "indicators": [{"value": true}, 1]}], "reports": null})",
             R"({})"}) {
        const boost::json::object office = boost::json::parse(text).as_object();
        const std::string html = html_index(index, language::en, {}, &office);
        EXPECT_NE(html.find("001-balance.html"), std::string::npos) << text;
        EXPECT_NE(html.find("</html>"), std::string::npos) << text;
    }
}

// ---- Round trip through the Markdown reader ------------------------------------------------------

// What a cell holds, for comparing: its number, or its kind (and text) when it holds none.
std::string held(const cell &value) {
    if (value.is_number()) return to_string(value.value);
    if (value.kind == cell_kind::blank) return "blank";
    if (value.kind == cell_kind::unreadable) return "unreadable";
    return "text:" + value.text;
}

// The cells whose content differs between two reports of the same format, as `pointer: a → b` lines. A cell
// the original could not read is printed `?`, which no reader turns back into "unreadable"; it must at least
// not come back as a number.
std::string differences(const report &a, const report &b) {
    std::string out;
    for_each_cell(a, [&](cell_ref c, const cell &value) {
        const cell *other = find_cell(b, c);
        const std::string left = held(value), right = other ? held(*other) : "missing";
        const bool same = value.kind == cell_kind::unreadable ? other && !other->is_number() : left == right;
        if (!same) out += json_pointer(c) + ": " + left + " → " + right + "\n";
    });
    return out;
}

TEST(render, markdown_reads_back_to_the_same_numbers) {
    std::vector<std::string> files = {"examples/acheng-yagou-2023.json"};
    for (const char *s : {"acheng-yagou-2023", "hangzhou-style-html", "huaian-city-2024", "shuyang-county-2025",
                          "pingtan/47-ziranziyuan-2021", "pingtan/57-lvwenti-2022", "pingtan/75-shichangjianguan-2023",
                          "pingtan/93-haitan-2024", "pingtan/102-jiaojian-2025", "pingtan/04-gwhban-2019",
                          "pingtan/08-jiaojian-2019", "pingtan/36-suping-2020"})
        files.push_back(std::string("tests/samples/") + s + "/expected.json");
    for (const std::string &file : files) {
        const report original = sample(file);
        const std::string md = render_tables(original, render_format::markdown);
        read_error error;
        const auto back = read_report(md, {.format = input_format::markdown, .file_name = {}}, error);
        ASSERT_TRUE(back) << file << ": " << error.describe();
        ASSERT_EQ(back->value.format(), original.format()) << file;
        EXPECT_EQ(differences(original, back->value), "") << file;
    }
}

}  // namespace
