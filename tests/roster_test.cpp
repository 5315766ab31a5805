// The roster of a year, the 汇总 of a hierarchy and the indicators, over a generated city with districts and
// departments.
#include "test_support.hpp"

#include <xxgk/aggregate.hpp>
#include <xxgk/indicators.hpp>
#include <xxgk/roster.hpp>

#include <gtest/gtest.h>

#include <map>

namespace xxgk {
namespace {

// A report of `agency` whose every count cell of tables 二, 三 and 四 is a distinct function of `seed`, with
// a fee of `seed`/100 万元 printed with two decimals (0.07 + 0.1 must sum to 0.17 exactly).
report generated(const std::string &agency, int year, int seed) {
    report r;
    r.agency = agency;
    r.year = year;
    int k = 0;
    for_each_cell(r, [&](cell_ref at, cell &c) {
        ++k;
        if (is_count(at)) c = count_cell((seed * 7 + k * 3) % 23);
        else c = number_cell(decimal{seed, 2});
    });
    r.sections[section::overview] = agency + "本年度认真贯彻落实政府信息公开条例，主动公开各类信息，依申请公开办理规范有序。";
    return r;
}

struct corpus {
    std::vector<unit> units;
    std::map<std::string, report> reports;  // by file
    std::vector<report_entry> entries;

