// The crawled-page text reader (src/read/crawled_text.hpp) on the eight pingtan pages: header metadata,
// segmentation into paragraphs and table rows with positions, and — placing the rows by their labels and
// splitting glued digits with place_rows — every table cell equal to expected.json, the `ambiguous`
// cells unreadable.
#include "../src/read/crawled_text.hpp"
#include "../src/read/map/glued.hpp"
#include "test_support.hpp"

#include <xxgk/read.hpp>

#include <gtest/gtest.h>

#include <random>

using namespace xxgk;
using namespace xxgk::read;

namespace {

const char *const samples[] = {"04-gwhban-2019",      "08-jiaojian-2019",        "102-jiaojian-2025",
                               "36-suping-2020",      "47-ziranziyuan-2021",     "57-lvwenti-2022",
                               "75-shichangjianguan-2023", "93-haitan-2024"};

std::string sample_path(std::string_view name, std::string_view file) {
    return test::source_path("tests/samples/pingtan/" + std::string(name) + "/" + std::string(file));
}

std::vector<const table_block *> tables_of(const document &d) {
    std::vector<const table_block *> out;
    for (const block &b : d.blocks)
        if (const auto *t = std::get_if<table_block>(&b)) out.push_back(t);
    return out;
}

std::string without_spaces(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ' ') continue;
        if (s.substr(i).starts_with("\xE3\x80\x80")) {  // U+3000
            i += 2;
            continue;
        }
        out += s[i];
    }
    return out;
}

// The whitespace-separated tokens of a value cell, each at its own column.
std::vector<text_cell> tokens_of(const text_cell &c) {
    std::vector<text_cell> out;
    std::uint32_t column = c.pos.column;
    for (std::size_t i = 0; i < c.text.size();) {
        const auto b = static_cast<unsigned char>(c.text[i]);
        const std::size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        const std::string_view cp = std::string_view(c.text).substr(i, n);
        if (cp == " " || cp == "\xE3\x80\x80") {
            out.push_back({});
        } else {
            if (out.empty() || (!out.back().text.empty() && out.back().pos.column == 0)) out.push_back({});
            if (out.back().text.empty()) out.back().pos = {c.pos.line, column};
            out.back().text += cp;
        }
        i += n, ++column;
    }
    std::erase_if(out, [](const text_cell &t) { return t.text.empty(); });
    return out;
}

template <class E>
std::optional<E> by_label(std::string_view printed) {
    for (E e : all_of<E>())
        if (without_spaces(label(e)) == without_spaces(printed)) return e;
    return std::nullopt;
}

// A deliberately plain placement by row labels (the shared mapper does this for real): enough to check
// that the segmentation hands every number to the right row.
report place_by_labels(const document &d, format_version f, std::vector<diagnostic> &out) {
    report r;
    if (f == format_version::v2019) r.active = active_disclosure_2019{};
    const auto tables = tables_of(d);
    if (tables.size() != 3) return r;
    std::vector<printed_row> t2, t3, t4;
    for (const text_row &row : tables[0]->rows) {
        if (row.cells.size() != 2) continue;
        const std::string name(row.cells[0].text);
        auto tokens = tokens_of(row.cells[1]);
        if (f == format_version::v2021) {
            auto item = by_label<active_item>(name);
            if (!item && name == label(active_item_2019::normative_documents)) item = active_item::normative_documents;
            if (!item) continue;
            const bool documents = *item == active_item::regulations || *item == active_item::normative_documents;
            t2.push_back({documents ? ref(*item, document_column::issued) : ref(*item), documents ? 3u : 1u, tokens});
        } else if (auto item = by_label<active_item_2019>(name)) {
            const std::size_t n = *item == active_item_2019::fees || *item == active_item_2019::procurement ? 2 : 3;
            const column_2019 first = *item == active_item_2019::procurement ? column_2019::items
                                      : *item <= active_item_2019::normative_documents ? column_2019::made
                                                                                      : column_2019::previous_items;
            t2.push_back({ref(*item, first), n, tokens});
        }
    }
    for (const text_row &line : tables[1]->rows) {
        if (line.cells.size() != 2) continue;
        cell_ref first;
        if (auto rw = by_label<xxgk::row>(line.cells[0].text)) first = ref(*rw, applicant::natural_person);
        else if (by_label<outcome_group>(line.cells[0].text) == outcome_group::other_handling)
            first = {area::applications, cell_ref::other_handling_row, 0};
        else continue;
        t3.push_back({first, 7, tokens_of(line.cells[1])});
    }
    for (const text_row &row : tables[2]->rows)
        if (row.cells.size() == 1)
            t4.push_back({ref(proceeding::administrative_review, case_result::upheld), 15, tokens_of(row.cells[0])});
    place_rows(r, table_id::active_disclosure, t2, out);
    place_rows(r, table_id::applications, t3, out);
    place_rows(r, table_id::review_litigation, t4, out);
    return r;
}

