// English beside Chinese: every enumerator people read has an English label, and no English message carries a
// Chinese fragment of ours (the document's own printed text, quoted in a message, is the only Chinese allowed).
#include <xxgk/across.hpp>
#include <xxgk/errors.hpp>
#include <xxgk/read.hpp>

#include <gtest/gtest.h>

#include <filesystem>

#include "test_support.hpp"

using namespace xxgk;

namespace {

// True when `s` holds a CJK ideograph or a full-width punctuation mark (UTF-8 lead bytes 0xE3–0xE9, 0xEF).
bool has_cjk(std::string_view s) {
    for (unsigned char c : s)
        if ((c >= 0xE3 && c <= 0xE9) || c == 0xEF) return true;
    return false;
}

// `s` with every occurrence of `quoted` removed.
std::string without(std::string s, std::string_view quoted) {
    if (quoted.empty()) return s;
    for (std::size_t at; (at = s.find(quoted)) != std::string::npos;) s.erase(at, quoted.size());
    return s;
}

template <class E>
void expect_english_labels() {
    for (const E e : all_of<E>()) {
        EXPECT_FALSE(english_label(e).empty()) << name(e);
        EXPECT_FALSE(has_cjk(english_label(e))) << name(e) << ": " << english_label(e);
        EXPECT_NE(english_label(e), label(e)) << name(e);
        EXPECT_EQ(label(e, language::en), english_label(e));
        EXPECT_EQ(label(e, language::zh), label(e));
    }
}

}  // namespace

TEST(i18n, every_enumerator_has_an_english_label) {
    expect_english_labels<format_version>();
    expect_english_labels<agency_kind>();
    expect_english_labels<section>();
    expect_english_labels<active_item>();
    expect_english_labels<document_column>();
    expect_english_labels<article_clause>();
    expect_english_labels<active_item_2019>();
    expect_english_labels<column_2019>();
    expect_english_labels<applicant>();
    expect_english_labels<row>();
    expect_english_labels<outcome_group>();
    expect_english_labels<proceeding>();
    expect_english_labels<case_result>();
    expect_english_labels<metadata_field>();
    expect_english_labels<severity>();
    expect_english_labels<rule_scope>();
    expect_english_labels<status>();
    expect_english_labels<error_code>();
}

TEST(i18n, every_cell_is_named_in_english_in_english) {
    const report seed = test::seed();
    for_each_cell(seed, [](cell_ref c, const cell &) {
        const ref_labels en = labels(c, language::en), zh = labels(c);
        EXPECT_FALSE(has_cjk(en.table) || has_cjk(en.row) || has_cjk(en.column)) << json_pointer(c);
        EXPECT_FALSE(en.row.empty() || en.column.empty()) << json_pointer(c);
        EXPECT_TRUE(has_cjk(zh.row)) << json_pointer(c);
    });
}

TEST(i18n, the_catalogues_english_titles_and_messages_hold_no_chinese) {
    for (const rule_info &e : catalogue) {
        EXPECT_FALSE(has_cjk(e.title_en)) << e.id << ": " << e.title_en;
        EXPECT_FALSE(has_cjk(e.message_en)) << e.id << ": " << e.message_en;
    }
}

// Every finding of every fault example, in English, with the document's quoted text taken out.
TEST(i18n, english_messages_over_the_fault_examples_hold_no_chinese) {
    std::size_t findings = 0;
    for (const auto &entry : std::filesystem::directory_iterator(test::source_path("examples/faults"))) {
        read_error error;
        const auto r = read_report(test::read_file(entry.path().string()), {}, error);
        if (!r) {
            EXPECT_FALSE(has_cjk(error.describe(language::en))) << entry.path() << ": " << error.describe(language::en);
            continue;
        }
        std::vector<diagnostic> ds;
        check(*r, check_options{}, ds);
        check_pair(r->value, test::seed(), check_options{}, ds);
        for (const diagnostic &d : ds) {
            ++findings;
            const std::string m = message(d, language::en);
            EXPECT_FALSE(has_cjk(without(m, d.text))) << entry.path().filename() << ": " << info(d.which).id << ": " << m;
            EXPECT_TRUE(has_cjk(message(d, language::zh))) << info(d.which).id;
        }
    }
    EXPECT_GT(findings, 10u);
}
