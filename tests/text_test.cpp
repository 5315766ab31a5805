// xxgk/text.hpp: xxgk::invalid_utf8_at against a plain reference decoder of RFC 3629, on every short sequence
// around the boundaries and on random text biased towards CJK, ASCII runs and their faults; decoding and
// encoding; display width; calendar dates.
#include <xxgk/text.hpp>

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace {

// The first offset where a well-formed sequence does not start, decoded one code point at a time.
std::optional<std::size_t> reference(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
        const unsigned char c = b(0);
        std::size_t len = c < 0x80 ? 1 : c >= 0xC0 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF8 ? 4 : 0;
        if (len == 0 || i + len > s.size()) return i;
        char32_t cp = len == 1 ? c : c & (0x7F >> len);
        for (std::size_t k = 1; k < len; ++k) {
            if ((b(k) & 0xC0) != 0x80) return i;
            cp = cp << 6 | (b(k) & 0x3F);
        }
        const char32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < least[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += len;
    }
    return std::nullopt;
}

TEST(utf8, every_sequence_of_up_to_three_bytes_and_the_four_byte_boundaries_agree_with_the_reference) {
    std::string s;
    for (unsigned a = 0; a < 256; ++a)
        for (unsigned b = 0; b < 256; ++b) {
            s = {static_cast<char>(a), static_cast<char>(b)};
            ASSERT_EQ(xxgk::invalid_utf8_at(s), reference(s)) << a << " " << b;
            for (unsigned c : {0x00u, 0x41u, 0x7Fu, 0x80u, 0x8Fu, 0x90u, 0x9Fu, 0xA0u, 0xBFu, 0xC0u, 0xE4u, 0xF0u, 0xFFu}) {
                const std::string t = s + static_cast<char>(c);
                ASSERT_EQ(xxgk::invalid_utf8_at(t), reference(t)) << a << " " << b << " " << c;
                for (unsigned d : {0x41u, 0x80u, 0xBFu, 0xC0u}) {
                    const std::string u = t + static_cast<char>(d);
                    ASSERT_EQ(xxgk::invalid_utf8_at(u), reference(u)) << a << " " << b << " " << c << " " << d;
                }
            }
        }
}

TEST(utf8, random_text_of_cjk_ascii_and_faults_agrees_with_the_reference) {
    std::mt19937 rng(20261126);
    const std::string pieces[] = {"中", "文", "报告", "政府信息公开", "abcdefgh", "0123456789", " ", "\n", "é", "😀",
                                  "\xED\x9F\xBF", "\xEE\x80\x80", "\xEF\xBF\xBF", "\xE0\xA0\x80"};
    const std::string faults[] = {"\x80", "\xC0\xAF", "\xE0\x80\x80", "\xED\xA0\x80", "\xE4\xB8", "\xF4\x90\x80\x80",
                                  "\xFF", "\xE4\x41\x80", "\xE4\xB8\x41", "\xF0\x9F\x98"};
    for (int round = 0; round < 20000; ++round) {
        std::string s;
        const int n = std::uniform_int_distribution<int>(0, 40)(rng);
        for (int k = 0; k < n; ++k) {
            const auto pick = std::uniform_int_distribution<std::size_t>(0, 99)(rng);
            if (pick < 3) s += faults[pick % std::size(faults)];
            else s += pieces[pick % std::size(pieces)];
        }
        if (std::uniform_int_distribution<int>(0, 3)(rng) == 0) s.resize(s.size() / 2 + s.size() / 3);  // cut mid-character
        ASSERT_EQ(xxgk::invalid_utf8_at(s), reference(s)) << testing::PrintToString(s);
    }
}

TEST(utf8, code_points_counts_characters_of_every_length) {
    EXPECT_EQ(xxgk::code_points(""), 0u);
    EXPECT_EQ(xxgk::code_points("a1 "), 3u);
    EXPECT_EQ(xxgk::code_points("\xC2\xA0\xE4\xB8\x80\xF0\x9F\x98\x80"), 3u);  // NBSP, 一, an emoji
    EXPECT_EQ(xxgk::code_points("第3页\n共9页"), 7u);
}

// Every code point outside the surrogates is written in its well-formed form, of its length, and decodes back.
TEST(utf8, encode_utf8_writes_every_code_point_well_formed) {
    for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        char b[4];
        const std::size_t n = static_cast<std::size_t>(xxgk::encode_utf8(cp, b) - b);
        ASSERT_EQ(n, cp < 0x80 ? 1u : cp < 0x800 ? 2u : cp < 0x10000 ? 3u : 4u) << static_cast<unsigned>(cp);
        ASSERT_FALSE(xxgk::invalid_utf8_at(std::string_view(b, n))) << static_cast<unsigned>(cp);
        char32_t back = n == 1 ? static_cast<unsigned char>(b[0]) : static_cast<unsigned char>(b[0]) & (0x7Fu >> n);
        for (std::size_t k = 1; k < n; ++k) back = (back << 6) | (static_cast<unsigned char>(b[k]) & 0x3Fu);
        ASSERT_EQ(back, cp);
    }
    char b[4];
    EXPECT_EQ(std::string(b, xxgk::encode_utf8(U'一', b)), "一");
}