class pingtan : public ::testing::TestWithParam<const char *> {};

std::string sample_test_name(const ::testing::TestParamInfo<const char *> &param) {
    std::string n = param.param;
    std::erase(n, '-');
    return n;
}

}  // namespace

TEST_P(pingtan, every_table_cell_equals_expected_and_ambiguous_cells_are_unread) {
    const std::string text = test::read_file(sample_path(GetParam(), "page.txt"));
    const report expected = parse_report(test::read_file(sample_path(GetParam(), "expected.json")));
    const crawled_page page = read_crawled_page(text);
    ASSERT_EQ(tables_of(page.doc).size(), 3u);
    std::vector<diagnostic> ds;
    const report got = place_by_labels(page.doc, expected.format(), ds);
    std::vector<std::pair<cell_ref, const cell *>> want;
    for_each_cell(expected, [&](cell_ref where, const cell &c) { want.emplace_back(where, &c); });
    std::size_t i = 0, unread = 0;
    for_each_cell(got, [&](cell_ref where, const cell &c) {
        ASSERT_LT(i, want.size());
        EXPECT_EQ(want[i].first, where);
        EXPECT_EQ(xxgk::detail::cell_json(c, where), xxgk::detail::cell_json(*want[i].second, where))
            << json_pointer(where) << " printed " << c.text;
        EXPECT_EQ(c.kind == cell_kind::unreadable, want[i].second->kind == cell_kind::unreadable) << json_pointer(where);
        if (c.kind != cell_kind::blank) {
            EXPECT_TRUE(c.source.known()) << json_pointer(where);
        }
        unread += c.kind == cell_kind::unreadable;
        ++i;
    });
    EXPECT_EQ(i, want.size());
    // One cell.unreadable error per ambiguous row, naming exactly the unread cells.
    std::size_t named = 0;
    for (const diagnostic &d : ds) {
        EXPECT_EQ(d.which, rule::cell_unreadable) << d.text;
        EXPECT_NE(d.text.find("候选"), std::string::npos) << d.text;
        named += d.cells.size();
    }
    EXPECT_EQ(named, unread);
}

INSTANTIATE_TEST_SUITE_P(crawled_text, pingtan, ::testing::ValuesIn(samples),
                         sample_test_name);

TEST(crawled_text, header_block_gives_title_agency_and_publication_date) {
    const crawled_page p = read_crawled_page(test::read_file(sample_path("47-ziranziyuan-2021", "page.txt")));
    EXPECT_EQ(p.meta.title, "平潭综合实验区自然资源与生态环境局2021年度政府信息公开工作报告");
    EXPECT_EQ(p.meta.agency, "平潭综合实验区自然资源与生态环境局");
    EXPECT_EQ(p.meta.published, "2022-01-11");
    ASSERT_FALSE(p.doc.blocks.empty());
    const auto &title = std::get<paragraph_block>(p.doc.blocks.front());
    EXPECT_EQ(title.text, "标题: " + *p.meta.title);
    EXPECT_EQ(title.pos, (source_position{1, 1}));
    ASSERT_GE(p.doc.blocks.size(), 3u);
    EXPECT_EQ(std::get<paragraph_block>(p.doc.blocks[1]).text, "发布时间: 2022-01-11 15:50");
    EXPECT_EQ(std::get<paragraph_block>(p.doc.blocks[2]).pos, (source_position{4, 1}));

    const crawled_page empty_agency = read_crawled_page(test::read_file(sample_path("08-jiaojian-2019", "page.txt")));
    EXPECT_FALSE(empty_agency.meta.agency);
    EXPECT_EQ(empty_agency.meta.published, "2020-01-08");
}

