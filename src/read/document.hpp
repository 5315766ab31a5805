// The readers' common output: a document as paragraphs and tables of cells with their source positions.
// Format-specific code (HTML, DOCX, Markdown, text, laid-out PDF text) stops here; `map_document` turns a
// document into the model for every format.
#pragma once

#include <xxgk/read.hpp>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace xxgk::read {

/// The readings of an OCR'd value, kept aside: one pointer in every cell (most cells have none), the list
/// only in the few that have them. Copies copy the list.
class cell_readings {
public:
    cell_readings() noexcept = default;
    /// The readings of `list`, best first (none when it is empty).
    cell_readings(std::vector<std::string> list)
        : list_(list.empty() ? nullptr : std::make_unique<std::vector<std::string>>(std::move(list))) {}
    cell_readings(std::initializer_list<std::string> list) : cell_readings(std::vector<std::string>(list)) {}
    cell_readings(const cell_readings &other) : list_(other.list_ ? std::make_unique<list>(*other.list_) : nullptr) {}
    cell_readings(cell_readings &&) noexcept = default;
    cell_readings &operator=(const cell_readings &other) { return *this = cell_readings(other); }
    cell_readings &operator=(cell_readings &&) noexcept = default;
    bool empty() const noexcept { return !list_; }
    std::size_t size() const noexcept { return list_ ? list_->size() : 0; }
    const std::string *begin() const noexcept { return list_ ? list_->data() : nullptr; }
    const std::string *end() const noexcept { return list_ ? list_->data() + list_->size() : nullptr; }
    friend bool operator==(const cell_readings &a, const cell_readings &b) {
        return a.empty() ? b.empty() : !b.empty() && *a.list_ == *b.list_;
    }

private:
    using list = std::vector<std::string>;
    std::unique_ptr<list> list_;
};

/// One cell as the document printed it: its text (line breaks inside kept as '\n') and where it stood.
struct text_cell {
    std::string text;
    source_position pos{};
    std::uint16_t row_span = 1, col_span = 1;
    /// An OCR'd value: the engine's confidence in `text` (0–100, that of its least sure digit); -1 otherwise.
    /// (Beside the spans, in what would be padding: a cell is 72 bytes, every reader keeps one per cell.)
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
    std::string text;
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
