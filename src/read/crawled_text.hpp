// Plain text read as a stream of labels and values, wherever its line breaks fall: the visible text of
// crawled portal pages (an optional header block `标题:`/`发布时间：` … of any wording, an optional `正文`
// line, then the report run together or one cell per line) and any text whose cells are separated by
// spaces, tabs, line breaks or nothing at all. Segmented by the format's labels
// into paragraphs and table rows `[label cells…, value text]` for the shared mapper; rows whose digits
// run together are split later by `place_rows` (glued.hpp).
#pragma once

#include "document.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace xxgk::read {

/// What the page's header block says about the report.
struct crawled_metadata {
    std::optional<std::string> title;
    std::optional<std::string> agency;     ///< `发布机构`, when not empty
    std::optional<std::string> published;  ///< `发布时间` as ISO `YYYY-MM-DD`
};

struct crawled_page {
    crawled_metadata meta;
    /// The header lines `标题:`, `发布时间:`, `发布机构:` as printed (when not empty), the prose and the
    /// three tables. Positions are line and column (1-based, columns in code points) in the whole input.
    document doc;
};

/// Segments plain text (a crawled page with or without its header block and `正文` line, or any text whose
/// cells are separated by spaces, tabs, line breaks or nothing) into metadata and a document.
/// Table labels are found by the format's labels, tolerating spaces inside them, full/half-width
/// punctuation, `1.`/`1．`/`1、` and the known misprints; text between labels that is a run of numbers
/// becomes the row's value cell. Throws nothing but std::bad_alloc.
crawled_page read_crawled_page(std::string_view utf8_text);

/// The document of `read_crawled_page`.
inline document read_crawled_text(std::string_view utf8_text) { return read_crawled_page(utf8_text).doc; }

}  // namespace xxgk::read
