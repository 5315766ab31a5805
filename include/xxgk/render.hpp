#ifndef XXGK_RENDER_HPP
#define XXGK_RENDER_HPP

// What people look at: the three tables in the official layout of 国办公开办函〔2021〕30号 (or the 2019
// trial layout for 2019-format reports) as HTML, Markdown or plain text, and self-contained HTML pages
// that show a report's tables with every faulty cell highlighted and linked to its findings. Every label
// comes from format.hpp; nothing here touches the network or the file system. Link `xxgk::render`.

#include <xxgk/report.hpp>
#include <xxgk/rules.hpp>
#include <xxgk/text.hpp>

#include <boost/json/object.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace xxgk {

/// The output formats of `render_tables`.
BOOST_DEFINE_ENUM_CLASS(render_format, html, markdown, text)

/// The three tables (二, 三, 四) with their section headings, in the official layout and labels.
/// `html`: a complete page with inline CSS whose `<table>`s carry rowspan/colspan as the template does;
/// `markdown`: pipe tables (row label in the first column, one header row of column labels, group headings
/// as label-only rows) that read back to the same numbers; `text`: aligned columns, East Asian width aware.
/// Labels stay the official Chinese ones in every language; `lang` chooses the surrounding words.
std::string render_tables(const report &r, render_format format, language lang = language::zh);

/// The findings as a list after `render_tables` output: a Markdown section, plain lines, or an HTML `<ul>`
/// fragment; each with severity, rule id, message and the JSON Pointer of its first cell.
std::string render_findings(std::span<const diagnostic> findings, render_format format, language lang = language::zh);

/// Options of the HTML pages.
struct html_options {
    /// The source document's name as shown to people (e.g. the input file); may be empty.
    std::string source_name;
    /// Link from a per-report page back to the batch index (relative URL); empty for none.
    std::string index_href;
};

/// A self-contained page (inline CSS, no script, no external resource) for one report: the tables, every
/// cell of every finding highlighted (the finding's first cell strongly, its other terms lightly) with an id
/// from `html_anchor` and links to its findings; then every finding (rule id, severity, message, rationale,
/// left/right/difference, cells with their source positions) linked back to its cells. Both languages are
/// embedded; `lang` is the one shown first, a switch on the page shows the other. All text is escaped.
std::string html_report(const report &r, std::span<const diagnostic> findings, language lang = language::zh,
                        const html_options &options = {});

/// What `xxgk render` writes of one report: `render_tables` alone; or, given its findings, the HTML findings
/// page (`html_report`) or the tables followed by `render_findings`.
std::string render_report(const report &r, std::optional<std::span<const diagnostic>> findings, render_format format,
                          language lang = language::zh, const html_options &options = {});

/// One report of a batch, for `html_index`.
struct html_index_entry {
    /// The input as shown to people.
    std::string file;
    /// Relative link to the report's page; empty when there is none.
    std::string href;
    /// The report, or null when the file could not be read (then `error` says why). Not owned.
    const report *value = nullptr;
    std::span<const diagnostic> findings;
    std::string error;
    /// Days the report was published after its deadline (0: on time); nothing when not known.
    std::optional<long> late_days;
};

/// A self-contained index page for a batch (inline CSS and inline SVG; one small inline script sorts a table
/// when a heading is clicked, and the page reads the same without it; nothing fetched). From the top: with
/// `office` (the document `xxgk aggregate` prints) the roster (its counts, the units missing, unreadable or
/// late with days late and links to their pages, the reports no unit claims); the figures of the check
/// (reports read and unreadable, on time, late or undated, with errors); the findings per rule (id, title,
/// default severity, reports affected, counts by severity) and per agency; with `office` the indicators of
/// each parent's 汇总 and of each report with last year's value and the change; one row per input (agency,
/// year, publication date, on time or days late, counts by severity, link); bar charts per rule (labelled
/// with the rules' titles) and per agency. A roster or indicator entry links to a report's page when its
/// `file` is an entry's `file`. All text is escaped; `lang` is the language shown first.
std::string html_index(std::span<const html_index_entry> entries, language lang = language::zh,
                       const html_options &options = {}, const boost::json::object *office = nullptr);

/// The HTML id of a cell or section on `html_report` pages: `cell` followed by its JSON Pointer with `/`
/// turned into `-`, e.g. `cell-applications-carried_forward-total`.
std::string html_anchor(cell_ref c);

}  // namespace xxgk

#endif
