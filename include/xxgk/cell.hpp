#ifndef XXGK_CELL_HPP
#define XXGK_CELL_HPP

// A table cell with its value semantics: a number, blank, a placeholder (`/`, `—`, `无`, …), other
// text, or unreadable (a reader could not determine it). The printed text is kept whenever it is not
// the plain rendering of the number, so nothing the report printed is lost.

#include <xxgk/decimal.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace xxgk {

enum class cell_kind : std::uint8_t {
    blank,        ///< empty (JSON null); arithmetic treats it as 0
    number,       ///< a number (`value`), possibly printed with separators, units or a sign word
    placeholder,  ///< `/`, `—`, `-`, `无`, `不适用` …; arithmetic treats it as 0
    text,         ///< anything else; not a number, arithmetic over it is not assessable
    unreadable    ///< a reader could not determine it (e.g. digits glued ambiguously); JSON null + `ambiguous`
};

/// Where a value stood in its source document; 0 means unknown. Text formats set line/column
/// (and page for PDF); HTML and DOCX set table/row/cell (1-based, in document order).
struct source_position {
    std::uint32_t line = 0, column = 0, page = 0;
    std::uint32_t table = 0, row = 0, cell = 0;
    constexpr bool known() const noexcept { return line != 0 || table != 0; }
    friend constexpr bool operator==(const source_position &, const source_position &) = default;
};

struct cell {
    cell_kind kind = cell_kind::blank;
    /// The number, when `kind == cell_kind::number`.
    decimal value{};
    /// The printed text (trimmed) when it is not exactly `to_string(value)`; always set for placeholder and text.
    std::string text;
    /// Where the value came from, when read from a document.
    source_position source{};

    friend bool operator==(const cell &, const cell &) = default;

    bool is_number() const noexcept { return kind == cell_kind::number; }
    /// The value arithmetic uses: the number, or 0 for blank and placeholder cells.
    decimal arithmetic_value() const noexcept { return kind == cell_kind::number ? value : decimal{}; }
    /// True when arithmetic can use this cell (number, blank or placeholder).
    bool is_assessable() const noexcept { return kind != cell_kind::text && kind != cell_kind::unreadable; }
};

/// A cell holding a plain number.
inline cell number_cell(decimal v) { return cell{cell_kind::number, v, {}, {}}; }
/// A cell holding a plain integer count.
inline cell count_cell(std::int64_t n) { return number_cell(decimal{n, 0}); }

/// The printed texts that stand for "nothing to report" (`/`, `—`, `无`, `不适用` …): a cell printing one
/// of them exactly (after trim_cell_text) is a placeholder.
inline constexpr std::array<std::string_view, 15> placeholders = {
    "/", "／", "\\", "—", "——", "―", "-", "－", "–", "--", "无", "不适用", "暂无", "空", "/ /"};

/// `s` without the whitespace printed around cell text: ASCII, NBSP, ideographic space, byte order mark and
/// the literal `&nbsp;`.
inline std::string_view trim_cell_text(std::string_view s) noexcept {
    static constexpr std::array<std::string_view, 8> spaces = {" ", "\t", "\r", "\n", "\xC2\xA0", "\xE3\x80\x80",
                                                               "&nbsp;", "\xEF\xBB\xBF"};
    // Most text neither starts with a space's first byte nor ends with one's last: nothing to trim.
    if (s.empty()) return s;
    bool may_trim = false;
    for (std::string_view sp : spaces) may_trim = may_trim || s.front() == sp.front() || s.back() == sp.back();
    if (!may_trim) return s;
    for (bool again = true; again;) {
        again = false;
        for (std::string_view sp : spaces) {
            while (s.starts_with(sp)) s.remove_prefix(sp.size()), again = true;
            while (s.ends_with(sp)) s.remove_suffix(sp.size()), again = true;
        }
    }
    return s;
}

