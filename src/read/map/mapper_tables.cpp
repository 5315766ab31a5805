// Placing the numbers of tables 二, 三 and 四 by their row and column labels.
#include "glued.hpp"
#include "mapper_internal.hpp"

#include <boost/container/small_vector.hpp>

#include <algorithm>

namespace xxgk::read::detail {

namespace {

// The cells a printed row's values go to, kept on the stack (a row of table 三 has 7 or 8).
using cell_refs = boost::container::small_vector<cell_ref, 8>;

// Column headers that are not the format's but that real reports print.
constexpr std::string_view subtotal_header = "小计";
constexpr std::string_view placeholder_header = "数据";  // `数据1` … `数据6` from PDF converters

// A row split into its label cells and the value tokens after the last label.
struct analysed_row {
    std::vector<std::string> labels;         // normalised label cells, in order
    std::vector<const text_cell *> label_cells;
    std::vector<text_cell> tokens;           // one per value (blank cells give one empty token)
    std::vector<const text_cell *> stray;    // non-blank values before the labels
    source_position pos{};
    bool any_value() const {
        return std::any_of(tokens.begin(), tokens.end(), [](const text_cell &t) { return !is_blank_text(t.text); });
    }
};

analysed_row analyse(const text_row &row) {
    analysed_row a;
    if (!row.cells.empty()) a.pos = row.cells.front().pos;
    // Which cells hold values: a row's few cells fit one word (no allocation per row); longer rows a vector.
    const std::size_t n = row.cells.size();
    std::uint64_t value_bits = 0;
    std::vector<bool> value_long(n > 64 ? n : 0);
    auto value = [&](std::size_t i) { return n > 64 ? value_long[i] : ((value_bits >> i) & 1u) != 0; };
    std::size_t last_label = n;
    for (std::size_t i = 0; i < n; ++i) {
        const bool v = is_value_text(row.cells[i].text);
        if (n > 64) value_long[i] = v;
        else value_bits |= std::uint64_t{v} << i;
        if (!v) last_label = i;
    }
    a.tokens.reserve(n);
    a.labels.reserve(last_label == n ? 0 : last_label + 1);
    a.label_cells.reserve(a.labels.capacity());
    for (std::size_t i = 0; i < n; ++i) {
        const text_cell &c = row.cells[i];
        if (!value(i)) {
            a.labels.push_back(normalise_label(c.text));
            a.label_cells.push_back(&c);
        } else if (last_label != row.cells.size() && i < last_label) {
            if (!is_blank_text(c.text)) a.stray.push_back(&c);
        } else if (is_blank_text(c.text)) {
            a.tokens.push_back(text_cell{{}, c.pos, 1, 1});
        } else if (!c.readings.empty()) {
            a.tokens.push_back(c);  // one OCR'd value with its readings
        } else {
            append_value_tokens(c, a.tokens);
        }
    }
    return a;
}

// Drops trailing blank tokens (spacer cells) while there are more tokens than cells.
void trim_spacers(std::vector<text_cell> &tokens, std::size_t cells) {
    while (tokens.size() > cells && is_blank_text(tokens.back().text)) tokens.pop_back();
}

void mark_unreadable(report &r, cell_ref where, source_position pos) {
    if (cell *c = find_cell(r, where)) {
        *c = cell{};
        c->kind = cell_kind::unreadable;
        c->source = pos;
    }
}

void put(report &r, cell_ref where, const text_cell &token) {
    if (is_unknown_mark(token.text)) {
        mark_unreadable(r, where, token.pos);
        return;
    }
    if (cell *c = find_cell(r, where)) {
        *c = read_cell(token.text);
        c->source = token.pos;
    }
}

std::string joined(const std::vector<text_cell> &tokens) {
    std::string s;
    for (const text_cell &t : tokens) s.append(s.empty() ? "" : " ").append(t.text.empty() ? std::string_view("(空)") : t.text.view());
    return s;
}

template <class E>
std::optional<E> exact_label(std::string_view text) {
    const std::span<const E> found = label_index<E>::get().exact(text);
    return found.empty() ? std::nullopt : std::optional<E>(found.front());
}

// True when some consecutive values stand on different lines and none is blank.
bool on_several_lines(const std::vector<text_cell> &tokens) {
    bool broken = false;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (is_blank_text(tokens[i].text) || tokens[i].pos.line == 0) return false;
        broken = broken || (i > 0 && tokens[i].pos.line != tokens[i - 1].pos.line);
    }
    return broken;
}

// Places a row's tokens into `refs` when they fit exactly; otherwise queues the row for `place_rows`
// (fewer tokens: digits run together) or marks it unreadable (more tokens than cells).
struct row_placer {
    report &r;
    std::vector<diagnostic> &out;
    cell_ref table_ref;
    bool runs = false;   // printed_row::runs
    bool joins = false;  // printed_row::joins may be set (document::values_break_over_lines)
    std::vector<printed_row> printed;
    bool glued = false;

