// The mapper's fast paths agree with the plain definitions they replace: the label index finds what the
// linear searches over every label of the format find, and is_value_text's shortcut for long tokens
// classifies exactly as read_cell does.
#include "../src/read/map/mapper_text.hpp"
#include "test_support.hpp"

#include <xxgk/read.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace {

using namespace xxgk;
using read::detail::label_index;
using read::detail::normalise_label;
using read::detail::normalised;
using read::detail::strip_enumerator;

// Every normalised label of the format, and variants a printed label takes: the core without its
// enumerator, the core before its parenthesised remark, another enumerator, a remark added, a cut.
std::vector<std::string> probes() {
    std::vector<std::string> out = {"", "(", "()", "一", "一,", "(一)", "1.", "12.", "(12)", "其他", "合计", "总计"};
    auto add = [&]<class E>(E) {
        for (E e : all_of<E>()) {
            const std::string n = normalised(e);
            const std::string core(strip_enumerator(n));
            out.push_back(n);
            out.push_back(core);
            if (const std::size_t paren = core.find('('); paren != std::string::npos) out.push_back(core.substr(0, paren));
            for (const char *prefix : {"(九)", "九,", "七.", "9.", "(3)", "十一,"}) out.push_back(prefix + core);
            out.push_back(n + "(说明)");
            out.push_back(core + "(说明)");
            out.push_back(n.substr(0, n.size() / 2));
        }
    };
    add(section{});
    add(active_item{});
    add(document_column{});
    add(active_item_2019{});
    add(column_2019{});
    add(applicant{});
    add(row{});
    add(outcome_group{});
    add(proceeding{});
    add(case_result{});
    add(article_clause{});
    return out;
}

template <class E>
void expect_index_agrees_with_linear_search() {
    const auto &index = label_index<E>::get();
    for (const std::string &text : probes()) {
        std::vector<E> exact, core;
        for (E e : all_of<E>()) {
            if (normalised(e) == text) exact.push_back(e);
            if (read::detail::same_core(text, normalised(e))) core.push_back(e);
        }
        const auto got_exact = index.exact(text), got_core = index.same_core(text);
        EXPECT_TRUE(std::equal(exact.begin(), exact.end(), got_exact.begin(), got_exact.end())) << text;
        EXPECT_TRUE(std::equal(core.begin(), core.end(), got_core.begin(), got_core.end())) << text;
    }
}

TEST(label_index, finds_what_the_linear_searches_find_for_every_enumeration_of_the_format) {
    expect_index_agrees_with_linear_search<section>();
    expect_index_agrees_with_linear_search<active_item>();
    expect_index_agrees_with_linear_search<document_column>();
    expect_index_agrees_with_linear_search<active_item_2019>();
    expect_index_agrees_with_linear_search<column_2019>();
    expect_index_agrees_with_linear_search<applicant>();
    expect_index_agrees_with_linear_search<row>();
    expect_index_agrees_with_linear_search<outcome_group>();
    expect_index_agrees_with_linear_search<proceeding>();
    expect_index_agrees_with_linear_search<case_result>();
    expect_index_agrees_with_linear_search<article_clause>();
}

TEST(label_index, matches_a_row_printed_without_its_remark_or_with_another_enumerator) {
    const auto &rows = label_index<row>::get();
    const auto partial = rows.same_core(normalise_label("二、部分公开"));
    ASSERT_EQ(partial.size(), 1u);
    EXPECT_EQ(partial.front(), row::partially_granted);
    EXPECT_TRUE(rows.same_core("").empty());
    EXPECT_TRUE(rows.exact("部分公开").empty());
}

// What is_value_text answers by definition for a digit-free token: read_cell does not call it text, or
// it is the unknown mark.
bool value_by_definition(std::string_view token) {
    return read_cell(token).kind != cell_kind::text || read::detail::is_unknown_mark(token);
}

TEST(is_value_text, shortcut_for_long_tokens_agrees_with_read_cell) {
    std::vector<std::string> tokens = {"?", "？", "无", "不适用", "暂无", "空", "——", "－", "&nbsp;", "&nbsp;无",
                                       "&nbsp;&nbsp;&nbsp;不适用", "无&nbsp;&nbsp;&nbsp;", "\xEF\xBB\xBF不适用",
                                       "１２３４５６７８９０", "１２３４５６７８９０万元", "减１２３４５６７８", "增．５",
                                       "不适用不适用", "。。。。。。。。", "/////////////"};
    for (std::string_view p : xxgk::placeholders) tokens.emplace_back(p);
    for (const std::string &t : probes()) tokens.push_back(t);
    for (const std::string &t : tokens) {
        if (t.find_first_of("0123456789 ") != std::string::npos) continue;  // digit runs; several tokens
        EXPECT_EQ(read::detail::is_value_text(t), value_by_definition(t)) << t;
    }
}

TEST(is_value_text, needs_every_token_to_be_a_value) {
    EXPECT_TRUE(read::detail::is_value_text(" 12  0 / 无 "));
    EXPECT_TRUE(read::detail::is_value_text(""));
    EXPECT_FALSE(read::detail::is_value_text("12 行政许可"));
    EXPECT_FALSE(read::detail::is_value_text("行政许可 12"));
}

// The mapper turns down lines longer than any date line before looking for a date: the longest one,
// both kinds of bracket around a two-digit month and day, is still read.
TEST(date_line, longest_signature_date_is_still_the_publication_date) {
    const std::string seed = test::read_file(test::source_path("tests/samples/acheng-yagou-2023/report.txt"));
    const read_result got = read_report(seed + "\n(（ 2024年12月31日 ）)\n", {.format = input_format::text, .file_name = {}});
    EXPECT_EQ(got.value.published, std::optional<std::string>("2024-12-31"));
    const read_result longer = read_report(seed + "\n(（2024年12月31日）)。\n", {.format = input_format::text, .file_name = {}});
    EXPECT_FALSE(longer.value.published.has_value());
}

}  // namespace
