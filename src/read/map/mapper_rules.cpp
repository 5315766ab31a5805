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

// The digit (0–9) printed at s[0], ASCII or full-width (`１８件`), and its size in bytes; -1 when none.
std::pair<int, std::size_t> digit_at(std::string_view s) {
    if (!s.empty() && s[0] >= '0' && s[0] <= '9') return {s[0] - '0', 1};
    if (s.size() >= 3 && s[0] == '\xEF' && s[1] == '\xBC' && s[2] >= '\x90' && s[2] <= '\x99') return {s[2] - '\x90', 3};
    return {-1, 0};
}

bool digit_first(std::string_view s) { return digit_at(s).first >= 0; }

// Skips at most `gap` characters that are neither stops nor digits and finds `word` right after them.
std::optional<std::size_t> word_within(std::string_view s, std::string_view word, std::size_t gap) {
    std::size_t at = 0;
    for (std::size_t n = 0; n <= gap && at < s.size(); ++n) {
        if (s.substr(at).starts_with(word)) return at;
        if (stop_at(s.substr(at)) || digit_first(s.substr(at))) return std::nullopt;
        at += code_point_size(s.substr(at));
    }
    return std::nullopt;
}

// Words that, between a claim's words or before its number, make the figure another one's: an application
// for a licence is not one for government information, one carried over is not one received.
// Words naming a part of the applications (one kind of applicant, one channel) make it a part as well.
// A claim's own words never fall between its words or before its number: `申请` there makes a licence or
// review count an application count (`受理行政许可申请20件`).
constexpr std::array<std::string_view, 23> other_subjects = {
    "复议", "诉讼", "结转", "上年", "许可", "处罚", "收费", "投诉", "举报", "信访", "咨询", "来电",
    "其中", "累计", "同比", "网络", "当面", "信函", "传真", "自然人", "法人", "企业", "申请"};

bool names_another_subject(std::string_view between) {
    return std::any_of(other_subjects.begin(), other_subjects.end(),
                       [&](std::string_view w) { return between.find(w) != std::string_view::npos; });
}

