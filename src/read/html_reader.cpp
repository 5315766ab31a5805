// HTML reader: MyHTML's DOM walked in document order into paragraphs and data tables.
#include "html_reader.hpp"

#include "encoding.hpp"

#include <myhtml/api.h>

#include <malloc.h>

#include <cctype>
#include <cstdlib>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <limits>
#include <new>
#include <string>
#include <vector>

// MyHTML allocates through these four functions only; the static libmodest then does not take in its own
// (memory.c, which returns null and lets MyHTML follow it). Here a failed allocation throws std::bad_alloc
// out through MyHTML's C frames (built with unwind tables) to the reader, which drops the half-built tree,
// and the bytes a parse holds are counted so that a page needing more than its budget stops.
namespace xxgk::read::detail {

/// The bytes MyHTML holds on this thread, and the most a parse running on it may hold.
struct myhtml_memory {
    std::size_t held = 0;
    std::size_t limit = std::numeric_limits<std::size_t>::max();
};
thread_local myhtml_memory myhtml_held;

/// Thrown through MyHTML when a parse would hold more than its limit.
struct myhtml_budget_exceeded {};

// Before an allocation of `size` bytes that replaces `replaced` bytes held: past the limit, nothing is
// allocated and the parse stops (MyHTML's pointers all stay valid for the tree to be destroyed).
void reserve(std::size_t size, std::size_t replaced) {
    if (myhtml_held.held - replaced + size > myhtml_held.limit) throw myhtml_budget_exceeded{};
}

void *held(void *p, std::size_t size) {
    if (!p && size != 0) throw std::bad_alloc();
    if (p) myhtml_held.held += malloc_usable_size(p);
    return p;
}

}  // namespace xxgk::read::detail

extern "C" {
void *mycore_malloc(std::size_t size) {
    xxgk::read::detail::reserve(size, 0);
    return xxgk::read::detail::held(std::malloc(size), size);
}
void *mycore_calloc(std::size_t count, std::size_t size) {
    if (size != 0 && count > std::numeric_limits<std::size_t>::max() / size) throw std::bad_alloc();
    xxgk::read::detail::reserve(count * size, 0);
    return xxgk::read::detail::held(std::calloc(count, size), count * size);
}
void *mycore_realloc(void *old, std::size_t size) {
    const std::size_t was = old ? malloc_usable_size(old) : 0;
    xxgk::read::detail::reserve(size, was);
    void *p = std::realloc(old, size);
    if (!p && size != 0) throw std::bad_alloc();  // the old block is still MyHTML's
    xxgk::read::detail::myhtml_held.held -= was;
    return xxgk::read::detail::held(p, size);
}
void *mycore_free(void *p) {
    if (p) xxgk::read::detail::myhtml_held.held -= malloc_usable_size(p);
    std::free(p);
    return nullptr;
}
/// The number of elements open while MyHTML builds `tree` (myhtml_tree.c).
std::size_t xxgk_myhtml_open_elements(myhtml_tree_t *tree);
}

namespace xxgk::read {

namespace detail {

std::string_view checked_utf8(std::string_view bytes, std::string_view what, bool already_checked) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    if (already_checked) return bytes;
    const std::size_t nul = bytes.find('\0');
    const std::optional<std::size_t> bad = invalid_utf8_at(bytes.substr(0, nul));
    if (!bad && nul == std::string_view::npos) return bytes;
    const std::size_t at = bad.value_or(nul);
    source_position where{1, 1};
    for (std::size_t i = 0; i < at; ++i) {
        if (bytes[i] == '\n') ++where.line, where.column = 1;
        else if ((static_cast<unsigned char>(bytes[i]) & 0xC0) != 0x80) ++where.column;
    }
    throw read_exception(read_error{bad ? error_code::invalid_utf8 : error_code::nul_byte, std::string(what), where, at});
}

std::size_t invisible_prefix(std::string_view s) noexcept {
    // Every one of them starts with 0xE2 or 0xEF; callers ask at every byte of the text.
    if (s.empty() || (s[0] != '\xE2' && s[0] != '\xEF')) return 0;
    for (std::string_view z : {"\xE2\x80\x8B", "\xE2\x80\x8C", "\xE2\x80\x8D", "\xE2\x81\xA0", "\xEF\xBB\xBF"})
        if (s.starts_with(z)) return z.size();
    return 0;
}

void append_without_invisible(std::string &out, std::string_view s) {
    // The text between invisible characters is appended at once: 0xE2 and 0xEF also lead the full-width
    // punctuation of every Chinese sentence, so appending up to each of them would append every few bytes.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\xE2' && s[i] != '\xEF') continue;
        if (const std::size_t n = invisible_prefix(s.substr(i))) {
            out.append(s.data() + kept, i - kept);
            kept = i + n;
            i = kept - 1;
        }
    }
    out.append(s.data() + kept, s.size() - kept);
}

}  // namespace detail

