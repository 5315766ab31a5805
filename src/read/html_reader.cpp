// HTML reader: gumbo's DOM walked in document order into paragraphs and data tables.
#include "html_reader.hpp"

#include "encoding.hpp"

#include <cctype>
#include <gumbo.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <unordered_set>
#include <vector>

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
    throw read_exception(read_error{std::string(what) + (bad ? ": the text is not UTF-8 (byte " + std::to_string(at) +
                                                                   "); convert the document to UTF-8 first"
                                                             : ": NUL byte at byte " + std::to_string(at) +
                                                                   ": this is a binary file, not text"),
                                    where});
}

std::size_t invisible_prefix(std::string_view s) noexcept {
    // Every one of them starts with 0xE2 or 0xEF; callers ask at every byte of the text.
    if (s.empty() || (s[0] != '\xE2' && s[0] != '\xEF')) return 0;
    for (std::string_view z : {"\xE2\x80\x8B", "\xE2\x80\x8C", "\xE2\x80\x8D", "\xE2\x81\xA0", "\xEF\xBB\xBF"})
        if (s.starts_with(z)) return z.size();
    return 0;
}

void append_without_invisible(std::string &out, std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        if (const std::size_t n = invisible_prefix(s.substr(i))) {
            i += n;
            continue;
        }
        // Up to the next byte an invisible character can start with, at once.
        std::size_t end = i + 1;
        while (end < s.size() && s[end] != '\xE2' && s[end] != '\xEF') ++end;
        out.append(s.data() + i, end - i);
        i = end;
    }
}

}  // namespace detail

namespace {

constexpr int max_depth = 1000;
constexpr std::uint16_t max_span = 1000;

[[noreturn]] void fail(std::string message, source_position where = {}) {
    throw read_exception(read_error{"HTML: " + std::move(message), where});
}

bool is_element(const GumboNode *n, GumboTag tag) { return n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == tag; }

const GumboVector &children(const GumboNode *n) {
    return n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
}

bool skipped(GumboTag tag) {
    return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_TEMPLATE || tag == GUMBO_TAG_NOSCRIPT;
}

// Elements that start and end a line of running text.
bool block_level(GumboTag tag) {
    switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE: case GUMBO_TAG_MAIN: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
    case GUMBO_TAG_FORM: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_CENTER: case GUMBO_TAG_HR: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_BODY: case GUMBO_TAG_HTML:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE:
        return true;
    default:
        return false;
    }
}

