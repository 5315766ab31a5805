// Crawled page text: header block, marker, then the report run together. Finds the three tables by their
// labels, turns each into rows of label cells and value text, and leaves the rest as paragraphs.
#include "crawled_text.hpp"
#include "map/mapper_text.hpp"

#include <xxgk/format.hpp>
#include <xxgk/text.hpp>

#include <algorithm>
#include <array>
#include <bitset>
#include <stdexcept>

namespace xxgk::read {

namespace {

constexpr std::size_t npos = std::string_view::npos;

// ---- Code points --------------------------------------------------------------------------------

bool is_space(char32_t cp) noexcept {
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0xA0 || cp == 0x3000 || cp == 0xFEFF ||
           (cp >= 0x2000 && cp <= 0x200B);
}

// Folds the spellings a label may be printed with: full-width ASCII, `、`/`．` as `.`, curly quotes.
char32_t fold(char32_t cp) noexcept {
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp = cp - 0xFF01 + 0x21;
    if (cp == 0x3001) cp = '.';
    if (cp == 0x201C || cp == 0x201D) cp = '"';
    if (cp == 0x2018 || cp == 0x2019) cp = '\'';
    return cp;
}

bool is_digit(char32_t cp) noexcept { return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19); }

// Characters a run of printed numbers is made of: digits, signs, decimal points, thousands separators,
// placeholders and units.
bool is_value_char(char32_t cp) noexcept {
    static constexpr std::u32string_view others = U".+-,/\u2014\u2015\u2013\uFF0E\uFF0B\uFF0D\uFF0C\uFF0F万元件个条项增减";
    return is_digit(cp) || is_space(cp) || others.find(cp) != std::u32string_view::npos;
}

// A value run starts with a digit, a sign word or a placeholder mark.
bool starts_value(char32_t cp) noexcept {
    static constexpr std::u32string_view starts = U"+-/\u2014\u2015\u2013\uFF0B\uFF0D\uFF0F增减";
    return is_digit(cp) || starts.find(cp) != std::u32string_view::npos;
}

// More than the longest label of the format has (printed_run keeps this many code points).
constexpr std::size_t max_label_code_points = 64;

// The code points of `label` as it is matched: folded, without its spaces.
std::u32string folded_label(std::string_view label) {
    std::u32string out;
    for (std::size_t j = 0; j < label.size();)
        if (const char32_t c = fold(decode_utf8(label, j)); !is_space(c)) out += c;
    if (out.size() > max_label_code_points) throw std::logic_error("a label longer than max_label_code_points");
    return out;
}

// The code points printed from a position on, each after any spaces, folded, decoded as far as a match
// needs: once for all the labels compared there.
class printed_run {
public:
    printed_run(std::string_view text, std::size_t from) noexcept : text_(text), next_(from), start_(from) {}

    // The end of the folded code points `want` printed from `from` on, or npos.
    std::size_t match(std::u32string_view want) noexcept {
        std::size_t end = start_;
        for (std::size_t i = 0; i < want.size(); ++i) {
            if (i == count_ && !decode_next()) return npos;
            if (folded_[i] != want[i]) return npos;
            end = ends_[i];
        }
        return end;
    }

private:
    bool decode_next() noexcept {
        if (count_ == max_label_code_points) return false;
        for (;;) {
            if (next_ >= text_.size()) return false;
            const char32_t got = decode_utf8(text_, next_);
            if (is_space(got)) continue;
            folded_[count_] = fold(got);
            ends_[count_++] = next_;
            return true;
        }
    }

