// Canonical JSON reading and writing. Included by json.hpp only.

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parser.hpp>
#include <boost/json/serialize.hpp>
#include <xxgk/text.hpp>

#include <algorithm>
#include <array>
#include <bitset>
#include <charconv>
#include <cstdint>
#include <span>
#include <new>

namespace xxgk {

namespace detail {

inline std::string pointer_escape(std::string_view key) {
    std::string s;
    for (char c : key) {
        if (c == '~') s += "~0";
        else if (c == '/') s += "~1";
        else s += c;
    }
    return s;
}

inline json_kind json_kind_of(const boost::json::value &v) noexcept {
    switch (v.kind()) {
    case boost::json::kind::null: return json_kind::null;
    case boost::json::kind::bool_: return json_kind::boolean;
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_: return json_kind::number;
    case boost::json::kind::string: return json_kind::string;
    case boost::json::kind::array: return json_kind::array;
    case boost::json::kind::object: break;
    }
    return json_kind::object;
}

// The keys of a report object, in canonical order.
inline constexpr std::array<std::string_view, 13> report_keys = {
    "format",    "title",     "agency",           "year",         "agency_kind",       "published", "preamble",
    "sections",  "active_disclosure", "applications", "review_litigation", "ambiguous", "positions"};

// A JSON number that is not an integer as a cell; returns the reason when it cannot be one exactly.
inline std::optional<error_code> cell_from_double(double v, cell &c) {
    char buf[400];
    const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    std::string_view repr(buf, res.ec == std::errc{} ? static_cast<std::size_t>(res.ptr - buf) : 0);
    int significant = 0;
    bool leading = true;
    for (char ch : repr)
        if (ch >= '0' && ch <= '9' && !(leading && ch == '0')) ++significant, leading = false;
    if (significant > 15) return error_code::json_number_inexact;
    const auto d = parse_decimal(repr);
    if (!d) return error_code::json_number_out_of_range;
    c = number_cell(*d);
    return std::nullopt;
}

// The table cell a JSON Pointer names in this report's format, or null.
inline cell *cell_at_pointer(report &r, std::string_view pointer) {
    cell *found = nullptr;
    for_each_cell(r, [&](cell_ref c, cell &x) {
        if (!found && json_pointer(c) == pointer) found = &x;
    });
    return found;
}

template <class T>
constexpr bool is_described_struct = boost::describe::has_describe_members<T>::value;

// Reads the canonical layout; keeps the JSON Pointer of the value being read for error messages.
class json_reader {
public:
    explicit json_reader(json_error &error) : error_(error) {}

    bool read_report(const boost::json::value &v, report &r) {
        if (!v.is_object()) return fail(error_code::json_expected_object, {}, json_kind_of(v));
        const boost::json::object &o = v.get_object();
        for (const auto &kv : o)
            if (std::find(report_keys.begin(), report_keys.end(), kv.key()) == report_keys.end()) {
                scope s(*this, kv.key());
                return fail(error_code::json_unknown_key);
            }
        const boost::json::value *format = o.if_contains("format");
        {
            scope s(*this, "format");
            if (!format) return fail(error_code::json_missing_key, "\"2021\" | \"2019\"");
            if (!format->is_string() || (format->get_string() != "2021" && format->get_string() != "2019"))
                return fail(error_code::json_bad_format);
        }
        if (format->get_string() == "2019") r.active = active_disclosure_2019{};
        if (!optional_string(o, "title", r.title) || !optional_string(o, "agency", r.agency)) return false;
        if (const auto *y = o.if_contains("year")) {
            scope s(*this, "year");
            if (!y->is_int64() || y->get_int64() < 1990 || y->get_int64() > 2100)
                return fail(error_code::json_bad_year);
            r.year = static_cast<int>(y->get_int64());
        }
        if (const auto *k = o.if_contains("agency_kind")) {
            scope s(*this, "agency_kind");
            std::optional<agency_kind> kind;
            if (k->is_string()) kind = from_name<agency_kind>(k->get_string());
            if (!kind) return fail(error_code::json_bad_agency_kind);
            r.kind = kind;
        }
        if (!optional_string(o, "published", r.published) || !optional_string(o, "preamble", r.preamble))
            return false;
        if (r.published && !is_iso_date(*r.published)) {
            scope s(*this, "published");
            return fail(error_code::json_bad_date);
        }
        if (const auto *sections = o.if_contains("sections"))
            if (!read_sections(*sections, r)) return false;
        {
            const boost::json::value *t2 = nullptr;
            scope s(*this, "active_disclosure");
            if (!(t2 = o.if_contains("active_disclosure"))) return fail(error_code::json_missing_key);
            const bool ok = std::visit([&](auto &table) { return read_struct(*t2, table); }, r.active);
            if (!ok) return false;
        }
        if (!read_applications(o, r) || !read_review(o, r)) return false;
        if (const auto *amb = o.if_contains("ambiguous"))
            if (!read_ambiguous(*amb, r)) return false;
        if (const auto *pos = o.if_contains("positions"))
            if (!read_positions(*pos, r)) return false;
        return true;
    }

private:
    json_error &error_;
    // The path to the value being read, as views into the DOM or static names (array indices as
    // numbers); turned into a JSON Pointer only when reading fails. The canonical JSON nests at most
    // four levels (`/positions/<pointer>/line`), so a fixed array holds it.
    struct segment {
        std::string_view key;
        std::size_t index = 0;
        bool is_index = false;
    };
    std::array<segment, 8> path_{};
    std::size_t depth_ = 0;
    void push(segment s) noexcept {
        if (depth_ < path_.size()) path_[depth_] = s;  // deeper segments (none today) would be left out of pointers
        ++depth_;
    }

