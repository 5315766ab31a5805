// A PDF's words with their boxes (poppler's `pdftotext -bbox`), and the text of a ruled table's cell made
// from the words inside it: where laid-out text cannot tell which row a wrapped number's lines belong to,
// the table's rules can (docs/pdf.md, "Word boxes").
#pragma once

#include "table_grid.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace xxgk::read::ocr {

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

/// What a grid cell holds, from the words whose centre lies inside it.
struct cell_words {
    /// The lines top to bottom joined by `\n`, words on a line by a space; a number whose digits run over
    /// several lines (each line one number word) is joined into one number.
    std::string text;
    /// Digits over more than one line, joined.
    bool wrapped_number = false;
};

/// The words of `page` inside `cell` (page pixels at `dpi`), as text.
cell_words words_in(const page_words &page, const rect &cell, int dpi);

/// The page's lines of words outside `tables` (page pixels at `dpi`), top to bottom, each with its top in
/// pixels: the running text around the tables.
std::vector<std::pair<int, std::string>> lines_outside(const page_words &page, const std::vector<rect> &tables, int dpi);

}  // namespace xxgk::read::ocr