    std::string_view text_;
    std::size_t next_, start_;
    std::size_t count_ = 0;
    std::array<char32_t, max_label_code_points> folded_;
    std::array<std::size_t, max_label_code_points> ends_;
};

// The end of a label (as `folded_label` gives it) printed at `text[pos]`, or npos: its first code point
// exactly there, the others after any spaces (`结果 维持`, `本年新 制作数量`), each compared after folding.
std::size_t match_folded(std::string_view text, std::size_t pos, std::u32string_view want) noexcept {
    if (want.empty()) return pos;
    if (pos >= text.size()) return npos;
    std::size_t k = pos;
    if (fold(decode_utf8(text, k)) != want.front()) return npos;
    return printed_run(text, k).match(want.substr(1));
}

// ---- Vocabularies -------------------------------------------------------------------------------

enum class role : std::uint8_t { starts_row, header };

struct term {
    std::string_view label;
    role what;
};

enum class table_kind : std::uint8_t { active, applications, review };

// Misprints of labels seen in published reports; the cell keeps the printed text, the mapper judges it.
constexpr std::array<std::string_view, 1> misprinted_headers = {"先行有效件数"};  // 现行有效件数
// The subtotal column of table 三's 8-column variant (FORMAT.md §3), not a label of the format itself.
constexpr std::string_view subtotal_header = "小计";

template <class E>
void add_labels(std::vector<term> &out, role what) {
    for (std::string_view l : labels_of<E>) out.push_back({l, what});
}

// A table's labels, indexed by the folded code point each must start with (match_folded compares the first one
// without skipping spaces), so that a position is tried only against the labels that can begin there.
struct vocabulary_index {
    std::vector<term> terms;
    std::vector<std::u32string> folded;                      // each term's `folded_label`
    std::vector<std::pair<char32_t, std::size_t>> by_first;  // (first folded code point, index in terms), sorted
    std::vector<std::size_t> blank;                          // labels of spaces only: they match anywhere
    std::bitset<0x10000> may_start;                          // the first code points of by_first below U+10000

