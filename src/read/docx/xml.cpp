// The XML scanner of the DOCX reader, and pugixml for what it leaves.
#include "xml.hpp"

#include "../map/mapper_text.hpp"

#include <pugixml.hpp>

#include <algorithm>

namespace xxgk::read::docx {

namespace {

// The flags pugixml parses a part with; the scanner reads what it accepts the same way: entities and
// character references decoded, CDATA read as text, line ends normalised ("\r\n" and "\r" to "\n"),
// tabs and line ends in attribute values made spaces, white space between elements dropped unless it is
// all an element holds (`<w:t xml:space="preserve"> </w:t>`).
constexpr unsigned parse_flags = pugi::parse_default | pugi::parse_ws_pcdata_single;

// A scanner for XML as word processors write it: an XML declaration naming UTF-8 (or none), one root
// element, elements, attributes, and text with the predefined entities and decimal or hexadecimal
// character references. It costs about what pugixml's parse did in instructions, but builds 32-byte
// elements in two vectors instead of a DOM of 64-byte nodes and 40-byte attributes, and the walk reads
// them without a call into the library per node: a read of the sample takes a quarter less time. Anything
// else (a byte order mark or another encoding, comments, CDATA, processing instructions, a DOCTYPE, NUL
// bytes, other entities, a malformed document) makes `scan` return false before anything is written, and
// the part goes to pugixml, which reads it as it always did or names the error. What it accepts reads as
// pugixml reads it with `parse_flags`; the bytes are decoded in place once the whole part is accepted.
// The bytes must be followed by a NUL, which ends every loop.
class xml_scanner {
public:
    xml_scanner(char *begin, char *end, xml_nodes &out) : begin_(begin), end_(end), out_(out) {}

    /// Whether offsets into the part fit the nodes' 32 bits.
    static bool fits(std::size_t size) { return size < xml_nodes::none; }

    bool scan() {
        char *p = declaration(begin_);
        if (!p) return false;
        p = skip_space(p);
        if (*p != '<') return false;
        // Word writes an element per 16 bytes or so: room for them from the start.
        out_.elements.reserve(static_cast<std::size_t>(end_ - p) / 16);
        while (true) {  // at a '<'
            ++p;
            if (*p == '/') p = end_tag(p + 1);
            else if (is(*p, name_start)) p = start_tag(p);
            else return false;  // comment, CDATA, DOCTYPE, processing instruction, or not XML
            if (!p) return false;
            if (open_.empty()) break;
            if (*p != '<') {
                char *const next = static_cast<char *>(std::memchr(p, '<', static_cast<std::size_t>(end_ - p)));
                if (!next || !text(p, next)) return false;
                p = next;
            }
        }
        if (skip_space(p) != end_) return false;
        for (const escaped &e : escaped_) {
            char *const begin = begin_ + e.offset;
            const auto size = static_cast<std::uint32_t>(decode<true>(begin, begin + e.size, e.element == xml_nodes::none) - begin);
            if (e.element == xml_nodes::none) out_.values.push_back({e.offset, size, e.size});
            else out_.elements[e.element].text.size = size;
        }
        out_.bytes = begin_;
        return true;
    }

private:
    struct open_element {
        std::uint32_t index, last_child = xml_nodes::none;
        bool has_child = false;
    };

    char *begin_, *end_;
    xml_nodes &out_;
    std::vector<open_element> open_;
    struct escaped {  // a text or attribute value to decode once the part is accepted
        std::uint32_t element, offset, size;  // element: whose text it is, `none` for an attribute value
    };
    std::vector<escaped> escaped_;

    xml_nodes::range range_of(const char *from, const char *to) const {
        return {static_cast<std::uint32_t>(from - begin_), static_cast<std::uint32_t>(to - from)};
    }

