// Markdown reader: a line-based scanner for the Markdown PDF converters write (ATX headings, paragraphs,
// GitHub pipe tables), tolerant of what page breaks do to tables.
#include "markdown_reader.hpp"

#include "html_reader.hpp"
#include "map/mapper_text.hpp"

#include <xxgk/text.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

namespace xxgk::read {

namespace {

bool ascii_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim_ascii(std::string_view s) {
    while (!s.empty() && ascii_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && ascii_space(s.back())) s.remove_suffix(1);
    return s;
}

// Also the ideographic space and NBSP, which converters put on otherwise empty lines.
std::string_view trim_all(std::string_view s) {
    for (bool again = true; again;) {
        s = trim_ascii(s);
        again = false;
        for (std::string_view sp : {std::string_view("\xE3\x80\x80"), std::string_view("\xC2\xA0")}) {
            if (s.starts_with(sp)) s.remove_prefix(sp.size()), again = true;
            if (s.ends_with(sp)) s.remove_suffix(sp.size()), again = true;
        }
    }
    return s;
}

// 1-based column in characters of byte `offset` of `line`.
std::uint32_t column_of(std::string_view line, std::size_t offset) {
    return 1 + static_cast<std::uint32_t>(code_points(line.substr(0, offset)));
}

std::size_t first_text(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && ascii_space(line[i])) ++i;
    return i;
}

bool consume(std::string_view &s, std::string_view prefix) {
    if (!s.starts_with(prefix)) return false;
    s.remove_prefix(prefix.size());
    return true;
}

void skip_spaces(std::string_view &s) {
    while (consume(s, " ") || consume(s, "\t") || consume(s, "\xE3\x80\x80") || consume(s, "\xC2\xA0")) {
    }
}

bool consume_digits(std::string_view &s) {
    bool any = false;
    for (;;) {
        if (!s.empty() && s.front() >= '0' && s.front() <= '9') s.remove_prefix(1);
        else if (s.size() >= 3 && s.starts_with("\xEF\xBC") && s[2] >= '\x90' && s[2] <= '\x99') s.remove_prefix(3);  // ０-９
        else return any;
        any = true;
    }
}

bool consume_dashes(std::string_view &s) {
    static constexpr std::array<std::string_view, 7> dashes = {"-", "\xE2\x80\x94", "\xE2\x80\x93", "\xEF\xBC\x8D",
                                                                "\xE2\x80\x95", "\xE2\x94\x80", "\xE2\x80\x90"};
    bool any = false;
    for (bool again = true; again;) {
        again = false;
        for (std::string_view d : dashes)
            if (consume(s, d)) again = any = true;
    }
    return any;
}

// `— 3 —`, `- 4 -`, `第3页`, `第 3 页 共 9 页`, `第3页/共9页`: a page number alone on its line.
bool is_page_footer(std::string_view line) {
    std::string_view s = trim_all(line);
    if (consume(s, "\xE7\xAC\xAC")) {  // 第
        skip_spaces(s);
        if (!consume_digits(s)) return false;
        skip_spaces(s);
        if (!consume(s, "\xE9\xA1\xB5")) return false;  // 页
        skip_spaces(s);
        if (s.empty()) return true;
        if (consume(s, "/") || consume(s, ",") || consume(s, "\xEF\xBC\x8C") || consume(s, "\xE3\x80\x81")) skip_spaces(s);
        if (!consume(s, "\xE5\x85\xB1")) return false;  // 共
        skip_spaces(s);
        if (!consume_digits(s)) return false;
        skip_spaces(s);
        return consume(s, "\xE9\xA1\xB5") && s.empty();
    }
    if (!consume_dashes(s)) return false;
    skip_spaces(s);
    if (!consume_digits(s)) return false;
    skip_spaces(s);
    return consume_dashes(s) && s.empty();
}

// The text of an ATX heading (`## 二、…`) and its byte offset in the line.
std::optional<std::pair<std::string_view, std::size_t>> heading_text(std::string_view line) {
    std::size_t i = 0;
    while (i < 3 && i < line.size() && line[i] == ' ') ++i;
    std::size_t hashes = 0;
    while (i + hashes < line.size() && line[i + hashes] == '#') ++hashes;
    if (hashes == 0 || hashes > 6) return std::nullopt;
    i += hashes;
    if (i < line.size() && line[i] != ' ' && line[i] != '\t') return std::nullopt;
    while (i < line.size() && ascii_space(line[i])) ++i;
    std::string_view text = trim_ascii(line.substr(i));
    // A closing sequence of #s, when separated by a space, is not part of the heading.
    std::size_t end = text.size();
    while (end > 0 && text[end - 1] == '#') --end;
    if (end == 0) text = {};
    else if (end < text.size() && ascii_space(text[end - 1])) text = trim_ascii(text.substr(0, end));
    return std::pair{text, i};
}

// Lines that carry no text: code fences, thematic breaks, setext underlines.
bool is_rule(std::string_view line) {
    const std::string_view s = trim_ascii(line);
    if (s.starts_with("```") || s.starts_with("~~~")) return true;
    if (!s.empty() && s.find_first_not_of('=') == std::string_view::npos) return true;
    for (char mark : {'-', '*', '_'}) {
        std::size_t marks = 0;
        bool only = !s.empty();
        for (char c : s) {
            if (c == mark) ++marks;
            else if (!ascii_space(c)) only = false;
        }
        if (only && marks >= 3) return true;
    }
    return false;
}

bool is_blank(std::string_view line) { return trim_all(line).empty(); }

// Byte offsets of the pipes that separate cells (not those escaped as `\|`).
std::vector<std::size_t> pipes_of(std::string_view line) {
    std::vector<std::size_t> pipes;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\\') ++i;
        else if (line[i] == '|') pipes.push_back(i);
    }
    return pipes;
}