    void place(std::span<const cell_ref> refs, std::vector<text_cell> tokens, source_position pos, bool official_order,
               std::string_view what) {
        trim_spacers(tokens, refs.size());
        if (tokens.empty()) return;
        // More values than cells, some on lines of their own: a number may continue on the next line (`1`/`62`),
        // joined where the identities of table 三 or 四 leave one reading (table 二 has none).
        const bool join = joins && tokens.size() > refs.size() && official_order &&
                            !(table_ref == ref(section::active_disclosure)) && on_several_lines(tokens);
        const bool uncertain = std::any_of(tokens.begin(), tokens.end(), [](const text_cell &t) { return !t.readings.empty(); });
        if (tokens.size() == refs.size() && !uncertain) {
            for (std::size_t i = 0; i < refs.size(); ++i) put(r, refs[i], tokens[i]);
        } else if ((tokens.size() > refs.size() && !join) || !official_order) {  // (OCR readings need the official order too)
            for (cell_ref c : refs) mark_unreadable(r, c, pos);
            out.push_back(reader_finding(rule::doc_table_layout, table_ref, pos,
                                         std::string(what) + "：印有" + std::to_string(tokens.size()) + "个数值（" +
                                             joined(tokens) + "），应为" + std::to_string(refs.size()) + "个"));
            return;
        } else {
            glued = true;
        }
        printed.push_back(printed_row{refs.front(), refs.size(), std::move(tokens), runs, join});
    }

