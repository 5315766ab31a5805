// Placing a table's printed numbers when text runs cells together (`3700000372`, `160 02 0 018`): the
// digits are split into the row's cells in the only way the cell count allows, or else in the only way
// under which the table's identities hold (rows and columns together); otherwise the cells stay unread
// and an error names them with the candidate splits. Never a guess.
#pragma once

#include "../document.hpp"

#include <span>
#include <vector>

namespace xxgk::read {

/// The printed numbers of one table row: whitespace-separated tokens in printed order, each holding one
/// or more cells' digits (or a sign, a decimal point, a unit, a placeholder).
struct printed_row {
    /// The row's first cell; the row's cells are the next `cells` cells in `for_each_cell` order from here
    /// (e.g. table 四 printed as one line: first = administrative_review/upheld, cells = 15).
    cell_ref first;
    std::size_t cells = 0;
    std::vector<text_cell> tokens;
    /// The text dropped every line equal to the one before it (one cell per line): each token is one cell
    /// printed once for a run of one or more equal cells, never digits to be cut.
    bool runs = false;
    /// More tokens than cells, the tokens on separate lines (`1`/`62` for 162): consecutive tokens across a line
    /// break may be one cell's digits. Read only where the identities leave exactly one joining.
    bool joins = false;
};

/// Which table the rows belong to, hence which identities decide between splits
/// (二: none; 三: I-1, I-2, I-3; 四: I-4).
enum class table_id { active_disclosure, applications, review_litigation };

/// Splits the rows' tokens into cells and writes them into `r` (whose format is already set), keeping
/// each token's source position on the cells it yields. Cells that cannot be determined become
/// `cell_kind::unreadable`, each with a `cell.unreadable` diagnostic whose text lists the candidate splits.
void place_rows(report &r, table_id table, std::span<const printed_row> rows, std::vector<diagnostic> &out);

}  // namespace xxgk::read
