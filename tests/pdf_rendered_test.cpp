// The same numbers re-published through the official template by LibreOffice (tests/samples/rendered/*:
// PDF, HTML and the PDF's laid-out text as UTF-16), read end to end and counted cell by cell against
// expected.json: exact, unread (null where a number is printed) and wrong. No number read may be wrong, and
// every cell of these documents is determined by what they print, so every cell must be exact.
#include "test_support.hpp"

#include "../src/read/pdf_reader.hpp"

#include <xxgk/format.hpp>
#include <xxgk/read.hpp>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <initializer_list>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace {

struct tally {
    std::size_t exact = 0, unread = 0, wrong = 0;
    std::vector<std::string> misses;  // JSON Pointer: expected → got
};

// Compares every leaf of `expected` under `pointer` with `got` (null in `got` where a value is expected is
// unread; any other difference is wrong).
void count(const boost::json::value &expected, const boost::json::value *got, const std::string &pointer, tally &t) {
    if (expected.is_object()) {
        for (const auto &[key, value] : expected.as_object()) {
            const boost::json::value *inner = got && got->is_object() ? got->as_object().if_contains(key) : nullptr;
            count(value, inner, pointer + "/" + std::string(key), t);
        }
        return;
    }
    if (got && *got == expected) {
        ++t.exact;
        return;
    }
    const bool unread = !got || got->is_null();
    ++(unread ? t.unread : t.wrong);
    t.misses.push_back(pointer + ": " + boost::json::serialize(expected) + " → " + (got ? boost::json::serialize(*got) : "missing"));
}

tally count_cells(const xxgk::read_result &r, const std::filesystem::path &expected_json) {
    const boost::json::value got = xxgk::to_json(r.value);
    const boost::json::value expected = boost::json::parse(xxgk::test::read_file(expected_json.string()));
    tally t;
    for (const char *table : {"active_disclosure", "applications", "review_litigation"})
        count(expected.as_object().at(table), got.as_object().if_contains(table), std::string("/") + table, t);
    return t;
}

tally read_and_count(const std::filesystem::path &file) {
    return count_cells(xxgk::read_report(xxgk::test::read_file(file.string())), file.parent_path() / "expected.json");
}

TEST(rendered_samples, every_pdf_html_and_laid_out_text_reads_exactly) {
    const std::filesystem::path root = xxgk::test::source_path("tests/samples/rendered");
    std::size_t documents = 0;
    for (const auto &entry : std::filesystem::directory_iterator(root)) {
        if (!entry.is_directory()) continue;
        for (const char *name : {"report.pdf", "report.html", "report.utf16.txt"}) {
            const std::filesystem::path file = entry.path() / name;
            if (!std::filesystem::exists(file)) continue;
            ++documents;
            const tally t = read_and_count(file);
            std::string misses;
            for (const std::string &m : t.misses) misses += "\n  " + m;
            EXPECT_EQ(t.wrong, 0u) << file << misses;
            if (!xxgk::test::pdf_rules_read && file.extension() == ".pdf") continue;  // (cells that may wrap: unread)
            EXPECT_EQ(t.unread, 0u) << file << misses;
            EXPECT_EQ(t.exact, 200u) << file;  // 10 cells of table 二, 175 of 三, 15 of 四
        }
    }
    EXPECT_EQ(documents, 12u);
}

TEST(rendered_samples, without_rules_a_wrapped_value_is_unread_never_read_from_its_first_line) {
    // hangzhou's four wrapped five-digit values (`1361` / `2` for 13612), read as a build without OCR does:
    // the laid-out text, then every cell the word boxes say may wrap made unread.
    const std::filesystem::path pdf = xxgk::test::source_path("tests/samples/rendered/hangzhou-style-html/report.pdf");
    const std::string bytes = xxgk::test::read_file(pdf.string());
    xxgk::read::document doc = xxgk::read::read_pdf(bytes);
    EXPECT_GE(xxgk::read::unread_numbers_needing_rules(bytes, doc), 4u);
    const xxgk::read_result r = xxgk::read::map_document(doc, xxgk::input_format::pdf);
    const tally t = count_cells(r, pdf.parent_path() / "expected.json");
    std::string misses;
    for (const std::string &m : t.misses) misses += "\n  " + m;
    EXPECT_EQ(t.wrong, 0u) << misses;
    for (xxgk::applicant a : {xxgk::applicant::natural_person, xxgk::applicant::total})
        for (xxgk::row row : {xxgk::row::new_received, xxgk::row::total_processed})
            EXPECT_EQ(xxgk::find_cell(r.value, xxgk::ref(row, a))->kind, xxgk::cell_kind::unreadable) << xxgk::json_pointer(xxgk::ref(row, a));
    const bool says_why = std::any_of(r.diagnostics.begin(), r.diagnostics.end(), [](const xxgk::diagnostic &d) {
        return d.which == xxgk::rule::cell_unreadable && d.text.find("折行") != std::string::npos;
    });
    EXPECT_TRUE(says_why);
}

