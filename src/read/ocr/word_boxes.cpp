// Words with boxes from `pdftotext -bbox` (libxml2's reader over poppler's XHTML), and a ruled cell's text
// from the words inside it. A wrapped number is joined only when the cell shows it wrapped: each line but
// the last fills the cell's width (one digit more would not fit), as a word processor wraps; two numbers
// one above the other in a wide cell (rules missing between two rows) stay two lines, which the mapper
// reads as more values than cells and leaves unread.
#include "word_boxes.hpp"

#include <libxml/xmlreader.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <utility>

namespace xxgk::read::ocr {

namespace {

struct reader_deleter {
    void operator()(xmlTextReader *r) const noexcept { xmlFreeTextReader(r); }
};

// An attribute as a number; 0 when absent or not a number.
double number_attribute(xmlTextReader *reader, const char *name) {
    xmlChar *value = xmlTextReaderGetAttribute(reader, reinterpret_cast<const xmlChar *>(name));
    if (!value) return 0;
    char *end = nullptr;
    const double v = std::strtod(reinterpret_cast<const char *>(value), &end);
    const bool whole = end && *end == '\0';
    xmlFree(value);
    return whole ? v : 0;
}

double centre_x(const word_box &w) { return (w.x_min + w.x_max) / 2; }
double centre_y(const word_box &w) { return (w.y_min + w.y_max) / 2; }

bool inside(const word_box &w, const rect &r, double scale) {
    const double x = centre_x(w) * scale, y = centre_y(w) * scale;
    return x >= r.x && x < r.right() && y >= r.y && y < r.bottom();
}

// Words grouped into lines (a word whose vertical centre lies within a line's first word's height joins
// it), top to bottom, each line's words left to right.
std::vector<std::vector<const word_box *>> lines_of(std::vector<const word_box *> words) {
    std::sort(words.begin(), words.end(), [](const word_box *a, const word_box *b) { return centre_y(*a) < centre_y(*b); });
    std::vector<std::vector<const word_box *>> lines;
    for (const word_box *w : words) {
        if (lines.empty() || centre_y(*w) > lines.back().front()->y_max) lines.emplace_back();
        lines.back().push_back(w);
    }
    for (auto &line : lines)
        std::sort(line.begin(), line.end(), [](const word_box *a, const word_box *b) { return a->x_min < b->x_min; });
    return lines;
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

std::vector<page_words> parse_word_boxes(std::string_view xhtml) {
    std::vector<page_words> pages;
    if (xhtml.size() > static_cast<std::size_t>(INT32_MAX)) return pages;
    std::unique_ptr<xmlTextReader, reader_deleter> reader(
        xmlReaderForMemory(xhtml.data(), static_cast<int>(xhtml.size()), nullptr, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
    if (!reader) return pages;
    int status = 0;
    while ((status = xmlTextReaderRead(reader.get())) == 1) {
        if (xmlTextReaderNodeType(reader.get()) != XML_READER_TYPE_ELEMENT) continue;
        const std::string_view name = reinterpret_cast<const char *>(xmlTextReaderConstLocalName(reader.get()));
        if (name == "page") {
            pages.push_back({static_cast<int>(pages.size() + 1), number_attribute(reader.get(), "width"),
                             number_attribute(reader.get(), "height"), {}});
        } else if (name == "word" && !pages.empty()) {
            word_box w{number_attribute(reader.get(), "xMin"), number_attribute(reader.get(), "yMin"),
                       number_attribute(reader.get(), "xMax"), number_attribute(reader.get(), "yMax"), {}};
            if (xmlChar *text = xmlTextReaderReadString(reader.get())) {
                w.text = reinterpret_cast<const char *>(text);
                xmlFree(text);
            }
            if (!w.text.empty() && w.x_max > w.x_min && w.y_max > w.y_min) pages.back().words.push_back(std::move(w));
        }
    }
    if (status != 0) pages.clear();  // not well-formed: not poppler's output
    return pages;
}

bool number_word(std::string_view text) {
    return !text.empty() && text.front() != ',' && std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || c == ','; });
}

cell_words words_in(const page_words &page, const rect &cell, int dpi) {
    const double scale = dpi / 72.0;
    std::vector<const word_box *> words;
    for (const word_box &w : page.words)
        if (inside(w, cell, scale)) words.push_back(&w);
    const auto lines = lines_of(std::move(words));
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
    for (const auto &line : lines_of(std::move(words)))
        out.emplace_back(static_cast<int>(line.front()->y_min * scale), joined(line));
    return out;
}

}  // namespace xxgk::read::ocr
