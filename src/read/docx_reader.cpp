// DOCX reader: libzip for the package, pugixml for WordprocessingML.
#include "docx_reader.hpp"

#include "html_reader.hpp"

#include <pugixml.hpp>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace xxgk::read {

namespace {

constexpr int max_depth = 1000;
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

std::optional<std::string> read_part(zip_t *z, const std::string &name, const docx_limits &limits) {
    const zip_int64_t index = zip_name_locate(z, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return std::nullopt;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z, static_cast<zip_uint64_t>(index), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
        !(st.valid & ZIP_STAT_COMP_SIZE))
        fail(name + ": cannot read the entry's sizes (damaged archive)");
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        fail(name + " is encrypted; save the document without a password");
    if (st.size > limits.max_part_size)
        fail(name + " inflates to " + std::to_string(st.size) + " bytes, more than the limit of " +
             std::to_string(limits.max_part_size));
    if (st.size > ratio_floor && st.size / std::max<zip_uint64_t>(st.comp_size, 1) > limits.max_ratio)
        fail(name + " inflates " + std::to_string(st.size / std::max<zip_uint64_t>(st.comp_size, 1)) +
             " times its compressed size (zip bomb?); the limit is " + std::to_string(limits.max_ratio) + ":1");
    const std::unique_ptr<zip_file_t, file_closer> file(zip_fopen_index(z, static_cast<zip_uint64_t>(index), 0));
    if (!file) fail(name + ": cannot open the entry (" + std::string(zip_strerror(z)) + ")");
    // The declared size bounds what we accept; reading one byte more tells a lying header.
    std::string data(static_cast<std::size_t>(st.size) + 1, '\0');
    std::size_t done = 0;
    while (done < data.size()) {
        const zip_int64_t got = zip_fread(file.get(), data.data() + done, data.size() - done);
        if (got < 0)
            fail(name + ": damaged or truncated data (" + std::string(zip_error_strerror(zip_file_get_error(file.get()))) + ")");
        if (got == 0) break;
        done += static_cast<std::size_t>(got);
    }
    if (done != st.size)
        fail(name + ": the entry holds " + std::string(done > st.size ? "more" : "fewer") +
             " bytes than its header declares (damaged archive)");
    data.resize(done);
    return data;
}

source_position offset_position(std::string_view text, std::size_t offset) {
    source_position p{1, 1};
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') ++p.line, p.column = 1;
        else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++p.column;
    }
    return p;
}

pugi::xml_document parse_part(const std::string &name, const std::string &data) {
    pugi::xml_document xml;
    const pugi::xml_parse_result r =
        xml.load_buffer(data.data(), data.size(), pugi::parse_default | pugi::parse_ws_pcdata_single, pugi::encoding_auto);
    if (!r) {
        const auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(r.offset, 0));
        fail(name + ": malformed XML at byte " + std::to_string(offset) + ": " + r.description(),
             offset_position(data, offset));
    }
    return xml;
}

