// Text helpers of the mapper.
#include "mapper_text.hpp"

#include <xxgk/text.hpp>

#include <algorithm>
#include <array>
#include <cstring>

namespace xxgk::read::detail {

namespace {

void append_utf8(std::string &out, char32_t cp) {
    char b[4];
    out.append(b, static_cast<std::size_t>(encode_utf8(cp, b) - b));  // one append per code point
}

bool is_space(char32_t cp) noexcept {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x3000 || cp == 0xFEFF ||
           (cp >= 0x2000 && cp <= 0x200B);
}

constexpr std::array<std::string_view, 10> chinese_digits = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

// Length of a run of Chinese numerals at the start of s. Every numeral is three UTF-8 bytes led by 0xE4 or
// 0xE5, which rejects most text at its first byte (this runs for every label the mapper looks up).
std::size_t chinese_numeral_prefix(std::string_view s) noexcept {
    static_assert(std::all_of(chinese_digits.begin(), chinese_digits.end(), [](std::string_view d) {
        return d.size() == 3 && (d[0] == '\xE4' || d[0] == '\xE5');
    }));
    std::size_t n = 0;
    while (s.size() - n >= 3 && (s[n] == '\xE4' || s[n] == '\xE5') &&
           std::find(chinese_digits.begin(), chinese_digits.end(), s.substr(n, 3)) != chinese_digits.end())
        n += 3;
    return n;
}

// Calls f(begin, end, line, column) for each whitespace-separated token of s, with the line and column of
// its first code point counted from (line, column) at the start of s; stops when f returns false.
template <class F>
void for_each_token(std::string_view s, std::uint32_t line, std::uint32_t column, F f) {
    // Most cells hold one token: without a byte that may begin whitespace (ASCII blanks, or the lead byte of
    // U+00A0, U+2000–U+200B, U+3000 or U+FEFF) the whole text is that token, found without decoding.
    if (!s.empty() && std::none_of(s.begin(), s.end(), [](char c) {
            const auto b = static_cast<unsigned char>(c);
            return b <= ' ' || b == 0xC2 || b == 0xE2 || b == 0xE3 || b == 0xEF;
        })) {
        f(0, s.size(), line, column);
        return;
    }
    std::size_t start = std::string_view::npos;
    std::uint32_t start_line = line, start_column = column;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t at = i;
        const char32_t cp = static_cast<unsigned char>(s[i]) < 0x80 ? static_cast<unsigned char>(s[i++]) : decode_utf8(s, i);
        if (is_space(cp)) {
            if (start != std::string_view::npos && !f(start, at, start_line, start_column)) return;
            start = std::string_view::npos;
        } else if (start == std::string_view::npos) {
            start = at, start_line = line, start_column = column;
        }
        if (cp == '\n') ++line, column = 1;
        else ++column;
    }
    if (start != std::string_view::npos) f(start, s.size(), start_line, start_column);
}

// The longest text `read_cell` takes for a placeholder.
constexpr std::size_t longest_placeholder = [] {
    std::size_t n = 0;
    for (std::string_view p : xxgk::placeholders) n = std::max(n, p.size());
    return n;
}();

// True when the bytes at s[i] are a character normalise_label copies as it is: printable ASCII other than
// quotes and spaces, or a well-formed three-byte character from U+1000–U+1FFF or U+4000–U+EFFF (the CJK
// ideographs), ranges where nothing is unified or removed. Sets `len` to its length.
bool kept_as_is(std::string_view s, std::size_t i, std::size_t &len) noexcept {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        len = 1;
        return c > ' ' && c != '"' && c != '\'';
    }
    len = 3;
    return (c == 0xE1 || (c >= 0xE4 && c <= 0xEE)) && i + 3 <= s.size() &&
           (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80 && (static_cast<unsigned char>(s[i + 2]) & 0xC0) == 0x80;
}

}  // namespace

std::string normalise_label(std::string_view s) {
    std::string out;
    normalise_label(s, out);
    return out;
}

void normalise_label(std::string_view s, std::string &out) {
    out.clear();
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        // Runs of characters kept as they are are copied at once; the rest is decoded one by one.
        std::size_t run = i, len = 0;
        while (run < s.size() && kept_as_is(s, run, len)) run += len;
        if (run > i) {
            out.append(s.data() + i, run - i);
            i = run;
            continue;
        }
        char32_t cp = decode_utf8(s, i);
        if (is_space(cp)) continue;
        switch (cp) {
        case 0xFF08: cp = '('; break;
        case 0xFF09: cp = ')'; break;
        case 0xFF0C: cp = ','; break;
        case 0xFF0E: cp = '.'; break;
        case 0xFF1A: cp = ':'; break;
        case 0xFF1B: cp = ';'; break;
        case 0xFF0F: cp = '/'; break;
        // Quotes, straight or curly, single or double, are printed or left out at will.
        case 0x201C: case 0x201D: case 0xFF02: case 0x300C: case 0x300D: case 0x2018: case 0x2019: case '"':
        case '\'': continue;
        default:
            if (cp >= 0xFF10 && cp <= 0xFF19) cp = '0' + (cp - 0xFF10);
        }
        // `1、` and `1．` number list items as `1.` does; elsewhere `、` and `，` both separate clauses.
        if (cp == 0x3001) cp = !out.empty() && out.back() >= '0' && out.back() <= '9' ? '.' : ',';
        append_utf8(out, cp);
    }
}

