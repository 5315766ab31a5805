// The mapper's internal pieces shared by mapper.cpp (sections, metadata), mapper_tables.cpp (tables 二,
// 三, 四) and mapper_rules.cpp (the document rules).
#pragma once

#include "../document.hpp"
#include "mapper_text.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk::read::detail {

/// A piece of the document in reading order: running text (a paragraph, or the part of one around a
/// heading glued into it) or one table row.
struct entry {
    std::string_view text;            // running text (a view of the document's paragraph)
    source_position pos{};
    const text_row *row = nullptr;    // table row
    std::uint32_t table = 0;          // index of the row's table block
    bool is_row = false;
    bool heading = false;
    bool table_context = false;       // a caption or label between the pieces of a table
};

/// The entries of one of the three tables: its rows and the short paragraphs between its pieces.
struct table_input {
    std::vector<const entry *> entries;
    source_position pos{};
    bool repeated_lines_dropped = false;  // document::repeated_lines_dropped
    bool values_break_over_lines = false;  // document::values_break_over_lines
    bool found() const noexcept { return !entries.empty(); }
};

/// What the mapper saw that the document rules judge.
struct document_facts {
    struct heading {
        section which;
        std::string printed;
        source_position pos;
        std::size_t order;  // index among the headings found
    };
    std::vector<heading> headings;
    std::array<bool, 3> table_found{};
    /// For a table that was found but none of whose values could be placed: what it printed (its rows of
    /// values, its header), reported in its one doc.table_missing finding.
    std::array<std::string, 3> table_unplaced;
    std::array<source_position, 3> table_pos{};
    std::optional<int> title_year;
    source_position title_pos{};
    /// The statistics-period statement: found (a key word such as 统计期限, or a date range the introduction
    /// gives for the report), the year it names, whether it covers 1 January to 31 December of that year, and
    /// the period as printed (whitespace dropped).
    std::optional<int> period_year;
    bool period_found = false;
    bool period_whole_year = false;
    std::string period_text;
    source_position period_pos{};
    /// Years that prose names as the report's own (`编制完成2023年度政府信息公开工作年度报告`).
    std::vector<std::pair<int, source_position>> claimed_years;
    /// The running text of the document (preamble and sections), for the prose rules: the entries of its
    /// paragraphs (a pointer each, not a copy: a document may be a million one-character lines), which
    /// outlive the facts.
    std::vector<const entry *> prose;
};

/// A finding of the reader at its default severity.
diagnostic reader_finding(rule which, cell_ref where, source_position pos, std::string text = {});

void map_active_disclosure(const table_input &t, report &r, std::vector<diagnostic> &out);
void map_applications(const table_input &t, report &r, std::vector<diagnostic> &out);
void map_review_litigation(const table_input &t, report &r, std::vector<diagnostic> &out);

/// True when a cell of `table` (二, 三 or 四) was read from the document: a value, a placeholder, a blank
/// printed as such or a cell left unreadable.
bool any_cell_placed(const report &r, section table);

/// What a table printed when none of its values could be placed: its number of rows of values, the first
/// few with their labels, and its header; empty when it printed no value at all.
std::string unplaced_table(const table_input &t);

/// Finds the statistics-period statement in the prose (in reading order; the first `intro` entries are the
/// preamble and section 一, where a date range without a key word may state it) and records it in `facts`.
void find_period(std::span<const entry *const> prose, std::size_t intro,
                 document_facts &facts);

/// Appends the findings of the `document`-scope rules (sections, tables, period, years, 五, 六, prose vs
/// tables) to `out`.
void check_document(const report &r, const document_facts &facts, std::vector<diagnostic> &out);

}  // namespace xxgk::read::detail
