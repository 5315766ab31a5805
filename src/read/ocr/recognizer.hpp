// Tesseract, as the OCR reader uses it: Simplified Chinese (chi_sim) for labels and running text, and a
// digits-only pass (eng with tessedit_char_whitelist=0123456789) for the cells that hold numbers, with
// each digit's confidence and the alternatives the LSTM weighed.
#pragma once

#include "leptonica.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tesseract {
class TessBaseAPI;
}

namespace xxgk::read::ocr {

/// A line of running text on the page, in page pixels.
struct text_line {
    std::string text;
    rect box;
    float confidence = 0;  // 0–100
};

/// One digit of a number as read, with the readings Tesseract weighed for it (best first).
struct digit_reading {
    char best = '0';
    float confidence = 0;                   // 0–100
    std::vector<std::pair<char, float>> alternatives;  // other digits and their confidence
};

/// A table cell as the text pass (chi_sim) read it.
struct cell_text {
    /// The text, spaces between Chinese characters removed, lines joined by '\n'.
    std::string text;
    bool blank = false;
    /// True when the cell has ink (blank then means the pass read nothing in it).
    bool inked = false;
    /// Tesseract's mean confidence in the text (0–100).
    float confidence = 0;
};

/// The digits a cell's text pass read, when it read nothing else (O and 〇 taken for 0; l, I and | for 1;
/// spaces and line breaks dropped); empty otherwise.
std::string digits_in(std::string_view text);

/// The number of Chinese (or other wide) characters in the text, 〇 not counted.
std::size_t wide_characters(std::string_view text);

/// The readings of a number the engine is not sure of, best first: the digits pass's reading, each
/// doubtful digit read as one of its alternatives (a digit below the sure confidence without any may be
/// any digit), two doubtful digits together, then the text pass's digits. Never a leading zero; at least
/// two readings, or none when there would be too many (the value is then unread without candidates).
std::vector<std::string> number_readings(const std::vector<digit_reading> &digits, const std::string &text_pass);

/// One look at a table cell: what the text pass and the digits pass read in it at one scale.
struct cell_look {
    cell_text text;
    std::vector<digit_reading> digits;
};

/// The number a cell surely holds, from its looks at several scales: a digits pass read every digit of it
/// surely, a second reading confirms it (a text pass read the same digits, or a digits pass at another
/// scale read it surely too), and no confident pass (every digit sure, or a text pass of digits only read
/// with label confidence) read another number. Nothing otherwise: the cell then keeps its readings.
std::optional<std::string> agreed_number(const std::vector<cell_look> &looks);

/// The two Tesseract engines of one OCR run; not thread-safe (one per thread or per document).
class recognizer {
public:
    /// Loads chi_sim and eng from Tesseract's data directory (TESSDATA_PREFIX or the packaged one);
    /// throws std::runtime_error naming the missing language.
    recognizer();
    ~recognizer();
    recognizer(const recognizer &) = delete;
    recognizer &operator=(const recognizer &) = delete;

    /// The lines of text of a page (grey, 8 bpp) outside the given rectangles.
    std::vector<text_line> read_lines(PIX *grey, int dpi, const std::vector<rect> &skip);

    /// The text pass over the inside of a table cell (a grey crop of the page); blank when it holds no ink.
    cell_text read_cell_text(PIX *grey_cell, int dpi);

    /// The digits pass over a cell: its digits in order, each with its confidence and alternatives.
    std::vector<digit_reading> read_digits(PIX *grey_cell, int dpi);

private:
    std::unique_ptr<tesseract::TessBaseAPI> labels_, digits_;
};

}  // namespace xxgk::read::ocr