TEST(crawled_text, rows_carry_labels_values_and_positions) {
    const crawled_page p = read_crawled_page(test::read_file(sample_path("47-ziranziyuan-2021", "page.txt")));
    const auto tables = tables_of(p.doc);
    ASSERT_EQ(tables.size(), 3u);
    // The corner note and 申请人情况 rows, the applicant header row, then 一、本年新收… on line 10.
    ASSERT_GE(tables[1]->rows.size(), 4u);
    EXPECT_EQ(tables[1]->rows[1].cells.size(), 1u);
    EXPECT_EQ(tables[1]->rows[2].cells.size(), 8u);
    const text_row &new_received = tables[1]->rows[3];
    ASSERT_EQ(new_received.cells.size(), 2u);
    EXPECT_EQ(new_received.cells[0].text, label(row::new_received));
    EXPECT_EQ(new_received.cells[1].text, "160 02 0 018");
    EXPECT_EQ(new_received.cells[1].pos, (source_position{10, 1222}));
    // Header labels broken by spaces keep their printed text; table 四's numbers are a row of their own.
    EXPECT_EQ(tables[2]->rows[0].cells[3].text, "结果 纠正");
    ASSERT_EQ(tables[2]->rows.size(), 2u);
    EXPECT_EQ(tables[2]->rows[1].cells[0].text, "1 02 0 312 00 012 0 00 00");
    // The section headings between the tables stay prose.
    bool heading = false;
    for (const block &b : p.doc.blocks)
        if (const auto *para = std::get_if<paragraph_block>(&b)) heading = heading || para->text == label(section::applications);
    EXPECT_TRUE(heading);
}

TEST(crawled_text, digits_glued_to_the_next_enumerator_stay_with_their_row) {
    // `0000000` then `2.其他法律…`: the `2.` starts the next label, not an eighth digit.
    const std::string text = std::string("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况") +
                             "1.属于国家秘密00000002.其他法律行政法规禁止公开1 0 0 0 0 0 1";
    const document d = read_crawled_text(text);
    const auto tables = tables_of(d);
    ASSERT_EQ(tables.size(), 1u);
    ASSERT_EQ(tables[0]->rows.size(), 4u);
    EXPECT_EQ(tables[0]->rows[2].cells[1].text, "0000000");
    EXPECT_EQ(tables[0]->rows[3].cells[0].text, label(row::denied_prohibited_by_law));
    EXPECT_EQ(tables[0]->rows[3].cells[1].text, "1 0 0 0 0 0 1");
}

TEST(crawled_text, labels_match_with_other_punctuation_and_the_misprinted_header) {
    const std::string text = "第二十条第(一)项信息内容本年制发件数本年废止件数先行有效件数规章1 2 3";
    const document d = read_crawled_text(text);
    const auto tables = tables_of(d);
    ASSERT_EQ(tables.size(), 1u);
    ASSERT_EQ(tables[0]->rows.size(), 3u);
    EXPECT_EQ(tables[0]->rows[1].cells.size(), 4u);
    EXPECT_EQ(tables[0]->rows[1].cells[3].text, "先行有效件数");
    EXPECT_EQ(tables[0]->rows[2].cells[1].text, "1 2 3");
}

TEST(crawled_text, the_subtotal_column_of_the_eight_column_variant_is_a_header) {
    const std::string text = "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他小计"
                             "一、本年新收政府信息公开申请数量1 0 0 0 0 0 0 1";
    const document d = read_crawled_text(text);
    const auto tables = tables_of(d);
    ASSERT_EQ(tables.size(), 1u);
    ASSERT_EQ(tables[0]->rows.size(), 3u);
    EXPECT_EQ(tables[0]->rows[1].cells.back().text, "小计");
    EXPECT_EQ(tables[0]->rows[2].cells[1].text, "1 0 0 0 0 0 0 1");
}

