// The PDF reader: poppler's `pdftotext -layout` runs as a separate process (poppler is GPL; it is not
// linked, so the library and its C ABI stay free of it), and its laid-out text goes to `read_layout_text`.
#pragma once

#include "document.hpp"
#include "pdf_words.hpp"

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace xxgk::read {

struct pdf_options {
    /// The pdftotext to run, looked up in PATH when it has no slash.
    std::string program = "pdftotext";
    /// pdftotext is killed after this long.
    std::chrono::milliseconds timeout{60000};
    /// More laid-out text than this is refused (a table report is a few hundred kilobytes).
    std::size_t max_output = std::size_t{64} << 20;
    /// pdftotext's address space (RLIMIT_AS): text extraction of a report needs far less.
    std::size_t max_memory = std::size_t{512} << 20;
    /// Pages whose word boxes `word_boxes_of_pdf` reads (a report has 3–10); later pages are left out.
    int word_box_pages = 40;
};

/// Thrown for a PDF without a text layer (a scanned one): OCR can read it where the build has it.
class scanned_pdf : public read_exception {
public:
    using read_exception::read_exception;
};

/// The laid-out text of a PDF (`pdftotext -layout -enc UTF-8`, one form feed after every page), run with
/// `run_child` under the limits above. Writes the bytes to a private temporary directory that it removes. Throws `read_exception` for a missing pdftotext
/// ("install poppler-utils"), an encrypted, truncated or corrupt PDF, or one without a text layer.
std::string layout_text_of_pdf(std::string_view bytes, const pdf_options &options = {});

/// The words of a PDF's first `word_box_pages` pages with their boxes (`pdftotext -bbox`, run and checked as
/// `layout_text_of_pdf` runs pdftotext). Throws `read_exception` as it does.
std::vector<page_words> word_boxes_of_pdf(std::string_view bytes, const pdf_options &options = {});

/// In a build without OCR (no rules can be read): every cell of `doc`, read from the PDF's laid-out text,
/// that the word boxes say may hold a number wrapped in its cell or cut by a page break is made unread
/// (`numbers_needing_rules`, `unread_uncertain_numbers`). Returns the number of such cells.
std::size_t unread_numbers_needing_rules(std::string_view bytes, document &doc, const pdf_options &options = {});

/// Reads a PDF: `read_layout_text(layout_text_of_pdf(bytes))`. Throws `read_exception`.
document read_pdf(std::string_view bytes, const pdf_options &options = {});

}  // namespace xxgk::read