// Every code point decodes back from its encoding, followed by anything; a walk over any bytes ends, and a
// byte that starts no complete sequence decodes as U+FFFD one byte at a time.
TEST(utf8, decode_utf8_reads_every_code_point_and_steps_over_faults_one_byte_at_a_time) {
    for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        char b[5];
        char *end = xxgk::encode_utf8(cp, b);
        *end = 'x';
        std::size_t i = 0;
        ASSERT_EQ(xxgk::decode_utf8(std::string_view(b, static_cast<std::size_t>(end - b) + 1), i), cp);
        ASSERT_EQ(i, static_cast<std::size_t>(end - b));
    }
    for (std::string_view fault : {"\x80", "\xFF", "\xE4\xB8", "\xE4\x41\x80", "\xF0\x9F\x98", "\xC3"}) {
        std::size_t i = 0;
        EXPECT_EQ(xxgk::decode_utf8(fault, i), U'\uFFFD') << testing::PrintToString(fault);
        EXPECT_EQ(i, 1u);
    }
    const std::string mixed = "\xE4\xB8" "一" "\x80" "a" "\xF0";
    std::u32string got;
    for (std::size_t i = 0; i < mixed.size();) got += xxgk::decode_utf8(mixed, i);
    EXPECT_EQ(got, U"\uFFFD\uFFFD一\uFFFDa\uFFFD");
}

TEST(text, display_width_counts_wide_characters_twice_and_marks_not_at_all) {
    EXPECT_EQ(xxgk::display_width(""), 0u);
    EXPECT_EQ(xxgk::display_width("ab 1"), 4u);
    EXPECT_EQ(xxgk::display_width("政府信息"), 8u);
    EXPECT_EQ(xxgk::display_width("（一）ＡＢ"), 10u);      // fullwidth forms
    EXPECT_EQ(xxgk::display_width("e\u0301"), 1u);        // a combining accent
    EXPECT_EQ(xxgk::display_width("\uFEFF\u200B1"), 1u);  // byte order mark and zero-width space
    EXPECT_EQ(xxgk::display_width("“一”"), 4u);           // ambiguous quotes count one, as wcwidth does
    EXPECT_EQ(xxgk::display_width("\xFF\xE4"), 2u);        // a malformed byte counts one
    EXPECT_TRUE(xxgk::is_wide(U'𠀀'));
    EXPECT_FALSE(xxgk::is_wide(U'é'));
}

TEST(text, is_iso_date_takes_real_calendar_dates_written_yyyy_mm_dd_only) {
    for (std::string_view good : {"2024-02-29", "2000-02-29", "2023-12-31", "2023-01-01"}) EXPECT_TRUE(xxgk::is_iso_date(good)) << good;
    for (std::string_view bad : {"2023-02-29", "1900-02-29", "2023-04-31", "2023-13-01", "2023-00-10", "2023-01-00",
                                 "2023-1-01", "2023/01/01", "２０２３-01-01", "2023-01-01 ", ""})
        EXPECT_FALSE(xxgk::is_iso_date(bad)) << bad;
    static_assert(xxgk::is_iso_date("2024-02-29"));
}

TEST(text, civil_day_and_iso_day_count_days_since_1970_of_real_dates_only) {
    EXPECT_EQ(xxgk::civil_day(1970, 1, 1), 0);
    EXPECT_EQ(xxgk::civil_day(2024, 3, 1), xxgk::civil_day(2024, 2, 29).value() + 1);
    EXPECT_EQ(xxgk::civil_day(2023, 3, 1), xxgk::civil_day(2023, 2, 28).value() + 1);
    EXPECT_FALSE(xxgk::civil_day(2001, 2, 29));
    EXPECT_FALSE(xxgk::civil_day(2001, 13, 1));
    EXPECT_EQ(xxgk::iso_day("2024-01-01"), xxgk::civil_day(2024, 1, 1));
    EXPECT_EQ(xxgk::iso_day("1969-12-31"), -1);
    EXPECT_FALSE(xxgk::iso_day("2023-02-29"));
    EXPECT_FALSE(xxgk::iso_day("2023-2-28"));
}

}  // namespace
