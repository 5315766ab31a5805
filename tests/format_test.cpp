#include <xxgk/format.hpp>
#include <xxgk/report.hpp>

#include <gtest/gtest.h>

using namespace xxgk;

TEST(format, enumerations_have_the_sizes_of_the_format) {
    static_assert(enum_count<section> == 6);
    static_assert(enum_count<active_item> == 6);
    static_assert(enum_count<document_column> == 3);
    static_assert(enum_count<applicant> == 7);
    static_assert(enum_count<row> == 25);
    static_assert(enum_count<outcome_group> == 6);
    static_assert(enum_count<proceeding> == 3);
    static_assert(enum_count<case_result> == 5);
    SUCCEED();
}

TEST(format, names_are_the_spec_identifiers_and_labels_sit_beside_them) {
    static_assert(name(row::denied_security_stability) == "denied_security_stability");
    static_assert(label(row::denied_security_stability) == "3.危及“三安全一稳定”");
    EXPECT_EQ(name(applicant::legal_service), "legal_service");
    EXPECT_EQ(label(applicant::legal_service), "法律服务机构");
    EXPECT_EQ(label(row::partially_granted), "（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
    EXPECT_EQ(label(section::review_litigation), "四、政府信息公开行政复议、行政诉讼情况");
    EXPECT_EQ(label(case_result::pending), "尚未审结");
    EXPECT_EQ(label(proceeding::litigation_after_review), "复议后起诉");
    EXPECT_EQ(label(document_column::in_force), "现行有效件数");
    EXPECT_EQ(label(column_2019::change), "本年增/减");
}

TEST(format, every_enumerator_has_a_label) {
    auto all_labelled = [](auto tag) {
        using E = decltype(tag);
        for (E e : all_of<E>())
            if (label(e).empty()) return false;
        return true;
    };
    EXPECT_TRUE(all_labelled(section{}));
    EXPECT_TRUE(all_labelled(active_item{}));
    EXPECT_TRUE(all_labelled(active_item_2019{}));
    EXPECT_TRUE(all_labelled(column_2019{}));
    EXPECT_TRUE(all_labelled(row{}));
    EXPECT_TRUE(all_labelled(applicant{}));
    EXPECT_TRUE(all_labelled(outcome_group{}));
    EXPECT_TRUE(all_labelled(proceeding{}));
    EXPECT_TRUE(all_labelled(case_result{}));
}

TEST(format, from_name_finds_enumerators_and_rejects_others) {
    EXPECT_EQ(from_name<row>("carried_forward"), row::carried_forward);
    EXPECT_EQ(from_name<row>("other_handling"), std::nullopt);
    EXPECT_EQ(from_name<applicant>(""), std::nullopt);
}

TEST(format, outcome_rows_are_the_twenty_one_between_granted_and_other_other) {
    int outcomes = 0;
    for (row r : all_of<row>()) outcomes += is_outcome(r);
    EXPECT_EQ(outcomes, 21);
    EXPECT_EQ(group_of(row::denied_administrative_query), outcome_group::denied);
    EXPECT_EQ(group_of(row::unavailable_not_held), outcome_group::unavailable);
    EXPECT_EQ(group_of(row::rejected_confirmation), outcome_group::rejected);
    EXPECT_EQ(group_of(row::other_other), outcome_group::other_handling);
    EXPECT_EQ(clause_of(active_item::enforcement), article_clause::clause_6);
    EXPECT_EQ(clause_of(active_item_2019::procurement), article_clause::clause_9);
}

TEST(format, references_turn_into_pointers_and_labels) {
    EXPECT_EQ(json_pointer(ref(row::carried_forward, applicant::total)), "/applications/carried_forward/total");
    EXPECT_EQ(json_pointer(ref(active_item::regulations, document_column::issued)),
              "/active_disclosure/regulations/issued");
    EXPECT_EQ(json_pointer(ref(active_item::fees)), "/active_disclosure/fees");
    EXPECT_EQ(json_pointer(ref(proceeding::litigation_direct, case_result::upheld)),
              "/review_litigation/litigation_direct/upheld");
    EXPECT_EQ(json_pointer(ref(section::problems)), "/sections/problems");
    const auto l = labels(ref(row::total_processed, applicant::natural_person));
    EXPECT_EQ(l.table, "三、收到和处理政府信息公开申请情况");
    EXPECT_EQ(l.row, "（七）总计");
    EXPECT_EQ(l.column, "自然人");
    EXPECT_EQ(labels(ref(active_item::licensing)).column, "本年处理决定数量");
}

TEST(format, every_cell_of_a_2021_report_is_visited_once_in_printed_order) {
    report r;
    int cells = 0;
    cell_ref first{}, last{};
    for_each_cell(r, [&](cell_ref c, const cell &) {
        if (cells++ == 0) first = c;
        last = c;
    });
    EXPECT_EQ(cells, 10 + 175 + 15);
    EXPECT_EQ(first, ref(active_item::regulations, document_column::issued));
    EXPECT_EQ(last, ref(proceeding::litigation_after_review, case_result::total));
}

TEST(format, a_2019_report_has_the_old_table_two_and_one_other_handling_row) {
    report r;
    r.active = active_disclosure_2019{};
    int cells = 0, other_handling = 0;
    for_each_cell(r, [&](cell_ref c, const cell &) {
        ++cells;
        other_handling += c.item == cell_ref::other_handling_row && c.where == area::applications;
    });
    EXPECT_EQ(cells, 22 + 23 * 7 + 15);
    EXPECT_EQ(other_handling, 7);
    EXPECT_EQ(find_cell(r, ref(row::other_other, applicant::total)), nullptr);
    EXPECT_NE(find_cell(r, ref(active_item_2019::procurement, column_2019::amount)), nullptr);
}
