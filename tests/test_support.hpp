// Shared helpers for the GoogleTest suite: files of the source tree and the seed example.
#pragma once

#include <xxgk/read.hpp>
#include <xxgk/xxgk.hpp>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace xxgk::test {

inline std::string source_path(const std::string &relative) { return std::string(XXGK_SOURCE_DIR) + "/" + relative; }

inline std::string read_file(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return std::move(ss).str();
}

/// The seed: the hand transcription of the 阿城区亚沟街道办事处 2023 report.
inline report seed() { return parse_report(read_file(source_path("examples/acheng-yagou-2023.json"))); }

/// How many of `rounds` calls of `same()` returned true in each of `threads` threads run at once.
template <class F>
std::vector<int> agreements_in_threads(std::size_t threads, int rounds, F same) {
    std::vector<int> agreed(threads, 0);
    std::vector<std::thread> running;
    for (std::size_t t = 0; t < threads; ++t)
        running.emplace_back([&, t] {
            for (int i = 0; i < rounds; ++i) agreed[t] += same();
        });
    for (std::thread &t : running) t.join();
    return agreed;
}

// Every leaf of `expected` (by its JSON Pointer) is in `got` with the same value.
/// Whether this build reads a PDF table's rules (XXGK_OCR). Without them a PDF's cells that may hold a number
/// wrapped in its cell or cut by a page break are unread (docs/pdf.md), so PDF tests expect none wrong.
#ifdef XXGK_HAVE_OCR
inline constexpr bool pdf_rules_read = true;
#else
inline constexpr bool pdf_rules_read = false;
#endif

/// Every leaf of `expected` equals `got`'s; with `unread_allowed`, a leaf `got` leaves null passes too.
inline void expect_every_cell(const boost::json::value &expected, const boost::json::value *got, const std::string &pointer = "",
                              bool unread_allowed = false) {
    if (expected.is_object()) {
        for (const auto &[key, value] : expected.as_object()) {
            const boost::json::value *inner = got && got->is_object() ? got->as_object().if_contains(key) : nullptr;
            expect_every_cell(value, inner, pointer + "/" + std::string(key), unread_allowed);
        }
    } else if (expected.is_array()) {
        for (std::size_t i = 0; i < expected.as_array().size(); ++i) {
            const boost::json::value *inner = got && got->is_array() && i < got->as_array().size() ? &got->as_array()[i] : nullptr;
            expect_every_cell(expected.as_array()[i], inner, pointer + "/" + std::to_string(i), unread_allowed);
        }
    } else {
        ASSERT_NE(got, nullptr) << pointer << " is missing";
        if (unread_allowed && got->is_null()) return;
        EXPECT_EQ(*got, expected) << pointer;
    }
}

/// The message of the read_exception that `f` throws, or "" when it throws none.
template <class F>
std::string failure(F f) {
    try {
        f();
    } catch (const read_exception &e) {
        return e.what();
    }
    return {};
}

inline bool contains(const std::string &s, std::string_view part) { return s.find(part) != std::string::npos; }

/// Polls `done` every 10 ms for up to ten seconds (a bound for a slow machine, not a measured time).
template <class F>
bool eventually(F done) {
    for (int i = 0; i < 1000; ++i) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return done();
}

}  // namespace xxgk::test
