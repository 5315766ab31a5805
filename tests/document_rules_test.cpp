// The document-scope rules, each shown failing on a broken copy of the seed and passing on the seed.
#include "test_support.hpp"

#include <xxgk/read.hpp>

#include <gtest/gtest.h>

namespace {

using namespace xxgk;

std::string seed_text() { return test::read_file(test::source_path("tests/samples/acheng-yagou-2023/report.txt")); }

std::string replaced(std::string s, std::string_view from, std::string_view to) {
    const std::size_t at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) s.replace(at, from.size(), to);
    return s;
}

std::vector<diagnostic> findings(const std::string &text, rule which) {
    const read_result r = read_report(text, {.format = input_format::text, .file_name = {}});
    std::vector<diagnostic> out;
    for (const diagnostic &d : r.diagnostics)
        if (d.which == which) out.push_back(d);
    return out;
}

TEST(document_rules, the_seed_breaks_none_but_the_stray_cell_note) {
    const read_result r = read_report(seed_text(), {.format = input_format::text, .file_name = {}});
    ASSERT_EQ(r.diagnostics.size(), 1u) << message(r.diagnostics.front());
    EXPECT_EQ(r.diagnostics.front().which, rule::doc_table_layout);
    EXPECT_EQ(r.diagnostics.front().source.line, 302u);
}

TEST(document_rules, section_missing) {
    const auto f = findings(replaced(seed_text(), "六、其他需要报告的事项", "另外"), rule::doc_section_missing);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f.front().cells.front(), ref(section::other_matters));
    EXPECT_EQ(f.front().level, severity::error);
}

TEST(document_rules, section_order) {
    // Section 六's heading moved before section 五's.
    std::string text = replaced(seed_text(), "六、其他需要报告的事项\n", "");
    text = replaced(text, "    五、存在的主要问题及改进情况", "六、其他需要报告的事项\n五、存在的主要问题及改进情况");
    const auto f = findings(text, rule::doc_section_order);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f.front().cells.front(), ref(section::problems));
    EXPECT_TRUE(findings(seed_text(), rule::doc_section_order).empty());
}

TEST(document_rules, heading_variant) {
    const auto f = findings(replaced(seed_text(), "五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况"),
                            rule::doc_heading_variant);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f.front().text, "五、政府信息公开工作存在的主要问题及改进情况");
    EXPECT_EQ(f.front().level, severity::info);
    EXPECT_TRUE(findings(seed_text(), rule::doc_heading_variant).empty());
}

TEST(document_rules, table_missing) {
    const std::string seed = seed_text();
    const std::size_t from = seed.find("\t行政复议"), to = seed.find("    五、");
    const auto f = findings(seed.substr(0, from) + seed.substr(to), rule::doc_table_missing);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f.front().cells.front(), ref(section::review_litigation));
    EXPECT_TRUE(findings(seed, rule::doc_table_missing).empty());
}

TEST(document_rules, table_layout_names_renamed_rows_and_stray_cells) {
    EXPECT_EQ(findings(seed_text(), rule::doc_table_layout).size(), 1u);
    EXPECT_TRUE(findings(replaced(seed_text(), "\t0\n\t（六）其他处理", "\t\n\t（六）其他处理"), rule::doc_table_layout).empty());
    const auto renamed = findings(replaced(seed_text(), "\t行政规范性文件", "\t规范性文件"), rule::doc_table_layout);
    EXPECT_EQ(renamed.size(), 2u);
}

constexpr std::string_view seed_period = "本报告中所列数据统计期限自2023年1月1日至2023年12月31日截止。";

TEST(document_rules, period_statement_of_another_year) {
    const auto f = findings(replaced(seed_text(), "自2023年1月1日至2023年12月31日", "自2022年1月1日至2022年12月31日"),
                            rule::doc_period_statement);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f.front().left, decimal(2022, 0));
    EXPECT_EQ(f.front().right, decimal(2023, 0));
    EXPECT_EQ(f.front().text, "2022年1月1日至2022年12月31日");
    EXPECT_EQ(message(f.front()), "统计期限“2022年1月1日至2022年12月31日”不是报告年度2023年的1月1日至12月31日");
    EXPECT_GT(f.front().source.line, 0u);
    EXPECT_TRUE(findings(seed_text(), rule::doc_period_statement).empty());
}

