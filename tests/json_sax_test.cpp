// The JSON reader has two paths: the SAX reader (straight into the model, the fast path) and the DOM
// reader (which names every error). These tests hold them to one behaviour: whenever the SAX reader
// accepts a document, the DOM reader accepts it too and builds an equal report; `parse_report` always
// answers what the DOM reader answers, error for error.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <filesystem>
#include <random>

using namespace xxgk;
using xxgk::test::read_file;
using xxgk::test::source_path;

namespace {

struct reading {
    bool sax = false, dom = false;
};

// Reads `text` both ways and through `parse_report`; fails the test on any disagreement.
reading expect_one_reading(const std::string &text) {
    reading out;
    report by_sax, by_dom;
    json_error dom_error, public_error;
    out.sax = detail::read_report_directly(text, by_sax);
    out.dom = detail::parse_report_dom(text, by_dom, dom_error);
    if (out.sax) {
        EXPECT_TRUE(out.dom) << "the SAX reader accepted what the DOM reader rejects: " << dom_error.describe();
        EXPECT_TRUE(by_sax == by_dom) << "the SAX and DOM readers built different reports";
    }
    const std::optional<report> r = parse_report(text, public_error);
    EXPECT_EQ(r.has_value(), out.dom);
    if (r && out.dom) {
        EXPECT_TRUE(*r == by_dom);
    }
    if (!out.dom) {
        EXPECT_TRUE(public_error == dom_error) << public_error.describe(language::en) << " / " << dom_error.describe(language::en);
    }
    return out;
}

std::vector<std::string> every_json_file() {
    std::vector<std::string> files;
    for (const char *dir : {"examples", "tests/samples", "tests/fuzz/regressions/json"})
        for (const auto &e : std::filesystem::recursive_directory_iterator(source_path(dir)))
            if (e.path().extension() == ".json") files.push_back(e.path().string());
    return files;
}

// The seed with the extensions: an ambiguous cell, positions, a 2019-format twin, escapes in text.
std::vector<std::string> canonical_variants() {
    report r = test::seed();
    r.applications(row::denied_state_secret, applicant::commercial) = cell{};
    r.applications(row::denied_state_secret, applicant::commercial).kind = cell_kind::unreadable;
    r.applications(row::granted, applicant::total).source = {3, 7, 1, 0, 0, 0};
    r.review_litigation[proceeding::litigation_direct][case_result::total].source = {0, 0, 0, 2, 4, 5};
    r.title = "a \"quoted\" title\twith\\escapes \u00e9 and \\u";
    std::vector<std::string> texts = {to_json_text(r, {.positions = true}), to_json_text(r, {}, true)};
    report old;
    old.active = active_disclosure_2019{};
    old.year = 2020;
    std::get<active_disclosure_2019>(old.active).fees.change = read_cell("减12");
    old.applications.other_handling[applicant::research] = count_cell(4);
    texts.push_back(to_json_text(old));
    return texts;
}

// Words that make interesting edits: the layout's keys, values of every type, numbers at the limits.
std::vector<std::string> dictionary() {
    std::vector<std::string> words(detail::report_keys.begin(), detail::report_keys.end());
    auto add = [&](auto names) { words.insert(words.end(), names.begin(), names.end()); };
    add(names_of<section>), add(names_of<active_item>), add(names_of<document_column>);
    add(names_of<active_item_2019>), add(names_of<column_2019>), add(names_of<row>), add(names_of<applicant>);
    add(names_of<proceeding>), add(names_of<case_result>);
    for (const char *w : {"other_handling", "2019", "2021", "line", "page", "cell", "/applications/granted/total",
                          "/", "无", "1,234", "form\\u0061t"})
        words.emplace_back(w);
    return words;
}

const std::vector<std::string> values = {"null",  "true", "0",    "-0",   "1.5",  "1e2",  "-7",  "-3", "{}", "[]", "\"-3\"",
                                         "\"x\"", "2023", "1989", "0.1",  "9223372036854775807",
                                         "9223372036854775808", "123456789012345678901", "\"\\u00e9\"", "[\"/\"]"};

// One random edit: a byte replaced, removed or inserted; a span removed or copied elsewhere; a string
// replaced by a word of the dictionary; a value replaced by another value.
std::string mutate(std::string s, std::mt19937 &rng, const std::vector<std::string> &words) {
    if (s.empty()) return s;
    auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
    static constexpr std::string_view bytes = "{}[]\":,0123456789-+.eE \n\\ntrufalsx\x80\xE4\xBD\xFF";
    const std::size_t at = pick(s.size());
    switch (pick(8)) {
    case 7: {  // a number made negative or another digit: edits the SAX reader must read like the DOM reader
        const std::size_t digit = s.find_first_of("0123456789", at);
        if (digit == std::string::npos) break;
        if (pick(2)) s.insert(digit, 1, '-');
        else s[digit] = static_cast<char>('0' + pick(10));
        break;
    }
    case 0: s[at] = bytes[pick(bytes.size())]; break;
    case 1: s.erase(at, 1); break;
    case 2: s.insert(at, 1, bytes[pick(bytes.size())]); break;
    case 3: s.erase(at, 1 + pick(40)); break;
    case 4: s.insert(pick(s.size()), s.substr(at, 1 + pick(60))); break;
    case 5: {
        const std::size_t open = s.find('"', at);
        const std::size_t close = open == std::string::npos ? open : s.find('"', open + 1);
        if (close != std::string::npos) s.replace(open + 1, close - open - 1, words[pick(words.size())]);
        break;
    }
    default: {
        const std::size_t colon = s.find(':', at);
        const std::size_t end = colon == std::string::npos ? colon : s.find_first_of(",}", colon);
        if (end != std::string::npos) s.replace(colon + 1, end - colon - 1, values[pick(values.size())]);
        break;
    }
    }
    return s;
}

}  // namespace

