// DOCX reader: libzip for the package, a scanner (pugixml for what it leaves) for WordprocessingML.
#include "docx_reader.hpp"

#include "html_reader.hpp"
#include "mapper_text.hpp"

#include <libdeflate.h>
#include <pugixml.hpp>
#include <xxgk/utf8.hpp>
#include <zip.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace xxgk::read {

namespace {

constexpr int max_depth = 256;  // real reports nest a few dozen levels; the walk recurses, so keep the stack small
constexpr std::uint16_t max_span = 1000;
constexpr std::size_t ratio_floor = 1u << 20;  // below this, a high ratio cannot hurt

[[noreturn]] void fail(error_code code, std::string detail, source_position where = {}) {
    throw read_exception(code, "DOCX: " + std::move(detail), where);
}

struct archive_closer {
    void operator()(zip_t *z) const noexcept { zip_discard(z); }
};
using archive = std::unique_ptr<zip_t, archive_closer>;

struct file_closer {
    void operator()(zip_file_t *f) const noexcept { zip_fclose(f); }
};
using zip_file = std::unique_ptr<zip_file_t, file_closer>;

struct inflater_free {
    void operator()(libdeflate_decompressor *d) const noexcept { libdeflate_free_decompressor(d); }
};
using inflater = std::unique_ptr<libdeflate_decompressor, inflater_free>;

// The open package: libzip reads the container, libdeflate inflates the parts.
struct package {
    archive zip;
    std::size_t size;  // of the archive: no part's compressed data can be longer
    docx_limits limits;
    inflater inflate;
};

// The bytes of one part, with room for the NUL the scanner needs after them. Not a std::string: it would
// zero what inflating overwrites anyway.
struct part_data {
    std::unique_ptr<char[]> bytes;
    std::size_t size = 0;