    explicit vocabulary_index(std::vector<term> t) : terms(std::move(t)) {
        for (std::size_t i = 0; i < terms.size(); ++i) {
            const std::u32string &f = folded.emplace_back(folded_label(terms[i].label));
            if (f.empty()) {
                blank.push_back(i);
                continue;
            }
            by_first.emplace_back(f.front(), i);
            if (f.front() < may_start.size()) may_start.set(f.front());
        }
        std::sort(by_first.begin(), by_first.end());
    }
};

const vocabulary_index &vocabulary(table_kind t) {
    static const std::array<vocabulary_index, 3> all = [] {
        std::array<std::vector<term>, 3> v;
        auto &t2 = v[0];
        add_labels<article_clause>(t2, role::starts_row);
        t2.push_back({content_header_label, role::starts_row});
        add_labels<active_item>(t2, role::starts_row);
        add_labels<active_item_2019>(t2, role::starts_row);
        add_labels<document_column>(t2, role::header);
        add_labels<column_2019>(t2, role::header);
        t2.push_back({decisions_column_label, role::header});
        t2.push_back({fee_column_label, role::header});
        for (std::string_view m : misprinted_headers) t2.push_back({m, role::header});
        auto &t3 = v[1];
        // The corner note and 申请人情况 stand in rows of their own, as in the printed layout; the
        // applicant labels make one header row.
        t3.push_back({balance_note_label, role::starts_row});
        t3.push_back({applicants_heading_label, role::starts_row});
        t3.push_back({organisations_heading_label, role::header});
        add_labels<applicant>(t3, role::header);
        t3.push_back({subtotal_header, role::header});
        t3.push_back({outcomes_heading_label, role::starts_row});
        add_labels<outcome_group>(t3, role::starts_row);
        add_labels<row>(t3, role::starts_row);
        auto &t4 = v[2];
        add_labels<proceeding>(t4, role::header);
        t4.push_back({litigation_heading_label, role::header});
        add_labels<case_result>(t4, role::header);
        return std::array<vocabulary_index, 3>{vocabulary_index(std::move(v[0])), vocabulary_index(std::move(v[1])),
                                               vocabulary_index(std::move(v[2]))};
    }();
    return all[static_cast<std::size_t>(t)];
}

struct label_match {
    std::size_t end = npos;
    role what = role::header;
};

// The longest of the labels starting with `first` (printed at a position, ending at `after_first`). Every
// candidate starts with `first`, matched already: only the rest of each is compared.
[[gnu::noinline]] label_match longest_starting_with(std::string_view text, std::size_t after_first, char32_t first,
                                                    const vocabulary_index &vocab) noexcept {
    label_match best;
    auto it = std::lower_bound(vocab.by_first.begin(), vocab.by_first.end(), std::pair<char32_t, std::size_t>{first, 0});
    printed_run after(text, after_first);
    for (; it != vocab.by_first.end() && it->first == first; ++it) {
        const std::size_t end = after.match(std::u32string_view(vocab.folded[it->second]).substr(1));
        if (end != npos && (best.end == npos || end > best.end)) best = {end, vocab.terms[it->second].what};
    }
    return best;
}

// The longest label of the vocabulary printed at `pos` (the first of the vocabulary's order among equals).
// Most positions start no label: they are turned away by the first code point alone.
label_match longest_label(std::string_view text, std::size_t pos, const vocabulary_index &vocab) noexcept {
    label_match best;
    if (pos < text.size()) {
        std::size_t k = pos;
        const char32_t first = fold(decode_utf8(text, k));
        if (first >= vocab.may_start.size() || vocab.may_start.test(first))
            best = longest_starting_with(text, k, first, vocab);
    }
    // A label of spaces matches empty, so it only wins where nothing else matches.
    if (best.end == npos && !vocab.blank.empty()) best = {pos, vocab.terms[vocab.blank.front()].what};
    return best;
}

// The first place in text[from, to) where a label (as `folded_label` gives it) is printed, or npos.
std::size_t find_label(std::string_view text, std::size_t from, std::size_t to, std::u32string_view folded) noexcept {
    const char32_t want = folded.empty() ? U' ' : folded.front();
    if (want >= 0x800 && want <= 0xFFFF) {
        // A first character of three bytes: fold() yields it only from itself, and in well-formed UTF-8
        // (the page was checked) it is printed only as its own three bytes, which memchr-based search finds.
        char bytes[4];
        const auto n = static_cast<std::size_t>(encode_utf8(want, bytes) - bytes);
        const std::string_view within = text.substr(0, to);
        for (std::size_t i = within.find(bytes, from, n); i != npos; i = within.find(bytes, i + 1, n))
            if (match_folded(text, i, folded) != npos) return i;
        return npos;
    }
    for (std::size_t i = from; i < to; ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && match_folded(text, i, folded) != npos) return i;
    return npos;
}

// The labels that anchor the tables on a page, folded once.
struct anchor_labels {
    std::u32string clause_1, content_header, balance_note, applicants_heading, upheld;
};

const anchor_labels &anchors() {
    static const anchor_labels a{folded_label(label(article_clause::clause_1)), folded_label(content_header_label),
                                 folded_label(balance_note_label), folded_label(applicants_heading_label),
                                 folded_label(label(case_result::upheld))};
    return a;
}

// Moves an anchor back over the labels printed right before it (`行政复议行政诉讼` before `结果维持`).
std::size_t extend_back(std::string_view text, std::size_t lower, std::size_t anchor, const vocabulary_index &vocab) {
    constexpr std::size_t reach = 600;  // bytes: a few header labels
    std::size_t from = anchor > lower + reach ? anchor - reach : lower;
    for (std::size_t q = from; q < anchor; ++q) {
        if ((static_cast<unsigned char>(text[q]) & 0xC0) == 0x80) continue;
        std::size_t p = q;
        for (;;) {
            const label_match m = longest_label(text, p, vocab);
            if (m.end == npos || m.end > anchor) break;
            p = m.end;
            while (p < anchor) {
                std::size_t k = p;
                if (!is_space(decode_utf8(text, k))) break;
                p = k;
            }
            if (p == anchor) return q;
        }
    }
    return anchor;
}

// ---- Scanning a table -----------------------------------------------------------------------------

enum class item_kind : std::uint8_t { label, value, other };

struct item {
    item_kind kind;
    role what = role::header;
    std::size_t begin, end;
};

std::size_t skip_spaces(std::string_view text, std::size_t p, std::size_t to) noexcept {
    while (p < to) {
        std::size_t k = p;
        if (!is_space(decode_utf8(text, k))) break;
        p = k;
    }
    return p;
}

// The end of trimmed text: trailing whitespace removed. Walks back from the end, a code point at a time.
std::size_t trim_end(std::string_view text, std::size_t begin, std::size_t end) noexcept {
    while (end > begin) {
        std::size_t start = end - 1;
        while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
        std::size_t k = start;
        if (!is_space(decode_utf8(text, k))) return end;
        end = start;
    }
    return begin;
}

// Splits `text[from, to)` into labels of the vocabulary, runs of printed numbers and other text.
// `stop_after_values`: the table ends at the first other text after a value (the last table of a page).
std::vector<item> scan(std::string_view text, std::size_t from, std::size_t to, const vocabulary_index &vocab,
                       bool stop_after_values, std::size_t &stopped_at) {
    std::vector<item> items;
    bool seen_value = false;
    stopped_at = to;
    // A run of values or other text ends where a label starts: that label is kept for the next item.
    std::size_t found_at = npos;
    label_match found;
    auto label_at = [&](std::size_t q) {
        if (q != found_at) found_at = q, found = longest_label(text, q, vocab);
        return found;
    };
    std::size_t p = skip_spaces(text, from, to);
    while (p < to) {
        const label_match m = label_at(p);
        if (m.end != npos && m.end <= to) {
            items.push_back({item_kind::label, m.what, p, m.end});
            p = skip_spaces(text, m.end, to);
            continue;
        }
        std::size_t k = p;
        const char32_t cp = decode_utf8(text, k);
        if (starts_value(cp)) {
            std::size_t q = k;
            while (q < to) {
                if (label_at(q).end != npos) break;
                std::size_t n = q;
                if (!is_value_char(decode_utf8(text, n))) break;
                q = n;
            }
            items.push_back({item_kind::value, role::header, p, trim_end(text, p, q)});
            seen_value = true;
            p = skip_spaces(text, q, to);
            continue;
        }
        if (stop_after_values && seen_value) {
            stopped_at = p;
            break;
        }
        // Other text: up to the next label or number.
        std::size_t q = k;
        while (q < to) {
            std::size_t n = q;
            if (starts_value(decode_utf8(text, n)) || label_at(q).end != npos) break;
            q = n;
        }
        // An unknown row label's enumerator (`2.`) glued to the previous row's digits belongs to the label.
        if (!items.empty() && items.back().kind == item_kind::value) {
            item &v = items.back();
            const std::string_view tail = text.substr(v.begin, v.end - v.begin);
            for (std::string_view dot : {".", "．", "、"})
                if (v.end == p && tail.size() > dot.size() + 1 && tail.ends_with(dot) &&
                    is_digit(static_cast<unsigned char>(tail[tail.size() - dot.size() - 1]))) {
                    p = v.end - dot.size() - 1;
                    v.end = trim_end(text, v.begin, p);
                    break;
                }
        }
        items.push_back({item_kind::other, role::starts_row, p, trim_end(text, p, q)});
        p = skip_spaces(text, q, to);
    }
    return items;
}

// ---- Building the document ----------------------------------------------------------------------

class builder {
public:
    builder(std::string_view text) : text_(text), positions_(text, source_position{1, 1}) {}

