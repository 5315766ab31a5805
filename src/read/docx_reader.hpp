// DOCX reader: the zip opened from memory with libzip, its parts inflated with libdeflate (CRC-32 checked),
// the main document part (WordprocessingML) read into paragraphs and tables by a scanner of its own (pugixml
// reads what the scanner leaves: other encodings, comments, CDATA, malformed XML).
#pragma once

#include "document.hpp"

#include <cstddef>
#include <string_view>

namespace xxgk::read {

/// Limits on what a DOCX may make us inflate.
struct docx_limits {
    std::size_t max_part_size = 64u << 20;  ///< uncompressed bytes of one part
    std::size_t max_ratio = 100;            ///< uncompressed : compressed, beyond 1 MiB ("zip bomb")
};

/// Reads a DOCX: body paragraphs (`w:t` text, `w:tab` → '\t', `w:br`/`w:cr` → '\n'; deleted and hidden runs
/// skipped) and tables (`w:tbl`/`w:tr`/`w:tc`). `w:gridSpan` gives `col_span`; a `w:vMerge` restart cell
/// gets `row_span` = 1 + the continuation cells below it, and continuation cells are not emitted (as HTML
/// has no cell where a rowspan reaches; text in a continuation cell is appended to its restart cell), so
/// a row's cells are those printed. `w:gridBefore` is kept as an empty cell spanning those grid columns.
/// Positions: tables get `table`, cells `table`/`row`/`cell` (1-based; `cell` counts the row's `w:tc` as
/// written, so skipped continuation cells leave gaps); paragraphs get `line` = their number among the
/// document's paragraphs. A table with a table in the text of one of its cells (not in deleted, hidden or
/// fallback content) is layout: its cells are read as paragraphs and tables in turn. Automatic numbering
/// comes from numbering.xml, and from styles.xml only when numbering.xml has a `w:num` (otherwise styles.xml
/// is not read). Throws `read_exception` for input that is not a zip, a damaged or truncated zip (a CRC-32
/// mismatch, a part that inflates to more or fewer bytes than its header declares), a zip without the main
/// document part, entries with absolute or `..` paths, encrypted parts, parts beyond `limits`, malformed
/// XML (with the line and column in the part) and a document without text. Zero-width characters are
/// dropped from text.
document read_docx(std::string_view bytes, const docx_limits &limits);

/// `read_docx` with the default limits (64 MiB a part, 100:1).
document read_docx(std::string_view bytes);

}  // namespace xxgk::read
