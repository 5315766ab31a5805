// HTML reader: libxml2's HTML parser, its SAX events built into a small tree of the page's elements and
// texts with their byte offsets, walked in document order into paragraphs and data tables.
#include "html_reader.hpp"

#include "encoding.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <new>
#include <span>
#include <string>
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


bool html_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// What the walker needs to know of an element (libxml2 gives names in lower case).
enum class kind : std::uint8_t { text, other, block, table, section, tr, td, br, skipped };

kind kind_of(std::string_view name) {
    static constexpr std::string_view blocks[] = {
        "p",       "div",   "h1",     "h2",      "h3",      "h4",       "h5",         "h6",     "li",   "ul",
        "ol",      "dl",    "dt",     "dd",      "section", "article",  "header",     "footer", "nav",  "aside",
        "main",    "blockquote", "pre", "form",  "fieldset", "address", "figure",     "figcaption", "center", "hr",
        "body",    "html",  "head",   "title", "caption"};
    if (name == "table") return kind::table;
    if (name == "tr") return kind::tr;
    if (name == "td" || name == "th") return kind::td;
    if (name == "thead" || name == "tbody" || name == "tfoot") return kind::section;
    if (name == "br") return kind::br;
    if (name == "script" || name == "style" || name == "template" || name == "noscript") return kind::skipped;
    return std::find(std::begin(blocks), std::end(blocks), name) != std::end(blocks) ? kind::block : kind::other;
}

// The HTML rules for parsing non-negative integers; anything else, 0 and values beyond `max_span` give 1.
std::uint16_t span_value(const char *value) {
    std::string_view v = value ? std::string_view(value) : std::string_view();
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t' || v.front() == '\n' || v.front() == '\r')) v.remove_prefix(1);
    if (v.starts_with('+')) v.remove_prefix(1);
    unsigned long n = 0;
    const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc{} || ptr == v.data() || n == 0 || n > max_span) return 1;
    return static_cast<std::uint16_t>(n);
}

constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

// An element or a text of the page. Offsets are bytes of the page as given (before the markup HTML hides
// was taken out for the parser).
struct html_node {
    kind what = kind::other;
    bool written = false;  // an element whose tag is in the page (not one the parser implied)
    std::uint32_t parent = none, first_child = none, next = none;
    std::uint32_t start = 0;  // an element's '<', a text's first byte
    // What only an element has, or only a text (one or the other: a node of 28 bytes, a page has millions).
    struct element_part {
        std::uint16_t row_span = 1, col_span = 1;
        std::uint32_t last_child = none;
    };
    struct text_part {
        std::uint32_t at, size;  // the text's bytes in `html_tree::texts` (set with the text)
    };
    union {
        element_part element{};
        text_part text;
    } part;
};
static_assert(sizeof(html_node) == 28);

// The page as the parser saw it: its elements and texts (without those of scripts, styles, templates and
// noscript), node 0 the document.
struct html_tree {
    std::vector<html_node> nodes{html_node{}};
    std::string texts;

    std::string_view text(const html_node &n) const { return std::string_view(texts).substr(n.part.text.at, n.part.text.size); }
};

// The page as given to the parser: what HTML shows as nothing but libxml2 (which parses as HTML 4 did)
// would show as text taken out ("</>", and the "bogus comments" "<!...>" such as Word's
// "<![if !supportLists]>", "<?...>", "</3...>"), and the characters libxml2 drops that HTML keeps: a form
// feed is the white space it is to HTML, the other control characters and U+FFFE, U+FFFF become U+FFFD (as
// the text builder shows every control character). `shifts` maps the parser's offsets back to the page's.
struct parser_input {
    std::string text;  // empty when nothing was changed: the parser reads the page itself
    std::vector<std::pair<std::size_t, std::ptrdiff_t>> shifts;  // from this offset of `text` on, page = text + shift

    std::size_t page_offset(std::size_t at) const {
        const auto it = std::upper_bound(shifts.begin(), shifts.end(), at,
                                         [](std::size_t x, const std::pair<std::size_t, std::ptrdiff_t> &e) { return x < e.first; });
        return it == shifts.begin() ? at : static_cast<std::size_t>(static_cast<std::ptrdiff_t>(at) + std::prev(it)->second);
    }
};

bool starts_with_nocase(std::string_view s, std::size_t at, std::string_view word) {
    if (at > s.size() || s.size() - at < word.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k)
        if (std::tolower(static_cast<unsigned char>(s[at + k])) != word[k]) return false;
    return true;
}

bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// `html` prepared for the parser in one pass; the contents of comments, scripts and styles are passed over
// whole (a "<!" inside them is not markup).
parser_input prepared_for_parser(std::string_view html) {
    parser_input in;
    std::size_t kept = 0;
    std::ptrdiff_t shift = 0;
    // html[from, to) becomes `by`. Text right after markup taken out is placed where that markup was.
    const auto replace = [&](std::size_t from, std::size_t to, std::string_view by) {
        in.text.append(html.data() + kept, from - kept);
        const std::size_t at = in.text.size();
        in.text.append(by);
        shift += static_cast<std::ptrdiff_t>(to - from) - static_cast<std::ptrdiff_t>(by.size());
        in.shifts.emplace_back(at + 1, shift);
        kept = to;
    };
    const auto end_of = [&](std::size_t from, std::string_view until) {
        const std::size_t e = html.find(until, from);
        return e == std::string_view::npos ? html.size() : e + until.size();
    };
    for (std::size_t i = 0; i < html.size();) {
        const auto b = static_cast<unsigned char>(html[i]);
        if (b == '\f') {
            replace(i, i + 1, " ");
            ++i;
        } else if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
            replace(i, i + 1, "\xEF\xBF\xBD");
            ++i;
        } else if (b == 0xEF && html.substr(i + 1).starts_with("\xBF") && i + 2 < html.size() &&
                   static_cast<unsigned char>(html[i + 2]) >= 0xBE) {
            replace(i, i + 3, "\xEF\xBF\xBD");
            i += 3;
        } else if (b != '<' || i + 1 >= html.size()) {
            ++i;
        } else if (html.substr(i).starts_with("<!--")) {
            i = end_of(i + 4, "-->");
        } else if ((html[i + 1] == '!' && !starts_with_nocase(html, i + 2, "doctype")) || html[i + 1] == '?' ||
                   (html[i + 1] == '/' && i + 2 < html.size() && !is_alpha(html[i + 2]))) {
            const std::size_t e = end_of(i + 2, ">");
            replace(i, e, {});
            i = e;
        } else if (starts_with_nocase(html, i + 1, "script") || starts_with_nocase(html, i + 1, "style")) {
            const std::string_view end_tag = starts_with_nocase(html, i + 1, "script") ? "</script" : "</style";
            std::size_t e = i + 1;
            while ((e = html.find("</", e)) != std::string_view::npos && !starts_with_nocase(html, e, end_tag)) e += 2;
            i = e == std::string_view::npos ? html.size() : e + end_tag.size();
        } else {
            ++i;
        }
    }
    if (kept != 0) in.text.append(html.data() + kept, html.size() - kept);
    return in;
}

// The SAX side: libxml2's events into an html_tree. Offsets come from the parser's input (the bytes before
// its cursor); a start tag's '<' is found back from the cursor at its '>', a text starts where the event
// before it ended.
class tree_builder {
public:
    tree_builder(std::string_view input, html_tree &tree) : input_(input), tree_(tree) { open_.push_back(0); }

    htmlParserCtxtPtr context = nullptr;
    bool out_of_memory = false;
    std::size_t too_deep_at = std::string_view::npos;  // the parser's offset of the element past the depth limit

    static void start_element(void *self, const xmlChar *name, const xmlChar **attributes) {
        static_cast<tree_builder *>(self)->guarded([&](tree_builder &b) { b.on_start(name, attributes); });
    }
    static void end_element(void *self, const xmlChar *) {
        static_cast<tree_builder *>(self)->guarded([](tree_builder &b) { b.on_end(); });
    }
    // libxml2's errors on this parse: they are repairs of markup, except out of memory. libxml2 2.9 then
    // marks the parse ended, and its cursor no longer moves, but some of its loops scan on for a delimiter
    // for ever: std::bad_alloc is thrown through its frames (built with unwind tables) at once.
    static void error(void *, xmlErrorPtr e) {
        if (e && e->code == XML_ERR_NO_MEMORY) throw std::bad_alloc();
    }
    static void characters(void *self, const xmlChar *text, int length) {
        static_cast<tree_builder *>(self)->guarded([&](tree_builder &b) {
            b.on_text(std::string_view(reinterpret_cast<const char *>(text), static_cast<std::size_t>(length)));
        });
    }
    // Comments, processing instructions, the doctype, script and style text: they end where the cursor is.
    static void passed(void *self, const xmlChar *, int) { static_cast<tree_builder *>(self)->passed_over(); }
    static void passed(void *self, const xmlChar *) { static_cast<tree_builder *>(self)->passed_over(); }
    static void passed(void *self, const xmlChar *, const xmlChar *) { static_cast<tree_builder *>(self)->passed_over(); }
    static void passed(void *self, const xmlChar *, const xmlChar *, const xmlChar *) {
        static_cast<tree_builder *>(self)->passed_over();
    }

private:
    std::string_view input_;
    html_tree &tree_;
    std::vector<std::uint32_t> open_;  // the open elements, the document first
    std::size_t skipping_ = 0;         // elements open inside a skipped one (script, style, ...), itself included
    std::size_t last_end_ = 0;         // where the last event that consumed markup or text ended
    std::size_t scan_floor_ = 0;       // where the last event other than an end tag ended (tags start after it)
    bool in_text_ = false;             // the last event was text (libxml2 gives a long text in pieces)