// ---- A PDF-style laid-out text with wrapped cells, from every sample's numbers ---------------------------

// Table 三 of `applications` laid out as pdftotext lays out a PDF whose cells wrap: labels cut every
// `label_width` code points, numbers every `digit_width` digits, each cell's lines centred on its row's block
// of lines (rounded up or down), `gap` blank lines between rows. The header names the columns in order.
std::string wrapped_table(const boost::json::object &applications, std::size_t label_width, std::size_t digit_width,
                          bool round_up, std::size_t gap) {
    using characters = std::vector<std::string>;  // a line as its characters, so that columns count code points
    const auto split = [](std::string_view s) {
        characters out;
        for (char c : s)
            if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) out.back() += c;
            else out.emplace_back(1, c);
        return out;
    };
    const auto put = [&](characters &line, std::size_t x, std::string_view text) {
        line.resize(x > line.size() ? x : line.size() + !line.empty(), " ");
        for (std::string &c : split(text)) line.push_back(std::move(c));
    };
    const auto cut = [&](std::string_view text, std::size_t width) {
        const characters all = split(text);
        std::vector<std::string> parts;
        for (std::size_t i = 0; i < all.size(); i += width) {
            parts.emplace_back();
            for (std::size_t k = i; k < std::min(all.size(), i + width); ++k) parts.back() += all[k];
        }
        return parts;
    };
    const std::size_t first_value = label_width + 4, pitch = 8;
    std::vector<characters> lines(2);
    put(lines[0], first_value, "申请人情况");
    for (xxgk::applicant a : xxgk::all_of<xxgk::applicant>()) put(lines[1], first_value + pitch * xxgk::index(a), xxgk::label(a));
    lines.emplace_back();
    for (xxgk::row r : xxgk::all_of<xxgk::row>()) {
        const boost::json::object &printed = applications.at(xxgk::name(r)).as_object();
        std::vector<std::vector<std::string>> cells{cut(xxgk::label(r), label_width)};
        for (xxgk::applicant a : xxgk::all_of<xxgk::applicant>()) {
            const boost::json::value &v = printed.at(xxgk::name(a));
            cells.push_back(v.is_null() ? std::vector<std::string>{} : cut(boost::json::serialize(v), digit_width));
        }
        std::size_t height = 0;
        for (const auto &c : cells) height = std::max(height, c.size());
        std::vector<characters> block(height);
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const std::size_t start = (height - cells[i].size() + (round_up ? 1 : 0)) / 2;
            for (std::size_t j = 0; j < cells[i].size(); ++j)
                put(block[start + j], i == 0 ? 0 : first_value + pitch * (i - 1), cells[i][j]);
        }
        lines.insert(lines.end(), block.begin(), block.end());
        lines.insert(lines.end(), gap, characters{});
    }
    std::string out = "     三、收到和处理政府信息公开申请情况\n\n";
    for (const characters &l : lines) {
        for (const std::string &c : l) out += c;
        out += '\n';
    }
    return out + "\n     四、政府信息公开行政复议、行政诉讼情况\n";
}

