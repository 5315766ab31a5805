// A report, in brief, for the cross-year rules.
//
// Every report may be some report's previous year. Rather than read and parse it again, pass 1 keeps this
// extract of each: enough to run xy.carry_over and xy.in_force exactly, and, compared with the extract of
// this year's report, to prove for nearly every pair that xy.duplicate finds nothing. When the proof fails
// (a table with activity digests equal, prose close enough that the sketches cannot rule it out, a stock
// cell that is text), both reports are read again and check_pair runs on both whole models, so the
// findings are always check_pair's.
#pragma once

#include <xxgk/xxgk.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <type_traits>

namespace xxgk::cli {

// A stock cell of last year in 32 bits: its kind above a whole number below 2^29 (counts are). Other
// cells (text, unreadable, fractions, larger numbers) are not kept: the whole report is read again.
using stock_cell = std::uint32_t;
constexpr unsigned stock_value_bits = 29;

// A prose section for xy.duplicate: the length of its shingle text, its number of distinct shingles
// and how many of them fall in each of 32 buckets (by hash). Shared shingles fall in the same bucket,
// so two sections share at most the sum over buckets of the smaller count, which bounds their Jaccard
// similarity from above without keeping the shingles.
struct prose_sketch {
    static constexpr std::uint16_t absent = 0xFFFF, too_long = 0xFFFE;
    static constexpr std::uint8_t full = 0xFF;  // a bucket of 255 or more
    std::uint16_t length = absent;  // code points of shingle_text, or too_long
    std::uint16_t distinct = 0;     // 0 when there are too many to count here
    std::array<std::uint8_t, 32> buckets{};
};

// 316 bytes per report.
struct year_extract {
    /// Where each stock cell is kept in `stocks`.
    static constexpr std::size_t applicants = xxgk::enum_count<xxgk::applicant>;
    static constexpr std::size_t carried_forward_at = 0, carried_over_at = applicants, documents_at = 2 * applicants;

    bool v2019 = false;
    bool whole_needed = false;  // a stock cell could not be kept: check against the whole report
    std::array<bool, 3> evidence{};  // table 二, 三, 四 holds a count of the year's own activity
    // 结转下年度继续办理 and 上年结转 per applicant, then issued, repealed and in force of regulations
    // and of normative documents: what xy.carry_over and xy.in_force read of either year.
    std::array<stock_cell, 2 * applicants + 6> stocks{};
    std::array<std::uint32_t, 3> tables{};  // content digests of tables 二, 三, 四
    xxgk::enum_array<xxgk::section, prose_sketch> prose;
};
static_assert(sizeof(year_extract) <= 320, "docs/batch.md states the memory per report");
static_assert(std::is_trivially_copyable_v<year_extract>, "the index keeps it as bytes");

/// Where each stock cell of a report stood in its document, in `year_extract::stocks` order.
using stock_positions = std::array<xxgk::source_position, std::tuple_size_v<decltype(year_extract::stocks)>>;

/// The extract of a report (pass 1). The digests and sketches xy.duplicate compares are made only `for_duplicate`
/// (the rule is enabled); without them `duplicate_possible` must not be asked.
year_extract extract_of(const xxgk::report &r, bool for_duplicate = true);

/// The positions of the report's stock cells.
stock_positions stock_sources(const xxgk::report &r);

/// Makes `r` a report holding only what the extract keeps: what xy.carry_over and xy.in_force read of
/// either year, at `sources` when given (so findings computed from it say where in the document). Callers
/// reuse one per thread: a report is 18 KB of cells to construct, and only these cells change.
const xxgk::report &fill_skeleton(xxgk::report &r, const year_extract &e, std::optional<int> year,
                                  const stock_positions *sources = nullptr);

/// False only when xy.duplicate certainly finds nothing between this year's report and last year's:
/// no table with activity this year has last year's digest, and every prose pair is too short or its
/// similarity is provably below the threshold.
bool duplicate_possible(const year_extract &now, const year_extract &then, const xxgk::pair_options &pair);

}  // namespace xxgk::cli