// The main document part named by the package relationships (word/document.xml in practice).
std::string main_part_name(zip_t *z, const docx_limits &limits) {
    std::string name = "word/document.xml";
    if (const auto rels = read_part(z, "_rels/.rels", limits)) {
        const pugi::xml_document xml = parse_part("_rels/.rels", *rels);
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

std::string_view local_name(const pugi::xml_node &n) {
    const std::string_view name = n.name();
    const std::size_t colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

class docx_walker {
public:
    document doc;

    explicit docx_walker(const pugi::xml_node &root) {
        static constexpr std::string_view transitional = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        static constexpr std::string_view strict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
        bool found = false;
        for (const pugi::xml_attribute a : root.attributes()) {
            const std::string_view name = a.name(), value = a.value();
            if (value != transitional && value != strict) continue;
            if (name == "xmlns") prefix_.clear(), found = true;
            else if (name.starts_with("xmlns:")) prefix_ = std::string(name.substr(6)) + ":", found = true;
            if (found) break;
        }
        if (!found || !is(root, "document")) fail("the main document part is not WordprocessingML (no w:document)");
    }

    void body(const pugi::xml_node &root) {
        const pugi::xml_node b = child(root, "body");
        if (!b) fail("the document has no w:body");
        blocks(b, 0);
    }

private:
    std::string prefix_;
    std::uint32_t tables_ = 0, paragraphs_ = 0;

    bool is(const pugi::xml_node &n, std::string_view local) const {
        const std::string_view name = n.name();
        return name.size() == prefix_.size() + local.size() && name.starts_with(prefix_) && name.ends_with(local);
    }
    bool in_w(const pugi::xml_node &n) const {
        const std::string_view name = n.name();
        return name.starts_with(prefix_) && name.find(':', prefix_.size()) == std::string_view::npos;
    }
    pugi::xml_node child(const pugi::xml_node &n, std::string_view local) const {
        for (const pugi::xml_node c : n.children())
            if (is(c, local)) return c;
        return {};
    }

    static void check_depth(int depth) {
        if (depth > max_depth) fail("elements nested deeper than " + std::to_string(max_depth) + " levels");
    }

    // Elements that hold no text of their own, and text that is not shown: deletions, properties, field codes.
    bool skipped(const pugi::xml_node &n) const {
        if (local_name(n) == "Fallback") return true;  // mc:Fallback repeats mc:Choice
        if (!in_w(n)) return false;
        const std::string_view l = local_name(n);
        return l == "del" || l == "moveFrom" || l == "delText" || l == "instrText" || l == "sectPr" || l == "pPr" ||
               l == "rPr" || l == "tblPr" || l == "trPr" || l == "tcPr" || l == "tblGrid" || l == "sdtPr" ||
               l == "sdtEndPr" || l == "fldData";
    }

    bool hidden_run(const pugi::xml_node &r) const {
        const pugi::xml_node v = child(child(r, "rPr"), "vanish");
        if (!v) return false;
        const std::string_view val = v.attribute((prefix_ + "val").c_str()).value();
        return val != "0" && val != "false" && val != "off";
    }

    void text(const pugi::xml_node &n, std::string &out, int depth) const {
        check_depth(depth);
        for (const pugi::xml_node c : n.children()) {
            if (c.type() != pugi::node_element || skipped(c)) continue;
            if (is(c, "t")) out += detail::without_invisible(c.text().get());
            else if (is(c, "tab")) out += '\t';
            else if (is(c, "br") || is(c, "cr")) out += '\n';
            else if (is(c, "noBreakHyphen")) out += '-';
            else if (is(c, "r") && hidden_run(c)) continue;
            else if (is(c, "p")) {
                if (!out.empty() && out.back() != '\n') out += '\n';
                text(c, out, depth + 1);
            } else text(c, out, depth + 1);
        }
    }

    void blocks(const pugi::xml_node &parent, int depth) {
        check_depth(depth);
        for (const pugi::xml_node c : parent.children()) {
            if (c.type() != pugi::node_element || skipped(c)) continue;
            if (is(c, "p")) {
                source_position pos{};
                pos.line = ++paragraphs_;
                std::string s;
                text(c, s, depth + 1);
                if (!s.empty()) doc.blocks.emplace_back(paragraph_block{std::move(s), pos});
            } else if (is(c, "tbl")) {
                table(c, depth + 1);
            } else {
                blocks(c, depth + 1);  // w:sdt, w:sdtContent, w:customXml, w:ins, …
            }
        }
    }

    // Children named `local`, also when wrapped in content controls or custom XML.
    void collect(const pugi::xml_node &parent, std::string_view local, std::vector<pugi::xml_node> &out, int depth) const {
        check_depth(depth);
        for (const pugi::xml_node c : parent.children()) {
            if (c.type() != pugi::node_element || skipped(c)) continue;
            if (is(c, local)) out.push_back(c);
            else if (is(c, "sdt") || is(c, "sdtContent") || is(c, "customXml") || is(c, "ins") || is(c, "moveTo"))
                collect(c, local, out, depth + 1);
        }
    }

    std::uint16_t span_value(const pugi::xml_node &props, std::string_view local) const {
        const pugi::xml_node n = child(props, local);
        if (!n) return 1;
        const std::string_view v = n.attribute((prefix_ + "val").c_str()).value();
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

    merge merge_of(const pugi::xml_node &props, std::string_view local) const {
        const pugi::xml_node n = child(props, local);
        if (!n) return merge::none;
        return std::string_view(n.attribute((prefix_ + "val").c_str()).value()) == "restart" ? merge::restart : merge::next;
    }

    void table(const pugi::xml_node &tbl, int depth) {
        std::vector<pugi::xml_node> rows;
        collect(tbl, "tr", rows, depth + 1);
        std::vector<std::vector<pugi::xml_node>> cells(rows.size());
        bool layout = false;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            collect(rows[r], "tc", cells[r], depth + 2);
            for (const pugi::xml_node &tc : cells[r])
                if (tc.find_node([this](const pugi::xml_node &n) { return is(n, "tbl"); })) layout = true;
        }
        if (layout) {
            for (const auto &row : cells)
                for (const pugi::xml_node &tc : row) blocks(tc, depth + 2);
            return;
        }
        table_block t;
        t.pos.table = ++tables_;
        open_merges open;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            text_row &out = t.rows.emplace_back();
            const auto row_number = static_cast<std::uint32_t>(r + 1);
            std::uint32_t column = 0;
            if (const pugi::xml_node props = child(rows[r], "trPr"); child(props, "gridBefore")) {
                column = span_value(props, "gridBefore");
                close_merges(open, 0, column);
                source_position pos{};
                pos.table = t.pos.table, pos.row = row_number;
                out.cells.push_back(text_cell{{}, pos, 1, static_cast<std::uint16_t>(column)});
            }
            for (std::size_t k = 0; k < cells[r].size(); ++k) {
                const pugi::xml_node props = child(cells[r][k], "tcPr");
                const std::uint16_t span = span_value(props, "gridSpan");
                std::string s;
                text(cells[r][k], s, depth + 3);
                while (!s.empty() && s.back() == '\n') s.pop_back();
                const merge vertical = merge_of(props, "vMerge");
                // Legacy horizontal merges: the continuation widens the cell before it.
                if (merge_of(props, "hMerge") == merge::next && !out.cells.empty()) {
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
        if (!t.rows.empty()) doc.blocks.emplace_back(std::move(t));
        else --tables_;
    }
};

}  // namespace

document read_docx(std::string_view bytes, const docx_limits &limits) {
    const archive z = open_archive(bytes);
    check_entry_names(z.get());
    const std::string name = main_part_name(z.get(), limits);
    const std::optional<std::string> data = read_part(z.get(), name, limits);
    if (!data) {
        if (zip_name_locate(z.get(), "content.xml", 0) >= 0) fail("this is an OpenDocument (ODT) file, not DOCX");
        if (zip_name_locate(z.get(), "xl/workbook.xml", 0) >= 0) fail("this is a spreadsheet (XLSX), not DOCX");
        fail(name + " is missing: the archive is not a Word document");
    }
    const pugi::xml_document xml = parse_part(name, *data);
    docx_walker walker(xml.document_element());
    walker.body(xml.document_element());
    if (walker.doc.blocks.empty()) fail(name + " holds no text");
    return std::move(walker.doc);
}

document read_docx(std::string_view bytes) { return read_docx(bytes, docx_limits{}); }

}  // namespace xxgk::read
