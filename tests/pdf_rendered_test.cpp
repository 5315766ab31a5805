// The same numbers re-published through the official template by LibreOffice (tests/samples/rendered/*:
// PDF, HTML and the PDF's laid-out text as UTF-16), read end to end and counted cell by cell against
// expected.json: exact, unread (null where a number is printed) and wrong. No number read may be wrong, and
// every cell of these documents is determined by what they print, so every cell must be exact.
#include "test_support.hpp"

#include <xxgk/read.hpp>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
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

tally read_and_count(const std::filesystem::path &file) {
    const xxgk::read_result r = xxgk::read_report(xxgk::test::read_file(file.string()));
    const boost::json::value got = xxgk::to_json(r.value);
    const boost::json::value expected = boost::json::parse(xxgk::test::read_file((file.parent_path() / "expected.json").string()));
    tally t;
    for (const char *table : {"active_disclosure", "applications", "review_litigation"})
        count(expected.as_object().at(table), got.as_object().if_contains(table), std::string("/") + table, t);
    return t;
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
            EXPECT_EQ(t.unread, 0u) << file << misses;
            EXPECT_EQ(t.exact, 200u) << file;  // 10 cells of table 二, 175 of 三, 15 of 四
        }
    }
    EXPECT_EQ(documents, 12u);
}

}  // namespace