TEST(document_rules, period_statement_missing_says_so_without_empty_values) {
    const auto f = findings(replaced(seed_text(), seed_period, ""), rule::doc_period_statement);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_TRUE(f.front().text.empty());
    EXPECT_EQ(message(f.front()), "未找到统计期限说明（应为2023年1月1日至12月31日）");
    EXPECT_EQ(message(f.front(), language::en), "no statistics-period statement (expected 1 January to 31 December 2023)");
}

TEST(document_rules, period_statement_covering_part_of_the_year_fails) {
    for (std::string_view part : {"本报告中所列数据统计期限自2023年1月1日至2023年6月30日。",
                                  "本报告中所列数据统计期限为2023年7月1日至12月31日。",
                                  "本报告所列数据统计期间为2022年7月1日至2023年6月30日。",
                                  "本报告所列数据统计期限为2023年1-6月。",
                                  "本报告涵盖2023年1月1日至2023年6月30日期间政府信息公开情况。"}) {
        const auto f = findings(replaced(seed_text(), seed_period, part), rule::doc_period_statement);
        ASSERT_EQ(f.size(), 1u) << part;
        EXPECT_FALSE(f.front().text.empty()) << part;
        EXPECT_NE(message(f.front()).find(f.front().text), std::string::npos) << part;
    }
}

TEST(document_rules, period_statement_in_the_wordings_agencies_use) {
    for (std::string_view whole : {
             "本报告中所列数据统计期限为2023年1月1日至12月31日。",
             "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
             "本报告所列数据统计期限从2023年1月1日至2023年12月31日止。",
             "本报告所列数据统计期限自2023年1月1日到2023年12月31日。",
             "本报告中所列数据统计期限为2023年度。",
             "本报告统计期限为2023年全年。",
             "本报告统计期限为2023年1月1日—2023年12月31日。",
             "本报告统计期间：2023.1.1-2023.12.31。",
             "本报告所列数据统计期限为2023/01/01～2023/12/31。",
             "本报告中所列数据统计时间为2023年1月1日至2023年12月31日。",
             "本报告中所列数据统计期限为２０２３年１月１日至２０２３年１２月３１日。",
             "报告中的数据统计时间为\n2023\n年\n1\n月\n1\n日至\n2023\n年\n12\n月\n31\n日。",
             "本报告中所列数据统计期限为 2023 年 1 月 1 日至 2023 年 12 月 31 日。",
             "本报告涵盖2023年1月1日至2023年12月31日期间政府信息公开情况。",
             "本报告所列数据统计期限为2023年1-12月。",
             "本报告所列数据统计期限为2023年1月至12月。",
             "本报告所列数据统计期限为2023年1月1日至年底。",
             "本报告所列数据统计时段为2023年1月1日起至12月31日止。",
         }) {
        const auto f = findings(replaced(seed_text(), seed_period, whole), rule::doc_period_statement);
        EXPECT_TRUE(f.empty()) << whole << ": " << (f.empty() ? "" : message(f.front()));
    }
}

TEST(document_rules, period_statement_of_a_sample_without_the_key_word) {
    // `涵盖2020年1月1日至2020年12月31日期间` in a cover letter's report.
    const char *path = "tests/samples/pingtan/36-suping-2020/page.txt";
    const read_result r = read_report(test::read_file(test::source_path(path)), {.format = std::nullopt, .file_name = path});
    for (const diagnostic &d : r.diagnostics) EXPECT_NE(d.which, rule::doc_period_statement) << message(d);
}

TEST(document_rules, year_mismatch) {
    const auto f = findings(replaced(seed_text(), "自2023年1月1日至2023年12月31日", "自2022年1月1日至2022年12月31日"),
                            rule::doc_year_mismatch);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_NE(f.front().text.find("2022"), std::string::npos);
    EXPECT_TRUE(findings(seed_text(), rule::doc_year_mismatch).empty());
}

