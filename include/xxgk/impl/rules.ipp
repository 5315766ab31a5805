// The table rules. Included by rules.hpp only.

#include <algorithm>

namespace xxgk {

inline std::optional<rule> find_rule(std::string_view id) noexcept {
    for (const rule_info &e : catalogue)
        if (e.id == id) return e.which;
    return std::nullopt;
}

namespace detail {

inline std::string describe_ref(cell_ref c, language lang) {
    const ref_labels l = labels(c, lang);
    if (l.row.empty()) return std::string(l.table);
    if (l.column.empty()) return std::string(l.row);
    if (lang == language::zh) return "“" + std::string(l.row) + "”“" + std::string(l.column) + "”";
    return std::string(l.row) + " / " + std::string(l.column);
}

// Collects findings; knows the options and the report being checked.
struct rule_sink {
    const report &r;
    const check_options &options;
    std::vector<diagnostic> &out;

    bool on(rule which) const noexcept { return options.enabled(which); }

    diagnostic &emit(rule which, status state, std::span<const cell_ref> cells) {
        diagnostic &d = out.emplace_back();
        d.which = which;
        d.state = state;
        d.level = state == status::fail ? options.severity_of(which) : severity::info;
        d.cells.assign(cells.begin(), cells.end());
        if (!cells.empty())
            if (const cell *c = find_cell(r, cells.front())) d.source = c->source;
        return d;
    }
    diagnostic &emit(rule which, cell_ref subject) { return emit(which, status::fail, std::span(&subject, 1)); }
};

// The sum of some cells, or the first cell arithmetic cannot use.
struct term_sum {
    decimal value{};
    const cell *bad = nullptr;
    cell_ref bad_ref{};
    bool overflow = false;
};

// The cell an identity's reference names. The identities name only cells of the report's format, so a
// table-三 or table-四 cell is indexed directly, without find_cell's checks (a call per term otherwise).
inline const cell &term_cell(const report &r, cell_ref ref) noexcept {
    if (ref.where == area::applications && ref.item < enum_count<row>)
        return r.applications.rows.items[ref.item].items[ref.column];
    if (ref.where == area::review_litigation) return r.review_litigation.items[ref.item].items[ref.column];
    return *find_cell(r, ref);
}

inline term_sum sum_of(const report &r, std::span<const cell_ref> refs) noexcept {
    term_sum s;
    for (cell_ref ref : refs) {
        const cell &c = term_cell(r, ref);
        if (!c.is_assessable()) {
            if (!s.bad) s.bad = &c, s.bad_ref = ref;
            continue;
        }
        if (c.kind != cell_kind::number) continue;  // blank or placeholder: adding 0 changes nothing
        if (auto v = add(s.value, c.value)) s.value = *v;
        else s.overflow = true;
    }
    return s;
}

inline bool is_nonzero_number(const cell &c) noexcept { return c.is_number() && !c.value.is_zero(); }

// The table-三 rows of the report's format, as `cell_ref::item` values in printed order.
struct t3_rows {
    std::array<std::uint8_t, enum_count<row>> items{};
    std::size_t size = 0;
    const std::uint8_t *begin() const noexcept { return items.data(); }
    const std::uint8_t *end() const noexcept { return items.data() + size; }
};

inline t3_rows rows_of(format_version f) noexcept {
    t3_rows rows;
    for (row rw : all_of<row>()) {
        if (f == format_version::v2019 && is_2021_only(rw)) {
            if (rw == row::other_no_correction) rows.items[rows.size++] = cell_ref::other_handling_row;
            continue;
        }
        rows.items[rows.size++] = static_cast<std::uint8_t>(rw);
    }
    return rows;
}

inline cell_ref t3(std::uint8_t item, applicant a) noexcept {
    return {area::applications, item, static_cast<std::uint8_t>(a)};
}

// The outcome rows summed by （七）总计 in a column: [total_processed, outcome rows…].
struct outcome_refs {
    std::array<cell_ref, 22> refs{};
    std::size_t size = 0;
    std::span<const cell_ref> total() const noexcept { return {refs.data(), 1}; }
    std::span<const cell_ref> parts() const noexcept { return {refs.data() + 1, size - 1}; }
    std::span<const cell_ref> all() const noexcept { return {refs.data(), size}; }
};

inline outcome_refs outcome_column(format_version f, applicant a) noexcept {
    outcome_refs o;
    o.refs[o.size++] = ref(row::total_processed, a);
    for (std::uint8_t item : rows_of(f))
        if (item == cell_ref::other_handling_row || is_outcome(row(item))) o.refs[o.size++] = t3(item, a);
    return o;
}

// A row of table 三 as [total, the six applicant columns].
inline std::array<cell_ref, 7> applicant_row(std::uint8_t item) noexcept {
    std::array<cell_ref, 7> refs{};
    refs[0] = t3(item, applicant::total);
    for (std::size_t i = 0; i + 1 < enum_count<applicant>; ++i) refs[i + 1] = t3(item, applicant(i));
    return refs;
}

// A total cell left blank while its parts hold non-zero numbers: reported by t3.total_blank only.
inline bool blank_total_with_parts(const report &r, std::span<const cell_ref> total_then_parts) noexcept {
    if (find_cell(r, total_then_parts.front())->kind != cell_kind::blank) return false;
    return std::any_of(total_then_parts.begin() + 1, total_then_parts.end(),
                       [&](cell_ref p) { return is_nonzero_number(*find_cell(r, p)); });
}

inline bool row_total_blank(const report &r, std::uint8_t item) noexcept {
    const auto refs = applicant_row(item);
    return blank_total_with_parts(r, refs);
}
inline bool column_total_blank(const report &r, applicant a) noexcept {
    return blank_total_with_parts(r, outcome_column(r.format(), a).all());
}

inline bool reported_as_total_blank(const rule_sink &sink, cell_ref c) noexcept {
    if (!sink.on(rule::t3_total_blank) || c.where != area::applications) return false;
    if (c.column == index(applicant::total) && row_total_blank(sink.r, c.item)) return true;
    return c.item == index(row::total_processed) && column_total_blank(sink.r, applicant(c.column));
}

// Evaluates sum(lhs) == sum(rhs); reports a failure, or not_assessable when a term is unusable.
// An identity with a term already reported by t3.total_blank is not reported again.
// True when every term is a plain integer and the sums are equal: the common case, in which
// `check_identity` has nothing to report.
inline bool plain_identity_holds(const report &r, std::span<const cell_ref> lhs, std::span<const cell_ref> rhs) noexcept {
    std::int64_t sums[2] = {0, 0};
    for (int side = 0; side < 2; ++side)
        for (cell_ref ref : side == 0 ? lhs : rhs) {
            const cell &c = term_cell(r, ref);
            if (c.kind != cell_kind::number || c.value.scale != 0 ||
                __builtin_add_overflow(sums[side], c.value.units, &sums[side]))
                return false;
        }
    return sums[0] == sums[1];
}

inline void check_identity(rule which, std::span<const cell_ref> lhs, std::span<const cell_ref> rhs,
                           rule_sink &sink) {
    if (plain_identity_holds(sink.r, lhs, rhs)) return;
    for (auto part : {lhs, rhs})
        for (cell_ref c : part)
            if (find_cell(sink.r, c)->kind == cell_kind::blank && reported_as_total_blank(sink, c)) return;
    const term_sum left = sum_of(sink.r, lhs), right = sum_of(sink.r, rhs);
    const bool usable = !left.bad && !right.bad && !left.overflow && !right.overflow;
    if (usable && compare(left.value, right.value) == 0) return;
    std::array<cell_ref, 32> cells{};
    std::size_t n = 0;
    if (!usable && (left.bad || right.bad)) cells[n++] = left.bad ? left.bad_ref : right.bad_ref;
    for (auto part : {lhs, rhs})
        for (cell_ref c : part)
            if (n == 0 || c != cells[0]) cells[n++] = c;
    diagnostic &d = sink.emit(which, usable ? status::fail : status::not_assessable, std::span(cells.data(), n));
    if (!usable) {
        d.text = left.bad ? left.bad->text : right.bad ? right.bad->text : std::string("overflow");
        return;
    }
    d.left = left.value;
    d.right = right.value;
    d.difference = subtract(left.value, right.value);
}

inline void check_cells(rule_sink &sink) {
    const bool any = sink.on(rule::cell_not_numeric) || sink.on(rule::cell_blank) || sink.on(rule::cell_placeholder) ||
                     sink.on(rule::cell_negative) || sink.on(rule::cell_fractional) || sink.on(rule::cell_unreadable);
    if (!any) return;
    for_each_cell(sink.r, [&](cell_ref ref, const cell &c) {
        switch (c.kind) {
        case cell_kind::blank:
            if (sink.on(rule::cell_blank) && !reported_as_total_blank(sink, ref)) sink.emit(rule::cell_blank, ref);
            break;
        case cell_kind::placeholder:
            if (sink.on(rule::cell_placeholder)) sink.emit(rule::cell_placeholder, ref).text = c.text;
            break;
        case cell_kind::text:
            if (sink.on(rule::cell_not_numeric)) sink.emit(rule::cell_not_numeric, ref).text = c.text;
            break;
        case cell_kind::unreadable:
            if (sink.on(rule::cell_unreadable)) sink.emit(rule::cell_unreadable, ref);
            break;
        case cell_kind::number: {
            const bool signed_change = quantity_of(ref) == quantity_kind::signed_change;
            if (c.value.is_negative() && !signed_change && sink.on(rule::cell_negative))
                sink.emit(rule::cell_negative, ref).left = c.value;
            if (!c.value.is_integer() && is_count(ref) && sink.on(rule::cell_fractional))
                sink.emit(rule::cell_fractional, ref).left = c.value;
            break;
        }
        }
    });
}

inline void check_fee_unit(rule_sink &sink) {
    const auto *t2 = std::get_if<active_disclosure>(&sink.r.active);
    if (!t2 || !t2->fees.is_number()) return;
    const cell &fees = t2->fees;
    const bool printed_in_yuan = fees.text.ends_with("元") && !fees.text.ends_with("万元");
    if (!printed_in_yuan && compare(fees.value, sink.options.fee_unit_threshold) < 0) return;
    diagnostic &d = sink.emit(rule::t2_fee_unit, ref(active_item::fees));
    d.left = fees.value;
    // What fired: the printed unit (its text), else the threshold (its value); the message follows.
    if (printed_in_yuan) d.text = fees.text;
    else d.right = sink.options.fee_unit_threshold;
}

// In force ≥ issued − repealed, for 规章 and 行政规范性文件 of the 2021 table 二.
inline void check_in_force_bound(rule_sink &sink) {
    const auto *t2 = std::get_if<active_disclosure>(&sink.r.active);
    if (!t2) return;
    for (active_item item : {active_item::regulations, active_item::normative_documents}) {
        const document_counts &n = item == active_item::regulations ? t2->regulations : t2->normative_documents;
        const std::array<cell_ref, 3> cells = {ref(item, document_column::in_force), ref(item, document_column::issued),
                                               ref(item, document_column::repealed)};
        const std::array<const cell *, 3> values = {&n.in_force, &n.issued, &n.repealed};
        const auto bad = std::find_if(values.begin(), values.end(), [](const cell *c) { return !c->is_assessable(); });
        if (bad != values.end()) {
            // The unusable cell first, as for the identities.
            std::array<cell_ref, 3> named = cells;
            std::swap(named[0], named[static_cast<std::size_t>(bad - values.begin())]);
            sink.emit(rule::t2_in_force_bound, status::not_assessable, named).text = (*bad)->text;
            continue;
        }
        const auto bound = subtract(n.issued.arithmetic_value(), n.repealed.arithmetic_value());
        if (!bound || compare(n.in_force.arithmetic_value(), *bound) >= 0) continue;
        diagnostic &d = sink.emit(rule::t2_in_force_bound, status::fail, cells);
        d.left = n.in_force.arithmetic_value();
        d.right = *bound;
        d.difference = subtract(*d.left, *bound);
    }
}

// The identities rule `which` checks (t3.balance, t3.outcome_total, t3.applicant_total, t4.total).
inline void check_identities(rule which, rule_sink &sink) {
    for_each_identity(sink.r.format(), which,
                      [&](const table_identity &id) { check_identity(id.which, id.lhs, id.rhs, sink); });
}

inline void report_total_blank(rule_sink &sink, std::span<const cell_ref> total_then_parts) {
    if (!blank_total_with_parts(sink.r, total_then_parts)) return;
    sink.emit(rule::t3_total_blank, status::fail, total_then_parts).right =
        sum_of(sink.r, total_then_parts.subspan(1)).value;
}

inline void check_total_blank(rule_sink &sink) {
    for (std::uint8_t item : rows_of(sink.r.format())) {
        const auto refs = applicant_row(item);
        report_total_blank(sink, refs);
    }
    for (applicant a : all_of<applicant>()) {
        // Only a blank total can be reported; the column's references are built only then.
        if (sink.r.applications(row::total_processed, a).kind != cell_kind::blank) continue;
        if (a == applicant::total && row_total_blank(sink.r, index(row::total_processed))) continue;
        report_total_blank(sink, outcome_column(sink.r.format(), a).all());
    }
}

inline void check_outdated_format(rule_sink &sink) {
    if (sink.r.format() != format_version::v2019 || !sink.r.year || *sink.r.year < 2021) return;
    sink.emit(rule::doc_outdated_format, ref(metadata_field::format)).left = decimal{*sink.r.year, 0};
}

// The plain counts of the fast path: every cell an integer (no scale) and, all of them OR'd together, below
// 2^58, so that no sum of up to 32 of them overflows and a negative value (its sign bit set) also fails.
struct plain_counts {
    static constexpr std::uint64_t limit = std::uint64_t{1} << 58;
    std::uint64_t seen = 0;
    bool integers = true;

