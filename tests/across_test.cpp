// The rules over two reports, a parent and its children, and the publication deadline.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace xxgk {
namespace {

using test::read_file;
using test::source_path;

report huaian_2024() { return parse_report(read_file(source_path("tests/samples/huaian-city-2024/expected.json"))); }

// A consistent next year of a real report: what was carried forward is carried over, the documents in
// force continue, and the prose is rewritten.
report next_year_of(const report &previous) {
    report r = previous;
    r.year = *previous.year + 1;
    for (applicant a : all_of<applicant>()) {
        const cell forward = previous.applications(row::carried_forward, a);
        r.applications(row::carried_over, a) = forward;
        r.applications(row::new_received, a) = count_cell(5);
        r.applications(row::granted, a) = count_cell(5);
        r.applications(row::total_processed, a) = count_cell(5);
    }
    auto &t2 = std::get<active_disclosure>(r.active);
    const auto &before = std::get<active_disclosure>(previous.active);
    t2.regulations.issued = count_cell(2);
    t2.regulations.repealed = count_cell(1);
    t2.regulations.in_force = count_cell(before.regulations.in_force.value.units + 1);
    t2.normative_documents.issued = count_cell(0);
    t2.normative_documents.repealed = count_cell(0);
    t2.normative_documents.in_force = before.normative_documents.in_force;
    t2.licensing = count_cell(before.licensing.value.units + 7);
    for (section s : all_of<section>()) r.sections[s].reset();
    r.sections[section::overview] = "本年度，本机关以提升政务公开质量为重点，完善主动公开目录，优化依申请公开办理流程，"
                                    "加强政府网站和政务新媒体建设，全年各项工作有序推进，群众满意度持续提升。";
    r.review_litigation[proceeding::administrative_review][case_result::upheld] = count_cell(3);
    r.review_litigation[proceeding::administrative_review][case_result::total] = count_cell(
        r.review_litigation[proceeding::administrative_review][case_result::total].value.units + 3);
    return r;
}

std::vector<diagnostic> of_rule(const std::vector<diagnostic> &ds, rule which) {
    std::vector<diagnostic> out;
    for (const auto &d : ds)
        if (d.which == which) out.push_back(d);
    return out;
}

TEST(across, a_consistent_next_year_of_a_real_report_passes_every_pair_rule) {
    const report previous = huaian_2024();
    EXPECT_TRUE(check_pair(next_year_of(previous), previous).empty());
}

TEST(across, planted_carry_over_fault_is_found_in_its_column_with_values) {
    const report previous = huaian_2024();
    report current = next_year_of(previous);
    const decimal forward = previous.applications(row::carried_forward, applicant::commercial).value;
    current.applications(row::carried_over, applicant::commercial) = count_cell(forward.units + 2);
    const auto found = of_rule(check_pair(current, previous), rule::xy_carry_over);
    ASSERT_EQ(found.size(), 1u);
    const diagnostic &d = found.front();
    EXPECT_EQ(d.state, status::fail);
    EXPECT_EQ(d.level, severity::error);
    EXPECT_EQ(json_pointer(d.cells.at(0)), "/applications/carried_over/commercial");
    EXPECT_EQ(json_pointer(d.cells.at(1)), "/applications/carried_forward/commercial");
    EXPECT_TRUE(compare(*d.left, decimal{forward.units + 2, 0}) == 0);
    EXPECT_TRUE(compare(*d.right, forward) == 0);
    EXPECT_TRUE(compare(*d.difference, decimal{2, 0}) == 0);
    EXPECT_NE(message(d).find("商业企业"), std::string::npos) << message(d);
}

TEST(across, carry_over_with_text_last_year_is_not_assessable) {
    const report previous_real = huaian_2024();
    report current = next_year_of(previous_real);
    report previous = previous_real;
    previous.applications(row::carried_forward, applicant::research) = read_cell("见附件");
    const auto found = of_rule(check_pair(current, previous), rule::xy_carry_over);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].state, status::not_assessable);
    EXPECT_NE(found[0].text.find("见附件"), std::string::npos);
}

TEST(across, pair_of_non_consecutive_years_is_not_assessable) {
    const report previous = huaian_2024();
    report current = next_year_of(previous);
    current.year = *previous.year + 2;
    const auto ds = check_pair(current, previous);
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(ds[0].which, rule::xy_carry_over);
    EXPECT_EQ(ds[0].state, status::not_assessable);
}

TEST(across, in_force_that_does_not_continue_is_a_warning_naming_the_row) {
    const report previous = huaian_2024();
    report current = next_year_of(previous);
    auto &t2 = std::get<active_disclosure>(current.active);
    t2.normative_documents.issued = count_cell(4);  // 4 new documents, but in force unchanged
    const auto found = of_rule(check_pair(current, previous), rule::xy_in_force);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].level, severity::warning);
    EXPECT_EQ(json_pointer(found[0].cells[0]), "/active_disclosure/normative_documents/in_force");
    EXPECT_TRUE(compare(*found[0].difference, decimal{-4, 0}) == 0);
}