TEST(document_rules, problems_empty) {
    std::string seed = seed_text();
    const std::size_t from = seed.find("（一）主要问题"), to = seed.find("六、其他需要报告的事项");
    const auto f = findings(seed.substr(0, from) + "无。\n" + seed.substr(to), rule::doc_problems_empty);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_TRUE(findings(seed, rule::doc_problems_empty).empty());
}

TEST(document_rules, fee_statement) {
    const auto f = findings(replaced(seed_text(), "无涉及《政府信息公开信息处理费管理办法》中规定的收取信息处理费情况", "无其他事项"),
                            rule::doc_fee_statement);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_TRUE(findings(seed_text(), rule::doc_fee_statement).empty());
}

TEST(document_rules, text_table_mismatch_on_applications_received) {
    const auto f = findings(replaced(seed_text(), "共受理依申请公开事项1件", "共受理依申请公开事项3件"), rule::text_table_mismatch);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f.front().cells.front(), ref(row::new_received, applicant::total));
    EXPECT_EQ(f.front().left, decimal(3, 0));
    EXPECT_EQ(f.front().right, decimal(1, 0));
    EXPECT_EQ(f.front().text, "受理依申请公开事项3件");
    EXPECT_GT(f.front().source.line, 0u);
    EXPECT_TRUE(findings(seed_text(), rule::text_table_mismatch).empty());
}

TEST(document_rules, text_table_mismatch_on_reviews_but_not_on_joint_counts) {
    const std::string with_review = replaced(seed_text(), "已按规定予以公开。", "已按规定予以公开。全年行政复议2件。");
    const auto f = findings(with_review, rule::text_table_mismatch);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f.front().cells.front(), ref(proceeding::administrative_review, case_result::total));
    // A figure the sentence gives to reviews and suits together is not the review total.
    const std::string joint = replaced(seed_text(), "已按规定予以公开。", "已按规定予以公开。行政复议、行政诉讼案件2件。");
    EXPECT_TRUE(findings(joint, rule::text_table_mismatch).empty());
    // Nor is last year's figure.
    const std::string last_year = replaced(seed_text(), "已按规定予以公开。", "已按规定予以公开。2022年行政复议2件。");
    EXPECT_TRUE(findings(last_year, rule::text_table_mismatch).empty());
}

// The seed with a sentence added to section 一 (where the seed says 受理依申请公开事项1件).
std::string with_sentence(std::string_view sentence) {
    return replaced(seed_text(), "已按规定予以公开。", "已按规定予以公开。" + std::string(sentence));
}

TEST(document_rules, text_table_mismatch_reads_the_tables_own_wordings) {
    // The seed's tables: 1 new application, 0 carried over, 1 processed, 0 carried forward; table 四 and
    // 行政许可/行政处罚/收费 all 0.
    struct case_ {
        std::string_view sentence;
        std::string pointer, text;
        std::int64_t stated, table;
    };
    for (const case_ &c : std::vector<case_>{
             {"本年新收政府信息公开申请18件。", "/applications/new_received/total", "新收政府信息公开申请18件", 18, 1},
             {"新收申请18件。", "/applications/new_received/total", "新收申请18件", 18, 1},
             {"本年新收１８件。", "/applications/new_received/total", "新收１８件", 18, 1},
             {"上年结转政府信息公开申请2件。", "/applications/carried_over/total", "上年结转政府信息公开申请2件", 2, 0},
             {"上年结转2件。", "/applications/carried_over/total", "上年结转2件", 2, 0},
             {"结转下年度继续办理3件。", "/applications/carried_forward/total", "结转下年度继续办理3件", 3, 0},
             {"共办结政府信息公开申请5件。", "/applications/total_processed/total", "办结政府信息公开申请5件", 5, 1},
             {"因政府信息公开引起的行政复议1起。", "/review_litigation/administrative_review/total", "行政复议1起", 1, 0},
             {"全年作出行政许可决定3件。", "/active_disclosure/licensing", "行政许可决定3件", 3, 0},
             {"办理行政处罚案件5起。", "/active_disclosure/punishment", "行政处罚案件5起", 5, 0},
         }) {
        const auto f = findings(with_sentence(c.sentence), rule::text_table_mismatch);
        ASSERT_EQ(f.size(), 1u) << c.sentence;
        EXPECT_EQ(json_pointer(f.front().cells.front()), c.pointer) << c.sentence;
        EXPECT_EQ(f.front().text, c.text) << c.sentence;
        EXPECT_EQ(f.front().left, decimal(c.stated, 0)) << c.sentence;
        EXPECT_EQ(f.front().right, decimal(c.table, 0)) << c.sentence;
    }
}

