// DOCX reader: libzip for the package, pugixml for WordprocessingML.
#include "docx_reader.hpp"

#include "html_reader.hpp"
#include "mapper_text.hpp"

#include <libdeflate.h>
#include <pugixml.hpp>
#include <zip.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace xxgk::read {

namespace {

constexpr int max_depth = 256;  // real reports nest a few dozen levels; the walk recurses, so keep the stack small
constexpr std::uint16_t max_span = 1000;
constexpr std::size_t ratio_floor = 1u << 20;  // below this, a high ratio cannot hurt

[[noreturn]] void fail(std::string message, source_position where = {}) {
    throw read_exception(read_error{"DOCX: " + std::move(message), where});
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

// The bytes of one part. Not a std::string: it would zero what inflating overwrites anyway.
struct part_data {
    std::unique_ptr<char[]> bytes;
    std::size_t size = 0;

    explicit part_data(std::size_t n) : bytes(new char[std::max<std::size_t>(n, 1)]), size(n) {}
    std::string_view view() const { return {bytes.get(), size}; }
};

std::string zip_message(zip_error_t &e) {
    std::string m = zip_error_strerror(&e);
    zip_error_fini(&e);
    return m;
}

archive open_archive(std::string_view bytes) {
    if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
        fail("this is an OLE2 compound file (a legacy Word .doc, or a password-protected DOCX), not a DOCX; "
             "save it as an unprotected .docx");
    if (bytes.starts_with("{\\rtf")) fail("this is an RTF file, not DOCX");
    if (!bytes.starts_with("PK\x03\x04") && !bytes.starts_with("PK\x05\x06"))
        fail("not a DOCX file (a DOCX is a ZIP archive and starts with \"PK\")");
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) fail("cannot read the archive: " + zip_message(error));
    zip_t *z = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!z) {
        zip_source_free(source);
        fail("damaged or truncated ZIP archive (" + zip_message(error) + ")");
    }
    zip_error_fini(&error);
    return archive(z);
}

// Zip entry names are paths to whoever extracts them; a DOCX never needs one that leaves the package.
void check_entry_names(zip_t *z) {
    const zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
        const char *raw = zip_get_name(z, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
        if (!raw) fail("cannot read the name of entry " + std::to_string(i + 1) + " of the archive");
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
            fail("the archive holds an entry with an unsafe path (\"" + std::string(name) +
                 "\"); refusing a package that points outside itself");
    }
}

// Reads `want` bytes of an open entry, or fewer when the data ends first.
std::size_t read_entry(zip_file_t *file, char *out, std::size_t want, const std::string &name) {
    std::size_t done = 0;
    while (done < want) {
        const zip_int64_t got = zip_fread(file, out + done, want - done);
        if (got < 0)
            fail(name + ": damaged or truncated data (" + std::string(zip_error_strerror(zip_file_get_error(file))) + ")");
        if (got == 0) break;
        done += static_cast<std::size_t>(got);
    }
    return done;
}

[[noreturn]] void fail_size(const std::string &name, bool more) {
    fail(name + ": the entry holds " + (more ? "more" : "fewer") + " bytes than its header declares (damaged archive)");
}

// A deflated or stored part: its raw bytes from libzip, inflated by libdeflate (into exactly the declared
// size, so data that does not fit is an error, not a larger buffer) and checked against the zip's CRC-32.
part_data read_raw_part(const package &pkg, zip_uint64_t index, const zip_stat_t &st, const std::string &name) {
    if (st.comp_size > pkg.size) fail(name + ": the entry is longer than the archive (damaged or truncated archive)");
    const zip_file file(zip_fopen_index(pkg.zip.get(), index, ZIP_FL_COMPRESSED));
    if (!file) fail(name + ": cannot open the entry (" + std::string(zip_strerror(pkg.zip.get())) + ")");
    part_data data(static_cast<std::size_t>(st.size));
    const auto comp_size = static_cast<std::size_t>(st.comp_size);
    if (st.comp_method == ZIP_CM_STORE) {
        if (comp_size != data.size) fail_size(name, comp_size > data.size);
        if (read_entry(file.get(), data.bytes.get(), data.size, name) != data.size)
            fail(name + ": damaged or truncated data (the entry ends early)");
    } else {
        const std::unique_ptr<char[]> raw(new char[std::max<std::size_t>(comp_size, 1)]);
        if (read_entry(file.get(), raw.get(), comp_size, name) != comp_size)
            fail(name + ": damaged or truncated data (the entry ends early)");
        std::size_t produced = 0;
        switch (libdeflate_deflate_decompress(pkg.inflate.get(), raw.get(), comp_size, data.bytes.get(), data.size, &produced)) {
        case LIBDEFLATE_SUCCESS: break;
        case LIBDEFLATE_INSUFFICIENT_SPACE: fail_size(name, true);
        default: fail(name + ": damaged or truncated data (invalid deflate stream)");
        }
        if (produced != data.size) fail_size(name, false);
    }
    if (libdeflate_crc32(0, data.bytes.get(), data.size) != st.crc) fail(name + ": damaged or truncated data (CRC error)");
    return data;
}

