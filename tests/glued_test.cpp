// Splitting glued digits (src/read/map/glued.hpp): forced by the digit count, by I-3, by I-4, by the column
// identities; left unread with the candidates when nothing decides; bounded work.
#include "../src/read/map/glued.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>

using namespace xxgk;
using namespace xxgk::read;

namespace {

// The whitespace-separated tokens of `printed`, positioned on `line` with 1-based code-point columns.
std::vector<text_cell> tokens(std::string_view printed, std::uint32_t line = 1) {
    std::vector<text_cell> out;
    std::uint32_t column = 1;
    std::size_t i = 0;
    while (i < printed.size()) {
        if (printed[i] == ' ') {
            ++i, ++column;
            continue;
        }
        text_cell t;
        t.pos.line = line, t.pos.column = column;
        while (i < printed.size() && printed[i] != ' ') {
            const auto c = static_cast<unsigned char>(printed[i]);
            const std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            t.text.append(printed.substr(i, n));
            i += n, ++column;
        }
        out.push_back(std::move(t));
    }
    return out;
}

printed_row t3_row(row rw, std::string_view printed, std::uint32_t line = 1) {
    return {ref(rw, applicant::natural_person), 7, tokens(printed, line)};
}

std::vector<std::int64_t> t3_values(const report &r, row rw) {
    std::vector<std::int64_t> out;
    for (applicant a : all_of<applicant>()) {
        const cell &c = r.applications(rw, a);
        out.push_back(c.kind == cell_kind::number ? c.value.units : -1);
    }
    return out;
}

std::vector<diagnostic> place(report &r, table_id t, std::vector<printed_row> rows) {
    std::vector<diagnostic> out;
    place_rows(r, t, rows, out);
    return out;
}

report trial() {
    report r;
    r.active = active_disclosure_2019{};
    return r;
}

}  // namespace

TEST(glued, exact_token_count_reads_each_token_with_its_position) {
    report r;
    const auto ds = place(r, table_id::applications, {t3_row(row::new_received, "5 1 0 0 0 0 6", 4)});
    EXPECT_TRUE(ds.empty());
    EXPECT_EQ(t3_values(r, row::new_received), (std::vector<std::int64_t>{5, 1, 0, 0, 0, 0, 6}));
    EXPECT_EQ(r.applications(row::new_received, applicant::total).source, (source_position{4, 13}));
}

TEST(glued, split_forced_by_digit_count_is_kept_even_when_the_row_total_is_wrong) {
    report r;  // 93-haitan prints every 总计 as 0
    const auto ds = place(r, table_id::applications, {t3_row(row::new_received, "5100000")});
    EXPECT_TRUE(ds.empty());
    EXPECT_EQ(t3_values(r, row::new_received), (std::vector<std::int64_t>{5, 1, 0, 0, 0, 0, 0}));
    EXPECT_EQ(r.applications(row::new_received, applicant::commercial).source, (source_position{1, 2}));
}

TEST(glued, row_total_decides_between_splits) {
    report r;  // 47-ziranziyuan: `160 02 0 018` could also read 1|60|0|2|0|0|18
    const auto ds = place(r, table_id::applications,
                          {t3_row(row::new_received, "160 02 0 018"), t3_row(row::total_processed, "180 0 0 0 018")});
    EXPECT_TRUE(ds.empty());
    EXPECT_EQ(t3_values(r, row::new_received), (std::vector<std::int64_t>{16, 0, 0, 2, 0, 0, 18}));
    EXPECT_EQ(t3_values(r, row::total_processed), (std::vector<std::int64_t>{18, 0, 0, 0, 0, 0, 18}));
    EXPECT_EQ(r.applications(row::new_received, applicant::total).source, (source_position{1, 11}));
}