TEST(document_rules, text_table_mismatch_on_the_fee_in_wan_or_yuan) {
    const auto f = findings(with_sentence("收取行政事业性收费1.5万元。"), rule::text_table_mismatch);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f.front().cells.front(), ref(active_item::fees));
    EXPECT_EQ(f.front().left, decimal(15, 1));
    EXPECT_TRUE(findings(with_sentence("收取行政事业性收费0万元。"), rule::text_table_mismatch).empty());
    EXPECT_TRUE(findings(with_sentence("收取行政事业性收费0元。"), rule::text_table_mismatch).empty());
    // 信息处理费 is another thing: never compared with table 二's fee.
    EXPECT_TRUE(findings(with_sentence("收取信息处理费100元。"), rule::text_table_mismatch).empty());
}

TEST(document_rules, text_table_mismatch_on_suits_names_both_cells_it_adds) {
    const auto f = findings(with_sentence("发生行政诉讼2件。"), rule::text_table_mismatch);
    ASSERT_EQ(f.size(), 1u);
    ASSERT_EQ(f.front().cells.size(), 2u);
    EXPECT_EQ(f.front().cells[0], ref(proceeding::litigation_direct, case_result::total));
    EXPECT_EQ(f.front().cells[1], ref(proceeding::litigation_after_review, case_result::total));
    EXPECT_EQ(message(f.front()), "正文“行政诉讼2件”中的数字2与“未经复议直接起诉”“总计”、“复议后起诉”“总计”之和0不符");
}

TEST(document_rules, text_table_mismatch_agrees_with_the_tables_and_leaves_other_subjects_alone) {
    for (std::string_view sentence : {"本年新收政府信息公开申请1件，上年结转0件，结转下年度继续办理0件。",
                                      "共办结1件。", "行政复议0起、行政诉讼0件。", "新收申请１件。",
                                      "受理行政许可申请20件。", "受理行政复议申请2件。", "收到自然人申请3件。",
                                      "办结上年结转申请2件。", "12345热线受理群众来电咨询877件。",
                                      "公开行政许可信息6条。", "2022年新收申请18件。", "同比新收申请增加18件。"}) {
        const auto f = findings(with_sentence(sentence), rule::text_table_mismatch);
        EXPECT_TRUE(f.empty()) << sentence << ": " << (f.empty() ? "" : message(f.front()));
    }
}

TEST(document_rules, a_missing_table_is_one_error_not_a_blank_cell_each) {
    const std::string seed = seed_text();
    const std::size_t from = seed.find("\t行政复议"), to = seed.find("    五、");
    const read_result r = read_report(seed.substr(0, from) + seed.substr(to), {.format = input_format::text, .file_name = {}});
    std::vector<diagnostic> all;
    check(r, {}, all);
    std::size_t missing = 0, blank = 0;
    for (const diagnostic &d : all) {
        missing += d.which == rule::doc_table_missing;
        blank += d.which == rule::cell_blank;
    }
    EXPECT_EQ(missing, 1u);
    EXPECT_EQ(blank, 0u);
    // A blank cell of a table that is there is still reported.
    const read_result blank_cell = read_report(replaced(seed, "\t行政强制\n\t0", "\t行政强制\n\t"),
                                               {.format = input_format::text, .file_name = {}});
    all.clear();
    check(blank_cell, {}, all);
    EXPECT_EQ(std::count_if(all.begin(), all.end(), [](const diagnostic &d) { return d.which == rule::cell_blank; }), 1);
}