    static char *skip_space(char *p) {
        while (is(*p, space)) ++p;
        return p;
    }
    static char *skip_name(char *p) {
        std::size_t n = 0;  // an index, not a moving pointer: two instructions less per byte from GCC
        while (is(p[n], name_char)) ++n;
        return p + n;
    }

    // The end of an attribute value from p (its closing quote, or a NUL) and the classes of its bytes
    // (value_escape, value_bad).
    static char *value_end(char *p, char quote, unsigned &classes) {
        for (char c; (c = *p) != quote && c != '\0'; ++p) classes |= char_classes[static_cast<unsigned char>(c)];
        return p;
    }

    // Whether [p, next) is all white space (it seldom starts with any), and whether it holds what decoding
    // changes or a NUL: looked for by memchr, as text is the longest run of bytes without markup.
    static void classify_text(const char *p, const char *next, bool &blank, bool &escaped) {
        const auto n = static_cast<std::size_t>(next - p);
        blank = std::all_of(p, next, [](char c) { return is(c, space); });
        escaped = std::memchr(p, '&', n) || std::memchr(p, '\r', n) || std::memchr(p, '\0', n);
    }

    // `<?xml …?>` at the start, if there, declares no encoding but UTF-8 (pugixml converts Latin-1).
    char *declaration(char *p) const {
        const std::string_view rest(p, static_cast<std::size_t>(end_ - p));
        if (!rest.starts_with("<?xml") || rest.size() < 6 || !is(rest[5], space)) return p;
        const std::size_t close = rest.find("?>");
        if (close == std::string_view::npos) return nullptr;
        const std::string_view decl = rest.substr(5, close - 5);
        if (decl.find('\0') != std::string_view::npos) return nullptr;
        const std::size_t at = decl.find("encoding");
        if (at == std::string_view::npos) return p + close + 2;
        std::string_view v = decl.substr(at + 8);
        while (!v.empty() && is(v.front(), space)) v.remove_prefix(1);
        if (!v.starts_with('=')) return nullptr;
        v.remove_prefix(1);
        while (!v.empty() && is(v.front(), space)) v.remove_prefix(1);
        if (v.size() < 7 || (v[0] != '"' && v[0] != '\'') || v[6] != v[0]) return nullptr;
        static constexpr std::string_view utf8 = "utf-8";
        for (std::size_t i = 0; i < utf8.size(); ++i)
            if ((v[1 + i] | 0x20) != utf8[i]) return nullptr;
        return p + close + 2;
    }

    char *start_tag(char *p) {
        const auto index = static_cast<std::uint32_t>(out_.elements.size());
        if (index == xml_nodes::none) return nullptr;
        xml_nodes::element e;
        char *const name = p;
        p = skip_name(p);
        e.name = range_of(name, p);
        char *const attributes = p;
        if (!open_.empty()) {
            open_element &parent = open_.back();
            if (parent.last_child == xml_nodes::none) out_.elements[parent.index].first_child = index;
            else out_.elements[parent.last_child].next_sibling = index;
            parent.last_child = index;
            parent.has_child = true;
        } else if (index != 0) {
            return nullptr;
        }
        bool empty = false;
        while (true) {
            if (*p == '>') {
                e.attributes = range_of(attributes, p);
                ++p;
                break;
            }
            if (*p == '/') {
                if (p[1] != '>') return nullptr;
                e.attributes = range_of(attributes, p);
                p += 2;
                empty = true;
                break;
            }
            if (!is(*p, space)) return nullptr;
            p = skip_space(p);
            if (*p == '>' || *p == '/') continue;
            if (!is(*p, name_start) || !(p = attribute(p))) return nullptr;
        }
        out_.elements.push_back(e);
        if (!empty) open_.push_back({index, xml_nodes::none, false});
        return p;
    }

