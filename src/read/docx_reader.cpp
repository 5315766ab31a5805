// DOCX reader: the walk over the main document part that makes paragraphs and tables. The package
// (docx/package.hpp), its XML parts (docx/xml.hpp), WordprocessingML names (docx/wml.hpp) and automatic
// numbering (docx/numbering.hpp) each have a file of their own.
#include "docx_reader.hpp"

#include "docx/numbering.hpp"
#include "docx/package.hpp"
#include "docx/wml.hpp"
#include "docx/xml.hpp"
#include "html_reader.hpp"

#include <xxgk/text.hpp>

#include <algorithm>
#include <charconv>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace xxgk::read {

namespace docx {

namespace {

constexpr int max_depth = 256;  // real reports nest a few dozen levels; the walk recurses, so keep the stack small
constexpr std::uint16_t max_span = 1000;

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

}  // namespace docx

// Text reaches the document as the part spells it: neither the scanner nor pugixml checks that its bytes
// are UTF-8, and the part says they are. A text that is not is an error naming where it stands.
void check_utf8(const document &doc, const std::string &part) {
    using docx::fail;
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
    using namespace docx;
    const package pkg = open_package(bytes, limits);
    const std::string name = main_part_name(pkg);
    std::optional<part_data> data = read_part(pkg, name);
    if (!data) {
        if (has_entry(pkg, "content.xml")) fail(error_code::wrong_format, "an OpenDocument text (ODT)");
        if (has_entry(pkg, "xl/workbook.xml")) fail(error_code::wrong_format, "a spreadsheet (XLSX)");
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