    // Appends a pointer segment for its lifetime.
    struct scope {
        json_reader &reader;
        scope(json_reader &rd, std::string_view key) : reader(rd) { rd.push({key}); }
        scope(json_reader &rd, std::size_t i) : reader(rd) { rd.push({{}, i, true}); }
        ~scope() { --reader.depth_; }
    };

    bool fail(error_code code, std::string detail = {}, json_kind found = json_kind::none) {
        error_.pointer.clear();
        for (const segment &s : std::span(path_.data(), std::min(depth_, path_.size()))) {
            error_.pointer += '/';
            error_.pointer += s.is_index ? std::to_string(s.index) : pointer_escape(s.key);
        }
        error_.code = code;
        error_.detail = std::move(detail);
        error_.found = found;
        return false;
    }

    bool optional_string(const boost::json::object &o, std::string_view key, std::optional<std::string> &out) {
        const auto *v = o.if_contains(key);
        if (!v || v->is_null()) return true;
        scope s(*this, key);
        if (!v->is_string()) return fail(error_code::json_expected_string, {}, json_kind_of(*v));
        out = std::string(v->get_string());
        return true;
    }

    bool read_sections(const boost::json::value &v, report &r) {
        scope s(*this, "sections");
        if (!v.is_object()) return fail(error_code::json_expected_object, {}, json_kind_of(v));
        for (const auto &kv : v.get_object()) {
            scope k(*this, kv.key());
            const auto which = from_name<section>(kv.key());
            if (!which) return fail(error_code::json_unknown_section);
            if (kv.value().is_null()) continue;
            if (!kv.value().is_string()) return fail(error_code::json_expected_string, {}, json_kind_of(kv.value()));
            r.sections[*which] = std::string(kv.value().get_string());
        }
        return true;
    }

    bool read_cell_value(const boost::json::value &v, cell &c) {
        switch (v.kind()) {
        case boost::json::kind::null: c = cell{}; return true;
        case boost::json::kind::int64: c = count_cell(v.get_int64()); return true;
        case boost::json::kind::uint64: return fail(error_code::json_number_out_of_range);
        case boost::json::kind::double_:
            if (const auto why = cell_from_double(v.get_double(), c)) return fail(*why);
            return true;
        case boost::json::kind::string:
            if (v.get_string().size() > max_cell_text)
                return fail(error_code::json_text_too_long, "> " + std::to_string(max_cell_text) + " bytes");
            c = read_cell(v.get_string());
            return true;
        default: return fail(error_code::json_expected_cell, {}, json_kind_of(v));
        }
    }

    bool read_value(const boost::json::value &v, cell &c) { return read_cell_value(v, c); }

    template <class S>
        requires is_described_struct<S>
    bool read_value(const boost::json::value &v, S &s) { return read_struct(v, s); }

    // A Describe'd struct: every member is a required key; other keys are rejected.
    template <class S>
    bool read_struct(const boost::json::value &v, S &s) {
        using members = boost::describe::describe_members<S, boost::describe::mod_public>;
        if (!v.is_object()) return fail(error_code::json_expected_object, {}, json_kind_of(v));
        const boost::json::object &o = v.get_object();
        for (const auto &kv : o) {
            bool known = false;
            boost::mp11::mp_for_each<members>([&](auto d) { known = known || kv.key() == d.name; });
            if (!known) {
                scope k(*this, kv.key());
                return fail(error_code::json_unknown_key);
            }
        }
        bool ok = true;
        boost::mp11::mp_for_each<members>([&](auto d) {
            if (!ok) return;
            scope k(*this, d.name);
            const auto *m = o.if_contains(d.name);
            ok = m ? read_value(*m, s.*d.pointer) : fail(error_code::json_missing_key);
        });
        return ok;
    }

    // An object whose keys are exactly `names`, each read into the matching field.
    template <class T>
    bool read_fields(const boost::json::value &v, std::span<const std::string_view> names, std::span<T *const> fields) {
        if (!v.is_object()) return fail(error_code::json_expected_object, {}, json_kind_of(v));
        const boost::json::object &o = v.get_object();
        // Canonical order (what xxgk and most writers produce): every key where it belongs, none missing.
        if (o.size() == names.size() &&
            std::equal(names.begin(), names.end(), o.begin(), [](std::string_view n, const auto &kv) { return kv.key() == n; })) {
            for (std::size_t i = 0; i < names.size(); ++i) {
                scope k(*this, names[i]);
                if (!read_value(o.begin()[i].value(), *fields[i])) return false;
            }
            return true;
        }
        for (const auto &kv : o)
            if (std::find(names.begin(), names.end(), kv.key()) == names.end()) {
                scope k(*this, kv.key());
                return fail(error_code::json_unknown_key);
            }
        for (std::size_t i = 0; i < names.size(); ++i) {
            scope k(*this, names[i]);
            const auto *m = o.if_contains(names[i]);
            if (!m) return fail(error_code::json_missing_key);
            if (!read_value(*m, *fields[i])) return false;
        }
        return true;
    }

