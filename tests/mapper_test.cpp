// The shared mapper: every sample report parses to exactly the numbers of its expected.json, sections and
// tables are found, labels are matched after normalisation, and lost labels fall back only when counts fit.
#include "../src/read/document.hpp"
#include "../src/read/map/mapper_text.hpp"
#include "test_support.hpp"

#include <xxgk/read.hpp>

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace {

using namespace xxgk;

// Compares two canonical JSON values key by key, naming the JSON Pointer of every difference.
void expect_same(const boost::json::value &want, const boost::json::value &got, const std::string &at,
                 std::vector<std::string> &diffs) {
    if (want.is_object() && got.is_object()) {
        for (const auto &kv : want.as_object()) {
            const auto *g = got.as_object().if_contains(kv.key());
            if (!g) diffs.push_back(at + "/" + std::string(kv.key()) + " missing");
            else expect_same(kv.value(), *g, at + "/" + std::string(kv.key()), diffs);
        }
        for (const auto &kv : got.as_object())
            if (!want.as_object().contains(kv.key())) diffs.push_back(at + "/" + std::string(kv.key()) + " extra");
        return;
    }
    if (want != got) diffs.push_back(at + ": want " + boost::json::serialize(want) + ", got " + boost::json::serialize(got));
}

struct sample {
    const char *path;
    bool agency;  // false where the document itself does not print the expected agency name
};

// Reads a sample and compares format, year, every cell of the three tables and `ambiguous` with expected.json.
std::vector<std::string> compare_with_expected(const sample &s, read_result &got) {
    const std::string dir = std::string(s.path).substr(0, std::string(s.path).rfind('/'));
    got = read_report(test::read_file(test::source_path(s.path)), {.format = std::nullopt, .file_name = s.path});
    const boost::json::object want = to_json(parse_report(test::read_file(test::source_path(dir + "/expected.json"))));
    const boost::json::object have = to_json(got.value);
    std::vector<std::string> diffs;
    for (std::string_view key : {"format", "year", "active_disclosure", "applications", "review_litigation", "ambiguous"}) {
        const auto *w = want.if_contains(key);
        const auto *h = have.if_contains(key);
        if (!w && !h) continue;
        if (!w || !h) {
            diffs.push_back(std::string(key) + (w ? " missing" : " extra"));
            continue;
        }
        expect_same(*w, *h, "/" + std::string(key), diffs);
    }
    if (s.agency && want.if_contains("agency") && (!got.value.agency || *got.value.agency != want.at("agency").as_string()))
        diffs.push_back("/agency: " + got.value.agency.value_or("(none)"));
    return diffs;
}

const sample samples[] = {
    {"tests/samples/acheng-yagou-2023/report.txt", true},
    {"tests/samples/shuyang-county-2025/report.md", false},
    {"tests/samples/hangzhou-style-html/report.html", false},
    {"tests/samples/huaian-city-2024/report.pdf", true},
    {"tests/samples/pingtan/04-gwhban-2019/page.txt", true},
    {"tests/samples/pingtan/08-jiaojian-2019/page.txt", true},
    {"tests/samples/pingtan/36-suping-2020/page.txt", true},
    {"tests/samples/pingtan/47-ziranziyuan-2021/page.txt", true},
    {"tests/samples/pingtan/57-lvwenti-2022/page.txt", true},
    {"tests/samples/pingtan/75-shichangjianguan-2023/page.txt", true},
    {"tests/samples/pingtan/93-haitan-2024/page.txt", true},
    {"tests/samples/pingtan/102-jiaojian-2025/page.txt", true},
};

TEST(mapper, seed_parses_to_every_cell_of_expected_json) {
    read_result r;
    const auto diffs = compare_with_expected(samples[0], r);
    EXPECT_TRUE(diffs.empty()) << ::testing::PrintToString(diffs);
    EXPECT_EQ(r.value.title, "阿城区亚沟街道办事处2023年政府信息公开工作年度报告");
    EXPECT_EQ(r.value.year, 2023);
    EXPECT_EQ(r.value.kind, agency_kind::township);
    for (section s : all_of<section>()) EXPECT_TRUE(r.value.sections[s].has_value()) << name(s);
    EXPECT_NE(r.value.sections[section::other_matters]->find("信息处理费"), std::string::npos);
    EXPECT_EQ(r.value.sections[section::other_matters]->find("bookmark"), std::string::npos);
    EXPECT_NE(r.value.preamble->find("统计期限"), std::string::npos);
}

TEST(mapper, seed_gives_no_error_severity_finding) {
    read_result r = read_report(test::read_file(test::source_path(samples[0].path)),
                                {.format = input_format::text, .file_name = {}});
    std::vector<diagnostic> all = r.diagnostics;
    check(r.value, {}, all);
    for (const diagnostic &d : all) EXPECT_NE(d.level, severity::error) << info(d.which).id << " " << message(d);
}

TEST(mapper, seed_cells_remember_their_lines) {
    read_result r = read_report(test::read_file(test::source_path(samples[0].path)),
                                {.format = input_format::text, .file_name = {}});
    const cell &received = r.value.applications(row::new_received, applicant::natural_person);
    const cell &total = r.value.applications(row::new_received, applicant::total);
    EXPECT_EQ(received.source.column, 2u);
    EXPECT_EQ(total.source.line, received.source.line + 6);
    // The stray `0` before （六）其他处理 shifts nothing: 3.其他 is the official last row of the group.
    const cell &other = r.value.applications(row::other_no_correction, applicant::natural_person);
    EXPECT_TRUE(other.is_number());
    bool stray_reported = false;
    for (const diagnostic &d : r.diagnostics)
        stray_reported = stray_reported || (d.which == rule::doc_table_layout && d.source.line == other.source.line - 3);
    EXPECT_TRUE(stray_reported);
    const cell &review = r.value.review_litigation[proceeding::litigation_after_review][case_result::total];
    EXPECT_GT(review.source.line, total.source.line);
}

TEST(mapper, every_sample_parses_to_every_cell_of_its_expected_json) {
    for (const sample &s : samples) {
        // Without the rules, a PDF's cells that may wrap are unread: pdf_reader_test checks none is wrong.
        if (!test::pdf_rules_read && std::string_view(s.path).ends_with(".pdf")) continue;
        read_result r;
        std::vector<std::string> diffs;
        try {
            diffs = compare_with_expected(s, r);
        } catch (const std::exception &e) {
            diffs.push_back(e.what());
        }
        EXPECT_TRUE(diffs.empty()) << s.path << ": " << ::testing::PrintToString(diffs);
    }
}

TEST(mapper, labels_match_after_normalisation) {
    using read::detail::normalise_label;
    EXPECT_EQ(normalise_label("（二）部分公开（区分处理的，\n只计这一情形）"), normalise_label("(二) 部分公开 (区分处理的, 只计这一情形)"));
    EXPECT_EQ(normalise_label("1．属于国家秘密"), normalise_label("1.属于国家秘密"));
    EXPECT_EQ(normalise_label("1、属于国家秘密"), normalise_label("1.属于国家秘密"));
    EXPECT_EQ(normalise_label("3.危及“三安全一稳定”"), normalise_label("3.危及\"三安全一稳定\""));
    EXPECT_EQ(read::detail::strip_enumerator(normalise_label("（三）不予公开")), "不予公开");
    EXPECT_EQ(read::detail::strip_enumerator(normalise_label("一、本年新收")), "本年新收");
}

// A table document for the mapper built from rows of cells (one table block), after a few headings.
read::document table_document(std::vector<std::vector<std::string>> rows, std::string heading = "三、收到和处理政府信息公开申请情况") {
    read::document d;
    d.blocks.emplace_back(read::paragraph_block{"测试局2023年政府信息公开工作年度报告", {.line = 1}});
    d.blocks.emplace_back(read::paragraph_block{heading, {.line = 2}});
    read::table_block t;
    std::uint32_t line = 3;
    for (auto &cells : rows) {
        read::text_row row;
        for (auto &c : cells) row.cells.push_back({c, {.line = line++, .column = 1}});
        t.rows.push_back(std::move(row));
    }
    d.blocks.emplace_back(std::move(t));
    return d;
}

std::vector<std::vector<std::string>> numbered_rows(bool labels, std::size_t count) {
    std::vector<std::vector<std::string>> rows;
    rows.push_back({"类别", "数据1", "数据2", "数据3", "数据4", "数据5", "数据6", "总计"});
    for (std::size_t i = 0; i < count; ++i) {
        std::vector<std::string> r;
        r.push_back(labels ? std::string(label(row(i))) : "-");
        const std::string n = std::to_string(i + 1);
        for (int c = 0; c < 6; ++c) r.push_back(c == 0 ? n : "0");
        r.push_back(n);
        rows.push_back(std::move(r));
    }
    return rows;
}

TEST(mapper, placeholder_columns_fall_back_to_the_official_order_and_say_so) {
    const read_result r = read::map_document(table_document(numbered_rows(true, 25)), input_format::markdown);
    EXPECT_EQ(r.value.applications(row::denied_state_secret, applicant::natural_person).value, decimal(5, 0));
    EXPECT_EQ(r.value.applications(row::denied_state_secret, applicant::total).value, decimal(5, 0));
    const auto layout = std::count_if(r.diagnostics.begin(), r.diagnostics.end(),
                                      [](const diagnostic &d) { return d.which == rule::doc_table_layout; });
    EXPECT_EQ(layout, 1);
}

TEST(mapper, lost_row_labels_fall_back_only_when_the_count_fits) {
    // Numbers without their labels (as when a converter detaches them): 25 rows fit the official order.
    std::vector<std::vector<std::string>> rows = numbered_rows(false, 25);
    for (auto &r : rows)
        if (r[0] != "类别") r.erase(r.begin());
    read_result fits = read::map_document(table_document(rows), input_format::markdown);
    EXPECT_EQ(fits.value.applications(row::carried_forward, applicant::total).value, decimal(25, 0));
    rows.pop_back();
    read_result short_by_one = read::map_document(table_document(rows), input_format::markdown);
    EXPECT_EQ(short_by_one.value.applications(row::new_received, applicant::total).kind, cell_kind::blank);
}

TEST(mapper, a_row_with_too_many_numbers_is_unreadable_not_guessed) {
    auto rows = numbered_rows(true, 25);
    rows[3].push_back("9");  // granted: 8 numbers for 7 columns
    const read_result r = read::map_document(table_document(rows), input_format::markdown);
    EXPECT_EQ(r.value.applications(row::granted, applicant::natural_person).kind, cell_kind::unreadable);
    EXPECT_EQ(r.value.applications(row::partially_granted, applicant::natural_person).value, decimal(4, 0));
}

TEST(mapper, the_2019_trial_format_is_recognised) {
    read::document d = table_document({{"第二十条第（一）项"},
                                       {"信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"},
                                       {"规章", "0", "0", "0"},
                                       {"规范性文件", "2", "2", "33"},
                                       {"第二十条第（五）项"},
                                       {"信息内容", "上一年项目数量", "本年增/减", "处理决定数量"},
                                       {"行政许可", "5", "-1", "4"}},
                                      "二、主动公开政府信息情况");
    const read_result r = read::map_document(d, input_format::docx);
    ASSERT_EQ(r.value.format(), format_version::v2019);
    const auto &t2 = std::get<active_disclosure_2019>(r.value.active);
    EXPECT_EQ(t2.normative_documents.total_published.value, decimal(33, 0));
    EXPECT_EQ(t2.licensing.change.value, decimal(-1, 0));
    EXPECT_EQ(t2.licensing.decisions.value, decimal(4, 0));
}

TEST(mapper, the_subtotal_variant_is_read_and_its_subtotals_checked) {
    std::vector<std::vector<std::string>> rows;
    rows.push_back({"申请人情况"});
    rows.push_back({"自然人", "法人或其他组织", "总计"});
    rows.push_back({"商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "小计"});
    for (row rw : all_of<row>()) {
        if (rw == row::denied_state_secret) rows.push_back({"（三）不予公开", "2", "8", "0", "0", "0", "0", "8", "3"});
        rows.push_back({std::string(label(rw)), rw == row::denied_state_secret ? "2" : "0", "1", "0", "0", "0", "0",
                        rw == row::total_processed ? "7" : "1", "1"});
    }
    const read_result r = read::map_document(table_document(rows), input_format::html);
    EXPECT_EQ(r.value.applications(row::denied_state_secret, applicant::natural_person).value, decimal(2, 0));
    EXPECT_EQ(r.value.applications(row::denied_state_secret, applicant::total).value, decimal(1, 0));
    std::vector<std::string> subtotals;
    for (const diagnostic &d : r.diagnostics)
        if (d.which == rule::t3_subtotal) subtotals.push_back(json_pointer(d.cells.front()) + " " + message(d));
    // The 小计 column of （七）总计 (7 ≠ 1), and the （三）不予公开 subtotal row: 自然人 2 = 2 but 总计 3 ≠ 8×1.
    EXPECT_EQ(subtotals.size(), 2u) << ::testing::PrintToString(subtotals);
}

// The 8-column and 28-row variants at once: every count 0 except （三）1.属于国家秘密, 62 商业企业, and the
// （三）不予公开 subtotal row, whose 小计 cell prints `subtotal`.
std::vector<std::string> subtotal_findings(std::string subtotal) {
    std::vector<std::vector<std::string>> rows;
    rows.push_back({"申请人情况"});
    rows.push_back({"自然人", "法人或其他组织", "总计"});
    rows.push_back({"商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "小计"});
    for (row rw : all_of<row>()) {
        if (rw == row::denied_state_secret) rows.push_back({"（三）不予公开", "0", "62", "0", "0", "0", "0", subtotal, "62"});
        const std::string v = rw == row::denied_state_secret ? "62" : "0";
        rows.push_back({std::string(label(rw)), "0", v, "0", "0", "0", "0", v, v});
    }
    const read_result r = read::map_document(table_document(rows), input_format::html);
    std::vector<std::string> found;
    for (const diagnostic &d : r.diagnostics)
        if (d.which == rule::t3_subtotal) {
            found.push_back(json_pointer(d.cells.front()) + " " + message(d));
            EXPECT_GT(d.cells.size(), 1u) << "the parts are named";
            EXPECT_TRUE(d.source.known()) << "the subtotal's position";
        }
    return found;
}

TEST(mapper, the_subtotal_cell_of_a_subtotal_row_is_checked_and_named) {
    EXPECT_TRUE(subtotal_findings("62").empty()) << ::testing::PrintToString(subtotal_findings("62"));
    EXPECT_EQ(subtotal_findings("99"),
              std::vector<std::string>{"/sections/applications （三）不予公开（小计） / 法人或其他组织（小计）：小计为99，"
                                       "各分项之和为62，相差37"});
}

TEST(mapper, one_layout_table_holding_two_of_the_tables_is_split_by_its_labels) {
    auto rows = numbered_rows(true, 25);
    rows.push_back({"行政复议", "行政诉讼"});
    rows.push_back({"结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"});
    std::vector<std::string> numbers;
    for (int i = 0; i < 15; ++i) numbers.push_back(i % 5 == 4 ? "4" : "1");
    rows.push_back(numbers);
    const read_result r = read::map_document(table_document(rows), input_format::html);
    EXPECT_EQ(r.value.applications(row::carried_forward, applicant::total).value, decimal(25, 0));
    EXPECT_EQ(r.value.review_litigation[proceeding::litigation_after_review][case_result::total].value, decimal(4, 0));
    for (const diagnostic &d : r.diagnostics)  // table 二 is not in this document
        EXPECT_TRUE(d.which != rule::doc_table_missing || d.cells.front() == ref(section::active_disclosure)) << message(d);
}

TEST(mapper, a_misprinted_reason_is_read_by_its_number_under_its_group) {
    auto rows = numbered_rows(true, 25);
    rows.insert(rows.begin() + 5, {"（三）不予公开"});
    rows[7 + 1][0] = "3.危及三安全稳定";  // denied_security_stability, misprinted
    const read_result r = read::map_document(table_document(rows), input_format::html);
    EXPECT_EQ(r.value.applications(row::denied_security_stability, applicant::total).value, decimal(7, 0));
    bool noted = false;
    for (const diagnostic &d : r.diagnostics) noted = noted || d.text.find("3.危及三安全稳定") != std::string::npos;
    EXPECT_TRUE(noted);
}

TEST(mapper, a_title_over_two_lines_and_a_signature_date) {
    read::document d;
    d.blocks.emplace_back(read::paragraph_block{"某某市交通运输局", {.line = 1}});
    d.blocks.emplace_back(read::paragraph_block{"2023年政府信息公开工作年度报告", {.line = 2}});
    d.blocks.emplace_back(read::paragraph_block{"本报告中所列数据统计期限自2023年1月1日至2023年12月31日。", {.line = 3}});
    d.blocks.emplace_back(read::paragraph_block{"某某市交通运输局\n2024年1月20日", {.line = 4}});
    const read_result r = read::map_document(d, input_format::docx);
    EXPECT_EQ(r.value.title, "某某市交通运输局2023年政府信息公开工作年度报告");
    EXPECT_EQ(r.value.agency, "某某市交通运输局");
    EXPECT_EQ(r.value.kind, agency_kind::department);
    EXPECT_EQ(r.value.published, "2024-01-20");
}

TEST(mapper, a_town_or_township_government_is_a_township_and_a_county_government_is_not) {
    auto kind_of = [](std::string agency) {
        read::document d;
        d.blocks.emplace_back(read::paragraph_block{agency + "2023年政府信息公开工作年度报告", {.line = 1}});
        return read::map_document(d, input_format::text).value.kind;
    };
    EXPECT_EQ(kind_of("某镇人民政府"), agency_kind::township);
    EXPECT_EQ(kind_of("某乡人民政府"), agency_kind::township);
    EXPECT_EQ(kind_of("某某民族乡人民政府"), agency_kind::township);
    EXPECT_EQ(kind_of("某街道办事处"), agency_kind::township);
    EXPECT_EQ(kind_of("某县人民政府"), agency_kind::government);
    EXPECT_EQ(kind_of("某市人民政府办公室"), agency_kind::department);
}

TEST(mapper, headings_run_into_the_text_are_found) {
    read::document d;
    d.blocks.emplace_back(read::paragraph_block{
        "测试局2023年度政府信息公开工作年度报告 根据条例编制。一、总体情况2023年，我局……二、主动公开政府信息情况说明。"
        "三、收到和处理政府信息公开申请情况四、政府信息公开行政复议、行政诉讼情况五、存在的主要问题及改进措施无明显问题。"
        "六、其他需要报告的事项本年度未收取信息处理费。",
        {.line = 1, .column = 1}});
    const read_result r = read::map_document(d, input_format::text);
    EXPECT_EQ(r.value.agency, "测试局");
    for (section s : all_of<section>()) EXPECT_TRUE(r.value.sections[s].has_value()) << name(s);
    EXPECT_EQ(r.value.sections[section::overview], "2023年，我局……");
    EXPECT_EQ(r.value.sections[section::other_matters], "本年度未收取信息处理费。");
}

}  // namespace