// Running text with HTML's white-space collapsing: runs of white space (and NBSP, which portals use as
// spacing) become one space, no space at the start or end of a line, no empty lines.
class text_builder {
public:
    void append(std::string_view s) {
        for (std::size_t i = 0; i < s.size();) {
            if (const std::size_t n = spacing(s, i)) {
                space_ = true;
                i += n;
            } else if (const std::size_t k = detail::invisible_prefix(s.substr(i))) {
                i += k;
            } else {
                // A run of visible text goes in at once.
                std::size_t end = i + 1;
                while (end < s.size() && !spacing(s, end) && !detail::invisible_prefix(s.substr(end))) ++end;
                if (space_ && !text_.empty() && text_.back() != '\n') text_ += ' ';
                space_ = false;
                text_.append(s.substr(i, end - i));
                i = end;
            }
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
    // The byte length of the white space (or NBSP) at s[i], or 0.
    static std::size_t spacing(std::string_view s, std::size_t i) noexcept {
        const char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') return 1;
        return c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0' ? 2 : 0;
    }

    std::string text_;
    bool space_ = false;
};

// The HTML rules for parsing non-negative integers; anything else, 0 and values beyond `max_span` give 1.
std::uint16_t span_attribute(const GumboNode *cell, const char *name) {
    const GumboAttribute *a = gumbo_get_attribute(&cell->v.element.attributes, name);
    if (!a) return 1;
    std::string_view v = a->value;
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t' || v.front() == '\n' || v.front() == '\r')) v.remove_prefix(1);
    if (v.starts_with('+')) v.remove_prefix(1);
    unsigned long n = 0;
    const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc{} || ptr == v.data() || n == 0 || n > max_span) return 1;
    return static_cast<std::uint16_t>(n);
}

bool contains_table(const GumboNode *n) {
    const GumboVector &kids = children(n);
    for (unsigned i = 0; i < kids.length; ++i) {
        const auto *k = static_cast<const GumboNode *>(kids.data[i]);
        if (k->type != GUMBO_NODE_ELEMENT && k->type != GUMBO_NODE_TEMPLATE) continue;
        if (is_element(k, GUMBO_TAG_TABLE) || contains_table(k)) return true;
    }
    return false;
}

// A table's rows (its own, not those of tables inside it) with their cells.
struct html_row {
    std::vector<const GumboNode *> cells;
};

std::vector<html_row> rows_of(const GumboNode *table) {
    std::vector<html_row> rows;
    const auto add_row = [&](const GumboNode *tr) {
        html_row &r = rows.emplace_back();
        const GumboVector &kids = tr->v.element.children;
        for (unsigned i = 0; i < kids.length; ++i) {
            const auto *k = static_cast<const GumboNode *>(kids.data[i]);
            if (is_element(k, GUMBO_TAG_TD) || is_element(k, GUMBO_TAG_TH)) r.cells.push_back(k);
        }
    };
    const GumboVector &kids = table->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
        const auto *k = static_cast<const GumboNode *>(kids.data[i]);
        if (is_element(k, GUMBO_TAG_TR)) add_row(k);
        else if (is_element(k, GUMBO_TAG_THEAD) || is_element(k, GUMBO_TAG_TBODY) || is_element(k, GUMBO_TAG_TFOOT)) {
            const GumboVector &group = k->v.element.children;
            for (unsigned j = 0; j < group.length; ++j) {
                const auto *tr = static_cast<const GumboNode *>(group.data[j]);
                if (is_element(tr, GUMBO_TAG_TR)) add_row(tr);
            }
        }
    }
    return rows;
}

class html_walker {
public:
    document doc;

    html_walker() = default;
    // Positions by line and column in a host document the page is a fragment of, from its line `first_line`.
    html_walker(std::uint32_t first_line, std::uint32_t tables)
        : tables_(tables), line_offset_(first_line - 1), by_line_(true) {}
    std::uint32_t tables() const { return tables_; }

    void walk(const GumboNode *n, int depth) {
        if (depth > max_depth) fail("elements nested deeper than " + std::to_string(max_depth) + " levels", position(n));
        switch (n->type) {
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_CDATA:
        case GUMBO_NODE_WHITESPACE:
            if (para_.empty() && n->type != GUMBO_NODE_WHITESPACE) para_pos_ = position(n);
            para_.append(n->v.text.text);
            return;
        case GUMBO_NODE_COMMENT:
            return;
        case GUMBO_NODE_DOCUMENT:
            walk_children(n, depth);
            return;
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE:
            break;
        }
        const GumboTag tag = n->v.element.tag;
        if (skipped(tag)) return;
        if (tag == GUMBO_TAG_BR) {
            para_.line_break();
            return;
        }
        if (tag == GUMBO_TAG_TABLE) {
            flush();
            table(n, depth);
            return;
        }
        const bool block = block_level(tag);
        if (block) flush();
        walk_children(n, depth);
        if (block) flush();
    }

    void flush() {
        std::string text = para_.take();
        if (!text.empty()) doc.blocks.emplace_back(paragraph_block{std::move(text), para_pos_});
    }

private:
    text_builder para_;
    source_position para_pos_{};
    std::uint32_t tables_ = 0, line_offset_ = 0;
    bool by_line_ = false;

    source_position position(const GumboNode *n) const {
        const GumboSourcePosition &p =
            n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE ? n->v.element.start_pos : n->v.text.start_pos;
        return source_position{p.line + line_offset_, p.column};
    }

    void walk_children(const GumboNode *n, int depth) {
        const GumboVector &kids = children(n);
        for (unsigned i = 0; i < kids.length; ++i) walk(static_cast<const GumboNode *>(kids.data[i]), depth + 1);
    }

