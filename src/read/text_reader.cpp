// The Tika plain-text reader.
#include "text_reader.hpp"

#include <xxgk/text.hpp>

#include <vector>

namespace xxgk::read {

namespace {

struct line {
    std::string_view text;
    std::uint32_t number;
};

// Calls f(line) for each line of s ('\n'-separated, a '\r' before it dropped), numbered from 1.
template <class F>
void for_each_line(std::string_view s, F f) {
    std::uint32_t n = 1;
    while (!s.empty()) {
        std::size_t end = s.find('\n');
        std::string_view l = s.substr(0, end);
        if (l.ends_with('\r')) l.remove_suffix(1);
        f(line{l, n++});
        if (end == std::string_view::npos) break;
        s.remove_prefix(end + 1);
    }
}

bool is_blank(std::string_view s) {
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\r') return false;
    return true;
}

// Removes Word's `[bookmark: _GoBack]`-style markers Tika leaves in the text.
std::string without_bookmarks(std::string_view s) {
    std::string out;
    for (;;) {
        const std::size_t at = s.find("[bookmark: ");
        const std::size_t end = at == std::string_view::npos ? at : s.find(']', at);
        if (end == std::string_view::npos) break;
        out.append(s.substr(0, at));
        s.remove_prefix(end + 1);
    }
    out.append(s);
    return out;
}

// Leading ASCII spaces and ideographic spaces (U+3000), as their count in characters.
std::uint32_t leading_spaces(std::string_view &s) {
    std::uint32_t n = 0;
    for (;;) {
        if (s.starts_with(' ')) s.remove_prefix(1);
        else if (s.starts_with("\xE3\x80\x80")) s.remove_prefix(3);
        else break;
        ++n;
    }
    return n;
}

}  // namespace

bool is_tika_text(std::string_view utf8) noexcept {
    constexpr std::size_t enough = 8;  // a table 二 alone has more cells than this
    std::size_t cells = 0;
    for (std::size_t at = 0; at < utf8.size() && cells < enough;) {
        std::size_t end = utf8.find('\n', at);
        if (end == std::string_view::npos) end = utf8.size();
        if (end - at >= 2 && utf8[at] == '\t' && !is_blank(utf8.substr(at + 1, end - at - 1))) ++cells;
        at = end + 1;
    }
    return cells >= enough;
}

document read_tika_text(std::string_view utf8) {
    document doc;
    table_block *table = nullptr;
    text_row *row = nullptr;          // the row being filled; null after a blank line
    bool blank_since_cell = false;    // a blank line followed the last cell line
    for_each_line(utf8, [&](const line &l) {
        if (l.text.starts_with('\t')) {
            std::string_view t = l.text.substr(1);
            if (!table) {
                table = &std::get<table_block>(doc.blocks.emplace_back(table_block{}));
                table->pos = {.line = l.number, .column = 2};
                row = nullptr;
            }
            if (!row) {
                // Rows of a table mostly have as many cells as the row before.
                const std::size_t cells = table->rows.empty() ? 0 : table->rows.back().cells.size();
                row = &table->rows.emplace_back();
                row->cells.reserve(cells);
            }
            text_cell &c = row->cells.emplace_back();
            c.text = without_bookmarks(t);
            c.pos = {.line = l.number, .column = 2};
            blank_since_cell = false;
            return;
        }
        if (is_blank(l.text)) {
            row = nullptr;
            blank_since_cell = table != nullptr;
            return;
        }
        // A line without a tab right after a cell line continues that cell (Tika breaks cell text at the
        // cell's line breaks, e.g. headers printed one character per line).
        if (table && row && !blank_since_cell && !row->cells.empty()) {
            text_cell &c = row->cells.back();
            c.text += '\n';
            c.text += without_bookmarks(l.text);
            return;
        }
        table = nullptr;
        row = nullptr;
        std::string_view t = l.text;
        const std::uint32_t indent = leading_spaces(t);
        std::string text = without_bookmarks(t);
        std::string_view trimmed = xxgk::trim_cell_text(text);
        if (trimmed.empty()) return;
        const auto shift =
            static_cast<std::uint32_t>(code_points(std::string_view(text).substr(0, static_cast<std::size_t>(trimmed.data() - text.data()))));
        const source_position pos{.line = l.number, .column = indent + shift + 1};
        doc.blocks.emplace_back(paragraph_block{trimmed.size() == text.size() ? std::move(text) : std::string(trimmed), pos});
    });
    return doc;
}

}  // namespace xxgk::read