// Every sample's table 三 in 24 wrapped layouts: every cell exact or unread (a value whose lines could
// belong to two rows), never another number.
TEST(pdf_style_variants, wrapped_cells_are_read_exactly_or_left_unread_never_wrong) {
    xxgk::read_options layout;
    layout.format = xxgk::input_format::layout;
    std::size_t exact = 0, unread = 0, documents = 0;
    for (const auto &entry : std::filesystem::recursive_directory_iterator(xxgk::test::source_path("tests/samples"))) {
        if (entry.path().filename() != "expected.json") continue;
        const boost::json::object expected = boost::json::parse(xxgk::test::read_file(entry.path().string())).as_object();
        if (expected.at("format") != "2021") continue;
        std::set<std::string> ambiguous;
        if (const auto *a = expected.if_contains("ambiguous"))
            for (const auto &p : a->as_array()) ambiguous.insert(std::string(p.as_string()));
        for (std::size_t label_width : {12u, 40u})
            for (std::size_t digit_width : {2u, 3u, 4u})
                for (bool round_up : {false, true})
                    for (std::size_t gap : {0u, 1u}) {
                        ++documents;
                        const xxgk::read_result r = xxgk::read_report(
                            wrapped_table(expected.at("applications").as_object(), label_width, digit_width, round_up, gap), layout);
                        const boost::json::value got = xxgk::to_json(r.value);
                        for (xxgk::row row : xxgk::all_of<xxgk::row>())
                            for (xxgk::applicant a : xxgk::all_of<xxgk::applicant>()) {
                                const std::string pointer =
                                    "/applications/" + std::string(xxgk::name(row)) + "/" + std::string(xxgk::name(a));
                                boost::system::error_code missing;
                                const boost::json::value *g = got.find_pointer(pointer, missing);
                                const boost::json::value want = ambiguous.contains(pointer)
                                                                    ? boost::json::value(nullptr)
                                                                    : expected.at("applications").at(xxgk::name(row)).at(xxgk::name(a));
                                if (g && *g == want) ++exact;
                                else if (!g || g->is_null()) ++unread;
                                else ADD_FAILURE() << entry.path() << " widths " << label_width << "/" << digit_width << " round "
                                                   << round_up << " gap " << gap << ": " << pointer << " read as "
                                                   << boost::json::serialize(*g) << ", printed " << boost::json::serialize(want);
                            }
                    }
    }
    EXPECT_GE(documents, 24u * 4);
    // Most cells are read (86 % when written): only values whose lines touch another row's are left unread.
    EXPECT_GT(exact, 5 * unread);
}

// ---- Sections and tables worded their own way ---------------------------------------------------------

const std::filesystem::path hangzhou = xxgk::test::source_path("tests/samples/rendered/hangzhou-style-html");

using edit_list = std::initializer_list<std::pair<std::string_view, std::string_view>>;

// `text` with each `from` replaced (once, the first) by its `to`, where `¶` in `to` is `paragraph_break`; a
// `from` that is not there fails the test.
std::string with(std::string text, edit_list edits, std::string_view paragraph_break) {
    for (const auto &[from, to] : edits) {
        std::string replacement(to);
        for (std::size_t at; (at = replacement.find("¶")) != std::string::npos;)
            replacement.replace(at, std::string_view("¶").size(), paragraph_break);
        const std::size_t at = text.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        if (at != std::string::npos) text.replace(at, from.size(), replacement);
    }
    return text;
}

std::size_t count_rule(const xxgk::read_result &r, xxgk::rule which) {
    return static_cast<std::size_t>(std::count_if(r.diagnostics.begin(), r.diagnostics.end(),
                                                  [&](const xxgk::diagnostic &d) { return d.which == which; }));
}

// The report as HTML and as laid-out text, each edited the same way (`¶`: a paragraph break), read with
// every cell exact; returns the two results.
std::vector<xxgk::read_result> read_edited(edit_list edits) {
    std::vector<xxgk::read_result> out;
    xxgk::read_options layout;
    layout.format = xxgk::input_format::layout;
    const std::string laid_out = xxgk::read::layout_text_of_pdf(xxgk::test::read_file((hangzhou / "report.pdf").string()));
    out.push_back(xxgk::read_report(with(xxgk::test::read_file((hangzhou / "report.html").string()), edits, "</p><p>")));
    out.push_back(xxgk::read_report(with(laid_out, edits, "\n\n"), layout));
    for (const xxgk::read_result &r : out) {
        const tally t = count_cells(r, hangzhou / "expected.json");
        std::string misses;
        for (const std::string &m : t.misses) misses += "\n  " + m;
        EXPECT_EQ(t.exact, 200u) << misses;
    }
    return out;
}