namespace {

constexpr int max_depth = 1000;
constexpr std::uint16_t max_span = 1000;

[[noreturn]] void fail(error_code code, std::string detail, source_position where = {}) {
    throw read_exception(code, "HTML" + (detail.empty() ? "" : ": " + detail), where);
}

using node = myhtml_tree_node_t;

myhtml_tag_id_t tag_of(node *n) { return myhtml_node_tag_id(n); }

bool is_element(node *n, myhtml_tag_id_t tag) { return myhtml_node_tag_id(n) == tag; }

// Text, comments and the doctype are the nodes that are not elements (the document node is never a child).
bool is_element(node *n) {
    const myhtml_tag_id_t tag = myhtml_node_tag_id(n);
    return tag != MyHTML_TAG__TEXT && tag != MyHTML_TAG__COMMENT && tag != MyHTML_TAG__DOCTYPE;
}

std::string_view text_of(node *n) {
    std::size_t length = 0;
    const char *text = myhtml_node_text(n, &length);
    return text ? std::string_view(text, length) : std::string_view();
}

bool skipped(myhtml_tag_id_t tag) {
    return tag == MyHTML_TAG_SCRIPT || tag == MyHTML_TAG_STYLE || tag == MyHTML_TAG_TEMPLATE || tag == MyHTML_TAG_NOSCRIPT;
}

// Elements that start and end a line of running text.
bool block_level(myhtml_tag_id_t tag) {
    switch (tag) {
    case MyHTML_TAG_P: case MyHTML_TAG_DIV: case MyHTML_TAG_H1: case MyHTML_TAG_H2: case MyHTML_TAG_H3:
    case MyHTML_TAG_H4: case MyHTML_TAG_H5: case MyHTML_TAG_H6: case MyHTML_TAG_LI: case MyHTML_TAG_UL:
    case MyHTML_TAG_OL: case MyHTML_TAG_DL: case MyHTML_TAG_DT: case MyHTML_TAG_DD: case MyHTML_TAG_SECTION:
    case MyHTML_TAG_ARTICLE: case MyHTML_TAG_HEADER: case MyHTML_TAG_FOOTER: case MyHTML_TAG_NAV:
    case MyHTML_TAG_ASIDE: case MyHTML_TAG_MAIN: case MyHTML_TAG_BLOCKQUOTE: case MyHTML_TAG_PRE:
    case MyHTML_TAG_FORM: case MyHTML_TAG_FIELDSET: case MyHTML_TAG_ADDRESS: case MyHTML_TAG_FIGURE:
    case MyHTML_TAG_FIGCAPTION: case MyHTML_TAG_CENTER: case MyHTML_TAG_HR: case MyHTML_TAG_CAPTION:
    case MyHTML_TAG_TR: case MyHTML_TAG_TD: case MyHTML_TAG_TH: case MyHTML_TAG_BODY: case MyHTML_TAG_HTML:
    case MyHTML_TAG_HEAD: case MyHTML_TAG_TITLE:
        return true;
    default:
        return false;
    }
}

// The classes of bytes for the scan of running text: white space, the first byte of something to look at
// (NBSP, invisible characters, characters replaced), and plain text (most of a page).
enum : unsigned char { plain_byte = 0, space_byte = 1, special_byte = 2 };
constexpr std::array<unsigned char, 256> byte_classes = [] {
    std::array<unsigned char, 256> c{};
    for (std::size_t b = 0; b < 0x20; ++b) c[b] = special_byte;
    for (const unsigned char b : {' ', '\t', '\n', '\r', '\f'}) c[b] = space_byte;
    for (const std::size_t b : {0x7F, 0xC2, 0xE2, 0xEF, 0xF0, 0xF1, 0xF2, 0xF3, 0xF4}) c[b] = special_byte;
    return c;
}();

unsigned char byte_at(std::string_view s, std::size_t i) noexcept {
    return i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
}

// The byte length of the character at s[i] that a page's text shows as U+FFFD, or 0: control characters
// other than white space, C1 controls and noncharacters (as xxgk has always read them).
std::size_t replaced_length(std::string_view s, std::size_t i) noexcept {
    const unsigned char b = byte_at(s, i), b1 = byte_at(s, i + 1), b2 = byte_at(s, i + 2), b3 = byte_at(s, i + 3);
    if (b < 0x20 || b == 0x7F) return byte_classes[b] == space_byte ? 0 : 1;
    if (b == 0xC2) return b1 >= 0x80 && b1 <= 0x9F ? 2 : 0;
    if (b == 0xEF) return (b1 == 0xB7 && b2 >= 0x90 && b2 <= 0xAF) || (b1 == 0xBF && b2 >= 0xBE) ? 3 : 0;
    if (b >= 0xF0 && b <= 0xF4) return (b1 & 0x0F) == 0x0F && b2 == 0xBF && b3 >= 0xBE ? 4 : 0;
    return 0;
}

// Running text with HTML's white-space collapsing: runs of white space (and NBSP, which portals use as
// spacing) become one space, no space at the start or end of a line, no empty lines.
class text_builder {
public:
    void append(std::string_view s) {
        // Room for the whole text node at once: a paragraph would otherwise grow from 15 bytes in steps.
        if (text_.capacity() - text_.size() < s.size()) text_.reserve(std::max(text_.size() + s.size(), 2 * text_.capacity()));
        for (std::size_t i = 0; i < s.size();) {
            const unsigned char b = static_cast<unsigned char>(s[i]);
            if (byte_classes[b] == space_byte) {
                space_ = true;
                ++i;
                continue;
            }
            if (byte_classes[b] == special_byte) {
                if (b == 0xC2 && byte_at(s, i + 1) == 0xA0) {
                    space_ = true;
                    i += 2;
                    continue;
                }
                if (const std::size_t k = detail::invisible_prefix(s.substr(i))) {
                    i += k;
                    continue;
                }
                if (const std::size_t k = replaced_length(s, i)) {
                    put("\xEF\xBF\xBD");
                    i += k;
                    continue;
                }
            }
            // A run of plain text goes in at once.
            std::size_t end = i + 1;
            while (end < s.size() && byte_classes[static_cast<unsigned char>(s[end])] == plain_byte) ++end;
            put(s.substr(i, end - i));
            i = end;
        }
    }
    void line_break() {
        if (!text_.empty() && text_.back() != '\n') text_ += '\n';
        space_ = false;
    }
    bool empty() const { return text_.empty(); }
    std::string take() {
        while (!text_.empty() && text_.back() == '\n') text_.pop_back();
        space_ = false;
        return std::exchange(text_, {});
    }

private:
    void put(std::string_view visible) {
        if (space_ && !text_.empty() && text_.back() != '\n') text_ += ' ';
        space_ = false;
        text_.append(visible);
    }

