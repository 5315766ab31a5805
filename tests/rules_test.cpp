#include "test_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <algorithm>
#include <map>
#include <random>

using namespace xxgk;

// Counts heap allocations while `counting` is set, to prove a clean check allocates nothing.
namespace {
std::atomic<bool> counting{false};
std::atomic<long> allocations{0};
}  // namespace

// The replacement pair below is malloc/free on purpose; GCC cannot see that they match.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

void *operator new(std::size_t n) {
    if (counting) ++allocations;
    if (void *p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
// The nothrow form too (std::stable_sort's buffer uses it): every form of new here must pair with the free below.
void *operator new(std::size_t n, const std::nothrow_t &) noexcept {
    if (counting) ++allocations;
    return std::malloc(n ? n : 1);
}
void operator delete(void *p) noexcept { std::free(p); }
void operator delete(void *p, const std::nothrow_t &) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }

namespace {

report seed() { return test::seed(); }
cell &t3(report &r, row rw, applicant a) { return r.applications(rw, a); }
cell &t4(report &r, proceeding p, case_result c) { return r.review_litigation[p][c]; }
active_disclosure &t2(report &r) { return std::get<active_disclosure>(r.active); }

// The findings of `which` only.
std::vector<diagnostic> of(const std::vector<diagnostic> &ds, rule which) {
    std::vector<diagnostic> out;
    for (const auto &d : ds)
        if (d.which == which) out.push_back(d);
    return out;
}

std::vector<std::string> rule_ids(const std::vector<diagnostic> &ds) {
    std::vector<std::string> ids;
    for (const auto &d : ds) ids.emplace_back(info(d.which).id);
    return ids;
}

}  // namespace

TEST(rules, the_seed_has_no_finding) { EXPECT_TRUE(check(seed()).empty()); }

TEST(rules, a_clean_check_allocates_nothing) {
    const report r = seed();
    const check_options options;
    std::vector<diagnostic> out;
    allocations = 0;
    counting = true;
    check(r, options, out);
    counting = false;
    EXPECT_TRUE(out.empty());
    EXPECT_EQ(allocations.load(), 0);
}

TEST(rules, catalogue_lists_every_rule_once_with_messages) {
    for (rule r : all_of<rule>()) {
        const rule_info &e = info(r);
        EXPECT_EQ(e.which, r);
        EXPECT_EQ(find_rule(e.id), r) << e.id;
        EXPECT_FALSE(e.message_zh.empty());
        EXPECT_FALSE(e.message_en.empty());
        EXPECT_FALSE(e.rationale_en.empty());
    }
    EXPECT_EQ(find_rule("t3.nonsense"), std::nullopt);
}

TEST(rules, every_rule_has_a_chinese_rationale_beside_the_english_one) {
    for (rule r : all_of<rule>()) {
        const rule_info &e = info(r);
        EXPECT_FALSE(e.rationale_zh.empty()) << e.id;
        EXPECT_NE(e.rationale_zh, e.rationale_en) << e.id;
        // Written in Chinese: it holds the UTF-8 lead byte of a CJK character (U+4E00..U+9FFF).
        EXPECT_TRUE(std::ranges::any_of(e.rationale_zh, [](char c) {
            const auto b = static_cast<unsigned char>(c);
            return b >= 0xE4 && b <= 0xE9;
        })) << e.id;
        EXPECT_EQ(rationale(e, language::zh), e.rationale_zh);
        EXPECT_EQ(rationale(e, language::en), e.rationale_en);
    }
}

TEST(rules, not_numeric_fails_on_text_in_a_count_cell) {
    report r = seed();
    t3(r, row::granted, applicant::research) = read_cell("见附件");
    const auto ds = check(r);
    const auto found = of(ds, rule::cell_not_numeric);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(json_pointer(found[0].cells[0]), "/applications/granted/research");
    EXPECT_EQ(found[0].text, "见附件");
    // The identities over that cell cannot be assessed: said, not passed and not failed.
    EXPECT_EQ(of(ds, rule::t3_applicant_total).at(0).state, status::not_assessable);
    EXPECT_EQ(of(ds, rule::t3_outcome_total).at(0).state, status::not_assessable);
    EXPECT_EQ(of(ds, rule::t3_applicant_total).at(0).level, severity::info);
}

TEST(rules, blank_warns_and_counts_as_zero) {
    report r = seed();
    t4(r, proceeding::administrative_review, case_result::pending) = cell{};
    const auto ds = check(r);
    ASSERT_EQ(rule_ids(ds), std::vector<std::string>{"cell.blank"});
    EXPECT_EQ(ds[0].level, severity::warning);
    EXPECT_EQ(json_pointer(ds[0].cells[0]), "/review_litigation/administrative_review/pending");
}

TEST(rules, placeholder_warns_with_its_text) {
    report r = seed();
    t2(r).licensing = read_cell("/");
    const auto ds = check(r);
    ASSERT_EQ(rule_ids(ds), std::vector<std::string>{"cell.placeholder"});
    EXPECT_EQ(ds[0].text, "/");
    EXPECT_EQ(message(ds[0], language::en), "Administrative licensing / Decisions this year holds \"/\" instead of a number; counted as 0");
}

TEST(rules, negative_fails_on_counts_and_fees_but_not_on_a_2019_change) {
    report r = seed();
    t2(r).fees = read_cell("-0.5");
    auto ds = check(r);
    ASSERT_EQ(rule_ids(ds), std::vector<std::string>{"cell.negative"});
    EXPECT_EQ(ds[0].left, (decimal{-5, 1}));

    report old = parse_report(test::read_file(test::source_path("tests/samples/pingtan/36-suping-2020/expected.json")));
    std::get<active_disclosure_2019>(old.active).licensing.change = read_cell("减3");
    EXPECT_TRUE(of(check(old), rule::cell_negative).empty());
}

TEST(rules, fractional_fails_on_counts_only) {
    report r = seed();
    t2(r).punishment = read_cell("2.5");
    auto ds = check(r);
    ASSERT_EQ(rule_ids(ds), std::vector<std::string>{"cell.fractional"});
    EXPECT_EQ(json_pointer(ds[0].cells[0]), "/active_disclosure/punishment");
    r = seed();
    t2(r).fees = read_cell("0.35");
    EXPECT_TRUE(check(r).empty());
}

TEST(rules, unreadable_fails_and_leaves_its_identities_not_assessable) {
    report r = seed();
    t4(r, proceeding::litigation_direct, case_result::upheld).kind = cell_kind::unreadable;
    const auto ds = check(r);
    ASSERT_EQ(of(ds, rule::cell_unreadable).size(), 1u);
    ASSERT_EQ(of(ds, rule::t4_total).size(), 1u);
    EXPECT_EQ(of(ds, rule::t4_total)[0].state, status::not_assessable);
    EXPECT_EQ(json_pointer(of(ds, rule::t4_total)[0].cells[0]), "/review_litigation/litigation_direct/upheld");
}

TEST(rules, fee_unit_warns_on_yuan_or_beyond_the_threshold) {
    report r = seed();
    t2(r).fees = read_cell("3500元");
    auto ds = check(r);
    ASSERT_EQ(rule_ids(ds), std::vector<std::string>{"t2.fee_unit"});
    EXPECT_EQ(ds[0].left, (decimal{3500, 0}));
    t2(r).fees = read_cell("3500");
    EXPECT_TRUE(check(r).empty());
    check_options strict;
    strict.fee_unit_threshold = decimal{1000, 0};
    EXPECT_EQ(rule_ids(check(r, strict)), std::vector<std::string>{"t2.fee_unit"});
    t2(r).fees = read_cell("3500万元");
    EXPECT_TRUE(check(r).empty());
}

TEST(rules, fee_unit_message_names_what_fired) {
    report r = seed();
    t2(r).fees = read_cell("3500元");
    const auto unit = check(r);
    ASSERT_EQ(unit.size(), 1u);
    EXPECT_FALSE(unit[0].right.has_value()) << "no threshold was involved";
    EXPECT_EQ(unit[0].text, "3500元");
    EXPECT_EQ(message(unit[0]), "行政事业性收费金额3500以元为单位（“3500元”），表二应以万元填写");
    EXPECT_EQ(message(unit[0], language::en).find("threshold"), std::string::npos);
    t2(r).fees = read_cell("2000000");
    const auto large = check(r);
    ASSERT_EQ(large.size(), 1u);
    EXPECT_EQ(large[0].right, (decimal{1000000, 0}));
    EXPECT_NE(message(large[0]).find("阈值1000000万元"), std::string::npos);
}

TEST(rules, in_force_bound_warns_when_fewer_are_in_force_than_issued_less_repealed) {
    report r = seed();
    t2(r).regulations.issued = read_cell("5");
    t2(r).regulations.repealed = read_cell("1");
    t2(r).regulations.in_force = read_cell("4");
    EXPECT_TRUE(check(r).empty()) << "4 = 5 − 1";
    t2(r).regulations.in_force = read_cell("9");
    EXPECT_TRUE(check(r).empty()) << "documents of earlier years are in force too";
    t2(r).normative_documents.issued = read_cell("7");
    t2(r).normative_documents.in_force = read_cell("3");
    const auto ds = check(r);
    ASSERT_EQ(rule_ids(ds), std::vector<std::string>{"t2.in_force_bound"});
    EXPECT_EQ(ds[0].level, severity::warning);
    EXPECT_EQ(json_pointer(ds[0].cells[0]), "/active_disclosure/normative_documents/in_force");
    EXPECT_EQ(ds[0].cells.size(), 3u);
    EXPECT_EQ(ds[0].left, (decimal{3, 0}));
    EXPECT_EQ(ds[0].right, (decimal{7, 0}));
    EXPECT_EQ(ds[0].difference, (decimal{-4, 0}));
    EXPECT_EQ(message(ds[0]), "行政规范性文件：现行有效件数为3，少于本年制发件数减本年废止件数7，相差-4");
    t2(r).normative_documents.issued = read_cell("若干");
    EXPECT_EQ(of(check(r), rule::t2_in_force_bound).at(0).state, status::not_assessable);
}

TEST(rules, balance_fails_when_carry_forward_is_off_by_one) {
    report r = seed();
    t3(r, row::carried_forward, applicant::natural_person) = count_cell(1);
    t3(r, row::carried_forward, applicant::total) = count_cell(1);
    const auto ds = check(r);
    ASSERT_EQ(rule_ids(ds), (std::vector<std::string>{"t3.balance", "t3.balance"}));
    EXPECT_EQ(json_pointer(ds[0].cells[3]), "/applications/carried_forward/natural_person");
    EXPECT_EQ(ds[0].left, (decimal{1, 0}));
    EXPECT_EQ(ds[0].right, (decimal{2, 0}));
    EXPECT_EQ(ds[0].difference, (decimal{-1, 0}));
    EXPECT_EQ(labels(ds[1].cells[0]).column, "总计");
    EXPECT_EQ(message(ds[0]), "自然人列：第一项加第二项之和为1，第三项加第四项之和为2，相差-1");
}

TEST(rules, outcome_total_fails_when_an_outcome_is_not_counted) {
    report r = seed();
    t3(r, row::unavailable_not_held, applicant::natural_person) = count_cell(1);
    t3(r, row::unavailable_not_held, applicant::total) = count_cell(1);
    const auto ds = check(r);
    ASSERT_EQ(rule_ids(ds), (std::vector<std::string>{"t3.outcome_total", "t3.outcome_total"}));
    EXPECT_EQ(json_pointer(ds[0].cells[0]), "/applications/total_processed/natural_person");
    EXPECT_EQ(ds[0].left, (decimal{1, 0}));
    EXPECT_EQ(ds[0].right, (decimal{2, 0}));
    EXPECT_EQ(ds[0].cells.size(), 22u);
}

TEST(rules, applicant_total_fails_per_row) {
    report r = seed();
    t3(r, row::new_received, applicant::commercial) = count_cell(2);
    t3(r, row::carried_forward, applicant::commercial) = count_cell(2);
    const auto ds = check(r);
    ASSERT_EQ(rule_ids(ds), (std::vector<std::string>{"t3.applicant_total", "t3.applicant_total"}));
    EXPECT_EQ(json_pointer(ds[0].cells[0]), "/applications/new_received/total");
    EXPECT_EQ(ds[0].left, (decimal{1, 0}));
    EXPECT_EQ(ds[0].right, (decimal{3, 0}));
    EXPECT_EQ(json_pointer(ds[1].cells[0]), "/applications/carried_forward/total");
}

TEST(rules, total_blank_is_reported_once_instead_of_a_blank_and_a_broken_sum) {
    report r = seed();
    t3(r, row::granted, applicant::total) = cell{};
    const auto ds = check(r);
    ASSERT_EQ(rule_ids(ds), std::vector<std::string>{"t3.total_blank"});
    EXPECT_EQ(json_pointer(ds[0].cells[0]), "/applications/granted/total");
    EXPECT_EQ(ds[0].right, (decimal{1, 0}));
    // With the rule off, the blank and the broken sums are reported as such.
    check_options o;
    o.disable(rule::t3_total_blank);
    EXPECT_EQ(rule_ids(check(r, o)), (std::vector<std::string>{"cell.blank", "t3.outcome_total", "t3.applicant_total"}));
}

TEST(rules, total_blank_passes_when_the_parts_are_zero) {
    report r = seed();
    t3(r, row::denied_state_secret, applicant::total) = cell{};
    EXPECT_EQ(rule_ids(check(r)), std::vector<std::string>{"cell.blank"});
}

TEST(rules, review_total_fails_per_proceeding) {
    report r = seed();
    t4(r, proceeding::litigation_after_review, case_result::corrected) = count_cell(1);
    const auto ds = check(r);
    ASSERT_EQ(rule_ids(ds), std::vector<std::string>{"t4.total"});
    EXPECT_EQ(json_pointer(ds[0].cells[0]), "/review_litigation/litigation_after_review/total");
    EXPECT_EQ(ds[0].left, (decimal{0, 0}));
    EXPECT_EQ(ds[0].right, (decimal{1, 0}));
    EXPECT_EQ(ds[0].difference, (decimal{-1, 0}));
}

TEST(rules, outdated_format_fails_for_2021_onward_only) {
    report r = parse_report(test::read_file(test::source_path("tests/samples/pingtan/36-suping-2020/expected.json")));
    EXPECT_TRUE(of(check(r), rule::doc_outdated_format).empty());
    r.year = 2021;
    const auto ds = of(check(r), rule::doc_outdated_format);
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(json_pointer(ds[0].cells[0]), "/format");
}

TEST(rules, the_2019_format_balances_with_its_single_other_handling_row) {
    report r = parse_report(test::read_file(test::source_path("tests/samples/pingtan/04-gwhban-2019/expected.json")));
    EXPECT_TRUE(of(check(r), rule::t3_outcome_total).empty());
    r.applications.other_handling[applicant::natural_person] = count_cell(3);
    const auto ds = check(r);
    ASSERT_EQ(of(ds, rule::t3_outcome_total).size(), 1u);
    EXPECT_EQ(of(ds, rule::t3_applicant_total).size(), 1u);
    EXPECT_EQ(json_pointer(of(ds, rule::t3_applicant_total)[0].cells[0]), "/applications/other_handling/total");
}

TEST(rules, disabled_rules_do_not_run_and_severities_can_change) {
    report r = seed();
    t4(r, proceeding::administrative_review, case_result::upheld) = count_cell(1);
    check_options o;
    o.set_severity(rule::t4_total, severity::warning);
    auto ds = check(r, o);
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(ds[0].level, severity::warning);
    EXPECT_EQ(error_count(ds), 0u);
    o.disable(rule::t4_total);
    EXPECT_TRUE(check(r, o).empty());
}

TEST(rules, the_samples_report_their_own_printed_errors) {
    const report r = parse_report(test::read_file(test::source_path("tests/samples/pingtan/93-haitan-2024/expected.json")));
    const auto ds = check(r);
    EXPECT_EQ(of(ds, rule::t3_applicant_total).size(), 6u);
    ASSERT_EQ(of(ds, rule::t3_outcome_total).size(), 1u);
    EXPECT_EQ(json_pointer(of(ds, rule::t3_outcome_total)[0].cells[0]), "/applications/total_processed/natural_person");
}

TEST(rules, diagnostics_carry_the_source_position_of_their_cell) {
    report r = seed();
    t4(r, proceeding::administrative_review, case_result::total) = count_cell(4);
    t4(r, proceeding::administrative_review, case_result::total).source = {.line = 390, .column = 2};
    const auto ds = check(r);
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(ds[0].source.line, 390u);
}

TEST(rules, the_fast_path_only_skips_reports_the_rules_find_clean) {
    // Random reports around the seed: consistent ones, and ones with one cell nudged, blanked or made text.
    std::mt19937 random(20231231);
    auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    int clean = 0, faulty = 0;
    for (int round = 0; round < 400; ++round) {
        report r = seed();
        for (std::size_t a = 0; a + 1 < enum_count<applicant>; ++a) {
            std::int64_t outcomes = 0;
            for (row rw : all_of<row>())
                if (is_outcome(rw)) {
                    const int v = pick(3) == 0 ? pick(5) : 0;
                    r.applications.rows[rw].items[a] = count_cell(v);
                    outcomes += v;
                }
            const std::int64_t over = pick(3), forward = pick(3);
            const std::int64_t received = std::max<std::int64_t>(outcomes + forward - over, 0);
            r.applications.rows[row::total_processed].items[a] = count_cell(outcomes);
            r.applications.rows[row::carried_over].items[a] = count_cell(outcomes + forward - received);
            r.applications.rows[row::carried_forward].items[a] = count_cell(forward);
            r.applications.rows[row::new_received].items[a] = count_cell(received);
        }
        for (row rw : all_of<row>()) {
            std::int64_t total = 0;
            for (std::size_t a = 0; a + 1 < enum_count<applicant>; ++a) total += r.applications.rows[rw].items[a].value.units;
            r.applications.rows[rw][applicant::total] = count_cell(total);
        }
        switch (pick(7)) {
        case 0: break;
        case 1: t3(r, row(pick(25)), applicant(pick(7))).value.units += 1; break;
        case 2: t3(r, row(pick(25)), applicant(pick(7))) = cell{}; break;
        case 3: t4(r, proceeding(pick(3)), case_result(pick(5))) = read_cell("/"); break;
        case 4: t2(r).fees = read_cell(pick(2) ? "2000000" : "0.5"); break;
        case 5: {  // a huge count with its row total raised to match: sums beyond 64 bits must not wrap to "clean"
            const row rw = row(pick(25));
            t3(r, rw, applicant::natural_person).value.units += 999'999'999'999'999'000;
            t3(r, rw, applicant::total).value.units += 999'999'999'999'999'000;
            break;
        }
        case 6:  // a negative count offset by a positive one in the same row: the row total still matches
            t3(r, row(pick(25)), applicant::natural_person).value.units -= 1;
            t3(r, row(pick(25)), applicant::commercial).value.units += 1;
            break;
        }
        std::vector<diagnostic> slow;
        detail::run_rules(r, check_options{}, slow);
        const bool fast = detail::obviously_clean(r, check_options{});
        if (fast) {
            EXPECT_TRUE(slow.empty()) << "round " << round;
        }
        if (slow.empty()) ++clean;
        else ++faulty;
        EXPECT_EQ(check(r), slow) << "round " << round;
    }
    EXPECT_GT(clean, 50);
    EXPECT_GT(faulty, 50);
}

// The identities I-1 … I-4, written once in for_each_identity: as many as RULES.md says, each total on the
// left of its own parts, and the same ones the table rules check.
TEST(identities, every_identity_of_each_format_once_with_its_total_on_the_left) {
    for (format_version f : {format_version::v2021, format_version::v2019}) {
        std::map<rule, std::size_t> count;  // by rule
        const std::size_t rows = detail::rows_of(f).size;
        for_each_identity(f, [&](const table_identity &id) {
            ++count[id.which];
            ASSERT_FALSE(id.lhs.empty());
            ASSERT_FALSE(id.rhs.empty());
            for (cell_ref l : id.lhs)
                EXPECT_EQ(std::find(id.rhs.begin(), id.rhs.end(), l), id.rhs.end()) << json_pointer(l);
            if (id.which == rule::t3_outcome_total) {
                EXPECT_EQ(id.lhs.front(), ref(row::total_processed, applicant(id.lhs.front().column)));
                if (f == format_version::v2021) {
                    EXPECT_EQ(id.rhs.size(), 21u);  // 予以公开 … 其他处理
                }
            }
            if (id.which == rule::t4_total) {
                EXPECT_EQ(id.rhs.size(), 4u);
            }
        });
        EXPECT_EQ(count[rule::t3_balance], enum_count<applicant>);
        EXPECT_EQ(count[rule::t3_outcome_total], enum_count<applicant>);
        EXPECT_EQ(count[rule::t3_applicant_total], rows);
        EXPECT_EQ(count[rule::t4_total], enum_count<proceeding>);
        EXPECT_EQ(count.size(), 4u);
        std::size_t other = 0;
        for_each_identity(f, rule::cell_blank, [&](const table_identity &) { ++other; });
        EXPECT_EQ(other, 0u);
    }
}

// Breaking any one cell of an identity of a clean report makes exactly the rule of that identity fire.
TEST(identities, each_identity_is_the_one_its_rule_checks) {
    const report clean = seed();
    ASSERT_TRUE(check(clean).empty());
    for_each_identity(clean.format(), [&](const table_identity &id) {
        report broken = clean;
        cell &c = *find_cell(broken, id.rhs.back());
        c = count_cell(c.arithmetic_value().units + 1);
        bool fired = false;
        for (const diagnostic &d : check(broken)) fired = fired || (d.which == id.which && d.cells.front() == id.lhs.front());
        EXPECT_TRUE(fired) << info(id.which).id << " " << json_pointer(id.rhs.back());
    });
}

TEST(identities, quantity_of_says_which_cells_are_counts_amounts_and_signed_changes) {
    EXPECT_EQ(quantity_of(ref(active_item::fees)), quantity_kind::amount);
    EXPECT_EQ(quantity_of(ref(active_item::licensing)), quantity_kind::count);
    EXPECT_EQ(quantity_of(ref(active_item_2019::procurement, column_2019::amount)), quantity_kind::amount);
    EXPECT_EQ(quantity_of(ref(active_item_2019::procurement, column_2019::items)), quantity_kind::count);
    EXPECT_EQ(quantity_of(ref(active_item_2019::fees, column_2019::change)), quantity_kind::signed_change);
    EXPECT_EQ(quantity_of(ref(row::granted, applicant::natural_person)), quantity_kind::count);
    EXPECT_TRUE(is_count(ref(proceeding::administrative_review, case_result::total)));
    EXPECT_FALSE(is_count(ref(active_item::fees)));
    EXPECT_FALSE(is_count(ref(metadata_field::year)));
}
