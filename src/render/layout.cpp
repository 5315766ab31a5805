// The official layout of tables 二, 三 and 四 (template of 国办公开办函〔2021〕30号, word/document.xml:
// w:gridSpan and w:vMerge as rowspan/colspan), and its flattened form. Table 二 is derived from the
// model's own cell order (`for_each_cell`), so the 2021 and 2019 editions share one builder.
#include "layout.hpp"

namespace xxgk::render_detail {

namespace {

using u16 = std::uint16_t;

// Table 二's value columns after 信息内容 (three in both editions; narrower sub-tables span the last one).
constexpr u16 table2_columns = 3;

slot slot_of(const report &r, cell_ref c) { return {c, find_cell(r, c)}; }

// One row of table 二 and the 第二十条 clause whose sub-table it belongs to.
struct table2_item {
    article_clause clause;
    std::string_view label;
    std::vector<slot> cells;
    std::vector<std::string_view> columns;
};

std::vector<table2_item> table2_items(const report &r) {
    std::vector<table2_item> items;
    for_each_cell(r, [&](cell_ref c, const cell &value) {
        if (c.where != area::active_disclosure && c.where != area::active_disclosure_2019) return;
        if (items.empty() || labels(c).row != items.back().label) {
            const article_clause clause = c.where == area::active_disclosure ? clause_of(active_item(c.item))
                                                                             : clause_of(active_item_2019(c.item));
            items.push_back({clause, labels(c).row, {}, {}});
        }
        items.back().cells.push_back({c, &value});
        items.back().columns.push_back(labels(c).column);
    });
    return items;
}

grid_table table2_grid(const report &r) {
    grid_table t{section::active_disclosure, {}};
    const auto items = table2_items(r);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const table2_item &item = items[i];
        if (i == 0 || items[i - 1].clause != item.clause) {
            t.rows.push_back({{role::caption, label(item.clause), 1, table2_columns + 1, {}}});
            auto &header = t.rows.emplace_back();
            header.push_back({role::header, content_header_label, 1, 1, {}});
            for (std::size_t k = 0; k < item.columns.size(); ++k)
                header.push_back({role::header, item.columns[k], 1,
                                  static_cast<u16>(k + 1 == item.columns.size() ? table2_columns - k : 1), {}});
        }
        auto &line = t.rows.emplace_back();
        line.push_back({role::label, item.label, 1, 1, {}});
        for (std::size_t k = 0; k < item.cells.size(); ++k)
            line.push_back({role::value, {}, 1,
                            static_cast<u16>(k + 1 == item.cells.size() ? table2_columns - k : 1), item.cells[k]});
    }
    return t;
}

flat_section table2_flat(const report &r) {
    flat_section s{section::active_disclosure, {}};
    for (const table2_item &item : table2_items(r)) {
        if (s.tables.empty() || label(item.clause) != s.tables.back().caption) {
            flat_table &t = s.tables.emplace_back();
            t.caption = label(item.clause);
            t.header.push_back(content_header_label);
            t.header.insert(t.header.end(), item.columns.begin(), item.columns.end());
        }
        s.tables.back().rows.push_back({item.label, item.cells});
    }
    return s;
}

// The table-三 rows of the report's edition in printed order: a `row`, or the 2019 single （六） row.
struct t3_line {
    std::uint8_t item;  // `cell_ref::item`
    std::string_view label;
    bool outcome;
    outcome_group group;
};

std::vector<t3_line> t3_lines(const report &r) {
    const bool trial = r.format() == format_version::v2019;
    std::vector<t3_line> lines;
    for (row rw : all_of<row>()) {
        if (trial && is_2021_only(rw)) {
            if (rw == row::other_no_correction)
                lines.push_back({cell_ref::other_handling_row, label(outcome_group::other_handling), true,
                                 outcome_group::other_handling});
            continue;
        }
        lines.push_back({static_cast<std::uint8_t>(rw), label(rw), is_outcome(rw), group_of(rw)});
    }
    return lines;
}

std::vector<slot> t3_values(const report &r, std::uint8_t item) {
    std::vector<slot> v;
    for (applicant a : all_of<applicant>())
        v.push_back(slot_of(r, cell_ref{area::applications, item, static_cast<std::uint8_t>(a)}));
    return v;
}

// Outcome groups printed as a heading over their reasons (（三）–（六）), as opposed to a row of their own.
bool has_subrows(const t3_line &l) {
    return l.outcome && l.group != outcome_group::granted && l.group != outcome_group::partially_granted &&
           l.item != cell_ref::other_handling_row;
}

grid_table table3_grid(const report &r) {
    grid_table t{section::applications, {}};
    const auto lines = t3_lines(r);
    enum_array<outcome_group, u16> group_rows{};
    u16 outcome_rows = 1;  // （七）总计 sits under 三、本年度办理结果 too
    for (const t3_line &l : lines)
        if (l.outcome) ++group_rows[l.group], ++outcome_rows;

    t.rows.push_back({{role::note, balance_note_label, 3, 3, {}},
                      {role::header, applicants_heading_label, 1, static_cast<u16>(enum_count<applicant>), {}}});
    t.rows.push_back({{role::header, label(applicant::natural_person), 2, 1, {}},
                      {role::header, organisations_heading_label, 1, static_cast<u16>(enum_count<applicant> - 2), {}},
                      {role::header, label(applicant::total), 2, 1, {}}});
    auto &organisations = t.rows.emplace_back();
    for (applicant a : all_of<applicant>())
        if (a != applicant::natural_person && a != applicant::total)
            organisations.push_back({role::header, label(a), 1, 1, {}});

    for (std::size_t i = 0; i < lines.size(); ++i) {
        const t3_line &l = lines[i];
        auto &line = t.rows.emplace_back();
        if (l.outcome && (i == 0 || !lines[i - 1].outcome))
            line.push_back({role::group, outcomes_heading_label, outcome_rows, 1, {}});
        if (has_subrows(l)) {
            if (!has_subrows(lines[i - 1]) || lines[i - 1].group != l.group)
                line.push_back({role::group, label(l.group), group_rows[l.group], 1, {}});
            line.push_back({role::label, l.label, 1, 1, {}});
        } else {
            const bool under_results = l.outcome || l.item == static_cast<std::uint8_t>(row::total_processed);
            line.push_back({role::label, l.label, 1, static_cast<u16>(under_results ? 2 : 3), {}});
        }
        for (const slot &s : t3_values(r, l.item)) line.push_back({role::value, {}, 1, 1, s});
    }
    return t;
}

flat_section table3_flat(const report &r) {
    flat_table t;
    t.header.push_back(balance_note_label);
    for (applicant a : all_of<applicant>()) t.header.push_back(label(a));
    const auto lines = t3_lines(r);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const t3_line &l = lines[i];
        if (l.outcome && (i == 0 || !lines[i - 1].outcome)) t.rows.push_back({outcomes_heading_label, {}});
        if (has_subrows(l) && (!has_subrows(lines[i - 1]) || lines[i - 1].group != l.group))
            t.rows.push_back({label(l.group), {}});
        t.rows.push_back({l.label, t3_values(r, l.item)});
    }
    return {section::applications, {std::move(t)}};
}