    std::string text_;
    bool space_ = false;
};

// The HTML rules for parsing non-negative integers; anything else, 0 and values beyond `max_span` give 1.
std::uint16_t span_attribute(node *cell, std::string_view name) {
    myhtml_tree_attr_t *a = myhtml_attribute_by_key(cell, name.data(), name.size());
    if (!a) return 1;
    std::size_t length = 0;
    const char *value = myhtml_attribute_value(a, &length);
    std::string_view v = value ? std::string_view(value, length) : std::string_view();
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t' || v.front() == '\n' || v.front() == '\r')) v.remove_prefix(1);
    if (v.starts_with('+')) v.remove_prefix(1);
    unsigned long n = 0;
    const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc{} || ptr == v.data() || n == 0 || n > max_span) return 1;
    return static_cast<std::uint16_t>(n);
}

// Whether a table is among the descendants of `root`. Iterative over the parent links: a cell may hold
// thousands of nested inline elements.
bool contains_table(node *root) {
    node *n = myhtml_node_child(root);
    while (n) {
        if (is_element(n, MyHTML_TAG_TABLE)) return true;
        if (node *first = is_element(n) ? myhtml_node_child(n) : nullptr) {
            n = first;
            continue;
        }
        while (n != root && !myhtml_node_next(n)) n = myhtml_node_parent(n);
        if (n == root) return false;
        n = myhtml_node_next(n);
    }
    return false;
}

