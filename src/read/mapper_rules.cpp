// The `document`-scope rules: sections, tables, the statistics period, years, sections 五 and 六, and
// figures the prose attributes to table cells.
#include "mapper_internal.hpp"

#include <algorithm>
#include <functional>
#include <set>

namespace xxgk::read::detail {

namespace {

// Characters that end the stretch of text a figure may be attributed across: punctuation, and words
// that join several counts into one (`行政复议、行政诉讼案件74件`).
constexpr std::array<std::string_view, 16> stops = {"，", "。", "；", "：", "、", ",", ";", ":", "和", "及", "与",
                                                    "（", "(", "！", "？", "或"};

bool stop_at(std::string_view s) {
    return std::any_of(stops.begin(), stops.end(), [&](std::string_view x) { return s.starts_with(x); });
}

std::size_t code_point_size(std::string_view s) {
    const auto c = static_cast<unsigned char>(s[0]);
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

bool skip_spaces(std::string_view &s) {
    bool any = false;
    for (;;) {
        if (!s.empty() && (s[0] == ' ' || s[0] == '\n' || s[0] == '\t' || s[0] == '\r')) s.remove_prefix(1);
        else if (s.starts_with("\xC2\xA0")) s.remove_prefix(2);
        else return any;
        any = true;
    }
}

// Skips at most `gap` characters that are neither stops nor digits and finds `word` right after them.
std::optional<std::size_t> word_within(std::string_view s, std::string_view word, std::size_t gap) {
    std::size_t at = 0;
    for (std::size_t n = 0; n <= gap && at < s.size(); ++n) {
        if (s.substr(at).starts_with(word)) return at;
        if (stop_at(s.substr(at)) || (s[at] >= '0' && s[at] <= '9')) return std::nullopt;
        at += code_point_size(s.substr(at));
    }
    return std::nullopt;
}

// A figure `N件` right after the words (each found within `gap` characters of the previous one).
struct prose_figure {
    std::int64_t value;
    std::size_t begin, end;
};

// Finds a word (Boyer–Moore–Horspool): scanning for a word's first byte would stop at every other
// character of Chinese text, whose characters share a few lead bytes.
using word_searcher = std::boyer_moore_horspool_searcher<const char *>;

word_searcher searcher_for(std::string_view word) { return word_searcher(word.data(), word.data() + word.size()); }

// Where the searcher's word is first printed in text[from, …), or npos.
std::size_t find_word(const word_searcher &word, std::string_view text, std::size_t from) {
    const char *end = text.data() + text.size(), *at = word(text.data() + from, end).first;
    return at == end ? std::string_view::npos : static_cast<std::size_t>(at - text.data());
}

// `first` searches for words[0].
std::vector<prose_figure> figures(std::string_view text, std::span<const std::string_view> words, std::size_t gap,
                                  bool exclusive_first, const word_searcher &first) {
    std::vector<prose_figure> found;
    for (std::size_t at = find_word(first, text, 0); at != std::string_view::npos; at = find_word(first, text, at + 1)) {
        if (exclusive_first && at >= 3) {
            const std::string_view before = text.substr(at - 3, 3);
            if (before == "、" || before == "和" || before == "及" || before == "与") continue;
        }
        std::string_view rest = text.substr(at + words[0].size());
        bool ok = true;
        for (std::size_t w = 1; w < words.size() && ok; ++w) {
            const auto x = word_within(rest, words[w], gap);
            ok = x.has_value();
            if (ok) rest.remove_prefix(*x + words[w].size());
        }
        if (!ok) continue;
        // Up to six more characters (`公开事项`, `案件`), then the number and 件.
        std::size_t n = 0;
        while (n < 6 && !rest.empty() && !(rest[0] >= '0' && rest[0] <= '9') && !stop_at(rest)) {
            if (skip_spaces(rest)) continue;
            rest.remove_prefix(code_point_size(rest));
            ++n;
        }
        skip_spaces(rest);
        std::size_t d = 0;
        while (d < rest.size() && rest[d] >= '0' && rest[d] <= '9') ++d;
        if (!d || d > 12) continue;
        const std::int64_t value = std::stoll(std::string(rest.substr(0, d)));
        rest.remove_prefix(d);
        skip_spaces(rest);
        if (!rest.starts_with("件")) continue;
        const std::size_t end = static_cast<std::size_t>(rest.data() - text.data()) + 3;
        found.push_back({value, at, end});
    }
    return found;
}

std::optional<decimal> number(const report &r, cell_ref c) {
    const cell *x = find_cell(r, c);
    if (!x || !x->is_number()) return std::nullopt;
    return x->value;
}

std::optional<decimal> sum(std::optional<decimal> a, std::optional<decimal> b) {
    if (!a || !b) return std::nullopt;
    return add(*a, *b);
}

// The applicant columns of a row added up (when its printed 总计 is itself wrong).
std::optional<decimal> applicant_sum(const report &r, row rw) {
    std::optional<decimal> s = decimal{};
    for (applicant a : all_of<applicant>())
        if (a != applicant::total) s = sum(s, number(r, ref(rw, a)));
    return s;
}

// True when the clause before a figure speaks of another year (`2022年行政复议3件`, `上年`, `同比`): the
// figure is then not this report's table cell.
bool about_another_year(const report &r, std::string_view text, std::size_t at) {
    // The clause begins after the last stop before `at` (a character boundary, so no stop runs over it):
    // one backward pass, not a reverse search per stop that compares at every byte.
    std::size_t begin = 0;
    for (std::size_t p = at; p > 0 && begin == 0; --p) {
        const std::string_view before = text.substr(0, p);
        for (std::string_view stop : {"。", "；", "，", ";", ","})
            if (before.ends_with(stop)) begin = p;
    }
    const std::string_view clause = text.substr(begin, at - begin);
    for (std::string_view w : {"上年", "去年", "上一年", "同比", "以来", "累计"})
        if (clause.find(w) != std::string_view::npos) return true;
    for (const auto &[y, pos] : years_in(clause))
        if (!r.year || y != *r.year) return true;
    return false;
}

void check_prose_figures(const report &r, const document_facts &facts, std::vector<diagnostic> &out) {
    struct claim {
        std::vector<std::string_view> words;
        std::size_t gap;
        cell_ref target;
        // The values the sentence may mean: the cell, and readings a careful reader also accepts.
        std::vector<std::optional<decimal>> accepted;
    };
    const cell_ref received = ref(row::new_received, applicant::total);
    const auto received_total = number(r, received);
    const auto review = number(r, ref(proceeding::administrative_review, case_result::total));
    const auto suits = sum(number(r, ref(proceeding::litigation_direct, case_result::total)),
                           number(r, ref(proceeding::litigation_after_review, case_result::total)));
    const std::vector<claim> claims = {
        {{"受理", "申请"}, 12, received,
         {received_total, sum(received_total, number(r, ref(row::carried_over, applicant::total))),
          applicant_sum(r, row::new_received)}},
        {{"收到", "申请"}, 12, received,
         {received_total, sum(received_total, number(r, ref(row::carried_over, applicant::total))),
          applicant_sum(r, row::new_received)}},
        {{"行政复议"}, 0, ref(proceeding::administrative_review, case_result::total), {review}},
        {{"行政诉讼"}, 0, ref(proceeding::litigation_direct, case_result::total), {suits}},
    };
    std::vector<word_searcher> first_words;
    for (const claim &c : claims) first_words.push_back(searcher_for(c.words.front()));
    const word_searcher unit = searcher_for("件");
    for (const auto &[text, pos] : facts.prose) {
        // Every figure ends in 件: most paragraphs have none, and then no claim's words need be looked for.
        if (find_word(unit, text, 0) == std::string_view::npos) continue;
        for (std::size_t k = 0; k < claims.size(); ++k) {
            const claim &c = claims[k];
            if (!c.accepted.front()) continue;
            for (const prose_figure &f : figures(text, c.words, c.gap, c.words.size() == 1, first_words[k])) {
                if (about_another_year(r, text, f.begin)) continue;
                const decimal stated{f.value, 0};
                const bool agrees = std::any_of(c.accepted.begin(), c.accepted.end(), [&](const auto &v) {
                    return v && compare(*v, stated) == 0;
                });
                if (agrees) continue;
                diagnostic d = reader_finding(rule::text_table_mismatch, c.target, advance(pos, text, f.begin),
                                              std::string(std::string_view(text).substr(f.begin, f.end - f.begin)));
                d.left = stated;
                d.right = *c.accepted.front();
                d.difference = subtract(stated, *c.accepted.front());
                out.push_back(std::move(d));
            }
        }
    }
}

bool bare_none(std::string_view s) {
    std::string n = normalise_label(s);
    for (std::string_view p : {"。", ".", "！"})
        while (n.ends_with(p)) n.resize(n.size() - p.size());
    return n.empty() || n == "无" || n == "暂无" || n == "无。";
}

}  // namespace

void check_document(const report &r, const document_facts &facts, std::vector<diagnostic> &out) {
    // Sections: missing, out of order, reworded.
    std::array<const document_facts::heading *, 6> found{};
    for (const auto &h : facts.headings) found[index(h.which)] = &h;
    for (section s : all_of<section>())
        if (!found[index(s)]) out.push_back(reader_finding(rule::doc_section_missing, ref(s), {}));
    std::size_t highest = 0;
    bool any = false;
    for (const auto &h : facts.headings) {
        if (any && index(h.which) < highest)
            out.push_back(reader_finding(rule::doc_section_order, ref(h.which), h.pos, h.printed));
        highest = std::max(highest, index(h.which));
        any = true;
    }
    for (const auto &h : facts.headings)
        if (normalise_label(h.printed) != normalised(h.which))
            out.push_back(reader_finding(rule::doc_heading_variant, ref(h.which), h.pos, h.printed));
    // Tables.
    for (std::size_t k = 0; k < 3; ++k)
        if (!facts.table_found[k])
            out.push_back(reader_finding(rule::doc_table_missing, ref(section(k + 1)),
                                         found[k + 1] ? found[k + 1]->pos : source_position{}));
    // The statistics period and the years.
    if (!facts.period_found || (facts.period_year && r.year && *facts.period_year != *r.year) ||
        (facts.period_found && !facts.period_year)) {
        diagnostic d = reader_finding(rule::doc_period_statement, ref(metadata_field::year), facts.period_pos);
        if (facts.period_year) d.left = decimal{*facts.period_year, 0};
        if (r.year) d.right = decimal{*r.year, 0};
        out.push_back(std::move(d));
    }
    std::set<int> years;
    std::string which;
    auto note = [&](std::string_view what, int y) {
        years.insert(y);
        which += (which.empty() ? "" : "，") + std::string(what) + std::to_string(y) + "年";
    };
    if (facts.title_year) note("标题", *facts.title_year);
    if (facts.period_year) note("统计期限", *facts.period_year);
    source_position claim_pos = facts.title_pos;
    for (const auto &[y, pos] : facts.claimed_years) {
        if (!years.contains(y)) claim_pos = pos;
        note("正文", y);
    }
    if (years.size() > 1) out.push_back(reader_finding(rule::doc_year_mismatch, ref(metadata_field::year), claim_pos, which));
    // Sections 五 and 六.
    if (const auto &p = r.sections[section::problems]; p && bare_none(*p))
        out.push_back(reader_finding(rule::doc_problems_empty, ref(section::problems),
                                     found[index(section::problems)]->pos));
    if (const auto &o = r.sections[section::other_matters];
        o && r.format() == format_version::v2021 && o->find("处理费") == std::string::npos)
        out.push_back(reader_finding(rule::doc_fee_statement, ref(section::other_matters),
                                     found[index(section::other_matters)]->pos));
    check_prose_figures(r, facts, out);
}

}  // namespace xxgk::read::detail
