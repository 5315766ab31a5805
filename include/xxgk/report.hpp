#ifndef XXGK_REPORT_HPP
#define XXGK_REPORT_HPP

// The report model: metadata, the six sections' text and the three tables, exactly as the format lays
// them out. Table 二 is a Boost.Describe'd struct per edition (2021 / 2019 trial); tables 三 and 四 are
// arrays indexed by the format's enumerations. `cell_ref` names any cell or section compactly, and
// turns into a JSON Pointer and official labels on demand.

#include <xxgk/cell.hpp>
#include <xxgk/format.hpp>
#include <xxgk/text.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/members.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace xxgk {

// ---- Table 二, 2021 ------------------------------------------------------------------------------

/// One row of the 第二十条第（一）项 sub-table.
struct document_counts {
    cell issued, repealed, in_force;
    friend bool operator==(const document_counts &, const document_counts &) = default;
};
BOOST_DESCRIBE_STRUCT(document_counts, (), (issued, repealed, in_force))

/// Table 二 of the 2021 format (10 cells); member names are the `active_item` identifiers.
struct active_disclosure {
    document_counts regulations, normative_documents;
    cell licensing, punishment, enforcement;
    /// 本年收费金额 in 万元, an exact decimal.
    cell fees;
    friend bool operator==(const active_disclosure &, const active_disclosure &) = default;
};
BOOST_DESCRIBE_STRUCT(active_disclosure, (),
                      (regulations, normative_documents, licensing, punishment, enforcement, fees))

// ---- Table 二, 2019 trial format -----------------------------------------------------------------

struct document_counts_2019 {
    cell made, published, total_published;
    friend bool operator==(const document_counts_2019 &, const document_counts_2019 &) = default;
};
BOOST_DESCRIBE_STRUCT(document_counts_2019, (), (made, published, total_published))

struct decision_counts_2019 {
    cell previous_items;
    /// 本年增/减: a signed number, printed text kept (`+1`, `减12`).
    cell change;
    cell decisions;
    friend bool operator==(const decision_counts_2019 &, const decision_counts_2019 &) = default;
};
BOOST_DESCRIBE_STRUCT(decision_counts_2019, (), (previous_items, change, decisions))

struct fee_counts_2019 {
    cell previous_items, change;
    friend bool operator==(const fee_counts_2019 &, const fee_counts_2019 &) = default;
};
BOOST_DESCRIBE_STRUCT(fee_counts_2019, (), (previous_items, change))

struct procurement_2019 {
    cell items;
    /// Money in whatever unit the report printed (元 or 万元); printed text kept.
    cell amount;
    friend bool operator==(const procurement_2019 &, const procurement_2019 &) = default;
};
BOOST_DESCRIBE_STRUCT(procurement_2019, (), (items, amount))

/// Table 二 of the 2019 trial format; member names are the `active_item_2019` identifiers.
struct active_disclosure_2019 {
    document_counts_2019 regulations, normative_documents;
    decision_counts_2019 licensing, other_services, punishment, enforcement;
    fee_counts_2019 fees;
    procurement_2019 procurement;
    friend bool operator==(const active_disclosure_2019 &, const active_disclosure_2019 &) = default;
};
BOOST_DESCRIBE_STRUCT(active_disclosure_2019, (),
                      (regulations, normative_documents, licensing, other_services, punishment, enforcement, fees,
                       procurement))

// ---- Tables 三 and 四 ----------------------------------------------------------------------------

/// One row of table 三: the seven applicant columns.
using applicant_cells = enum_array<applicant, cell>;

/// Table 三: 25 rows × 7 columns; the 2019 trial format uses `other_handling` instead of the three
/// `other_*` rows (which then stay blank).
struct applications_table {
    enum_array<row, applicant_cells> rows;
    /// （六）其他处理 as the single row of the 2019 trial format; unused in the 2021 format.
    applicant_cells other_handling;

    cell &operator()(row r, applicant a) noexcept { return rows[r][a]; }
    const cell &operator()(row r, applicant a) const noexcept { return rows[r][a]; }
    friend bool operator==(const applications_table &, const applications_table &) = default;
};

