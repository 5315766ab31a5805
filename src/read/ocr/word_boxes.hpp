// The text of a ruled table's cell made from the PDF's words inside it (poppler's `pdftotext -bbox`,
// pdf_words.hpp): where laid-out text cannot tell which row a wrapped number's lines belong to,
// the table's rules can (docs/pdf.md, "Word boxes").
#pragma once

#include "../pdf_words.hpp"
#include "table_grid.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace xxgk::read::ocr {

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