namespace detail {

// Normalises a printed number to ASCII `[+-]digits[.digits]`: full-width digits and signs, thousands
// separators, the sign words 增/减, and a trailing unit. Returns false when the text is not a number.
inline bool normalise_number(std::string_view s, std::string &out) {
    static constexpr std::array<std::string_view, 7> units = {"万元", "元", "件", "个", "条", "项", "次"};
    // Every unit ends with a non-ASCII byte, so text ending in ASCII (most numbers) has none.
    static_assert(std::all_of(units.begin(), units.end(), [](std::string_view u) { return u.back() & 0x80; }));
    if (!s.empty() && (s.back() & 0x80))
        for (std::string_view u : units)
            if (s.size() > u.size() && s.ends_with(u)) {
                s.remove_suffix(u.size());
                s = trim_cell_text(s);
                break;
            }
    out.clear();
    if (s.starts_with("减")) out += '-', s.remove_prefix(3);
    else if (s.starts_with("增")) out += '+', s.remove_prefix(3);
    bool last_was_digit = false;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= '0' && c <= '9') out += static_cast<char>(c), last_was_digit = true, ++i;
        else if (c == '.' || c == '+' || c == '-') out += static_cast<char>(c), last_was_digit = false, ++i;
        else if (c == ',' && last_was_digit) ++i;  // thousands separator
        else if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC) {
            const unsigned char d = static_cast<unsigned char>(s[i + 2]);  // U+FF0B..U+FF19
            if (d >= 0x90 && d <= 0x99) out += static_cast<char>('0' + (d - 0x90)), last_was_digit = true;
            else if (d == 0x8E) out += '.', last_was_digit = false;          // ．
            else if (d == 0x8B) out += '+', last_was_digit = false;          // ＋
            else if (d == 0x8D) out += '-', last_was_digit = false;          // －
            else if (d == 0x8C && last_was_digit) {}                          // ，
            else return false;
            i += 3;
        } else return false;
    }
    return !out.empty();
}

// True when `s` is exactly `to_string(v)` for the number `v` it was read as. Plain digits (the usual cell)
// are decided without rendering: they are the rendering unless they have a leading zero.
inline bool is_plain_rendering(std::string_view s, decimal v) {
    if (std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return s.size() == 1 || s.front() != '0';
    return s == to_string(v);
}

// True when `s` is one of the placeholders. Their first bytes are few and never an ASCII digit or letter,
// so most cells are rejected at their first byte.
inline bool is_placeholder(std::string_view s) noexcept {
    auto may_start = [](char c) {
        for (std::string_view p : placeholders)
            if (p.front() == c) return true;
        return false;
    };
    if (s.empty() || !may_start(s.front())) return false;
    for (std::string_view p : placeholders)
        if (s == p) return true;
    return false;
}

// The kind `read_cell` gives trimmed printed text, and its number when it is one; builds no cell, so it
// allocates nothing for long text.
inline cell_kind classify_cell(std::string_view trimmed, decimal &value) {
    if (trimmed.empty()) return cell_kind::blank;
    if (is_placeholder(trimmed)) return cell_kind::placeholder;
    std::string normalised;
    if (normalise_number(trimmed, normalised))
        if (auto v = parse_decimal(normalised)) {
            value = *v;
            return cell_kind::number;
        }
    return cell_kind::text;
}

// The count `s` is when it is plain ASCII digits without a leading zero (the usual cell, its own plain
// rendering), at most `decimal::max_digits` of them; nothing otherwise.
inline std::optional<std::int64_t> plain_count(std::string_view s) noexcept {
    if (s.empty() || s.size() > static_cast<std::size_t>(decimal::max_digits) || (s.size() > 1 && s.front() == '0'))
        return std::nullopt;
    std::int64_t n = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + (c - '0');
    }
    return n;
}

}  // namespace detail

/// Classifies a cell's printed text: blank, placeholder, number (exact, with the printed text kept
/// when it differs from the plain rendering) or text. Allocates only to keep non-plain text.
inline cell read_cell(std::string_view printed) {
    if (const auto n = detail::plain_count(printed)) return count_cell(*n);  // what the steps below give it
    const std::string_view s = trim_cell_text(printed);
    cell c;
    c.kind = detail::classify_cell(s, c.value);
    if (c.kind == cell_kind::placeholder || c.kind == cell_kind::text ||
        (c.kind == cell_kind::number && !detail::is_plain_rendering(s, c.value)))
        c.text = s;
    return c;
}

/// The kind `read_cell(printed)` gives, without building the cell (no copy of the text).
inline cell_kind read_cell_kind(std::string_view printed) {
    decimal value{};
    return detail::classify_cell(trim_cell_text(printed), value);
}

}  // namespace xxgk

#endif
