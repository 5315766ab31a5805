// The Tika plain-text reader: cells on tab-prefixed lines, rows split by blank lines, broken cell text.
#include "../src/read/text_reader.hpp"
#include "test_support.hpp"

#include <xxgk/json.hpp>
#include <xxgk/read.hpp>

#include <gtest/gtest.h>

#include <iconv.h>

namespace {

using namespace xxgk::read;

TEST(text_reader, paragraphs_and_a_table_with_positions) {
    const document d = read_tika_text("标题行\n    二、主动公开政府信息情况\n\t规章\n\t0\n\t1\n\n\t商业\n企业\n\t2\n\n\n正文\n");
    ASSERT_EQ(d.blocks.size(), 4u);
    const auto &p = std::get<paragraph_block>(d.blocks[1]);
    EXPECT_EQ(p.text, "二、主动公开政府信息情况");
    EXPECT_EQ(p.pos.line, 2u);
    EXPECT_EQ(p.pos.column, 5u);
    const auto &t = std::get<table_block>(d.blocks[2]);
    ASSERT_EQ(t.rows.size(), 2u);
    ASSERT_EQ(t.rows[0].cells.size(), 3u);
    EXPECT_EQ(t.rows[0].cells[2].text, "1");
    EXPECT_EQ(t.rows[0].cells[2].pos.line, 5u);
    EXPECT_EQ(t.rows[0].cells[2].pos.column, 2u);
    EXPECT_EQ(t.rows[1].cells[0].text, "商业\n企业");
    EXPECT_EQ(std::get<paragraph_block>(d.blocks[3]).text, "正文");
}

TEST(text_reader, bookmarks_are_dropped) {
    const document d = read_tika_text("[bookmark: _GoBack]2023年，无。\n");
    ASSERT_EQ(d.blocks.size(), 1u);
    EXPECT_EQ(std::get<paragraph_block>(d.blocks[0]).text, "2023年，无。");
}

TEST(text_reader, crlf_and_empty_input) {
    EXPECT_TRUE(read_tika_text("").blocks.empty());
    const document d = read_tika_text("\t1\r\n\t2\r\n");
    ASSERT_EQ(d.blocks.size(), 1u);
    EXPECT_EQ(std::get<table_block>(d.blocks[0]).rows[0].cells[1].text, "2");
}

}  // namespace

namespace {

TEST(sniff_format, content_first_then_extension) {
    using xxgk::input_format;
    using xxgk::sniff_format;
    EXPECT_EQ(sniff_format("  {\"format\":\"2021\"}", "r.txt"), input_format::json);
    EXPECT_EQ(sniff_format("PK\x03\x04rest", "r.txt"), input_format::docx);
    EXPECT_EQ(sniff_format("%PDF-1.7", ""), input_format::pdf);
    EXPECT_EQ(sniff_format("\xEF\xBB\xBF<!DOCTYPE html><html>", "r.txt"), input_format::html);
    EXPECT_EQ(sniff_format("   一、总体情况\f\n", "r.txt"), input_format::layout);
    EXPECT_EQ(sniff_format("# 标题\n\n| a | b |\n|---|---|\n", ""), input_format::markdown);
    // Structure before the extension: a pipe table is Markdown whatever the file is called.
    EXPECT_EQ(sniff_format("# 标题\n\n| a | b |\n|---|---|\n", "r.txt"), input_format::markdown);
    EXPECT_EQ(sniff_format("一、总体情况\n\t规章\n", ""), input_format::text);
    EXPECT_EQ(sniff_format("一、总体情况", "report.HTML"), input_format::html);
}

// `utf8` converted to another encoding with glibc's iconv.
std::string converted(std::string_view utf8, const char *to) {
    iconv_t cd = iconv_open(to, "UTF-8");
    std::string out(utf8.size() * 4 + 16, '\0');
    char *in = const_cast<char *>(utf8.data()), *dst = out.data();
    std::size_t in_left = utf8.size(), out_left = out.size();
    iconv(cd, &in, &in_left, &dst, &out_left);
    iconv_close(cd);
    out.resize(out.size() - out_left);
    return out;
}

// Text in UTF-16 or GB18030 is sniffed after decoding: its structure is hidden from a byte-wise look.
TEST(sniff_format, decodes_before_looking_at_the_structure) {
    using xxgk::input_format;
    using xxgk::sniff_format;
    auto utf16le = [](std::u16string_view s) {
        std::string out = "\xFF\xFE";
        for (char16_t c : s) out += static_cast<char>(c & 0xFF), out += static_cast<char>(c >> 8);
        return out;
    };
    EXPECT_EQ(sniff_format(utf16le(u"<html><body>一、总体情况</body></html>"), "r.txt"), input_format::html);
    EXPECT_EQ(sniff_format(utf16le(u"# 标题\n\n| a | b |\n|---|---|\n"), ""), input_format::markdown);
    EXPECT_EQ(sniff_format(utf16le(u"  {\"format\":\"2021\"}"), ""), input_format::json);
    EXPECT_EQ(sniff_format(utf16le(u"一、总体情况\f\n"), ""), input_format::layout);
    EXPECT_EQ(sniff_format("\xD2\xBB\xA1\xA2<html>", ""), input_format::text);  // GB18030 一、 then a tag: not at the start
    EXPECT_EQ(sniff_format("<html>\xD2\xBB\xA1\xA2", ""), input_format::html);
}

// UTF-16 documents of every text family read as their UTF-8 originals when the format is sniffed.
TEST(read_report, utf16_with_a_byte_order_mark_reads_as_the_utf8_text_when_sniffed) {
    for (const char *path : {"tests/samples/acheng-yagou-2023/report.txt", "tests/samples/shuyang-county-2025/report.md",
                             "tests/samples/hangzhou-style-html/report.html", "tests/samples/sanming-city-2024/page.txt"}) {
        const std::string utf8 = xxgk::test::read_file(xxgk::test::source_path(path));
        const std::string utf16 = "\xFF\xFE" + converted(utf8, "UTF-16LE");
        const auto want = xxgk::read_report(utf8, xxgk::read_options{});
        const auto got = xxgk::read_report(utf16, xxgk::read_options{});
        EXPECT_EQ(got.format, want.format) << path;
        EXPECT_EQ(xxgk::to_json(got.value), xxgk::to_json(want.value)) << path;
    }
}

}  // namespace
