// The text encodings the readers accept: UTF-8 (BOM or not), UTF-16 with a BOM, GB18030/GBK; others fail.
#include "../src/read/encoding.hpp"
#include "test_support.hpp"

#include <xxgk/read.hpp>

#include <gtest/gtest.h>
#include <iconv.h>

namespace {

using namespace xxgk;

// Converts UTF-8 to another encoding with glibc's iconv (test fixture only).
std::string from_utf8(const std::string &text, const char *to) {
    iconv_t cd = iconv_open(to, "UTF-8");
    EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
    std::string out(text.size() * 4 + 16, '\0');
    char *in = const_cast<char *>(text.data());
    char *dst = out.data();
    std::size_t in_left = text.size(), out_left = out.size();
    EXPECT_NE(iconv(cd, &in, &in_left, &dst, &out_left), static_cast<std::size_t>(-1));
    iconv_close(cd);
    out.resize(out.size() - out_left);
    return out;
}

TEST(encoding, utf8_passes_through_and_bom_is_dropped) {
    read_error e;
    read::text_encoding enc{};
    EXPECT_EQ(read::to_utf8("总计 1", e, &enc), "总计 1");
    EXPECT_EQ(enc, read::text_encoding::utf8);
    EXPECT_EQ(read::to_utf8("\xEF\xBB\xBF总计", e, &enc), "总计");
    EXPECT_EQ(enc, read::text_encoding::utf8_bom);
}

TEST(encoding, gb18030_is_detected_and_converted) {
    const std::string seed = test::read_file(test::source_path("tests/samples/acheng-yagou-2023/report.txt"));
    const std::string gb = from_utf8(seed, "GB18030");
    ASSERT_NE(gb, seed);
    read_error e;
    read::text_encoding enc{};
    const auto text = read::to_utf8(gb, e, &enc);
    ASSERT_TRUE(text) << e.describe();
    EXPECT_EQ(enc, read::text_encoding::gb18030);
    EXPECT_EQ(*text, seed);
}

TEST(encoding, utf16_with_bom_is_converted) {
    const std::string le = "\xFF\xFE" + from_utf8("年度报告", "UTF-16LE");
    read_error e;
    EXPECT_EQ(read::to_utf8(le, e), "年度报告");
    const std::string be = "\xFE\xFF" + from_utf8("年度报告", "UTF-16BE");
    EXPECT_EQ(read::to_utf8(be, e), "年度报告");
}

TEST(encoding, bytes_valid_in_no_encoding_fail_naming_the_offset) {
    read_error e;
    EXPECT_FALSE(read::to_utf8(std::string("abc\xFF\xFF\xFF", 6), e));
    EXPECT_EQ(e.code, error_code::undecodable);
    EXPECT_EQ(e.offset, 3u);
    EXPECT_NE(e.describe(language::en).find("byte 3"), std::string::npos) << e.describe(language::en);
    EXPECT_NE(e.describe().find("第3字节"), std::string::npos) << e.describe();
}

TEST(encoding, truncated_utf8_is_an_error_not_gb18030) {
    const std::string seed = test::read_file(test::source_path("tests/samples/acheng-yagou-2023/report.txt"));
    const std::size_t cut = seed.find("政府信息公开工作年度报告") + 1;  // inside a 3-byte character
    read_error e;
    EXPECT_FALSE(read::to_utf8(seed.substr(0, cut), e));
    EXPECT_EQ(e.code, error_code::truncated) << e.describe(language::en);
    std::string damaged = seed;
    damaged[seed.size() / 2 + 1] = '\xFF';
    EXPECT_FALSE(read::to_utf8(damaged, e));
    EXPECT_EQ(e.code, error_code::invalid_utf8) << e.describe(language::en);
}

TEST(encoding, nul_bytes_are_an_error) {
    read_error e;
    EXPECT_FALSE(read::to_utf8(std::string("ab\0cd", 5), e));
    EXPECT_EQ(e.code, error_code::nul_byte);
    EXPECT_EQ(e.offset, 2u);
}

TEST(encoding, gb18030_report_reads_like_the_utf8_one) {
    const std::string seed = test::read_file(test::source_path("tests/samples/acheng-yagou-2023/report.txt"));
    const read_result a = read_report(seed, {.format = input_format::text, .file_name = {}});
    const read_result b = read_report(from_utf8(seed, "GB18030"), {.format = std::nullopt, .file_name = "report.txt"});
    EXPECT_EQ(to_json_text(a.value), to_json_text(b.value));
}

}  // namespace