TEST(glued, proceeding_totals_decide_table_four_printed_as_one_line) {
    report r;  // 47-ziranziyuan: 17 digits for 15 cells
    const auto ds = place(r, table_id::review_litigation,
                          {{ref(proceeding::administrative_review, case_result::upheld), 15,
                            tokens("1 02 0 312 00 012 0 00 00")}});
    EXPECT_TRUE(ds.empty());
    std::vector<std::int64_t> got;
    for (proceeding p : all_of<proceeding>())
        for (case_result c : all_of<case_result>()) got.push_back(r.review_litigation[p][c].value.units);
    EXPECT_EQ(got, (std::vector<std::int64_t>{1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0}));
}

TEST(glued, column_identities_decide_rows_the_row_totals_leave_open) {
    report r;  // each row alone reads 1|10|… or 11|0|…; I-1 over 自然人 and 商业企业 needs 11 and 0 in both
    const auto ds = place(r, table_id::applications,
                          {t3_row(row::new_received, "110 0 0 0 0 11"), t3_row(row::carried_over, "110 0 0 0 0 11"),
                           t3_row(row::total_processed, "22 0 0 0 0 0 22"), t3_row(row::carried_forward, "0 0 0 0 0 0 0")});
    EXPECT_TRUE(ds.empty());
    EXPECT_EQ(t3_values(r, row::new_received), (std::vector<std::int64_t>{11, 0, 0, 0, 0, 0, 11}));
    EXPECT_EQ(t3_values(r, row::carried_over), (std::vector<std::int64_t>{11, 0, 0, 0, 0, 0, 11}));
}

// Where no split of separated tokens satisfies the identities, no split is a reading: the whole row is unread.
TEST(glued, no_combination_satisfying_the_identities_leaves_the_rows_unread) {
    report r;  // 12 = new + carried over has no reading with 商业企业 summing to 0
    const auto ds = place(r, table_id::applications,
                          {t3_row(row::new_received, "110 0 0 0 0 11"), t3_row(row::carried_over, "110 0 0 0 0 11"),
                           t3_row(row::total_processed, "12 0 0 0 0 0 12"), t3_row(row::carried_forward, "0 0 0 0 0 0 0")});
    ASSERT_EQ(ds.size(), 2u);
    for (const diagnostic &d : ds) {
        EXPECT_EQ(d.which, rule::cell_unreadable);
        EXPECT_EQ(d.level, severity::error);
        EXPECT_EQ(d.cells.size(), 7u);
        EXPECT_NE(d.text.find("没有满足"), std::string::npos) << d.text;
        EXPECT_NE(d.text.find("1|10|0|0|0|0|11"), std::string::npos) << d.text;
    }
    EXPECT_EQ(t3_values(r, row::new_received), (std::vector<std::int64_t>(7, -1)));
    EXPECT_EQ(t3_values(r, row::total_processed), (std::vector<std::int64_t>{12, 0, 0, 0, 0, 0, 12}));
}

TEST(glued, row_total_failing_for_every_split_leaves_the_row_unread) {
    report r;
    const auto ds = place(r, table_id::applications, {t3_row(row::granted, "123 0 0 0 0 0")});
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(ds[0].cells.size(), 7u);
    EXPECT_NE(ds[0].text.find("没有满足"), std::string::npos);
    EXPECT_EQ(r.applications(row::granted, applicant::research).kind, cell_kind::unreadable);
    // Glued without any separator, a row whose splits all break its total keeps the cells they agree on.
    report glued;
    const auto one = place(glued, table_id::applications, {t3_row(row::granted, "12300000")});
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0].cells.size(), 3u);  // 12|3|0…, 1|23|0…, 1|2|30|…
    EXPECT_EQ(glued.applications(row::granted, applicant::social_welfare).kind, cell_kind::number);
}