// A table's rows (its own, not those of tables inside it) with their cells.
struct html_row {
    std::vector<node *> cells;
};

std::vector<html_row> rows_of(node *table) {
    std::vector<html_row> rows;
    const auto add_row = [&](node *tr) {
        html_row &r = rows.emplace_back();
        for (node *k = myhtml_node_child(tr); k; k = myhtml_node_next(k))
            if (is_element(k, MyHTML_TAG_TD) || is_element(k, MyHTML_TAG_TH)) r.cells.push_back(k);
    };
    for (node *k = myhtml_node_child(table); k; k = myhtml_node_next(k)) {
        if (is_element(k, MyHTML_TAG_TR)) add_row(k);
        else if (is_element(k, MyHTML_TAG_THEAD) || is_element(k, MyHTML_TAG_TBODY) || is_element(k, MyHTML_TAG_TFOOT))
            for (node *tr = myhtml_node_child(k); tr; tr = myhtml_node_next(tr))
                if (is_element(tr, MyHTML_TAG_TR)) add_row(tr);
    }
    return rows;
}

// Line and column (1-based) of byte offsets in the page, counted as xxgk has always reported HTML positions:
// columns in characters, CR LF or a lone CR ends a line, and a tab moves the column to the next multiple of 8.
// Offsets are asked for mostly in increasing order; the state saved every `stride` bytes keeps the few that
// go back (text that the parser moved before a table) from rescanning the page.
class position_finder {
public:
    explicit position_finder(std::string_view text) : text_(text) {}

    source_position at(std::size_t offset) {
        offset = std::min(offset, text_.size());
        if (offset < now_.offset) now_ = saved_[offset / stride];
        while (now_.offset < offset) {
            advance(std::min(offset, (now_.offset / stride + 1) * stride));
            if (now_.offset % stride == 0 && now_.offset / stride == saved_.size()) saved_.push_back(now_);
        }
        return source_position{now_.line, now_.column};
    }

private:
    struct state {
        std::size_t offset = 0;
        std::uint32_t line = 1, column = 1;
    };
    static constexpr std::size_t stride = 4096;

    // Lines are skipped whole (memchr finds their ends); characters are counted one by one only on the line
    // the offset is on, or on a line with a lone CR in it.
    void advance(std::size_t stop) {
        std::uint32_t line = now_.line, column = now_.column;
        for (std::size_t i = now_.offset; i < stop;) {
            const char *from = text_.data() + i;
            const auto *newline = static_cast<const char *>(std::memchr(from, '\n', stop - i));
            const std::size_t end = newline ? static_cast<std::size_t>(newline - text_.data()) : stop;
            const auto *cr = static_cast<const char *>(std::memchr(from, '\r', end - i));
            if (!newline || (cr && cr + 1 < newline)) count(i, end, line, column);
            if (!newline) break;
            ++line, column = 1;
            i = end + 1;
        }
        now_ = state{stop, line, column};
    }

