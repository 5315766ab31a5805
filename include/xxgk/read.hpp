#ifndef XXGK_READ_HPP
#define XXGK_READ_HPP

// Reading reports out of the documents agencies publish: canonical JSON, plain text (Apache Tika, crawled
// pages), Markdown, HTML, DOCX, PDF, pdftotext's laid-out text, and Word 97 / WPS / RTF / ODT. Every reader stops at "cells with their
// labels and positions"; one mapper turns those into the model and reports what it could not read as
// `doc.*` diagnostics. Link `xxgk::readers`.

#include <xxgk/json.hpp>
#include <xxgk/report.hpp>
#include <xxgk/rules.hpp>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk {

/// Largest document `read_report` accepts, in bytes (a report, even a PDF with pictures, is far smaller).
inline constexpr std::size_t max_document_size = 128u << 20;

/// The input formats; `text` covers Tika extractions and the visible text of crawled pages,
/// `layout` is `pdftotext -layout` output, `doc` is Word 97–2003 and WPS (OLE2 files with a Word document);
/// `doc`, `rtf` and `odt` are read through LibreOffice (`soffice`, run as a separate program);
/// `image` is a scanned page (PNG, JPEG, TIFF) read by OCR.
BOOST_DEFINE_ENUM_CLASS(input_format, json, text, markdown, html, docx, pdf, layout, doc, rtf, odt, image)

struct read_options {
    /// Force a format instead of sniffing the content (and the file name's extension).
    std::optional<input_format> format;
    /// The file name, used only for its extension when sniffing; may be empty.
    std::string_view file_name;
};

/// A report read from a document, with what the reading itself found (`doc.*`, `cell.unreadable` with the
/// candidate splits, `text.table_mismatch`). Run `check` for the table rules.
struct read_result {
    report value;
    std::vector<diagnostic> diagnostics;
    input_format format = input_format::json;
};

/// Appends the findings of a read report to `out`: the reader's own (disabled rules dropped, severities as
/// configured), then the table rules', without repeating what the reader already reported: a cell it reported
/// unreadable (its finding names the candidate splits, or the rows it could not match), a fee it found in 元 by the table's header, and the
/// blank cells of a table it reported missing (one `doc.table_missing` instead of a `cell.blank` per cell).
/// Allocates nothing when there is no finding.
inline void check(const read_result &r, const check_options &options, std::vector<diagnostic> &out) {
    const std::size_t first = out.size();
    for (const diagnostic &d : r.diagnostics)
        if (options.enabled(d.which)) {
            out.push_back(d);
            if (d.state == status::fail) out.back().level = options.severity_of(d.which);
        }
    const std::size_t reader_end = out.size();
    check(r.value, options, out);
    if (reader_end == first) return;
    auto reported_by_reader = [&](const diagnostic &d) {
        if (d.cells.empty()) return false;
        const cell_ref subject = d.cells.front();
        for (std::size_t i = first; i < reader_end; ++i) {
            const diagnostic &by = out[i];
            if (by.cells.empty()) continue;
            if (d.which == rule::cell_unreadable &&
                (by.which == rule::cell_unreadable || by.which == rule::doc_table_layout) &&
                std::find(by.cells.begin(), by.cells.end(), subject) != by.cells.end())
                return true;
            if (d.which == rule::t2_fee_unit && by.which == rule::t2_fee_unit) return true;
            if (d.which == rule::cell_blank && by.which == rule::doc_table_missing &&
                by.cells.front() == ref(table_section(subject.where)))
                return true;
        }
        return false;
    };
    out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(reader_end), out.end(), reported_by_reader),
              out.end());
}

/// Runs the document rules that need only the report's text (doc.section_missing, doc.problems_empty,
/// doc.fee_statement, text.table_mismatch) over a report that carries its sections, as canonical JSON may,
/// and appends the findings to `out`; a report without any section text is left alone. `read_report` runs
/// it on JSON input; the readers of documents run these rules themselves.
void check_sections(const report &r, std::vector<diagnostic> &out);

/// The format of `bytes`, from its content first and the file name's extension second.
input_format sniff_format(std::string_view bytes, std::string_view file_name = {}) noexcept;

/// Reads a report from a document in any supported format; on failure returns nothing and fills `error`.
/// Never throws.
std::optional<read_result> read_report(std::string_view bytes, const read_options &options, read_error &error) noexcept;

/// Reads a report from a document in any supported format; throws `read_exception` for a document that cannot be
/// read and std::bad_alloc when memory runs out.
read_result read_report(std::string_view bytes, const read_options &options = {});

}  // namespace xxgk

#endif
