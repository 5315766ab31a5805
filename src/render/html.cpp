// HTML: the tables page of `render_tables`, the per-report findings page and the batch index. Pages are
// self-contained (inline CSS, no external resource; only the index has a script, inline, that sorts its
// tables); the language switch is two radio buttons and CSS, so it works offline and with scripts disabled. Every piece of report text goes through `escape`.
#include "layout.hpp"
#include "office_json.hpp"
#include "words.hpp"

#include <xxgk/aggregate.hpp>
#include <xxgk/position.hpp>
#include <xxgk/version.hpp>

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

namespace xxgk {

namespace {

using namespace render_detail;

}  // namespace

std::string render_detail::html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

namespace {

std::string escape(std::string_view s) { return html_escape(s); }

std::string_view html_lang(language l) { return l == language::zh ? "zh-CN" : "en"; }

// Both languages of a phrase; CSS shows one.
std::string both(std::string_view zh, std::string_view en) {
    return R"(<span class="zh" lang="zh-CN">)" + escape(zh) + R"(</span><span class="en" lang="en">)" + escape(en) +
           "</span>";
}
std::string both(const phrase &p) { return both(p.zh, p.en); }

constexpr std::string_view base_css = R"(
body{margin:0;color:#1f1f1f;background:#f6f6f4;font:15px/1.5 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Zen Hei",sans-serif}
.page{max-width:1240px;margin:0 auto;padding:12px 24px 48px}
h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:24px 0 8px}h3{font-size:15px;margin:16px 0 6px}
table.form{border-collapse:collapse;margin:6px 0 18px;background:#fff;font-size:14px}
table.form th,table.form td{border:1px solid #555;padding:3px 6px;vertical-align:middle}
table.form th{background:#efefef;font-weight:normal;text-align:center}
table.form th.note{font-size:12px;max-width:16em}table.form th.head{white-space:nowrap}
table.form th.label{text-align:left;background:#fafafa}
table.form th.caption{text-align:left;background:#e4e4e4;font-weight:bold}
table.form td.v{text-align:right;min-width:2.6em;font-variant-numeric:tabular-nums;white-space:nowrap}
td.v.unreadable{color:#a00;font-weight:bold}
)";

constexpr std::string_view switch_css = R"(
.lang-switch{position:absolute;opacity:0;pointer-events:none}
#lang-en:checked~.page .zh,#lang-zh:checked~.page .en{display:none}
.langs{float:right}.langs label{display:inline-block;margin-left:4px;padding:2px 10px;border:1px solid #888;border-radius:12px;cursor:pointer;background:#fff}
#lang-zh:checked~.page label[for=lang-zh],#lang-en:checked~.page label[for=lang-en]{background:#1f1f1f;color:#fff;border-color:#1f1f1f}
a{color:#0b57d0}
)";

constexpr std::string_view findings_css = R"(
td.v a.val{color:inherit;text-decoration:none}
td.fault.term.sev-error{background:#fde2e2}td.fault.term.sev-warning{background:#fff1c7}td.fault.term.sev-info{background:#e3efff}
td.fault.primary{font-weight:bold;outline-offset:-3px}
td.fault.primary.sev-error{background:#f7a8a8;outline:3px solid #b00}
td.fault.primary.sev-warning{background:#ffd76a;outline:3px solid #b07800}
td.fault.primary.sev-info{background:#a9cbff;outline:3px solid #1459c7}
a.badge{display:inline-block;min-width:1.3em;margin-left:3px;padding:0 3px;border-radius:9px;font-size:11px;line-height:1.5;font-weight:bold;color:#fff;text-align:center;text-decoration:none;vertical-align:super}
a.badge.sev-error,span.sev.sev-error{background:#b00}
a.badge.sev-warning,span.sev.sev-warning{background:#b07800}a.badge.sev-info,span.sev.sev-info{background:#1459c7}
:target{box-shadow:0 0 0 3px #0b57d0}
.summary span.n{font-weight:bold;margin-right:10px}.legend{color:#555;font-size:13px}
ol.findings{padding-left:0;list-style:none}
li.finding{background:#fff;border:1px solid #ddd;border-left:6px solid #999;margin:8px 0;padding:8px 12px}
li.finding.sev-error{border-left-color:#b00}li.finding.sev-warning{border-left-color:#b07800}li.finding.sev-info{border-left-color:#1459c7}
span.num{font-weight:bold;margin-right:6px}span.sev{color:#fff;border-radius:3px;padding:0 6px;margin-right:6px;font-size:13px}
code{background:#f0f0f0;padding:0 4px;border-radius:3px}
.msg{margin:4px 0;font-size:16px}table.arith{border-collapse:collapse;margin:4px 0}
table.arith th,table.arith td{border:1px solid #ccc;padding:1px 8px;font-variant-numeric:tabular-nums}table.arith th{background:#f4f4f4;font-weight:normal}
ul.cells{margin:4px 0;padding-left:20px;font-size:14px}.why{color:#555;font-size:13px;margin:4px 0}.pos{color:#666;font-size:12px}
ul.report-level{font-size:14px}ul.report-level li.fault{color:#b00;font-weight:bold}
)";

constexpr std::string_view index_css = R"(
table.batch{border-collapse:collapse;background:#fff;font-size:14px}
table.batch th,table.batch td{border:1px solid #bbb;padding:3px 8px}table.batch th{background:#efefef}
table.batch td.n{text-align:right;font-variant-numeric:tabular-nums}table.batch td.err{color:#b00}
svg.chart{background:#fff;border:1px solid #ddd;margin:6px 0 18px}
.overview{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0 16px}
.overview .figure{background:#fff;border:1px solid #ddd;border-radius:6px;padding:4px 12px;min-width:5.5em}
.overview .figure.bad{border-color:#b00;color:#b00}.overview .big{display:block;font-size:24px;font-weight:bold}
table.sortable th{cursor:pointer;user-select:none;white-space:nowrap}
table.sortable th[data-order=asc]::after{content:" \25B2"}table.sortable th[data-order=desc]::after{content:" \25BC"}
p.hint{color:#666;font-size:12px;margin:2px 0}
.wide{max-width:100%;overflow-x:auto}
table.ind th.ind{white-space:normal;min-width:5.5em;max-width:8em;font-size:12px;font-weight:normal}
table.ind th.wrap{white-space:normal;max-width:9em}
table.ind td.ind{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
table.ind td:first-child{white-space:nowrap}
td.ind .prev,td.ind .chg{display:block;color:#666;font-size:11px;line-height:1.3}
span.parts{display:block;font-size:12px}td.ind.flag{background:#fde2e2;color:#b00;font-weight:bold}td.ind.none{text-align:center;color:#999}
ul.unmatched{font-size:14px}span.key{display:inline-block;width:10px;height:10px;margin:0 4px 0 8px}
)";

// Sorts a table.sortable by the column whose heading is clicked (again: the other way): numbers as numbers,
// text in Chinese order; a cell's data-sort, when present, is what it sorts by. Rows keep their order on ties.
constexpr std::string_view sort_script = R"(<script>
for (const t of document.querySelectorAll("table.sortable")) t.tHead.addEventListener("click", e => {
  const th = e.target.closest("th"); if (!th) return;
  const i = th.cellIndex, up = th.dataset.order !== "asc", body = t.tBodies[0];
  for (const h of t.tHead.rows[0].cells) delete h.dataset.order;
  th.dataset.order = up ? "asc" : "desc";
  const key = r => { const c = r.cells[i]; return c ? (c.dataset.sort ?? c.textContent.trim()) : ""; };
  const rows = [...body.rows].sort((a, b) => {
    const x = key(a), y = key(b), nx = Number(x), ny = Number(y);
    const d = x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y, "zh-CN");
    return up ? d : -d;
  });
  body.append(...rows);
});
</script>
)";

// The page's head, the language switch and the opening of the page; close with `page_end`.
std::string page_start(std::string_view title, language lang, std::initializer_list<std::string_view> css) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"" + std::string(html_lang(lang)) +
                      "\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<meta name=\"generator\" content=\"xxgk " XXGK_VERSION_STRING "\">\n<title>" +
                      escape(title) + "</title>\n<style>";
    for (std::string_view c : css) out += c;
    out += "</style>\n</head>\n<body>\n";
    out += R"(<input type="radio" name="lang" id="lang-zh" class="lang-switch")";
    out += lang == language::zh ? " checked>" : ">";
    out += R"(<input type="radio" name="lang" id="lang-en" class="lang-switch")";
    out += lang == language::en ? " checked>\n" : ">\n";
    out += "<div class=\"page\">\n<nav class=\"langs\"><label for=\"lang-zh\">" + escape(label(language::zh)) +
           "</label><label for=\"lang-en\">" + escape(label(language::en)) + "</label></nav>\n";
    return out;
}

constexpr std::string_view page_end = "</div>\n</body>\n</html>\n";

std::string_view role_class(role k) {
    switch (k) {
    case role::caption: return "caption";
    case role::header: return "head";
    case role::note: return "note";
    case role::group: return "group";
    case role::label: return "label";
    case role::value: break;
    }
    return "v";
}

std::string span_attributes(const grid_cell &c) {
    std::string out;
    if (c.row_span > 1) out += " rowspan=\"" + std::to_string(c.row_span) + "\"";
    if (c.col_span > 1) out += " colspan=\"" + std::to_string(c.col_span) + "\"";
    return out;
}

// How the findings touch each cell: the finding numbers (1-based), whether any is about this cell first,
// and the most severe level among them.
struct cell_marks {
    std::vector<std::size_t> findings;
    bool primary = false;
    severity worst = severity::info;
};

using ref_key = std::tuple<area, std::uint8_t, std::uint8_t>;
ref_key key_of(cell_ref c) { return {c.where, c.item, c.column}; }

std::map<ref_key, cell_marks> marks_of(std::span<const diagnostic> findings) {
    std::map<ref_key, cell_marks> marks;
    for (std::size_t i = 0; i < findings.size(); ++i) {
        const diagnostic &d = findings[i];
        for (std::size_t k = 0; k < d.cells.size(); ++k) {
            cell_marks &m = marks[key_of(d.cells[k])];
            if (std::find(m.findings.begin(), m.findings.end(), i + 1) == m.findings.end()) m.findings.push_back(i + 1);
            m.primary = m.primary || k == 0;
            if (m.findings.size() == 1 || index(d.level) < index(m.worst)) m.worst = d.level;
        }
    }
    return marks;
}

std::string finding_anchor(std::size_t number) { return "finding-" + std::to_string(number); }

std::string value_cell(const grid_cell &c, const std::map<ref_key, cell_marks> *marks) {
    const std::string value = escape(shown_value(c.data));
    std::string cls = "v";
    if (c.data.value && c.data.value->kind == cell_kind::unreadable) cls += " unreadable";
    const cell_marks *m = nullptr;
    if (marks)
        if (auto it = marks->find(key_of(c.data.ref)); it != marks->end()) m = &it->second;
    if (m) cls += std::string(m->primary ? " fault primary" : " fault term") + " sev-" + std::string(name(m->worst));
    std::string out = "<td id=\"" + html_anchor(c.data.ref) + "\" class=\"" + cls + "\"" + span_attributes(c);
    if (c.data.value && c.data.value->source.known())
        out += " title=\"" + escape(position_text(c.data.value->source, c.data.ref, language::zh)) + " · " +
               escape(position_text(c.data.value->source, c.data.ref, language::en)) + "\"";
    out += ">";
    if (!m) return out + value + "</td>";
    out += "<a class=\"val\" href=\"#" + finding_anchor(m->findings.front()) + "\">" + value + "</a>";
    return out + "</td>";
}

// The finding-number badges of a faulty cell go after its value, inside the cell.
std::string with_badges(std::string td, const grid_cell &c, const std::map<ref_key, cell_marks> *marks,
                        std::span<const diagnostic> findings) {
    if (!marks) return td;
    auto it = marks->find(key_of(c.data.ref));
    if (it == marks->end()) return td;
    std::string badges;
    for (std::size_t n : it->second.findings)
        badges += "<a class=\"badge sev-" + std::string(name(findings[n - 1].level)) + "\" href=\"#" +
                  finding_anchor(n) + "\">" + std::to_string(n) + "</a>";
    td.insert(td.size() - 5, badges);
    return td;
}

std::string table_html(const grid_table &t, const std::map<ref_key, cell_marks> *marks,
                       std::span<const diagnostic> findings) {
    std::string out = "<section class=\"table\" id=\"table-" + std::string(name(t.which)) + "\">\n<h2>" +
                      escape(label(t.which)) + "</h2>\n<table class=\"form\">\n";
    for (const auto &line : t.rows) {
        out += "<tr>";
        for (const grid_cell &c : line) {
            if (c.kind == role::value) {
                out += with_badges(value_cell(c, marks), c, marks, findings);
                continue;
            }
            out += "<th class=\"" + std::string(role_class(c.kind)) + "\"" + span_attributes(c) + ">" +
                   escape(c.text) + "</th>";
        }
        out += "</tr>\n";
    }
    return out + "</table>\n</section>\n";
}

bool has_unreadable(const report &r) {
    bool found = false;
    for_each_cell(r, [&](cell_ref, const cell &c) { found = found || c.kind == cell_kind::unreadable; });
    return found;
}

std::string heading_text(const report &r, std::string_view fallback) {
    if (r.title) return *r.title;
    std::string out;
    if (r.agency) out += *r.agency;
    if (r.year) out += (out.empty() ? "" : " ") + std::to_string(*r.year);
    return out.empty() ? std::string(fallback) : out;
}

// Report details (metadata) and sections as a list of anchors, so findings about them have a target.
std::string report_level_html(const report &r, const std::map<ref_key, cell_marks> &marks) {
    std::string out = "<section id=\"report-level\">\n<h2>" + both(report_level_heading) +
                      "</h2>\n<ul class=\"report-level\">\n";
    auto item = [&](cell_ref c, std::string_view heading, std::string_view value) {
        const auto it = marks.find(key_of(c));
        out += "<li id=\"" + html_anchor(c) + "\"" + (it != marks.end() ? " class=\"fault\"" : "") + ">" +
               escape(heading) + (value.empty() ? "" : "：" + escape(value));
        if (it != marks.end())
            for (std::size_t n : it->second.findings)
                out += " <a href=\"#" + finding_anchor(n) + "\">#" + std::to_string(n) + "</a>";
        out += "</li>\n";
    };
    item(ref(metadata_field::format), label(metadata_field::format), label(r.format()));
    if (r.agency) item(ref(metadata_field::agency), label(metadata_field::agency), *r.agency);
    if (r.year) item(ref(metadata_field::year), label(metadata_field::year), std::to_string(*r.year));
    if (r.kind) item(ref(metadata_field::agency_kind), label(metadata_field::agency_kind), label(*r.kind));
    if (r.published) item(ref(metadata_field::published), label(metadata_field::published), *r.published);
    for (section s : all_of<section>()) {
        const cell_ref c = ref(s);
        const auto it = marks.find(key_of(c));
        out += "<li id=\"" + html_anchor(c) + "\"" + (it != marks.end() ? " class=\"fault\"" : "") + ">" +
               escape(label(s)) + " " + both(r.sections[s] ? section_present : section_missing);
        if (it != marks.end())
            for (std::size_t n : it->second.findings)
                out += " <a href=\"#" + finding_anchor(n) + "\">#" + std::to_string(n) + "</a>";
        out += "</li>\n";
    }
    return out + "</ul>\n</section>\n";
}

// The cell's row and column labels (or the section heading) and its value; the table is evident on the page.
std::string cell_description(const report &r, cell_ref c) {
    const ref_labels l = labels(c);
    std::string out = l.row.empty() ? escape(l.table) : escape(l.row);
    if (!l.column.empty()) out += " / " + escape(l.column);
    if (const cell *value = find_cell(r, c)) {
        const std::string shown = value->kind == cell_kind::blank ? std::string() : shown_value({c, value});
        out += " = " + (shown.empty() ? both(blank_value) : escape(shown));
        if (value->source.known())
            out += " <span class=\"pos\">" + both(position_text(value->source, c, language::zh),
                                                   position_text(value->source, c, language::en)) + "</span>";
    }
    return out;
}

std::string finding_html(const report &r, const diagnostic &d, std::size_t number) {
    const rule_info &rule = info(d.which);
    const std::string sev = std::string(name(d.level));
    std::string out = "<li id=\"" + finding_anchor(number) + "\" class=\"finding sev-" + sev + "\">\n<div>" +
                      "<span class=\"num\">#" + std::to_string(number) + "</span><span class=\"sev sev-" + sev +
                      "\">" + both(label(d.level), name(d.level)) + "</span><code>" + escape(rule.id) + "</code> " +
                      both(rule.title_zh, rule.title_en);
    if (d.state != status::fail) out += " (" + both(label(d.state), name(d.state)) + ")";
    out += "</div>\n<p class=\"msg\">" + both(message(d, language::zh), message(d, language::en)) + "</p>\n";
    if (d.left || d.right || d.difference) {
        out += "<table class=\"arith\"><tr>";
        auto term = [&](const phrase &p, const std::optional<decimal> &v) {
            if (v) out += "<th>" + both(p) + "</th><td>" + escape(to_string(*v)) + "</td>";
        };
        term(left_word, d.left), term(right_word, d.right), term(difference_word, d.difference);
        out += "</tr></table>\n";
    }
    if (!d.cells.empty()) {
        out += "<div>" + both(cells_word) + "</div><ul class=\"cells\">\n";
        for (cell_ref c : d.cells)
            out += "<li><a href=\"#" + html_anchor(c) + "\" title=\"" + escape(json_pointer(c)) + "\">" +
                   cell_description(r, c) + "</a></li>\n";
        out += "</ul>\n";
    } else if (d.source.known()) {
        out += "<p class=\"pos\">" + both(position_text(d, language::zh), position_text(d, language::en)) +
               "</p>\n";
    }
    out += "<p class=\"why\">" + both(rationale_word) + "：" +
           both(rationale(rule, language::zh), rationale(rule, language::en)) + "</p>\n</li>\n";
    return out;
}

struct severity_counts {
    std::size_t error = 0, warning = 0, info = 0;
    void add(severity s) { (s == severity::error ? error : s == severity::warning ? warning : info)++; }
    std::size_t total() const { return error + warning + info; }
};

severity_counts count(std::span<const diagnostic> ds) {
    severity_counts c;
    for (const diagnostic &d : ds) c.add(d.level);
    return c;
}

std::string counts_html(const severity_counts &c) {
    return "<span class=\"n\">" + both(errors_word) + " " + std::to_string(c.error) + "</span><span class=\"n\">" +
           both(warnings_word) + " " + std::to_string(c.warning) + "</span><span class=\"n\">" + both(infos_word) +
           " " + std::to_string(c.info) + "</span>";
}

// The heading cells of the three severities, and a row's three counts.
std::string severity_headers() {
    return "<th>" + both(errors_word) + "</th><th>" + both(warnings_word) + "</th><th>" + both(infos_word) + "</th>";
}
std::string severity_cells(const severity_counts &c) {
    return "<td class=\"n" + std::string(c.error ? " err" : "") + "\">" + std::to_string(c.error) +
           "</td><td class=\"n\">" + std::to_string(c.warning) + "</td><td class=\"n\">" + std::to_string(c.info) +
           "</td>";
}

// A horizontal bar chart as inline SVG: one bar per item, stacked by severity, longest first.
struct bar {
    std::string key;     // the tooltip: a rule id, an agency
    std::string zh, en;  // the label in each language (the same for an agency)
    severity_counts counts;
};

std::string bar_chart(std::vector<bar> bars, std::size_t limit, const phrase &rest_label) {
    std::stable_sort(bars.begin(), bars.end(),
                     [](const bar &a, const bar &b) { return a.counts.total() > b.counts.total(); });
    if (bars.size() > limit) {
        bar rest{std::string(rest_label.zh) + " / " + std::string(rest_label.en), std::string(rest_label.zh),
                 std::string(rest_label.en), {}};
        for (std::size_t i = limit - 1; i < bars.size(); ++i) {
            rest.counts.error += bars[i].counts.error;
            rest.counts.warning += bars[i].counts.warning;
            rest.counts.info += bars[i].counts.info;
        }
        bars.resize(limit - 1);
        bars.push_back(std::move(rest));
    }
    std::size_t most = 1;
    for (const bar &b : bars) most = std::max(most, b.counts.total());
    constexpr std::size_t label_width = 300, bar_width = 520, row_height = 24, width = label_width + bar_width + 60;
    const std::size_t height = row_height * bars.size() + 8;
    std::string out = "<svg class=\"chart\" width=\"" + std::to_string(width) +
                      "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) + " " +
                      std::to_string(height) + "\" role=\"img\">\n";
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const bar &b = bars[i];
        const std::size_t y = 4 + i * row_height;
        out += "<g class=\"bar\"><title>" + escape(b.key) + ": " + std::to_string(b.counts.total()) + "</title>";
        const std::string at = "<text x=\"" + std::to_string(label_width - 8) + "\" y=\"" + std::to_string(y + 16) +
                               "\" text-anchor=\"end\" font-size=\"13\"";
        if (b.zh == b.en) out += at + ">" + escape(b.zh) + "</text>";
        else out += at + " class=\"zh\">" + escape(b.zh) + "</text>" + at + " class=\"en\">" + escape(b.en) + "</text>";
        std::size_t x = label_width;
        const std::pair<std::size_t, std::string_view> parts[] = {
            {b.counts.error, "#b00"}, {b.counts.warning, "#b07800"}, {b.counts.info, "#1459c7"}};
        for (const auto &[n, colour] : parts) {
            if (n == 0) continue;
            const std::size_t w = std::max<std::size_t>(2, n * bar_width / most);
            out += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" +
                   std::to_string(w) + "\" height=\"" + std::to_string(row_height - 8) + "\" fill=\"" +
                   std::string(colour) + "\"/>";
            x += w;
        }
        out += "<text x=\"" + std::to_string(x + 6) + "\" y=\"" + std::to_string(y + 16) + "\" font-size=\"13\">" +
               std::to_string(b.counts.total()) + "</text></g>\n";
    }
    return out + "</svg>\n";
}


// ---- The batch index ---------------------------------------------------------------------------------------

// What the index counts over the batch's entries.
struct batch_counts {
    severity_counts total;
    struct per_rule_counts {
        severity_counts findings;
        std::size_t reports = 0;  // reports with at least one finding of the rule
    };
    std::map<rule, per_rule_counts> per_rule;  // in catalogue order
    struct agency_counts {
        std::size_t reports = 0;
        severity_counts findings;
    };
    std::map<std::string, agency_counts> per_agency;
    std::size_t unreadable = 0, on_time = 0, late = 0, undated = 0, with_errors = 0;
};

batch_counts count_batch(std::span<const html_index_entry> entries) {
    batch_counts c;
    for (const html_index_entry &e : entries) {
        if (!e.value) {
            ++c.unreadable;
            continue;
        }
        (!e.late_days ? c.undated : *e.late_days == 0 ? c.on_time : c.late)++;
        const std::string agency = e.value->agency ? *e.value->agency : std::string(unknown_agency.zh) + " " + e.file;
        batch_counts::agency_counts &a = c.per_agency[agency];
        ++a.reports;
        bool errors = false;
        std::vector<rule> seen;
        for (const diagnostic &d : e.findings) {
            c.total.add(d.level);
            batch_counts::per_rule_counts &r = c.per_rule[d.which];
            r.findings.add(d.level);
            if (std::find(seen.begin(), seen.end(), d.which) == seen.end()) {
                seen.push_back(d.which);
                ++r.reports;
            }
            a.findings.add(d.level);
            errors = errors || d.level == severity::error;
        }
        if (errors) ++c.with_errors;
    }
    return c;
}

// A row of big figures; one that needs attention is marked when it is not 0.
struct figure {
    const phrase &what;
    std::size_t n;
    bool bad;
};

std::string figures_html(std::span<const figure> figures) {
    std::string out = "<div class=\"overview\">";
    for (const figure &f : figures)
        out += std::string("<div class=\"figure") + (f.bad && f.n ? " bad" : "") + "\"><span class=\"big\">" +
               std::to_string(f.n) + "</span>" + both(f.what) + "</div>";
    return out + "</div>\n";
}

// A ratio as a percentage with one decimal: 0.5182 → "51.8%".
std::string percent(double ratio) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f%%", ratio * 100);
    return text;
}

// A change of a ratio in percentage points, signed: 0.0382 → "+3.8"; what rounds to 0 is "0.0".
std::string points(double change) {
    char text[32];
    const double p = change * 100;
    if (p > -0.05 && p < 0.05) return "0.0";
    std::snprintf(text, sizeof text, "%+.1f", p);
    return text;
}

// `shown` (HTML) linked to the page of `file` when it has one; `shown` alone when it has none, or the file's
// name when `shown` is empty.
std::string file_link(std::string_view file, const std::map<std::string, std::string, std::less<>> &pages,
                      const std::string &shown) {
    const auto page = pages.find(file);
    if (page != pages.end())
        return "<a href=\"" + escape(page->second) + "\" title=\"" + escape(file) + "\">" + shown + "</a>";
    return !shown.empty() ? shown : file.empty() ? std::string() : "<code>" + escape(file) + "</code>";
}

// "open" linked to the page of `file`, or the file's name when it has no page.
std::string report_link(std::string_view file, const std::map<std::string, std::string, std::less<>> &pages) {
    return pages.count(file) ? file_link(file, pages, both(open_word)) : file_link(file, pages, {});
}

// The roster of `xxgk aggregate`: its counts, then every unit that is missing, unreadable or late, then the
// reports no unit claims.
std::string roster_html(const boost::json::object &roster, const std::map<std::string, std::string, std::less<>> &pages) {
    std::string out = "<section id=\"roster\">\n<h2>" + both(roster_heading);
    if (const auto year = integer_member(roster, "year")) out += " · " + std::to_string(*year);
    out += "</h2>\n";
    const boost::json::object empty;
    const boost::json::object *counts = object_member(roster, "counts");
    if (!counts) counts = &empty;
    auto n = [&](std::string_view key) {
        const auto v = integer_member(*counts, key);
        return v && *v > 0 ? static_cast<std::size_t>(*v) : std::size_t{0};
    };
    const figure figures[] = {{units_expected_word, n("units"), false},   {units_published_word, n("published"), false},
                              {units_on_time_word, n("on_time"), false},  {units_late_word, n("late"), true},
                              {units_undated_word, n("undated"), false},  {units_missing_word, n("missing"), true},
                              {units_unreadable_word, n("unreadable"), true}, {units_unmatched_word, n("unmatched"), true}};
    out += figures_html(figures);
    std::string rows;
    if (const boost::json::array *units = array_member(roster, "units"))
        for (const boost::json::value &uv : *units) {
            if (!uv.is_object()) continue;
            const boost::json::object &u = uv.get_object();
            const std::string_view state = string_member(u, "state"), timely = string_member(u, "timeliness");
            if (state == "published" && timely != "late") continue;
            const std::string_view kind = string_member(u, "kind");
            rows += "<tr class=\"state-" + escape(state) + "\"><td>" + escape(string_member(u, "unit")) + "</td><td>" +
                    (kind.empty() ? std::string() : both(shown<agency_kind>(kind, language::zh), kind)) + "</td><td>" +
                    escape(string_member(u, "parent")) + "</td><td class=\"err\">";
            if (state == "published")
                rows += both(timeliness_shown(timely, language::zh), timeliness_shown(timely, language::en));
            else rows += both(shown<unit_state>(state, language::zh), state);
            if (const std::string_view why = string_member(u, "error"); !why.empty()) rows += "：" + escape(why);
            const auto days = integer_member(u, "days_late");
            rows += "</td><td>" + escape(string_member(u, "deadline")) + "</td><td>" +
                    escape(string_member(u, "published")) + "</td><td class=\"n\">" +
                    (days && timely == "late" ? std::to_string(*days) : std::string()) + "</td><td>" +
                    report_link(string_member(u, "file"), pages) + "</td></tr>\n";
        }
    out += "<h3>" + both(attention_heading) + "</h3>\n";
    if (rows.empty()) out += "<p>" + both(all_on_time) + "</p>\n";
    else
        out += "<table class=\"batch sortable\" id=\"attention\">\n<thead><tr><th>" + both(unit_word) + "</th><th>" +
               both(kind_word) + "</th><th>" + both(parent_word) + "</th><th>" + both(state_word) + "</th><th>" +
               both(deadline_word) + "</th><th>" + both(label(metadata_field::published), "Published") + "</th><th>" +
               both(days_late_word) + "</th><th>" + both(report_word) + "</th></tr></thead>\n<tbody>\n" + rows +
               "</tbody></table>\n";
    const boost::json::array *unmatched = array_member(roster, "unmatched");
    if (unmatched && !unmatched->empty()) {
        out += "<h3>" + both(unmatched_heading) + "</h3>\n<ul class=\"unmatched\">\n";
        for (const boost::json::value &fv : *unmatched) {
            if (!fv.is_object()) continue;
            const boost::json::object &f = fv.get_object();
            const std::string_view file = string_member(f, "file");
            out += "<li>" + file_link(file, pages, {});
            if (const std::string_view agency = string_member(f, "agency"); !agency.empty()) out += " " + escape(agency);
            if (const std::string_view why = string_member(f, "error"); !why.empty())
                out += " <span class=\"err\">" + both(unreadable_file) + "：" + escape(why) + "</span>";
            out += "</li>\n";
        }
        out += "</ul>\n";
    }
    return out + "</section>\n";
}

// The figures of the check: reports read and unreadable, published on time, late or undated, with errors.
std::string overview_html(const batch_counts &c, std::size_t inputs) {
    const figure figures[] = {{read_reports_word, inputs - c.unreadable, false}, {unreadable_file, c.unreadable, true},
                              {on_time_word, c.on_time, false}, {late_word, c.late, true},
                              {undated_word, c.undated, false}, {with_errors_word, c.with_errors, true}};
    return "<h2>" + both(check_heading) + "</h2>\n" + figures_html(figures);
}

std::string per_rule_html(const batch_counts &c) {
    std::string out = "<h2>" + both(per_rule_heading) + "</h2>\n<table class=\"batch sortable\" id=\"per-rule\">\n"
                      "<thead><tr><th>" + both(rule_word) + "</th><th>" + both(title_word) + "</th><th>" +
                      both(severity_word) + "</th><th>" + both(reports_affected_word) + "</th>" + severity_headers() +
                      "</tr></thead>\n<tbody>\n";
    for (const auto &[which, r] : c.per_rule) {
        const rule_info &e = info(which);
        out += "<tr><td><code>" + escape(e.id) + "</code></td><td>" + both(e.title_zh, e.title_en) + "</td><td data-sort=\"" +
               std::to_string(index(e.default_severity)) + "\">" + both(label(e.default_severity), name(e.default_severity)) +
               "</td><td class=\"n\">" + std::to_string(r.reports) + "</td>" + severity_cells(r.findings) + "</tr>\n";
    }
    return out + "</tbody></table>\n";
}

std::string per_agency_html(const batch_counts &c) {
    std::string out = "<h2>" + both(per_agency_heading) + "</h2>\n<table class=\"batch sortable\" id=\"per-agency\">\n"
                      "<thead><tr><th>" + both(label(metadata_field::agency), "Agency") + "</th><th>" + both(report_count_word) +
                      "</th>" + severity_headers() + "</tr></thead>\n<tbody>\n";
    for (const auto &[agency, a] : c.per_agency)
        out += "<tr><td>" + escape(agency) + "</td><td class=\"n\">" + std::to_string(a.reports) + "</td>" +
               severity_cells(a.findings) + "</tr>\n";
    return out + "</tbody></table>\n";
}

// The indicators met in the document, in the order first met: id and Chinese label.
std::vector<std::pair<std::string, std::string>> indicator_columns(const boost::json::object &office) {
    std::vector<std::pair<std::string, std::string>> columns;
    auto add = [&](const boost::json::array *entries) {
        if (!entries) return;
        for (const boost::json::value &ev : *entries) {
            const boost::json::array *values = ev.is_object() ? indicators_of(ev.get_object()) : nullptr;
            if (!values) continue;
            for (const boost::json::value &iv : *values) {
                if (!iv.is_object()) continue;
                const std::string_view id = string_member(iv.get_object(), "id");
                if (std::none_of(columns.begin(), columns.end(), [&](const auto &c) { return c.first == id; }))
                    columns.emplace_back(std::string(id), std::string(indicator_name(iv.get_object(), language::zh)));
            }
        }
    };
    add(array_member(office, "aggregates"));
    add(array_member(office, "reports"));
    return columns;
}

std::string indicator_headers(const std::vector<std::pair<std::string, std::string>> &columns) {
    std::string out;
    for (const auto &[id, zh] : columns) {
        std::string words = id;  // the English heading: the id as words, so that it wraps
        std::replace(words.begin(), words.end(), '_', ' ');
        out += "<th class=\"ind\" title=\"" + escape(id) + "\">" + both(zh, words) + "</th>";
    }
    return out;
}

// One cell per column: the value as a percentage, last year's and the change below it; "—" with the reason as
// its tooltip when there is no value. The exact figures are in data- attributes (data-sort: the value).
std::string indicator_cells(const boost::json::array *values, const std::vector<std::pair<std::string, std::string>> &columns) {
    std::string out;
    for (const auto &[id, zh] : columns) {
        const boost::json::object *i = nullptr;
        if (values)
            for (const boost::json::value &iv : *values)
                if (iv.is_object() && string_member(iv.get_object(), "id") == id) i = &iv.get_object();
        const std::optional<double> value = i ? number_member(*i, "value") : std::nullopt;
        if (!value) {
            out += "<td class=\"ind none\" data-sort=\"\" title=\"" + escape(i ? string_member(*i, "reason") : "") +
                   "\">—</td>";
            continue;
        }
        out += std::string("<td class=\"ind") + (true_member(*i, "flagged") ? " flag" : "") + "\" data-sort=\"" +
               boost::json::serialize(*member(*i, "value")) + "\"";
        const std::optional<double> previous = number_member(*i, "previous"), change = number_member(*i, "change");
        if (previous) out += " data-previous=\"" + boost::json::serialize(*member(*i, "previous")) + "\"";
        if (change) out += " data-change=\"" + boost::json::serialize(*member(*i, "change")) + "\"";
        const std::string_view numerator = string_member(*i, "numerator"), denominator = string_member(*i, "denominator");
        if (!numerator.empty() && !denominator.empty())
            out += " title=\"" + escape(numerator) + " ÷ " + escape(denominator) + "\"";
        out += ">" + percent(*value);
        if (previous)
            out += "<span class=\"prev\">" + both(last_year_word) + " " + percent(*previous) + "</span><span class=\"chg\">" +
                   (change ? points(*change) : std::string()) + "</span>";
        out += "</td>";
    }
    return out;
}

// Each parent's 汇总 (complete or not, how many cells differ from its own report) and each report of the year,
// with their indicators.
std::string indicators_html(const boost::json::object &office, const std::map<std::string, std::string, std::less<>> &pages) {
    const auto columns = indicator_columns(office);
    std::string out = "<section id=\"indicators\">\n<h2>" + both(indicators_heading) + "</h2>\n<p class=\"hint\">" +
                      both(indicators_hint) + "</p>\n";
    const boost::json::array *aggregates = array_member(office, "aggregates");
    if (aggregates && !aggregates->empty()) {
        out += "<h3>" + both(sums_heading) + "</h3>\n<div class=\"wide\"><table class=\"batch sortable ind\" id=\"sum-indicators\">\n"
               "<thead><tr><th>" + both(parent_word) + "</th><th>" + both(complete_word) + "</th><th class=\"wrap\">" +
               both(differing_word) + "</th>" + indicator_headers(columns) + "</tr></thead>\n<tbody>\n";
        for (const boost::json::value &av : *aggregates) {
            if (!av.is_object()) continue;
            const boost::json::object &a = av.get_object();
            const bool complete = true_member(a, "complete");
            out += "<tr><td>" + escape(string_member(a, "parent")) + "</td><td" + (complete ? "" : " class=\"err\"") + ">" +
                   both(complete ? yes_word : no_word);
            std::string without;  // the parts that gave no figures
            if (const boost::json::array *parts = array_member(a, "parts"))
                for (const boost::json::value &pv : *parts) {
                    if (!pv.is_object()) continue;
                    const std::string_view source = string_member(pv.get_object(), "source");
                    if (source == "missing" || source == "unreadable")
                        without += (without.empty() ? "" : "、") + escape(string_member(pv.get_object(), "unit")) + " " +
                                   both(shown<part_source>(source, language::zh), source);
                }
            if (!without.empty()) out += "<span class=\"parts\">" + without + "</span>";
            if (const std::string_view why = string_member(a, "error"); !why.empty()) out += "：" + escape(why);
            out += "</td>";
            const std::string_view compared = string_member(a, "compared_file");
            const boost::json::array *differences = array_member(a, "differences");
            if (compared.empty()) out += "<td class=\"n\" data-sort=\"\">—</td>";
            else {
                const std::size_t n = differences ? differences->size() : 0;
                std::string listed;  // row / column: published − sum, one per line
                if (differences)
                    for (const boost::json::value &dv : *differences) {
                        if (!dv.is_object()) continue;
                        const boost::json::object &d = dv.get_object();
                        listed += (listed.empty() ? "" : "\n") + std::string(string_member(d, "row")) + " / " +
                                  std::string(string_member(d, "column")) + ": " + std::string(string_member(d, "published")) +
                                  " − " + std::string(string_member(d, "sum")) + " = " +
                                  std::string(string_member(d, "difference"));
                    }
                out += "<td class=\"n" + std::string(n ? " err" : "") + "\" data-sort=\"" + std::to_string(n) + "\"" +
                       (listed.empty() ? "" : " title=\"" + escape(listed) + "\"") + ">" +
                       file_link(compared, pages, std::to_string(n)) + "</td>";
            }
            out += indicator_cells(indicators_of(a), columns) + "</tr>\n";
        }
        out += "</tbody></table></div>\n";
    }
    const boost::json::array *reports = array_member(office, "reports");
    if (reports && !reports->empty()) {
        out += "<h3>" + both(report_indicators_heading) + "</h3>\n<div class=\"wide\"><table class=\"batch sortable ind\" "
               "id=\"report-indicators\">\n<thead><tr><th>" + both(label(metadata_field::agency), "Agency") + "</th>" +
               indicator_headers(columns) + "</tr></thead>\n<tbody>\n";
        for (const boost::json::value &rv : *reports) {
            if (!rv.is_object()) continue;
            const boost::json::object &r = rv.get_object();
            const std::string_view file = string_member(r, "file"), agency = string_member(r, "agency");
            out += "<tr><td data-file=\"" + escape(file) + "\">" + file_link(file, pages, escape(agency)) + "</td>" +
                   indicator_cells(indicators_of(r), columns) + "</tr>\n";
        }
        out += "</tbody></table></div>\n";
    }
    return out + "</section>\n";
}

// Every input, sortable by any column.
std::string reports_html(std::span<const html_index_entry> entries) {
    std::string out = "<h2>" + both(reports_heading) + "</h2>\n<table class=\"batch sortable\" id=\"reports\">\n"
                      "<thead><tr><th>#</th><th>" + both(file_word) + "</th><th>" + both(label(metadata_field::agency), "Agency") + "</th><th>" +
                      both(label(metadata_field::year), "Year") + "</th><th>" + both(label(metadata_field::published), "Published") + "</th><th>" + both(timeliness_word) + "</th>" +
                      severity_headers() + "<th>" + both(report_word) + "</th></tr></thead>\n<tbody>\n";
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const html_index_entry &e = entries[i];
        out += "<tr><td class=\"n\">" + std::to_string(i + 1) + "</td><td><code>" + escape(e.file) + "</code></td>";
        if (!e.value) {
            out += "<td colspan=\"8\" class=\"err\">" + both(unreadable_file) + "：" + escape(e.error) + "</td></tr>\n";
            continue;
        }
        out += "<td>" + escape(e.value->agency.value_or("")) + "</td><td class=\"n\">" +
               (e.value->year ? std::to_string(*e.value->year) : "") + "</td><td>" +
               escape(e.value->published.value_or("")) + "</td>";
        if (!e.late_days) out += "<td data-sort=\"\">" + both(undated_word) + "</td>";
        else if (*e.late_days == 0) out += "<td data-sort=\"0\">" + both(on_time_word) + "</td>";
        else
            out += "<td class=\"err\" data-sort=\"" + std::to_string(*e.late_days) + "\">" +
                   both("逾期 " + std::to_string(*e.late_days) + " 天", std::to_string(*e.late_days) + " days late") +
                   "</td>";
        out += severity_cells(count(e.findings)) + "<td>";
        if (!e.href.empty()) out += "<a href=\"" + escape(e.href) + "\">" + both(open_word) + "</a>";
        out += "</td></tr>\n";
    }
    return out + "</tbody></table>\n";
}

// The findings per rule (labelled with the rules' titles) and per agency as bar charts.
std::string charts_html(const batch_counts &c) {
    std::vector<bar> rules, agencies;
    for (const auto &[which, r] : c.per_rule) {
        const rule_info &e = info(which);
        rules.push_back({std::string(e.id), std::string(e.title_zh), std::string(e.title_en), r.findings});
    }
    for (const auto &[agency, a] : c.per_agency)
        if (a.findings.total()) agencies.push_back({agency, agency, agency, a.findings});
    if (rules.empty() && agencies.empty()) return {};
    std::string out = "<section id=\"charts\">\n<h2>" + both(charts_heading) + "</h2>\n<p class=\"hint\">" +
                      "<span class=\"key\" style=\"background:#b00\"></span>" + both(errors_word) +
                      " <span class=\"key\" style=\"background:#b07800\"></span>" + both(warnings_word) +
                      " <span class=\"key\" style=\"background:#1459c7\"></span>" + both(infos_word) + "</p>\n";
    if (!rules.empty()) out += "<h3>" + both(per_rule_heading) + "</h3>\n" + bar_chart(rules, rules.size(), more_agencies);
    if (!agencies.empty()) out += "<h3>" + both(per_agency_heading) + "</h3>\n" + bar_chart(agencies, 40, more_agencies);
    return out + "</section>\n";
}

}  // namespace

std::string html_anchor(cell_ref c) {
    std::string id = "cell" + json_pointer(c);
    std::replace(id.begin(), id.end(), '/', '-');
    return id;
}

namespace render_detail {

std::string html_tables_page(const report &r, language lang) {
    const std::string heading = heading_text(r, tables_title.in(lang));
    std::string out = page_start(heading, lang, {base_css, switch_css});
    out += "<h1>" + escape(heading) + "</h1>\n";
    for (const grid_table &t : official_grid(r)) out += table_html(t, nullptr, {});
    if (has_unreadable(r)) out += "<p>" + both(unreadable_phrase) + "</p>\n";
    return out + std::string(page_end);
}

}  // namespace render_detail

std::string html_report(const report &r, std::span<const diagnostic> findings, language lang,
                        const html_options &options) {
    const std::string heading = heading_text(r, options.source_name.empty() ? tables_title.in(lang)
                                                                            : std::string_view(options.source_name));
    std::string out = page_start(heading, lang, {base_css, switch_css, findings_css});
    if (!options.index_href.empty())
        out += "<p><a href=\"" + escape(options.index_href) + "\">" + both(back_to_index) + "</a></p>\n";
    out += "<h1>" + escape(heading) + "</h1>\n";
    if (!options.source_name.empty())
        out += "<p>" + both(source_word) + "：<code>" + escape(options.source_name) + "</code></p>\n";
    out += "<p class=\"summary\">" + counts_html(count(findings)) + "</p>\n";
    out += "<p class=\"legend\">" + both(legend) + "</p>\n";
    const auto marks = marks_of(findings);
    for (const grid_table &t : official_grid(r)) out += table_html(t, &marks, findings);
    if (has_unreadable(r)) out += "<p>" + both(unreadable_phrase) + "</p>\n";
    out += report_level_html(r, marks);
    out += "<section id=\"findings\">\n<h2>" + both(findings_heading) + "</h2>\n";
    if (findings.empty()) out += "<p>" + both(no_findings) + "</p>\n";
    else {
        out += "<ol class=\"findings\">\n";
        for (std::size_t i = 0; i < findings.size(); ++i) out += finding_html(r, findings[i], i + 1);
        out += "</ol>\n";
    }
    return out + "</section>\n" + std::string(page_end);
}

std::string html_index(std::span<const html_index_entry> entries, language lang, const html_options &options,
                       const boost::json::object *office) {
    std::string out = page_start(index_title.in(lang), lang, {base_css, switch_css, findings_css, index_css});
    out += "<h1>" + both(index_title) + "</h1>\n";
    if (!options.source_name.empty()) out += "<p><code>" + escape(options.source_name) + "</code></p>\n";
    const batch_counts counts = count_batch(entries);
    out += "<p class=\"summary\">" + std::to_string(entries.size()) + " " + both(reports_word) + " · " +
           counts_html(counts.total) + " · " + both(sort_hint) + "</p>\n";
    std::map<std::string, std::string, std::less<>> pages;  // file → its page
    for (const html_index_entry &e : entries)
        if (!e.href.empty()) pages.emplace(e.file, e.href);
    if (office)
        if (const boost::json::object *roster = object_member(*office, "roster")) out += roster_html(*roster, pages);
    out += overview_html(counts, entries.size());
    out += per_rule_html(counts);
    out += per_agency_html(counts);
    if (office) out += indicators_html(*office, pages);
    out += reports_html(entries);
    out += charts_html(counts);
    return out + std::string(sort_script) + std::string(page_end);
}

}  // namespace xxgk