TEST(crawled_text, text_without_tables_is_prose_and_header_lines_of_any_wording_are_metadata) {
    const document d = read_crawled_text("一、总体情况\n本年度无申请。\n");
    ASSERT_EQ(d.blocks.size(), 2u);
    EXPECT_EQ(std::get<paragraph_block>(d.blocks[1]).text, "本年度无申请。");
    EXPECT_EQ(std::get<paragraph_block>(d.blocks[1]).pos, (source_position{2, 1}));
    // The body line in several wordings, or none: the header says what it says, the body is the same.
    for (std::string_view header : {"标题: 某局2024年报告\n==================== 正文 ====================\n",
                                     "标题：某局2024年报告\r\n发布时间：2025-01-21\r\n\r\n正文：\r\n",
                                     "题目：某局2024年报告\n日期：2025/1/21\n原始链接: http://x.gov.cn/a.htm\n【正文】\n",
                                     "标题:某局2024年报告\n发布日期:2025年1月21日\n正文:一、总体情况\n",
                                     "标题: 某局2024年报告\n发布时间: 2025-01-21 16:06\n"}) {
        const std::string text = std::string(header) + (header.ends_with("总体情况\n") ? "" : "一、总体情况\n") + "本年度无申请。\n";
        const crawled_page p = read_crawled_page(text);
        EXPECT_EQ(p.meta.title, "某局2024年报告") << header;
        if (header.find("21") != std::string_view::npos) {
            EXPECT_EQ(p.meta.published, "2025-01-21") << header;
        }
        const auto &last = std::get<paragraph_block>(p.doc.blocks.back());
        EXPECT_EQ(last.text, "本年度无申请。") << header;
        const auto &heading = std::get<paragraph_block>(p.doc.blocks[p.doc.blocks.size() - 2]);
        EXPECT_TRUE(heading.text.ends_with("一、总体情况")) << header;
        for (const block &b : p.doc.blocks)
            EXPECT_EQ(std::get<paragraph_block>(b).text.find("http"), std::string::npos) << header;
    }
    // A header date that is no calendar date is no publication date.
    for (std::string_view date : {"2025-02-30", "2023年2月29日", "2025/13/1", "2025-00-10"}) {
        const crawled_page p = read_crawled_page("标题: 某局2024年报告\n发布时间: " + std::string(date) + "\n一、总体情况\n");
        EXPECT_FALSE(p.meta.published) << date;
    }
    EXPECT_EQ(read_crawled_page("标题: 某局2023年报告\n发布时间: 2024年2月29日\n一、总体情况\n").meta.published, "2024-02-29");
    // `正文` inside a sentence is no marker, and a sentence with a colon is no header line.
    const crawled_page prose = read_crawled_page("根据条例规定：现发布本报告正文如下。\n一、总体情况\n");
    EXPECT_FALSE(prose.meta.title);
    EXPECT_EQ(std::get<paragraph_block>(prose.doc.blocks.front()).text, "根据条例规定：现发布本报告正文如下。");
}

namespace {

class pingtan_read : public ::testing::TestWithParam<const char *> {};

}  // namespace

// Through the dispatch and the shared mapper: the whole report as `xxgk parse` reads it.
TEST_P(pingtan_read, read_report_gives_every_expected_cell_with_positions_and_unread_ambiguous_cells) {
    const std::string text = test::read_file(sample_path(GetParam(), "page.txt"));
    const report expected = parse_report(test::read_file(sample_path(GetParam(), "expected.json")));
    const read_result got = read_report(text, read_options{input_format::text, {}});
    ASSERT_EQ(got.value.format(), expected.format());
    EXPECT_EQ(got.value.year, expected.year);
    EXPECT_EQ(got.value.agency, expected.agency);
    ASSERT_TRUE(got.value.published.has_value());
    EXPECT_EQ(got.value.published->size(), 10u);
    std::vector<const cell *> want;
    for_each_cell(expected, [&](cell_ref, const cell &c) { want.push_back(&c); });
    std::size_t i = 0;
    std::vector<cell_ref> unread;
    for_each_cell(got.value, [&](cell_ref where, const cell &c) {
        ASSERT_LT(i, want.size());
        EXPECT_EQ(xxgk::detail::cell_json(c, where), xxgk::detail::cell_json(*want[i], where)) << json_pointer(where);
        EXPECT_EQ(c.kind == cell_kind::unreadable, want[i]->kind == cell_kind::unreadable) << json_pointer(where);
        if (c.kind != cell_kind::blank) {
            EXPECT_GE(c.source.line, 10u) << json_pointer(where);  // the report starts after the header block
        }
        if (c.kind == cell_kind::unreadable) unread.push_back(where);
        ++i;
    });
    EXPECT_EQ(i, want.size());
    // Every unread cell is named by a cell.unreadable error that lists the candidate splits.
    for (cell_ref where : unread) {
        const bool named = std::any_of(got.diagnostics.begin(), got.diagnostics.end(), [&](const diagnostic &d) {
            return d.which == rule::cell_unreadable && d.level == severity::error &&
                   std::find(d.cells.begin(), d.cells.end(), where) != d.cells.end() &&
                   d.text.find("候选") != std::string::npos && d.source.line >= 10;
        });
        EXPECT_TRUE(named) << json_pointer(where);
    }
}