    template <class E, class T>
    bool read_value(const boost::json::value &v, enum_array<E, T> &a) {
        std::array<T *, enum_count<E>> fields{};
        for (E e : all_of<E>()) fields[index(e)] = &a[e];
        return read_fields<T>(v, names_of<E>, fields);
    }

    bool read_applications(const boost::json::object &o, report &r) {
        scope s(*this, "applications");
        const auto *v = o.if_contains("applications");
        if (!v) return fail(error_code::json_missing_key);
        std::array<std::string_view, enum_count<row>> names{};
        std::array<applicant_cells *, enum_count<row>> fields{};
        std::size_t n = 0;
        for (std::uint8_t item : rows_of(r.format())) {
            const bool other = item == cell_ref::other_handling_row;
            names[n] = other ? std::string_view("other_handling") : names_of<row>[item];
            fields[n++] = other ? &r.applications.other_handling : &r.applications.rows[row(item)];
        }
        return read_fields<applicant_cells>(*v, std::span(names.data(), n), std::span(fields.data(), n));
    }

    bool read_review(const boost::json::object &o, report &r) {
        scope s(*this, "review_litigation");
        const auto *v = o.if_contains("review_litigation");
        return v ? read_value(*v, r.review_litigation) : fail(error_code::json_missing_key);
    }

    bool read_ambiguous(const boost::json::value &v, report &r) {
        scope s(*this, "ambiguous");
        if (!v.is_array()) return fail(error_code::json_expected_array, {}, json_kind_of(v));
        std::size_t i = 0;
        for (const auto &p : v.get_array()) {
            scope k(*this, i++);
            cell *c = p.is_string() ? cell_at_pointer(r, p.get_string()) : nullptr;
            if (!c) return fail(error_code::json_bad_pointer);
            if (c->kind != cell_kind::blank) return fail(error_code::json_ambiguous_not_null);
            c->kind = cell_kind::unreadable;
        }
        return true;
    }

    bool read_positions(const boost::json::value &v, report &r) {
        scope s(*this, "positions");
        if (!v.is_object()) return fail(error_code::json_expected_object, {}, json_kind_of(v));
        for (const auto &kv : v.get_object()) {
            scope k(*this, kv.key());
            cell *c = cell_at_pointer(r, kv.key());
            if (!c) return fail(error_code::json_bad_pointer);
            if (!kv.value().is_object()) return fail(error_code::json_expected_object);
            for (const auto &f : kv.value().get_object()) {
                scope fk(*this, f.key());
                std::uint32_t *field = f.key() == "line"     ? &c->source.line
                                       : f.key() == "column" ? &c->source.column
                                       : f.key() == "page"   ? &c->source.page
                                       : f.key() == "table"  ? &c->source.table
                                       : f.key() == "row"    ? &c->source.row
                                       : f.key() == "cell"   ? &c->source.cell
                                                             : nullptr;
                if (!field) return fail(error_code::json_unknown_key, "line | column | page | table | row | cell");
                if (!f.value().is_int64() || f.value().get_int64() < 1 || f.value().get_int64() > UINT32_MAX)
                    return fail(error_code::json_bad_position);
                *field = static_cast<std::uint32_t>(f.value().get_int64());
            }
            if (!c->source.known()) return fail(error_code::json_position_unknown);
        }
        return true;
    }
};

// Reads canonical JSON straight into a report while Boost.JSON parses it, without building a DOM first.
// It accepts only documents `json_reader` accepts and builds the same report; anything else (a syntax
// error, an unknown, missing or duplicate key, a wrong type, a table before `format`, `ambiguous` or
// `positions` before the tables) it declines at once, and `parse_report` then reads the document through
// the DOM, whose reader names the error. So every error comes from one place, `json_reader`.
class sax_reader {
public:
    static constexpr std::size_t max_object_size = boost::json::object::max_size();
    static constexpr std::size_t max_array_size = boost::json::array::max_size();
    static constexpr std::size_t max_key_size = boost::json::string::max_size();
    static constexpr std::size_t max_string_size = boost::json::string::max_size();

    // `r` must be a default-constructed report.
    explicit sax_reader(report &r) noexcept : r_(r) {}

    bool on_document_begin(boost::system::error_code &) noexcept { return true; }
    bool on_document_end(boost::system::error_code &) noexcept { return true; }
    bool on_number_part(boost::json::string_view, boost::system::error_code &) noexcept { return true; }
    bool on_comment_part(boost::json::string_view, boost::system::error_code &ec) noexcept { return decline(ec); }
    bool on_comment(boost::json::string_view, boost::system::error_code &ec) noexcept { return decline(ec); }
    bool on_bool(bool, boost::system::error_code &ec) noexcept { return decline(ec); }
    bool on_uint64(std::uint64_t, boost::json::string_view, boost::system::error_code &ec) noexcept {
        return decline(ec);
    }