    template <class F> void guarded(F f) {
        if (out_of_memory || too_deep_at != std::string_view::npos) return;
        try {
            f(*this);
        } catch (const std::bad_alloc &) {
            out_of_memory = true;
            xmlStopParser(context);
        }
    }

    std::size_t cursor() const {
        const xmlParserInputPtr in = context->input;
        return std::min(input_.size(), static_cast<std::size_t>(in->consumed) + static_cast<std::size_t>(in->cur - in->base));
    }

    void passed_over() {
        last_end_ = std::max(last_end_, cursor());
        scan_floor_ = last_end_;
        in_text_ = false;
    }

    // An end tag, or an element the parser closed (at the cursor of the tag that closed it): no text or tag
    // starts before it, but the '<' of the start tag being read may.
    void passed_end() {
        last_end_ = std::max(last_end_, cursor());
        in_text_ = false;
    }

    std::uint32_t add(html_node n) {
        const auto index = static_cast<std::uint32_t>(tree_.nodes.size());
        n.parent = open_.back();
        html_node &parent = tree_.nodes[n.parent];
        if (parent.part.element.last_child == none) parent.first_child = index;
        else tree_.nodes[parent.part.element.last_child].next = index;
        parent.part.element.last_child = index;
        tree_.nodes.push_back(n);
        return index;
    }

    // The '<' of the start tag `name` whose '>' (or "/>") is at the cursor, or npos for an element the parser
    // implied (the cursor is then where the text or tag that made it imply one ends or starts).
    std::size_t written_start(std::string_view name, std::size_t at) const {
        if (input_[at] != '>' && !input_.substr(at).starts_with("/>")) return std::string_view::npos;
        std::size_t k = at;
        while (k > scan_floor_ && input_[k] != '<') --k;
        if (input_[k] != '<' || !starts_with_nocase(input_, k + 1, name)) return std::string_view::npos;
        const std::size_t after = k + 1 + name.size();
        return after == input_.size() || !std::isalnum(static_cast<unsigned char>(input_[after])) ? k : std::string_view::npos;
    }

    void on_start(const xmlChar *raw_name, const xmlChar **attributes) {
        const std::string_view name(reinterpret_cast<const char *>(raw_name));
        const std::size_t at = cursor();
        const std::size_t start = at < input_.size() ? written_start(name, at) : std::string_view::npos;
        if (start != std::string_view::npos) {
            last_end_ = scan_floor_ = at + (input_[at] == '>' ? 1 : input_.substr(at).starts_with("/>") ? 2 : 0);
            in_text_ = false;
        }
        if (open_.size() > static_cast<std::size_t>(max_depth)) {
            too_deep_at = start != std::string_view::npos ? start : at;
            xmlStopParser(context);
            return;
        }
        const kind what = kind_of(name);
        if (skipping_ || what == kind::skipped) {
            ++skipping_;
            open_.push_back(none);
            return;
        }
        html_node n;
        n.what = what;
        n.written = start != std::string_view::npos;
        n.start = static_cast<std::uint32_t>(n.written ? start : at);
        if (what == kind::td && attributes)
            for (const xmlChar **a = attributes; a[0]; a += 2) {
                const std::string_view key(reinterpret_cast<const char *>(a[0]));
                if (key == "rowspan") n.part.element.row_span = span_value(reinterpret_cast<const char *>(a[1]));
                else if (key == "colspan") n.part.element.col_span = span_value(reinterpret_cast<const char *>(a[1]));
            }
        open_.push_back(add(n));
    }