// True when the line has a pipe that separates cells: pipes_of(line) is not empty, without building it.
bool has_pipe(std::string_view line) {
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\\') ++i;
        else if (line[i] == '|') return true;
    }
    return false;
}

struct raw_cell {
    std::uint32_t offset;  // of the cell's first non-blank byte (or of its end when empty)
    std::uint32_t size;    // (8 bytes a cell, not 24: a row may be a million cells of one byte)
    std::string_view text(std::string_view line) const { return line.substr(offset, size); }
};

// A row's cells; the leading and trailing pipes are optional.
std::vector<raw_cell> split_row(std::string_view line) {
    std::size_t pipes = 0, first_pipe = std::string_view::npos, last_pipe = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\\') ++i;
        else if (line[i] == '|') {
            if (pipes++ == 0) first_pipe = i;
            last_pipe = i;
        }
    }
    std::vector<raw_cell> cells;
    cells.reserve(pipes + 1);
    std::size_t start = 0;
    const auto add = [&](std::size_t end) {
        std::size_t b = start;
        while (b < end && ascii_space(line[b])) ++b;
        std::size_t e = end;
        while (e > b && ascii_space(line[e - 1])) --e;
        cells.push_back(raw_cell{static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e - b)});
    };
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\\') ++i;
        else if (line[i] == '|') {
            add(i);
            start = i + 1;
        }
    }
    add(line.size());
    const std::size_t first = first_text(line);
    std::size_t last = line.size();
    while (last > 0 && ascii_space(line[last - 1])) --last;
    if (pipes > 0 && last > 0 && last_pipe == last - 1) cells.pop_back();
    if (pipes > 0 && first_pipe == first) cells.erase(cells.begin());
    return cells;
}

// A separator row (`|---|:--:|`). Under a header row GitHub's rule applies (one dash is enough); elsewhere
// a cell of one or two dashes is the placeholder `-` or `--` (nothing to report), so a separator needs three.
bool is_separator(std::string_view line, std::size_t min_dashes = 3) {
    // Any other character lands in a cell that is not dashes (only blank cells at the ends are dropped).
    if (!std::all_of(line.begin(), line.end(), [](char c) { return c == '|' || c == '-' || c == ':' || ascii_space(c); }))
        return false;
    if (!has_pipe(line)) return false;
    const std::vector<raw_cell> cells = split_row(line);
    if (cells.empty()) return false;
    return std::all_of(cells.begin(), cells.end(), [&](const raw_cell &c) {
        std::string_view s = c.text(line);
        const bool aligned = s.starts_with(':') || s.ends_with(':');
        if (s.starts_with(':')) s.remove_prefix(1);
        if (s.ends_with(':')) s.remove_suffix(1);
        return !s.empty() && s.find_first_not_of('-') == std::string_view::npos && (aligned || s.size() >= min_dashes);
    });
}