    void count(std::size_t from, std::size_t to, std::uint32_t &line, std::uint32_t &column) const {
        for (std::size_t i = from; i < to; ++i) {
            const char c = text_[i];
            if (c == '\r') {
                if (i + 1 == text_.size() || text_[i + 1] != '\n') ++line, column = 1;
            } else if (c == '\t') {
                column = (column / 8 + 1) * 8;
            } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
                ++column;
            }
        }
    }

    std::string_view text_;
    state now_;
    std::vector<state> saved_{state{}};
};

// Where a node starts in the page: its tag's '<' or its text's first character. Elements the parser
// implied (no tag written) take the position of the first node after them that was written.
std::size_t start_of(node *n) {
    for (node *k = n; k;) {
        const myhtml_position_t p = myhtml_node_element_position(k);
        if (p.length) return p.begin;
        if (node *first = myhtml_node_child(k)) {
            k = first;
            continue;
        }
        while (k && !myhtml_node_next(k)) k = myhtml_node_parent(k);
        if (k) k = myhtml_node_next(k);
    }
    return 0;
}

bool html_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Where a text node's text starts in the page. Where HTML ignores white space (before <html>, between
// </head> and <body>, ...) MyHTML drops it from the text but keeps the position of the whole run; the text
// starts after the white space dropped (the page's CR LF is one character of the text).
std::size_t text_start(node *n, std::string_view page) {
    // MyHTML's positions of a text: its raw position is the text proper (after "<![CDATA[") but is not always
    // recorded, and its element position is sometimes the end of an unclosed <title> or <textarea>.
    const myhtml_position_t raw = myhtml_node_raw_position(n), element = myhtml_node_element_position(n);
    std::size_t at = std::min(raw.length ? std::min(raw.begin, element.begin) : element.begin, page.size());
    const std::string_view text = text_of(n);
    std::size_t kept = 0, written = 0;
    while (kept < text.size() && html_space(text[kept])) ++kept;
    for (std::size_t i = at; i < page.size() && html_space(page[i]); ++i)
        if (page[i] != '\r' || i + 1 == page.size() || page[i + 1] != '\n') ++written;
    for (; written > kept; ++at)
        if (page[at] != '\r' || at + 1 == page.size() || page[at + 1] != '\n') --written;
    // Text right after "</>" (which HTML ignores) has always been placed at the "</>".
    while (at >= 3 && page.substr(at - 3, 3) == "</>") at -= 3;
    // Text that a broken table holds outside its cells is moved before the table, where MyHTML appends it
    // to the white space, keeping that position: the text proper is then looked for after the <table> tag
    // that ends the white space (in a bounded window, literally as written).
    std::size_t run_end = at, visible = kept;
    while (run_end < page.size() && html_space(page[run_end])) ++run_end;
    while (visible < text.size() && html_space(text[visible])) ++visible;
    const auto table_tag = [&] {
        constexpr std::string_view tag = "<table";
        if (run_end + tag.size() >= page.size()) return false;
        for (std::size_t k = 0; k < tag.size(); ++k)
            if (std::tolower(static_cast<unsigned char>(page[run_end + k])) != tag[k]) return false;
        const char after = page[run_end + tag.size()];
        return html_space(after) || after == '>' || after == '/';
    };
    if (visible == text.size() || !table_tag()) return at;
    std::size_t length = 0;
    while (visible + length < text.size() && length < 16 && byte_classes[byte_at(text, visible + length)] == plain_byte &&
           text[visible + length] != '&')
        ++length;
    const std::size_t tag_end = page.find('>', run_end);
    if (length == 0 || tag_end == std::string_view::npos) return at;
    // Outside tags only: the text may be as short as one '>'.
    const std::string_view needle = text.substr(visible, length);
    const std::size_t limit = std::min(page.size(), tag_end + 1 + (std::size_t{16} << 10));
    for (std::size_t k = tag_end + 1; k < limit; ++k) {
        const char next = k + 1 < page.size() ? page[k + 1] : '\0';
        if (page[k] == '<' && (std::isalpha(static_cast<unsigned char>(next)) || next == '/' || next == '!')) {
            const std::size_t close = page.find('>', k);
            if (close == std::string_view::npos) break;
            k = close;
        } else if (page.substr(k).starts_with(needle)) {
            // The moved text starts with the white space before it in the table.
            while (k > tag_end + 1 && html_space(page[k - 1])) --k;
            return k;
        }
    }
    return at;
}