TEST(glued, table_two_has_no_identity_so_several_splits_stay_unread_with_the_candidates) {
    report r;  // 47-ziranziyuan 行政规范性文件5066
    const auto ds = place(r, table_id::active_disclosure, {{ref(active_item::normative_documents, document_column::issued), 3,
                                                            tokens("5066", 7)}});
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(ds[0].text, "（候选：5|0|66；50|6|6）");
    EXPECT_EQ(ds[0].cells.size(), 3u);
    EXPECT_EQ(ds[0].source, (source_position{7, 1}));
    const auto &t2 = std::get<active_disclosure>(r.active);
    EXPECT_EQ(t2.normative_documents.issued.kind, cell_kind::unreadable);
    EXPECT_EQ(t2.normative_documents.in_force.kind, cell_kind::unreadable);
}

TEST(glued, leading_zeros_are_not_counts_so_13013_has_four_readings) {
    report r;  // 75-shichangjianguan: 1|30|13, 1|301|3, 13|0|13, 130|1|3 (not 1|3|013, 13|01|3)
    const auto ds = place(r, table_id::active_disclosure, {{ref(active_item::normative_documents, document_column::issued), 3,
                                                            tokens("13013")}});
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(ds[0].text, "（候选：1|30|13；1|301|3；13|0|13；130|1|3）");
}

TEST(glued, cells_every_split_agrees_on_are_read) {
    report r = trial();  // 08-jiaojian 行政许可8801: 8|80|1 or 88|0|1, 处理决定数量 1 either way
    const auto ds = place(r, table_id::active_disclosure,
                          {{ref(active_item_2019::licensing, column_2019::previous_items), 3, tokens("8801")}});
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(ds[0].cells.size(), 2u);
    const auto &t2 = std::get<active_disclosure_2019>(r.active);
    EXPECT_EQ(t2.licensing.previous_items.kind, cell_kind::unreadable);
    EXPECT_EQ(t2.licensing.change.kind, cell_kind::unreadable);
    EXPECT_EQ(t2.licensing.decisions, (cell{cell_kind::number, {1, 0}, {}, {1, 4}}));
}

TEST(glued, signed_change_of_the_2019_format_keeps_its_printed_sign) {
    report r = trial();  // 04-gwhban 行政许可0+11
    const auto ds = place(r, table_id::active_disclosure,
                          {{ref(active_item_2019::licensing, column_2019::previous_items), 3, tokens("0+11")}});
    EXPECT_TRUE(ds.empty());
    const auto &t2 = std::get<active_disclosure_2019>(r.active);
    EXPECT_EQ(t2.licensing.previous_items.value, (decimal{0, 0}));
    EXPECT_EQ(t2.licensing.change.value, (decimal{1, 0}));
    EXPECT_EQ(t2.licensing.change.text, "+1");
    EXPECT_EQ(t2.licensing.decisions.value, (decimal{1, 0}));
}

TEST(glued, money_with_decimals_and_units_splits_only_after_the_count) {
    report r = trial();  // 08-jiaojian 政府集中采购547.9659万元
    const auto ds = place(r, table_id::active_disclosure,
                          {{ref(active_item_2019::procurement, column_2019::items), 2, tokens("547.9659万元")},
                           {ref(active_item_2019::fees, column_2019::previous_items), 2, tokens("0 0")}});
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(ds[0].text, "（候选：5|47.9659万元；54|7.9659万元）");
    const auto &t2 = std::get<active_disclosure_2019>(r.active);
    EXPECT_EQ(t2.procurement.amount.kind, cell_kind::unreadable);
    EXPECT_EQ(t2.fees.change.kind, cell_kind::number);

    report one = trial();  // a lone amount is one token for one cell: read as printed
    EXPECT_TRUE(place(one, table_id::active_disclosure,
                      {{ref(active_item_2019::procurement, column_2019::items), 2, tokens("3 12.5万元")}})
                    .empty());
    EXPECT_EQ(std::get<active_disclosure_2019>(one.active).procurement.amount.value, (decimal{125, 1}));
    EXPECT_EQ(std::get<active_disclosure_2019>(one.active).procurement.amount.text, "12.5万元");
}

