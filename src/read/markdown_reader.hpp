// Markdown reader: headings, paragraphs and GitHub pipe tables as PDF-to-Markdown converters emit them.
#pragma once

#include "document.hpp"

#include <string_view>

namespace xxgk::read {

/// Reads Markdown (UTF-8, optional BOM) into paragraphs and tables with the line and column (1-based, column
/// in characters) where each paragraph, heading and cell starts. Headings (`#`…) become paragraphs of their
/// text; setext underlines, code fences and thematic breaks are dropped. A table is a header row followed by
/// a separator row (`|---|`), or any run of lines that start with `|` and hold another `|` (the rows a
/// converter continues a table with after a page break); the separator row is not a cell row, every other
/// row is kept with its cells as printed (no padding to the header's width). HTML tables (`<table>` …
/// `</table>`, as converters write tables with merged cells) are read by the HTML reader, with spans, and
/// positioned by line and column in the Markdown. `\|` is a pipe inside a cell,
/// `<br>` a line break, `**` is dropped, backslash escapes and `&nbsp;` `&amp;` `&lt;` `&gt;` `&quot;`
/// are decoded. Tables are cut into separate blocks at blank lines, page footers and repeated headers (a
/// row followed by a separator row in the middle of a table); joining them is the mapper's work. Page footers
/// (`— 3 —`, `- 4 -`, `第3页`, `第 3 页 共 9 页`, and table rows whose only text is one) are dropped
/// everywhere: they are page furniture, not text. Throws `read_exception` for input that is not UTF-8 or
/// shows no text. Linear in the input. `utf8_checked`: the caller has already found the text well-formed
/// UTF-8 without NUL bytes (`to_utf8` does), so it is not checked again.
document read_markdown(std::string_view utf8, bool utf8_checked = false);

}  // namespace xxgk::read