class html_walker {
public:
    document doc;

    explicit html_walker(std::string_view page) : page_(page), where_(page) {}
    // Positions by line and column in a host document the page is a fragment of, from its line `first_line`.
    html_walker(std::string_view page, std::uint32_t first_line, std::uint32_t tables)
        : page_(page), where_(page), tables_(tables), line_offset_(first_line - 1), by_line_(true) {}
    std::uint32_t tables() const { return tables_; }

    [[noreturn]] void fail_too_deep(std::size_t offset) {
        fail(error_code::too_deep, std::to_string(max_depth) + " levels", position_at(offset));
    }

    void walk(node *n, int depth) {
        if (depth > max_depth) fail_too_deep(start_of(n));
        const myhtml_tag_id_t tag = tag_of(n);
        if (tag == MyHTML_TAG__TEXT) {
            // The paragraph starts where its first text node does, white space included.
            if (para_.empty()) para_start_ = text_start(n, page_);
            para_.append(text_of(n));
            return;
        }
        if (tag == MyHTML_TAG__COMMENT || tag == MyHTML_TAG__DOCTYPE || skipped(tag)) return;
        if (tag == MyHTML_TAG_BR) {
            para_.line_break();
            return;
        }
        if (tag == MyHTML_TAG_TABLE) {
            flush();
            table(n, depth);
            return;
        }
        const bool block = block_level(tag);
        if (block) flush();
        walk_children(n, depth);
        if (block) flush();
    }

    // The document node's children, at depth 1.
    void walk_document(node *document) {
        walk_children(document, 0);
        flush();
    }

private:
    std::string_view page_;
    position_finder where_;
    text_builder para_;
    std::size_t para_start_ = 0;
    std::uint32_t tables_ = 0, line_offset_ = 0;
    bool by_line_ = false;

    void flush() {
        std::string text = para_.take();
        if (!text.empty()) doc.blocks.emplace_back(paragraph_block{std::move(text), position_at(para_start_)});
    }

    source_position position_at(std::size_t offset) {
        source_position p = where_.at(offset);
        p.line += line_offset_;
        return p;
    }
    source_position position(node *n) { return position_at(start_of(n)); }

    void walk_children(node *n, int depth) {
        for (node *k = myhtml_node_child(n); k; k = myhtml_node_next(k)) walk(k, depth + 1);
    }

    void table(node *n, int depth) {
        std::vector<html_row> rows = rows_of(n);
        const bool nested = std::any_of(rows.begin(), rows.end(), [](const html_row &r) {
            return std::any_of(r.cells.begin(), r.cells.end(), contains_table);
        });
        const bool data = std::any_of(rows.begin(), rows.end(), [](const html_row &r) { return r.cells.size() >= 2; });
        // The caption (and anything a broken page put directly inside <table>) is running text around it.
        for (node *k = myhtml_node_child(n); k; k = myhtml_node_next(k))
            if (is_element(k, MyHTML_TAG_CAPTION)) walk(k, depth + 1);
        if (nested || !data) {
            for (const html_row &r : rows)
                for (node *c : r.cells) walk(c, depth + 1);
            return;
        }
        table_block t;
        if (by_line_) t.pos = position(n);
        t.pos.table = ++tables_;
        std::uint32_t row_index = 0;
        for (const html_row &r : rows) {
            text_row &out = t.rows.emplace_back();
            ++row_index;
            std::uint32_t cell_index = 0;
            for (node *c : r.cells) {
                text_builder text;
                cell_text(c, text, depth + 1);
                source_position pos{};
                ++cell_index;
                if (by_line_) pos = position(c);
                else pos.table = t.pos.table, pos.row = row_index, pos.cell = cell_index;
                out.cells.push_back(text_cell{text.take(), pos, span_attribute(c, "rowspan"), span_attribute(c, "colspan")});
            }
        }
        doc.blocks.emplace_back(std::move(t));
    }

