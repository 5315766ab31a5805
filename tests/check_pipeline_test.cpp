// The one check pipeline (check.hpp): its order, the plan's parts reaching their rules, and the findings it
// writes itself when last year's report or a child's cannot be read.
#include "test_support.hpp"

#include <xxgk/check.hpp>

#include <gtest/gtest.h>

namespace xxgk::test {
namespace {

std::vector<std::string> rules_of(const std::vector<diagnostic> &ds) {
    std::vector<std::string> ids;
    for (const diagnostic &d : ds) ids.emplace_back(info(d.which).id);
    return ids;
}

// The seed as read from a document: one finding of the reading, a table fault, published late for a township.
read_result faulty_read() {
    read_result r;
    r.value = seed();
    r.value.kind = agency_kind::township;
    r.value.published = "2024-02-10";
    r.value.applications(row::new_received, applicant::natural_person) = count_cell(5);
    diagnostic &d = r.diagnostics.emplace_back();
    d.which = rule::doc_heading_variant;
    d.level = severity::info;
    d.cells = {ref(section::overview)};
    return r;
}

TEST(CheckPipeline, RunsReadingTablesPublicationLastYearAndChildrenInThatOrder) {
    const read_result read = faulty_read();
    check_plan plan;
    plan.deadlines.by_kind[agency_kind::township] = {2, 1};
    report previous = seed();
    previous.year = 2022;
    previous.applications(row::carried_forward, applicant::natural_person) = count_cell(7);
    const std::vector<report> children{seed()};
    check_context with;
    with.previous = &previous;
    with.children = children;
    const std::vector<diagnostic> found = check(read, plan, with);
    const std::vector<std::string> ids = rules_of(found);
    ASSERT_GE(ids.size(), 5u);
    EXPECT_EQ(ids.front(), "doc.heading_variant");
    const auto at = [&](std::string_view id) { return std::find(ids.begin(), ids.end(), id) - ids.begin(); };
    EXPECT_LT(at("doc.heading_variant"), at("t3.balance"));
    EXPECT_LT(at("t3.balance"), at("pub.late"));
    EXPECT_LT(at("pub.late"), at("xy.carry_over"));
    EXPECT_LT(at("xy.carry_over"), at("xy.hierarchy"));
    EXPECT_EQ(at("xy.hierarchy"), static_cast<std::ptrdiff_t>(ids.size() - 1));

    // Alone (as xxgk_check, `xxgk render --check`): no cross-year or hierarchy rule; the default deadline of
    // a township (31 March) is not passed.
    const std::vector<std::string> alone = rules_of(check(read, check_plan{}));
    EXPECT_EQ(std::count(alone.begin(), alone.end(), "pub.late"), 0);
    EXPECT_EQ(std::count(alone.begin(), alone.end(), "xy.carry_over"), 0);
    EXPECT_EQ(alone.front(), "doc.heading_variant");
}

TEST(CheckPipeline, DisabledRulesAndSeveritiesApplyToEveryStep) {
    const read_result read = faulty_read();
    check_plan plan;
    plan.deadlines.by_kind[agency_kind::township] = {2, 1};
    plan.rules.disable(rule::doc_heading_variant);
    plan.rules.disable(rule::pub_late);
    plan.rules.set_severity(rule::t3_balance, severity::info);
    const std::vector<diagnostic> found = check(read, plan);
    for (const diagnostic &d : found) {
        EXPECT_NE(d.which, rule::doc_heading_variant);
        EXPECT_NE(d.which, rule::pub_late);
        if (d.which == rule::t3_balance) {
            EXPECT_EQ(d.level, severity::info);
        }
    }
    EXPECT_FALSE(found.empty());
}

TEST(CheckPipeline, UnreadableLastYearOrChildIsNotAssessableInThePlansLanguage) {
    read_result read;
    read.value = seed();
    check_plan plan;
    plan.lang = language::en;
    const std::vector<std::string> missing{"甲街道", "乙街道"};
    check_context with;
    with.previous_name = "2022.docx";
    with.previous_error = "truncated";
    with.missing_children = missing;
    const std::vector<diagnostic> found = check(read, plan, with);
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].which, rule::xy_carry_over);
    EXPECT_EQ(found[0].state, status::not_assessable);
    EXPECT_EQ(found[0].text, "last year's report 2022.docx cannot be read: truncated");
    EXPECT_EQ(found[1].which, rule::xy_hierarchy);
    EXPECT_EQ(found[1].text, "no readable report of 2023 of: 甲街道, 乙街道");

    plan.lang = language::zh;
    plan.rules.disable(rule::xy_carry_over);
    const std::vector<diagnostic> zh = check(read, plan, with);
    ASSERT_EQ(zh.size(), 1u);
    EXPECT_EQ(zh[0].text, "缺少下级机关2023年度可读的报告：甲街道、乙街道");

    // A report without a year is not compared with its children.
    read.value.year.reset();
    for (const diagnostic &d : check(read, plan, with)) EXPECT_NE(d.which, rule::xy_hierarchy);
}

}  // namespace
}  // namespace xxgk::test