    void on_end() {
        passed_end();
        if (open_.size() <= 1) return;
        open_.pop_back();
        if (skipping_) --skipping_;
    }

    void on_text(std::string_view text) {
        const std::size_t at = cursor();
        if (skipping_) {
            last_end_ = scan_floor_ = std::max(last_end_, at);
            return;
        }
        const html_node &parent = tree_.nodes[open_.back()];
        const std::uint32_t last = parent.part.element.last_child;
        if (in_text_ && last != none && tree_.nodes[last].what == kind::text &&
            tree_.nodes[last].part.text.at + tree_.nodes[last].part.text.size == tree_.texts.size()) {
            tree_.texts.append(text);
            tree_.nodes[last].part.text.size += static_cast<std::uint32_t>(text.size());
        } else {
            std::size_t start = std::min(last_end_, at);
            // White space the parser passed over (at the start of the page) is not part of the text.
            if (!text.empty() && !html_space(text.front()))
                while (start < at && html_space(input_[start])) ++start;
            html_node n;
            n.what = kind::text;
            n.start = static_cast<std::uint32_t>(start);
            n.part.text = {static_cast<std::uint32_t>(tree_.texts.size()), static_cast<std::uint32_t>(text.size())};
            tree_.texts.append(text);
            add(n);
        }
        last_end_ = scan_floor_ = std::max(last_end_, at);
        in_text_ = true;
    }
};

