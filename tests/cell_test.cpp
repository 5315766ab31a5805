#include <xxgk/cell.hpp>

#include <gtest/gtest.h>

using namespace xxgk;

TEST(decimal, parses_exactly_and_prints_with_its_own_scale) {
    EXPECT_EQ(parse_decimal("0.35"), (decimal{35, 2}));
    EXPECT_EQ(to_string(*parse_decimal("0.350")), "0.350");
    EXPECT_EQ(to_string(*parse_decimal("-12")), "-12");
    EXPECT_EQ(to_string(*parse_decimal("+7")), "7");
    EXPECT_EQ(to_string(decimal{5, 3}), "0.005");
    EXPECT_EQ(to_string(*parse_decimal("96171.6")), "96171.6");
}

TEST(decimal, rejects_what_is_not_a_plain_decimal) {
    for (const char *s : {"", "-", "1.", ".5", "1.2.3", "1e5", "12a", " 1", "0x10"})
        EXPECT_EQ(parse_decimal(s), std::nullopt) << s;
}

TEST(decimal, rejects_more_digits_than_64_bits_hold) {
    EXPECT_TRUE(parse_decimal("999999999999999999"));
    EXPECT_EQ(parse_decimal("9999999999999999999"), std::nullopt);
    EXPECT_EQ(parse_decimal("0.0000000001"), std::nullopt);
    EXPECT_TRUE(parse_decimal("000000000000000000000001"));  // leading zeros are not significant
}

TEST(decimal, compares_and_adds_across_scales) {
    EXPECT_EQ(compare(decimal{10, 1}, decimal{1, 0}), std::strong_ordering::equal);
    EXPECT_EQ(compare(decimal{35, 2}, decimal{4, 1}), std::strong_ordering::less);
    EXPECT_EQ(add(decimal{35, 2}, decimal{1, 0}), (decimal{135, 2}));
    EXPECT_EQ(subtract(decimal{1, 0}, decimal{35, 2}), (decimal{65, 2}));
    EXPECT_EQ(add(decimal{INT64_MAX, 0}, decimal{1, 0}), std::nullopt);
}

TEST(cell, reads_numbers_blanks_placeholders_and_text) {
    EXPECT_EQ(read_cell("12").kind, cell_kind::number);
    EXPECT_EQ(read_cell("12").value, (decimal{12, 0}));
    EXPECT_TRUE(read_cell("12").text.empty());
    EXPECT_EQ(read_cell("").kind, cell_kind::blank);
    EXPECT_EQ(read_cell(" \xC2\xA0 ").kind, cell_kind::blank);
    EXPECT_EQ(read_cell("&nbsp;").kind, cell_kind::blank);
    EXPECT_EQ(read_cell("\xE3\x80\x80").kind, cell_kind::blank);
    for (const char *p : {"/", "—", "-", "无", "不适用", "／"}) {
        EXPECT_EQ(read_cell(p).kind, cell_kind::placeholder) << p;
        EXPECT_EQ(read_cell(p).text, p);
    }
    EXPECT_EQ(read_cell("详见附件").kind, cell_kind::text);
    EXPECT_EQ(read_cell("3 0").kind, cell_kind::text);
}

// Plain digits take a shorter path than the same digits after a space (trimmed, normalised, parsed): both
// must give the same cell, leading zeros and the limit of significant digits included.
TEST(cell, plain_digits_read_as_the_same_digits_after_a_space) {
    for (const char *p : {"0", "7", "12", "00", "05", "0012", "100", "999999999999999999", "1000000000000000000",
                          "0999999999999999999", "12345678901234567890", "1a", "１２"})
        EXPECT_EQ(read_cell(p), read_cell(std::string(" ") + p)) << p;
    EXPECT_EQ(read_cell("999999999999999999"), count_cell(999999999999999999));
    EXPECT_EQ(read_cell("1000000000000000000").kind, cell_kind::text);  // 19 significant digits
}

TEST(cell, read_cell_kind_is_the_kind_read_cell_gives) {
    for (const char *p : {"12", " 1,234 ", "0.35", "12件", "3.5万元", "", " \xC2\xA0 ", "&nbsp;", "/", "—", "无",
                          "不适用", "详见附件", "3 0", "-5", "１２"})
        EXPECT_EQ(read_cell_kind(p), read_cell(p).kind) << p;
}

TEST(cell, keeps_the_printed_text_of_numbers_that_are_not_plain) {
    const cell thousands = read_cell("1,234");
    EXPECT_EQ(thousands.value, (decimal{1234, 0}));
    EXPECT_EQ(thousands.text, "1,234");
    const cell full_width = read_cell("１２");
    EXPECT_EQ(full_width.value, (decimal{12, 0}));
    EXPECT_EQ(full_width.text, "１２");
    const cell signed_change = read_cell("+1");
    EXPECT_EQ(signed_change.value, (decimal{1, 0}));
    EXPECT_EQ(signed_change.text, "+1");
    const cell word = read_cell("减12");
    EXPECT_EQ(word.value, (decimal{-12, 0}));
    const cell yuan = read_cell("5419886元");
    EXPECT_EQ(yuan.value, (decimal{5419886, 0}));
    EXPECT_EQ(yuan.text, "5419886元");
    EXPECT_EQ(read_cell("547.9659万元").value, (decimal{5479659, 4}));
    EXPECT_EQ(read_cell(" 7 ").text, "");
}

TEST(cell, arithmetic_treats_blank_and_placeholder_as_zero_and_text_as_unusable) {
    EXPECT_TRUE(read_cell("").is_assessable());
    EXPECT_TRUE(read_cell("/").is_assessable());
    EXPECT_EQ(read_cell("/").arithmetic_value(), decimal{});
    EXPECT_FALSE(read_cell("见说明").is_assessable());
    cell unread;
    unread.kind = cell_kind::unreadable;
    EXPECT_FALSE(unread.is_assessable());
}
