// The document's text of a cell or paragraph (src/read/compact_text.hpp): 16 bytes, the same text as a
// std::string built the same way across the in-place and heap forms, copies and moves that own their text.
#include "../src/read/compact_text.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

using xxgk::read::compact_text;

namespace {

// Every length from 0 to 40, so that both forms and the change between them are passed.
std::vector<std::string> texts() {
    std::vector<std::string> out;
    for (std::size_t n = 0; n <= 40; ++n) {
        std::string s;
        for (std::size_t i = 0; i < n; ++i) s += static_cast<char>('a' + i % 26);
        out.push_back(s);
    }
    return out;
}

TEST(compact_text, is_sixteen_bytes) { EXPECT_EQ(sizeof(compact_text), 16u); }

TEST(compact_text, holds_every_length_in_place_or_on_the_heap) {
    for (const std::string &s : texts()) {
        const compact_text t(s);
        EXPECT_EQ(t.size(), s.size());
        EXPECT_EQ(t.view(), s);
        EXPECT_EQ(t.c_str()[s.size()], '\0') << s.size();
        EXPECT_EQ(t.empty(), s.empty());
    }
}

TEST(compact_text, appending_piece_by_piece_gives_the_same_text_as_a_string) {
    compact_text t;
    std::string s;
    for (int i = 0; i < 2000; ++i) {
        const std::string piece = i % 3 == 0 ? "\n" : i % 3 == 1 ? "12" : "字";
        t += piece;
        s += piece;
        ASSERT_EQ(t.view(), s) << i;
        ASSERT_EQ(t.c_str()[s.size()], '\0') << i;
    }
    t.push_back('x'), s.push_back('x');
    t.append(3, 'y'), s.append(3, 'y');
    EXPECT_EQ(t.view(), s);
}

TEST(compact_text, appending_a_piece_of_itself_copies_it_first) {
    for (const std::string &s : texts()) {
        compact_text t(s);
        t.append(t.view());
        EXPECT_EQ(t.view(), s + s);
        t.assign(t.substr(t.size() / 2));
        EXPECT_EQ(t.view(), s);
    }
}

TEST(compact_text, copies_and_moves_own_their_text) {
    for (const std::string &s : texts()) {
        compact_text a(s);
        compact_text b = a;
        b += "!";
        EXPECT_EQ(a.view(), s);
        EXPECT_EQ(b.view(), s + "!");
        compact_text c = std::move(b);
        EXPECT_EQ(c.view(), s + "!");
        EXPECT_TRUE(b.empty());  // NOLINT(bugprone-use-after-move): a moved-from text is empty
        a = c;
        EXPECT_EQ(a.view(), s + "!");
        a = std::move(c);
        EXPECT_EQ(a.view(), s + "!");
        a = a;
        EXPECT_EQ(a.view(), s + "!");
        a = "short";
        EXPECT_EQ(a.view(), "short");
    }
}

TEST(compact_text, shortens_erases_and_lengthens) {
    for (const std::string &s : texts()) {
        compact_text t(s);
        std::string u = s;
        t.erase(u.size() / 3, 4), u.erase(u.size() / 3, std::min<std::size_t>(4, u.size() - u.size() / 3));
        EXPECT_EQ(t.view(), u);
        t.resize(u.size() + 20), u.resize(u.size() + 20);
        EXPECT_EQ(t.view(), u);
        t.resize(5), u.resize(5);
        EXPECT_EQ(t.view(), u);
        t.clear();
        EXPECT_TRUE(t.empty());
        EXPECT_EQ(t.c_str()[0], '\0');
    }
}

TEST(compact_text, compares_as_its_text) {
    const compact_text a("一二三"), b(std::string(30, 'x'));
    EXPECT_EQ(a, "一二三");
    EXPECT_EQ(a, std::string("一二三"));
    EXPECT_EQ(b, std::string(30, 'x'));
    EXPECT_NE(a, b);
    EXPECT_LT(compact_text("a"), compact_text("b"));
    EXPECT_EQ("<" + a + ">", "<一二三>");
}

}  // namespace
