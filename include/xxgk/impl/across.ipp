// The rules over several reports and the publication deadline. Included by across.hpp only.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <unordered_set>

namespace xxgk {

namespace detail {

// Whether shingle_text keeps the code point `c` (not ASCII), folding a full-width ASCII one into `c`.
inline bool shingle_keeps(char32_t &c) noexcept {
    if (c >= 0xFF01 && c <= 0xFF5E) {
        c -= 0xFEE0;
        if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
    }
    const bool space_or_punct = c == 0xA0 || c == 0xFEFF || c == 0x00B7 || (c >= 0x2000 && c <= 0x206F) ||
                                (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE30 && c <= 0xFE4F) ||
                                (c >= 0xFF00 && c <= 0xFFEF) || c == 0xFFFD;
    return !space_or_punct;
}

// Calls `keep(c)` for each code point of `s` that shingle_text keeps, as it keeps it, in one pass over the
// bytes: ASCII and three-byte sequences (nearly all Chinese text) are decoded inline, the rest by decode_utf8.
template <class Keep>
inline void for_each_shingle_code_point(std::string_view s, Keep keep) {
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n;) {
        char32_t c = p[i];
        bool kept;
        if (c < 0x80) {
            ++i;
            if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
            kept = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
        } else if ((c & 0xF0) == 0xE0 && n - i > 2 && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
            c = (c & 0x0F) << 12 | char32_t{p[i + 1] & 0x3Fu} << 6 | (p[i + 2] & 0x3Fu);
            i += 3;
            // CJK ideographs, the bulk of the text, are neither space nor punctuation.
            kept = (c >= 0x3400 && c < 0xA000) || shingle_keeps(c);
        } else {
            c = decode_utf8(s, i);
            kept = shingle_keeps(c);
        }
        if (kept) keep(c);  // one call: the caller's `keep` is inlined
    }
}

}  // namespace detail

inline std::u32string shingle_text(std::string_view s) {
    std::u32string out;
    out.reserve(s.size() / 2);
    detail::for_each_shingle_code_point(s, [&](char32_t c) { out.push_back(c); });
    return out;
}

inline bool is_flow_cell(cell_ref c) noexcept {
    switch (c.where) {
    case area::active_disclosure: return c.column == cell_ref::no_column || document_column(c.column) != document_column::in_force;
    case area::active_disclosure_2019:
        return column_2019(c.column) != column_2019::previous_items && column_2019(c.column) != column_2019::total_published;
    case area::applications: return c.item != index(row::carried_over) && c.item != index(row::carried_forward);
    case area::review_litigation:
        return case_result(c.column) != case_result::pending && case_result(c.column) != case_result::total;
    default: return false;
    }
}

