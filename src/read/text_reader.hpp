// Plain text as Apache Tika extracts it from a DOCX: paragraphs one per line, table cells on lines that
// start with a tab (a cell's text may continue on the following lines), table rows separated by blank lines.
#pragma once

#include "document.hpp"

#include <string_view>

namespace xxgk::read {

/// True when the text is laid out as Tika lays out a DOCX: table cells on lines that start with a tab (at
/// least 8 such lines with text after the tab). Other plain text goes to the stream reader (crawled_text.hpp).
bool is_tika_text(std::string_view utf8) noexcept;

/// Reads Tika-style text (UTF-8, no BOM) into paragraphs and tables with line/column positions (1-based,
/// columns in characters). Drops Word's `[bookmark: …]` markers. Never fails: any text is a document.
document read_tika_text(std::string_view utf8);

}  // namespace xxgk::read
