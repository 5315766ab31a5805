// The batch's extract of a report (src/cli/batch_extract.cpp): its prose sketches are those of the shingle
// sets xy.duplicate compares, built in one pass; duplicate_possible never rules out a pair xy.duplicate flags.
#include "../src/cli/batch_extract.hpp"
#include "../src/cli/hash.hpp"

#include <xxgk/xxgk.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace {

using xxgk::cli::mix;
using xxgk::cli::prose_sketch;

// shingle_text written plainly: decode each code point, fold, keep letters, digits and other characters.
std::u32string plain_shingle_text(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = xxgk::decode_utf8(s, i);
        if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
        if (c < 0x80) {
            if (std::isalnum(static_cast<int>(c))) out.push_back(static_cast<char32_t>(std::tolower(static_cast<int>(c))));
            continue;
        }
        const bool space_or_punct = c == 0xA0 || c == 0xFEFF || c == 0x00B7 || (c >= 0x2000 && c <= 0x206F) ||
                                    (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE30 && c <= 0xFE4F) ||
                                    (c >= 0xFF00 && c <= 0xFFEF) || c == 0xFFFD;
        if (!space_or_punct) out.push_back(c);
    }
    return out;
}

// The sketch from the set of shingles itself: each distinct shingle's hash (its four code points as a 64-bit
// key when all are below U+10000, else as a pair) counted in the bucket of its top five bits.
prose_sketch plain_sketch(const std::string &text) {
    const std::u32string t = plain_shingle_text(text);
    prose_sketch f;
    f.length = static_cast<std::uint16_t>(std::min<std::size_t>(t.size(), prose_sketch::too_long));
    if (t.size() <= xxgk::shingle_size || f.length == prose_sketch::too_long) return f;
    std::set<std::u32string> shingles;
    for (std::size_t i = 0; i + 4 <= t.size(); ++i) shingles.insert(t.substr(i, 4));
    for (const std::u32string &s : shingles) {
        const bool wide = std::any_of(s.begin(), s.end(), [](char32_t c) { return c >= 0x10000; });
        const std::uint64_t h = wide ? mix((std::uint64_t{s[0]} << 21 | s[1]) * 0x9E3779B97F4A7C15ull ^
                                           (std::uint64_t{s[2]} << 21 | s[3]))
                                     : mix(std::uint64_t{s[0]} << 48 | std::uint64_t{s[1]} << 32 |
                                           std::uint64_t{s[2]} << 16 | s[3]);
        std::uint8_t &b = f.buckets[h >> 59];
        if (b < prose_sketch::full) ++b;
    }
    f.distinct = static_cast<std::uint16_t>(shingles.size() <= 0xFFFF ? shingles.size() : 0);
    return f;
}

// Random prose from a small alphabet (so shingles repeat), with punctuation, spaces, full-width and upper-case
// ASCII, characters beyond U+FFFF, and now and then a byte that is not UTF-8.
std::string random_text(std::mt19937 &rng, std::size_t length) {
    static const std::vector<std::string> pieces = {
        "政", "府", "信", "息", "公", "开", "工", "作", "年", "度", "报", "告", "，", "。", "、", " ", "\n",
        "\u3000", "A", "b", "7", "Ｚ", "９", "-", "·", "\U00020000", "\U0001F600", "\xE4\xB8", "\xFF", "é", "\u00A0"};
    std::string s;
    for (std::size_t i = 0; i < length; ++i) s += pieces[rng() % pieces.size()];
    return s;
}

xxgk::report with_section(const std::string &text) {
    xxgk::report r;
    r.sections[xxgk::section::overview] = text;
    return r;
}

void expect_same_sketch(const prose_sketch &a, const prose_sketch &b, const std::string &text) {
    EXPECT_EQ(a.length, b.length) << text;
    EXPECT_EQ(a.distinct, b.distinct) << text;
    EXPECT_EQ(a.buckets, b.buckets) << text;
}

TEST(batch_extract, shingle_text_is_the_plain_one) {
    std::mt19937 rng(7);
    for (int k = 0; k < 500; ++k) {
        const std::string s = random_text(rng, rng() % 60);
        EXPECT_EQ(xxgk::shingle_text(s), plain_shingle_text(s)) << s;
    }
    // A three-byte lead cut short at the end, and one followed by a byte that does not continue it.
    for (std::string s : {"\xE6", "\xE6\x94", "政\xE6\x94", "\xE6\x94政", "\xE6" "A政"})
        EXPECT_EQ(xxgk::shingle_text(s), plain_shingle_text(s)) << s;
}

TEST(batch_extract, prose_sketch_counts_the_distinct_shingles_of_the_section) {
    std::mt19937 rng(11);
    std::vector<std::string> texts;
    for (std::size_t length : {0, 1, 3, 4, 5, 6, 8, 30, 200, 3000})
        for (int k = 0; k < 20; ++k) texts.push_back(random_text(rng, length));
    texts.push_back(std::string(70000, 'a'));  // too long: no buckets
    std::string long_text;
    for (int k = 0; k < 8000; ++k) long_text += "政府" + std::to_string(k);
    texts.push_back(long_text);  // many distinct shingles, more than 255 in each bucket
    for (const std::string &t : texts)
        expect_same_sketch(xxgk::cli::extract_of(with_section(t)).prose[xxgk::section::overview], plain_sketch(t), t);
    // The table a thread keeps is cleared between texts: a text sketched after others is sketched alone.
    expect_same_sketch(xxgk::cli::extract_of(with_section(texts[150])).prose[xxgk::section::overview],
                       plain_sketch(texts[150]), texts[150]);
    EXPECT_EQ(xxgk::cli::extract_of(xxgk::report{}).prose[xxgk::section::overview].length, prose_sketch::absent);
}

TEST(batch_extract, duplicate_possible_whenever_the_prose_is_near_identical) {
    // Pairs of texts from nearly equal to unrelated: whenever xy.duplicate flags the prose, the sketches must
    // not rule the pair out, and they must rule out most unrelated pairs.
    std::mt19937 rng(3);
    const xxgk::pair_options pair;
    std::size_t flagged = 0, ruled_out = 0;
    for (int k = 0; k < 400; ++k) {
        const std::string a = random_text(rng, 100 + rng() % 400);
        std::string b = a;
        const int edits = static_cast<int>(rng() % 40);
        for (int e = 0; e < edits && !b.empty(); ++e) {
            const std::size_t at = rng() % b.size();
            b.insert(at, random_text(rng, 1 + rng() % 3));
        }
        if (k % 4 == 0) b = random_text(rng, 100 + rng() % 400);
        const double similarity = xxgk::text_similarity(a, b);
        const bool possible = xxgk::cli::duplicate_possible(xxgk::cli::extract_of(with_section(b)),
                                                            xxgk::cli::extract_of(with_section(a)), pair);
        if (similarity >= pair.near_identical) {
            ++flagged;
            EXPECT_TRUE(possible) << a << "\n" << b;
        }
        ruled_out += !possible;
    }
    EXPECT_GT(flagged, 20u);
    EXPECT_GT(ruled_out, 80u);
}

}  // namespace