// A figure the prose states right after a claim's words: its value and where it is printed.
struct prose_figure {
    decimal value;
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

// What the prose may say and the table cells it restates. `words` are found in order, each within `gap`
// characters of the one before; then, within `lead` more characters, the number and one of `units`.
struct claim {
    std::vector<std::string_view> words;
    std::size_t gap = 0, lead = 6;
    bool money = false;  // the fee: a decimal in 万元, or in 元
    // The readings the figure may have, each the sum of some cells: the first is the table's own, reported
    // on a mismatch; the others are readings a careful reader also accepts.
    std::vector<std::vector<cell_ref>> readings;
};

// The number (ASCII or full-width digits; a decimal for money) at the front of `rest`, with its unit.
std::optional<decimal> number_with_unit(std::string_view &rest, bool money) {
    std::string digits;
    while (digits.size() < 19) {
        const auto [d, n] = digit_at(rest);
        if (d >= 0) {
            digits.push_back(static_cast<char>('0' + d));
            rest.remove_prefix(n);
        } else if (money && !digits.empty() && digits.find('.') == std::string::npos && rest.size() > 1 &&
                   rest[0] == '.' && digit_first(rest.substr(1))) {
            digits.push_back('.');
            rest.remove_prefix(1);
        } else {
            break;
        }
    }
    if (digits.empty() || digits.size() > 15) return std::nullopt;
    skip_spaces(rest);
    const cell c = read_cell(digits);
    if (!c.is_number()) return std::nullopt;
    if (!money) {
        for (std::string_view unit : {"件", "起"})
            if (rest.starts_with(unit)) return rest.remove_prefix(unit.size()), c.value;
        return std::nullopt;
    }
    if (rest.starts_with("万元")) return rest.remove_prefix(6), c.value;
    if (rest.starts_with("元")) {
        rest.remove_prefix(3);
        if (c.value.scale + 4 > decimal::max_scale) return std::nullopt;
        return decimal{c.value.units, static_cast<std::uint8_t>(c.value.scale + 4)};  // 元 → 万元
    }
    return std::nullopt;
}

// The figures the claim's words begin at `starts` (where words[0] is printed, in order), appended to `found`.
void figures(std::string_view text, const claim &c, std::span<const std::size_t> starts, std::vector<prose_figure> &found) {
    found.clear();
    const auto &words = c.words;
    for (const std::size_t at : starts) {
        // A figure shared by several subjects (`行政复议、行政诉讼案件2件`) is none of theirs.
        if (words.size() == 1 && at >= 3) {
            const std::string_view before = text.substr(at - 3, 3);
            if (before == "、" || before == "和" || before == "及" || before == "与") continue;
        }
        // Nor is one that another verb takes as its object (`办结上年结转申请2件`: some of those carried over).
        if (at >= 6) {
            const std::string_view verb = text.substr(at - 6, 6);
            if (verb == "办结" || verb == "受理" || verb == "收到" || verb == "答复")
                continue;
        }
        std::string_view rest = text.substr(at + words[0].size());
        bool ok = true;
        for (std::size_t w = 1; w < words.size() && ok; ++w) {
            const auto x = word_within(rest, words[w], c.gap);
            ok = x.has_value() && !names_another_subject(rest.substr(0, *x));
            if (ok) rest.remove_prefix(*x + words[w].size());
        }
        if (!ok) continue;
        // Up to `lead` more characters (`公开事项`, `案件`), then the number and its unit.
        const char *filler = rest.data();
        std::size_t n = 0;
        while (n < c.lead && !rest.empty() && !digit_first(rest) && !stop_at(rest)) {
            if (skip_spaces(rest)) continue;
            rest.remove_prefix(code_point_size(rest));
            ++n;
        }
        if (names_another_subject(std::string_view(filler, static_cast<std::size_t>(rest.data() - filler)))) continue;
        skip_spaces(rest);
        const auto value = number_with_unit(rest, c.money);
        if (!value) continue;
        found.push_back({*value, at, static_cast<std::size_t>(rest.data() - text.data())});
    }
}

// The units a figure ends in (`件`, `起`, `元` and so `万元`), each three bytes in UTF-8.
constexpr std::array<std::string_view, 3> figure_units = {"件", "起", "元"};

// Where a figure unit is printed in `text`, in order, into `at`: one Horspool pass for the three units (the
// window moves by the least shift any unit allows), not one search per unit.
void find_units(std::string_view text, std::vector<std::size_t> &at) {
    static constexpr auto shift = [] {
        std::array<std::uint8_t, 256> s{};
        s.fill(3);
        for (std::string_view u : figure_units)
            for (std::size_t i = 0; i < 2; ++i)
                s[static_cast<unsigned char>(u[i])] = std::min<std::uint8_t>(s[static_cast<unsigned char>(u[i])],
                                                                             static_cast<std::uint8_t>(2 - i));
        for (std::string_view u : figure_units) s[static_cast<unsigned char>(u[2])] = 0;
        return s;
    }();
    at.clear();
    for (std::size_t i = 0; i + 3 <= text.size();) {
        const std::uint8_t s = shift[static_cast<unsigned char>(text[i + 2])];
        if (s != 0) {
            i += s;
            continue;
        }
        const std::string_view window = text.substr(i, 3);
        if (std::find(figure_units.begin(), figure_units.end(), window) != figure_units.end()) at.push_back(i);
        ++i;
    }
}

// A character of at most three bytes as one number (its bytes in order), to compare characters at once.
constexpr std::uint32_t packed(std::string_view ch) {
    std::uint32_t p = 0;
    for (char c : ch) p = p << 8 | static_cast<unsigned char>(c);
    return p;
}

// True when the character `ch` ends a figure's stretch of text: a stop or a digit (as `stop_at` and
// `digit_first` decide, character by character; the stops are single characters).
bool stop_or_digit(std::string_view ch) {
    static constexpr auto sorted_stops = [] {
        std::array<std::uint32_t, stops.size()> p{};
        std::transform(stops.begin(), stops.end(), p.begin(), packed);
        std::sort(p.begin(), p.end());
        return p;
    }();
    if (ch.size() > 3) return false;
    const std::uint32_t p = packed(ch);
    return (p >= '0' && p <= '9') || (p >= packed("０") && p <= packed("９")) ||
           std::binary_search(sorted_stops.begin(), sorted_stops.end(), p);
}

// Where the stretch of text a figure printed at `unit` may be attributed across begins: back over the number
// (digits, a decimal point, spaces, 万) and then over every character up to the last stop or digit. A figure's
// words and its number are separated by neither (see `figures`), so its words begin in [that, unit). The
// prose is valid UTF-8 (the readers decode and validate their input), so characters are found backwards.
std::size_t stretch_before(std::string_view text, std::size_t unit) {
    auto previous = [&](std::size_t at) {
        do --at;
        while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80);
        return at;
    };
    std::size_t at = unit;
    while (at > 0) {
        const std::size_t p = previous(at);
        const std::string_view ch = text.substr(p, at - p);
        if (!(digit_first(ch) || ch == "." || ch == "万" || ch == " " || ch == "\n" || ch == "\t" || ch == "\r" ||
              ch == "\xC2\xA0"))
            break;
        at = p;
    }
    while (at > 0) {
        const std::size_t p = previous(at);
        if (stop_or_digit(text.substr(p, at - p))) break;
        at = p;
    }
    return at;
}