    char *attribute(char *p) {
        p = skip_name(p);
        p = skip_space(p);
        if (*p != '=') return nullptr;
        p = skip_space(p + 1);
        const char quote = *p;
        if (quote != '"' && quote != '\'') return nullptr;
        char *const value = ++p;
        unsigned classes = 0;
        p = value_end(p, quote, classes);
        if (!*p || (classes & value_bad)) return nullptr;
        if (classes & value_escape) {
            if (!decode<false>(value, p, true)) return nullptr;
            const xml_nodes::range r = range_of(value, p);
            escaped_.push_back({xml_nodes::none, r.offset, r.size});
        }
        return p + 1;
    }

    char *end_tag(char *p) {
        if (open_.empty()) return nullptr;
        const xml_nodes::range open = out_.elements[open_.back().index].name;
        if (static_cast<std::size_t>(end_ - p) < open.size || std::memcmp(p, begin_ + open.offset, open.size) != 0 ||
            is(p[open.size], name_char))
            return nullptr;
        p = skip_space(p + open.size);
        if (*p != '>') return nullptr;
        open_.pop_back();
        return p + 1;
    }

    // The text [p, next) (next at a '<') in the innermost open element: the element's text if it is the
    // first; white space only counts when it is all the element holds.
    bool text(char *p, char *next) {
        bool blank = true, escaped = false;
        classify_text(p, next, blank, escaped);
        if (escaped && std::memchr(p, '\0', static_cast<std::size_t>(next - p))) return false;
        open_element &top = open_.back();
        if (blank && (top.has_child || next[1] != '/')) return true;
        if (escaped && !decode<false>(p, next, false)) return false;
        top.has_child = true;
        xml_nodes::element &e = out_.elements[top.index];
        if (e.text.offset == xml_nodes::none) {
            e.text = range_of(p, next);
            if (escaped) escaped_.push_back({top.index, e.text.offset, e.text.size});
        }
        return true;
    }

