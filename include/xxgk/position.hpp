#ifndef XXGK_POSITION_HPP
#define XXGK_POSITION_HPP

// Where a value or a finding stood in its document, written for people: the one module every face uses
// (reader errors, the command's findings, the rendered pages), in Chinese or English and in two styles.

#include <xxgk/cell.hpp>
#include <xxgk/rules.hpp>

#include <string>

namespace xxgk {

/// How a position is written. `prose` reads on its own, in a sentence or a tooltip: `第2页第3行第4列`,
/// `page 2, line 3, column 4`, `表三第2行第3格`, `report table 3, row 2, cell 3`. `compact` follows a file
/// name as compilers do: `:第2页:3:4`, `:page 2:3:4`, `:表三第2行第3格`, `: report table 3, row 2, cell 3`.
enum class position_style { prose, compact };

/// `p` written in `lang` and `style`; empty when it says nothing (no page, line or table). A table position
/// names the report's table `report_table` (1 for 一 … 9) when it is not 0, else the document's table number
/// (`第1个表格`, `table 1`); a PDF page is written in both styles whatever else the position holds.
inline std::string position_text(const source_position &p, language lang, position_style style = position_style::prose,
                                 unsigned report_table = 0) {
    static constexpr std::string_view numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九"};
    const bool zh = lang == language::zh;
    const auto n = [](std::uint32_t v) { return std::to_string(v); };
    std::string out;
    const auto add = [&](const std::string &part) { out += out.empty() || zh ? part : ", " + part; };
    const bool named = report_table >= 1 && report_table <= std::size(numerals);
    if (style == position_style::compact && p.line) {
        if (p.page) out = zh ? ":第" + n(p.page) + "页" : ":page " + n(p.page);
        return out + ":" + n(p.line) + (p.column ? ":" + n(p.column) : "");
    }
    if (p.page) add(zh ? "第" + n(p.page) + "页" : "page " + n(p.page));
    if (p.line) {
        add(zh ? "第" + n(p.line) + "行" : "line " + n(p.line));
        if (p.column) add(zh ? "第" + n(p.column) + "列" : "column " + n(p.column));
    } else if (p.table) {
        if (named) add(zh ? "表" + std::string(numerals[report_table - 1]) : "report table " + n(report_table));
        else add(zh ? "第" + n(p.table) + "个表格" : "table " + n(p.table));
        if (style == position_style::prose || p.row) add(zh ? "第" + n(p.row) + "行" : "row " + n(p.row));
        if (style == position_style::prose || p.cell) add(zh ? "第" + n(p.cell) + "格" : "cell " + n(p.cell));
    }
    if (style == position_style::compact && !out.empty()) out.insert(0, zh ? ":" : ": ");
    return out;
}

/// The number of the report's part a cell, table or section reference belongs to (2 for a cell of table 二 in
/// either edition, 3 for table 三, 4 for table 四, 1 … 6 for a section); 0 for metadata and for no reference.
constexpr unsigned report_table_number(cell_ref c) noexcept {
    switch (c.where) {
    case area::none:
    case area::metadata: return 0;
    case area::section: return c.item + 1u;
    default: return static_cast<unsigned>(index(table_section(c.where))) + 1;
    }
}

/// Where a value of cell `c` stood: `p` written as above, a table position naming the report's table of `c`
/// (`表三第27行第3格`), which says more than the document's count of tables (a DOCX may hold layout tables
/// before the report's).
inline std::string position_text(const source_position &p, cell_ref c, language lang,
                                 position_style style = position_style::prose) {
    return position_text(p, lang, style, report_table_number(c));
}

/// Where finding `d` stood: its source written as above, naming the report's table of its first cell that
/// belongs to one (a finding about metadata alone names the document's table).
inline std::string position_text(const diagnostic &d, language lang, position_style style = position_style::prose) {
    for (cell_ref c : d.cells)
        if (const unsigned table = report_table_number(c)) return position_text(d.source, lang, style, table);
    return position_text(d.source, lang, style);
}

}  // namespace xxgk

#endif