// The sum of some cells of the report, when every one is a number.
std::optional<decimal> sum_of_cells(const report &r, std::span<const cell_ref> cells) {
    std::optional<decimal> s = decimal{};
    for (cell_ref c : cells) {
        const cell *x = find_cell(r, c);
        if (!s || !x || !x->is_number()) return std::nullopt;
        s = add(*s, x->value);
    }
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

// The cell of table 二 holding a decision count (行政许可, 行政处罚) in the report's edition.
cell_ref table2_ref(format_version edition, active_item item) {
    if (edition == format_version::v2021) return ref(item);
    return ref(item == active_item::licensing ? active_item_2019::licensing : active_item_2019::punishment,
               column_2019::decisions);
}

// The claims the prose makes about the tables in an edition, most specific first: a figure is judged by the
// first claim that reads it.
std::vector<claim> make_prose_claims(format_version edition) {
    const cell_ref received = ref(row::new_received, applicant::total), over = ref(row::carried_over, applicant::total);
    const cell_ref processed = ref(row::total_processed, applicant::total);
    auto columns = [](row rw) {
        std::vector<cell_ref> cells;
        for (applicant a : all_of<applicant>())
            if (a != applicant::total) cells.push_back(ref(rw, a));
        return cells;
    };
    const std::vector<std::vector<cell_ref>> received_readings = {{received}, {received, over}, columns(row::new_received)};
    const cell_ref direct = ref(proceeding::litigation_direct, case_result::total);
    const cell_ref after_review = ref(proceeding::litigation_after_review, case_result::total);
    std::vector<claim> claims = {
        {{"新收", "申请"}, 12, 6, false, {{received}, columns(row::new_received)}},
        {{"新收"}, 0, 6, false, {{received}, columns(row::new_received)}},
        {{"上年结转", "申请"}, 12, 6, false, {{over}, columns(row::carried_over)}},
        {{"上年结转"}, 0, 8, false, {{over}, columns(row::carried_over)}},
        {{"上年度结转"}, 0, 8, false, {{over}, columns(row::carried_over)}},
        {{"上一年度结转"}, 0, 8, false, {{over}, columns(row::carried_over)}},
        {{"结转", "下"}, 1, 8, false, {{ref(row::carried_forward, applicant::total)}, columns(row::carried_forward)}},
        {{"受理", "申请"}, 12, 6, false, received_readings},
        {{"收到", "申请"}, 12, 6, false, received_readings},
        {{"办结", "申请"}, 12, 6, false, {{processed}, columns(row::total_processed)}},
        {{"办结"}, 0, 6, false, {{processed}, columns(row::total_processed)}},
        {{"行政复议"}, 0, 6, false, {{ref(proceeding::administrative_review, case_result::total)}}},
        {{"行政诉讼"}, 0, 6, false, {{direct, after_review}, {direct}, {after_review}}},
        {{"行政许可"}, 0, 6, false, {{table2_ref(edition, active_item::licensing)}}},
        {{"行政处罚"}, 0, 6, false, {{table2_ref(edition, active_item::punishment)}}},
    };
    // The 2019 table 二 counts fee items, not the amount.
    if (edition == format_version::v2021) claims.push_back({{"行政事业性收费"}, 0, 6, true, {{ref(active_item::fees)}}});
    return claims;
}

// The claims of the report's edition with a searcher for each one's first word, built once per edition.
struct claims_of_edition {
    std::vector<claim> claims;
    std::vector<word_searcher> first_words;
};

const claims_of_edition &prose_claims(format_version edition) {
    auto build = [](format_version e) {
        claims_of_edition built{make_prose_claims(e), {}};
        for (const claim &c : built.claims) built.first_words.push_back(searcher_for(c.words.front()));
        return built;
    };
    static const claims_of_edition v2021 = build(format_version::v2021), v2019 = build(format_version::v2019);
    return edition == format_version::v2021 ? v2021 : v2019;
}

void check_prose_figures(const report &r, const document_facts &facts, std::vector<diagnostic> &out) {
    const claims_of_edition &edition = prose_claims(r.format());
    const std::vector<claim> &claims = edition.claims;
    const std::vector<word_searcher> &first_words = edition.first_words;
    // Each claim's readings (the first is the table's own value), summed once.
    std::vector<std::optional<decimal>> accepted;
    std::vector<std::size_t> first_reading;  // claim k's readings are accepted[first_reading[k], first_reading[k + 1])
    for (const claim &c : claims) {
        first_reading.push_back(accepted.size());
        for (const auto &cells : c.readings) accepted.push_back(sum_of_cells(r, cells));
    }
    first_reading.push_back(accepted.size());
    std::vector<std::vector<std::size_t>> starts(claims.size());  // where each claim's first word is printed
    std::vector<std::size_t> units;
    std::vector<prose_figure> found;
    std::set<std::size_t> read_ends;  // the figures of this paragraph already judged, by where they end
    for (const auto &paragraph : facts.prose) {
        // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
        const std::string_view text = paragraph->text;
        const source_position &pos = paragraph->pos;
        // Every figure ends in a unit, and its words are printed in the stretch before the unit: the claims'
        // first words are looked for there only (most paragraphs have no unit, and then nothing is).
        find_units(text, units);
        if (units.empty()) continue;
        for (auto &s : starts) s.clear();
        bool any = false;
        for (const std::size_t u : units) {
            const std::size_t begin = stretch_before(text, u);
            const std::string_view stretch = std::string_view(text).substr(0, u);
            for (std::size_t k = 0; k < claims.size(); ++k)
                for (std::size_t at = find_word(first_words[k], stretch, begin); at != std::string_view::npos;
                     at = find_word(first_words[k], stretch, at + 1)) {
                    starts[k].push_back(at);
                    any = true;
                }
        }
        if (!any) continue;
        read_ends.clear();
        for (std::size_t k = 0; k < claims.size(); ++k) {
            const claim &c = claims[k];
            std::sort(starts[k].begin(), starts[k].end());
            starts[k].erase(std::unique(starts[k].begin(), starts[k].end()), starts[k].end());
            figures(text, c, starts[k], found);
            for (const prose_figure &f : found) {
                if (!read_ends.insert(f.end).second) continue;
                const auto readings = std::span(accepted).subspan(first_reading[k], first_reading[k + 1] - first_reading[k]);
                const std::optional<decimal> &table = readings.front();
                if (!table || about_another_year(r, text, f.begin)) continue;
                const bool agrees = std::any_of(readings.begin(), readings.end(), [&](const auto &v) {
                    return v && compare(*v, f.value) == 0;
                });
                if (agrees) continue;
                diagnostic d = reader_finding(rule::text_table_mismatch, c.readings.front().front(),
                                              advance(pos, text, f.begin),
                                              std::string(std::string_view(text).substr(f.begin, f.end - f.begin)));
                d.cells.assign(c.readings.front().begin(), c.readings.front().end());
                d.left = f.value;
                d.right = *table;
                d.difference = subtract(f.value, *table);
                out.push_back(std::move(d));
            }
        }
    }
}

// ---- The statistics period ---------------------------------------------------------------------

// Text with whitespace dropped and full-width digits folded (dates split over lines, `２０２３年`), with
// the offset in the original text of each byte kept.
struct compact_text {
    std::string s;
    std::vector<std::size_t> from;
};

compact_text compact(std::string_view text, std::size_t limit) {
    compact_text c;
    for (std::size_t i = 0; i < text.size() && c.s.size() < limit;) {
        const std::size_t n = std::min(code_point_size(text.substr(i)), text.size() - i);
        const std::string_view ch = text.substr(i, n);
        const bool space = ch == " " || ch == "\n" || ch == "\t" || ch == "\r" || ch == "\xC2\xA0" || ch == "\xE3\x80\x80";
        if (!space) {
            if (n == 3 && ch[0] == '\xEF' && ch[1] == '\xBC' && ch[2] >= '\x90' && ch[2] <= '\x99') {
                c.s.push_back(static_cast<char>('0' + (ch[2] - '\x90')));
                c.from.push_back(i);
            } else {
                c.s.append(ch);
                c.from.insert(c.from.end(), n, i);
            }
        }
        i += n;
    }
    c.from.push_back(text.size());
    return c;
}

// A calendar date as printed: month and day 0 when not printed (`2023年度`, `2023年1-12月`).
struct printed_date {
    int year = 0, month = 0, day = 0;
    std::size_t end = 0;
};

// `n` to `m` ASCII digits at s[at], as a number.
std::optional<int> digits_at(std::string_view s, std::size_t &at, std::size_t n, std::size_t m) {
    std::size_t d = 0;
    int v = 0;
    while (at + d < s.size() && d < m && s[at + d] >= '0' && s[at + d] <= '9') v = v * 10 + (s[at + d++] - '0');
    if (d < n || (at + d < s.size() && s[at + d] >= '0' && s[at + d] <= '9')) return std::nullopt;
    at += d;
    return v;
}

bool take(std::string_view s, std::size_t &at, std::string_view word) {
    if (!s.substr(at).starts_with(word)) return false;
    at += word.size();
    return true;
}

// `2023年1月1日`, `2023年度`, `2023年`, `2023.1.1`, `2023-01-01`, `2023/1/1` at s[at]; with `year`,
// also `12月31日` and `年底` (the second date of a range).
std::optional<printed_date> date_at(std::string_view s, std::size_t at, std::optional<int> year = std::nullopt) {
    printed_date d;
    std::size_t p = at;
    if (year && (take(s, p, "年底") || take(s, p, "年末"))) return printed_date{*year, 12, 31, p};
    if (auto y = digits_at(s, p, 4, 4); y && *y >= 1990 && *y <= 2099) {
        d.year = *y;
        if (take(s, p, "年")) {
            take(s, p, "度");
        } else {
            const std::size_t sep = p;
            if (!(take(s, p, ".") || take(s, p, "-") || take(s, p, "/"))) return std::nullopt;
            const std::string_view mark = s.substr(sep, 1);
            const auto m = digits_at(s, p, 1, 2);
            if (!m || !take(s, p, mark)) return std::nullopt;
            const auto day = digits_at(s, p, 1, 2);
            if (!day) return std::nullopt;
            return printed_date{d.year, *m, *day, p};
        }
    } else if (year) {
        d.year = *year;
        p = at;
    } else {
        return std::nullopt;
    }
    d.end = p;
    std::size_t q = p;
    const auto m = digits_at(s, q, 1, 2);
    if (!m || !take(s, q, "月")) return d;
    d.month = *m;
    d.end = q;
    const auto day = digits_at(s, q, 1, 2);
    if (day && (take(s, q, "日") || take(s, q, "号"))) d.day = *day, d.end = q;
    return d;
}

struct printed_period {
    printed_date first;
    std::optional<printed_date> last;
    std::size_t begin = 0, end = 0;
    bool whole_year() const {
        if (!last) {
            // A year alone, or one end of it (`截至2023年12月31日`).
            return first.month == 0 || (first.month == 1 && first.day <= 1) || (first.month == 12 && (first.day == 0 || first.day == 31));
        }
        return first.year == last->year && first.month == 1 && first.day <= 1 && last->month == 12 &&
               (last->day == 0 || last->day == 31);
    }
};

// Words between the two dates of a range: `至`, `到`, dashes, `起至`, `—`.
bool range_word(std::string_view s, std::size_t &at) {
    bool joined = false;
    for (int n = 0; n < 4; ++n) {
        bool any = false;
        for (std::string_view w : {"至", "到", "—", "－", "-", "~", "～", "–", "―", "起", "开始", "止"})
            if (take(s, at, w)) {
                joined = joined || (w != "起" && w != "开始" && w != "止");
                any = true;
                break;
            }
        if (!any) break;
    }
    return joined;
}

// The period printed at s[at]: a date and, after a range word, a second date (`1-12月` too).
std::optional<printed_period> period_at(std::string_view s, std::size_t at) {
    const auto first = date_at(s, at);
    if (!first) return std::nullopt;
    printed_period p{*first, std::nullopt, at, first->end};
    std::size_t q = first->end;
    // `2023年1-12月`: a month range.
    if (first->month == 0) {
        std::size_t m = q;
        const auto from = digits_at(s, m, 1, 2);
        if (from && range_word(s, m)) {
            const auto to = digits_at(s, m, 1, 2);
            if (to && take(s, m, "月")) {
                p.first.month = *from;
                p.last = printed_date{first->year, *to, 0, m};
                p.end = m;
                return p;
            }
        }
    }
    if (range_word(s, q))
        if (const auto last = date_at(s, q, first->year); last && last->end > q) {
            p.last = *last;
            p.end = last->end;
        }
    return p;
}

// The first period within `window` bytes of s[from], before the sentence ends.
std::optional<printed_period> period_after(std::string_view s, std::size_t from, std::size_t window) {
    for (std::size_t at = from; at < s.size() && at < from + window;) {
        if (s.substr(at).starts_with("。")) return std::nullopt;
        if (s[at] >= '0' && s[at] <= '9')
            if (auto p = period_at(s, at)) return p;
        at += code_point_size(s.substr(at));
    }
    return std::nullopt;
}

void record(document_facts &facts, const compact_text &c, const printed_period &p, source_position pos) {
    facts.period_found = true;
    facts.period_year = p.first.year;
    facts.period_whole_year = p.whole_year();
    facts.period_text = c.s.substr(p.begin, p.end - p.begin);
    facts.period_pos = pos;
}

bool bare_none(std::string_view s) {
    std::string n = normalise_label(s);
    for (std::string_view p : {"。", ".", "！"})
        while (n.ends_with(p)) n.resize(n.size() - p.size());
    return n.empty() || n == "无" || n == "暂无" || n == "无。";
}

// Sections 五 and 六: empty, and without a word on 信息处理费. `found` gives the headings' positions.
void check_section_text(const report &r, std::span<const document_facts::heading *const, 6> found,
                        std::vector<diagnostic> &out) {
    auto pos_of = [&](section s) { return found[index(s)] ? found[index(s)]->pos : source_position{}; };
    if (const auto &p = r.sections[section::problems]; p && bare_none(*p))
        out.push_back(reader_finding(rule::doc_problems_empty, ref(section::problems), pos_of(section::problems)));
    if (const auto &o = r.sections[section::other_matters];
        o && r.format() == format_version::v2021 && o->find("处理费") == std::string::npos)
        out.push_back(reader_finding(rule::doc_fee_statement, ref(section::other_matters), pos_of(section::other_matters)));
}

}  // namespace