    explicit part_data(std::size_t n) : bytes(new char[n + 1]), size(n) {}
    std::string_view view() const { return {bytes.get(), size}; }
};

// libzip's error as text; its "Malloc failure" is out of memory, not a damaged archive.
std::string zip_message(zip_error_t &e) {
    if (zip_error_code_zip(&e) == ZIP_ER_MEMORY) {
        zip_error_fini(&e);
        throw std::bad_alloc();
    }
    std::string m = zip_error_strerror(&e);
    zip_error_fini(&e);
    return m;
}

std::string zip_message(zip_t *z) {
    if (zip_error_code_zip(zip_get_error(z)) == ZIP_ER_MEMORY) throw std::bad_alloc();
    return zip_strerror(z);
}

std::string zip_message(zip_file_t *f) {
    if (zip_error_code_zip(zip_file_get_error(f)) == ZIP_ER_MEMORY) throw std::bad_alloc();
    return zip_error_strerror(zip_file_get_error(f));
}

archive open_archive(std::string_view bytes) {
    if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
        fail(error_code::wrong_format, "OLE2: a legacy Word .doc, or a password-protected DOCX");
    if (bytes.starts_with("{\\rtf")) fail(error_code::wrong_format, "RTF");
    if (!bytes.starts_with("PK\x03\x04") && !bytes.starts_with("PK\x05\x06"))
        fail(error_code::wrong_format, "not a DOCX file: no ZIP header \"PK\"");
    // libzip (1.7) drops the error of an allocation that fails while it reads the central directory (and
    // glibc's mktime, which it calls per entry, may fail one unseen) and reports "Not a zip archive". Its
    // verdict on the same bytes is otherwise the same every time, so a failed open is tried once more: a
    // second open that succeeds, or fails differently (out of memory from its first allocation, when memory
    // stays short), shows that the first failure was an allocation.
    int first_error = ZIP_ER_OK;
    for (int attempt = 0;; ++attempt) {
        zip_error_t error;
        zip_error_init(&error);
        // With a buffer and its size given, only an allocation can fail.
        zip_source_t *source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
        if (!source) {
            zip_error_fini(&error);
            throw std::bad_alloc();
        }
        zip_t *z = zip_open_from_source(source, ZIP_RDONLY, &error);
        if (z) {
            zip_error_fini(&error);
            return archive(z);
        }
        zip_source_free(source);
        const int code = zip_error_code_zip(&error);
        if (attempt == 0 && code != ZIP_ER_MEMORY) {
            first_error = code;
            zip_error_fini(&error);
            continue;
        }
        if (code != first_error) {
            zip_error_fini(&error);
            throw std::bad_alloc();
        }
        fail(error_code::damaged, "ZIP: " + zip_message(error));
    }
}

// Zip entry names are paths to whoever extracts them; a DOCX never needs one that leaves the package.
void check_entry_names(zip_t *z) {
    const zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
        const char *raw = zip_get_name(z, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
        if (!raw) fail(error_code::damaged, "cannot read the name of entry " + std::to_string(i + 1) + " of the archive");
        const std::string_view name = raw;
        const bool absolute = name.starts_with('/') || name.starts_with('\\') ||
                              (name.size() >= 2 && name[1] == ':');
        bool parent = false;
        for (std::size_t start = 0; start <= name.size();) {
            const std::size_t end = std::min(name.find_first_of("/\\", start), name.size());
            if (name.substr(start, end - start) == "..") parent = true;
            start = end + 1;
        }
        if (absolute || parent)
            fail(error_code::damaged, "the archive holds an entry with an unsafe path (\"" + std::string(name) +
                 "\"); refusing a package that points outside itself");
    }
}

// Reads `want` bytes of an open entry, or fewer when the data ends first.
std::size_t read_entry(zip_file_t *file, char *out, std::size_t want, const std::string &name) {
    std::size_t done = 0;
    while (done < want) {
        const zip_int64_t got = zip_fread(file, out + done, want - done);
        if (got < 0)
            fail(error_code::damaged, name + ": damaged or truncated data (" + zip_message(file) + ")");
        if (got == 0) break;
        done += static_cast<std::size_t>(got);
    }
    return done;
}

[[noreturn]] void fail_size(const std::string &name, bool more) {
    fail(error_code::damaged, name + ": the entry holds " + (more ? "more" : "fewer") + " bytes than its header declares (damaged archive)");
}

// A deflated or stored part: its raw bytes from libzip, inflated by libdeflate (into exactly the declared
// size, so data that does not fit is an error, not a larger buffer) and checked against the zip's CRC-32.
part_data read_raw_part(const package &pkg, zip_uint64_t index, const zip_stat_t &st, const std::string &name) {
    if (st.comp_size > pkg.size) fail(error_code::damaged, name + ": the entry is longer than the archive (damaged or truncated archive)");
    const zip_file file(zip_fopen_index(pkg.zip.get(), index, ZIP_FL_COMPRESSED));
    if (!file) fail(error_code::damaged, name + ": cannot open the entry (" + zip_message(pkg.zip.get()) + ")");
    part_data data(static_cast<std::size_t>(st.size));
    const auto comp_size = static_cast<std::size_t>(st.comp_size);
    if (st.comp_method == ZIP_CM_STORE) {
        if (comp_size != data.size) fail_size(name, comp_size > data.size);
        if (read_entry(file.get(), data.bytes.get(), data.size, name) != data.size)
            fail(error_code::truncated, name + ": damaged or truncated data (the entry ends early)");
    } else {
        const std::unique_ptr<char[]> raw(new char[std::max<std::size_t>(comp_size, 1)]);
        if (read_entry(file.get(), raw.get(), comp_size, name) != comp_size)
            fail(error_code::truncated, name + ": damaged or truncated data (the entry ends early)");
        std::size_t produced = 0;
        switch (libdeflate_deflate_decompress(pkg.inflate.get(), raw.get(), comp_size, data.bytes.get(), data.size, &produced)) {
        case LIBDEFLATE_SUCCESS: break;
        case LIBDEFLATE_INSUFFICIENT_SPACE: fail_size(name, true);
        default: fail(error_code::damaged, name + ": damaged or truncated data (invalid deflate stream)");
        }
        if (produced != data.size) fail_size(name, false);
    }
    if (libdeflate_crc32(0, data.bytes.get(), data.size) != st.crc) fail(error_code::damaged, name + ": damaged or truncated data (CRC error)");
    return data;
}

// A part compressed otherwise (bzip2, xz, zstd: Word writes none of them) through libzip's decoders.
part_data read_decoded_part(const package &pkg, zip_uint64_t index, const zip_stat_t &st, const std::string &name) {
    const zip_file file(zip_fopen_index(pkg.zip.get(), index, 0));
    if (!file) fail(error_code::damaged, name + ": cannot open the entry (" + zip_message(pkg.zip.get()) + ")");
    // The declared size bounds what we accept; reading one byte more tells a lying header.
    part_data data(static_cast<std::size_t>(st.size) + 1);
    const std::size_t done = read_entry(file.get(), data.bytes.get(), data.size, name);
    if (done != st.size) fail_size(name, done > st.size);
    data.size = done;
    return data;
}

std::optional<part_data> read_part(const package &pkg, const std::string &name) {
    const zip_int64_t index = zip_name_locate(pkg.zip.get(), name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return std::nullopt;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(pkg.zip.get(), static_cast<zip_uint64_t>(index), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
        !(st.valid & ZIP_STAT_COMP_SIZE))
        fail(error_code::damaged, name + ": cannot read the entry's sizes (damaged archive)");
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        fail(error_code::encrypted, name);
    const docx_limits &limits = pkg.limits;
    if (st.size > limits.max_part_size)
        fail(error_code::too_large, name + " inflates to " + std::to_string(st.size) + " bytes, more than the limit of " +
             std::to_string(limits.max_part_size));
    if (st.size > ratio_floor && st.size / std::max<zip_uint64_t>(st.comp_size, 1) > limits.max_ratio)
        fail(error_code::too_large, name + " inflates " + std::to_string(st.size / std::max<zip_uint64_t>(st.comp_size, 1)) +
             " times its compressed size (zip bomb?); the limit is " + std::to_string(limits.max_ratio) + ":1");
    const bool raw = (st.valid & ZIP_STAT_COMP_METHOD) && (st.valid & ZIP_STAT_CRC) &&
                     (st.comp_method == ZIP_CM_DEFLATE || st.comp_method == ZIP_CM_STORE);
    return raw ? read_raw_part(pkg, static_cast<zip_uint64_t>(index), st, name)
               : read_decoded_part(pkg, static_cast<zip_uint64_t>(index), st, name);
}

// Classes of the bytes the scanner tells apart.
enum char_class : std::uint8_t {
    name_start = 1,   // letters, '_', ':' and every byte of a multi-byte UTF-8 character (as pugixml reads names)
    name_char = 2,    // those, digits, '-' and '.'
    space = 4,        // XML white space
    value_escape = 8,  // '&', '\r', '\n' and '\t' in attribute values, which decoding changes
    value_bad = 16,    // '<' and NUL in attribute values
};
constexpr std::array<std::uint8_t, 256> char_classes = [] {
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
bool is(char c, char_class k) { return char_classes[static_cast<unsigned char>(c)] & k; }

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

// A parsed part. The scanner reads it in place: its elements point into `data`, which must outlive it (a
// copy of the largest part per read is what this saves). A part it leaves to pugixml is parsed by pugixml
// in place, which rewrites the bytes, so a syntax error reads the part again to name its line and column.
class xml_part {
public:
    xml_part(const package &pkg, const std::string &name, part_data &data) {
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
    ~xml_part() {
        if (nodes_.elements.capacity() * sizeof(xml_nodes::element) > max_spare_bytes || spare_.size() >= max_spares) return;
        nodes_.elements.clear();
        spare_.push_back(std::move(nodes_.elements));
    }
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
thread_local std::vector<std::vector<xml_nodes::element>> xml_part::spare_;

// The main document part named by the package relationships (word/document.xml in practice).
std::string main_part_name(const package &pkg) {
    std::string name = "word/document.xml";
    if (auto rels = read_part(pkg, "_rels/.rels")) {
        const xml_part xml(pkg, "_rels/.rels", *rels);
        for (xml_element r = xml.root().first_child(); r; r = r.next_sibling()) {
            const std::string_view type = r.attribute("Type");
            std::string_view target = r.attribute("Target");
            if (type.ends_with("/officeDocument") && !target.empty()) {
                while (target.starts_with('/')) target.remove_prefix(1);
                name = std::string(target);
                break;
            }
        }
    }
    return name;
}

// Element and attribute names of WordprocessingML under the prefix a part declares (`w:` in practice,
// but a default namespace or `ns0:` are as valid), transitional or strict.
class wml_names {
public:
    static std::optional<wml_names> of(const xml_element &root) {
        static constexpr std::string_view transitional = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        static constexpr std::string_view strict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
        std::string_view declared;
        const bool found = !root.find_attribute([&](std::string_view name, std::string_view value) {
                                    if ((value != transitional && value != strict) || (name != "xmlns" && !name.starts_with("xmlns:")))
                                        return false;
                                    declared = name;
                                    return true;
                                }).empty();
        if (!found) return std::nullopt;
        return wml_names(declared == "xmlns" ? "" : std::string(declared.substr(6)) + ":");
    }

    /// What the walk does with an element: one look at its name, as the walk meets every node.
    enum class tag : std::uint8_t {
        other,    // not WordprocessingML, or an element whose children are read as they come
        p, tbl, tr, tc, r, t, tab, line_break, no_break_hyphen,
        wrapper,  // w:sdt, w:sdtContent, w:customXml, w:ins, w:moveTo: rows and cells may sit inside
        skipped,  // no text of its own, or text not shown: deletions, properties, field codes, mc:Fallback
    };

    /// The tag of an element named `name`.
    tag tag_of(std::string_view name) const {
        if (!starts_with(name, prefix_)) return foreign_tag(name);
        const std::string_view local = name.substr(prefix_.size());
        // Only the words of the name's length are compared: one to seven, not thirty.
        static constexpr std::pair<std::string_view, tag> tags[] = {
            {"r", tag::r}, {"t", tag::t}, {"p", tag::p},
            {"tc", tag::tc}, {"tr", tag::tr}, {"br", tag::line_break}, {"cr", tag::line_break},
            {"rPr", tag::skipped}, {"pPr", tag::skipped}, {"tbl", tag::tbl}, {"tab", tag::tab}, {"sdt", tag::wrapper},
            {"ins", tag::wrapper}, {"del", tag::skipped},
            {"tcPr", tag::skipped}, {"trPr", tag::skipped},
            {"tblPr", tag::skipped}, {"sdtPr", tag::skipped},
            {"moveTo", tag::wrapper}, {"sectPr", tag::skipped},
            {"delText", tag::skipped}, {"tblGrid", tag::skipped}, {"fldData", tag::skipped},
            {"moveFrom", tag::skipped}, {"sdtEndPr", tag::skipped}, {"Fallback", tag::skipped},
            {"customXml", tag::wrapper}, {"instrText", tag::skipped},
            {"sdtContent", tag::wrapper},
            {"noBreakHyphen", tag::no_break_hyphen}};
        static constexpr std::size_t longest = 13;
        static constexpr std::array<std::uint8_t, longest + 2> first_of_size = [] {  // tags[first[n]] is the first of size >= n
            std::array<std::uint8_t, longest + 2> first{};
            for (std::size_t n = 0, i = 0; n < first.size(); ++n) {
                while (i < std::size(tags) && tags[i].first.size() < n) ++i;
                first[n] = static_cast<std::uint8_t>(i);
            }
            return first;
        }();
        if (local.size() <= longest)
            for (std::size_t i = first_of_size[local.size()]; i < first_of_size[local.size() + 1]; ++i)
                if (starts_with(local, tags[i].first)) return tags[i].second;
        return local.find(':') != std::string_view::npos ? foreign_tag(name) : tag::other;
    }

    bool is(const xml_element &n, std::string_view local) const { return named(n.name(), local); }
    /// The first child element named prefix + `local`, or an empty node.
    xml_element child(const xml_element &n, std::string_view local) const {
        for (xml_element c = n.first_child(); c; c = c.next_sibling())
            if (is(c, local)) return c;
        return {};
    }
    /// The first attribute named prefix + `local`, as pugixml's `attribute(name)` finds it.
    std::string_view attribute(const xml_element &n, std::string_view local) const {
        return n.find_attribute([&](std::string_view name, std::string_view) { return named(name, local); });
    }
    std::string_view val(const xml_element &n) const { return attribute(n, "val"); }

private:
    explicit wml_names(std::string prefix) : prefix_(std::move(prefix)) {}

    // An element outside WordprocessingML: mc:Fallback (under whatever prefix) repeats mc:Choice.
    static tag foreign_tag(std::string_view name) {
        const std::size_t colon = name.find(':');
        return name.substr(colon == std::string_view::npos ? 0 : colon + 1) == "Fallback" ? tag::skipped : tag::other;
    }

    // Whether `name` starts with `s`: compared here rather than by a call to memcmp, as names are short and
    // compared for every element.
    static bool starts_with(std::string_view name, std::string_view s) noexcept {
        if (name.size() < s.size()) return false;
        for (std::size_t k = 0; k < s.size(); ++k)
            if (name[k] != s[k]) return false;
        return true;
    }

    // True when `name` is prefix + `local`.
    bool named(std::string_view name, std::string_view local) const {
        return name.size() == prefix_.size() + local.size() && starts_with(name, prefix_) &&
               starts_with(name.substr(prefix_.size()), local);
    }

    std::string prefix_;
};

int integer_or(std::string_view v, int fallback) {
    int n = 0;
    const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    return ec == std::errc{} && ptr == v.data() + v.size() ? n : fallback;
}

// The label of an automatically numbered paragraph in a number format of word/numbering.xml.
std::string format_number(int n, std::string_view format) {
    static constexpr std::array<std::string_view, 10> digits = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    static constexpr std::array<std::string_view, 10> stems = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
    if (format == "bullet" || format == "none") return {};
    if (n < 1) return std::to_string(n);
    if (format.starts_with("chineseCounting") || format == "japaneseCounting" || format == "taiwaneseCounting" ||
        format == "chineseLegalSimplified") {
        if (n >= 100) return std::to_string(n);
        std::string s;
        if (n >= 20) s += digits[static_cast<std::size_t>(n / 10)];
        if (n >= 10) s += "十";
        if (n % 10 || n < 10) s += digits[static_cast<std::size_t>(n % 10)];
        return s;
    }
    if (format == "ideographTraditional" && n <= 10) return std::string(stems[static_cast<std::size_t>(n - 1)]);
    if (format.starts_with("decimalEnclosedCircle") && n <= 20) {
        char b[4];
        return std::string(b, encode_utf8(static_cast<char32_t>(0x2460 + n - 1), b));  // ①
    }
    if (format.starts_with("decimalFullWidth")) {
        std::string s;
        for (char c : std::to_string(n)) s += {'\xEF', '\xBC', static_cast<char>(0x90 + (c - '0'))};
        return s;
    }
    if ((format == "upperLetter" || format == "lowerLetter") && n <= 26)
        return std::string(1, static_cast<char>((format == "upperLetter" ? 'A' : 'a') + n - 1));
    if ((format == "upperRoman" || format == "lowerRoman") && n < 40) {
        static constexpr std::array<std::string_view, 10> ones = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
        std::string s = std::string(static_cast<std::size_t>(n / 10), 'X') + std::string(ones[static_cast<std::size_t>(n % 10)]);
        if (format == "lowerRoman")
            std::transform(s.begin(), s.end(), s.begin(), [](char c) { return static_cast<char>(c | 0x20); });
        return s;
    }
    if (format == "decimalZero" && n < 10) return "0" + std::to_string(n);
    return std::to_string(n);
}

// Automatic numbering (`w:numPr` on a paragraph or its style): Word prints "一、" or "1." that no `w:t`
// holds, and section headings and row labels depend on it. Counters run per `w:num` in document order.
class list_numbering {
public:
    /// The counters, to go back to when a part of the document is read again.
    using state = std::map<std::string, std::array<std::optional<int>, 9>>;

    list_numbering() = default;

    /// The definitions of word/numbering.xml.
    explicit list_numbering(const xml_part &numbering) { read_numbering(numbering.root()); }

    /// Whether any paragraph can be numbered: without a `w:num`, styles need not be read at all.
    bool active() const { return !nums_.empty(); }

    /// Adds the paragraph styles of word/styles.xml (their numbering, and the styles they are based on).
    void add_styles(const xml_part &styles) { read_styles(styles.root()); }

    state save() const { return counters_; }
    void restore(state s) { counters_ = std::move(s); }

    /// Appends the label Word prints before paragraph `p` (advancing the counters), if any.
    void label(const wml_names &w, const xml_element &p, std::string &out) {
        if (!active()) return;
        const xml_element props = w.child(p, "pPr");
        const xml_element direct = w.child(props, "numPr");
        std::string num_id(w.val(w.child(direct, "numId")));
        int level = integer_or(w.val(w.child(direct, "ilvl")), -1);
        // Numbering from the paragraph style and the styles it is based on.
        std::string style(w.val(w.child(props, "pStyle")));
        for (int hops = 0; (num_id.empty() || level < 0) && !style.empty() && hops < 20; ++hops) {
            const auto it = styles_.find(style);
            if (it == styles_.end()) break;
            if (num_id.empty()) num_id = it->second.num_id;
            if (level < 0) level = it->second.level;
            style = it->second.based_on;
        }
        level = std::clamp(level, 0, 8);
        const auto num = nums_.find(num_id);
        if (num_id.empty() || num_id == "0" || num == nums_.end()) return;
        const auto abstract = abstracts_.find(num->second.abstract_id);
        if (abstract == abstracts_.end()) return;
        auto &counters = counters_[num_id];
        const auto start = [&](int l) {
            const auto o = num->second.start_overrides.find(l);
            if (o != num->second.start_overrides.end()) return o->second;
            const auto lv = abstract->second.find(l);
            return lv == abstract->second.end() ? 1 : lv->second.start;
        };
        counters[static_cast<std::size_t>(level)] =
            counters[static_cast<std::size_t>(level)] ? *counters[static_cast<std::size_t>(level)] + 1 : start(level);
        for (std::size_t l = static_cast<std::size_t>(level) + 1; l < counters.size(); ++l) counters[l].reset();
        const auto lv = abstract->second.find(level);
        if (lv == abstract->second.end() || lv->second.format == "bullet") return;
        const std::string_view text = lv->second.text;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
                const int l = text[i + 1] - '1';
                const auto fmt = abstract->second.find(l);
                out += format_number(counters[static_cast<std::size_t>(l)].value_or(start(l)),
                                     fmt == abstract->second.end() ? "decimal" : fmt->second.format);
                ++i;
            } else {
                out += text[i];
            }
        }
    }

private:
    struct level_format {
        int start = 1;
        std::string format = "decimal", text;
    };
    struct num_instance {
        std::string abstract_id;
        std::map<int, int> start_overrides;
    };
    struct style_numbering {
        std::string num_id, based_on;
        int level = -1;
    };
    std::map<std::string, std::map<int, level_format>> abstracts_;
    std::map<std::string, num_instance> nums_;
    std::map<std::string, style_numbering> styles_;
    state counters_;

    void read_numbering(const xml_element &root) {
        const auto w = wml_names::of(root);
        if (!w) return;
        for (xml_element n = root.first_child(); n; n = n.next_sibling()) {
            if (w->is(n, "abstractNum")) {
                auto &levels = abstracts_[std::string(w->attribute(n, "abstractNumId"))];
                for (xml_element lvl = n.first_child(); lvl; lvl = lvl.next_sibling()) {
                    if (!w->is(lvl, "lvl")) continue;
                    level_format &f = levels[integer_or(w->attribute(lvl, "ilvl"), 0)];
                    f.start = integer_or(w->val(w->child(lvl, "start")), 1);
                    if (const xml_element fmt = w->child(lvl, "numFmt")) f.format = std::string(w->val(fmt));
                    f.text = std::string(w->val(w->child(lvl, "lvlText")));
                }
            } else if (w->is(n, "num")) {
                num_instance &num = nums_[std::string(w->attribute(n, "numId"))];
                num.abstract_id = std::string(w->val(w->child(n, "abstractNumId")));
                for (xml_element o = n.first_child(); o; o = o.next_sibling())
                    if (w->is(o, "lvlOverride"))
                        if (const xml_element so = w->child(o, "startOverride"))
                            num.start_overrides[integer_or(w->attribute(o, "ilvl"), 0)] = integer_or(w->val(so), 1);
            }
        }
    }

    void read_styles(const xml_element &root) {
        const auto w = wml_names::of(root);
        if (!w) return;
        for (xml_element st = root.first_child(); st; st = st.next_sibling()) {
            if (!w->is(st, "style") || w->attribute(st, "type") != "paragraph") continue;
            style_numbering &s = styles_[std::string(w->attribute(st, "styleId"))];
            s.based_on = std::string(w->val(w->child(st, "basedOn")));
            const xml_element num = w->child(w->child(st, "pPr"), "numPr");
            s.num_id = std::string(w->val(w->child(num, "numId")));
            s.level = integer_or(w->val(w->child(num, "ilvl")), -1);
        }
    }
};

// The automatic numbering of the document whose main part is in directory `dir` (word/numbering.xml and
// word/styles.xml next to it). Without a numbering instance nothing is numbered, and styles.xml (tens of
// kilobytes of XML) is not read.
list_numbering numbering_of(const package &pkg, const std::string &dir) {
    list_numbering numbering;
    if (std::optional<part_data> bytes = read_part(pkg, dir + "numbering.xml"))
        numbering = list_numbering(xml_part(pkg, dir + "numbering.xml", *bytes));
    if (numbering.active())
        if (std::optional<part_data> bytes = read_part(pkg, dir + "styles.xml"))
            numbering.add_styles(xml_part(pkg, dir + "styles.xml", *bytes));
    return numbering;
}

class docx_walker {
public:
    document doc;

    docx_walker(const xml_element &root, list_numbering numbering) : w_(names_of(root)), numbering_(std::move(numbering)) {}

    void body(const xml_element &root) {
        const xml_element b = w_.child(root, "body");
        if (!b) fail(error_code::wrong_format, "the document has no w:body");
        blocks(b, 0);
    }

private:
    using tag = wml_names::tag;

    wml_names w_;
    list_numbering numbering_;
    std::uint32_t tables_ = 0, paragraphs_ = 0;
    bool nested_table_ = false;  // a cell's text held a table (set by `text`, read by `table`)

    static wml_names names_of(const xml_element &root) {
        const std::optional<wml_names> w = wml_names::of(root);
        if (!w || !w->is(root, "document")) fail(error_code::wrong_format, "the main document part is not WordprocessingML (no w:document)");
        return *w;
    }

    tag tag_of(const xml_element &n) const { return w_.tag_of(n.name()); }

    static void check_depth(int depth) {
        if (depth > max_depth) fail(error_code::too_deep, std::to_string(max_depth) + " levels");
    }

    // Whether run properties `rpr` hide the run (`w:vanish` not switched off).
    bool vanished(const xml_element &rpr) const {
        const xml_element v = w_.child(rpr, "vanish");
        if (!v) return false;
        const std::string_view val = w_.val(v);
        return val != "0" && val != "false" && val != "off";
    }

    // A run's text unless its properties hide it. They come first in a run, so the run is read in one pass
    // from after them; elsewhere they are looked up before its text is read.
    void run(const xml_element &r, std::string &out, int depth) {
        const xml_element first = r.first_child();
        if (first && w_.is(first, "rPr")) {
            if (!vanished(first)) text_from(first.next_sibling(), out, depth);
        } else if (!vanished(w_.child(r, "rPr"))) {
            text_from(first, out, depth);
        }
    }

    void text(const xml_element &n, std::string &out, int depth) { text_from(n.first_child(), out, depth); }

    // The text of node `first` and its following siblings.
    void text_from(const xml_element &first, std::string &out, int depth) {
        check_depth(depth);
        for (xml_element c = first; c; c = c.next_sibling()) {
            switch (tag_of(c)) {
            case tag::skipped: break;
            case tag::t: detail::append_without_invisible(out, c.text()); break;
            case tag::tab: out += '\t'; break;
            case tag::line_break: out += '\n'; break;
            case tag::no_break_hyphen: out += '-'; break;
            case tag::r: run(c, out, depth + 1); break;
            case tag::p:
                if (!out.empty() && out.back() != '\n') out += '\n';
                numbering_.label(w_, c, out);
                text(c, out, depth + 1);
                break;
            case tag::tbl:
                nested_table_ = true;
                text(c, out, depth + 1);
                break;
            case tag::other: case tag::tr: case tag::tc: case tag::wrapper: text(c, out, depth + 1); break;
            }
        }
    }

    void blocks(const xml_element &parent, int depth) {
        check_depth(depth);
        for (xml_element c = parent.first_child(); c; c = c.next_sibling()) {
            switch (tag_of(c)) {
            case tag::skipped: break;
            case tag::p: {
                source_position pos{};
                pos.line = ++paragraphs_;
                std::string s;
                numbering_.label(w_, c, s);
                text(c, s, depth + 1);
                if (!s.empty()) doc.blocks.emplace_back(paragraph_block{std::move(s), pos});
                break;
            }
            case tag::tbl: table(c, depth + 1); break;
            default: blocks(c, depth + 1); break;  // w:sdt, w:sdtContent, w:customXml, w:ins, …
            }
        }
    }

    // Children tagged `want`, also when wrapped in content controls or custom XML.
    void collect(const xml_element &parent, tag want, std::vector<xml_element> &out, int depth) const {
        check_depth(depth);
        for (xml_element c = parent.first_child(); c; c = c.next_sibling()) {
            const tag t = tag_of(c);
            if (t == want) out.push_back(c);
            else if (t == tag::wrapper) collect(c, want, out, depth + 1);
        }
    }

    std::uint16_t span_value(const xml_element &props, std::string_view local) const {
        return span_value_of(w_.child(props, local));
    }
    std::uint16_t span_value_of(const xml_element &n) const {
        if (!n) return 1;
        const std::string_view v = w_.val(n);
        unsigned long value = 0;
        const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
        if (ec != std::errc{} || ptr != v.data() + v.size() || value == 0 || value > max_span) return 1;
        return static_cast<std::uint16_t>(value);
    }

    enum class merge { none, restart, next };
    // The restart cell (row, index in the emitted row) of each vertical merge still open, by grid column.
    using open_merges = std::map<std::uint32_t, std::pair<std::size_t, std::size_t>>;

    // A cell that is not a continuation ends the merges in the grid columns it covers.
    static void close_merges(open_merges &open, std::uint32_t from, std::uint32_t to) {
        open.erase(open.lower_bound(from), open.lower_bound(to));
    }

    merge merge_of(const xml_element &n) const {
        if (!n) return merge::none;
        return w_.val(n) == "restart" ? merge::restart : merge::next;
    }

    // The cell properties this reader uses, found in one pass over w:tcPr.
    struct cell_props {
        xml_element grid_span, v_merge, h_merge;
    };
    cell_props props_of(const xml_element &tc) const {
        cell_props out;
        for (xml_element n = w_.child(tc, "tcPr").first_child(); n; n = n.next_sibling()) {
            xml_element *slot = w_.is(n, "gridSpan") ? &out.grid_span
                                   : w_.is(n, "vMerge") ? &out.v_merge
                                   : w_.is(n, "hMerge") ? &out.h_merge
                                                        : nullptr;
            if (slot && !*slot) *slot = n;  // the first of each, as a search by name finds it
        }
        return out;
    }

    // A table is read cell by cell; a table met in a cell's text makes it a layout table instead, whose
    // cells are read again as paragraphs and tables, from the automatic numbering as it stood before.
    void table(const xml_element &tbl, int depth) {
        std::vector<xml_element> rows;
        collect(tbl, tag::tr, rows, depth + 1);
        std::vector<std::vector<xml_element>> cells(rows.size());
        for (std::size_t r = 0; r < rows.size(); ++r) collect(rows[r], tag::tc, cells[r], depth + 2);
        const list_numbering::state numbering_before = numbering_.save();
        nested_table_ = false;
        table_block t;
        t.pos.table = tables_ + 1;
        t.rows.reserve(rows.size());
        open_merges open;
        for (std::size_t r = 0; r < rows.size() && !nested_table_; ++r) {
            text_row &out = t.rows.emplace_back();
            out.cells.reserve(cells[r].size() + 1);  // + the w:gridBefore cell
            const auto row_number = static_cast<std::uint32_t>(r + 1);
            std::uint32_t column = 0;
            if (const xml_element props = w_.child(rows[r], "trPr"); w_.child(props, "gridBefore")) {
                column = span_value(props, "gridBefore");
                close_merges(open, 0, column);
                source_position pos{};
                pos.table = t.pos.table, pos.row = row_number;
                out.cells.push_back(text_cell{{}, pos, 1, static_cast<std::uint16_t>(column)});
            }
            for (std::size_t k = 0; k < cells[r].size() && !nested_table_; ++k) {
                const cell_props props = props_of(cells[r][k]);
                const std::uint16_t span = span_value_of(props.grid_span);
                std::string s;
                text(cells[r][k], s, depth + 3);
                while (!s.empty() && s.back() == '\n') s.pop_back();
                const merge vertical = merge_of(props.v_merge);
                // Legacy horizontal merges: the continuation widens the cell before it.
                if (merge_of(props.h_merge) == merge::next && !out.cells.empty()) {
                    text_cell &left = out.cells.back();
                    left.col_span = static_cast<std::uint16_t>(std::min<unsigned>(left.col_span + span, max_span));
                    if (!s.empty()) left.text += (left.text.empty() ? "" : "\n") + s;
                    column += span;
                    continue;
                }
                const auto owner = open.find(column);
                if (vertical == merge::next && owner != open.end()) {
                    text_cell &top = t.rows[owner->second.first].cells[owner->second.second];
                    if (top.row_span < max_span) ++top.row_span;
                    if (!s.empty()) top.text += (top.text.empty() ? "" : "\n") + s;
                    column += span;
                    continue;
                }
                close_merges(open, column, column + span);
                if (vertical == merge::restart) open[column] = {r, out.cells.size()};
                source_position pos{};
                pos.table = t.pos.table, pos.row = row_number, pos.cell = static_cast<std::uint32_t>(k + 1);
                out.cells.push_back(text_cell{std::move(s), pos, 1, span});
                column += span;
            }
        }
        if (nested_table_) {
            nested_table_ = false;
            numbering_.restore(numbering_before);
            for (const auto &row : cells)
                for (const xml_element &tc : row) blocks(tc, depth + 2);
            return;
        }
        if (t.rows.empty()) return;
        ++tables_;
        doc.blocks.emplace_back(std::move(t));
    }
};

}  // namespace

// Text reaches the document as the part spells it: neither the scanner nor pugixml checks that its bytes
// are UTF-8, and the part says they are. A text that is not is an error naming where it stands.
void check_utf8(const document &doc, const std::string &part) {
    auto check = [&](std::string_view text, source_position pos) {
        if (const std::optional<std::size_t> at = invalid_utf8_at(text))
            fail(error_code::invalid_utf8, part + ": invalid UTF-8 in the text (byte " + std::to_string(*at) + " of it)", pos);
    };
    for (const block &b : doc.blocks) {
        if (const auto *p = std::get_if<paragraph_block>(&b)) {
            check(p->text, p->pos);
            continue;
        }
        for (const text_row &r : std::get<table_block>(b).rows)
            for (const text_cell &c : r.cells) check(c.text, c.pos);
    }
}

document read_docx(std::string_view bytes, const docx_limits &limits) {
    const package pkg{open_archive(bytes), bytes.size(), limits, inflater(libdeflate_alloc_decompressor())};
    if (!pkg.inflate) throw std::bad_alloc();
    zip_t *z = pkg.zip.get();
    check_entry_names(z);
    const std::string name = main_part_name(pkg);
    std::optional<part_data> data = read_part(pkg, name);
    if (!data) {
        if (zip_name_locate(z, "content.xml", 0) >= 0) fail(error_code::wrong_format, "an OpenDocument text (ODT)");
        if (zip_name_locate(z, "xl/workbook.xml", 0) >= 0) fail(error_code::wrong_format, "a spreadsheet (XLSX)");
        fail(error_code::wrong_format, name + " is missing");
    }
    const xml_part xml(pkg, name, *data);
    docx_walker walker(xml.root(), numbering_of(pkg, name.substr(0, name.rfind('/') + 1)));
    walker.body(xml.root());
    if (walker.doc.blocks.empty()) fail(error_code::empty, name);
    check_utf8(walker.doc, name);
    return std::move(walker.doc);
}

document read_docx(std::string_view bytes) { return read_docx(bytes, docx_limits{}); }

}  // namespace xxgk::read