namespace detail {


inline std::unordered_set<std::u32string_view> shingles(const std::u32string &t) {
    std::unordered_set<std::u32string_view> set;
    const std::u32string_view v(t);
    if (v.size() <= shingle_size) {
        if (!v.empty()) set.insert(v);
        return set;
    }
    set.reserve(v.size());
    for (std::size_t i = 0; i + shingle_size <= v.size(); ++i) set.insert(v.substr(i, shingle_size));
    return set;
}

inline double shingle_similarity(const std::u32string &a, const std::u32string &b) {
    if (a == b) return 1.0;
    const auto sa = shingles(a), sb = shingles(b);
    const auto &small = sa.size() <= sb.size() ? sa : sb;
    const auto &large = sa.size() <= sb.size() ? sb : sa;
    std::size_t common = 0;
    for (const auto &s : small) common += large.contains(s);
    const std::size_t all = sa.size() + sb.size() - common;
    return all == 0 ? 1.0 : static_cast<double>(common) / static_cast<double>(all);
}

// A ratio in [0, 1] as an exact two-digit decimal, rounded down so a reported similarity never
// overstates the measured one.
inline decimal ratio_decimal(double x) noexcept {
    return decimal{static_cast<std::int64_t>(std::floor(std::clamp(x, 0.0, 1.0) * 100.0 + 1e-9)), 2};
}

// Two cells hold the same thing: same kind, same number, and the same text when the text is the content.
inline bool same_content(const cell &a, const cell &b) noexcept {
    if (a.kind != b.kind) return false;
    if (a.kind == cell_kind::number) return compare(a.value, b.value) == 0;
    return a.kind == cell_kind::blank || a.text == b.text;
}


inline void check_duplicate_tables(rule_sink &sink, const report &previous, decimal threshold) {
    constexpr std::size_t tables = 3;
    std::array<bool, tables> same{true, true, true}, evidence{};
    auto slot = [](area a) -> std::size_t {
        return a == area::applications ? 1 : a == area::review_litigation ? 2 : 0;
    };
    for_each_cell(sink.r, [&](cell_ref ref, const cell &c) {
        const std::size_t t = slot(ref.where);
        if (!same[t]) return;
        const cell *p = find_cell(previous, ref);
        if (!p || !same_content(c, *p)) {
            same[t] = false;
            return;
        }
        if (is_flow_cell(ref) && is_nonzero_number(c)) evidence[t] = true;
    });
    for (area a : {area::active_disclosure, area::applications, area::review_litigation}) {
        const std::size_t t = slot(a);
        if (!same[t] || !evidence[t]) continue;
        diagnostic &d = sink.emit(rule::xy_duplicate, ref(table_section(a)));
        d.text = "表格";
        d.left = decimal{1, 0};
        d.right = threshold;
    }
}

inline void check_duplicate_prose(rule_sink &sink, const report &previous, const pair_options &pair,
                                  decimal threshold) {
    for (section s : all_of<section>()) {
        const auto &now = sink.r.sections[s];
        const auto &then = previous.sections[s];
        if (!now || !then) continue;
        const std::u32string a = shingle_text(*now), b = shingle_text(*then);
        if (std::min(a.size(), b.size()) < pair.min_prose_chars) continue;
        const double similarity = shingle_similarity(a, b);
        if (similarity < pair.near_identical) continue;
        diagnostic &d = sink.emit(rule::xy_duplicate, ref(s));
        d.text = "正文";
        d.left = ratio_decimal(similarity);
        d.right = threshold;
    }
}

inline void check_carry_over(rule_sink &sink, const report &previous) {
    for (applicant a : all_of<applicant>()) {
        const std::array<cell_ref, 2> cells = {ref(row::carried_over, a), ref(row::carried_forward, a)};
        const cell &now = sink.r.applications(row::carried_over, a);
        const cell &then = previous.applications(row::carried_forward, a);
        if (!now.is_assessable() || !then.is_assessable()) {
            sink.emit(rule::xy_carry_over, status::not_assessable, cells).text =
                now.is_assessable() ? "上年：" + then.text : now.text;
            continue;
        }
        if (compare(now.arithmetic_value(), then.arithmetic_value()) == 0) continue;
        const auto difference = subtract(now.arithmetic_value(), then.arithmetic_value());
        diagnostic &d = sink.emit(rule::xy_carry_over, status::fail, cells);
        d.left = now.arithmetic_value();
        d.right = then.arithmetic_value();
        d.difference = difference;
    }
}

inline void check_in_force(rule_sink &sink, const report &previous) {
    const auto *now = std::get_if<active_disclosure>(&sink.r.active);
    if (!now) return;  // X-2 is defined on the 2021 table 二 only
    const auto *then = std::get_if<active_disclosure>(&previous.active);
    if (!then) {
        sink.emit(rule::xy_in_force, status::not_assessable, std::array{ref(metadata_field::format)}).text =
            "上年报告为2019年试行格式，无现行有效件数";
        return;
    }
    for (active_item item : {active_item::regulations, active_item::normative_documents}) {
        const document_counts &n = item == active_item::regulations ? now->regulations : now->normative_documents;
        const document_counts &t = item == active_item::regulations ? then->regulations : then->normative_documents;
        const std::array<cell_ref, 4> cells = {ref(item, document_column::in_force), ref(item, document_column::in_force),
                                               ref(item, document_column::issued), ref(item, document_column::repealed)};
        const std::array<const cell *, 4> values = {&n.in_force, &t.in_force, &n.issued, &n.repealed};
        const auto bad = std::find_if(values.begin(), values.end(), [](const cell *c) { return !c->is_assessable(); });
        if (bad != values.end()) {
            sink.emit(rule::xy_in_force, status::not_assessable, cells).text =
                (*bad == &t.in_force ? "上年：" : "") + (*bad)->text;
            continue;
        }
        const auto grown = add(t.in_force.arithmetic_value(), n.issued.arithmetic_value());
        const auto expected = grown ? subtract(*grown, n.repealed.arithmetic_value()) : std::nullopt;
        if (!expected) continue;  // beyond 18 digits: no count of documents is that large
        if (compare(n.in_force.arithmetic_value(), *expected) == 0) continue;
        diagnostic &d = sink.emit(rule::xy_in_force, status::fail, cells);
        d.left = n.in_force.arithmetic_value();
        d.right = *expected;
        d.difference = subtract(*d.left, *expected);
    }
}

}  // namespace detail

inline std::string normalise_agency(std::string_view name) {
    std::string out;
    for (std::size_t i = 0; i < name.size();) {
        const std::size_t start = i;
        char32_t c = decode_utf8(name, i);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0 || c == 0x3000 || c == 0xFEFF) continue;
        if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
        if (c < 0x80) out += static_cast<char>(c);
        else out.append(name.substr(start, i - start));
    }
    // A trailing qualifier such as （本级） or (试行) does not change the agency.
    while (out.ends_with(')')) {
        const std::size_t open = out.rfind('(');
        if (open == std::string::npos || open == 0) break;
        out.erase(open);
    }
    return out;
}