std::vector<slot> t4_values(const report &r, proceeding p) {
    std::vector<slot> v;
    for (case_result c : all_of<case_result>()) v.push_back(slot_of(r, ref(p, c)));
    return v;
}

grid_table table4_grid(const report &r) {
    constexpr auto results = static_cast<u16>(enum_count<case_result>);
    grid_table t{section::review_litigation, {}};
    t.rows.push_back({{role::header, label(proceeding::administrative_review), 1, results, {}},
                      {role::header, litigation_heading_label, 1, static_cast<u16>(2 * results), {}}});
    auto &second = t.rows.emplace_back();
    for (case_result c : all_of<case_result>()) second.push_back({role::header, label(c), 2, 1, {}});
    second.push_back({role::header, label(proceeding::litigation_direct), 1, results, {}});
    second.push_back({role::header, label(proceeding::litigation_after_review), 1, results, {}});
    auto &third = t.rows.emplace_back();
    for (int k = 0; k < 2; ++k)
        for (case_result c : all_of<case_result>()) third.push_back({role::header, label(c), 1, 1, {}});
    auto &values = t.rows.emplace_back();
    for (proceeding p : all_of<proceeding>())
        for (const slot &s : t4_values(r, p)) values.push_back({role::value, {}, 1, 1, s});
    return t;
}

flat_section table4_flat(const report &r) {
    flat_table t;
    t.header.push_back({});
    for (case_result c : all_of<case_result>()) t.header.push_back(label(c));
    for (proceeding p : all_of<proceeding>()) {
        if (p == proceeding::litigation_direct) t.rows.push_back({litigation_heading_label, {}});
        t.rows.push_back({label(p), t4_values(r, p)});
    }
    return {section::review_litigation, {std::move(t)}};
}

}  // namespace

std::array<grid_table, 3> official_grid(const report &r) { return {table2_grid(r), table3_grid(r), table4_grid(r)}; }

std::array<flat_section, 3> flat_layout(const report &r) { return {table2_flat(r), table3_flat(r), table4_flat(r)}; }

std::string printed(const cell &c) {
    switch (c.kind) {
    case cell_kind::number: return c.text.empty() ? to_string(c.value) : c.text;
    case cell_kind::placeholder:
    case cell_kind::text: return c.text;
    case cell_kind::blank:
    case cell_kind::unreadable: break;
    }
    return {};
}

std::string shown_value(const slot &s) {
    if (!s.value) return {};
    return s.value->kind == cell_kind::unreadable ? std::string(unreadable_mark) : printed(*s.value);
}

}  // namespace xxgk::render_detail