void find_period(std::span<const entry *const> prose, std::size_t intro,
                 document_facts &facts) {
    constexpr std::array<std::string_view, 7> keys = {"统计期限", "统计期间", "统计时限", "统计时间",
                                                     "统计周期", "统计时段", "统计区间"};
    // A key word, and the period printed after it (across the next entries: crawled pages break a date over
    // lines). A key word with no date after it is a statement that names no period.
    std::optional<std::pair<std::string, source_position>> unread;
    for (std::size_t i = 0; i < prose.size(); ++i) {
        const std::string_view text = prose[i]->text;
        const source_position &pos = prose[i]->pos;
        for (std::string_view key : keys) {
            const std::size_t at = text.find(key);
            if (at == std::string::npos) continue;
            std::string window(text.substr(at + key.size()));
            for (std::size_t j = i + 1; j < prose.size() && window.size() < 240; ++j) window += prose[j]->text;
            const compact_text c = compact(window, 240);
            if (const auto p = period_after(c.s, 0, 60)) {
                // Positions count in the entry's own text; a period that starts in a later entry stands at the key.
                const std::size_t offset = at + key.size() + c.from[p->begin];
                record(facts, c, *p, offset < text.size() ? advance(pos, text, offset) : advance(pos, text, at));
                return;
            }
            if (!unread) {
                std::size_t shown = 0;  // ten characters of what follows the key word
                for (int n = 0; n < 10 && shown < c.s.size(); ++n) shown += code_point_size(std::string_view(c.s).substr(shown));
                unread.emplace(std::string(key) + c.s.substr(0, shown), advance(pos, text, at));
            }
        }
    }
    // No key word: a date range in the introduction, in a sentence about the report or its data
    // (`涵盖2020年1月1日至2020年12月31日期间`).
    for (std::size_t i = 0; i < intro && i < prose.size(); ++i) {
        const std::string_view text = prose[i]->text;
        const source_position &pos = prose[i]->pos;
        const compact_text c = compact(text, 4096);
        for (std::size_t at = 0; at < c.s.size(); at += code_point_size(std::string_view(c.s).substr(at))) {
            if (c.s[at] < '0' || c.s[at] > '9' || (at > 0 && c.s[at - 1] >= '0' && c.s[at - 1] <= '9')) continue;
            const auto p = period_at(c.s, at);
            if (!p || !p->last || p->first.month == 0) continue;
            const std::size_t begin = c.s.rfind("。", at) == std::string::npos ? 0 : c.s.rfind("。", at);
            const std::size_t end = std::min(c.s.find("。", p->end), c.s.size());
            const std::string_view sentence = std::string_view(c.s).substr(begin, end - begin);
            constexpr std::array<std::string_view, 4> about = {"报告", "数据", "统计", "涵盖"};
            const bool about_report = std::any_of(about.begin(), about.end(), [&](std::string_view w) {
                return sentence.find(w) != std::string_view::npos;
            });
            if (!about_report) continue;
            record(facts, c, *p, advance(pos, text, c.from[p->begin]));
            return;
        }
    }
    if (unread) {
        facts.period_found = true;
        facts.period_text = unread->first;
        facts.period_pos = unread->second;
    }
}

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
                                         !facts.table_unplaced[k].empty() ? facts.table_pos[k]
                                         : found[k + 1]                  ? found[k + 1]->pos
                                                                         : source_position{},
                                         facts.table_unplaced[k]));
    // The statistics period and the years.
    // The period covers 1 January to 31 December of the report year. Without any statement the finding has
    // no text (its message says so); otherwise the text is the period as printed.
    const std::optional<int> year = r.year ? r.year : facts.period_year;
    if (!facts.period_found || !facts.period_year || !facts.period_whole_year || (year && *facts.period_year != *year)) {
        diagnostic d = reader_finding(rule::doc_period_statement, ref(metadata_field::year), facts.period_pos,
                                      facts.period_found ? facts.period_text : std::string());
        if (facts.period_year) d.left = decimal{*facts.period_year, 0};
        if (year) d.right = decimal{*year, 0};
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
    check_section_text(r, found, out);
    check_prose_figures(r, facts, out);
}

}  // namespace xxgk::read::detail

