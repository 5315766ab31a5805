// Reading errors as codes: every code has its reason in both languages, the position is written in the
// language of the message, and the readers give the code that names what is wrong with the input.
#include <xxgk/errors.hpp>
#include <xxgk/read.hpp>

#include <gtest/gtest.h>

#include "test_support.hpp"

using namespace xxgk;

namespace {

read_error error_of(std::string_view bytes, std::optional<input_format> format = std::nullopt) {
    read_options o;
    o.format = format;
    read_error e;
    EXPECT_FALSE(read_report(bytes, o, e).has_value());
    return e;
}

}  // namespace

// The English reasons are checked with every other English label in i18n_test.cpp.
TEST(errors, every_code_has_a_chinese_reason_and_a_stable_name) {
    for (const error_code c : all_of<error_code>()) {
        EXPECT_FALSE(label(c).empty()) << name(c);
        EXPECT_EQ(read_error(c).message(), label(c));
        EXPECT_EQ(read_error(c).message(language::en), english_label(c));
        EXPECT_EQ(from_name<error_code>(name(c)), c);
    }
}

TEST(errors, the_position_is_written_in_the_language_of_the_message) {
    read_error e{error_code::invalid_utf8, "UTF-8", {12, 3, 5, 0, 0, 0}};
    EXPECT_EQ(e.describe(language::en), "page 5, line 12, column 3: invalid UTF-8 (truncated or corrupted file?) (UTF-8)");
    EXPECT_EQ(e.describe(), "第5页第12行第3列：文字不是有效的UTF-8编码（文件不完整或已损坏？）（UTF-8）");
    e = read_error{error_code::damaged, "DOCX", {0, 0, 0, 2, 27, 3}};
    EXPECT_EQ(e.describe(language::en), "table 2, row 27, cell 3: damaged, truncated or corrupt file (DOCX)");
    EXPECT_EQ(e.describe(), "第2个表格第27行第3格：文件已损坏或不完整（DOCX）");
    e = read_error{error_code::nul_byte, {}, {}, 41};
    EXPECT_TRUE(e.describe(language::en).starts_with("byte 41: NUL byte")) << e.describe(language::en);
    EXPECT_TRUE(e.describe().starts_with("第41字节：")) << e.describe();
}

TEST(errors, the_exception_says_it_in_english_and_keeps_the_code) {
    try {
        read_report("{\"format\": \"2021\"}");
        FAIL() << "no exception";
    } catch (const read_exception &x) {
        EXPECT_EQ(x.error().code, error_code::json_missing_key);
        EXPECT_EQ(x.error().pointer, "/active_disclosure");
        EXPECT_STREQ(x.what(), "at /active_disclosure: missing key");
        EXPECT_EQ(x.error().describe(), "位置/active_disclosure：缺少键");
    }
}

TEST(errors, readers_name_what_is_wrong_by_its_code) {
    EXPECT_EQ(error_of("", input_format::pdf).code, error_code::empty);
    EXPECT_EQ(error_of("%PDF-1.7\n1 0 obj\n", input_format::pdf).code, error_code::truncated);
    EXPECT_EQ(error_of("hello", input_format::pdf).code, error_code::wrong_format);
    EXPECT_EQ(error_of("{\\rtf1 x}", input_format::docx).code, error_code::wrong_format);
    EXPECT_EQ(error_of("PK\x03\x04 broken", input_format::docx).code, error_code::damaged);
    EXPECT_EQ(error_of(std::string("ab\0cd", 5), input_format::text).code, error_code::nul_byte);
    EXPECT_EQ(error_of("just some words, not a report\n", input_format::text).code, error_code::no_report);
    EXPECT_EQ(error_of("Rar!\x1A\x07\x00 an archive").code, error_code::foreign_file);
    EXPECT_EQ(error_of("{\"format\": }").code, error_code::json_syntax);
    EXPECT_EQ(error_of(std::string(max_document_size + 1, ' ')).code, error_code::too_large);
}

// docs/errors.md is where people look codes up: a row per code, with its English reason (up to its parenthesis).
TEST(errors, every_code_is_listed_in_the_docs_with_its_reason) {
    const std::string doc = test::read_file(test::source_path("docs/errors.md"));
    for (const error_code c : all_of<error_code>()) {
        const std::string key = "| `" + std::string(name(c)) + "` |";
        const auto at = doc.find(key);
        ASSERT_NE(at, std::string::npos) << name(c);
        const std::string row = doc.substr(at, doc.find('\n', at) - at);
        const std::string_view reason = english_label(c);
        const std::string_view head = reason.substr(0, reason.find(" ("));
        EXPECT_NE(row.find(head), std::string::npos) << row << "\n" << head;
    }
}