    text_cell cell_of(std::size_t begin, std::size_t end) {
        return text_cell{std::string(text_.substr(begin, end - begin)), positions_.at(begin), 1, 1};
    }

    // A paragraph of text[begin, end).
    void paragraph(std::size_t begin, std::size_t end) {
        doc.blocks.emplace_back(paragraph_block{std::string(text_.substr(begin, end - begin)), positions_.at(begin)});
    }

    // Paragraphs of `text[from, to)`, one per non-blank line.
    void paragraphs(std::size_t from, std::size_t to) {
        while (from < to) {
            std::size_t eol = text_.find('\n', from);
            if (eol == npos || eol > to) eol = to;
            const std::size_t b = skip_spaces(text_, from, eol);
            const std::size_t e = trim_end(text_, b, eol);
            if (b < e) paragraph(b, e);
            from = eol + 1;
        }
    }

    // A table from its items; other text before the first and after the last label or value is prose.
    void table(const std::vector<item> &items, table_kind kind) {
        std::size_t first = 0, last = items.size();
        while (first < last && items[first].kind == item_kind::other) ++first;
        while (last > first && items[last - 1].kind == item_kind::other) --last;
        for (std::size_t i = 0; i < first; ++i) paragraphs(items[i].begin, items[i].end);
        if (first < last) {
            // Where the rows start first, so that each row's cells are allocated once.
            row_starts_.clear();
            bool row_has_value = false;
            for (std::size_t i = first; i < last; ++i) {
                const item &it = items[i];
                const bool after_caption = i != first && kind == table_kind::applications && it.what == role::header &&
                                           !row_has_value && i - row_starts_.back() == 1 &&
                                           is_caption(text_.substr(items[i - 1].begin, items[i - 1].end - items[i - 1].begin));
                const bool new_row = i == first || (it.kind == item_kind::value && kind == table_kind::review) ||
                                     (it.kind != item_kind::value && (it.what == role::starts_row || row_has_value)) ||
                                     after_caption;
                if (new_row) row_starts_.push_back(i), row_has_value = false;
                row_has_value = row_has_value || it.kind == item_kind::value;
            }
            row_starts_.push_back(last);
            table_block t;
            t.pos = positions_.at(items[first].begin);
            t.rows.resize(row_starts_.size() - 1);
            for (std::size_t r = 0; r + 1 < row_starts_.size(); ++r) {
                std::vector<text_cell> &cells = t.rows[r].cells;
                cells.reserve(row_starts_[r + 1] - row_starts_[r]);
                for (std::size_t i = row_starts_[r]; i < row_starts_[r + 1]; ++i) cells.push_back(cell_of(items[i].begin, items[i].end));
            }
            doc.blocks.emplace_back(std::move(t));
        }
        for (std::size_t i = last; i < items.size(); ++i) paragraphs(items[i].begin, items[i].end);
    }