inline double text_similarity(std::string_view a, std::string_view b) {
    return detail::shingle_similarity(shingle_text(a), shingle_text(b));
}

inline void check_pair(const report &current, const report &previous, const check_options &options,
                       std::vector<diagnostic> &out, const pair_options &pair) {
    detail::rule_sink sink{current, options, out};
    if (current.year && previous.year && *previous.year + 1 != *current.year) {
        if (sink.on(rule::xy_carry_over))
            sink.emit(rule::xy_carry_over, status::not_assessable, std::array{ref(metadata_field::year)}).text =
                "上年报告的年度为" + std::to_string(*previous.year);
        return;
    }
    if (sink.on(rule::xy_carry_over)) detail::check_carry_over(sink, previous);
    if (sink.on(rule::xy_in_force)) detail::check_in_force(sink, previous);
    if (sink.on(rule::xy_duplicate)) {
        const decimal threshold = detail::ratio_decimal(pair.near_identical);
        detail::check_duplicate_tables(sink, previous, threshold);
        detail::check_duplicate_prose(sink, previous, pair, threshold);
    }
}

inline void check_publication(const report &r, const check_options &options, const deadline_options &deadlines,
                              std::vector<diagnostic> &out) {
    detail::rule_sink sink{r, options, out};
    const bool late = sink.on(rule::pub_late), early = sink.on(rule::pub_early);
    if (!late && !early) return;
    if (!r.published && !deadlines.require_date) return;
    const std::optional<long> day = r.published ? iso_day(*r.published) : std::nullopt;
    if (!day || !r.year) {
        // One finding says why neither rule can be evaluated.
        const cell_ref missing = !r.year ? ref(metadata_field::year) : ref(metadata_field::published);
        sink.emit(late ? rule::pub_late : rule::pub_early, status::not_assessable, std::span(&missing, 1)).text =
            !r.year ? std::string("未知年度") : r.published ? *r.published : std::string("未知发布日期");
        return;
    }
    const std::optional<long> year_over = civil_day(*r.year + 1, 1, 1);
    if (early && year_over && *day < *year_over) {
        diagnostic &d = sink.emit(rule::pub_early, ref(metadata_field::published));
        d.text = *r.published;
        d.left = decimal{*r.year, 0};
        d.difference = decimal{*year_over - *day, 0};
    }
    if (!late) return;
    const month_day md = r.kind ? deadlines.by_kind[*r.kind] : deadlines.unknown_kind;
    const std::optional<long> deadline = civil_day(*r.year + 1, md.month, md.day);
    if (!deadline || *day <= *deadline) return;  // an impossible configured deadline never fires
    diagnostic &d = sink.emit(rule::pub_late, ref(metadata_field::published));
    d.text = *r.published;
    d.difference = decimal{*day - *deadline, 0};
}

inline void check_hierarchy(const report &parent, std::span<const report> children, const check_options &options,
                            std::vector<diagnostic> &out, const hierarchy_options &hierarchy) {
    detail::rule_sink sink{parent, options, out};
    if (!sink.on(rule::xy_hierarchy) || children.empty()) return;
    for (const report &child : children)
        if (child.format() != parent.format() || (child.year && parent.year && child.year != parent.year)) {
            const cell_ref what = child.format() != parent.format() ? ref(metadata_field::format) : ref(metadata_field::year);
            sink.emit(rule::xy_hierarchy, status::not_assessable, std::span(&what, 1)).text =
                "下级机关报告的格式或年度不同：" + child.agency.value_or("?");
            return;
        }
    for_each_cell(parent, [&](cell_ref at, const cell &mine) {
        if (!is_count(at)) return;
        decimal sum{};
        const cell *bad = mine.is_assessable() ? nullptr : &mine;
        for (const report &child : children) {
            const cell &c = *find_cell(child, at);
            if (!c.is_assessable()) bad = bad ? bad : &c;
            else if (auto v = add(sum, c.arithmetic_value())) sum = *v;
        }
        if (bad) {
            sink.emit(rule::xy_hierarchy, status::not_assessable, std::span(&at, 1)).text = bad->text;
            return;
        }
        const auto order = compare(mine.arithmetic_value(), sum);
        if (order == 0 || (hierarchy.parent_includes_own && order > 0)) return;
        diagnostic &d = sink.emit(rule::xy_hierarchy, at);
        d.left = mine.arithmetic_value();
        d.right = sum;
        d.difference = subtract(mine.arithmetic_value(), sum);
    });
}

}  // namespace xxgk