TEST(glued, blank_rows_stay_blank_and_placeholders_fill_one_cell) {
    report r;
    const auto ds = place(r, table_id::applications,
                          {t3_row(row::other_fee_unpaid, ""), t3_row(row::other_other, "/ 00 0 0 0 0")});
    EXPECT_TRUE(ds.empty());
    EXPECT_EQ(r.applications(row::other_fee_unpaid, applicant::total).kind, cell_kind::blank);
    EXPECT_EQ(r.applications(row::other_other, applicant::natural_person).kind, cell_kind::placeholder);
    EXPECT_EQ(t3_values(r, row::other_other)[6], 0);
}

TEST(glued, more_tokens_than_cells_is_an_error_not_a_merge) {
    report r;
    const auto ds = place(r, table_id::active_disclosure, {{ref(active_item::licensing), 1, tokens("2 21")}});
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(ds[0].text, "（2个数值对应1个单元格）");
    EXPECT_EQ(std::get<active_disclosure>(r.active).licensing.kind, cell_kind::unreadable);
}

TEST(glued, work_is_bounded_and_says_too_many_candidate_splits) {
    report r;  // all of table 三 as one line of 300 ones: astronomically many splits (speed: bench/)
    const auto ds = place(r, table_id::applications,
                          {{ref(row::new_received, applicant::natural_person), 175, tokens(std::string(300, '1'))}});
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_NE(ds[0].text.find("候选拆分过多"), std::string::npos);
    EXPECT_EQ(ds[0].cells.size(), 175u);
}

namespace {

// A table 三 whose identities hold: random outcomes per column, totals and balances computed.
report consistent_applications(std::mt19937 &rng) {
    report r;
    std::uniform_int_distribution<int> small(0, 9), often_zero(0, 5);
    auto value = [&] { return often_zero(rng) < 4 ? std::int64_t{0} : std::int64_t{small(rng)} * (small(rng) < 2 ? 11 : 1); };
    for (applicant a : all_of<applicant>()) {
        if (a == applicant::total) continue;
        std::int64_t processed = 0;
        for (row rw : all_of<row>())
            if (is_outcome(rw)) {
                const std::int64_t v = value();
                r.applications(rw, a) = count_cell(v);
                processed += v;
            }
        const std::int64_t forward = value(), over = std::min(value(), processed + forward);
        r.applications(row::total_processed, a) = count_cell(processed);
        r.applications(row::carried_forward, a) = count_cell(forward);
        r.applications(row::carried_over, a) = count_cell(over);
        r.applications(row::new_received, a) = count_cell(processed + forward - over);
    }
    for (row rw : all_of<row>()) {
        std::int64_t sum = 0;
        for (applicant a : all_of<applicant>())
            if (a != applicant::total) sum += r.applications(rw, a).value.units;
        r.applications(rw, applicant::total) = count_cell(sum);
    }
    return r;
}

}  // namespace

// The guarantee that matters: when the printed report is consistent, a glued row is read as printed or
// left unread — never as other numbers.
TEST(glued, consistent_tables_glued_at_random_are_read_as_printed_or_left_unread) {
    std::mt19937 rng(20261125);
    std::size_t cells = 0, read = 0;
    for (int trial = 0; trial < 300; ++trial) {
        const report truth = consistent_applications(rng);
        std::vector<printed_row> rows;
        std::uint32_t line = 1;
        for (row rw : all_of<row>()) {
            std::string printed;
            for (applicant a : all_of<applicant>()) {
                if (a != applicant::natural_person && rng() % 2) printed += ' ';  // glue about half the cells
                printed += to_string(truth.applications(rw, a).value);
            }
            rows.push_back(t3_row(rw, printed, line++));
        }
        report got;
        std::vector<diagnostic> ds;
        place_rows(got, table_id::applications, rows, ds);
        for (row rw : all_of<row>())
            for (applicant a : all_of<applicant>()) {
                const cell &c = got.applications(rw, a);
                ++cells;
                if (c.kind == cell_kind::unreadable) continue;
                ASSERT_EQ(c.kind, cell_kind::number) << trial;
                ASSERT_EQ(c.value, truth.applications(rw, a).value) << trial << " " << json_pointer(ref(rw, a));
                ++read;
            }
        for (const diagnostic &d : ds) ASSERT_EQ(d.which, rule::cell_unreadable);
    }
    // Most cells are decided (by the count, I-3 or the columns); measured ≈ 97 % with this seed.
    EXPECT_GT(read * 10, cells * 9) << read << " of " << cells;
    std::printf("read %zu of %zu cells\n", read, cells);
}