    bool on_object_begin(boost::system::error_code &ec) { return enter(open_object(), ec); }
    bool on_object_end(std::size_t, boost::system::error_code &ec) { return leave(ec); }
    bool on_array_begin(boost::system::error_code &ec) {
        const bool ok = depth_ == 1 && top().where == at::top && key_ == ambiguous_key && tables_read();
        return enter(ok ? at::ambiguous : at::none, ec);
    }
    bool on_array_end(std::size_t, boost::system::error_code &ec) { return leave(ec); }

    bool on_key_part(boost::json::string_view s, std::size_t, boost::system::error_code &) {
        text_.append(s.data(), s.size());
        return true;
    }
    bool on_key(boost::json::string_view s, std::size_t, boost::system::error_code &ec) {
        const bool ok = key(whole(s));
        text_.clear();
        return ok || decline(ec);
    }
    bool on_string_part(boost::json::string_view s, std::size_t, boost::system::error_code &) {
        text_.append(s.data(), s.size());
        return true;
    }
    bool on_string(boost::json::string_view s, std::size_t, boost::system::error_code &ec) {
        const bool ok = string(whole(s));
        text_.clear();
        return ok || decline(ec);
    }
    bool on_int64(std::int64_t i, boost::json::string_view, boost::system::error_code &ec) {
        if (depth_ == 1 && key_ == year_key) {
            if (i < 1990 || i > 2100) return decline(ec);
            r_.year = static_cast<int>(i);
            return true;
        }
        if (top().where == at::position) {
            if (!field_ || i < 1 || i > UINT32_MAX) return decline(ec);
            *field_ = static_cast<std::uint32_t>(i);
            return true;
        }
        cell *c = leaf();
        if (!c) return decline(ec);
        *c = count_cell(i);
        return true;
    }
    bool on_double(double d, boost::json::string_view, boost::system::error_code &ec) {
        cell *c = leaf();
        return (c && !cell_from_double(d, *c)) || decline(ec);
    }
    bool on_null(boost::system::error_code &ec) {
        if (depth_ == 1) {
            const bool optional_text = key_ == title_key || key_ == agency_key || key_ == published_key ||
                                       key_ == preamble_key;
            return optional_text || decline(ec);
        }
        if (top().where == at::sections) return true;
        return leaf() != nullptr || decline(ec);  // the cell stays blank
    }

private:
    // The objects and arrays of the canonical layout; `none` is anything else (declined).
    enum class at : std::uint8_t { none, top, sections, t2, t2_group, t3, t3_row, t4, t4_row, ambiguous, positions,
                                   position };
    static constexpr int format_key = 0, title_key = 1, agency_key = 2, year_key = 3, agency_kind_key = 4,
                         published_key = 5, preamble_key = 6, sections_key = 7, active_key = 8,
                         applications_key = 9, review_key = 10, ambiguous_key = 11, positions_key = 12;

    struct frame {
        at where = at::none;
        std::uint8_t item = 0;        // the table-二 item, table-三 row or table-四 proceeding
        std::uint16_t seen_before = 0; // cells read before this object began
        std::uint16_t expected = 0;    // cells this object must hold
        std::uint8_t last = 0xFF;      // the enumerator the previous key named (the next one is likely next)
        cell *target = nullptr;        // the cell a `positions` entry is about
    };

    // Seen cells, one bit each: table 二 by item × (column or single), then table 三 by row × applicant
    // (`other_handling_row` included), then table 四.
    static constexpr std::size_t t2_columns = std::max(enum_count<document_column>, enum_count<column_2019>) + 1;
    static constexpr std::size_t t2_cells = std::max(enum_count<active_item>, enum_count<active_item_2019>) * t2_columns;
    static constexpr std::size_t t3_base = t2_cells, t4_base = t3_base + (enum_count<row> + 1) * enum_count<applicant>;

    report &r_;
    std::array<frame, 4> stack_{};
    std::size_t depth_ = 0;
    int key_ = -1;                  // the top-level key being read
    std::uint16_t keys_seen_ = 0;   // top-level keys, one bit each
    std::uint8_t sections_seen_ = 0;
    std::uint8_t item_ = 0;         // the table-二 item or table-三 row or table-四 proceeding named by the last key
    cell *cell_ = nullptr;          // the cell named by the last key
    std::uint32_t *field_ = nullptr; // the position field named by the last key
    std::size_t seen_index_ = 0;
    std::bitset<t4_base + enum_count<proceeding> * enum_count<case_result>> seen_;
    std::uint16_t seen_count_ = 0;
    std::array<cell *, t2_cells> t2_{};  // table 二's cells by seen index
    std::string text_;                   // a key or string delivered in parts