TEST(json_sax, reads_every_fixture_as_the_dom_reader_does) {
    std::size_t valid = 0;
    const auto files = every_json_file();
    ASSERT_GE(files.size(), 14u);
    for (const auto &file : files) {
        SCOPED_TRACE(file);
        const reading r = expect_one_reading(read_file(file));
        // Every valid fixture takes the fast path.
        EXPECT_TRUE(r.sax || !r.dom);
        valid += r.dom;
    }
    EXPECT_GE(valid, files.size() - 3);  // malformed.json, ill-typed.json and one fuzz regression are rejected
}

TEST(json_sax, reads_canonical_json_with_the_extensions) {
    for (const std::string &text : canonical_variants()) {
        SCOPED_TRACE(text.substr(0, 200));
        EXPECT_TRUE(expect_one_reading(text).sax);
    }
}

TEST(json_sax, declines_what_it_does_not_know_and_the_dom_reader_answers) {
    const std::string seed = read_file(source_path("examples/acheng-yagou-2023.json"));
    // `format` after the tables, a duplicate key, an escaped key: all valid, some not for the SAX reader.
    boost::json::object o = boost::json::parse(seed).as_object();
    boost::json::object reordered;
    for (auto &kv : o)
        if (kv.key() != "format") reordered[kv.key()] = kv.value();
    reordered["format"] = "2021";
    const reading late_format = expect_one_reading(boost::json::serialize(reordered));
    EXPECT_FALSE(late_format.sax);
    EXPECT_TRUE(late_format.dom);

    std::string duplicate = seed;
    duplicate.replace(duplicate.find("\"year\""), 6, "\"year\": 2022, \"year\"");
    const reading twice = expect_one_reading(duplicate);
    EXPECT_FALSE(twice.sax);

    std::string escaped = seed;
    escaped.replace(escaped.find("\"format\""), 8, "\"form\\u0061t\"");
    EXPECT_TRUE(expect_one_reading(escaped).sax);

    std::string bom = "\xEF\xBB\xBF" + seed;
    EXPECT_TRUE(expect_one_reading(bom).sax);
    EXPECT_FALSE(expect_one_reading(seed + " x").dom);
    EXPECT_FALSE(expect_one_reading(seed.substr(0, seed.size() / 2)).dom);
    std::string long_text = seed;
    long_text.replace(long_text.find("\"total\": 1"), 10, "\"total\": \"" + std::string(5000, '1') + "\"");
    EXPECT_FALSE(expect_one_reading(long_text).dom);
}