// Runs libxml2's HTML parser over `text` into `tree`. Throws std::bad_alloc when memory runs out; returns
// the parser's offset of the element that crossed the nesting limit, or npos. The push parser, given the
// whole page at once, reads it as htmlParseDocument does, event for event; unlike htmlParseDocument (2.9),
// it does not loop for ever when every allocation fails.
std::size_t parse(std::string_view text, html_tree &tree) {
    static const bool initialised = [] {
        xmlInitParser();  // once, before threads parse (libxml2's own global tables)
        return true;
    }();
    (void)initialised;
    if (text.empty()) return std::string_view::npos;
    // A node per tag and per text between tags, at most: reserved at once, since a vector grown by doubling
    // holds its old and its new array while it moves (twice the nodes at the peak). Pages of '<' that are
    // not tags reserve more than they use, but memory never touched is not resident.
    const auto tags = static_cast<std::size_t>(std::count(text.begin(), text.end(), '<'));
    tree.nodes.reserve(std::min(2 * tags, text.size()) + 16);
    tree_builder builder(text, tree);
    htmlSAXHandler sax{};
    sax.startElement = tree_builder::start_element;
    sax.endElement = tree_builder::end_element;
    sax.characters = tree_builder::characters;
    sax.ignorableWhitespace = tree_builder::characters;
    sax.cdataBlock = tree_builder::passed;
    sax.comment = tree_builder::passed;
    sax.processingInstruction = tree_builder::passed;
    sax.internalSubset = tree_builder::passed;
    // The structured error handler of this parse only.
    sax.initialized = XML_SAX2_MAGIC;
    sax.serror = tree_builder::error;
    // libxml2 reports some failed allocations (of its input buffer, of copied names) with no parser context:
    // through this thread's structured error handler, set for the parse only and restored after it.
    struct thread_errors_to_parse {
        xmlStructuredErrorFunc saved = xmlStructuredError;
        void *saved_context = xmlStructuredErrorContext;
        explicit thread_errors_to_parse(void *builder) { xmlSetStructuredErrorFunc(builder, tree_builder::error); }
        ~thread_errors_to_parse() { xmlSetStructuredErrorFunc(saved_context, saved); }
    } const errors(&builder);
    struct context_closer {
        void operator()(htmlParserCtxtPtr c) const noexcept { htmlFreeParserCtxt(c); }
    };
    const std::unique_ptr<htmlParserCtxt, context_closer> context(
        htmlCreatePushParserCtxt(&sax, &builder, nullptr, 0, nullptr, XML_CHAR_ENCODING_UTF8));
    if (!context) throw std::bad_alloc();
    builder.context = context.get();
    // The page is UTF-8 already (to_utf8 decided by its bytes): a <meta charset> must not switch it. Errors
    // of markup are repaired, not printed; no network; the nesting limit is the reader's own.
    htmlCtxtUseOptions(context.get(), HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                          HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
    htmlParseChunk(context.get(), text.data(), static_cast<int>(text.size()), 1);
    if (builder.out_of_memory || context->errNo == XML_ERR_NO_MEMORY) throw std::bad_alloc();
    return builder.too_deep_at;
}


// Whether a table is among the descendants of `root`. Iterative over the parent links: a cell may hold
// thousands of nested inline elements.
bool contains_table(const html_tree &tree, std::uint32_t root) {
    std::uint32_t n = tree.nodes[root].first_child;
    while (n != none) {
        const html_node &k = tree.nodes[n];
        if (k.what == kind::table) return true;
        if (k.first_child != none) {
            n = k.first_child;
            continue;
        }
        while (n != root && tree.nodes[n].next == none) n = tree.nodes[n].parent;
        if (n == root) return false;
        n = tree.nodes[n].next;
    }
    return false;
}

// A table's rows (its own, not those of tables inside it) with their cells, and what a broken page put in
// it outside its cells (text, other elements): HTML shows that before the table.
struct html_table {
    std::vector<std::span<const std::uint32_t>> rows;  // views of `cells`: a row's cells in order
    std::vector<std::uint32_t> outside;
    std::vector<std::uint32_t> cells;                  // every row's cells, one row after the other
};

html_table parts_of(const html_tree &tree, std::uint32_t table) {
    html_table t;
    std::vector<std::size_t> row_ends;  // the end of each row in `t.cells` (its rows as views once all are in)
    const auto add_row = [&](std::uint32_t tr) {
        for (std::uint32_t k = tree.nodes[tr].first_child; k != none; k = tree.nodes[k].next)
            (tree.nodes[k].what == kind::td ? t.cells : t.outside).push_back(k);
        row_ends.push_back(t.cells.size());
    };
    for (std::uint32_t k = tree.nodes[table].first_child; k != none; k = tree.nodes[k].next) {
        const kind what = tree.nodes[k].what;
        if (what == kind::tr) add_row(k);
        else if (what == kind::section)
            for (std::uint32_t tr = tree.nodes[k].first_child; tr != none; tr = tree.nodes[tr].next)
                if (tree.nodes[tr].what == kind::tr) add_row(tr);
                else t.outside.push_back(tr);
        else t.outside.push_back(k);
    }
    t.rows.reserve(row_ends.size());
    std::size_t begin = 0;
    for (std::size_t end : row_ends) {
        t.rows.push_back(std::span<const std::uint32_t>(t.cells).subspan(begin, end - begin));
        begin = end;
    }
    return t;
}

class html_walker {
public:
    document doc;

    explicit html_walker(std::string_view page) : page_(page), where_(page) {}
    // Positions by line and column in a host document the page is a fragment of, from its line `first_line`.
    html_walker(std::string_view page, std::uint32_t first_line, std::uint32_t tables)
        : page_(page), where_(page), tables_(tables), line_offset_(first_line - 1), by_line_(true) {}
    std::uint32_t tables() const { return tables_; }

    [[noreturn]] void fail_too_deep(std::size_t page_offset) {
        fail(error_code::too_deep, std::to_string(max_depth) + " levels", position_at(page_offset));
    }

    // The document node's children.
    void walk_document(const html_tree &tree, const parser_input &in, std::string_view parsed) {
        tree_ = &tree, in_ = &in, parsed_ = parsed;
        walk_children(0, 0);
        flush();
    }

private:
    std::string_view page_;
    position_finder where_;
    const html_tree *tree_ = nullptr;
    const parser_input *in_ = nullptr;
    std::string_view parsed_;
    text_builder para_;
    std::size_t para_start_ = 0;
    std::uint32_t tables_ = 0, line_offset_ = 0;
    bool by_line_ = false;

    const html_node &at(std::uint32_t n) const { return tree_->nodes[n]; }

    void flush() {
        std::string text = para_.take();
        if (!text.empty()) doc.blocks.emplace_back(paragraph_block{std::move(text), position_at(para_start_)});
    }

    source_position position_at(std::size_t page_offset) {
        source_position p = where_.at(page_offset);
        p.line += line_offset_;
        return p;
    }

    // Where a node starts in the page: its tag's '<' or its text's first byte. Elements the parser implied
    // take the position of the first node after them that was written.
    std::size_t start_of(std::uint32_t n) const {
        for (std::uint32_t k = n; k != none;) {
            if (at(k).written || at(k).what == kind::text) return in_->page_offset(at(k).start);
            if (at(k).first_child != none) {
                k = at(k).first_child;
                continue;
            }
            while (k != none && at(k).next == none) k = at(k).parent;
            if (k != none) k = at(k).next;
        }
        return in_->page_offset(at(n).start);
    }

    // Where a text starts: with the white space before it, except in an element the parser implied (text
    // before <html>, after </head>), where HTML drops that white space.
    std::size_t text_start(std::uint32_t n) const {
        std::size_t start = at(n).start;
        if (!at(at(n).parent).written)
            while (start < parsed_.size() && html_space(parsed_[start])) ++start;
        return in_->page_offset(start);
    }

    void walk_children(std::uint32_t n, int depth) {
        for (std::uint32_t k = at(n).first_child; k != none; k = at(k).next) walk(k, depth + 1);
    }

    void walk(std::uint32_t n, int depth) {
        const html_node &node = at(n);
        switch (node.what) {
        case kind::text:
            // The paragraph starts where its first text does, white space included.
            if (para_.empty()) para_start_ = text_start(n);
            para_.append(tree_->text(node));
            return;
        case kind::skipped:
            return;
        case kind::br:
            para_.line_break();
            return;
        case kind::table:
            flush();
            table(n, depth);
            return;
        case kind::other:
        case kind::section:
            walk_children(n, depth);
            return;
        case kind::block:
        case kind::tr:
        case kind::td:
            flush();
            walk_children(n, depth);
            flush();
            return;
        }
    }

    void table(std::uint32_t n, int depth) {
        const html_table parts = parts_of(*tree_, n);
        const bool nested = std::any_of(parts.rows.begin(), parts.rows.end(), [&](const std::span<const std::uint32_t> &r) {
            return std::any_of(r.begin(), r.end(), [&](std::uint32_t c) { return contains_table(*tree_, c); });
        });
        const bool data =
            std::any_of(parts.rows.begin(), parts.rows.end(), [](const std::span<const std::uint32_t> &r) { return r.size() >= 2; });
        // The caption, and what a broken page put in the table outside its cells, is running text before it.
        for (std::uint32_t k : parts.outside) walk(k, depth + 1);
        flush();
        if (nested || !data) {
            for (const std::span<const std::uint32_t> &r : parts.rows)
                for (std::uint32_t c : r) walk(c, depth + 1);
            return;
        }
        table_block t;
        if (by_line_) t.pos = position_at(start_of(n));
        t.pos.table = ++tables_;
        std::uint32_t row_index = 0;
        t.rows.reserve(parts.rows.size());
        for (const std::span<const std::uint32_t> &r : parts.rows) {
            text_row &out = t.rows.emplace_back();
            out.cells.reserve(r.size());
            ++row_index;
            std::uint32_t cell_index = 0;
            for (std::uint32_t c : r) {
                text_builder text;
                cell_text(c, text);
                source_position pos{};
                ++cell_index;
                if (by_line_) pos = position_at(start_of(c));
                else pos.table = t.pos.table, pos.row = row_index, pos.cell = cell_index;
                out.cells.push_back(text_cell{text.take(), pos, at(c).part.element.row_span, at(c).part.element.col_span});
            }
        }
        doc.blocks.emplace_back(std::move(t));
    }

    // A cell's text; recursion is bounded by the nesting limit.
    void cell_text(std::uint32_t n, text_builder &text) const {
        for (std::uint32_t k = at(n).first_child; k != none; k = at(k).next) {
            const html_node &node = at(k);
            if (node.what == kind::text) {
                text.append(tree_->text(node));
            } else if (node.what == kind::br) {
                text.line_break();
            } else if (node.what != kind::skipped) {
                const bool block = node.what == kind::block || node.what == kind::tr || node.what == kind::td ||
                                   node.what == kind::table;
                if (block) text.line_break();
                cell_text(k, text);
                if (block) text.line_break();
            }
        }
    }
};

// HTML drops a tag, comment or declaration that the end of the page cuts off ("...<td cla", "</<d"): the
// first one that starts after the last '>' runs to the end. libxml2 would show it as text.
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
    if (utf8.size() > std::numeric_limits<int>::max() / 2) fail(error_code::too_large, {});
    const std::string_view html = without_cut_tag(utf8);
    const parser_input in = prepared_for_parser(html);
    const std::string_view parsed = in.shifts.empty() ? html : std::string_view(in.text);
    html_tree tree;
    const std::size_t too_deep = parse(parsed, tree);
    if (too_deep != std::string_view::npos) walker.fail_too_deep(in.page_offset(too_deep));
    walker.walk_document(tree, in, parsed);
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