    static bool decline(boost::system::error_code &ec) noexcept {
        ec = boost::json::error::syntax;  // any error stops the parser; the DOM reader then names the real one
        return false;
    }
    frame &top() noexcept { return stack_[depth_ == 0 ? 0 : depth_ - 1]; }
    std::string_view whole(boost::json::string_view s) {
        if (text_.empty()) return {s.data(), s.size()};
        text_.append(s.data(), s.size());
        return text_;
    }
    bool seen_key(int k) const noexcept { return (keys_seen_ >> k) & 1u; }
    bool tables_read() const noexcept {
        return depth_ == 1 && seen_key(active_key) && seen_key(applications_key) && seen_key(review_key);
    }
    static std::uint8_t column_byte(std::size_t i) noexcept { return static_cast<std::uint8_t>(i); }

    // The cell the value about to be read goes into, counted as seen; null when the value belongs elsewhere.
    cell *leaf() noexcept {
        const at where = top().where;
        if (depth_ < 2 || !cell_ || (where != at::t2 && where != at::t2_group && where != at::t3_row && where != at::t4_row))
            return nullptr;
        if (seen_[seen_index_]) return nullptr;
        seen_[seen_index_] = true;
        ++seen_count_;
        cell *c = cell_;
        cell_ = nullptr;
        return c;
    }

    at open_object() {
        if (depth_ == 0) return at::top;
        frame &f = top();
        switch (f.where) {
        case at::top:
            if (depth_ != 1) return at::none;
            if (key_ == sections_key) return at::sections;
            if (key_ == active_key && seen_key(format_key)) return at::t2;
            if (key_ == applications_key && seen_key(format_key)) return at::t3;
            if (key_ == review_key) return at::t4;
            if (key_ == positions_key && tables_read()) return at::positions;
            return at::none;
        case at::t2: return cell_ || item_ == 0xFF ? at::none : at::t2_group;
        case at::t3: return at::t3_row;
        case at::t4: return at::t4_row;
        case at::positions: return cell_ && !cell_->source.known() ? at::position : at::none;
        default: return at::none;
        }
    }

    bool enter(at where, boost::system::error_code &ec) {
        if (where == at::none || depth_ == stack_.size()) return decline(ec);
        frame f{where, item_, seen_count_, 0, 0xFF, nullptr};
        switch (where) {
        case at::t2:
            std::visit(
                [&](auto &table) {
                    using table_t = std::remove_cvref_t<decltype(table)>;
                    constexpr bool v2021 = std::is_same_v<table_t, active_disclosure>;
                    using item_t = std::conditional_t<v2021, active_item, active_item_2019>;
                    using column_t = std::conditional_t<v2021, document_column, column_2019>;
                    for_each_table2_cell<item_t, column_t>(table, v2021 ? area::active_disclosure : area::active_disclosure_2019,
                                                           [&](cell_ref c, cell &x) {
                                                               t2_[t2_index(c)] = &x;
                                                               ++f.expected;
                                                           });
                },
                r_.active);
            break;
        case at::t2_group:
            for (std::size_t col = 0; col + 1 < t2_columns; ++col) f.expected += t2_[item_ * t2_columns + col] != nullptr;
            if (f.expected == 0) return decline(ec);
            break;
        case at::t3: f.expected = static_cast<std::uint16_t>(rows_of(r_.format()).size * enum_count<applicant>); break;
        case at::t3_row: f.expected = enum_count<applicant>; break;
        case at::t4: f.expected = enum_count<proceeding> * enum_count<case_result>; break;
        case at::t4_row: f.expected = enum_count<case_result>; break;
        case at::position: f.target = cell_; break;
        default: break;
        }
        cell_ = nullptr;
        item_ = 0xFF;
        stack_[depth_++] = f;
        return true;
    }

    bool leave(boost::system::error_code &ec) {
        const frame f = stack_[--depth_];
        cell_ = nullptr;
        switch (f.where) {
        case at::top:
            for (int k : {format_key, active_key, applications_key, review_key})
                if (!seen_key(k)) return decline(ec);
            return true;
        case at::t2:
        case at::t2_group:
        case at::t3:
        case at::t3_row:
        case at::t4:
        case at::t4_row: return seen_count_ - f.seen_before == f.expected || decline(ec);
        case at::position: return f.target->source.known() || decline(ec);
        default: return true;
        }
    }

    static std::size_t t2_index(cell_ref c) noexcept {
        return c.item * t2_columns + (c.column == cell_ref::no_column ? t2_columns - 1 : c.column);
    }

    // The enumerator named `name`, tried first as the one after `last` (canonical order), or SIZE_MAX.
    template <class E>
    static std::size_t find(std::string_view name, std::uint8_t &last) noexcept {
        const auto hint = static_cast<std::uint8_t>(last + 1);
        if (hint < enum_count<E> && names_of<E>[hint] == name) return last = hint;
        const auto e = from_name<E>(name);
        if (!e) return SIZE_MAX;
        last = static_cast<std::uint8_t>(index(*e));
        return last;
    }