namespace xxgk {

void check_sections(const report &r, std::vector<diagnostic> &out) {
    using namespace read::detail;
    const bool carried = std::any_of(r.sections.items.begin(), r.sections.items.end(),
                                     [](const std::optional<std::string> &s) { return s.has_value(); });
    if (!carried) return;
    // The sections the report carries stand for their headings; each line of text is a paragraph.
    document_facts facts;
    for (section s : all_of<section>())
        if (r.sections[s]) facts.headings.push_back({s, std::string(label(s)), {}, facts.headings.size()});
    std::vector<entry> lines;  // the prose's entries (positions unknown), all made before facts.prose points at them
    auto paragraphs = [&](const std::string &text) {
        for (std::size_t at = 0; at < text.size();) {
            const std::size_t end = std::min(text.find('\n', at), text.size());
            if (end > at) lines.push_back({.text = std::string_view(text).substr(at, end - at)});
            at = end + 1;
        }
    };
    if (r.preamble) paragraphs(*r.preamble);
    for (section s : all_of<section>())
        if (r.sections[s]) paragraphs(*r.sections[s]);
    facts.prose.reserve(lines.size());
    for (const entry &e : lines) facts.prose.push_back(&e);
    std::array<const document_facts::heading *, 6> found{};
    for (const auto &h : facts.headings) found[index(h.which)] = &h;
    for (section s : all_of<section>())
        if (!found[index(s)]) out.push_back(reader_finding(rule::doc_section_missing, ref(s), {}));
    check_section_text(r, found, out);
    check_prose_figures(r, facts, out);
}

}  // namespace xxgk