    void finish(table_id id) {
        if (glued) place_rows(r, id, printed, out);
    }
};

// Rows that could not be placed, quoted in a finding: at most three, those printing digits first, "；等" when
// there are more.
bool prints_digits(const analysed_row &a) {
    return std::any_of(a.tokens.begin(), a.tokens.end(), [](const text_cell &c) {
        return std::any_of(c.text.begin(), c.text.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    });
}

std::string quoted_rows(std::span<const analysed_row *const> rows) {
    constexpr std::size_t shown = 3;
    std::vector<const analysed_row *> quoted;
    for (bool digits : {true, false})
        for (const analysed_row *a : rows)
            if (prints_digits(*a) == digits && quoted.size() < shown) quoted.push_back(a);
    std::string text;
    for (const analysed_row *a : quoted) {
        std::string name;
        for (const std::string &l : a->labels) name += (name.empty() ? "" : "｜") + l;
        text += (text.empty() ? "" : "；") + (name.empty() ? std::string("（无行名）") : "“" + name + "”") + " " +
                joined(a->tokens);
    }
    if (rows.size() > quoted.size()) text += "；等";
    return text;
}

bool untouched(const cell &c) { return c.kind == cell_kind::blank && !c.source.known(); }

// Rows of values whose labels match no row of the format, in a table where other rows were placed: one
// finding for all of them. When one prints digits, the format's rows that no printed row filled may be where
// they belong, so their cells are left unread (and named by the finding) rather than counted as blank.
void report_unmatched_rows(report &r, cell_ref table_ref, std::span<const analysed_row *const> rows,
                           std::vector<diagnostic> &out) {
    if (rows.empty() || !any_cell_placed(r, section(table_ref.item))) return;
    diagnostic d = reader_finding(rule::doc_table_layout, table_ref, rows.front()->pos,
                                  std::to_string(rows.size()) + "行数值的行名无法与格式的行对应，未读取：" + quoted_rows(rows));
    if (std::any_of(rows.begin(), rows.end(), [](const analysed_row *a) { return prints_digits(*a); })) {
        // The format's rows none of whose cells was read, by their first cell.
        std::vector<cell_ref> unread;
        std::string names;
        std::size_t named = 0;
        std::optional<cell_ref> row_start;
        bool row_untouched = false;
        auto close_row = [&] {
            if (!row_start || !row_untouched) return;
            for_each_cell(r, [&](cell_ref c, cell &x) {
                if (c.where == row_start->where && c.item == row_start->item) {
                    x.kind = cell_kind::unreadable;
                    x.source = rows.front()->pos;
                    unread.push_back(c);
                }
            });
            if (named++ < 3) names += "“" + std::string(labels(*row_start).row) + "”";
        };
        for_each_cell(r, [&](cell_ref c, const cell &x) {
            if (table_section(c.where) != section(table_ref.item)) return;
            if (!row_start || row_start->where != c.where || row_start->item != c.item) {
                close_row();
                row_start = c;
                row_untouched = true;
            }
            row_untouched = row_untouched && untouched(x);
        });
        close_row();
        if (!unread.empty()) {
            d.text += "；格式中未读到的" + std::to_string(named) + "行（" + names + (named > 3 ? "等" : "") +
                      "）可能即是这些行，其数值未读取";
            d.cells.insert(d.cells.end(), unread.begin(), unread.end());
        }
    }
    out.push_back(std::move(d));
}

// ---- Table 二 ----------------------------------------------------------------------------------

constexpr std::array<column_2019, 3> doc_columns_2019 = {column_2019::made, column_2019::published,
                                                        column_2019::total_published};
constexpr std::array<column_2019, 3> decision_columns_2019 = {column_2019::previous_items, column_2019::change,
                                                             column_2019::decisions};
constexpr std::array<column_2019, 2> fee_columns_2019 = {column_2019::previous_items, column_2019::change};
constexpr std::array<column_2019, 2> procurement_columns_2019 = {column_2019::items, column_2019::amount};

std::span<const column_2019> columns_of(active_item_2019 item) {
    switch (item) {
    case active_item_2019::regulations:
    case active_item_2019::normative_documents: return doc_columns_2019;
    case active_item_2019::fees: return fee_columns_2019;
    case active_item_2019::procurement: return procurement_columns_2019;
    default: return decision_columns_2019;
    }
}

bool is_2019_table(const table_input &t) {
    auto marker = [](std::string_view n) {
        return exact_label<column_2019>(n) || n == normalised(active_item_2019::other_services) ||
               n == normalised(active_item_2019::procurement) ||
               n.starts_with(normalised(article_clause::clause_9));
    };
    std::string n;  // one buffer for every cell
    for (const entry *e : t.entries) {
        if (!e->is_row) {
            normalise_label(e->text, n);
            if (marker(n)) return true;
            continue;
        }
        for (const text_cell &c : e->row->cells) {
            if (is_count_text(c.text)) continue;  // no marker is digits only
            normalise_label(c.text, n);
            if (marker(n)) return true;
        }
    }
    return false;
}

// A header or caption of table 二 that gives the fee in 元 (`（单位：元）`, `本年收费金额（元）`) instead of the
// format's 万元: its printed text and position.
std::optional<std::pair<std::string, source_position>> yuan_unit_header(const table_input &t) {
    std::string n;  // one buffer for every cell
    auto says_yuan = [&](std::string_view printed) {
        normalise_label(printed, n);
        for (std::string_view unit : {"单位:元", "单位为元", "单位:人民币元", "金额(元)"})
            if (n.find(unit) != std::string::npos) return true;
        return false;
    };
    for (const entry *e : t.entries) {
        if (!e->is_row) {
            if (says_yuan(e->text)) return std::pair{std::string(xxgk::trim_cell_text(e->text)), e->pos};
            continue;
        }
        for (const text_cell &c : e->row->cells)
            if (!is_count_text(c.text) && says_yuan(c.text)) return std::pair{std::string(xxgk::trim_cell_text(c.text)), c.pos};
    }
    return std::nullopt;
}

// The column order of the 第二十条第（一）项 sub-table (2021) from its header row (内容 and the three column
// names in any order), the official order when none gives it. A 2021 header of other words is read in the
// official order, with a doc.table_layout finding.
std::array<document_column, 3> document_column_order(std::span<const std::pair<const entry *, analysed_row>> rows,
                                                     bool trial, cell_ref table_ref, std::vector<diagnostic> &out) {
    std::array<document_column, 3> order = {document_column::issued, document_column::repealed, document_column::in_force};
    for (const auto &[e, a] : rows) {
        if (a.labels.empty() || a.labels.front() != constants().content_header || a.labels.size() != 4) continue;
        std::vector<document_column> found;
        for (std::size_t i = 1; i < 4; ++i)
            if (auto c = exact_label<document_column>(a.labels[i])) found.push_back(*c);
        if (found.size() == 3 && std::is_permutation(found.begin(), found.end(), order.begin())) {
            std::copy(found.begin(), found.end(), order.begin());
        } else if (!trial && std::any_of(a.labels.begin() + 1, a.labels.end(), [](const std::string &l) {
                       return !exact_label<document_column>(l) && !exact_label<column_2019>(l) &&
                              l != constants().decisions_column && l != constants().fee_column;
                   })) {
            std::string printed;
            for (const text_cell *c : a.label_cells) printed += (printed.empty() ? "" : "｜") + normalise_label(c->text);
            out.push_back(reader_finding(rule::doc_table_layout, table_ref, e->pos.known() ? e->pos : a.pos,
                                         "表头“" + printed + "”与格式不符，按格式规定的列顺序读取"));
        }
    }
    return order;
}

// The cells a row of table 二 fills, by its first label that names an item of the edition (`what` set to the
// item's label); none when no label does. The 2019 item name 规范性文件 in a 2021 table is read as its 2021
// item with a doc.table_layout finding.
cell_refs cells_of_item_row(const analysed_row &a, bool trial, const std::array<document_column, 3> &doc_order,
                            std::string_view &what, cell_ref table_ref, std::vector<diagnostic> &out) {
    cell_refs refs;
    for (std::size_t li = 0; li < a.labels.size() && refs.empty(); ++li) {
        const std::string &l = a.labels[li];
        if (!trial) {
            std::optional<active_item> item = exact_label<active_item>(l);
            if (!item && l == normalised(active_item_2019::normative_documents)) {
                item = active_item::normative_documents;
                out.push_back(reader_finding(rule::doc_table_layout, table_ref, a.label_cells[li]->pos,
                                             "行名“" + l + "”应为“" + std::string(label(*item)) + "”"));
            }
            if (!item) continue;
            what = label(*item);
            if (*item == active_item::regulations || *item == active_item::normative_documents)
                for (document_column c : doc_order) refs.push_back(ref(*item, c));
            else
                refs.push_back(ref(*item));
        } else {
            std::optional<active_item_2019> item = exact_label<active_item_2019>(l);
            if (!item && l == normalised(active_item::normative_documents)) item = active_item_2019::normative_documents;
            if (!item) continue;
            what = label(*item);
            for (column_2019 c : columns_of(*item)) refs.push_back(ref(*item, c));
        }
    }
    return refs;
}

// t2.fee_unit, from the table's own words: a header states the fee in 元.
void fee_unit_from_header(const table_input &t, const report &r, std::vector<diagnostic> &out) {
    if (const auto *t2 = std::get_if<active_disclosure>(&r.active); t2 && t2->fees.is_number())
        if (auto header = yuan_unit_header(t)) {
            diagnostic d = reader_finding(rule::t2_fee_unit, ref(active_item::fees), header->second, std::move(header->first));
            d.left = t2->fees.value;
            out.push_back(std::move(d));
        }
}

}  // namespace

// Table 二: its edition from its labels, the document sub-table's column order from its header, each row's
// values placed by its item label, the rows no label places reported, the fee's unit checked.
void map_active_disclosure(const table_input &t, report &r, std::vector<diagnostic> &out) {
    const bool trial = is_2019_table(t);
    if (trial) r.active = active_disclosure_2019{};
    const cell_ref table_ref = ref(section::active_disclosure);
    std::vector<std::pair<const entry *, analysed_row>> rows;
    rows.reserve(t.entries.size());
    for (const entry *e : t.entries)
        if (e->is_row) rows.emplace_back(e, analyse(*e->row));
    const std::array<document_column, 3> doc_order = document_column_order(rows, trial, table_ref, out);
    row_placer placer{r, out, table_ref, t.repeated_lines_dropped, t.values_break_over_lines, {}, false};
    std::vector<const analysed_row *> unmatched;
    for (auto &[e, a] : rows) {
        if (a.tokens.empty() || !a.any_value()) continue;
        std::string_view what;
        const cell_refs refs = cells_of_item_row(a, trial, doc_order, what, table_ref, out);
        if (refs.empty()) {
            unmatched.push_back(&a);
            continue;
        }
        placer.place({refs.data(), refs.size()}, std::move(a.tokens), a.pos, true, what);
    }
    placer.finish(table_id::active_disclosure);
    report_unmatched_rows(r, table_ref, unmatched, out);
    fee_unit_from_header(t, r, out);
}

// ---- Table 三 ----------------------------------------------------------------------------------

namespace {

// The column order of table 三: applicants, and where the subtotal column of the variant stands.
struct t3_columns {
    std::vector<std::optional<applicant>> order;  // nullopt = 小计
    bool from_header = false;
    /// The 8-column variant: a 小计 column under 法人或其他组织.
    bool subtotal_column() const { return order.size() == enum_count<applicant> + 1; }
    bool official() const {
        if (order.size() != enum_count<applicant>) return false;
        for (std::size_t i = 0; i < order.size(); ++i)
            if (order[i] != applicant(i)) return false;
        return true;
    }
};

bool is_header_row(const analysed_row &a) {
    int n = 0;
    for (const std::string &l : a.labels)
        n += exact_label<applicant>(l).has_value() || l == constants().organisations_heading ||
             l == subtotal_header || l.starts_with(placeholder_header);
    return n >= 2;
}

t3_columns columns_from_headers(const std::vector<analysed_row> &headers) {
    t3_columns cols;
    const std::string group = constants().organisations_heading;
    std::vector<std::optional<applicant>> top;  // with `other` standing for the group marker below
    bool group_seen = false;
    std::size_t group_at = 0;
    std::vector<std::optional<applicant>> inner;
    std::vector<std::optional<applicant>> flat;
    for (const analysed_row &a : headers)
        for (const std::string &l : a.labels) {
            std::optional<std::optional<applicant>> item;
            if (auto ap = exact_label<applicant>(l)) item = ap;
            else if (l == subtotal_header) item = std::optional<applicant>{};
            if (l == group) {
                if (!group_seen) group_seen = true, group_at = top.size();
                continue;
            }
            if (!item) continue;
            if (std::find(flat.begin(), flat.end(), *item) == flat.end()) flat.push_back(*item);
            const bool org = *item && **item != applicant::natural_person && **item != applicant::total;
            if (group_seen && (org || !*item)) {
                if (std::find(inner.begin(), inner.end(), *item) == inner.end()) inner.push_back(*item);
            } else if (std::find(top.begin(), top.end(), *item) == top.end()) {
                top.push_back(*item);
            }
        }
    std::vector<std::optional<applicant>> order = flat;
    if (group_seen) {
        order = top;
        order.insert(order.begin() + static_cast<std::ptrdiff_t>(std::min(group_at, order.size())), inner.begin(),
                     inner.end());
    }
    std::vector<std::optional<applicant>> sorted = order;
    constexpr auto applicants = all_of<applicant>();  // one array: begin and end must come from the same object
    const bool complete = order.size() >= enum_count<applicant> &&
                          std::all_of(applicants.begin(), applicants.end(), [&](applicant x) {
                              return std::count(order.begin(), order.end(), std::optional<applicant>(x)) == 1;
                          }) &&
                          order.size() <= enum_count<applicant> + 1;
    if (complete) {
        cols.order = order;
        cols.from_header = true;
    } else {
        for (applicant x : all_of<applicant>()) cols.order.push_back(x);
    }
    return cols;
}

// What a table-三 label names: a row, an outcome group, or nothing.
struct t3_label {
    std::optional<row> which;
    std::optional<outcome_group> group;
};

t3_label t3_label_of(std::string_view text) {
    const auto &rows = label_index<row>::get();
    // The first row printed exactly, else the last whose core matches; short cores (`其他`) must be printed
    // with their enumerator to count.
    if (const std::span<const row> exact = rows.exact(text); !exact.empty()) return {exact.front(), {}};
    const std::span<const row> cores = rows.same_core(text);
    for (auto it = cores.rbegin(); it != cores.rend(); ++it)
        if (strip_enumerator(normalised(*it)).size() > 6) return {*it, {}};
    // The first group printed exactly or by its core.
    const auto &groups = label_index<outcome_group>::get();
    const std::span<const outcome_group> exact = groups.exact(text), core = groups.same_core(text);
    if (exact.empty() && core.empty()) return {};
    const outcome_group g = exact.empty()  ? core.front()
                            : core.empty() ? exact.front()
                                           : std::min(exact.front(), core.front());
    // （一）予以公开 and （二）部分公开 are rows themselves.
    if (g == outcome_group::granted) return {row::granted, {}};
    if (g == outcome_group::partially_granted) return {row::partially_granted, {}};
    return {{}, g};
}

// The five 法人或其他组织 columns a subtotal column adds up.
constexpr std::array<applicant, 5> organisation_columns = {applicant::commercial, applicant::research,
                                                          applicant::social_welfare, applicant::legal_service,
                                                          applicant::other};

// A subtotal printed by the 8-column / 28-row variants against the sum of its parts (cells of the report).
// A subtotal has no cell of its own: the finding points to table 三, names the subtotal (`row / column`)
// in its text, stands where the subtotal is printed, and lists the parts as its other cells. Not checked
// when a part is missing (the 2019 format has no `other_*` rows) or not a usable number.
void check_subtotal(const report &r, const text_cell &printed, std::span<const cell_ref> parts, std::string name,
                    std::vector<diagnostic> &out) {
    const cell s = read_cell(printed.text);
    if (!s.is_assessable() || parts.empty()) return;
    decimal sum{};
    for (cell_ref p : parts) {
        const cell *x = find_cell(r, p);
        if (!x || !x->is_assessable()) return;
        if (auto v = add(sum, x->arithmetic_value())) sum = *v;
        else return;
    }
    if (compare(s.arithmetic_value(), sum) == 0) return;
    diagnostic d = reader_finding(rule::t3_subtotal, ref(section::applications), printed.pos, std::move(name));
    d.cells.insert(d.cells.end(), parts.begin(), parts.end());
    d.left = s.arithmetic_value();
    d.right = sum;
    d.difference = subtract(*d.left, sum);
    out.push_back(std::move(d));
}

std::string subtotal_name(std::string_view row_label, std::optional<applicant> column, bool subtotal_row) {
    std::string name(row_label);
    if (subtotal_row) name += "（小计）";
    name += " / ";
    if (column) name += label(*column);
    else name += std::string(organisations_heading_label) + "（小计）";
    return name;
}

// A row of values and what its labels name.
struct data_row {
    t3_label what;
    analysed_row a;
};

// The rows of table 三 as printed: header rows, rows of values with a label, rows of values without one.
struct t3_printed_rows {
    std::vector<analysed_row> headers;
    std::vector<data_row> labelled;
    std::vector<analysed_row> unlabelled;
    bool placeholder_columns = false;  // a header names its columns `数据1` … instead of the applicants
};

// A reason misprinted under its group heading (`3.危及三安全稳定`): the group's n-th row, by its number.
// A doc.table_layout finding says how the row was read.
std::optional<row> row_by_number(const analysed_row &a, outcome_group context, cell_ref table_ref,
                                 std::vector<diagnostic> &out) {
    const std::string &l = a.labels.back();
    if (l.size() < 2 || l[0] < '1' || l[0] > '9' || l[1] != '.') return std::nullopt;
    std::size_t n = static_cast<std::size_t>(l[0] - '1');
    for (row rw : all_of<row>())
        if (is_outcome(rw) && group_of(rw) == context && n-- == 0) {
            out.push_back(reader_finding(rule::doc_table_layout, table_ref, a.label_cells.back()->pos,
                                         "行名“" + l + "”按其序号读作“" + std::string(label(rw)) + "”"));
            return rw;
        }
    return std::nullopt;
}

// What a row's labels name (its last row label, its last group label), `context` (the group heading the
// rows stand under) kept up to date; a numbered label under a group heading names the group's n-th row.
t3_label label_of_row(const analysed_row &a, std::optional<outcome_group> &context, cell_ref table_ref,
                      std::vector<diagnostic> &out) {
    t3_label what;
    for (const std::string &l : a.labels) {
        const t3_label x = t3_label_of(l);
        if (x.which) what.which = x.which;
        if (x.group) what.group = x.group;
    }
    if (what.group) context = what.group;
    else if (what.which && is_outcome(*what.which) && group_of(*what.which) >= outcome_group::denied)
        context = group_of(*what.which);
    else if (what.which) context.reset();
    if (!what.which && context && !a.labels.empty() && a.any_value())
        what.which = row_by_number(a, *context, table_ref, out);
    return what;
}

// Sorts table 三's entries into header rows, labelled rows and unlabelled rows of values. Paragraphs
// between the pieces only set the group heading; rows without values are dropped; values printed before a
// row's labels are ignored with a finding.
t3_printed_rows sort_rows(const table_input &t, cell_ref table_ref, std::vector<diagnostic> &out) {
    t3_printed_rows rows;
    rows.labelled.reserve(t.entries.size());
    std::optional<outcome_group> context;  // the group heading the rows stand under
    for (const entry *e : t.entries) {
        if (!e->is_row) {
            if (const t3_label x = t3_label_of(normalise_label(e->text)); x.group) context = x.group;
            else if (x.which) context.reset();
            continue;
        }
        analysed_row a = analyse(*e->row);
        if (is_header_row(a)) {
            for (const std::string &l : a.labels) rows.placeholder_columns = rows.placeholder_columns || l.starts_with(placeholder_header);
            rows.headers.push_back(std::move(a));
            continue;
        }
        const t3_label what = label_of_row(a, context, table_ref, out);
        if (!what.which && !what.group) {
            if (a.any_value()) rows.unlabelled.push_back(std::move(a));
            continue;
        }
        if (!a.any_value()) continue;  // a group heading on its own line, a header of other words
        for (const text_cell *s : a.stray)
            out.push_back(reader_finding(rule::doc_table_layout, table_ref, s->pos,
                                         "行首多出的单元格“" + s->text + "”不属于任何列，已忽略"));
        rows.labelled.push_back({what, std::move(a)});
    }
    return rows;
}

// Table 三's columns from its headers, with a doc.table_layout finding when they are not read from the
// header, are in another order, or add a 小计 column (the 8-column variant).
t3_columns read_columns(const t3_printed_rows &rows, source_position pos, cell_ref table_ref, std::vector<diagnostic> &out) {
    t3_columns cols = columns_from_headers(rows.headers);
    if (!cols.from_header) {
        std::string why = rows.placeholder_columns ? "列名缺失（以“数据1”等占位）" : "未找到完整的申请人列名";
        out.push_back(reader_finding(rule::doc_table_layout, table_ref, pos, why + "，按格式规定的列顺序读取"));
    } else if (!cols.official() && cols.order.size() == enum_count<applicant>) {
        out.push_back(reader_finding(rule::doc_table_layout, table_ref, pos, "申请人列的顺序与格式不同，按表头读取"));
    }
    if (cols.subtotal_column())
        out.push_back(reader_finding(rule::doc_table_layout, table_ref, pos, "“法人或其他组织”下多出小计列（8列变体）"));
    return cols;
}

// A table without row labels: its rows of values are the format's rows in the official order, only when
// their count is exactly the format's (the 2019 format's （六）其他处理 is one row).
void label_rows_by_order(t3_printed_rows &rows, format_version format, source_position pos, cell_ref table_ref,
                         std::vector<diagnostic> &out) {
    if (!rows.labelled.empty() || rows.unlabelled.empty()) return;
    const std::size_t expected = format == format_version::v2019 ? enum_count<row> - 2 : enum_count<row>;
    if (rows.unlabelled.size() != expected) return;
    out.push_back(reader_finding(rule::doc_table_layout, table_ref, pos, "行名缺失，按格式规定的行顺序读取"));
    std::size_t i = 0;
    for (row rw : all_of<row>()) {
        if (format == format_version::v2019 && is_2021_only(rw)) {
            if (rw == row::other_no_correction)
                rows.labelled.push_back({{{}, outcome_group::other_handling}, std::move(rows.unlabelled[i++])});
            continue;
        }
        rows.labelled.push_back({{rw, {}}, std::move(rows.unlabelled[i++])});
    }
    rows.unlabelled.clear();
}

// A row of the 8-column variant: the seven applicant cells placed by the header's order, the 小计 cell
// checked against the five organisation columns. The wrong number of values leaves the row unread.
void place_with_subtotal_column(std::uint8_t item, std::string_view what, const analysed_row &a, const t3_columns &cols,
                                report &r, cell_ref table_ref, std::vector<diagnostic> &out) {
    std::vector<text_cell> tokens = a.tokens;
    trim_spacers(tokens, cols.order.size());
    if (tokens.size() != cols.order.size()) {
        for (applicant x : all_of<applicant>()) mark_unreadable(r, {area::applications, item, static_cast<std::uint8_t>(x)}, a.pos);
        out.push_back(reader_finding(rule::doc_table_layout, table_ref, a.pos,
                                     std::string(what) + "：印有" + std::to_string(tokens.size()) + "个数值（" + joined(tokens) +
                                         "），应为" + std::to_string(cols.order.size()) + "个"));
        return;
    }
    std::optional<text_cell> sub;
    for (std::size_t i = 0; i < tokens.size(); ++i)
        if (cols.order[i]) put(r, {area::applications, item, static_cast<std::uint8_t>(*cols.order[i])}, tokens[i]);
        else sub = tokens[i];
    if (sub) {
        cell_refs parts;
        for (applicant x : organisation_columns) parts.push_back({area::applications, item, static_cast<std::uint8_t>(x)});
        check_subtotal(r, *sub, parts, subtotal_name(what, std::nullopt, false), out);
    }
}

// Places the labelled rows: each format row once (a repeated row, or a 2021 row in a 2019 report, is left
// unread with a finding), the 2019 （六）其他处理 as its one row, digits run together to `place_rows`.
// Returns the group subtotal rows of the 28-row variant, which hold no cell of their own.
std::vector<std::pair<outcome_group, analysed_row>> place_labelled_rows(std::vector<data_row> &rows, const t3_columns &cols,
                                                                        const table_input &t, report &r, cell_ref table_ref,
                                                                        std::vector<diagnostic> &out) {
    // The 2019 format prints （六）其他处理 as a numeric row instead of three sub-rows.
    const bool has_other_rows = std::any_of(rows.begin(), rows.end(), [](const data_row &d) {
        return d.what.which && is_2021_only(*d.what.which);
    });
    row_placer placer{r, out, table_ref, t.repeated_lines_dropped, t.values_break_over_lines, {}, false};
    std::vector<std::pair<outcome_group, analysed_row>> subtotal_rows;
    std::array<bool, enum_count<row>> seen{};
    for (data_row &d : rows) {
        std::uint8_t item = 0;
        std::string_view what;
        if (d.what.which) {
            item = static_cast<std::uint8_t>(*d.what.which);
            what = label(*d.what.which);
            if (r.format() == format_version::v2019 && is_2021_only(*d.what.which)) {
                out.push_back(reader_finding(rule::doc_table_layout, table_ref, d.a.pos,
                                             "2019年格式的表三不含“" + std::string(what) + "”行，其数值未读取：" + joined(d.a.tokens)));
                continue;
            }
            if (seen[index(*d.what.which)]) {
                out.push_back(reader_finding(rule::doc_table_layout, table_ref, d.a.pos,
                                             "“" + std::string(what) + "”行重复出现，未读取：" + joined(d.a.tokens)));
                continue;
            }
            seen[index(*d.what.which)] = true;
        } else if (*d.what.group == outcome_group::other_handling && !has_other_rows &&
                   r.format() == format_version::v2019) {
            item = cell_ref::other_handling_row;
            what = label(outcome_group::other_handling);
        } else {
            subtotal_rows.emplace_back(*d.what.group, std::move(d.a));
            continue;
        }
        if (cols.subtotal_column()) {
            place_with_subtotal_column(item, what, d.a, cols, r, table_ref, out);
            continue;
        }
        cell_refs refs;
        for (std::optional<applicant> a : cols.order) refs.push_back({area::applications, item, static_cast<std::uint8_t>(*a)});
        // place_rows expects the official column order.
        placer.place({refs.data(), refs.size()}, std::move(d.a.tokens), d.a.pos, cols.official(), what);
    }
    placer.finish(table_id::applications);
    return subtotal_rows;
}

// The subtotal rows of the 28-row variant: each cell equals the sum of its group's rows in that column (the
// 小计 column's, of their five organisation columns).
void check_subtotal_rows(const std::vector<std::pair<outcome_group, analysed_row>> &subtotal_rows, const t3_columns &cols,
                         const report &r, cell_ref table_ref, std::vector<diagnostic> &out) {
    if (subtotal_rows.empty()) return;
    out.push_back(reader_finding(rule::doc_table_layout, table_ref, subtotal_rows.front().second.pos,
                                 "表三含（三）至（六）的小计行（28行变体）"));
    for (const auto &[group, a] : subtotal_rows) {
        std::vector<text_cell> tokens = a.tokens;
        trim_spacers(tokens, cols.order.size());
        if (tokens.size() != cols.order.size()) continue;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            std::vector<cell_ref> parts;
            for (row rw : all_of<row>()) {
                if (!is_outcome(rw) || group_of(rw) != group) continue;
                if (cols.order[i]) parts.push_back(ref(rw, *cols.order[i]));
                else
                    for (applicant org : organisation_columns) parts.push_back(ref(rw, org));
            }
            check_subtotal(r, tokens[i], parts, subtotal_name(label(group), cols.order[i], true), out);
        }
    }
}

}  // namespace