    void add(const std::string &file, const report &r, std::size_t errors = 0, std::size_t warnings = 0) {
        reports[file] = r;
        entries.push_back({file, std::nullopt, r.agency, r.year, r.kind, r.published, errors, warnings});
    }
    report_lookup lookup() const {
        return [this](std::string_view f) -> const report * {
            const auto found = reports.find(std::string(f));
            return found == reports.end() ? nullptr : &found->second;
        };
    }
};

// 市 → 区A, 区B, 市局; 区A → 区A局1, 区A局2; 区B (own office marked) → 区B局1.
corpus city(int year) {
    corpus c;
    c.units = {{"淮安市人民政府", agency_kind::government, "", false},
               {"甲区人民政府", agency_kind::government, "淮安市人民政府", false},
               {"甲区教育局", agency_kind::department, "甲区人民政府", false},
               {"甲区财政局", agency_kind::department, "甲区人民政府", false},
               {"乙区人民政府", agency_kind::government, "淮安市人民政府", true},
               {"乙区教育局", agency_kind::department, "乙区人民政府", false},
               {"淮安市教育局", agency_kind::department, "淮安市人民政府", false}};
    int seed = 1;
    for (const unit &u : c.units) {
        if (u.name == "淮安市人民政府" || u.name == "甲区人民政府") continue;  // the sums, below
        report r = generated(u.name, year, seed++ + year);
        r.kind = u.kind;
        r.published = std::to_string(year + 1) + "-01-20";
        c.add(u.name + ".json", r, 1, 2);
    }
    return c;
}

TEST(roster, names_exactly_the_missing_late_and_unreadable_units) {
    corpus c = city(2024);
    // 甲区教育局 late by 5 days (department: 31 January); 甲区财政局 missing; 乙区教育局 unreadable through the mapping.
    c.reports["甲区教育局.json"].published = "2025-02-05";
    c.entries.clear();
    for (const auto &[file, r] : c.reports)
        if (file != "甲区财政局.json" && file != "乙区教育局.json") c.add(file, r);
    c.entries.push_back({"in/乙区教育局.docx", std::string("DOCX: word/document.xml is missing"), {}, {}, {}, {}, 0, 0});
    report stray = generated("某某局", 2024, 3);
    c.entries.push_back({"stray.json", std::nullopt, stray.agency, 2024, {}, {}, 0, 0});
    report older = generated("甲区 财政局（本级）", 2023, 3);  // last year's: not this year's report
    c.entries.push_back({"older.json", std::nullopt, older.agency, 2023, {}, {}, 0, 0});

    roster_options options;
    options.files = {{"乙区教育局.docx", "乙区教育局"}};
    const roster r = make_roster(c.units, c.entries, 2024, options);
    ASSERT_EQ(r.units.size(), c.units.size());
    std::vector<std::string> missing, late, unreadable;
    for (const roster_entry &e : r.units) {
        if (e.state == unit_state::missing) missing.push_back(e.who.name);
        if (e.state == unit_state::unreadable) unreadable.push_back(e.who.name);
        if (e.timely == timeliness::late) late.push_back(e.who.name);
    }
    EXPECT_EQ(missing, (std::vector<std::string>{"淮安市人民政府", "甲区人民政府", "甲区财政局"}));
    EXPECT_EQ(late, std::vector<std::string>{"甲区教育局"});
    EXPECT_EQ(unreadable, std::vector<std::string>{"乙区教育局"});
    EXPECT_EQ(r.find("甲区教育局")->days_late, 5);
    EXPECT_EQ(r.find("甲区教育局")->deadline, "2025-01-31");
    EXPECT_EQ(r.find("乙区人民政府")->deadline, "2025-03-31");
    EXPECT_EQ(r.find("乙区人民政府")->timely, timeliness::on_time);
    EXPECT_EQ(r.find("乙区教育局")->error, "DOCX: word/document.xml is missing");
    ASSERT_EQ(r.unmatched.size(), 1u);
    EXPECT_EQ(r.unmatched[0].file, "stray.json");
    EXPECT_EQ(r.count(unit_state::published, timeliness::late), 1u);
    const boost::json::object j = to_json(r);
    EXPECT_EQ(j.at("counts").at("missing").as_uint64(), 3u);
    EXPECT_EQ(j.at("units").as_array()[2].at("days_late").as_int64(), 5);
}

TEST(roster, matches_names_as_pairing_does_and_keeps_the_first_of_two_files) {
    const std::vector<unit> units = {{"淮安市 人民政府", {}, "", false}};
    const std::vector<report_entry> entries = {
        {"a.json", std::nullopt, std::string("淮安市人民政府（本级）"), 2024, agency_kind::government, std::string("2025-04-02"), 3, 4},
        {"b.json", std::nullopt, std::string("淮安市人民政府"), 2024, {}, {}, 0, 0}};
    const roster r = make_roster(units, entries, 2024);
    EXPECT_EQ(r.units[0].state, unit_state::published);
    EXPECT_EQ(r.units[0].file, "a.json");
    EXPECT_EQ(r.units[0].other_files, std::vector<std::string>{"b.json"});
    EXPECT_EQ(r.units[0].timely, timeliness::late);  // the report's kind decides when the units file does not
    EXPECT_EQ(r.units[0].days_late, 2);
    EXPECT_EQ(r.units[0].errors, 3u);
    EXPECT_EQ(r.units[0].warnings, 4u);
}

TEST(roster, a_report_without_a_date_is_published_but_undated) {
    const std::vector<unit> units = {{"甲局", agency_kind::department, "", false}};
    const std::vector<report_entry> entries = {{"a.json", std::nullopt, std::string("甲局"), 2024, {}, {}, 0, 0}};
    const roster r = make_roster(units, entries, 2024);
    EXPECT_EQ(r.units[0].state, unit_state::published);
    EXPECT_EQ(r.units[0].timely, timeliness::undated);
}

TEST(roster, units_listed_twice_or_in_a_cycle_are_refused) {
    EXPECT_FALSE(units_error(std::vector<unit>{{"甲", {}, "乙", false}, {"乙", {}, "", false}}));
    EXPECT_TRUE(units_error(std::vector<unit>{{"甲", {}, "", false}, {"甲 ", {}, "", false}}));
    EXPECT_TRUE(units_error(std::vector<unit>{{"甲", {}, "乙", false}, {"乙", {}, "甲", false}}));
    EXPECT_TRUE(units_error(std::vector<unit>{{"", {}, "", false}}));
}

// The expected sum of one cell over some reports, computed independently of sum_tables.
decimal cell_sum(const std::vector<const report *> &parts, cell_ref at) {
    decimal total{};
    for (const report *p : parts) total = *add(total, find_cell(*p, at)->arithmetic_value());
    return total;
}

TEST(aggregate, each_parent_is_the_sum_of_its_children_cell_for_cell) {
    corpus c = city(2024);
    // 甲区 publishes its 汇总 with two planted differences; 市 publishes its own.
    std::vector<const report *> jia = {&c.reports["甲区教育局.json"], &c.reports["甲区财政局.json"]};
    report jia_published = c.reports["甲区教育局.json"];
    jia_published.agency = "甲区人民政府";
    for_each_cell(jia_published, [&](cell_ref at, cell &x) { x = number_cell(cell_sum(jia, at)); });
    jia_published.applications(row::granted, applicant::natural_person) =
        count_cell(jia_published.applications(row::granted, applicant::natural_person).value.units + 2);
    std::get<active_disclosure>(jia_published.active).fees = number_cell(decimal{1, 1});
    c.add("甲区人民政府.json", jia_published);
    const roster r = make_roster(c.units, c.entries, 2024);
    const std::vector<unit_aggregate> sums = aggregate_units(c.units, r, c.lookup());
    ASSERT_EQ(sums.size(), 3u);
    // Children before parents.
    EXPECT_EQ(sums[0].parent, "甲区人民政府");
    EXPECT_EQ(sums[1].parent, "乙区人民政府");
    EXPECT_EQ(sums[2].parent, "淮安市人民政府");

    const unit_aggregate &a = sums[0];
    ASSERT_TRUE(a.sum);
    EXPECT_TRUE(a.complete);
    for_each_cell(*a.sum, [&](cell_ref at, const cell &x) {
        ASSERT_TRUE(x.is_number()) << json_pointer(at);
        EXPECT_TRUE(compare(x.value, cell_sum(jia, at)) == 0) << json_pointer(at);
    });
    EXPECT_EQ(std::get<active_disclosure>(a.sum->active).fees.value.scale, 2);  // fees summed exactly, as printed
    EXPECT_EQ(a.compared_file, "甲区人民政府.json");
    ASSERT_EQ(a.differences.size(), 2u);
    EXPECT_EQ(json_pointer(a.differences[0].at), "/active_disclosure/fees");
    EXPECT_EQ(*a.differences[0].difference,
              subtract(decimal{1, 1}, cell_sum(jia, ref(active_item::fees))));
    EXPECT_EQ(json_pointer(a.differences[1].at), "/applications/granted/natural_person");
    EXPECT_EQ(to_string(*a.differences[1].difference), "2");

    // 乙区 marks its own office: its report is a part, and nothing is compared.
    const unit_aggregate &b = sums[1];
    ASSERT_EQ(b.parts.size(), 2u);
    EXPECT_TRUE(b.parts[0].own_office);
    EXPECT_EQ(b.parts[0].file, "乙区人民政府.json");
    EXPECT_TRUE(b.compared_file.empty());
    const std::vector<const report *> yi = {&c.reports["乙区人民政府.json"], &c.reports["乙区教育局.json"]};

    // 市: 甲区 by its published report (a 汇总 itself), 乙区 by its 汇总 (its report is its own office only),
    // 市教育局 by its report; the city published nothing, so it is missing and nothing is compared.
    const unit_aggregate &city_sum = sums[2];
    ASSERT_EQ(city_sum.parts.size(), 3u);
    EXPECT_EQ(city_sum.parts[0].source, part_source::report);
    EXPECT_EQ(city_sum.parts[1].source, part_source::aggregate);
    EXPECT_EQ(city_sum.parts[2].source, part_source::report);
    EXPECT_TRUE(city_sum.complete);
    const std::vector<const report *> city_parts = {&jia_published, &c.reports["淮安市教育局.json"]};
    for_each_cell(*city_sum.sum, [&](cell_ref at, const cell &x) {
        const decimal expected = *add(cell_sum(city_parts, at), cell_sum(yi, at));
        EXPECT_TRUE(compare(x.value, expected) == 0) << json_pointer(at);
    });
    EXPECT_EQ(city_sum.sum->agency, "淮安市人民政府");
    EXPECT_EQ(city_sum.sum->year, 2024);
    EXPECT_TRUE(city_sum.differences.empty());
    // The canonical JSON of the sum reads back as the same report.
    EXPECT_EQ(parse_report(to_json_text(*city_sum.sum)), *city_sum.sum);
    const boost::json::object j = to_json(a);
    EXPECT_EQ(j.at("differences").as_array().size(), 2u);
    EXPECT_EQ(j.at("differences").as_array()[1].at("difference").as_string(), "2");
}

TEST(aggregate, a_missing_child_makes_the_sum_incomplete_and_an_unreadable_cell_stays_unread) {
    corpus c = city(2024);
    c.reports["乙区教育局.json"].applications(row::granted, applicant::total) = read_cell("约12");
    c.entries.clear();
    for (const auto &[file, r] : c.reports)
        if (file != "甲区财政局.json") c.add(file, r);
    const roster r = make_roster(c.units, c.entries, 2024);
    const std::vector<unit_aggregate> sums = aggregate_units(c.units, r, c.lookup());
    EXPECT_FALSE(sums[0].complete);
    EXPECT_EQ(sums[0].parts[1].source, part_source::missing);
    const cell &granted = sums[1].sum->applications(row::granted, applicant::total);
    EXPECT_EQ(granted.kind, cell_kind::unreadable);
    EXPECT_NE(granted.text.find("乙区教育局"), std::string::npos);
    EXPECT_EQ(to_json(sums[1]).at("unread").as_array().size(), 1u);
}

TEST(aggregate, reports_of_two_formats_are_not_summed) {
    report a = generated("甲", 2024, 1), b = generated("乙", 2024, 2);
    b.active = active_disclosure_2019{};
    const std::vector<const report *> parts = {&a, &b};
    std::string why;
    EXPECT_FALSE(sum_tables(parts, why));
    EXPECT_NE(why.find("乙"), std::string::npos);
}

// A report with the table-三 and 四 cells the indicators read set to given values.
report with_figures(std::int64_t granted, std::int64_t partial, std::int64_t denied_secret, std::int64_t not_held,
                    std::int64_t repeated, std::int64_t processed, std::int64_t received, std::int64_t carried_over,
                    std::int64_t carried_forward) {
    report r = generated("甲局", 2024, 1);
    auto set = [&](row rw, std::int64_t v) { r.applications(rw, applicant::total) = count_cell(v); };
    for (row rw : all_of<row>()) set(rw, 0);
    set(row::granted, granted);
    set(row::partially_granted, partial);
    set(row::denied_state_secret, denied_secret);
    set(row::denied_third_party_rights, 1);
    set(row::unavailable_not_held, not_held);
    set(row::rejected_repeated, repeated);
    set(row::total_processed, processed);
    set(row::new_received, received);
    set(row::carried_over, carried_over);
    set(row::carried_forward, carried_forward);
    auto &t4 = r.review_litigation;
    t4[proceeding::administrative_review][case_result::corrected] = count_cell(2);
    t4[proceeding::administrative_review][case_result::pending] = count_cell(3);
    t4[proceeding::administrative_review][case_result::total] = count_cell(11);
    t4[proceeding::litigation_direct][case_result::corrected] = count_cell(1);
    t4[proceeding::litigation_direct][case_result::pending] = count_cell(0);
    t4[proceeding::litigation_direct][case_result::total] = count_cell(4);
    t4[proceeding::litigation_after_review][case_result::corrected] = count_cell(1);
    t4[proceeding::litigation_after_review][case_result::pending] = count_cell(2);
    t4[proceeding::litigation_after_review][case_result::total] = count_cell(8);
    return r;
}

TEST(indicators, each_follows_its_formula) {
    const report r = with_figures(30, 10, 4, 5, 1, 50, 45, 10, 5);
    const indicator_set s = compute_indicators(r);
    EXPECT_DOUBLE_EQ(*s[indicator::disclosure_rate].value, 40.0 / 50);
    EXPECT_DOUBLE_EQ(*s[indicator::disclosure_rate_granted].value, 30.0 / 50);
    EXPECT_DOUBLE_EQ(*s[indicator::disclosure_rate_decided].value, 40.0 / 45);  // 30 + 10 + 4 + 1 denied
    EXPECT_DOUBLE_EQ(*s[indicator::denied_share].value, 5.0 / 50);
    EXPECT_DOUBLE_EQ(*s[indicator::unavailable_share].value, 5.0 / 50);
    EXPECT_DOUBLE_EQ(*s[indicator::rejected_share].value, 1.0 / 50);
    EXPECT_DOUBLE_EQ(*s[indicator::carry_forward_rate].value, 5.0 / 55);
    EXPECT_DOUBLE_EQ(*s[indicator::review_correction_rate].value, 2.0 / 8);
    EXPECT_DOUBLE_EQ(*s[indicator::litigation_correction_rate].value, 2.0 / 10);
    EXPECT_EQ(to_string(*s[indicator::review_correction_rate].denominator), "8");
    EXPECT_FALSE(s[indicator::prose_repetition].value);
    EXPECT_FALSE(s[indicator::disclosure_rate].previous);
}

TEST(indicators, last_years_value_and_the_change) {
    const report previous = with_figures(20, 0, 0, 0, 0, 40, 40, 0, 0);
    report current = with_figures(30, 10, 4, 5, 1, 50, 45, 10, 5);
    current.applications(row::new_received, applicant::natural_person) = count_cell(9);
    const indicator_set s = compute_indicators(current, &previous);
    EXPECT_DOUBLE_EQ(*s[indicator::disclosure_rate].previous, 0.5);
    EXPECT_DOUBLE_EQ(*s[indicator::disclosure_rate].change, 0.8 - 0.5);
    const category_count &people = s.applications[index(applicant::natural_person)];
    EXPECT_EQ(to_string(*people.count), "9");
    EXPECT_DOUBLE_EQ(*people.share, 9.0 / 45);
    EXPECT_EQ(to_string(*people.change), std::to_string(9 - previous.applications(row::new_received, applicant::natural_person).value.units));
}

TEST(indicators, a_zero_denominator_or_an_unusable_cell_gives_no_value_and_says_why) {
    report r = with_figures(0, 0, 0, 0, 0, 0, 0, 0, 0);
    EXPECT_FALSE(compute_indicators(r)[indicator::disclosure_rate].value);
    EXPECT_EQ(compute_indicators(r)[indicator::disclosure_rate].reason, "分母为0");
    r.applications(row::granted, applicant::total) = read_cell("若干");
    const indicator_value v = compute_indicators(r)[indicator::disclosure_rate];
    EXPECT_FALSE(v.value);
    EXPECT_NE(v.reason.find("/applications/granted/total"), std::string::npos);
}

TEST(indicators, prose_repeated_from_last_year_is_measured_and_flagged_above_half) {
    report previous = generated("甲局", 2023, 1), current = generated("甲局", 2024, 2);
    const std::string kept = "本机关坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。";
    previous.sections[section::overview] = kept;
    current.sections[section::overview] = kept;
    current.sections[section::problems] = "存在的问题：部分栏目更新不够及时，解读形式较为单一。";
    std::size_t shared = 0, all = 0;
    const double share = *prose_repetition(current, previous, &shared, &all);
    EXPECT_GT(shared, 0u);
    EXPECT_LT(shared, all);
    EXPECT_DOUBLE_EQ(share, static_cast<double>(shared) / static_cast<double>(all));
    const indicator_value v = compute_indicators(current, &previous)[indicator::prose_repetition];
    EXPECT_EQ(v.flagged, share > 0.5);
    current.sections[section::problems].reset();
    EXPECT_DOUBLE_EQ(*prose_repetition(current, previous), 1.0);
    EXPECT_TRUE(compute_indicators(current, &previous)[indicator::prose_repetition].flagged);
    current.sections[section::overview] = "今年全新撰写的一段文字，与去年完全不同，讲述新的工作举措和成效。";
    EXPECT_DOUBLE_EQ(*prose_repetition(current, previous), 0.0);
    EXPECT_FALSE(compute_indicators(current, &previous)[indicator::prose_repetition].flagged);
}

TEST(indicators, json_gives_formula_sources_and_exact_parts) {
    const boost::json::object j = to_json(compute_indicators(with_figures(30, 10, 4, 5, 1, 50, 45, 10, 5)));
    const auto &first = j.at("indicators").as_array()[0].as_object();
    EXPECT_EQ(first.at("id").as_string(), "disclosure_rate");
    EXPECT_EQ(first.at("numerator").as_string(), "40");
    EXPECT_EQ(first.at("denominator").as_string(), "50");
    EXPECT_DOUBLE_EQ(first.at("value").as_double(), 0.8);
    EXPECT_EQ(first.at("denominator_cells").as_array()[0].as_string(), "/applications/total_processed/total");
    EXPECT_EQ(j.at("indicators").as_array()[1].at("variant_of").as_string(), "disclosure_rate");
    EXPECT_EQ(j.at("applications").as_array().size(), 6u);
}

}  // namespace
}  // namespace xxgk
