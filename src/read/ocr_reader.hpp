// The OCR reader, for reports published as pictures: scanned PDFs (a page that is one picture taken as it
// is by poppler's pdfimages, others rendered by pdftoppm; both run as child processes) and page images
// (PNG, JPEG, TIFF), and the pages of a PDF with text whose tables are pictures. Pages are deskewed, the ruled tables found
// from their rules, labels read by Tesseract's chi_sim and numbers by a digits-only pass; the result is a
// `document` like every other reader's. A number the engine is not sure of carries its readings, which
// the mapper takes only where the table's identities leave exactly one. Built with XXGK_OCR only.
#pragma once

#include "document.hpp"

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace xxgk::read {

struct ocr_options {
    /// The pdftoppm to run, looked up in PATH when it has no slash.
    std::string pdftoppm = "pdftoppm";
    /// Resolution of pages that pdftoppm renders (pages that are one picture keep the picture's own).
    int dpi = 200;
    /// pdfimages and pdftoppm are killed after this long (each run).
    std::chrono::milliseconds timeout{120000};
    /// Pages read at most (a report has 3–10); later pages are ignored.
    int max_pages = 40;
    /// Resolution at which a PDF of text is rendered to find its tables' rules (`read_wrapped_tables`).
    int rules_dpi = 150;
};

/// Reads a PDF whose pages are images; an empty document when it has no picture. Throws `read_exception`
/// (poppler's programs missing or failing, Tesseract's languages missing).
document read_scanned_pdf(std::string_view bytes, const ocr_options &options = {});

/// Adds to `doc`, a PDF's document read from its text layer, what OCR reads on its pages that hold a
/// table-sized picture (3 × 1.5 inches as shown, or more) and no table in their text: a page without text
/// whole (its lines and tables), a page with text only the tables in its pictures, after that page's text.
/// Returns the number of pages read. Throws `read_exception`.
std::size_t add_pictured_tables(std::string_view bytes, document &doc, const ocr_options &options = {});

/// Where a PDF's tables hold a number wrapped over lines inside its cell or a row cut by a page break
/// (which laid-out text cannot place for sure), reads the pages with ruled tables again from their rules
/// and poppler's word boxes (`pdftotext -bbox`; pages rendered at `rules_dpi` by pdftoppm, the rules found
/// as OCR finds them) and puts them in place of `doc`'s blocks of those pages. Only the pages that the
/// word boxes alone say may need it (`numbers_needing_rules`) are rendered first. Returns the number of
/// pages replaced (0: none wrapped or cut, `doc` unchanged). Throws `read_exception`.
std::size_t read_wrapped_tables(std::string_view bytes, document &doc, const ocr_options &options = {});

/// Reads page images: PNG, JPEG, or a TIFF of one or more pages. Throws `read_exception`.
document read_page_images(std::string_view bytes, const ocr_options &options = {});

}  // namespace xxgk::read