bool starts_table_row(std::string_view line) {
    const std::vector<std::size_t> pipes = pipes_of(line);
    return pipes.size() >= 2 && pipes.front() == first_text(line);
}

bool ascii_punct(char c) {
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

// The inline HTML converters leave in text: `<br>` is a line break, `<p>`/`<div>` separate lines, the
// other tags (page anchors `<span id="page-3-0">`, `<sup>`, …) carry no text.
std::optional<std::pair<std::size_t, bool>> inline_tag(std::string_view s) {
    static constexpr std::array<std::string_view, 14> names = {"br", "span", "sup", "sub", "b",  "strong", "i",
                                                               "em", "u",    "font", "a",   "p", "div",    "mark"};
    std::size_t i = 1;
    if (i < s.size() && s[i] == '/') ++i;
    std::size_t n = i;
    while (n < s.size() && ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z'))) ++n;
    std::string name(s.substr(i, n - i));
    std::transform(name.begin(), name.end(), name.begin(), [](char c) { return static_cast<char>(c | 0x20); });
    if (std::find(names.begin(), names.end(), name) == names.end()) return std::nullopt;
    if (n < s.size() && s[n] != '>' && s[n] != '/' && !ascii_space(s[n])) return std::nullopt;
    const std::size_t close = s.find('>', n);
    if (close == std::string_view::npos || close > 400 || s.substr(n, close - n).find('<') != std::string_view::npos)
        return std::nullopt;
    return std::pair{close + 1, name == "br" || name == "p" || name == "div"};
}

// Markdown's inline syntax taken out of a cell, heading or paragraph line; lines trimmed, empty ones dropped.
std::string clean_inline(std::string_view s) {
    static constexpr std::array<std::pair<std::string_view, char>, 6> entities = {
        {{"&nbsp;", ' '}, {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}}};
    std::string out;
    out.reserve(s.size());
    // Bytes that start none of the constructs below are copied in runs.
    auto plain = [](char c) { return c != '\\' && c != '*' && c != '<' && c != '&' && c != '\xE2' && c != '\xEF'; };
    for (std::size_t i = 0; i < s.size();) {
        if (plain(s[i])) {
            std::size_t end = i + 1;
            while (end < s.size() && plain(s[end])) ++end;
            out.append(s.substr(i, end - i));
            i = end;
            continue;
        }
        const char c = s[i];
        if (c == '\\' && i + 1 < s.size() && ascii_punct(s[i + 1])) {
            out += s[i + 1];
            i += 2;
            continue;
        }
        if (c == '*' && i + 1 < s.size() && s[i + 1] == '*') {
            i += 2;
            continue;
        }
        if (const std::size_t n = detail::invisible_prefix(s.substr(i))) {
            i += n;
            continue;
        }
        if (c == '<') {
            if (const auto tag = inline_tag(s.substr(i))) {
                if (tag->second) out += '\n';
                i += tag->first;
                continue;
            }
        }
        if (c == '&') {
            const auto e = std::find_if(entities.begin(), entities.end(),
                                        [&](const auto &p) { return s.substr(i).starts_with(p.first); });
            if (e != entities.end()) {
                out += e->second;
                i += e->first.size();
                continue;
            }
        }
        out += c;
        ++i;
    }
    std::string text;
    std::string_view rest = out;
    while (!rest.empty()) {
        const std::size_t nl = rest.find('\n');
        const std::string_view line = trim_ascii(rest.substr(0, nl));
        if (!line.empty()) {
            if (!text.empty()) text += '\n';
            text += line;
        }
        if (nl == std::string_view::npos) break;
        rest.remove_prefix(nl + 1);
    }
    return text;
}

std::size_t count_ci(std::string_view s, std::string_view needle) {
    std::size_t n = 0;
    for (std::size_t i = 0; i + needle.size() <= s.size(); ++i)
        n += std::equal(needle.begin(), needle.end(), s.begin() + static_cast<std::ptrdiff_t>(i),
                        [](char a, char b) { return (a | 0x20) == b; });
    return n;
}

// Converters (MinerU, marker) write tables with merged cells as HTML: `<table>` … `</table>`, on one line
// or several, possibly wrapped in `<html><body>`.
bool starts_html_table(std::string_view line) {
    std::string_view s = trim_ascii(line);
    for (std::string_view wrapper : {"<html>", "<body>"})
        while (s.size() >= wrapper.size() && count_ci(s.substr(0, wrapper.size()), wrapper) == 1) s.remove_prefix(wrapper.size());
    return s.size() >= 6 && count_ci(s.substr(0, 6), "<table") == 1;
}

struct source_line {
    std::string_view text;
    std::uint32_t number;
};

class markdown_scanner {
public:
    explicit markdown_scanner(std::string_view utf8) {
        std::uint32_t number = 0;
        while (!utf8.empty() || number == 0) {
            const std::size_t nl = utf8.find('\n');
            std::string_view line = utf8.substr(0, nl);
            if (line.ends_with('\r')) line.remove_suffix(1);
            lines_.push_back(source_line{line, ++number});
            if (nl == std::string_view::npos) break;
            utf8.remove_prefix(nl + 1);
        }
    }

    document scan() {
        for (std::size_t i = 0; i < lines_.size();) {
            const std::string_view line = lines_[i].text;
            if (is_blank(line)) {
                flush();
                ++i;
            } else if (is_page_footer(line)) {
                ++i;  // page furniture; the text on either side of a page break may be one paragraph
            } else if (const auto heading = heading_text(line)) {
                flush();
                std::string text = clean_inline(heading->first);
                if (!text.empty())
                    doc_.blocks.emplace_back(
                        paragraph_block{std::move(text), {lines_[i].number, column_of(line, heading->second)}});
                ++i;
            } else if (starts_html_table(line)) {
                flush();
                i = html_table(i);
            } else if (is_separator(line)) {
                flush();
                ++i;  // a separator row with no header row above it carries nothing
            } else if (is_rule(line)) {
                flush();
                ++i;
            } else if (has_pipe(line) && i + 1 < lines_.size() && is_separator(lines_[i + 1].text, 1)) {
                flush();
                i = table(i, true);
            } else if (starts_table_row(line)) {
                flush();
                i = table(i, false);
            } else {
                if (paragraph_.empty()) paragraph_pos_ = {lines_[i].number, column_of(line, first_text(line))};
                if (!paragraph_.empty()) paragraph_ += '\n';
                paragraph_ += line;
                ++i;
            }
        }
        flush();
        if (doc_.blocks.empty()) throw read_exception(error_code::empty, "Markdown");
        return std::move(doc_);
    }

private:
    std::vector<source_line> lines_;
    document doc_;
    std::string paragraph_;
    source_position paragraph_pos_{};
    std::uint32_t tables_ = 0;

    void flush() {
        std::string text = clean_inline(paragraph_);
        paragraph_.clear();
        if (!text.empty()) doc_.blocks.emplace_back(paragraph_block{std::move(text), paragraph_pos_});
    }

    text_row row(const source_line &line) const {
        text_row r;
        // Columns counted on from the previous cell's: from the start of the line for each would be
        // quadratic in the cells of a row.
        std::size_t counted = 0;
        std::uint32_t column = 1;
        const std::vector<raw_cell> cells = split_row(line.text);
        r.cells.reserve(cells.size());  // grown by doubling, a wide row would hold its cells twice as it moves
        for (const raw_cell &c : cells) {
            column += static_cast<std::uint32_t>(code_points(line.text.substr(counted, c.offset - counted)));
            counted = c.offset;
            r.cells.push_back(text_cell{clean_inline(c.text(line.text)), {line.number, column}});
        }
        return r;
    }

    static bool footer_row(const text_row &r) {
        const text_cell *only = nullptr;
        for (const text_cell &c : r.cells) {
            if (c.text.empty()) continue;
            if (only) return false;
            only = &c;
        }
        return only && is_page_footer(only->text);
    }

    // PDF-to-Markdown converters may print a row's labels and its values as two rows of the same columns:
    // the labels with empty cells after them, then the values under empty label cells. Such pairs are joined
    // into one row, but only when every row of values without a label in the table follows such a row of
    // labels; otherwise the labels are lost, not scattered, and the mapper decides by the row count.
    static void join_scattered_rows(table_block &t) {
        auto blank = [](const text_cell &c) { return detail::is_blank_text(c.text); };
        // The cells of a row of labels: up to its last non-blank cell, when that is not the whole row.
        auto labels_end = [&](const text_row &r) -> std::optional<std::size_t> {
            std::size_t end = r.cells.size();
            while (end > 0 && blank(r.cells[end - 1])) --end;
            if (end == 0 || end == r.cells.size()) return std::nullopt;
            for (std::size_t i = 0; i < end; ++i)
                if (!blank(r.cells[i]) && detail::is_value_text(r.cells[i].text)) return std::nullopt;
            return end;
        };
        auto values_only = [&](const text_row &r) {
            return !r.cells.empty() && blank(r.cells.front()) &&
                   std::all_of(r.cells.begin(), r.cells.end(), [](const text_cell &c) { return detail::is_value_text(c.text); }) &&
                   !std::all_of(r.cells.begin(), r.cells.end(), blank);
        };
        // Values under the empty cells of the row of labels before them, and nothing under its labels.
        auto fits = [&](const text_row &labels, const text_row &values) -> std::optional<std::size_t> {
            const auto end = labels_end(labels);
            if (!end || labels.cells.size() != values.cells.size()) return std::nullopt;
            for (std::size_t i = 0; i < *end; ++i)
                if (!blank(values.cells[i])) return std::nullopt;
            return end;
        };
        std::size_t pairs = 0;
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
            if (!values_only(t.rows[i])) continue;
            if (i == 0 || !fits(t.rows[i - 1], t.rows[i])) return;
            ++pairs;
        }
        if (pairs == 0) return;
        std::vector<text_row> joined;
        joined.reserve(t.rows.size() - pairs);
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
            if (i + 1 < t.rows.size() && values_only(t.rows[i + 1])) {
                const std::size_t end = *fits(t.rows[i], t.rows[i + 1]);
                text_row r;
                r.cells.assign(t.rows[i].cells.begin(), t.rows[i].cells.begin() + static_cast<std::ptrdiff_t>(end));
                r.cells.insert(r.cells.end(), std::make_move_iterator(t.rows[i + 1].cells.begin() + static_cast<std::ptrdiff_t>(end)),
                               std::make_move_iterator(t.rows[i + 1].cells.end()));
                joined.push_back(std::move(r));
                ++i;
                continue;
            }
            joined.push_back(std::move(t.rows[i]));
        }
        t.rows = std::move(joined);
    }

    void finish_table(table_block t) {
        join_scattered_rows(t);
        doc_.blocks.emplace_back(std::move(t));
    }

    table_block start_table(text_row first) {
        table_block t;
        t.pos = first.cells.empty() ? source_position{} : source_position{first.cells.front().pos.line, 1};
        t.pos.table = ++tables_;
        t.rows.push_back(std::move(first));
        return t;
    }

    // Reads the HTML table starting at line `i` (up to the line that closes it) with the HTML reader;
    // returns the first line after it.
    std::size_t html_table(std::size_t i) {
        std::string fragment;
        std::ptrdiff_t open = 0;
        std::size_t j = i;
        for (; j < lines_.size(); ++j) {
            fragment.append(lines_[j].text).push_back('\n');
            open += static_cast<std::ptrdiff_t>(count_ci(lines_[j].text, "<table")) -
                    static_cast<std::ptrdiff_t>(count_ci(lines_[j].text, "</table"));
            if (open <= 0) break;
        }
        for (block &b : detail::html_fragment(fragment, lines_[i].number, tables_)) doc_.blocks.push_back(std::move(b));
        return j + 1;
    }

    // Reads the table starting at line `i`; returns the first line after it.
    std::size_t table(std::size_t i, bool header) {
        text_row first = row(lines_[i]);
        if (!header && footer_row(first)) return i + 1;
        table_block t = start_table(std::move(first));
        std::size_t j = i + (header ? 2 : 1);
        for (; j < lines_.size(); ++j) {
            const std::string_view line = lines_[j].text;
            if (is_blank(line) || is_page_footer(line) || heading_text(line) || !has_pipe(line)) break;
            if (is_separator(line)) {
                if (t.rows.size() < 2) continue;
                // A header repeated inside the table (after a page break): it starts the next table.
                text_row repeated = std::move(t.rows.back());
                t.rows.pop_back();
                finish_table(std::move(t));
                t = start_table(std::move(repeated));
                continue;
            }
            text_row r = row(lines_[j]);
            if (footer_row(r)) {
                ++j;
                break;
            }
            t.rows.push_back(std::move(r));
        }
        finish_table(std::move(t));
        return j;
    }
};

}  // namespace

document read_markdown(std::string_view utf8, bool utf8_checked) {
    return markdown_scanner(detail::checked_utf8(utf8, "Markdown", utf8_checked)).scan();
}

}  // namespace xxgk::read
