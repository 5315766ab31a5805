// The readers' common output: a document as paragraphs and tables of cells with their source positions.
// Format-specific code (HTML, DOCX, Markdown, text, laid-out PDF text) stops here; `map_document` turns a
// document into the model for every format.
#pragma once

#include "compact_text.hpp"

#include <xxgk/read.hpp>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace xxgk::read {

/// Why a value cannot be read at all (its only reading is `?`), said in the cell's finding.
enum class unread_cause : std::uint8_t {
    ink_not_read,              ///< OCR read neither digits nor a label in ink that is there
    cut_by_page_break,         ///< the table's rules show its row cut by a page break
    may_wrap_without_rules,    ///< its digits may go on in its cell on the next line; no rules read to decide
    may_be_cut_without_rules,  ///< its row may be cut by a page break; no rules read to decide
};

/// The readings of an OCR'd value, kept aside: one pointer in every cell (most cells have none), the list
/// only in the few that have them. Copies copy the list.
class cell_readings {
public:
    cell_readings() noexcept = default;
    /// The readings of `list`, best first (none when it is empty).
    cell_readings(std::vector<std::string> list)
        : data_(list.empty() ? nullptr : std::make_unique<data>(data{std::move(list), unread_cause::ink_not_read})) {}
    cell_readings(std::initializer_list<std::string> list) : cell_readings(std::vector<std::string>(list)) {}
    cell_readings(const cell_readings &other) : data_(other.data_ ? std::make_unique<data>(*other.data_) : nullptr) {}
    cell_readings(cell_readings &&) noexcept = default;
    cell_readings &operator=(const cell_readings &other) { return *this = cell_readings(other); }
    cell_readings &operator=(cell_readings &&) noexcept = default;
    /// A value that cannot be read at all: its only reading is `?`, for `why`.
    static cell_readings unknown(unread_cause why) {
        cell_readings out{"?"};
        out.data_->cause = why;
        return out;
    }
    bool empty() const noexcept { return !data_; }
    std::size_t size() const noexcept { return data_ ? data_->list.size() : 0; }
    const std::string *begin() const noexcept { return data_ ? data_->list.data() : nullptr; }
    const std::string *end() const noexcept { return data_ ? data_->list.data() + data_->list.size() : nullptr; }
    /// Why a `?` among the readings is not read (`ink_not_read` unless made by `unknown`).
    unread_cause cause() const noexcept { return data_ ? data_->cause : unread_cause::ink_not_read; }
    friend bool operator==(const cell_readings &a, const cell_readings &b) {
        return a.empty() ? b.empty() : !b.empty() && a.data_->list == b.data_->list && a.data_->cause == b.data_->cause;
    }

private:
    struct data {
        std::vector<std::string> list;
        unread_cause cause;
    };
    std::unique_ptr<data> data_;
};

/// One cell as the document printed it: its text (line breaks inside kept as '\n') and where it stood.
struct text_cell {
    compact_text text;
    source_position pos{};
    std::uint16_t row_span = 1, col_span = 1;
    /// An OCR'd value: the engine's confidence in `text` (0–100, that of its least sure digit); -1 otherwise.
    /// (Beside the spans, in what would be padding: a cell is 56 bytes, every reader keeps one per cell.)
    float confidence = -1;
    /// An OCR'd value the engine is not sure of: the readings it may be (`text`, the best, first). The mapper
    /// takes one only where the table's identities leave exactly one (`place_rows`); else the cell is unread.
    cell_readings readings{};
};

struct text_row {
    std::vector<text_cell> cells;
};

/// A table as the document laid it out (spans as printed; no cell invented for spanned positions).
struct table_block {
    std::vector<text_row> rows;
    source_position pos{};
};

/// A paragraph or heading of running text.
struct paragraph_block {
    compact_text text;
    source_position pos{};
};

using block = std::variant<paragraph_block, table_block>;

struct document {
    std::vector<block> blocks;
    /// The text dropped every line equal to the line before it (a crawler's habit), so a value printed once
    /// may stand for a run of equal cells (printed_row::runs in glued.hpp).
    bool repeated_lines_dropped = false;
    /// A row's values are all the values between its label and the next one (plain text), so more values than
    /// cells on several lines can only be numbers broken over lines (printed_row::joins in glued.hpp).
    bool values_break_over_lines = false;
};

/// Turns a document into the model: finds the sections and the three tables, places every number by its
/// row and column labels, and reports what it could not place. Throws nothing but std::bad_alloc.
read_result map_document(const document &doc, input_format format);

}  // namespace xxgk::read