    document doc;

private:
    // The text of a row of one cell that is table 三's corner note or 申请人情况, which the applicant header
    // row does not join.
    static bool is_caption(std::string_view cell) {
        const anchor_labels &a = anchors();
        return match_folded(cell, 0, a.balance_note) != npos || match_folded(cell, 0, a.applicants_heading) != npos;
    }

    std::string_view text_;
    std::vector<std::size_t> row_starts_;  // the items that start rows of the table being built
    detail::position_walker positions_;  // line and column (1-based, columns in code points)
};

// `2022-01-11 15:50` (or `2022/1/11`, `2022年1月11日`) as `2022-01-11`; nothing unless it is a real date.
std::optional<std::string> iso_date(std::string_view s) {
    int parts[3] = {0, 0, 0};
    std::size_t i = 0;
    for (int k = 0; k < 3; ++k) {
        std::size_t digits = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9' && digits < 4) parts[k] = parts[k] * 10 + (s[i++] - '0'), ++digits;
        if (digits == 0 || (k == 0 && digits != 4) || (k > 0 && digits > 2)) return std::nullopt;
        if (k < 2) {
            if (i < s.size() && (s[i] == '-' || s[i] == '/' || s[i] == '.')) ++i;
            else if (s.substr(i).starts_with(k == 0 ? "年" : "月")) i += 3;
            else return std::nullopt;
        }
    }
    char buf[11];
    buf[0] = static_cast<char>('0' + parts[0] / 1000), buf[1] = static_cast<char>('0' + parts[0] / 100 % 10);
    buf[2] = static_cast<char>('0' + parts[0] / 10 % 10), buf[3] = static_cast<char>('0' + parts[0] % 10);
    buf[4] = '-', buf[5] = static_cast<char>('0' + parts[1] / 10), buf[6] = static_cast<char>('0' + parts[1] % 10);
    buf[7] = '-', buf[8] = static_cast<char>('0' + parts[2] / 10), buf[9] = static_cast<char>('0' + parts[2] % 10);
    if (!is_iso_date(std::string_view(buf, 10))) return std::nullopt;
    return std::string(buf, 10);
}

// The decorations a crawler prints around its `正文` line: rules of `=`, `-`, `*`, `#`, brackets, spaces.
bool is_decoration(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size();) {
        const char32_t cp = decode_utf8(s, i);
        if (!is_space(cp) && std::u32string_view(U"=-*#[]【】").find(cp) == std::u32string_view::npos) return false;
    }
    return true;
}