// Parts renumbered around a part of the report's own (`一、概述`, then `二、总体情况` … `七、其他需要报告的事项`):
// the six sections are found by their words.
TEST(sections_and_tables, renumbered_parts_are_found_by_their_words) {
    for (const xxgk::read_result &r :
         read_edited({{"一、总体情况", "一、概述"},
                      {"二、主动公开政府信息情况", "二、总体情况¶三、主动公开政府信息情况"},
                      {"三、收到和处理政府信息公开申请情况", "四、收到和处理政府信息公开申请情况"},
                      {"四、政府信息公开行政复议、行政诉讼情况", "五、政府信息公开行政复议、行政诉讼情况"},
                      {"五、存在的主要问题及改进情况", "六、存在的主要问题及改进情况"},
                      {"六、其他需要报告的事项", "七、其他需要报告的事项"}})) {
        EXPECT_EQ(count_rule(r, xxgk::rule::doc_section_missing), 0u);
        EXPECT_EQ(count_rule(r, xxgk::rule::doc_section_order), 0u);
        EXPECT_EQ(count_rule(r, xxgk::rule::doc_heading_variant), 6u);
    }
}

// Headings without numerals, each a paragraph of its own.
TEST(sections_and_tables, unnumbered_headings_are_found_by_their_words) {
    for (const xxgk::read_result &r : read_edited({{"一、总体情况", "总体情况"},
                                                   {"二、主动公开政府信息情况", "主动公开政府信息情况"},
                                                   {"三、收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请情况"},
                                                   {"四、政府信息公开行政复议、行政诉讼情况", "政府信息公开行政复议、行政诉讼情况"},
                                                   {"五、存在的主要问题及改进情况", "存在的主要问题及改进情况"},
                                                   {"六、其他需要报告的事项", "其他需要报告的事项"}})) {
        EXPECT_EQ(count_rule(r, xxgk::rule::doc_section_missing), 0u);
        EXPECT_EQ(count_rule(r, xxgk::rule::doc_section_order), 0u);
    }
}

// Tables titled 表一/表二/表三 under the section headings: read by their labels.
TEST(sections_and_tables, tables_titled_their_own_way_are_read_by_their_labels) {
    for (const xxgk::read_result &r :
         read_edited({{"二、主动公开政府信息情况", "二、主动公开政府信息情况¶表一 主动公开情况"},
                      {"三、收到和处理政府信息公开申请情况", "三、收到和处理政府信息公开申请情况¶表二 依申请公开情况"},
                      {"四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政复议、行政诉讼情况¶表三 复议诉讼情况"}})) {
        EXPECT_EQ(count_rule(r, xxgk::rule::doc_section_missing), 0u);
        EXPECT_EQ(count_rule(r, xxgk::rule::doc_table_missing), 0u);
    }
}

// No section headings at all, the tables titled 一/二/三: the tables are still read by their labels (the
// sections are reported missing, as they are).
TEST(sections_and_tables, tables_without_their_sections_are_read_by_their_labels) {
    for (const xxgk::read_result &r : read_edited({{"一、总体情况", ""},
                                                   {"二、主动公开政府信息情况", "一"},
                                                   {"三、收到和处理政府信息公开申请情况", "二"},
                                                   {"四、政府信息公开行政复议、行政诉讼情况", "三"},
                                                   {"五、存在的主要问题及改进情况", ""},
                                                   {"六、其他需要报告的事项", ""}})) {
        EXPECT_EQ(count_rule(r, xxgk::rule::doc_table_missing), 0u);
        EXPECT_EQ(count_rule(r, xxgk::rule::doc_section_missing), 6u);
    }
}

// With the official headings present, a numbered sub-heading in the overview that holds another section's
// words (`二、依申请公开情况`) is not taken for that section's heading.
TEST(sections_and_tables, official_headings_win_over_numbered_sub_headings_with_section_words) {
    for (const xxgk::read_result &r : read_edited({{"（文字描述）", "（文字描述）¶二、依申请公开情况"}})) {
        EXPECT_EQ(count_rule(r, xxgk::rule::doc_section_missing), 0u);
        EXPECT_EQ(count_rule(r, xxgk::rule::doc_heading_variant), 0u);
        EXPECT_EQ(count_rule(r, xxgk::rule::doc_section_order), 0u);
    }
}

}  // namespace
