// A PDF's words with their boxes (poppler's `pdftotext -bbox`), and what they say without the table's rules:
// which numbers the laid-out text alone may misread, because their digits may go on in their cell on the
// line below or their row may be cut by a page break. Built in every build (libxml2 only): builds with OCR
// render those pages to read the rules (`read_wrapped_tables`); builds without leave those cells unread.
#pragma once

#include "document.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xxgk::read {

/// One word as poppler placed it, in PDF points from the page's top left corner.
struct word_box {
    double x_min = 0, y_min = 0, x_max = 0, y_max = 0;
    std::string text;
};

/// One page's words in poppler's reading order, and the page's size in points.
struct page_words {
    int number = 0;  // 1-based
    double width = 0, height = 0;
    std::vector<word_box> words;
};

/// The pages of `pdftotext -bbox` output (XHTML: `<page width= height=>` holding `<word xMin= …>text</word>`),
/// read with libxml2. Empty when the output is not that (the caller keeps its laid-out reading).
std::vector<page_words> parse_word_boxes(std::string_view xhtml);

/// Whether a word is a count's digits (ASCII digits and thousands commas only).
bool number_word(std::string_view text);

/// Words grouped into lines (a word whose vertical centre lies within a line's first word's height joins
/// it), top to bottom, each line's words left to right.
std::vector<std::vector<const word_box *>> word_lines(std::vector<const word_box *> words);

/// Numbers whose reading the laid-out text cannot vouch for without the table's rules.
struct uncertain_number {
    enum class cause : std::uint8_t {
        /// A number with another number right below it in its column, one text line lower: the digits may
        /// go on in the same cell (`3075` printed `307` over `5`).
        may_wrap,
        /// The last row of numbers on a page, when the next page starts with a row of numbers only: the row
        /// may be cut by the page break (`133` | `64`).
        may_be_cut,
    };
    int page = 0;
    cause why = cause::may_wrap;
    /// The pieces as printed, top to bottom (a wrap: the number and the lines below it; a cut: one number);
    /// none: every number of the page (one too crowded to look at number by number).
    std::vector<std::string> pieces;
    /// Where each piece stands among the page's number words printed alike, in reading order (lines top to
    /// bottom, words left to right): its rank (0-based) and how many there are.
    std::vector<std::pair<std::size_t, std::size_t>> places;
};

/// The pre-test, from the word boxes alone: every number that may wrap in its cell or be cut by a page
/// break. A page with none of them reads the same from its laid-out text as from its rules. In doubt a
/// number is listed: a number listed costs a rendered page, one missed could be read wrong.
std::vector<uncertain_number> numbers_needing_rules(const std::vector<page_words> &pages);

/// Without the table's rules (a build without OCR): every table cell of `doc` on the page of an uncertain
/// number that may hold one of its pieces or a run of its pieces joined is made unread (its only reading
/// `?`, with the cause), never read from its first line alone. Where the page's cells hold a piece's text
/// as often as its words do, only the cells of that piece's rank and the ranks beside it are taken (cells
/// in reading order: line, then column); else every cell that holds it. Returns the cells made unread.
std::size_t unread_uncertain_numbers(document &doc, const std::vector<uncertain_number> &numbers);

}  // namespace xxgk::read