TEST(json_sax, random_edits_of_the_fixtures_read_the_same_both_ways) {
    std::vector<std::string> sources = canonical_variants();
    for (const char *f : {"examples/acheng-yagou-2023.json", "examples/faults/cells.json"})
        sources.push_back(read_file(source_path(f)));
    const std::vector<std::string> words = dictionary();
    std::mt19937 rng(20261126);
    std::size_t accepted = 0, declined_valid = 0, rejected = 0;
    for (const std::string &source : sources)
        for (int i = 0; i < 600; ++i) {
            std::string text = mutate(source, rng, words);
            if (i % 3 == 0) text = mutate(text, rng, words);
            const reading r = expect_one_reading(text);
            if (::testing::Test::HasFailure()) {
                ADD_FAILURE() << "after this input:\n" << text;
                return;
            }
            accepted += r.sax;
            declined_valid += !r.sax && r.dom;
            rejected += !r.dom;
        }
    // Both paths must be exercised: edits the SAX reader reads, and edits only the DOM reader answers.
    EXPECT_GT(accepted, 150u);
    EXPECT_GT(rejected, 1000u);
    RecordProperty("accepted", static_cast<int>(accepted));
    RecordProperty("declined_valid", static_cast<int>(declined_valid));
}

TEST(json_sax, strings_numbers_and_whitespace_read_the_same_both_ways) {
    const std::string seed = read_file(source_path("examples/acheng-yagou-2023.json"));
    const std::size_t title = seed.find("\"title\": ") + 9;
    const std::size_t title_end = seed.find('\n', title) - 1;  // before the comma
    auto with_title = [&](const std::string &json_text) {
        return seed.substr(0, title) + json_text + seed.substr(title_end);
    };
    // Strings: escapes of every kind, a surrogate pair, NUL, DEL, long text; then lone surrogates, bad
    // escapes, raw controls and invalid UTF-8, which both paths must reject alike.
    for (const char *text : {R"("a\"b\\c\/d\be\ff\ng\rh\ti")", R"("\u00e9\u4e2d\uD83D\uDE00\u0000x")", "\"\x7F\"",
                             R"("0123456789abcdef0123456789abcdef\n0123456789abcdef0123456789abcdef\u0041")",
                             "\"\xE4\xB8\xAD\xE6\x96\x87\xE4\xB8\xAD\xE6\x96\x87\xE4\xB8\xAD\xE6\x96\x87 \\\" ok\"", "null",
                             R"("\uD800")", R"("\uDC00x")", R"("\uD800\u0041")", R"("\x")", R"("\u12G4")", "\"a\tb\"",
                             "\"\xC0\xAF\"", "\"\xED\xA0\x80\"", "\"\xE4\xB8\"", "\"\xF4\x90\x80\x80\"", "1", "true"}) {
        SCOPED_TRACE(text);
        expect_one_reading(with_title(text));
    }
    EXPECT_TRUE(expect_one_reading(with_title(R"("\u00e9\u4e2d\uD83D\uDE00\u0000x")")).sax);
    const std::size_t total = seed.find("\"total\": 1") + 9;
    for (const char *number : {"0", "-7", "123456789012345678", "-123456789012345678", "-0", "01", "1.0", "1e2",
                               "1E2", "-", "1234567890123456789", "9223372036854775808", "1.5", "0.1", "-1.25",
                               "12345678901234567890123"}) {
        SCOPED_TRACE(number);
        expect_one_reading(seed.substr(0, total) + number + seed.substr(total + 1));
    }
    // Around the document: whitespace of every kind, then nothing else.
    EXPECT_TRUE(expect_one_reading(" \t\r\n" + seed + " \t\r\n").sax);
    for (const std::string &bad : {seed + ",", seed + "{}", std::string(), std::string(" "), std::string("\xEF\xBB\xBF"),
                                   seed.substr(0, seed.size() - 3), "[" + seed + "]", seed + "\x80"})
        EXPECT_FALSE(expect_one_reading(bad).dom);
}