// A part compressed otherwise (bzip2, xz, zstd: Word writes none of them) through libzip's decoders.
part_data read_decoded_part(const package &pkg, zip_uint64_t index, const zip_stat_t &st, const std::string &name) {
    const zip_file file(zip_fopen_index(pkg.zip.get(), index, 0));
    if (!file) fail(name + ": cannot open the entry (" + std::string(zip_strerror(pkg.zip.get())) + ")");
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
        fail(name + ": cannot read the entry's sizes (damaged archive)");
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        fail(name + " is encrypted; save the document without a password");
    const docx_limits &limits = pkg.limits;
    if (st.size > limits.max_part_size)
        fail(name + " inflates to " + std::to_string(st.size) + " bytes, more than the limit of " +
             std::to_string(limits.max_part_size));
    if (st.size > ratio_floor && st.size / std::max<zip_uint64_t>(st.comp_size, 1) > limits.max_ratio)
        fail(name + " inflates " + std::to_string(st.size / std::max<zip_uint64_t>(st.comp_size, 1)) +
             " times its compressed size (zip bomb?); the limit is " + std::to_string(limits.max_ratio) + ":1");
    const bool raw = (st.valid & ZIP_STAT_COMP_METHOD) && (st.valid & ZIP_STAT_CRC) &&
                     (st.comp_method == ZIP_CM_DEFLATE || st.comp_method == ZIP_CM_STORE);
    return raw ? read_raw_part(pkg, static_cast<zip_uint64_t>(index), st, name)
               : read_decoded_part(pkg, static_cast<zip_uint64_t>(index), st, name);
}

// Parses part `name` in place: the document points into `data`, which must outlive it (a copy of the
// largest part per read is what this saves). In-place parsing rewrites the bytes, so a syntax error reads
// the part again to name its line and column.
pugi::xml_document parse_part(const package &pkg, const std::string &name, part_data &data) {
    pugi::xml_document xml;
    const pugi::xml_parse_result r = xml.load_buffer_inplace(
        data.bytes.get(), data.size, pugi::parse_default | pugi::parse_ws_pcdata_single, pugi::encoding_auto);
    if (!r) {
        const auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(r.offset, 0));
        fail(name + ": malformed XML at byte " + std::to_string(offset) + ": " + r.description(),
             detail::advance(source_position{1, 1}, read_part(pkg, name).value_or(part_data(0)).view(), offset));
    }
    return xml;
}