    void cell_text(node *n, text_builder &text, int depth) {
        if (depth > max_depth) fail_too_deep(start_of(n));
        for (node *k = myhtml_node_child(n); k; k = myhtml_node_next(k)) {
            const myhtml_tag_id_t tag = tag_of(k);
            if (tag == MyHTML_TAG__TEXT) {
                text.append(text_of(k));
            } else if (is_element(k)) {
                if (skipped(tag)) continue;
                if (tag == MyHTML_TAG_BR) {
                    text.line_break();
                    continue;
                }
                const bool block = block_level(tag);
                if (block) text.line_break();
                cell_text(k, text, depth + 1);
                if (block) text.line_break();
            }
        }
    }
};

// Thrown through MyHTML by the tree's insert callback: an element is opened below `max_depth` open elements.
// Every HTML5 "in scope" check walks the open elements, so a parse that went on would be quadratic.
struct nesting_too_deep {
    std::size_t offset;  // where in the page the element that crossed the limit starts
};

void refuse_deep_node(myhtml_tree_t *tree, node *inserted, void *) {
    if (xxgk_myhtml_open_elements(tree) > max_depth) throw nesting_too_deep{myhtml_node_element_position(inserted).begin};
}

// The memory a parse of a page may take beyond what its tree already holds: MyHTML's pools start at about
// 5 MiB and a tree takes 10 to 25 bytes per byte of a real page; a page that needs more (text cut by
// thousands of stray tags is copied whole at each piece) is refused.
constexpr std::size_t parse_budget_base = std::size_t{16} << 20;
constexpr std::size_t parse_budget_per_byte = 40;

std::size_t parse_budget(std::size_t page_size) { return parse_budget_base + parse_budget_per_byte * page_size; }

// One MyHTML parser and tree per thread, reused from page to page: creating them costs more than parsing a
// small page. The tree keeps the memory of the pages it parsed, so after a large page both are released, and
// so are they after a parse that stopped (out of memory, too deep, over its budget) half way.
class html_parser {
public:
    html_parser() = default;
    html_parser(const html_parser &) = delete;
    html_parser &operator=(const html_parser &) = delete;
    ~html_parser() { release(); }

    /// The document node of `html` parsed (valid until the next parse or release on this thread). Throws
    /// `nesting_too_deep`, std::bad_alloc, or `read_exception` for a page over its memory budget.
    node *parse(std::string_view html) {
        detail::myhtml_memory &memory = detail::myhtml_held;
        struct unlimited {
            detail::myhtml_memory &memory;
            ~unlimited() { memory.limit = std::numeric_limits<std::size_t>::max(); }
        } after{memory};
        try {
            if (!tree_) start();
            memory.limit = memory.held + parse_budget(html.size());
            // With the encoding given, MyHTML neither sniffs nor follows <meta charset>: the page is UTF-8 already.
            if (myhtml_parse(tree_, MyENCODING_UTF_8, html.data(), html.size()) != MyHTML_STATUS_OK) {
                release();  // a tree left half built is not parsed into again
                fail(error_code::out_of_memory, "MyHTML");
            }
        } catch (const detail::myhtml_budget_exceeded &) {
            release();
            fail(error_code::too_large, "> " + std::to_string(parse_budget(html.size()) >> 20) + " MiB to parse");
        } catch (...) {
            release();
            throw;
        }
        node *document = myhtml_tree_get_document(tree_);
        if (!document) fail(error_code::damaged, "MyHTML");
        return document;
    }