INSTANTIATE_TEST_SUITE_P(crawled_text, pingtan_read, ::testing::ValuesIn(samples),
                         sample_test_name);

namespace {

class other_crawlers : public ::testing::TestWithParam<const char *> {};

}  // namespace

// Pages of other crawlers (CRLF, `正文：`, one cell per line, repeated lines dropped) through the sniffing
// dispatch: every cell as expected.json says, the ambiguous ones unread with their candidates.
TEST_P(other_crawlers, read_report_gives_every_expected_cell_and_unread_ambiguous_cells) {
    const std::string dir = "tests/samples/" + std::string(GetParam()) + "/";
    const report expected = parse_report(test::read_file(test::source_path(dir + "expected.json")));
    const read_result got = read_report(test::read_file(test::source_path(dir + "page.txt")), read_options{{}, "page.txt"});
    EXPECT_EQ(got.format, input_format::text);
    ASSERT_EQ(got.value.format(), expected.format());
    EXPECT_EQ(got.value.year, expected.year);
    std::vector<const cell *> want;
    for_each_cell(expected, [&](cell_ref, const cell &c) { want.push_back(&c); });
    std::size_t i = 0, unread = 0, named = 0;
    for_each_cell(got.value, [&](cell_ref where, const cell &c) {
        ASSERT_LT(i, want.size());
        EXPECT_EQ(xxgk::detail::cell_json(c, where), xxgk::detail::cell_json(*want[i], where)) << json_pointer(where);
        EXPECT_EQ(c.kind == cell_kind::unreadable, want[i]->kind == cell_kind::unreadable) << json_pointer(where);
        unread += c.kind == cell_kind::unreadable;
        ++i;
    });
    for (const diagnostic &d : got.diagnostics) {
        EXPECT_NE(d.which, rule::doc_table_missing) << d.text;
        EXPECT_NE(d.which, rule::cell_blank) << d.text;
        if (d.which == rule::cell_unreadable) {
            EXPECT_NE(d.text.find("候选"), std::string::npos) << d.text;
            named += d.cells.size();
        }
    }
    EXPECT_EQ(named, unread);
}

INSTANTIATE_TEST_SUITE_P(crawled_text, other_crawlers,
                         ::testing::Values("sanming-city-2024", "putian-chengguan-2025", "putian-shuili-2024"),
                         sample_test_name);

TEST(crawled_text, splits_forced_by_the_digit_count_are_kept_and_the_rules_flag_the_wrong_totals) {
    // 93-haitan prints every 总计 of table 三 as 0; 47-ziranziyuan's （七）总计 is forced by I-3 to 18|…|0|…|18.
    const read_result haitan =
        read_report(test::read_file(sample_path("93-haitan-2024", "page.txt")), read_options{input_format::text, {}});
    EXPECT_EQ(haitan.value.applications(row::new_received, applicant::total).value, (decimal{0, 0}));
    std::size_t row_totals = 0;
    for (const diagnostic &d : check(haitan.value)) row_totals += d.which == rule::t3_applicant_total;
    EXPECT_EQ(row_totals, 6u);

    const read_result ziran = read_report(test::read_file(sample_path("47-ziranziyuan-2021", "page.txt")),
                                          read_options{input_format::text, {}});
    EXPECT_EQ(ziran.value.applications(row::total_processed, applicant::natural_person).value, (decimal{18, 0}));
    std::vector<cell_ref> balance;
    for (const diagnostic &d : check(ziran.value))
        if (d.which == rule::t3_balance) balance.push_back(d.cells.front());
    EXPECT_EQ(balance.size(), 2u);
}

TEST(crawled_text, prose_citing_the_clause_does_not_start_the_table) {
    const std::string text = "二、主动公开政府信息情况依据第二十条第（一）项公开文件3件。第二十条第（一）项信息内容本年制发件数"
                             "本年废止件数现行有效件数规章1 0 2";
    const document d = read_crawled_text(text);
    ASSERT_EQ(d.blocks.size(), 2u);
    EXPECT_EQ(std::get<paragraph_block>(d.blocks[0]).text, "二、主动公开政府信息情况依据第二十条第（一）项公开文件3件。");
    EXPECT_EQ(std::get<table_block>(d.blocks[1]).rows.size(), 3u);
}