    // Decodes [begin, end) in place and returns its new end (write), or checks that it can (!write: null
    // for an entity pugixml would leave as written, or a reference to no character, NUL or a surrogate).
    template <bool write>
    static char *decode(char *begin, char *end, bool in_attribute) {
        char *out = begin;
        for (char *p = begin; p != end;) {
            const char c = *p;
            if (c == '&') {
                const std::size_t room = std::min<std::size_t>(static_cast<std::size_t>(end - p), 12);
                const char *const semi = static_cast<const char *>(std::memchr(p, ';', room));
                if (!semi) return nullptr;
                const std::string_view ref(p + 1, static_cast<std::size_t>(semi - p - 1));
                std::uint32_t cp = 0;
                if (ref == "amp") cp = '&';
                else if (ref == "lt") cp = '<';
                else if (ref == "gt") cp = '>';
                else if (ref == "quot") cp = '"';
                else if (ref == "apos") cp = '\'';
                else if (ref.starts_with("#x") && ref.size() > 2) {
                    const auto [ptr, ec] = std::from_chars(ref.data() + 2, ref.data() + ref.size(), cp, 16);
                    if (ec != std::errc{} || ptr != ref.data() + ref.size() || ref[2] == '+' || ref[2] == '-') return nullptr;
                } else if (ref.starts_with('#') && ref.size() > 1) {
                    const auto [ptr, ec] = std::from_chars(ref.data() + 1, ref.data() + ref.size(), cp, 10);
                    if (ec != std::errc{} || ptr != ref.data() + ref.size() || ref[1] == '+' || ref[1] == '-') return nullptr;
                } else {
                    return nullptr;
                }
                if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) return nullptr;
                if constexpr (write) out = encode_utf8(cp, out);
                p = const_cast<char *>(semi) + 1;
            } else if (c == '\r') {
                if constexpr (write) *out++ = in_attribute ? ' ' : '\n';
                if (++p != end && *p == '\n') ++p;
            } else {
                if constexpr (write) *out++ = in_attribute && (c == '\n' || c == '\t') ? ' ' : c;
                ++p;
            }
        }
        return write ? out : begin;
    }
};

// The elements of a document pugixml parsed, as the scanner gives them (pugixml's text nodes become their
// parent's text), their names and values copied to `bytes`. Iterative: pugixml reads any depth, and the
// walk reports depth beyond its limit.
void copy_elements(const pugi::xml_node &root, xml_nodes &out, std::string &bytes, const std::string &part) {
    const auto copy = [&](std::string_view s) {
        if (bytes.size() + s.size() >= xml_nodes::none) fail(error_code::too_large, part + ": the part holds 4 GiB of names and text or more");
        bytes += s;
        return xml_nodes::range{static_cast<std::uint32_t>(bytes.size() - s.size()), static_cast<std::uint32_t>(s.size())};
    };
    const auto add = [&](const pugi::xml_node &n) {
        xml_nodes::element e;
        e.name = copy(n.name());
        // Written as the scanner leaves them, `name="value"`; every value is listed with its size, so
        // quotes in it do not end it.
        const auto start = static_cast<std::uint32_t>(bytes.size());
        for (const pugi::xml_attribute a : n.attributes()) {
            copy(" ");
            copy(a.name());
            copy("=\"");
            const xml_nodes::range v = copy(a.value());
            out.values.push_back({v.offset, v.size, v.size});
            copy("\"");
        }
        e.attributes = {start, static_cast<std::uint32_t>(bytes.size()) - start};
        out.elements.push_back(e);
        return static_cast<std::uint32_t>(out.elements.size() - 1);
    };
    if (root) {
        struct frame {
            pugi::xml_node next;
            std::uint32_t index, last_child = xml_nodes::none;
        };
        std::vector<frame> stack{{root.first_child(), add(root), xml_nodes::none}};
        while (!stack.empty()) {
            const pugi::xml_node n = stack.back().next;
            if (!n) {
                stack.pop_back();
                continue;
            }
            stack.back().next = n.next_sibling();
            const std::uint32_t parent = stack.back().index;
            if (n.type() == pugi::node_element) {
                const std::uint32_t index = add(n);
                std::uint32_t &last = stack.back().last_child;
                (last == xml_nodes::none ? out.elements[parent].first_child : out.elements[last].next_sibling) = index;
                last = index;
                stack.push_back({n.first_child(), index, xml_nodes::none});
            } else if ((n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) &&
                       out.elements[parent].text.offset == xml_nodes::none) {
                out.elements[parent].text = copy(n.value());
            }
        }
    }
    out.bytes = bytes.data();
}

}  // namespace

xml_part::xml_part(const package &pkg, const std::string &name, part_data &data) {
    if (!spare_.empty()) {
        nodes_.elements = std::move(spare_.back());
        spare_.pop_back();
    }
    data.bytes[data.size] = '\0';
    if (xml_scanner::fits(data.size) && xml_scanner(data.bytes.get(), data.bytes.get() + data.size, nodes_).scan())
        return;
    nodes_.elements.clear();
    nodes_.values.clear();
    pugi::xml_document xml;
    const pugi::xml_parse_result r = xml.load_buffer_inplace(data.bytes.get(), data.size, parse_flags, pugi::encoding_auto);
    if (!r) {
        const auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(r.offset, 0));
        fail(error_code::malformed_xml, name + ": malformed XML at byte " + std::to_string(offset) + ": " + r.description(),
             detail::advance(source_position{1, 1}, read_part(pkg, name).value_or(part_data(0)).view(), offset));
    }
    copy_elements(xml.document_element(), nodes_, copied_, name);
}

xml_part::~xml_part() {
    if (nodes_.elements.capacity() * sizeof(xml_nodes::element) > max_spare_bytes || spare_.size() >= max_spares) return;
    nodes_.elements.clear();
    spare_.push_back(std::move(nodes_.elements));
}

thread_local std::vector<std::vector<xml_nodes::element>> xml_part::spare_;

}  // namespace xxgk::read::docx