// The separators printed between a row's values stay: `19 0 1 0 20` (a crawler dropped repeated lines) is
// not 1|9|0|1|0|2|0 just because seven digits fit seven cells — that split breaks the row's own total.
TEST(glued, a_split_that_cuts_separated_tokens_must_satisfy_the_row_total) {
    report r;
    const auto ds = place(r, table_id::applications, {t3_row(row::new_received, "19 0 1 0 20")});
    EXPECT_EQ(t3_values(r, row::new_received), (std::vector<std::int64_t>(7, -1)));
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(ds[0].which, rule::cell_unreadable);
    EXPECT_NE(ds[0].text.find("1|9|0|1|0|2|0"), std::string::npos) << ds[0].text;
    // A split of separated tokens that the row total confirms is read (57-lvwenti's `10 0 0 0 01`).
    report ok;
    EXPECT_TRUE(place(ok, table_id::applications, {t3_row(row::new_received, "10 0 0 0 01")}).empty());
    EXPECT_EQ(t3_values(ok, row::new_received), (std::vector<std::int64_t>{1, 0, 0, 0, 0, 0, 1}));
}

// Text that dropped every line equal to the line before: a token is one cell printed once for a run of
// equal cells. The row total decides `19 0 19` (19|0|0|0|0|0|19); table 二 has no identity, so only the
// cells every filling agrees on are read.
TEST(glued, runs_of_equal_cells_are_decided_by_the_identities_or_left_unread) {
    report r;
    printed_row row_19 = t3_row(row::new_received, "19 0 19");
    row_19.runs = true;
    printed_row zeros = t3_row(row::carried_over, "0");
    zeros.runs = true;
    EXPECT_TRUE(place(r, table_id::applications, {row_19, zeros}).empty());
    EXPECT_EQ(t3_values(r, row::new_received), (std::vector<std::int64_t>{19, 0, 0, 0, 0, 0, 19}));
    EXPECT_EQ(t3_values(r, row::carried_over), (std::vector<std::int64_t>(7, 0)));

    report t2;
    printed_row normative{ref(active_item::normative_documents, document_column::issued), 3, tokens("0 2"), true};
    const auto ds = place(t2, table_id::active_disclosure, {normative});
    const auto &n = std::get<active_disclosure>(t2.active).normative_documents;
    EXPECT_EQ(n.issued.value.units, 0);
    EXPECT_EQ(n.repealed.kind, cell_kind::unreadable);
    EXPECT_EQ(n.in_force.value.units, 2);
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_NE(ds[0].text.find("0|0|2"), std::string::npos) << ds[0].text;
    EXPECT_NE(ds[0].text.find("0|2|2"), std::string::npos) << ds[0].text;

    // A run never cuts digits: `19` is one cell, so two tokens cannot fill seven cells by 1|9.
    report cut;
    printed_row two = t3_row(row::new_received, "19 19");
    two.runs = true;
    place(cut, table_id::applications, {two});
    EXPECT_EQ(cut.applications(row::new_received, applicant::natural_person).kind, cell_kind::unreadable);
}

