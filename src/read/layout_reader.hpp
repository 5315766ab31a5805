// The reader for laid-out text, as `pdftotext -layout` prints a PDF: pages separated by form feeds, table
// columns aligned with spaces. It finds the tables by their numeric columns and hands the cells, with
// page/line/column positions, to the shared mapper; it places no number itself.
#pragma once

#include "document.hpp"

#include <string_view>

namespace xxgk::read {

/// Reads laid-out UTF-8 text into paragraphs and tables: page footers (`-4-`, `第4页`) dropped, table rows
/// as [group labels…, row label, number cells…] with labels broken over lines joined by '\n', stacked
/// header cells joined, tables continued over page breaks joined. Positions: page, line within the page,
/// column (code points, 1-based). Throws `read_exception` on invalid UTF-8, NUL bytes or text without words;
/// `utf8_checked`: the caller has found the text well-formed and without NUL bytes (it is not checked again).
document read_layout_text(std::string_view utf8, bool utf8_checked = false);

}  // namespace xxgk::read
