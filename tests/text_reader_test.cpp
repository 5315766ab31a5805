// The Tika plain-text reader: cells on tab-prefixed lines, rows split by blank lines, broken cell text.
#include "../src/read/text_reader.hpp"

#include <xxgk/read.hpp>

#include <gtest/gtest.h>

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
    EXPECT_EQ(sniff_format("# 标题\n\n| a | b |\n|---|---|\n", "r.txt"), input_format::text);
    EXPECT_EQ(sniff_format("一、总体情况\n\t规章\n", ""), input_format::text);
    EXPECT_EQ(sniff_format("一、总体情况", "report.HTML"), input_format::html);
}

}  // namespace