    std::uint64_t operator()(const cell &c) noexcept {
        const auto v = static_cast<std::uint64_t>(c.value.units);
        seen |= v;
        integers &= (c.kind == cell_kind::number) & (c.value.scale == 0);
        return v;
    }
    bool ok() const noexcept { return integers && seen < limit; }
};

// The fast path of `check`: true when a 2021-format report holds only plain counts (and a plain fee
// below the threshold) and every identity holds, so that no table rule can fire. The cells are read
// once without branching; anything unusual returns false and the rules run one by one.
inline bool obviously_clean(const report &r, const check_options &options) noexcept {
    const auto *t2 = std::get_if<active_disclosure>(&r.active);
    if (!t2) return false;
    plain_counts count;
    for (const document_counts *d : {&t2->regulations, &t2->normative_documents})
        count(d->issued), count(d->repealed), count(d->in_force);
    count(t2->licensing), count(t2->punishment), count(t2->enforcement);
    const cell &fees = t2->fees;
    if (fees.kind != cell_kind::number || fees.value.is_negative() || !fees.text.empty() ||
        compare(fees.value, options.fee_unit_threshold) >= 0)
        return false;

    constexpr std::size_t columns = enum_count<applicant>, total = columns - 1;
    static_assert(index(applicant::total) == total, "the total is the last column of table 三");
    static_assert(index(row::granted) == 2 && index(row::other_other) == 22 && index(row::total_processed) == 23 &&
                      index(row::carried_forward) == 24 && enum_count<row> == 25,
                  "table 三: received, carried over, the outcomes, processed, carried forward");
    std::array<std::array<std::uint64_t, columns>, enum_count<row>> v;
    for (std::size_t rw = 0; rw < enum_count<row>; ++rw)
        for (std::size_t a = 0; a < columns; ++a) v[rw][a] = count(r.applications.rows.items[rw].items[a]);
    std::array<std::array<std::uint64_t, enum_count<case_result>>, enum_count<proceeding>> t4;
    for (std::size_t p = 0; p < enum_count<proceeding>; ++p)
        for (std::size_t c = 0; c < enum_count<case_result>; ++c) t4[p][c] = count(r.review_litigation.items[p].items[c]);
    if (!count.ok()) return false;
    for (const document_counts *d : {&t2->regulations, &t2->normative_documents})  // t2.in_force_bound
        if (d->in_force.value.units + d->repealed.value.units < d->issued.value.units) return false;

    for (const auto &row_values : v) {
        std::uint64_t parts = 0;
        for (std::size_t a = 0; a < total; ++a) parts += row_values[a];
        if (parts != row_values[total]) return false;
    }
    for (std::size_t a = 0; a < columns; ++a) {
        std::uint64_t outcomes = 0;
        for (std::size_t rw = index(row::granted); rw <= index(row::other_other); ++rw) outcomes += v[rw][a];
        if (v[index(row::total_processed)][a] != outcomes ||
            v[index(row::new_received)][a] + v[index(row::carried_over)][a] !=
                v[index(row::total_processed)][a] + v[index(row::carried_forward)][a])
            return false;
    }
    for (const auto &results : t4)
        if (results[index(case_result::upheld)] + results[index(case_result::corrected)] +
                results[index(case_result::other)] + results[index(case_result::pending)] !=
            results[index(case_result::total)])
            return false;
    return true;
}

// Every enabled table rule, one by one (`check` without its fast path).
inline void run_rules(const report &r, const check_options &options, std::vector<diagnostic> &out) {
    rule_sink sink{r, options, out};
    check_cells(sink);
    using step = void (*)(rule_sink &);
    static constexpr std::pair<rule, step> steps[] = {
        {rule::t2_fee_unit, check_fee_unit},
        {rule::t2_in_force_bound, check_in_force_bound},
        {rule::t3_balance, [](rule_sink &s) { check_identities(rule::t3_balance, s); }},
        {rule::t3_outcome_total, [](rule_sink &s) { check_identities(rule::t3_outcome_total, s); }},
        {rule::t3_applicant_total, [](rule_sink &s) { check_identities(rule::t3_applicant_total, s); }},
        {rule::t3_total_blank, check_total_blank},
        {rule::t4_total, [](rule_sink &s) { check_identities(rule::t4_total, s); }},
        {rule::doc_outdated_format, check_outdated_format},
    };
    for (const auto &[which, run] : steps)
        if (options.enabled(which)) run(sink);
}

// The message of a finding the catalogue's template does not fit, chosen by what the finding carries:
// t2.fee_unit fired by a unit printed in 元 (no threshold), text.table_mismatch against a sum of cells,
// doc.period_statement without any statement or without a readable period, doc.table_missing for a table
// that was printed but none of whose values could be placed (the text says what it printed).
inline std::optional<std::string_view> variant_message(const diagnostic &d, language lang) noexcept {
    const bool zh = lang == language::zh;
    if (d.state != status::fail) return std::nullopt;
    if (d.which == rule::t2_fee_unit && !d.right)
        return zh ? std::string_view("行政事业性收费金额{left}以元为单位（“{text}”），表二应以万元填写")
                  : std::string_view("the fee amount {left} is given in yuan (\"{text}\"); table II states it in 10,000 yuan");
    if (d.which == rule::text_table_mismatch && d.cells.size() > 1)
        return zh ? std::string_view("正文“{text}”中的数字{left}与{cells}之和{right}不符")
                  : std::string_view("the prose \"{text}\" states {left} but {cells} add up to {right}");
    if (d.which == rule::doc_table_missing && !d.text.empty())
        return zh ? std::string_view("表格“{cell}”无法读取：{text}")
                  : std::string_view("table \"{cell}\" could not be read: {text}");
    if (d.which == rule::doc_period_statement && d.text.empty())
        return d.right ? (zh ? std::string_view("未找到统计期限说明（应为{right}年1月1日至12月31日）")
                             : std::string_view("no statistics-period statement (expected 1 January to 31 December {right})"))
                       : (zh ? std::string_view("未找到统计期限说明") : std::string_view("no statistics-period statement"));
    if (d.which == rule::doc_period_statement && !d.right)
        return zh ? std::string_view("统计期限说明“{text}”中没有可识别的统计期限")
                  : std::string_view("the statistics-period statement \"{text}\" names no period that can be read");
    return std::nullopt;
}

}  // namespace detail

template <class Visit>
void for_each_identity(format_version f, rule which, Visit &&visit) {
    switch (which) {
    case rule::t3_balance:  // I-1: 新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理, per column
        for (applicant a : all_of<applicant>()) {
            const std::array<cell_ref, 2> lhs = {ref(row::new_received, a), ref(row::carried_over, a)};
            const std::array<cell_ref, 2> rhs = {ref(row::total_processed, a), ref(row::carried_forward, a)};
            visit(table_identity{which, lhs, rhs});
        }
        break;
    case rule::t3_outcome_total:  // I-2: （七）总计 = the outcome rows, per column
        for (applicant a : all_of<applicant>()) {
            const detail::outcome_refs o = detail::outcome_column(f, a);
            visit(table_identity{which, o.total(), o.parts()});
        }
        break;
    case rule::t3_applicant_total:  // I-3: 总计 = the six applicant columns, per row
        for (std::uint8_t item : detail::rows_of(f)) {
            const auto refs = detail::applicant_row(item);
            visit(table_identity{which, std::span(refs).first(1), std::span(refs).subspan(1)});
        }
        break;
    case rule::t4_total:  // I-4: 总计 = 维持 + 纠正 + 其他 + 尚未审结, per proceeding
        for (proceeding p : all_of<proceeding>()) {
            const std::array<cell_ref, 1> total = {ref(p, case_result::total)};
            const std::array<cell_ref, 4> parts = {ref(p, case_result::upheld), ref(p, case_result::corrected),
                                                   ref(p, case_result::other), ref(p, case_result::pending)};
            visit(table_identity{which, total, parts});
        }
        break;
    default: break;
    }
}

template <class Visit>
void for_each_identity(format_version f, Visit &&visit) {
    for (rule which : {rule::t3_balance, rule::t3_outcome_total, rule::t3_applicant_total, rule::t4_total})
        for_each_identity(f, which, visit);
}

inline void check(const report &r, const check_options &options, std::vector<diagnostic> &out) {
    if (!detail::obviously_clean(r, options)) detail::run_rules(r, options, out);
}

inline std::string message(const diagnostic &d, language lang) {
    const rule_info &e = info(d.which);
    std::string not_assessable;
    std::string_view m;
    const bool about_cell = !d.cells.empty() && d.cells.front().where != area::metadata &&
                            d.cells.front().where != area::section && d.cells.front().where != area::none;
    if (d.state == status::not_assessable && about_cell)
        m = not_assessable = lang == language::zh
                                 ? std::string(e.title_zh) + "：{cell}不是可用的数字（“{text}”），无法核对"
                                 : std::string(e.title_en) + ": cannot be assessed, {cell} is not a usable number (\"{text}\")";
    else if (d.state == status::not_assessable)
        m = not_assessable = lang == language::zh ? std::string(e.title_zh) + "：{text}，无法核对"
                                                  : std::string(e.title_en) + ": cannot be assessed, {text}";
    else if (const auto variant = detail::variant_message(d, lang))
        m = *variant;
    else
        m = lang == language::zh ? e.message_zh : e.message_en;
    const cell_ref first = d.cells.empty() ? cell_ref{} : d.cells.front();
    const ref_labels l = labels(first, lang);
    // One pass over the template. The values are never scanned again, so braces in the printed text stay
    // as they are; no other value (numbers, official labels) holds a brace.
    std::string out;
    out.reserve(m.size() + d.text.size() + 64);
    auto put_decimal = [&](const std::optional<decimal> &v) {
        if (v) out += to_string(*v);
    };
    for (std::size_t at = 0; at < m.size();) {
        const std::size_t open = m.find('{', at);
        out.append(m.substr(at, open - at));
        if (open == std::string_view::npos) break;
        const std::string_view rest = m.substr(open);
        std::size_t used = 1;
        if (rest.starts_with("{left}")) put_decimal(d.left), used = 6;
        else if (rest.starts_with("{right}")) put_decimal(d.right), used = 7;
        else if (rest.starts_with("{difference}")) put_decimal(d.difference), used = 12;
        else if (rest.starts_with("{cell}")) out += detail::describe_ref(first, lang), used = 6;
        else if (rest.starts_with("{cells}")) {
            for (std::size_t i = 0; i < d.cells.size(); ++i)
                out += (i == 0 ? "" : lang == language::zh ? "、" : " and ") + detail::describe_ref(d.cells[i], lang);
            used = 7;
        }
        else if (rest.starts_with("{row}")) out += l.row, used = 5;
        else if (rest.starts_with("{column}")) out += l.column, used = 8;
        else if (rest.starts_with("{text}")) out += d.text, used = 6;
        else out += '{';
        at = open + used;
    }
    return out;
}

}  // namespace xxgk
