// Words with boxes from `pdftotext -bbox` (libxml2's reader over poppler's XHTML), and the pre-test that
// says from them alone which numbers a laid-out reading cannot vouch for. A number wraps in its cell only
// onto the next text line of the same cell: right below it (x ranges overlap) at one line's pitch (single
// to double spacing: 1 to 2.6 word heights). Rows can be as close as that, so the pitch alone rules out
// little; what does is that two rows are two lines each with its label and its full count of numbers,
// where a wrapped row's lines are not (the other values and the label centred between its lines, or
// fewer numbers on its lines of pieces). A row is cut by a
// page break only where a page ends with a line of numbers and the next page's first line of numbers has
// no label beside it.
#include "pdf_words.hpp"

#include <libxml/xmlreader.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <utility>

namespace xxgk::read {

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

/// The largest pitch from a line to the next line of the same cell, in word heights (poppler's boxes are
/// the font's ascent to descent: single spacing is about 1.0, double spacing 2.0; rows packed tight are
/// ~1.06 apart, so the pitch alone tells little).
constexpr double max_line_pitch = 2.6;

double height(const word_box &w) { return w.y_max - w.y_min; }

/// Pairs of words a page's pre-test compares at most (a report's page needs a few thousand).
constexpr std::size_t max_looks = std::size_t{1} << 20;

// Whether `below` is where a line of the same cell as `above` could be: below it by one line's pitch at
// most, overlapping it across (a tenth of a line's height of slack for rounding).
bool next_line_below(const word_box &above, const word_box &below) {
    const double h = std::max(height(above), height(below));
    const double pitch = below.y_min - above.y_min;
    return pitch > 0.5 * h && pitch <= max_line_pitch * h && below.x_min < above.x_max + 0.1 * h &&
           below.x_max > above.x_min - 0.1 * h;
}

// The number words of a line.
std::vector<const word_box *> numbers_of(const std::vector<const word_box *> &line) {
    std::vector<const word_box *> out;
    std::copy_if(line.begin(), line.end(), std::back_inserter(out), [](const word_box *w) { return number_word(w->text); });
    return out;
}

// Whether a line reads as a table row of its own: two numbers or more with a label's words left of them.
bool row_line(const std::vector<const word_box *> &line) {
    const auto numbers = numbers_of(line);
    return numbers.size() >= 2 && std::any_of(line.begin(), line.end(), [&](const word_box *w) {
               return !number_word(w->text) && w->x_max <= numbers.front()->x_min;
           });
}

std::vector<std::vector<const word_box *>> lines_of_page(const page_words &page) {
    std::vector<const word_box *> all;
    for (const word_box &w : page.words) all.push_back(&w);
    return word_lines(std::move(all));
}

// The number words of a page's lines, top to bottom; lines without one are left out.
std::vector<std::vector<const word_box *>> number_lines(const page_words &page) {
    std::vector<std::vector<const word_box *>> out;
    for (const auto &line : lines_of_page(page))
        if (auto numbers = numbers_of(line); !numbers.empty()) out.push_back(std::move(numbers));
    return out;
}

// Whether a line is as short as a page's number or footer (`- 4 -`, `第 4 页 共 6 页`): 12 characters at most.
bool footer_like(const std::vector<const word_box *> &line) {
    std::size_t characters = 0;
    for (const word_box *w : line)
        characters += static_cast<std::size_t>(std::count_if(w->text.begin(), w->text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
    return characters <= 12;
}

// Whether the page ends with a line of numbers: nothing but footer-like lines below its last line that
// holds a number (the first part of a row that a page break may cut).
bool ends_with_numbers(const page_words &page) {
    const auto lines = lines_of_page(page);
    for (auto line = lines.rbegin(); line != lines.rend(); ++line) {
        if (std::any_of(line->begin(), line->end(), [](const word_box *w) { return number_word(w->text); })) return true;
        if (!footer_like(*line)) return false;
    }
    return false;
}

// Whether the page's first line that holds a number has no other word beside it: none that reaches within
// half a line of its height (a row's label may be centred a little above or below its numbers).
bool starts_with_unlabelled_numbers(const page_words &page) {
    for (const auto &line : lines_of_page(page)) {
        if (std::none_of(line.begin(), line.end(), [](const word_box *w) { return number_word(w->text); })) continue;
        double top = line.front()->y_min, bottom = line.front()->y_max;
        for (const word_box *w : line) top = std::min(top, w->y_min), bottom = std::max(bottom, w->y_max);
        const double margin = (bottom - top) / 2;
        return std::none_of(page.words.begin(), page.words.end(), [&](const word_box &w) {
            return !number_word(w.text) && w.y_max > top - margin && w.y_min < bottom + margin;
        });
    }
    return false;
}

// Each number word's rank among the page's number words printed alike, in reading order, and their count.
using places_of_words = std::map<const word_box *, std::pair<std::size_t, std::size_t>>;
places_of_words places_on(const std::vector<std::vector<const word_box *>> &lines) {
    std::map<std::string_view, std::vector<const word_box *>> alike;
    for (const auto &line : lines)
        for (const word_box *w : line)
            if (number_word(w->text)) alike[w->text].push_back(w);
    places_of_words out;
    for (const auto &[text, words] : alike)
        for (std::size_t i = 0; i < words.size(); ++i) out[words[i]] = {i, words.size()};
    return out;
}

void add_cut(std::vector<uncertain_number> &out, const page_words &page, const std::vector<const word_box *> &line) {
    const places_of_words places = places_on(lines_of_page(page));
    for (const word_box *w : line) out.push_back({page.number, uncertain_number::cause::may_be_cut, {w->text}, {places.at(w)}});
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

std::vector<std::vector<const word_box *>> word_lines(std::vector<const word_box *> words) {
    const auto centre_y = [](const word_box *w) { return (w->y_min + w->y_max) / 2; };
    std::sort(words.begin(), words.end(), [&](const word_box *a, const word_box *b) { return centre_y(a) < centre_y(b); });
    std::vector<std::vector<const word_box *>> lines;
    for (const word_box *w : words) {
        if (lines.empty() || centre_y(w) > lines.back().front()->y_max) lines.emplace_back();
        lines.back().push_back(w);
    }
    for (auto &line : lines)
        std::sort(line.begin(), line.end(), [](const word_box *a, const word_box *b) { return a->x_min < b->x_min; });
    return lines;
}

std::vector<uncertain_number> numbers_needing_rules(const std::vector<page_words> &pages) {
    std::vector<uncertain_number> out;
    for (const page_words &page : pages) {
        std::vector<const word_box *> numbers;
        for (const word_box &w : page.words)
            if (number_word(w.text)) numbers.push_back(&w);
        std::sort(numbers.begin(), numbers.end(), [](const word_box *a, const word_box *b) { return a->y_min < b->y_min; });
        const auto lines = lines_of_page(page);
        const places_of_words places = places_on(lines);
        std::map<const word_box *, std::size_t> line_of;
        for (std::size_t i = 0; i < lines.size(); ++i)
            for (const word_box *w : lines[i]) line_of[w] = i;
        std::vector<bool> row_lines(lines.size());
        std::vector<std::size_t> numbers_on(lines.size());
        for (std::size_t i = 0; i < lines.size(); ++i) row_lines[i] = row_line(lines[i]), numbers_on[i] = numbers_of(lines[i]).size();
        // Two lines are two rows, not one row's lines, when each is a row line with as many numbers. A row
        // whose numbers wrap leaves its own line or its lines of pieces with fewer numbers or without a
        // label (its label is centred between them), unless every value of the row wraps as its label does.
        const auto may_continue = [&](const word_box &above, const word_box &below) {
            const std::size_t a = line_of[&above], b = line_of[&below];
            return next_line_below(above, below) && !(row_lines[a] && row_lines[b] && numbers_on[a] == numbers_on[b]);
        };
        // Chains of numbers, each a line below the one before in one column. A number with a leading zero
        // cannot go on (a count is never printed `0` then more digits), but it may end a chain. The words
        // looked at below a number are those whose top lies within the largest pitch; a page that needs more
        // looks than `max_looks` (a hostile one) has every number listed.
        std::size_t looks = 0;
        std::set<const word_box *> continued;  // numbers already placed in a chain below their first line
        for (const word_box *top : numbers) {
            if (continued.contains(top) || top->text.front() == '0') continue;
            uncertain_number chain{page.number, uncertain_number::cause::may_wrap, {top->text}, {places.at(top)}};
            for (const word_box *at = top; at && looks <= max_looks;) {
                const word_box *next = nullptr;
                const double reach = at->y_min + max_line_pitch * 2 * height(*at);  // a word below twice as high, at most
                auto w = std::upper_bound(numbers.begin(), numbers.end(), at->y_min, [](double y, const word_box *b) { return y < b->y_min; });
                for (; w != numbers.end() && (*w)->y_min <= reach && ++looks <= max_looks; ++w)
                    if (may_continue(*at, **w) && (!next || (*w)->y_min < next->y_min)) next = *w;
                if (next) {
                    chain.pieces.push_back(next->text);
                    chain.places.push_back(places.at(next));
                    continued.insert(next);
                }
                at = next && next->text.front() != '0' ? next : nullptr;
            }
            if (looks > max_looks) {
                out.push_back({page.number, uncertain_number::cause::may_wrap, {}, {}});
                break;
            }
            if (chain.pieces.size() >= 2) out.push_back(std::move(chain));
        }
    }
    // Rows cut by a page break: the numbers of the last line with numbers on a page that ends with it, and
    // of the next page's first, when no label stands beside that line; a line of one number may be a
    // page's number, so the line beyond it is taken too.
    for (std::size_t i = 0; i + 1 < pages.size(); ++i) {
        const page_words &page = pages[i], &next = pages[i + 1];
        if (next.number != page.number + 1 || !ends_with_numbers(page) || !starts_with_unlabelled_numbers(next)) continue;
        const auto above = number_lines(page), below = number_lines(next);
        if (above.empty()) continue;
        add_cut(out, page, above.back());
        if (above.back().size() == 1 && above.size() >= 2) add_cut(out, page, above[above.size() - 2]);
        add_cut(out, next, below.front());
        if (below.front().size() == 1 && below.size() >= 2) add_cut(out, next, below[1]);
    }
    return out;
}

namespace {

// A cell's printed value as its words (split at spaces and line breaks), and all its digits together.
struct printed_value {
    std::vector<std::string> words;
    std::string digits;
};

printed_value printed_value_of(const std::string &text) {
    printed_value out;
    std::string word;
    for (char c : text + ' ') {
        if (c == ' ' || c == '\n' || c == '\t') {
            if (!word.empty()) out.words.push_back(std::move(word));
            word.clear();
            continue;
        }
        word += c;
        if (c >= '0' && c <= '9') out.digits += c;
    }
    return out;
}

std::string digits_of(std::string_view s) {
    std::string out;
    std::copy_if(s.begin(), s.end(), std::back_inserter(out), [](char c) { return c >= '0' && c <= '9'; });
    return out;
}

// Whether a cell printed as `value` holds two or more of `number`'s pieces in a row, joined.
bool holds_joined(const printed_value &value, const uncertain_number &number) {
    for (std::size_t first = 0; first < number.pieces.size(); ++first) {
        std::string joined = digits_of(number.pieces[first]);
        for (std::size_t last = first + 1; last < number.pieces.size(); ++last) {
            joined += digits_of(number.pieces[last]);
            if (joined == value.digits) return true;
        }
    }
    return false;
}

/// Uncertain numbers on a page, and pieces of one, that are matched cell by cell at most (a report's page
/// lists a few dozen numbers of two or three pieces); beyond, every value cell of the page is unread.
constexpr std::size_t max_listed = 512, max_pieces = 16;

// A value cell of a page, with its printed words.
struct value_cell {
    text_cell *cell;
    printed_value value;
};

}  // namespace

std::size_t unread_uncertain_numbers(document &doc, const std::vector<uncertain_number> &numbers) {
    if (numbers.empty()) return 0;
    std::set<int> pages;
    for (const uncertain_number &n : numbers) pages.insert(n.page);
    // The value cells of those pages in reading order (line, then column): only numbers in them.
    std::map<int, std::vector<value_cell>> cells;
    for (block &b : doc.blocks)
        if (auto *table = std::get_if<table_block>(&b))
            for (text_row &row : table->rows)
                for (text_cell &cell : row.cells) {
                    const auto page = static_cast<int>(cell.pos.page != 0 ? cell.pos.page : table->pos.page);
                    if (!pages.contains(page)) continue;
                    printed_value value = printed_value_of(cell.text);
                    if (value.digits.empty() || !std::all_of(value.words.begin(), value.words.end(), [](const std::string &w) { return number_word(w); }))
                        continue;
                    cells[page].push_back({&cell, std::move(value)});
                }
    for (auto &[page, list] : cells)
        std::stable_sort(list.begin(), list.end(), [](const value_cell &a, const value_cell &b) {
            return std::pair(a.cell->pos.line, a.cell->pos.column) < std::pair(b.cell->pos.line, b.cell->pos.column);
        });
    std::set<text_cell *> marked;
    const auto unread = [&](text_cell *cell, uncertain_number::cause why) {
        cell->readings = cell_readings::unknown(why == uncertain_number::cause::may_wrap ? unread_cause::may_wrap_without_rules
                                                                                      : unread_cause::may_be_cut_without_rules);
        marked.insert(cell);
    };
    // A page with every number listed, or with more uncertain numbers or longer chains than a table shows
    // (a hostile page): every value cell of it unread, in time linear in its cells.
    std::map<int, std::size_t> listed;
    std::set<int> whole;
    for (const uncertain_number &n : numbers)
        if (n.pieces.empty() || n.pieces.size() > max_pieces || ++listed[n.page] > max_listed) whole.insert(n.page);
    for (int page : whole)
        for (const value_cell &c : cells[page]) unread(c.cell, uncertain_number::cause::may_wrap);
    for (const uncertain_number &n : numbers) {
        if (whole.contains(n.page)) continue;
        std::vector<value_cell> &list = cells[n.page];
        std::set<text_cell *> hit;
        for (const value_cell &c : list)
            if (holds_joined(c.value, n)) hit.insert(c.cell);
        for (std::size_t i = 0; i < n.pieces.size(); ++i) {
            // The page's cells that hold the piece's text, each once per time it holds it, in reading order.
            std::vector<text_cell *> holding;
            for (const value_cell &c : list)
                for (const std::string &w : c.value.words)
                    if (w == n.pieces[i]) holding.push_back(c.cell);
            const auto [rank, count] = i < n.places.size() ? n.places[i] : std::pair<std::size_t, std::size_t>{0, 0};
            const bool placed = holding.size() == count && count > 0;
            for (std::size_t k = 0; k < holding.size(); ++k)
                if (!placed || (k + 1 >= rank && k <= rank + 1)) hit.insert(holding[k]);
        }
        for (text_cell *cell : hit) unread(cell, n.why);
    }
    return marked.size();
}

}  // namespace xxgk::read