    // Names the target of the value that follows; false for a key the layout does not have there.
    bool key(std::string_view k) {
        frame &f = top();
        const bool v2021 = r_.format() == format_version::v2021;
        std::size_t i = SIZE_MAX;
        switch (f.where) {
        case at::top: {
            const auto next = static_cast<std::size_t>(key_ + 1);
            if (next < report_keys.size() && report_keys[next] == k) {
                key_ = static_cast<int>(next);
            } else {
                const auto it = std::find(report_keys.begin(), report_keys.end(), k);
                if (it == report_keys.end()) return false;
                key_ = static_cast<int>(it - report_keys.begin());
            }
            if (seen_key(key_)) return false;
            keys_seen_ = static_cast<std::uint16_t>(keys_seen_ | (1u << key_));
            return true;
        }
        case at::sections:
            if ((i = find<section>(k, f.last)) == SIZE_MAX || (sections_seen_ >> i & 1u)) return false;
            sections_seen_ = static_cast<std::uint8_t>(sections_seen_ | (1u << i));
            item_ = column_byte(i);
            return true;
        case at::t2:
            i = v2021 ? find<active_item>(k, f.last) : find<active_item_2019>(k, f.last);
            if (i == SIZE_MAX) return false;
            item_ = column_byte(i);
            seen_index_ = i * t2_columns + t2_columns - 1;
            cell_ = t2_[seen_index_];  // null for an item with columns
            return true;
        case at::t2_group:
            i = v2021 ? find<document_column>(k, f.last) : find<column_2019>(k, f.last);
            if (i == SIZE_MAX) return false;
            seen_index_ = f.item * t2_columns + i;
            return (cell_ = t2_[seen_index_]) != nullptr;
        case at::t3:
            if (!v2021 && k == "other_handling") i = cell_ref::other_handling_row;
            else if ((i = find<row>(k, f.last)) == SIZE_MAX || (!v2021 && is_2021_only(row(i)))) return false;
            item_ = column_byte(i);
            return true;
        case at::t3_row:
            if ((i = find<applicant>(k, f.last)) == SIZE_MAX) return false;
            seen_index_ = t3_base + f.item * enum_count<applicant> + i;
            cell_ = f.item == cell_ref::other_handling_row ? &r_.applications.other_handling.items[i]
                                                          : &r_.applications.rows.items[f.item].items[i];
            return true;
        case at::t4:
            if ((i = find<proceeding>(k, f.last)) == SIZE_MAX) return false;
            item_ = column_byte(i);
            return true;
        case at::t4_row:
            if ((i = find<case_result>(k, f.last)) == SIZE_MAX) return false;
            seen_index_ = t4_base + f.item * enum_count<case_result> + i;
            cell_ = &r_.review_litigation.items[f.item].items[i];
            return true;
        case at::positions: return (cell_ = cell_at_pointer(r_, k)) != nullptr;
        case at::position: {
            source_position &p = f.target->source;
            field_ = k == "line" ? &p.line : k == "column" ? &p.column : k == "page" ? &p.page
                   : k == "table" ? &p.table : k == "row" ? &p.row : k == "cell" ? &p.cell : nullptr;
            return field_ != nullptr;
        }
        default: return false;
        }
    }