TEST(across, in_force_against_a_2019_format_year_is_not_assessable) {
    report previous = parse_report(read_file(source_path("tests/samples/pingtan/36-suping-2020/expected.json")));
    report current = huaian_2024();
    current.year = 2021;
    previous.year = 2020;
    const auto found = of_rule(check_pair(current, previous), rule::xy_in_force);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].state, status::not_assessable);
}

TEST(across, identical_tables_with_activity_are_reported_as_duplicate) {
    const report previous = huaian_2024();
    report current = previous;
    current.year = *previous.year + 1;
    for (applicant a : all_of<applicant>())  // keep X-1 satisfied: only the copy is at issue
        current.applications(row::carried_over, a) = previous.applications(row::carried_forward, a);
    const auto found = of_rule(check_pair(current, previous), rule::xy_duplicate);
    std::vector<std::string> where;
    for (const auto &d : found) where.push_back(json_pointer(d.cells[0]) + ":" + d.text);
    EXPECT_NE(std::find(where.begin(), where.end(), "/sections/active_disclosure:表格"), where.end());
    EXPECT_NE(std::find(where.begin(), where.end(), "/sections/review_litigation:表格"), where.end());
    // Table 三 changed in its carried-over row, so it is not identical.
    EXPECT_EQ(std::find(where.begin(), where.end(), "/sections/applications:表格"), where.end());
}

TEST(across, all_zero_tables_of_a_small_agency_are_not_evidence_of_copying) {
    report previous = test::seed();
    for (applicant a : all_of<applicant>()) {
        previous.applications(row::new_received, a) = count_cell(0);
        previous.applications(row::granted, a) = count_cell(0);
        previous.applications(row::total_processed, a) = count_cell(0);
    }
    for (section s : all_of<section>()) previous.sections[s].reset();
    report current = previous;
    current.year = *previous.year + 1;
    EXPECT_TRUE(of_rule(check_pair(current, previous), rule::xy_duplicate).empty());
}

TEST(across, near_identical_prose_with_only_the_year_changed_is_reported) {
    const report previous = test::seed();
    report current = next_year_of(previous);
    std::string problems = *previous.sections[section::problems];
    for (std::size_t at; (at = problems.find("2023")) != std::string::npos;) problems.replace(at, 4, "2024");
    problems += "。";
    current.sections[section::problems] = problems;
    const auto found = of_rule(check_pair(current, previous), rule::xy_duplicate);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(json_pointer(found[0].cells[0]), "/sections/problems");
    EXPECT_EQ(found[0].text, "正文");
    EXPECT_TRUE(compare(*found[0].left, decimal{90, 2}) >= 0);
}

TEST(across, the_prose_threshold_is_configurable) {
    const report previous = test::seed();
    report current = next_year_of(previous);
    std::string problems = *previous.sections[section::problems];
    problems.replace(0, 12, "今年我们发现");  // the first four characters rewritten
    current.sections[section::problems] = problems;
    const double similarity = text_similarity(problems, *previous.sections[section::problems]);
    ASSERT_GT(similarity, 0.9);
    ASSERT_LT(similarity, 1.0);
    EXPECT_EQ(of_rule(check_pair(current, previous), rule::xy_duplicate).size(), 1u);
    EXPECT_TRUE(of_rule(check_pair(current, previous, {}, {.near_identical = 1.0}), rule::xy_duplicate).empty());
}

TEST(across, rewritten_prose_is_not_a_duplicate) {
    const report previous = test::seed();
    report current = next_year_of(previous);
    current.sections[section::problems] = "今年的主要问题是公开内容的时效性还不够强，部分栏目更新不及时。下一步，我们将建立"
                                          "栏目更新台账，明确责任人，按月通报更新情况，并加强对工作人员的业务培训。";
    EXPECT_TRUE(of_rule(check_pair(current, previous), rule::xy_duplicate).empty());
}

TEST(across, text_similarity_ignores_layout_and_measures_shingles) {
    EXPECT_DOUBLE_EQ(text_similarity("政府信息公开，工作有序推进。", "政府 信息公开 工作有序推进"), 1.0);
    EXPECT_LT(text_similarity("政府信息公开工作有序推进", "依申请公开办理流程优化"), 0.1);
}

TEST(across, disabled_pair_rules_report_nothing) {
    const report previous = huaian_2024();
    report current = previous;
    current.year = *previous.year + 1;
    check_options o;
    o.disable(rule::xy_carry_over);
    o.disable(rule::xy_duplicate);
    o.disable(rule::xy_in_force);
    EXPECT_TRUE(check_pair(current, previous, o).empty());
}

report published(std::optional<agency_kind> kind, std::string date) {
    report r = test::seed();
    r.kind = kind;
    r.published = std::move(date);
    return r;
}