    void table(const GumboNode *n, int depth) {
        std::vector<html_row> rows = rows_of(n);
        const bool nested = std::any_of(rows.begin(), rows.end(), [](const html_row &r) {
            return std::any_of(r.cells.begin(), r.cells.end(), contains_table);
        });
        const bool data = std::any_of(rows.begin(), rows.end(), [](const html_row &r) { return r.cells.size() >= 2; });
        // The caption (and anything a broken page put directly inside <table>) is running text around it.
        const GumboVector &kids = n->v.element.children;
        for (unsigned i = 0; i < kids.length; ++i) {
            const auto *k = static_cast<const GumboNode *>(kids.data[i]);
            if (is_element(k, GUMBO_TAG_CAPTION)) walk(k, depth + 1);
        }
        if (nested || !data) {
            for (const html_row &r : rows)
                for (const GumboNode *c : r.cells) walk(c, depth + 1);
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
            for (const GumboNode *c : r.cells) {
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

    void cell_text(const GumboNode *n, text_builder &text, int depth) {
        if (depth > max_depth) fail("elements nested deeper than " + std::to_string(max_depth) + " levels", position(n));
        const GumboVector &kids = children(n);
        for (unsigned i = 0; i < kids.length; ++i) {
            const auto *k = static_cast<const GumboNode *>(kids.data[i]);
            if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_CDATA || k->type == GUMBO_NODE_WHITESPACE) {
                text.append(k->v.text.text);
            } else if (k->type == GUMBO_NODE_ELEMENT || k->type == GUMBO_NODE_TEMPLATE) {
                const GumboTag tag = k->v.element.tag;
                if (skipped(tag)) continue;
                if (tag == GUMBO_TAG_BR) {
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

// Gumbo records every parse error with a copy of the open-element stack, which makes a page of deeply
// nested unclosed tags cost gigabytes; xxgk never reads those errors.
GumboOptions parse_options() noexcept {
    GumboOptions o = kGumboDefaultOptions;
    o.max_errors = 0;
    return o;
}

// Gumbo allocates and frees a block for every token, node and string it builds. A pool per page serves
// them from large chunks, keeps freed blocks for reuse by size class (so memory stays near the parse's
// peak, as with malloc), and releases everything at once, which spares freeing the tree node by node.
class gumbo_pool {
public:
    gumbo_pool() = default;
    gumbo_pool(const gumbo_pool &) = delete;
    gumbo_pool &operator=(const gumbo_pool &) = delete;
    ~gumbo_pool() {
        for (void *c : chunks_) std::free(c);
        for (void *b : large_) std::free(b);
    }

    /// GumboOptions::allocator: null when memory runs out, as malloc (gumbo's default) would answer.
    static void *allocate(void *self, std::size_t size) noexcept {
        try {
            return static_cast<gumbo_pool *>(self)->get(size);
        } catch (const std::bad_alloc &) {
            return nullptr;
        }
    }
    /// GumboOptions::deallocator.
    static void deallocate(void *self, void *p) noexcept {
        if (p) static_cast<gumbo_pool *>(self)->put(static_cast<unsigned char *>(p) - header);
    }

private:
    static constexpr std::size_t header = alignof(std::max_align_t);  // the block's class; keeps malloc's alignment
    // Blocks of 16 B steps up to 1 KiB (nodes, vectors and short strings fit closely), then powers of two up
    // to 64 KiB; larger ones come from malloc.
    static constexpr std::size_t fine = 64, classes = fine + 6;
    static constexpr std::size_t chunk_size = std::size_t{256} << 10;

    static constexpr std::size_t block_size(std::size_t k) noexcept {
        return k < fine ? (k + 1) * 16 : std::size_t{2048} << (k - fine);
    }
    static std::size_t class_of(std::size_t bytes) noexcept {
        if (bytes <= block_size(fine - 1)) return (bytes + 15) / 16 - 1;
        std::size_t k = fine;
        while (k < classes && block_size(k) < bytes) ++k;
        return k;
    }

    struct free_block {
        free_block *next;
    };

    void *get(std::size_t size) {
        if (size > std::numeric_limits<std::size_t>::max() - header) throw std::bad_alloc();
        const std::size_t k = class_of(size + header);
        unsigned char *block;
        if (k == classes) {
            block = static_cast<unsigned char *>(std::malloc(size + header));
            if (!block) throw std::bad_alloc();
            try {
                large_.insert(block);
            } catch (...) {
                std::free(block);
                throw;
            }
        } else if (free_[k]) {
            block = reinterpret_cast<unsigned char *>(free_[k]);
            free_[k] = free_[k]->next;
        } else {
            const std::size_t n = block_size(k);
            if (left_ < n) {
                chunks_.reserve(chunks_.size() + 1);
                next_ = static_cast<unsigned char *>(std::malloc(chunk_size));
                if (!next_) throw std::bad_alloc();
                chunks_.push_back(next_);
                left_ = chunk_size;
            }
            block = next_;
            next_ += n, left_ -= n;
        }
        std::memcpy(block, &k, sizeof k);
        return block + header;
    }

    void put(unsigned char *block) noexcept {
        std::size_t k;
        std::memcpy(&k, block, sizeof k);
        if (k == classes) {
            large_.erase(block);
            std::free(block);
            return;
        }
        free_block *f = reinterpret_cast<free_block *>(block);
        f->next = free_[k];
        free_[k] = f;
    }

    std::array<free_block *, classes> free_{};
    std::vector<void *> chunks_;
    std::unordered_set<void *> large_;
    unsigned char *next_ = nullptr;
    std::size_t left_ = 0;
};

// Gumbo itself recurses over the tree, so a page nesting tables or divs (whose end tags HTML requires)
// deeper than the limit is refused before parsing, at the tag that crosses it. One linear pass.
void refuse_deep_nesting(std::string_view html) {
    int depth = 0;
    std::uint32_t line = 1, column = 1;
    for (std::size_t i = 0; i < html.size(); ++i) {
        if (html[i] == '\n') {
            ++line, column = 1;
            continue;
        }
        if ((static_cast<unsigned char>(html[i]) & 0xC0) != 0x80) ++column;
        if (html[i] != '<') continue;
        const bool closing = i + 1 < html.size() && html[i + 1] == '/';
        const std::size_t name_at = i + (closing ? 2 : 1);
        auto is_tag = [&](std::string_view tag) {
            if (name_at + tag.size() > html.size()) return false;
            for (std::size_t k = 0; k < tag.size(); ++k)
                if (std::tolower(static_cast<unsigned char>(html[name_at + k])) != tag[k]) return false;
            const char after = name_at + tag.size() < html.size() ? html[name_at + tag.size()] : '>';
            return after == '>' || after == ' ' || after == '\t' || after == '\n' || after == '\r' || after == '/';
        };
        if (!is_tag("table") && !is_tag("div")) continue;
        depth += closing ? -1 : 1;
        if (depth < 0) depth = 0;
        if (depth > max_depth) {
            source_position where{};
            where.line = line, where.column = column - 1;
            fail("elements nested deeper than " + std::to_string(max_depth) + " levels", where);
        }
    }
}

void walk_page(std::string_view utf8, html_walker &walker, bool utf8_checked) {
    utf8 = detail::checked_utf8(utf8, "HTML", utf8_checked);
    if (utf8.size() > std::numeric_limits<unsigned>::max() / 2) fail("the page is too large");
    refuse_deep_nesting(utf8);
    gumbo_pool pool;  // owns the parse tree: released when the walk ends or throws
    GumboOptions options = parse_options();
    options.allocator = &gumbo_pool::allocate;
    options.deallocator = &gumbo_pool::deallocate;
    options.userdata = &pool;
    const GumboOutput *output = gumbo_parse_with_options(&options, utf8.data(), utf8.size());
    if (!output) fail("the parser could not read the page");
    walker.walk(output->document, 0);
    walker.flush();
}

}  // namespace

document read_html(std::string_view utf8, bool utf8_checked) {
    html_walker walker;
    walk_page(utf8, walker, utf8_checked);
    if (walker.doc.blocks.empty()) fail("the page shows no text and no table");
    return std::move(walker.doc);
}

std::vector<block> detail::html_fragment(std::string_view utf8, std::uint32_t first_line, std::uint32_t &tables) {
    html_walker walker(first_line, tables);
    walk_page(utf8, walker, false);
    tables = walker.tables();
    return std::move(walker.doc.blocks);
}

}  // namespace xxgk::read