/// Table 四: 3 proceedings × 5 results.
using review_table = enum_array<proceeding, enum_array<case_result, cell>>;

// ---- The report ----------------------------------------------------------------------------------

struct report {
    std::optional<std::string> title;
    std::optional<std::string> agency;
    /// The data year (the year the report covers), not the publication year.
    std::optional<int> year;
    std::optional<agency_kind> kind;
    /// Publication date as ISO `YYYY-MM-DD`, when known.
    std::optional<std::string> published;
    /// The text before section 一 (usually the basis and the statistics-period statement).
    std::optional<std::string> preamble;
    /// The text of each section (the prose only, not the tables); nothing when the section is absent.
    enum_array<section, std::optional<std::string>> sections;
    /// Table 二 in the edition the report uses; the alternative decides `format()`.
    std::variant<active_disclosure, active_disclosure_2019> active = active_disclosure{};
    applications_table applications;
    review_table review_litigation;

    format_version format() const noexcept {
        return active.index() == 0 ? format_version::v2021 : format_version::v2019;
    }
    friend bool operator==(const report &, const report &) = default;
};

// ---- Naming cells --------------------------------------------------------------------------------

/// What a `cell_ref` points into.
enum class area : std::uint8_t { none, metadata, section, active_disclosure, active_disclosure_2019, applications,
                                  review_litigation };

/// The section that holds the table of a cell's area (section 二 for both editions of table 二).
constexpr section table_section(area a) noexcept {
    return a == area::applications ? section::applications
           : a == area::review_litigation ? section::review_litigation
                                          : section::active_disclosure;
}

/// Report-level fields a diagnostic may concern.
BOOST_DEFINE_ENUM_CLASS(metadata_field, format, title, agency, year, agency_kind, published)
template <> inline constexpr std::array<std::string_view, 6> labels_of<metadata_field> = {
    "格式",
    "标题", "机关名称", "年度", "机关类别", "发布日期"};
template <> inline constexpr std::array<std::string_view, 6> english_labels_of<metadata_field> = {
    "Format", "Title", "Agency", "Year", "Kind of agency", "Publication date"};

/// A compact name for a cell, a section or a metadata field. For table 二, `item` is the
/// `active_item` (or `active_item_2019`) and `column` the `document_column` (or `column_2019`),
/// `no_column` for single cells; for table 三 `item` is the `row` (`other_handling_row` for the 2019
/// row) and `column` the `applicant`; for table 四 `item` is the `proceeding` and `column` the `case_result`.
struct cell_ref {
    area where = area::none;
    std::uint8_t item = 0;
    std::uint8_t column = no_column;

    static constexpr std::uint8_t no_column = 0xFF;
    static constexpr std::uint8_t other_handling_row = static_cast<std::uint8_t>(enum_count<row>);

    friend constexpr bool operator==(const cell_ref &, const cell_ref &) = default;
};

constexpr cell_ref ref(row r, applicant a) noexcept {
    return {area::applications, static_cast<std::uint8_t>(r), static_cast<std::uint8_t>(a)};
}
constexpr cell_ref ref(proceeding p, case_result c) noexcept {
    return {area::review_litigation, static_cast<std::uint8_t>(p), static_cast<std::uint8_t>(c)};
}
constexpr cell_ref ref(active_item i, std::optional<document_column> c = std::nullopt) noexcept {
    return {area::active_disclosure, static_cast<std::uint8_t>(i),
            c ? static_cast<std::uint8_t>(*c) : cell_ref::no_column};
}
constexpr cell_ref ref(active_item_2019 i, column_2019 c) noexcept {
    return {area::active_disclosure_2019, static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(c)};
}
constexpr cell_ref ref(section s) noexcept { return {area::section, static_cast<std::uint8_t>(s)}; }
constexpr cell_ref ref(metadata_field f) noexcept { return {area::metadata, static_cast<std::uint8_t>(f)}; }

