// The tables as the renderers see them, built once from the format's enumerations: the official grid
// (merged cells as the template merges them) for HTML, and a flattened form (row label, then one value
// per column) for Markdown and plain text. Labels are views of the constants in format.hpp.
#pragma once

#include <xxgk/render.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk::render_detail {

/// A value cell of a table: which cell it is and its content in the report.
struct slot {
    cell_ref ref;
    const cell *value = nullptr;
};

enum class role : std::uint8_t { caption, header, note, group, label, value };

/// One cell of the official grid.
struct grid_cell {
    role kind = role::label;
    std::string_view text;  // the label, for every role but `value`
    std::uint16_t row_span = 1, col_span = 1;
    slot data{};            // for `value`
};

struct grid_table {
    section which;
    std::vector<std::vector<grid_cell>> rows;
};

/// Tables 二, 三 and 四 in the official layout of the report's format.
std::array<grid_table, 3> official_grid(const report &r);

/// A row of a flattened table: a label and one value per header column after the first; a group heading
/// has no values.
struct flat_row {
    std::string_view label;
    std::vector<slot> values;
    bool group() const noexcept { return values.empty(); }
};

struct flat_table {
    std::string_view caption;              // empty when the table has none
    std::vector<std::string_view> header;  // first: the label column's header (may be empty)
    std::vector<flat_row> rows;
};

struct flat_section {
    section which;
    std::vector<flat_table> tables;
};

/// Tables 二 (one flat table per 第二十条 clause), 三 and 四 (proceedings as rows) flattened.
std::array<flat_section, 3> flat_layout(const report &r);

/// The text a cell printed: the kept printed text, the plain number, or nothing for blank and unreadable.
std::string printed(const cell &c);

/// What a table shows for a value: its printed text, or `?` for a cell whose value could not be read (a
/// blank would claim 0).
std::string shown_value(const slot &s);

/// Marker of unreadable cells in the renderings.
inline constexpr std::string_view unreadable_mark = "?";

/// Text safe in HTML content and attribute values.
std::string html_escape(std::string_view s);

/// `render_tables` in HTML: a complete page with the three tables.
std::string html_tables_page(const report &r, language lang);

}  // namespace xxgk::render_detail