// Table 三: its rows sorted and labelled, its columns read from the header, the rows placed, the unmatched
// rows reported, the subtotal rows of the variants checked.
void map_applications(const table_input &t, report &r, std::vector<diagnostic> &out) {
    const cell_ref table_ref = ref(section::applications);
    t3_printed_rows rows = sort_rows(t, table_ref, out);
    const t3_columns cols = read_columns(rows, t.pos, table_ref, out);
    label_rows_by_order(rows, r.format(), t.pos, table_ref, out);
    const auto subtotal_rows = place_labelled_rows(rows.labelled, cols, t, r, table_ref, out);
    std::vector<const analysed_row *> unmatched;
    for (const analysed_row &a : rows.unlabelled) unmatched.push_back(&a);
    report_unmatched_rows(r, table_ref, unmatched, out);
    check_subtotal_rows(subtotal_rows, cols, r, table_ref, out);
}

// ---- Table 四 ----------------------------------------------------------------------------------

void map_review_litigation(const table_input &t, report &r, std::vector<diagnostic> &out) {
    const cell_ref table_ref = ref(section::review_litigation);
    std::vector<cell_ref> all;
    for (proceeding p : all_of<proceeding>())
        for (case_result c : all_of<case_result>()) all.push_back(ref(p, c));
    auto proceeding_in = [](std::string_view text) -> std::optional<proceeding> {
        for (proceeding p : {proceeding::litigation_after_review, proceeding::litigation_direct,
                             proceeding::administrative_review})
            if (text.find(normalised(p)) != std::string_view::npos) return p;
        return std::nullopt;
    };
    std::optional<analysed_row> full, full_blank, glued;
    std::array<std::optional<analysed_row>, 3> parts;
    std::optional<proceeding> context;
    std::size_t five_rows = 0;
    for (const entry *e : t.entries) {
        if (!e->is_row) {
            if (auto p = proceeding_in(normalise_label(e->text))) context = p;
            continue;
        }
        analysed_row a = analyse(*e->row);
        std::vector<text_cell> tokens = a.tokens;
        if (tokens.size() >= all.size()) {
            trim_spacers(tokens, all.size());
            if (tokens.size() == all.size()) {
                (a.any_value() ? full : full_blank) = a;
                continue;
            }
        }
        if (!a.any_value()) {
            // Header rows name the proceeding of the rows below them (one table per proceeding); a header
            // naming several proceedings stands over all of them.
            std::size_t named = 0;
            for (const std::string &l : a.labels)
                if (auto p = proceeding_in(l)) context = p, ++named;
            if (named > 1) context.reset();
            continue;
        }
        std::optional<proceeding> own;
        for (const std::string &l : a.labels)
            if (auto p = proceeding_in(l)) own = p;
        // A proceeding's own row: five values, or fewer (digits run together, repeats dropped), under its
        // label or the header naming it alone.
        if (tokens.size() <= enum_count<case_result> && (own || context)) {
            parts[index(own ? *own : *context)] = a;
            ++five_rows;
            continue;
        }
        glued = a;
    }
    row_placer placer{r, out, table_ref, t.repeated_lines_dropped, t.values_break_over_lines, {}, false};
    if (full || (full_blank && !five_rows && !glued)) {
        const analysed_row &a = full ? *full : *full_blank;
        placer.place(all, a.tokens, a.pos, true, std::string(label(section::review_litigation)));
    } else if (five_rows) {
        for (proceeding p : all_of<proceeding>()) {
            if (!parts[index(p)]) {
                out.push_back(reader_finding(rule::doc_table_layout, table_ref, t.pos,
                                             "未找到“" + std::string(label(p)) + "”的数值"));
                continue;
            }
            std::vector<cell_ref> refs(all.begin() + static_cast<std::ptrdiff_t>(index(p) * 5),
                                       all.begin() + static_cast<std::ptrdiff_t>(index(p) * 5 + 5));
            placer.place(refs, parts[index(p)]->tokens, parts[index(p)]->pos, true, std::string(label(p)));
        }
    } else if (glued) {
        placer.place(all, glued->tokens, glued->pos, true, std::string(label(section::review_litigation)));
    }
    placer.finish(table_id::review_litigation);
}

// ---- A table none of whose values could be placed ---------------------------------------------------

bool any_cell_placed(const report &r, section table) {
    bool placed = false;
    for_each_cell(r, [&](cell_ref where, const cell &c) {
        placed = placed || (table_section(where.where) == table &&
                            (c.kind != cell_kind::blank || c.source.known()));
    });
    return placed;
}

std::string unplaced_table(const table_input &t) {
    std::vector<analysed_row> with_values;
    std::string header;
    for (const entry *e : t.entries) {
        if (!e->is_row) continue;
        analysed_row a = analyse(*e->row);
        if (a.any_value()) {
            with_values.push_back(std::move(a));
        } else if (header.empty()) {
            for (const text_cell *c : a.label_cells) header += (header.empty() ? "" : "｜") + normalise_label(c->text);
        }
    }
    if (with_values.empty()) return {};
    std::vector<const analysed_row *> rows;
    for (const analysed_row &a : with_values) rows.push_back(&a);
    std::string text = "印有" + std::to_string(rows.size()) + "行数值，其行名均无法与格式的行对应，未读取任何数值：" +
                       quoted_rows(rows);
    if (!header.empty()) text += "（表头：" + header + "）";
    return text;
}

}  // namespace xxgk::read::detail