// The main document part named by the package relationships (word/document.xml in practice).
std::string main_part_name(const package &pkg) {
    std::string name = "word/document.xml";
    if (auto rels = read_part(pkg, "_rels/.rels")) {
        const pugi::xml_document xml = parse_part(pkg, "_rels/.rels", *rels);
        for (const pugi::xml_node r : xml.document_element().children()) {
            const std::string_view type = r.attribute("Type").value();
            std::string_view target = r.attribute("Target").value();
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
    static std::optional<wml_names> of(const pugi::xml_node &root) {
        static constexpr std::string_view transitional = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        static constexpr std::string_view strict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
        for (const pugi::xml_attribute a : root.attributes()) {
            const std::string_view name = a.name(), value = a.value();
            if (value != transitional && value != strict) continue;
            if (name == "xmlns") return wml_names("");
            if (name.starts_with("xmlns:")) return wml_names(std::string(name.substr(6)) + ":");
        }
        return std::nullopt;
    }

    /// What the walk does with an element: one look at its name, as the walk meets every node.
    enum class tag : std::uint8_t {
        other,    // not WordprocessingML, or an element whose children are read as they come
        p, tbl, tr, tc, r, t, tab, line_break, no_break_hyphen,
        wrapper,  // w:sdt, w:sdtContent, w:customXml, w:ins, w:moveTo: rows and cells may sit inside
        skipped,  // no text of its own, or text not shown: deletions, properties, field codes, mc:Fallback
    };

    /// The tag of an element named `name` (pugixml's C string).
    tag tag_of(const char *name) const {
        if (!starts_with(name, prefix_)) return foreign_tag(name);
        const char *local = name + prefix_.size();
        std::size_t size = 0;
        for (; local[size]; ++size)
            if (local[size] == ':') return foreign_tag(name);
        static constexpr std::pair<std::string_view, tag> tags[] = {
            {"r", tag::r}, {"t", tag::t}, {"rPr", tag::skipped}, {"p", tag::p}, {"pPr", tag::skipped},
            {"tc", tag::tc}, {"tcPr", tag::skipped}, {"tr", tag::tr}, {"trPr", tag::skipped}, {"tbl", tag::tbl},
            {"tab", tag::tab}, {"br", tag::line_break}, {"cr", tag::line_break},
            {"noBreakHyphen", tag::no_break_hyphen}, {"sdt", tag::wrapper}, {"sdtContent", tag::wrapper},
            {"customXml", tag::wrapper}, {"ins", tag::wrapper}, {"moveTo", tag::wrapper}, {"del", tag::skipped},
            {"moveFrom", tag::skipped}, {"delText", tag::skipped}, {"instrText", tag::skipped},
            {"sectPr", tag::skipped}, {"tblPr", tag::skipped}, {"tblGrid", tag::skipped}, {"sdtPr", tag::skipped},
            {"sdtEndPr", tag::skipped}, {"fldData", tag::skipped}, {"Fallback", tag::skipped}};
        for (const auto &[word, t] : tags)
            if (word.size() == size && starts_with(local, word)) return t;
        return tag::other;
    }

    // Names are compared as pugixml's C strings, without measuring them.
    bool is(const pugi::xml_node &n, std::string_view local) const { return named(n.name(), local); }
    /// The first child element named prefix + `local`, or an empty node.
    pugi::xml_node child(const pugi::xml_node &n, std::string_view local) const {
        for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
            if (is(c, local)) return c;
        return {};
    }
    /// The first attribute named prefix + `local`, as pugixml's `attribute(name)` finds it.
    std::string_view attribute(const pugi::xml_node &n, std::string_view local) const {
        for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute())
            if (named(a.name(), local)) return a.value();
        return "";
    }
    std::string_view val(const pugi::xml_node &n) const { return attribute(n, "val"); }

private:
    explicit wml_names(std::string prefix) : prefix_(std::move(prefix)) {}

    // An element outside WordprocessingML: mc:Fallback (under whatever prefix) repeats mc:Choice.
    static tag foreign_tag(const char *name) {
        const char *local = name;
        while (*local && *local != ':') ++local;
        local = *local ? local + 1 : name;
        return starts_with(local, "Fallback") && local[8] == '\0' ? tag::skipped : tag::other;
    }

    // True when the C string `name` starts with `s` (no NUL inside `s`): strncmp inlined, as names are short
    // and compared for every node; the NUL that ends a shorter name differs from every byte of `s`.
    static bool starts_with(const char *name, std::string_view s) noexcept {
        for (std::size_t k = 0; k < s.size(); ++k)
            if (name[k] != s[k]) return false;
        return true;
    }

    // True when the C string `name` is prefix + `local` (no NUL inside either).
    bool named(const char *name, std::string_view local) const {
        return starts_with(name, prefix_) && starts_with(name + prefix_.size(), local) &&
               name[prefix_.size() + local.size()] == '\0';
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
        const auto cp = static_cast<unsigned>(0x2460 + n - 1);  // ①
        return {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                static_cast<char>(0x80 | (cp & 0x3F))};
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
    explicit list_numbering(const pugi::xml_document &numbering) { read_numbering(numbering.document_element()); }

    /// Whether any paragraph can be numbered: without a `w:num`, styles need not be read at all.
    bool active() const { return !nums_.empty(); }

    /// Adds the paragraph styles of word/styles.xml (their numbering, and the styles they are based on).
    void add_styles(const pugi::xml_document &styles) { read_styles(styles.document_element()); }

    state save() const { return counters_; }
    void restore(state s) { counters_ = std::move(s); }

    /// Appends the label Word prints before paragraph `p` (advancing the counters), if any.
    void label(const wml_names &w, const pugi::xml_node &p, std::string &out) {
        if (!active()) return;
        const pugi::xml_node props = w.child(p, "pPr");
        const pugi::xml_node direct = w.child(props, "numPr");
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

    void read_numbering(const pugi::xml_node &root) {
        const auto w = wml_names::of(root);
        if (!w) return;
        for (const pugi::xml_node n : root.children()) {
            if (w->is(n, "abstractNum")) {
                auto &levels = abstracts_[std::string(w->attribute(n, "abstractNumId"))];
                for (const pugi::xml_node lvl : n.children()) {
                    if (!w->is(lvl, "lvl")) continue;
                    level_format &f = levels[integer_or(w->attribute(lvl, "ilvl"), 0)];
                    f.start = integer_or(w->val(w->child(lvl, "start")), 1);
                    if (const pugi::xml_node fmt = w->child(lvl, "numFmt")) f.format = std::string(w->val(fmt));
                    f.text = std::string(w->val(w->child(lvl, "lvlText")));
                }
            } else if (w->is(n, "num")) {
                num_instance &num = nums_[std::string(w->attribute(n, "numId"))];
                num.abstract_id = std::string(w->val(w->child(n, "abstractNumId")));
                for (const pugi::xml_node o : n.children())
                    if (w->is(o, "lvlOverride"))
                        if (const pugi::xml_node so = w->child(o, "startOverride"))
                            num.start_overrides[integer_or(w->attribute(o, "ilvl"), 0)] = integer_or(w->val(so), 1);
            }
        }
    }

    void read_styles(const pugi::xml_node &root) {
        const auto w = wml_names::of(root);
        if (!w) return;
        for (const pugi::xml_node st : root.children()) {
            if (!w->is(st, "style") || w->attribute(st, "type") != "paragraph") continue;
            style_numbering &s = styles_[std::string(w->attribute(st, "styleId"))];
            s.based_on = std::string(w->val(w->child(st, "basedOn")));
            const pugi::xml_node num = w->child(w->child(st, "pPr"), "numPr");
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
        numbering = list_numbering(parse_part(pkg, dir + "numbering.xml", *bytes));
    if (numbering.active())
        if (std::optional<part_data> bytes = read_part(pkg, dir + "styles.xml"))
            numbering.add_styles(parse_part(pkg, dir + "styles.xml", *bytes));
    return numbering;
}

class docx_walker {
public:
    document doc;

    docx_walker(const pugi::xml_node &root, list_numbering numbering) : w_(names_of(root)), numbering_(std::move(numbering)) {}

    void body(const pugi::xml_node &root) {
        const pugi::xml_node b = w_.child(root, "body");
        if (!b) fail("the document has no w:body");
        blocks(b, 0);
    }

private:
    using tag = wml_names::tag;

    wml_names w_;
    list_numbering numbering_;
    std::uint32_t tables_ = 0, paragraphs_ = 0;
    bool nested_table_ = false;  // a cell's text held a table (set by `text`, read by `table`)

    static wml_names names_of(const pugi::xml_node &root) {
        const std::optional<wml_names> w = wml_names::of(root);
        if (!w || !w->is(root, "document")) fail("the main document part is not WordprocessingML (no w:document)");
        return *w;
    }

    // The parts are parsed without comments, processing instructions and declarations, so every node with
    // a name is an element; text nodes (no name) are read through their element.
    tag tag_of(const pugi::xml_node &n) const {
        const char *name = n.name();
        return *name ? w_.tag_of(name) : tag::skipped;
    }

    static void check_depth(int depth) {
        if (depth > max_depth) fail("elements nested deeper than " + std::to_string(max_depth) + " levels");
    }

    // Whether run properties `rpr` hide the run (`w:vanish` not switched off).
    bool vanished(const pugi::xml_node &rpr) const {
        const pugi::xml_node v = w_.child(rpr, "vanish");
        if (!v) return false;
        const std::string_view val = w_.val(v);
        return val != "0" && val != "false" && val != "off";
    }

    // A run's text unless its properties hide it. They come first in a run, so the run is read in one pass
    // from after them; elsewhere they are looked up before its text is read.
    void run(const pugi::xml_node &r, std::string &out, int depth) {
        const pugi::xml_node first = r.first_child();
        if (first && w_.is(first, "rPr")) {
            if (!vanished(first)) text_from(first.next_sibling(), out, depth);
        } else if (!vanished(w_.child(r, "rPr"))) {
            text_from(first, out, depth);
        }
    }

    void text(const pugi::xml_node &n, std::string &out, int depth) { text_from(n.first_child(), out, depth); }

    // The text of node `first` and its following siblings.
    void text_from(const pugi::xml_node &first, std::string &out, int depth) {
        check_depth(depth);
        for (pugi::xml_node c = first; c; c = c.next_sibling()) {
            switch (tag_of(c)) {
            case tag::skipped: break;
            case tag::t: detail::append_without_invisible(out, c.text().get()); break;
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

    void blocks(const pugi::xml_node &parent, int depth) {
        check_depth(depth);
        for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
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
    void collect(const pugi::xml_node &parent, tag want, std::vector<pugi::xml_node> &out, int depth) const {
        check_depth(depth);
        for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
            const tag t = tag_of(c);
            if (t == want) out.push_back(c);
            else if (t == tag::wrapper) collect(c, want, out, depth + 1);
        }
    }

    std::uint16_t span_value(const pugi::xml_node &props, std::string_view local) const {
        return span_value_of(w_.child(props, local));
    }
    std::uint16_t span_value_of(const pugi::xml_node &n) const {
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

    merge merge_of(const pugi::xml_node &n) const {
        if (!n) return merge::none;
        return w_.val(n) == "restart" ? merge::restart : merge::next;
    }

    // The cell properties this reader uses, found in one pass over w:tcPr.
    struct cell_props {
        pugi::xml_node grid_span, v_merge, h_merge;
    };
    cell_props props_of(const pugi::xml_node &tc) const {
        cell_props out;
        for (pugi::xml_node n = w_.child(tc, "tcPr").first_child(); n; n = n.next_sibling()) {
            pugi::xml_node *slot = w_.is(n, "gridSpan") ? &out.grid_span
                                   : w_.is(n, "vMerge") ? &out.v_merge
                                   : w_.is(n, "hMerge") ? &out.h_merge
                                                        : nullptr;
            if (slot && !*slot) *slot = n;  // the first of each, as a search by name finds it
        }
        return out;
    }

    // A table is read cell by cell; a table met in a cell's text makes it a layout table instead, whose
    // cells are read again as paragraphs and tables, from the automatic numbering as it stood before.
    void table(const pugi::xml_node &tbl, int depth) {
        std::vector<pugi::xml_node> rows;
        collect(tbl, tag::tr, rows, depth + 1);
        std::vector<std::vector<pugi::xml_node>> cells(rows.size());
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
            if (const pugi::xml_node props = w_.child(rows[r], "trPr"); w_.child(props, "gridBefore")) {
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
                for (const pugi::xml_node &tc : row) blocks(tc, depth + 2);
            return;
        }
        if (t.rows.empty()) return;
        ++tables_;
        doc.blocks.emplace_back(std::move(t));
    }
};

}  // namespace

document read_docx(std::string_view bytes, const docx_limits &limits) {
    const package pkg{open_archive(bytes), bytes.size(), limits, inflater(libdeflate_alloc_decompressor())};
    if (!pkg.inflate) throw std::bad_alloc();
    zip_t *z = pkg.zip.get();
    check_entry_names(z);
    const std::string name = main_part_name(pkg);
    std::optional<part_data> data = read_part(pkg, name);
    if (!data) {
        if (zip_name_locate(z, "content.xml", 0) >= 0) fail("this is an OpenDocument (ODT) file, not DOCX");
        if (zip_name_locate(z, "xl/workbook.xml", 0) >= 0) fail("this is a spreadsheet (XLSX), not DOCX");
        fail(name + " is missing: the archive is not a Word document");
    }
    const pugi::xml_document xml = parse_part(pkg, name, *data);
    docx_walker walker(xml.document_element(), numbering_of(pkg, name.substr(0, name.rfind('/') + 1)));
    walker.body(xml.document_element());
    if (walker.doc.blocks.empty()) fail(name + " holds no text");
    return std::move(walker.doc);
}

document read_docx(std::string_view bytes) { return read_docx(bytes, docx_limits{}); }

}  // namespace xxgk::read