    bool string(std::string_view s) {
        const at where = top().where;
        if (depth_ == 1) {
            switch (key_) {
            case format_key:
                if (s == "2019") r_.active = active_disclosure_2019{};
                return s == "2021" || s == "2019";
            case title_key: r_.title = std::string(s); return true;
            case agency_key: r_.agency = std::string(s); return true;
            case agency_kind_key: return (r_.kind = from_name<agency_kind>(s)).has_value();
            case published_key:
                if (!is_iso_date(s)) return false;
                r_.published = std::string(s);
                return true;
            case preamble_key: r_.preamble = std::string(s); return true;
            default: return false;
            }
        }
        if (where == at::sections) {
            r_.sections.items[item_] = std::string(s);
            return true;
        }
        if (where == at::ambiguous) {
            cell *c = cell_at_pointer(r_, s);
            if (!c || c->kind != cell_kind::blank) return false;
            c->kind = cell_kind::unreadable;
            return true;
        }
        if (s.size() > max_cell_text) return false;
        cell *c = leaf();
        if (!c) return false;
        *c = read_cell(s);
        return true;
    }
};

inline boost::json::value cell_json(const cell &c, cell_ref where) {
    switch (c.kind) {
    case cell_kind::blank:
    case cell_kind::unreadable: return nullptr;
    case cell_kind::placeholder:
    case cell_kind::text: return boost::json::string(c.text);
    case cell_kind::number: break;
    }
    if (!c.text.empty()) return boost::json::string(c.text);
    const bool money = where == ref(active_item::fees);
    if (c.value.scale == 0 && !money) return c.value.units;
    return boost::json::string(to_string(c.value));
}

inline boost::json::object position_json(const source_position &p) {
    boost::json::object o;
    auto put = [&](std::string_view k, std::uint32_t v) {
        if (v) o[k] = v;
    };
    put("line", p.line), put("column", p.column), put("page", p.page);
    put("table", p.table), put("row", p.row), put("cell", p.cell);
    return o;
}

// The object under `key` in `parent`, made when missing.
inline boost::json::object &object_at(boost::json::object &parent, std::string_view key, std::size_t capacity) {
    boost::json::value &v = parent[key];
    if (!v.is_object()) {
        v = boost::json::object();
        v.get_object().reserve(capacity);
    }
    return v.get_object();
}

inline void pretty_print_to(std::string &out, const boost::json::value &v, int indent) {
    auto newline = [&](int n) {
        out += '\n';
        out.append(static_cast<std::size_t>(n) * 2, ' ');
    };
    if (v.is_object() && !v.get_object().empty()) {
        out += '{';
        bool first = true;
        for (const auto &kv : v.get_object()) {
            if (!first) out += ',';
            first = false;
            newline(indent + 1);
            out += boost::json::serialize(boost::json::string_view(kv.key()));
            out += ": ";
            pretty_print_to(out, kv.value(), indent + 1);
        }
        newline(indent);
        out += '}';
    } else if (v.is_array() && !v.get_array().empty()) {
        out += '[';
        bool first = true;
        for (const auto &e : v.get_array()) {
            if (!first) out += ',';
            first = false;
            newline(indent + 1);
            pretty_print_to(out, e, indent + 1);
        }
        newline(indent);
        out += ']';
    } else {
        out += boost::json::serialize(v);
    }
}

}  // namespace detail

inline boost::json::object to_json(const report &r, const write_options &options) {
    boost::json::object o;
    o["format"] = r.format() == format_version::v2021 ? "2021" : "2019";
    if (r.title) o["title"] = *r.title;
    if (r.agency) o["agency"] = *r.agency;
    if (r.year) o["year"] = *r.year;
    if (r.kind) o["agency_kind"] = name(*r.kind);
    if (r.published) o["published"] = *r.published;
    if (r.preamble) o["preamble"] = *r.preamble;
    boost::json::object sections;
    for (section s : all_of<section>())
        if (r.sections[s]) sections[name(s)] = *r.sections[s];
    if (!sections.empty()) o["sections"] = std::move(sections);
    boost::json::array ambiguous;
    boost::json::object positions;
    // Each cell goes into the object of its table and row, looked up again only when the table or row
    // changes (any insertion into a parent is followed by such a change, so the pointers stay valid).
    boost::json::object *table = nullptr, *row_object = nullptr;
    cell_ref previous{};
    for_each_cell(r, [&](cell_ref where, const cell &c) {
        std::array<std::string_view, 3> names{};
        std::size_t n = 0;
        for_each_pointer_segment(where, [&](std::string_view s) { names[n++] = s; });
        if (!table || where.where != previous.where) table = &detail::object_at(o, names[0], enum_count<row> + 1), row_object = nullptr;
        if (n == 2) {
            (*table)[names[1]] = detail::cell_json(c, where);
        } else {
            if (!row_object || where.item != previous.item) row_object = &detail::object_at(*table, names[1], enum_count<applicant>);
            (*row_object)[names[2]] = detail::cell_json(c, where);
        }
        previous = where;
        const bool positioned = options.positions && c.source.known();
        if (c.kind != cell_kind::unreadable && !positioned) return;
        const std::string pointer = json_pointer(where);
        if (c.kind == cell_kind::unreadable) ambiguous.emplace_back(pointer);
        if (positioned) positions[pointer] = detail::position_json(c.source);
    });
    if (!ambiguous.empty()) o["ambiguous"] = std::move(ambiguous);
    if (!positions.empty()) o["positions"] = std::move(positions);
    return o;
}

inline std::string to_json_text(const report &r, const write_options &options, bool pretty) {
    const boost::json::value v = to_json(r, options);
    return pretty ? pretty_print(v) : boost::json::serialize(v);
}

inline std::optional<report> report_from_json(const boost::json::value &v, json_error &error) noexcept {
    std::optional<report> r;
    try {
        r.emplace();
        detail::json_reader reader(error);
        if (!reader.read_report(v, *r)) r.reset();
    } catch (const std::bad_alloc &) {
        error = json_error{error_code::out_of_memory};
        r.reset();
    }
    return r;
}

namespace detail {

// A UTF-8 byte order mark, as Windows editors write it, is skipped (RFC 8259 §8.1 allows that); offsets
// in errors still count from the first byte of the input.
inline std::size_t bom_size(std::string_view json) noexcept { return json.starts_with("\xEF\xBB\xBF") ? 3 : 0; }

// Boost.JSON 1.81 validates UTF-8 byte by byte twice over; one fast pass of our own does it once.
inline boost::json::parse_options utf8_checked_here() noexcept {
    boost::json::parse_options options;
    options.allow_invalid_utf8 = true;
    return options;
}

// Reads `json` straight into `r` (default-constructed) with the SAX reader; false when it declined, and
// `r` then holds whatever was read so far. `utf8_checked`: the caller found `json` well-formed UTF-8.
inline bool read_report_directly(std::string_view json, report &r, bool utf8_checked = false) {
    const std::size_t bom = bom_size(json);
    boost::json::basic_parser<sax_reader> p(utf8_checked_here(), r);
    boost::system::error_code ec;
    const std::size_t n = bom + p.write_some(false, json.data() + bom, json.size() - bom, ec);
    return !ec && n == json.size() && (utf8_checked || !invalid_utf8_at(json));
}

// Parses `json` into a DOM and reads it into `r` (default-constructed): the path that names every error.
inline bool parse_report_dom(std::string_view json, report &r, json_error &error, bool utf8_checked = false) noexcept {
    try {
        // The DOM lives only until the report is built: one arena for all of it, freed at once, its first
        // block on the stack (most of a typical report's DOM), and the parser's working stack beside it.
        unsigned char first_block[16384], parser_stack[4096];
        boost::json::monotonic_resource arena(first_block, sizeof first_block);
        boost::json::parser p({}, utf8_checked_here(), parser_stack, sizeof parser_stack);
        p.reset(&arena);
        const std::size_t bom = bom_size(json);
        boost::system::error_code ec;
        std::size_t n = bom + p.write_some(json.data() + bom, json.size() - bom, ec);
        if (!ec && n < json.size()) ec = boost::json::error::extra_data;
        const std::optional<std::size_t> bad_byte = utf8_checked ? std::nullopt : invalid_utf8_at(json);
        if (ec || bad_byte) {
            error = json_error{error_code::json_syntax, ec ? ec.message() : std::string()};
            if (bad_byte && (!ec || *bad_byte <= n)) n = *bad_byte, error = json_error{error_code::invalid_utf8};
            error.offset = n;
            std::size_t line = 1, line_start = 0;
            for (std::size_t i = 0; i < n && i < json.size(); ++i)
                if (json[i] == '\n') ++line, line_start = i + 1;
            error.where.line = static_cast<std::uint32_t>(line);
            error.where.column = static_cast<std::uint32_t>(n - line_start + 1);
            return false;
        }
        json_reader reader(error);
        return reader.read_report(p.release(), r);
    } catch (const std::bad_alloc &) {
        error = json_error{error_code::out_of_memory};
    } catch (const std::exception &e) {
        error = json_error{error_code::internal, e.what()};
    }
    return false;
}

// parse_report into `r` (default-constructed); `utf8_checked`: the caller found `json` well-formed UTF-8 (the
// readers' decoder does), so it is not checked again.
inline bool parse_report_into(std::string_view json, report &r, json_error &error, bool utf8_checked) noexcept {
    if (json.size() > max_json_size) {
        error = json_error{error_code::too_large,
                           std::to_string(json.size()) + " > " + std::to_string(max_json_size) + " bytes"};
        return false;
    }
    try {
        if (read_report_directly(json, r, utf8_checked)) return true;
    } catch (const std::exception &) {
        // declined; the DOM reader below reports the failure
    }
    r = report{};
    return parse_report_dom(json, r, error, utf8_checked);
}

}  // namespace detail

inline bool parse_report(std::string_view json, report &r, json_error &error) noexcept {
    return detail::parse_report_into(json, r, error, false);
}

inline std::optional<report> parse_report(std::string_view json, json_error &error) noexcept {
    std::optional<report> r(std::in_place);
    if (!parse_report(json, *r, error)) r.reset();
    return r;
}

inline report parse_report(std::string_view json) {
    report r;
    json_error error;
    if (!parse_report(json, r, error)) throw json_exception(std::move(error));
    return r;
}

inline boost::json::object to_json(const diagnostic &d, language lang, boost::json::storage_ptr storage) {
    boost::json::object o(storage);
    o.reserve(13);
    o["rule"] = info(d.which).id;
    o["severity"] = name(d.level);
    o["status"] = name(d.state);
    const cell_ref first = d.cells.empty() ? cell_ref{} : d.cells.front();
    auto pointer = [&](cell_ref c) {
        boost::json::string p(storage);
        write_json_pointer(p, c);
        return p;
    };
    o["pointer"] = pointer(first);
    boost::json::array pointers(storage);
    pointers.reserve(d.cells.size());
    for (cell_ref c : d.cells) pointers.emplace_back(pointer(c));
    o["pointers"] = std::move(pointers);
    const ref_labels l = labels(first);
    boost::json::object label_object(storage);
    label_object.reserve(3);
    label_object.emplace("table", l.table), label_object.emplace("row", l.row), label_object.emplace("column", l.column);
    o["labels"] = std::move(label_object);
    if (d.left) o["left"] = to_string(*d.left);
    if (d.right) o["right"] = to_string(*d.right);
    if (d.difference) o["difference"] = to_string(*d.difference);
    if (!d.text.empty()) o["text"] = d.text;
    o["message"] = message(d, lang);
    if (d.source.known()) o["source"] = detail::position_json(d.source);
    return o;
}

inline boost::json::object to_json(const rule_info &e) {
    return {{"id", e.id},
            {"severity", name(e.default_severity)},
            {"scope", name(e.scope)},
            {"title", {{"zh", e.title_zh}, {"en", e.title_en}}},
            {"message", {{"zh", e.message_zh}, {"en", e.message_en}}},
            {"rationale", {{"zh", e.rationale_zh}, {"en", e.rationale_en}}}};
}

inline boost::json::array catalogue_json() {
    boost::json::array a;
    for (const rule_info &e : catalogue) a.emplace_back(to_json(e));
    return a;
}

inline std::string pretty_print(const boost::json::value &v) {
    std::string out;
    detail::pretty_print_to(out, v, 0);
    out += '\n';
    return out;
}

}  // namespace xxgk