namespace detail {

// Visits the cells of a table-二 struct in printed order, naming each by the enumerators whose
// identifiers equal the member names (checked at compile time).
template <class Item, class Column, class Table, class F>
void for_each_table2_cell(Table &table, area where, F &&f) {
    using namespace boost::describe;
    boost::mp11::mp_for_each<describe_members<std::remove_const_t<Table>, mod_public>>([&](auto item_d) {
        constexpr std::optional<Item> item = from_name<Item>(decltype(item_d)::name);
        static_assert(item.has_value(), "table-二 member names must be the format's identifiers");
        auto &member = table.*item_d.pointer;
        using member_t = std::remove_cvref_t<decltype(member)>;
        if constexpr (std::is_same_v<member_t, cell>) {
            f(cell_ref{where, static_cast<std::uint8_t>(*item), cell_ref::no_column}, member);
        } else {
            boost::mp11::mp_for_each<describe_members<member_t, mod_public>>([&](auto col_d) {
                constexpr std::optional<Column> col = from_name<Column>(decltype(col_d)::name);
                static_assert(col.has_value(), "table-二 column names must be the format's identifiers");
                f(cell_ref{where, static_cast<std::uint8_t>(*item), static_cast<std::uint8_t>(*col)},
                  member.*col_d.pointer);
            });
        }
    });
}

}  // namespace detail

/// Calls `f(cell_ref, cell&)` for every table cell of the report's format, in printed order:
/// table 二, table 三 row by row, table 四 proceeding by proceeding.
template <class Report, class F>
void for_each_cell(Report &r, F &&f) {
    if (auto *a = std::get_if<active_disclosure>(&r.active))
        detail::for_each_table2_cell<active_item, document_column>(*a, area::active_disclosure, f);
    else
        detail::for_each_table2_cell<active_item_2019, column_2019>(std::get<active_disclosure_2019>(r.active),
                                                                    area::active_disclosure_2019, f);
    const bool trial = r.format() == format_version::v2019;
    for (row rw : all_of<row>()) {
        if (trial && is_2021_only(rw)) {
            if (rw == row::other_no_correction)
                for (applicant a : all_of<applicant>())
                    f(cell_ref{area::applications, cell_ref::other_handling_row, static_cast<std::uint8_t>(a)},
                      r.applications.other_handling[a]);
            continue;
        }
        for (applicant a : all_of<applicant>()) f(ref(rw, a), r.applications(rw, a));
    }
    for (proceeding p : all_of<proceeding>())
        for (case_result c : all_of<case_result>()) f(ref(p, c), r.review_litigation[p][c]);
}

/// The cell a reference names in this report, or null when it names no cell of the report's format.
template <class Report>
auto find_cell(Report &r, cell_ref target) noexcept -> decltype(&r.applications.other_handling[applicant::total]) {
    decltype(&r.applications.other_handling[applicant::total]) found = nullptr;
    switch (target.where) {
    case area::applications:
        if (target.column >= enum_count<applicant>) return nullptr;
        if (target.item == cell_ref::other_handling_row)
            return r.format() == format_version::v2019 ? &r.applications.other_handling[applicant(target.column)]
                                                       : nullptr;
        if (target.item >= enum_count<row>) return nullptr;
        if (r.format() == format_version::v2019 && is_2021_only(row(target.item))) return nullptr;
        return &r.applications(row(target.item), applicant(target.column));
    case area::review_litigation:
        if (target.item >= enum_count<proceeding> || target.column >= enum_count<case_result>) return nullptr;
        return &r.review_litigation[proceeding(target.item)][case_result(target.column)];
    case area::active_disclosure:
    case area::active_disclosure_2019:
        for_each_cell(r, [&](cell_ref c, auto &x) {
            if (c == target) found = &x;
        });
        return found;
    default: return nullptr;
    }
}

/// Calls `segment(name)` for each segment of the JSON Pointer of a reference, in order (the pointer
/// puts `/` before each). No allocation.
template <class F>
constexpr void for_each_pointer_segment(cell_ref c, F &&segment) {
    switch (c.where) {
    case area::none: break;
    case area::metadata: segment(names_of<metadata_field>[c.item]); break;
    case area::section: segment("sections"), segment(names_of<section>[c.item]); break;
    case area::active_disclosure:
        segment("active_disclosure"), segment(names_of<active_item>[c.item]);
        if (c.column != cell_ref::no_column) segment(names_of<document_column>[c.column]);
        break;
    case area::active_disclosure_2019:
        segment("active_disclosure"), segment(names_of<active_item_2019>[c.item]), segment(names_of<column_2019>[c.column]);
        break;
    case area::applications:
        segment("applications");
        segment(c.item == cell_ref::other_handling_row ? std::string_view("other_handling") : names_of<row>[c.item]);
        segment(names_of<applicant>[c.column]);
        break;
    case area::review_litigation:
        segment("review_litigation"), segment(names_of<proceeding>[c.item]), segment(names_of<case_result>[c.column]);
        break;
    }
}