const normalised_constants &constants() {
    static const normalised_constants c{normalise_label(content_header_label), normalise_label(decisions_column_label),
                                        normalise_label(fee_column_label),     normalise_label(applicants_heading_label),
                                        normalise_label(balance_note_label),   normalise_label(organisations_heading_label)};
    return c;
}

std::string_view strip_enumerator(std::string_view s) noexcept {
    if (s.starts_with('(')) {
        const std::size_t n = chinese_numeral_prefix(s.substr(1));
        if (n && s.substr(1 + n).starts_with(')')) return s.substr(2 + n);
        std::size_t d = 1;
        while (d < s.size() && s[d] >= '0' && s[d] <= '9') ++d;
        if (d > 1 && d < s.size() && s[d] == ')') return s.substr(d + 1);
        return s;
    }
    if (const std::size_t n = chinese_numeral_prefix(s)) {
        std::string_view rest = s.substr(n);
        if (rest.starts_with(',') || rest.starts_with('.')) return rest.substr(1);
        return s;
    }
    std::size_t d = 0;
    while (d < s.size() && s[d] >= '0' && s[d] <= '9') ++d;
    if (d && d < 3 && d < s.size() && s[d] == '.') return s.substr(d + 1);
    return s;
}

bool same_core(std::string_view text, std::string_view official) noexcept {
    const std::string_view a = strip_enumerator(text), b = strip_enumerator(official);
    if (a.empty()) return false;
    if (a == b) return true;
    // `（二）部分公开` printed without its parenthesised remark.
    const std::size_t paren = b.find('(');
    return paren != std::string_view::npos && paren > 0 && a == b.substr(0, paren);
}

bool is_blank_text(std::string_view s) { return xxgk::trim_cell_text(s).empty(); }

// Digits run together with signs, decimal points and a money unit (`0+11`, `215419886元`): the values of
// several cells printed without separators, for `place_rows` to split.
bool is_digit_run(std::string_view s) {
    for (std::string_view unit : {"万元", "元"})
        if (s.ends_with(unit)) {
            s.remove_suffix(unit.size());
            break;
        }
    bool digit = false;
    for (char c : s) {
        if (c >= '0' && c <= '9') digit = true;
        else if (c != '+' && c != '-' && c != '.' && c != ',') return false;
    }
    return digit;
}

bool is_unknown_mark(std::string_view s) {
    s = xxgk::trim_cell_text(s);
    return s == "?" || s == "？";
}

// A token of a value cell: a number, a placeholder, digits run together or the unknown mark.
bool is_value_token(std::string_view t) {
    // Longer than any placeholder and without a digit (ASCII, or full-width: 0xEF-led) or an `&nbsp;` that
    // trimming could remove, the token is text; this spares read_cell's copy of every long label.
    // (A loop, not find_first_of, which calls memchr on the set for every byte.)
    if (t.size() > longest_placeholder &&
        std::none_of(t.begin(), t.end(), [](char c) { return (c >= '0' && c <= '9') || c == '&' || c == '\xEF'; }))
        return false;
    return is_digit_run(t) || is_unknown_mark(t) || read_cell_kind(t) != cell_kind::text;
}

bool is_value_text(std::string_view s) {
    bool value = true;
    for_each_token(s, 1, 1, [&](std::size_t begin, std::size_t end, std::uint32_t, std::uint32_t) {
        return value = is_value_token(s.substr(begin, end - begin));
    });
    return value;
}

void append_value_tokens(const text_cell &c, std::vector<text_cell> &tokens) {
    const std::string_view s = c.text;
    for_each_token(s, c.pos.line, c.pos.column,
                   [&](std::size_t begin, std::size_t end, std::uint32_t line, std::uint32_t column) {
                       text_cell t;
                       t.text = std::string(s.substr(begin, end - begin));
                       t.pos = c.pos;
                       if (c.pos.line) t.pos.line = line, t.pos.column = column;
                       tokens.push_back(std::move(t));
                       return true;
                   });
}

std::vector<std::pair<int, std::size_t>> years_in(std::string_view s) {
    std::vector<std::pair<int, std::size_t>> years;
    for (std::size_t at = s.find("年"); at != std::string_view::npos; at = s.find("年", at + 3)) {
        std::size_t end = at;
        while (end > 0 && s[end - 1] == ' ') --end;  // `2024 年` as PDF text prints it
        if (end < 4) continue;
        const std::string_view digits = s.substr(end - 4, 4);
        bool ok = true;
        for (char ch : digits) ok = ok && ch >= '0' && ch <= '9';
        if (!ok || (end >= 5 && s[end - 5] >= '0' && s[end - 5] <= '9')) continue;
        const int y = std::stoi(std::string(digits));
        if (y >= 1990 && y <= 2099) years.emplace_back(y, end - 4);
    }
    return years;
}

source_position advance(source_position pos, std::string_view text, std::size_t offset) {
    if (!pos.line) return pos;
    text = text.substr(0, offset);
    // Line by line: memchr finds the breaks, and counting the bytes that start a code point is a loop
    // the compiler vectorises (a crawled page is one paragraph of several kilobytes).
    for (std::size_t i = 0; i < text.size();) {
        const auto *nl = static_cast<const char *>(std::memchr(text.data() + i, '\n', text.size() - i));
        const std::size_t stop = nl ? static_cast<std::size_t>(nl - text.data()) : text.size();
        pos.column += static_cast<std::uint32_t>(code_points(text.substr(i, stop - i)));
        if (!nl) break;
        ++pos.line, pos.column = 1;
        i = stop + 1;
    }
    return pos;
}

}  // namespace xxgk::read::detail