std::vector<diagnostic> late(const report &r, const deadline_options &deadlines = {}) {
    std::vector<diagnostic> out;
    check_publication(r, {}, deadlines, out);
    return out;
}

TEST(across, departments_are_late_after_31_january_and_governments_after_31_march) {
    EXPECT_TRUE(late(published(agency_kind::department, "2024-01-31")).empty());
    const auto d = late(published(agency_kind::department, "2024-02-02"));
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].which, rule::pub_late);
    EXPECT_EQ(d[0].text, "2024-02-02");
    EXPECT_TRUE(compare(*d[0].difference, decimal{2, 0}) == 0);
    EXPECT_EQ(json_pointer(d[0].cells[0]), "/published");
    EXPECT_TRUE(late(published(agency_kind::government, "2024-03-31")).empty());
    EXPECT_EQ(late(published(agency_kind::government, "2024-04-01")).size(), 1u);
}

TEST(across, township_deadline_is_configurable) {
    const report r = published(agency_kind::township, "2024-02-15");
    EXPECT_TRUE(late(r).empty());
    deadline_options strict;
    strict.by_kind[agency_kind::township] = {1, 31};
    EXPECT_EQ(late(r, strict).size(), 1u);
}

TEST(across, a_publication_date_before_the_data_year_ended_is_an_error) {
    auto early = [](std::string date) {
        std::vector<diagnostic> out;
        for (const diagnostic &d : late(published(agency_kind::government, std::move(date))))
            if (d.which == rule::pub_early) out.push_back(d);
        return out;
    };
    EXPECT_TRUE(early("2024-01-01").empty()) << "the seed's data year is 2023";
    EXPECT_TRUE(early("2024-03-31").empty());
    const auto d = early("2023-12-31");
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].level, severity::error);
    EXPECT_EQ(json_pointer(d[0].cells[0]), "/published");
    EXPECT_EQ(d[0].difference, (decimal{1, 0}));
    EXPECT_EQ(message(d[0]), "报告于2023-12-31公布，早于2023年度结束（提前1天）");
    EXPECT_EQ(message(d[0], language::en), "published on 2023-12-31, before the data year 2023 ended (1 days early)");
    EXPECT_EQ(early("2023-06-01").at(0).difference, (decimal{214, 0}));
    // A malformed date is reported once, not by both publication rules.
    EXPECT_EQ(late(published(agency_kind::government, "2023年")).size(), 1u);
    check_options only_early;
    only_early.disable(rule::pub_late);
    std::vector<diagnostic> out;
    check_publication(published(agency_kind::government, "2023年"), only_early, {}, out);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].which, rule::pub_early);
    EXPECT_EQ(out[0].state, status::not_assessable);
}

TEST(across, publication_without_a_date_is_not_assessable) {
    const auto none = late(published(agency_kind::department, "2024年1月"));
    ASSERT_EQ(none.size(), 1u);
    EXPECT_EQ(none[0].state, status::not_assessable);
    report r = test::seed();
    r.published.reset();
    EXPECT_TRUE(late(r).empty()) << "no date: skipped unless required";
    deadline_options required;
    required.require_date = true;
    EXPECT_EQ(late(r, required).at(0).state, status::not_assessable);
}

TEST(across, parent_equal_to_the_sum_of_its_children_passes) {
    const report child = huaian_2024();
    report parent = child;
    for_each_cell(parent, [](cell_ref at, cell &c) {
        if (is_count(at) && c.is_number()) c.value = decimal{c.value.units * 2, c.value.scale};
    });
    const std::array<report, 2> children = {child, child};
    std::vector<diagnostic> out;
    check_hierarchy(parent, children, {}, out);
    EXPECT_TRUE(out.empty());
}

TEST(across, parent_differing_from_its_children_is_found_at_the_cell) {
    const report child = huaian_2024();
    report parent = child;
    parent.review_litigation[proceeding::litigation_direct][case_result::upheld] =
        count_cell(child.review_litigation[proceeding::litigation_direct][case_result::upheld].value.units + 1);
    const std::array<report, 1> children = {child};
    std::vector<diagnostic> out;
    check_hierarchy(parent, children, {}, out);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].which, rule::xy_hierarchy);
    EXPECT_EQ(json_pointer(out[0].cells[0]), "/review_litigation/litigation_direct/upheld");
    EXPECT_TRUE(compare(*out[0].difference, decimal{1, 0}) == 0);
    out.clear();
    check_hierarchy(parent, children, {}, out, {.parent_includes_own = true});
    EXPECT_TRUE(out.empty()) << "a parent above its children's sum passes when it reports its own office";
}

TEST(across, children_of_another_year_make_the_hierarchy_not_assessable) {
    const report parent = huaian_2024();
    report child = parent;
    child.year = 2023;
    const std::array<report, 1> children = {child};
    std::vector<diagnostic> out;
    check_hierarchy(parent, children, {}, out);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].state, status::not_assessable);
}

}  // namespace
}  // namespace xxgk
