// An XML part of the package as the DOCX reader reads it: its elements in document order, with names,
// first text and attributes, read by a scanner of its own (pugixml reads what the scanner leaves: other
// encodings, comments, CDATA, malformed XML).
#pragma once

#include "package.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk::read::docx {

// Classes of the bytes the scanner tells apart.
enum char_class : std::uint8_t {
    name_start = 1,   // letters, '_', ':' and every byte of a multi-byte UTF-8 character (as pugixml reads names)
    name_char = 2,    // those, digits, '-' and '.'
    space = 4,        // XML white space
    value_escape = 8,  // '&', '\r', '\n' and '\t' in attribute values, which decoding changes
    value_bad = 16,    // '<' and NUL in attribute values
};
inline constexpr std::array<std::uint8_t, 256> char_classes = [] {
    std::array<std::uint8_t, 256> t{};
    for (unsigned c = 0; c < 256; ++c) {
        const bool start = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' || c >= 0x80;
        const bool more = start || (c >= '0' && c <= '9') || c == '-' || c == '.';
        const bool white = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        t[c] = static_cast<std::uint8_t>((start ? name_start : 0) | (more ? name_char : 0) | (white ? space : 0) |
                                         (c == '&' || c == '\r' || c == '\n' || c == '\t' ? value_escape : 0) |
                                         (c == '<' || c == 0 ? value_bad : 0));
    }
    return t;
}();
inline bool is(char c, char_class k) { return char_classes[static_cast<unsigned char>(c)] & k; }

// What the walk reads of an XML part: its elements in document order, each with its name, its attributes
// and the first text it holds (as pugixml's `text()` finds it: the first text node among its children).
// Names and text are offsets into `bytes` (the part's own bytes, or a copy of what pugixml read), which
// keeps an element to 32 bytes. Attributes stay as written (checked by the scanner) and are read when
// asked for: the walk asks for few of them, and storing every one cost more than all the asking.
struct xml_nodes {
    static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
    struct range {
        std::uint32_t offset = none, size = 0;
    };
    struct element {
        range name, text;  // text.offset is `none` without text
        range attributes;  // the bytes from the end of the name to the tag's '>' or "/>"
        std::uint32_t first_child = none, next_sibling = none;
    };
    // An attribute value whose bytes are not as written: decoded in place (shorter), or copied from pugixml.
    struct value {
        std::uint32_t offset, size, written_size;
    };
    const char *bytes = nullptr;
    std::vector<element> elements;  // [0] is the root element
    std::vector<value> values;      // by offset

    std::string_view view(range r) const { return r.offset == none ? std::string_view{} : std::string_view(bytes + r.offset, r.size); }
    const value *value_at(std::uint32_t offset) const {
        if (values.empty()) return nullptr;
        const auto v = std::lower_bound(values.begin(), values.end(), offset, [](const value &a, std::uint32_t o) { return a.offset < o; });
        return v != values.end() && v->offset == offset ? &*v : nullptr;
    }
};

// An element of a part, or none (whose name, text and attributes are empty): what pugi::xml_node was to
// the walk, with its accessors inlined.
class xml_element {
public:
    xml_element() = default;
    xml_element(const xml_nodes *nodes, std::uint32_t index) : nodes_(nodes), index_(index) {}

    explicit operator bool() const { return index_ != xml_nodes::none; }
    std::string_view name() const { return *this ? nodes_->view(get().name) : std::string_view{}; }
    /// The element's first text, "" without one.
    std::string_view text() const { return *this ? nodes_->view(get().text) : std::string_view{}; }
    xml_element first_child() const { return *this ? xml_element(nodes_, get().first_child) : xml_element{}; }
    xml_element next_sibling() const { return *this ? xml_element(nodes_, get().next_sibling) : xml_element{}; }
    /// The value of the first attribute for whose name and value `wanted` is true, "" without one.
    template <class Predicate>
    std::string_view find_attribute(Predicate wanted) const {
        if (!*this) return "";
        // The bytes were checked by the scanner, or written by copy_elements: `name="value"` after spaces.
        const xml_nodes::range r = get().attributes;
        const char *p = nodes_->bytes + r.offset;
        const char *const end = p + r.size;
        while (true) {
            while (p != end && is(*p, space)) ++p;
            if (p == end) return "";
            const char *const name = p;
            while (is(*p, name_char)) ++p;
            const std::string_view n(name, static_cast<std::size_t>(p - name));
            while (*p != '"' && *p != '\'') ++p;  // spaces, '=', spaces
            const char quote = *p++;
            const auto offset = static_cast<std::uint32_t>(p - nodes_->bytes);
            std::size_t size, written;
            if (const xml_nodes::value *v = nodes_->value_at(offset)) {
                size = v->size, written = v->written_size;
            } else {
                size = written = static_cast<std::size_t>(static_cast<const char *>(std::memchr(p, quote, static_cast<std::size_t>(end - p))) - p);
            }
            if (const std::string_view value(p, size); wanted(n, value)) return value;
            p += written + 1;
        }
    }
    /// The value of the first attribute named `name`, "" without one.
    std::string_view attribute(std::string_view name) const {
        return find_attribute([&](std::string_view n, std::string_view) { return n == name; });
    }

private:
    const xml_nodes::element &get() const { return nodes_->elements[index_]; }

    const xml_nodes *nodes_ = nullptr;
    std::uint32_t index_ = xml_nodes::none;
};

// A parsed part. The scanner reads it in place: its elements point into `data`, which must outlive it (a
// copy of the largest part per read is what this saves). A part it leaves to pugixml is parsed by pugixml
// in place, which rewrites the bytes, so a syntax error reads the part again to name its line and column.
class xml_part {
public:
    /// Reads part `name` of `pkg` from `data` (its inflated bytes, which must outlive the part and may be
    /// rewritten). Throws for malformed XML, naming the line and column in the part.
    xml_part(const package &pkg, const std::string &name, part_data &data);
    ~xml_part();
    xml_part(const xml_part &) = delete;
    xml_part &operator=(const xml_part &) = delete;

    /// The root element, or none (a part of no element).
    xml_element root() const { return nodes_.elements.empty() ? xml_element{} : xml_element(&nodes_, 0); }

private:
    // The vectors of parts read before, kept by each thread: a part's nodes take twice its size, which
    // malloc would otherwise give back to the system after every read and fault in again on the next
    // (a third of the read's time on the sample). Two parts are open at most (the main part and numbering
    // or styles); vectors beyond 16 MiB (a part of some 8 MB) are freed.
    static constexpr std::size_t max_spares = 2, max_spare_bytes = 16u << 20;
    static thread_local std::vector<std::vector<xml_nodes::element>> spare_;

    xml_nodes nodes_;
    std::string copied_;  // names and text of a part pugixml read
};

}  // namespace xxgk::read::docx
