// A ruled cell's text from the words inside it (`pdftotext -bbox`, read in pdf_words.cpp). A wrapped
// number is joined only when the cell shows it wrapped: each line but the last fills the cell's width (one
// digit more would not fit), as a word processor wraps; two numbers one above the other in a wide cell
// (rules missing between two rows) stay two lines, which the mapper reads as more values than cells and
// leaves unread.
#include "word_boxes.hpp"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <utility>

namespace xxgk::read::ocr {

namespace {

double centre_x(const word_box &w) { return (w.x_min + w.x_max) / 2; }
double centre_y(const word_box &w) { return (w.y_min + w.y_max) / 2; }

bool inside(const word_box &w, const rect &r, double scale) {
    const double x = centre_x(w) * scale, y = centre_y(w) * scale;
    return x >= r.x && x < r.right() && y >= r.y && y < r.bottom();
}

std::string joined(const std::vector<const word_box *> &line) {
    std::string out;
    for (const word_box *w : line) {
        if (!out.empty()) out += ' ';
        out += w->text;
    }
    return out;
}

}  // namespace

cell_words words_in(const page_words &page, const rect &cell, int dpi) {
    const double scale = dpi / 72.0;
    std::vector<const word_box *> words;
    for (const word_box &w : page.words)
        if (inside(w, cell, scale)) words.push_back(&w);
    const auto lines = word_lines(std::move(words));
    cell_words out;
    const bool numbers_only = lines.size() >= 2 && std::all_of(lines.begin(), lines.end(), [](const auto &line) {
        return line.size() == 1 && number_word(line.front()->text);
    });
    if (numbers_only) {
        // Wrapped only if every line but the last is full: its width and one digit more reach the cell's
        // width less its padding (at most 8 points a side).
        const double cell_width = cell.w / scale;
        bool full = true;
        for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
            const word_box &w = *lines[i].front();
            const double digit = (w.x_max - w.x_min) / static_cast<double>(w.text.size());
            full = full && w.x_max - w.x_min + digit >= cell_width - 16;
        }
        if (full) {
            for (const auto &line : lines) out.text += line.front()->text;
            out.wrapped_number = true;
            return out;
        }
    }
    for (const auto &line : lines) {
        if (!out.text.empty()) out.text += '\n';
        out.text += joined(line);
    }
    return out;
}

std::vector<std::pair<int, std::string>> lines_outside(const page_words &page, const std::vector<rect> &tables, int dpi) {
    const double scale = dpi / 72.0;
    std::vector<const word_box *> words;
    for (const word_box &w : page.words)
        if (std::none_of(tables.begin(), tables.end(), [&](const rect &t) { return inside(w, t, scale); })) words.push_back(&w);
    std::vector<std::pair<int, std::string>> out;
    for (const auto &line : word_lines(std::move(words)))
        out.emplace_back(static_cast<int>(line.front()->y_min * scale), joined(line));
    return out;
}

}  // namespace xxgk::read::ocr