/// Replaces the contents of `out` (a `std::string`, or a string with the same `clear`, `reserve`,
/// `push_back` and `append(first, last)` such as `boost::json::string`) with the JSON Pointer of a
/// reference, in one allocation.
template <class String>
void write_json_pointer(String &out, cell_ref c) {
    std::size_t size = 0;
    for_each_pointer_segment(c, [&](std::string_view s) { size += 1 + s.size(); });
    out.clear();
    out.reserve(size);
    for_each_pointer_segment(c, [&](std::string_view s) {
        out.push_back('/');
        out.append(s.begin(), s.end());
    });
}

/// The JSON Pointer of a reference into the canonical JSON, e.g. `/applications/carried_forward/total`.
inline std::string json_pointer(cell_ref c) {
    std::string p;
    write_json_pointer(p, c);
    return p;
}

/// The labels locating a reference: the table (section heading), its row and its column.
struct ref_labels {
    std::string_view table, row, column;
};

/// The labels of a reference in `lang`, e.g. {"三、收到和处理…", "（七）总计", "总计"} (the official Chinese ones,
/// the default) or {"III. Requests…", "(7) Total", "Total"}. No allocation.
constexpr ref_labels labels(cell_ref c, language lang = language::zh) noexcept {
    const auto of = [lang](auto e) { return label(e, lang); };
    switch (c.where) {
    case area::none: return {};
    case area::metadata: return {{}, of(metadata_field(c.item)), {}};
    case area::section: return {of(section(c.item)), {}, {}};
    case area::active_disclosure: {
        const auto item = active_item(c.item);
        const bool zh = lang == language::zh;
        std::string_view column = item == active_item::fees ? (zh ? fee_column_label : english_fee_column_label)
                                                            : (zh ? decisions_column_label : english_decisions_column_label);
        if (c.column != cell_ref::no_column) column = of(document_column(c.column));
        return {of(section::active_disclosure), of(item), column};
    }
    case area::active_disclosure_2019:
        return {of(section::active_disclosure), of(active_item_2019(c.item)), of(column_2019(c.column))};
    case area::applications:
        return {of(section::applications),
                c.item == cell_ref::other_handling_row ? of(outcome_group::other_handling) : of(row(c.item)),
                of(applicant(c.column))};
    case area::review_litigation:
        return {of(section::review_litigation), of(proceeding(c.item)), of(case_result(c.column))};
    }
    return {};
}

/// What a table cell's number measures, which decides what it may look like.
enum class quantity_kind {
    count,         ///< documents, decisions, applications, cases: a non-negative integer
    amount,        ///< money (行政事业性收费, 2019 采购金额): non-negative, may have decimals and a unit
    signed_change  ///< 本年增/减 of the 2019 format: may carry a sign
};

/// What the table cell `c` measures: the one place that says which cells are counts, amounts or signed.
constexpr quantity_kind quantity_of(cell_ref c) noexcept {
    if (c.where == area::active_disclosure && active_item(c.item) == active_item::fees) return quantity_kind::amount;
    if (c.where == area::active_disclosure_2019) {
        if (column_2019(c.column) == column_2019::amount) return quantity_kind::amount;
        if (column_2019(c.column) == column_2019::change) return quantity_kind::signed_change;
    }
    return quantity_kind::count;
}

/// True for table cells that hold counts (non-negative integers); false for money, signed changes and
/// references outside the tables.
constexpr bool is_count(cell_ref c) noexcept {
    const bool in_tables = c.where == area::active_disclosure || c.where == area::active_disclosure_2019 ||
                           c.where == area::applications || c.where == area::review_litigation;
    return in_tables && quantity_of(c) == quantity_kind::count;
}

}  // namespace xxgk

#endif