TEST(document_rules, fee_unit_from_a_header_in_yuan) {
    const std::string yuan = replaced(seed_text(), "本年收费金额（单位：万元）", "本年收费金额（单位：元）");
    const auto f = findings(yuan, rule::t2_fee_unit);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f.front().cells.front(), ref(active_item::fees));
    EXPECT_EQ(f.front().text, "本年收费金额（单位：元）");
    EXPECT_FALSE(f.front().right.has_value());
    EXPECT_EQ(message(f.front()), "行政事业性收费金额0以元为单位（“本年收费金额（单位：元）”），表二应以万元填写");
    EXPECT_TRUE(findings(seed_text(), rule::t2_fee_unit).empty());
    // A caption line above the table says the same; with a large fee the table rule does not repeat it.
    const std::string caption = replaced(replaced(seed_text(), "\t行政事业性收费\n\t0", "\t行政事业性收费\n\t3000000"),
                                         "\t本年收费金额（单位：万元）", "（单位：元）\n\t本年收费金额");
    const read_result r = read_report(caption, {.format = input_format::text, .file_name = {}});
    std::vector<diagnostic> all;
    check(r, {}, all);
    ASSERT_EQ(std::count_if(all.begin(), all.end(), [](const diagnostic &d) { return d.which == rule::t2_fee_unit; }), 1);
}

// The seed's canonical JSON, which carries the six sections.
std::string seed_json() { return test::read_file(test::source_path("examples/acheng-yagou-2023.json")); }

std::vector<std::string> json_rule_ids(const std::string &json) {
    const read_result r = read_report(json, {.format = input_format::json, .file_name = {}});
    std::vector<std::string> ids;
    for (const diagnostic &d : r.diagnostics) ids.emplace_back(info(d.which).id);
    return ids;
}

TEST(document_rules, the_prose_rules_run_on_json_that_carries_the_sections) {
    EXPECT_TRUE(json_rule_ids(seed_json()).empty());
    const std::string other = "\"2023年，无涉及《政府信息公开信息处理费管理办法》中规定的收取信息处理费情况。\"";
    EXPECT_EQ(json_rule_ids(replaced(seed_json(), other, "\"无其他事项。\"")), std::vector<std::string>{"doc.fee_statement"});
    EXPECT_EQ(json_rule_ids(replaced(seed_json(), "\"other_matters\": " + other, "\"other_matters\": null")),
              std::vector<std::string>{"doc.section_missing"});
    const std::string problems = seed_json().substr(seed_json().find("\"problems\": "));
    EXPECT_EQ(json_rule_ids(replaced(seed_json(), problems.substr(0, problems.find("\",\n") + 1), "\"problems\": \"无。\"")),
              std::vector<std::string>{"doc.problems_empty"});
    const std::string stated = replaced(seed_json(), "圆满完成2023年度政务公开工作。", "圆满完成2023年度政务公开工作。本年新收申请18件。");
    const read_result r = read_report(stated, {.format = input_format::json, .file_name = {}});
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_EQ(r.diagnostics.front().which, rule::text_table_mismatch);
    EXPECT_EQ(r.diagnostics.front().cells.front(), ref(row::new_received, applicant::total));
    EXPECT_EQ(r.diagnostics.front().text, "新收申请18件");
    // Without sections there is nothing to judge.
    const std::string bare = seed_json().substr(0, seed_json().find("\"sections\"")) +
                             seed_json().substr(seed_json().find("\"active_disclosure\": {"));
    EXPECT_TRUE(json_rule_ids(bare).empty());
}

TEST(document_rules, no_prose_figure_false_alarm_on_any_sample) {
    for (const char *path : {"tests/samples/shuyang-county-2025/report.md", "tests/samples/huaian-city-2024/report.pdf",
                             "tests/samples/hangzhou-style-html/report.html", "tests/samples/pingtan/93-haitan-2024/page.txt",
                             "tests/samples/pingtan/75-shichangjianguan-2023/page.txt",
                             "tests/samples/pingtan/36-suping-2020/page.txt"}) {
        const read_result r = read_report(test::read_file(test::source_path(path)), {.format = std::nullopt, .file_name = path});
        for (const diagnostic &d : r.diagnostics) EXPECT_NE(d.which, rule::text_table_mismatch) << path << ": " << message(d);
    }
}

}  // namespace
