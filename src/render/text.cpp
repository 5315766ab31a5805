// Markdown and plain-text renderings of the flattened tables, and terminal display width.
#include "layout.hpp"
#include "words.hpp"

#include <algorithm>

namespace xxgk {

namespace {

using namespace render_detail;

// One line of a cell: line breaks and tabs become spaces so a cell never breaks a row.
std::string one_line(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) out += c == '\n' || c == '\r' || c == '\t' ? ' ' : c;
    return out;
}

std::string markdown_cell(std::string_view s) {
    std::string out;
    for (char c : one_line(s)) {
        if (c == '|') out += '\\';
        out += c;
    }
    return out;
}

std::vector<cell_ref> unreadable_cells(const std::array<flat_section, 3> &sections) {
    std::vector<cell_ref> found;
    for (const auto &s : sections)
        for (const auto &t : s.tables)
            for (const auto &rw : t.rows)
                for (const slot &v : rw.values)
                    if (v.value && v.value->kind == cell_kind::unreadable) found.push_back(v.ref);
    return found;
}

bool is_unreadable(const slot &v) { return v.value && v.value->kind == cell_kind::unreadable; }

std::string markdown(const report &r, language lang) {
    const auto sections = flat_layout(r);
    std::string out;
    if (r.title) out += "# " + one_line(*r.title) + "\n\n";
    for (const flat_section &s : sections) {
        out += "## " + std::string(label(s.which)) + "\n\n";
        for (const flat_table &t : s.tables) {
            if (!t.caption.empty()) out += "### " + std::string(t.caption) + "\n\n";
            out += "|";
            for (std::string_view h : t.header) out += " " + markdown_cell(h) + " |";
            out += "\n|";
            for (std::size_t k = 0; k < t.header.size(); ++k) out += " --- |";
            out += "\n";
            for (const flat_row &rw : t.rows) {
                out += "| " + markdown_cell(rw.label) + " |";
                for (std::size_t k = 1; k < t.header.size(); ++k)
                    out += rw.group() || is_unreadable(rw.values[k - 1])
                               ? std::string("  |")
                               : " " + markdown_cell(shown_value(rw.values[k - 1])) + " |";
                out += "\n";
            }
            out += "\n";
        }
    }
    // Readers take `?` for a label, which would shift the row's other values; so the cells stay empty and
    // are named here instead.
    const auto unread = unreadable_cells(sections);
    if (!unread.empty()) {
        out += unreadable_list_phrase.in(lang);
        for (std::size_t i = 0; i < unread.size(); ++i) {
            const ref_labels l = labels(unread[i]);
            out += (i ? "；" : "") + std::string(l.row) + " / " + std::string(l.column);
        }
        out += "\n";
    }
    return out;
}

void pad(std::string &out, std::size_t n) { out.append(n, ' '); }

std::string text(const report &r, language lang) {
    const auto sections = flat_layout(r);
    std::string out;
    if (r.title) out += one_line(*r.title) + "\n\n";
    for (const flat_section &s : sections) {
        out += std::string(label(s.which)) + "\n\n";
        for (const flat_table &t : s.tables) {
            if (!t.caption.empty()) out += std::string(t.caption) + "\n";
            std::vector<std::vector<std::string>> lines;
            auto &header = lines.emplace_back();
            for (std::string_view h : t.header) header.push_back(one_line(h));
            for (const flat_row &rw : t.rows) {
                auto &line = lines.emplace_back();
                line.push_back(one_line(rw.label));
                for (const slot &v : rw.values) line.push_back(one_line(shown_value(v)));
            }
            std::vector<std::size_t> width(t.header.size(), 0);
            for (const auto &line : lines)
                for (std::size_t k = 0; k < line.size(); ++k) width[k] = std::max(width[k], display_width(line[k]));
            for (const auto &line : lines) {
                std::string text_line;
                for (std::size_t k = 0; k < line.size(); ++k) {
                    const std::size_t gap = width[k] - display_width(line[k]);
                    if (k == 0) {
                        text_line += line[k];
                        pad(text_line, gap);
                    } else {
                        pad(text_line, 2 + gap);
                        text_line += line[k];
                    }
                }
                while (!text_line.empty() && text_line.back() == ' ') text_line.pop_back();
                out += text_line + "\n";
            }
            out += "\n";
        }
    }
    if (!unreadable_cells(sections).empty()) out += std::string(unreadable_legend(lang)) + "\n";
    return out;
}

}  // namespace

std::string render_findings(std::span<const diagnostic> findings, render_format format, language lang) {
    const bool md = format == render_format::markdown, html = format == render_format::html;
    std::string out = md ? "## " : html ? "<h2>" : "";
    out += findings_heading.in(lang);
    out += html ? "</h2>\n<ul>\n" : "\n\n";
    for (const diagnostic &d : findings) {
        std::string line = "[" + std::string(lang == language::zh ? label(d.level) : name(d.level)) + "] " +
                           std::string(info(d.which).id) + ": " + message(d, lang);
        if (!d.cells.empty()) line += md ? " (`" + json_pointer(d.cells.front()) + "`)" : " (" + json_pointer(d.cells.front()) + ")";
        out += md ? "- " + one_line(line) + "\n" : html ? "<li>" + html_escape(line) + "</li>\n" : one_line(line) + "\n";
    }
    if (findings.empty()) out += html ? "<li>" + std::string(no_findings.in(lang)) + "</li>\n" : std::string(no_findings.in(lang)) + "\n";
    return out + (html ? "</ul>\n" : "");
}

std::string render_tables(const report &r, render_format format, language lang) {
    switch (format) {
    case render_format::markdown: return markdown(r, lang);
    case render_format::text: return text(r, lang);
    case render_format::html: break;
    }
    return render_detail::html_tables_page(r, lang);
}

std::string render_report(const report &r, std::optional<std::span<const diagnostic>> findings, render_format format,
                          language lang, const html_options &options) {
    if (!findings) return render_tables(r, format, lang);
    if (format == render_format::html) return html_report(r, *findings, lang, options);
    return render_tables(r, format, lang) + render_findings(*findings, format, lang);
}

}  // namespace xxgk