TEST(crawled_text, arbitrary_text_never_crashes_and_cells_are_the_printed_text) {
    // Random mixes of labels, digits, spaces, prose and broken UTF-8.
    const std::vector<std::string> pieces = {
        "第二十条第（一）项", "信息内容", "规章", "行政许可", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "申请人情况", "自然人", "其他", "1.属于国家秘密", "（七）总计", "行政复议", "结果 维持", "总计", "0", "12", " ",
        "0 0", "。", "情况", "\xE5\x8F", "\xFF", "\n", "==== 正文 ====\n", "标题: x\n", "547.9659万元", "+1", "/"};
    std::mt19937 rng(7);
    for (int trial = 0; trial < 500; ++trial) {
        std::string text;
        const std::size_t n = rng() % 120;
        for (std::size_t i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
        const crawled_page p = read_crawled_page(text);
        for (const block &b : p.doc.blocks) {
            if (const auto *para = std::get_if<paragraph_block>(&b)) {
                ASSERT_NE(text.find(para->text), std::string::npos);
                continue;
            }
            for (const text_row &r : std::get<table_block>(b).rows)
                for (const text_cell &c : r.cells) {
                    ASSERT_FALSE(c.text.empty());
                    ASSERT_NE(text.find(c.text), std::string::npos) << c.text;
                    ASSERT_TRUE(c.pos.known());
                }
        }
    }
}

TEST(crawled_text, one_cell_per_line_gives_the_same_rows_with_line_positions) {
    const std::string text = "三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n法人或其他组织\n总计\n商业企业\n科研机构\n"
                             "社会公益组织\n法律服务机构\n其他\n一、本年新收政府信息\n公开申请数量\n1\n0\n0\n0\n0\n0\n1\n"
                             "四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n结果维持\n结果纠正\n其他结果\n尚未审结\n总计\n"
                             "0\n0\n0\n0\n0\n五、存在的主要问题及改进情况\n无。\n";
    const document d = read_crawled_text(text);
    const auto tables = tables_of(d);
    ASSERT_EQ(tables.size(), 2u);
    const text_row &received = tables[0]->rows.back();
    ASSERT_EQ(received.cells.size(), 2u);
    EXPECT_EQ(without_spaces(received.cells[0].text), "一、本年新收政府信息\n公开申请数量");
    EXPECT_EQ(received.cells[1].pos, (source_position{13, 1}));
    const text_row &review = tables[1]->rows.back();
    EXPECT_EQ(review.cells[0].pos, (source_position{28, 1}));
    ASSERT_GE(d.blocks.size(), 4u);
    EXPECT_EQ(std::get<paragraph_block>(d.blocks.back()).text, "无。");
}

// A table the reader did not find is one doc.table_missing finding, not one cell.blank warning per cell of it;
// the tables that were found are judged as usual.
TEST(crawled_text, a_missing_table_is_one_finding_not_a_warning_per_cell) {
    const std::string text =
        "标题：某局2024年度政府信息公开工作年度报告\n正文：\n一、总体情况\n本年度做好工作。\n二、主动公开政府信息情况\n"
        "第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n规章\n0\n0\n0\n"
        "三、收到和处理政府信息公开申请情况\n无。\n四、政府信息公开行政复议、行政诉讼情况\n无。\n";
    const read_result r = read_report(text, read_options{});
    std::vector<diagnostic> found;
    check(r, check_options{}, found);
    std::size_t missing = 0, blank_in_missing = 0, blank_in_found = 0;
    for (const diagnostic &d : found) {
        missing += d.which == rule::doc_table_missing;
        if (d.which != rule::cell_blank) continue;
        for (cell_ref c : d.cells) {
            blank_in_missing += c.where == area::applications || c.where == area::review_litigation;
            blank_in_found += c.where == area::active_disclosure;
        }
    }
    EXPECT_EQ(missing, 2u);
    EXPECT_EQ(blank_in_missing, 0u);
    EXPECT_GT(blank_in_found, 0u);  // table 二 prints 规章 only
}