// Table 四 as one line of five runs over fifteen cells (putian-shuili-2024): C(14, 4) = 1001 fillings, the
// seven that satisfy I-4 remain, and only the cells they agree on are read.
TEST(glued, table_four_runs_over_fifteen_cells_keep_the_fillings_the_totals_allow) {
    report r;
    printed_row all{ref(proceeding::administrative_review, case_result::upheld), 15, tokens("0 1 0 1 0"), true};
    const auto ds = place(r, table_id::review_litigation, {all});
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(ds[0].cells.size(), 9u) << ds[0].text;
    EXPECT_EQ(r.review_litigation[proceeding::administrative_review][case_result::upheld].value.units, 0);
    for (case_result c : all_of<case_result>())
        EXPECT_EQ(r.review_litigation[proceeding::litigation_after_review][c].kind, cell_kind::number);
}

// A number broken over two lines (`1`/`62` for 162) is joined only where the identities leave exactly one
// joining; tokens on one line are never joined, and table 二 (no identity) is never joined.
TEST(glued, numbers_split_over_lines_are_joined_only_when_the_identities_leave_one_reading) {
    auto one_per_line = [](std::initializer_list<std::string_view> printed) {
        std::vector<text_cell> out;
        std::uint32_t line = 10;
        for (std::string_view p : printed) out.push_back(text_cell{std::string(p), source_position{line++, 1}, 1, 1});
        return out;
    };
    report r;
    printed_row split{ref(row::new_received, applicant::natural_person), 7, one_per_line({"1", "62", "0", "0", "0", "0", "0", "162"})};
    split.joins = true;
    EXPECT_TRUE(place(r, table_id::applications, {split}).empty());
    EXPECT_EQ(t3_values(r, row::new_received), (std::vector<std::int64_t>{162, 0, 0, 0, 0, 0, 162}));
    EXPECT_EQ(r.applications(row::new_received, applicant::natural_person).source, (source_position{10, 1}));

    // Two numbers broken: `2`/`1` … `2`/`1` is 21|0|0|0|0|0|21, the only joining under which the total holds
    // (2|10|…|21 breaks it).
    report two;
    printed_row both{ref(row::granted, applicant::natural_person), 7, one_per_line({"2", "1", "0", "0", "0", "0", "0", "2", "1"})};
    both.joins = true;
    EXPECT_TRUE(place(two, table_id::applications, {both}).empty());
    EXPECT_EQ(t3_values(two, row::granted), (std::vector<std::int64_t>{21, 0, 0, 0, 0, 0, 21}));

    // Several joinings satisfy the row total: nothing is read.
    report open;
    printed_row ambiguous{ref(row::granted, applicant::natural_person), 7, one_per_line({"1", "2", "1", "0", "0", "0", "0", "13"})};
    ambiguous.joins = true;  // 12|1|0|0|0|0|13 and 1|2|10|0|0|0|13 both hold
    const auto ds = place(open, table_id::applications, {ambiguous});
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(t3_values(open, row::granted), (std::vector<std::int64_t>(7, -1)));
    EXPECT_NE(ds[0].text.find("12|1|0|0|0|0|13"), std::string::npos) << ds[0].text;

    report wrong;
    printed_row contradicted{ref(row::granted, applicant::natural_person), 7, one_per_line({"5", "3", "0", "0", "0", "0", "0", "9"})};
    contradicted.joins = true;  // 53|…|9 breaks the total: unread, never 53
    const auto found = place(wrong, table_id::applications, {contradicted});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(wrong.applications(row::granted, applicant::natural_person).kind, cell_kind::unreadable);

    report same_line;
    printed_row spaced = t3_row(row::granted, "1 62 0 0 0 0 0 162");
    spaced.joins = true;  // separated by a space on one line: two cells, never one
    place(same_line, table_id::applications, {spaced});
    EXPECT_EQ(same_line.applications(row::granted, applicant::natural_person).kind, cell_kind::unreadable);
}