    void release() noexcept {
        if (tree_) myhtml_tree_destroy(tree_);
        if (myhtml_) myhtml_destroy(myhtml_);
        tree_ = nullptr, myhtml_ = nullptr;
    }

private:
    void start() {
        // One thread mode: MyHTML starts no thread of its own. MyHTML cannot destroy a parser or tree whose
        // initialisation ran out of memory (it destroys mutexes it never made): those are left, not destroyed.
        try {
            myhtml_ = myhtml_create();
            if (myhtml_ && myhtml_init(myhtml_, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0) == MyHTML_STATUS_OK) {
                tree_ = myhtml_tree_create();
                if (tree_ && myhtml_tree_init(tree_, myhtml_) == MyHTML_STATUS_OK) {
                    myhtml_callback_tree_node_insert_set(tree_, refuse_deep_node, nullptr);
                    return;
                }
            }
        } catch (const std::bad_alloc &) {
        }
        tree_ = nullptr, myhtml_ = nullptr;
        throw std::bad_alloc();
    }

    myhtml_t *myhtml_ = nullptr;
    myhtml_tree_t *tree_ = nullptr;
};

thread_local html_parser parser;

// Pages above this size do not leave their tree's memory behind in the thread: MyHTML's tree keeps about
// 22 bytes per byte of the largest page parsed (93 MB after a 3.9 MB page). Releasing after a 1 MB page
// did not make the next 1 MB page slower.
constexpr std::size_t kept_page_size = std::size_t{1} << 20;

// Releases the thread's parser after a large page, however the walk ends.
struct release_after_large_page {
    std::size_t size;
    ~release_after_large_page() {
        if (size > kept_page_size) parser.release();
    }
};

// HTML drops a tag, comment or declaration that the end of the page cuts off ("...<td cla", "</<d"): the
// first one that starts after the last '>' runs to the end. MyHTML would show it as text.
std::string_view without_cut_tag(std::string_view html) {
    const std::size_t last = html.rfind('>');
    for (std::size_t i = last == std::string_view::npos ? 0 : last + 1; (i = html.find('<', i)) != std::string_view::npos; ++i) {
        if (i + 2 > html.size()) break;
        const char c = html[i + 1];
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '!' || c == '?' || (c == '/' && i + 2 < html.size()))
            return html.substr(0, i);
    }
    return html;
}

void walk_page(std::string_view utf8, html_walker &walker) {
    if (utf8.size() > std::numeric_limits<unsigned>::max() / 2) fail(error_code::too_large, {});
    const release_after_large_page release{utf8.size()};
    std::string_view html = without_cut_tag(utf8);
    // HTML ignores "</>" and reads "<!>" as an empty comment; MyHTML shows the one and everything after the
    // other as text. "<?>", a comment to both, is as long (positions stay).
    std::string copy;
    if (html.find("</>") != std::string_view::npos || html.find("<!>") != std::string_view::npos) {
        copy = html;
        for (std::string_view bad : {"</>", "<!>"})
            for (std::size_t at = 0; (at = copy.find(bad, at)) != std::string::npos; at += 3) copy[at + 1] = '?';
        html = copy;
    }
    node *document = nullptr;
    try {
        document = parser.parse(html);
    } catch (const nesting_too_deep &e) {
        walker.fail_too_deep(e.offset);
    }
    walker.walk_document(document);
}

}  // namespace

document read_html(std::string_view utf8, bool utf8_checked) {
    utf8 = detail::checked_utf8(utf8, "HTML", utf8_checked);
    html_walker walker(utf8);
    walk_page(utf8, walker);
    if (walker.doc.blocks.empty()) fail(error_code::empty, {});
    return std::move(walker.doc);
}

std::vector<block> detail::html_fragment(std::string_view utf8, std::uint32_t first_line, std::uint32_t &tables) {
    utf8 = detail::checked_utf8(utf8, "HTML");
    html_walker walker(utf8, first_line, tables);
    walk_page(utf8, walker);
    tables = walker.tables();
    return std::move(walker.doc.blocks);
}

}  // namespace xxgk::read
