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

TEST(document_rules, period_statement) {
    const auto f = findings(replaced(seed_text(), "自2023年1月1日至2023年12月31日", "自2022年1月1日至2022年12月31日"),
                            rule::doc_period_statement);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f.front().left, decimal(2022, 0));
    EXPECT_EQ(f.front().right, decimal(2023, 0));
    EXPECT_EQ(findings(replaced(seed_text(), "本报告中所列数据统计期限", "本报告中所列数据"), rule::doc_period_statement).size(), 1u);
    EXPECT_TRUE(findings(seed_text(), rule::doc_period_statement).empty());
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