// Where the body starts after a `正文` line among the first lines (`==== 正文 ====`, `正文：`, `正文:`, `【正文】`;
// text after the colon is the body's start), or npos. Prose that mentions 正文 inside a sentence is no marker.
std::pair<std::size_t, std::size_t> find_marker(std::string_view text) noexcept {
    constexpr std::size_t header_lines = 60;
    std::size_t from = 0;
    for (std::size_t n = 0; n < header_lines && from < text.size(); ++n) {
        std::size_t eol = text.find('\n', from);
        if (eol == npos) eol = text.size();
        const std::string_view line = text.substr(from, eol - from);
        if (const std::size_t at = line.find("正文"); at != npos && is_decoration(line.substr(0, at))) {
            std::string_view rest = line.substr(at + 6);
            std::size_t body = eol < text.size() ? eol + 1 : eol;
            if (rest.starts_with(":") || rest.starts_with("：")) {
                const std::size_t colon = rest.starts_with(":") ? 1 : 3;
                const std::size_t after = skip_spaces(text, from + at + 6 + colon, eol);
                if (after < trim_end(text, after, eol)) body = after;
                rest = {};
            }
            if (is_decoration(rest)) return {from, body};
        }
        from = eol + 1;
    }
    return {npos, npos};
}

// A header line `key：value` / `key: value` with a short key (a few characters, no digit or sentence
// punctuation): the key and where the value starts, or nothing.
std::optional<std::pair<std::string_view, std::size_t>> header_key(std::string_view text, std::size_t from, std::size_t end) {
    const std::string_view line = text.substr(from, end - from);
    std::size_t colon = line.find(':'), width = 1;
    if (const std::size_t wide = line.find("："); wide != npos && wide < colon) colon = wide, width = 3;
    if (colon == npos || colon == 0) return std::nullopt;
    const std::string_view key = line.substr(0, colon);
    std::size_t points = 0;
    for (std::size_t i = 0; i < key.size(); ++points) {
        const char32_t cp = decode_utf8(key, i);
        if (is_digit(cp) || is_space(cp) || std::u32string_view(U"。，,.、；;《》()（）").find(cp) != std::u32string_view::npos)
            return std::nullopt;
    }
    if (points > 8) return std::nullopt;
    return std::pair{key, from + colon + width};
}

enum class header_meaning : std::uint8_t { none, title, agency, date };

// What a header key says, in the wordings crawlers use.
header_meaning meaning_of(std::string_view key) noexcept {
    for (std::string_view k : {"标题", "题目", "文章标题", "名称", "title", "Title", "TITLE"})
        if (key == k) return header_meaning::title;
    for (std::string_view k : {"发布机构", "发文机关", "发布单位", "发文单位", "发布部门"})
        if (key == k) return header_meaning::agency;
    for (std::string_view k : {"发布时间", "发布日期", "日期", "时间", "发文日期", "成文日期", "date", "Date", "DATE"})
        if (key == k) return header_meaning::date;
    return header_meaning::none;
}

// The header block: the lines before the `正文` line, or without one the leading `key：value` lines (blank
// lines between them allowed) when one of them names the title, date or agency and none is a sentence.
// Returns where the body starts.
std::size_t read_header(std::string_view text, crawled_page &page, builder &b) {
    const auto [marker, marked_body] = find_marker(text);
    std::size_t body = 0;
    bool known = false;
    std::vector<std::pair<std::size_t, std::size_t>> kept;  // lines the mapper reads as printed
    for (std::size_t from = 0; from < text.size();) {
        if (marker != npos && from >= marker) break;
        std::size_t end = text.find('\n', from);
        if (end == npos) end = text.size();
        if (marker != npos && end > marker) end = marker;
        const std::size_t b0 = skip_spaces(text, from, end);
        const auto key = header_key(text, b0, end);
        const std::size_t value_at = key ? skip_spaces(text, key->second, end) : end;
        const std::size_t value_end = trim_end(text, value_at, end);
        const std::string_view value = text.substr(value_at, value_end - value_at);
        const header_meaning m = key ? meaning_of(key->first) : header_meaning::none;
        if (marker == npos && b0 < trim_end(text, b0, end) &&
            (!key || (m == header_meaning::none && value.find("。") != npos)))
            break;
        if (key) {
            known = known || m != header_meaning::none;
            if (m == header_meaning::title && !value.empty() && !page.meta.title) page.meta.title = std::string(value);
            else if (m == header_meaning::agency && !value.empty() && !page.meta.agency) page.meta.agency = std::string(value);
            else if (m == header_meaning::date && !page.meta.published) page.meta.published = iso_date(value);
            // The mapper reads the lines it knows as printed; the crawler's own lines (links, folders) are
            // not part of the report.
            if ((key->first == "标题" || key->first == "发布机构" || key->first == "发布时间") && !value.empty())
                kept.emplace_back(b0, value_end);
        }
        body = end < text.size() ? end + 1 : end;
        from = body;
    }
    if (marker == npos && !known) {
        page.meta = {};
        return 0;
    }
    for (const auto &[begin, end] : kept) b.paragraph(begin, end);
    return marker != npos ? marked_body : body;
}

// Whether the text was saved by a crawler that drops every line equal to the line before it: cells one per
// line (at least 20 lines that are each a single value) and yet no two adjacent non-blank lines alike, which
// a table printed one cell per line cannot avoid (its runs of zeros) unless they were dropped.
bool repeated_lines_dropped(std::string_view text) noexcept {
    auto single_value = [](std::string_view line) {
        if (line.empty()) return false;
        std::size_t k = 0;
        if (!starts_value(decode_utf8(line, k))) return false;
        for (std::size_t i = 0; i < line.size();) {
            const char32_t cp = decode_utf8(line, i);
            if (is_space(cp) || !is_value_char(cp)) return false;
        }
        return true;
    };
    std::size_t values = 0;
    std::string_view previous;
    for (std::size_t from = 0; from < text.size();) {
        std::size_t end = text.find('\n', from);
        if (end == npos) end = text.size();
        const std::size_t b = skip_spaces(text, from, end);
        const std::string_view line = text.substr(b, trim_end(text, b, end) - b);
        if (!line.empty() && line == previous) return false;
        values += single_value(line);
        previous = line;
        from = end + 1;
    }
    return values >= 20;
}

}  // namespace

crawled_page read_crawled_page(std::string_view text) {
    crawled_page page;
    builder b(text);
    const std::size_t body = read_header(text, page, b);
    const std::string_view all = text;
    const std::size_t end = text.size();
    // The three tables, each found by the label that opens it and extended back over the header labels
    // printed before that one.
    const auto &v2 = vocabulary(table_kind::active), &v3 = vocabulary(table_kind::applications),
               &v4 = vocabulary(table_kind::review);
    // Prose may cite 第二十条第（一）项; the table's caption is the one followed by its 信息内容 header.
    const auto &[clause_1, content_header, balance_note, applicants_heading, upheld] = anchors();
    std::size_t t2 = npos;
    for (std::size_t at = find_label(all, body, end, clause_1); at != npos; at = find_label(all, at + 1, end, clause_1)) {
        if (t2 == npos) t2 = at;
        const std::size_t after = skip_spaces(all, match_folded(all, at, clause_1), end);
        if (match_folded(all, after, content_header) != npos) {
            t2 = at;
            break;
        }
    }
    const std::size_t search3 = t2 == npos ? body : t2;
    std::size_t t3 = find_label(all, search3, end, balance_note);
    if (t3 == npos) t3 = find_label(all, search3, end, applicants_heading);
    if (t3 != npos) t3 = extend_back(all, search3, t3, v3);
    const std::size_t search4 = t3 != npos ? t3 : search3;
    std::size_t t4 = find_label(all, search4, end, upheld);
    if (t4 != npos) t4 = extend_back(all, search4, t4, v4);

    struct region {
        std::size_t begin;
        table_kind kind;
        const vocabulary_index *vocab;
    };
    std::vector<region> regions;
    if (t2 != npos) regions.push_back({t2, table_kind::active, &v2});
    if (t3 != npos) regions.push_back({t3, table_kind::applications, &v3});
    if (t4 != npos) regions.push_back({t4, table_kind::review, &v4});
    std::size_t at = body;
    for (std::size_t i = 0; i < regions.size(); ++i) {
        b.paragraphs(at, regions[i].begin);
        const bool last = i + 1 == regions.size();
        const std::size_t to = last ? end : regions[i + 1].begin;
        std::size_t stopped = to;
        b.table(scan(all, regions[i].begin, to, *regions[i].vocab, last, stopped), regions[i].kind);
        at = stopped;
    }
    b.paragraphs(at, end);
    page.doc = std::move(b.doc);
    page.doc.repeated_lines_dropped = repeated_lines_dropped(text.substr(body));
    page.doc.values_break_over_lines = true;
    return page;
}

}  // namespace xxgk::read
