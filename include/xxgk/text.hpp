#ifndef XXGK_TEXT_HPP
#define XXGK_TEXT_HPP

// Text, the one home of what the JSON reader, the document readers, the rules and the renderers share:
// what well-formed UTF-8 is (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), decoding
// and encoding it, the count of code points the readers' columns are made of, the columns a character
// takes when set, and calendar dates (`YYYY-MM-DD`, days since 1970).

#include <bit>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace xxgk {

/// Writes the UTF-8 form of code point `cp` (at most U+10FFFF) at `out`; returns the end of what it wrote
/// (one to four bytes).
inline char *encode_utf8(char32_t cp, char *out) noexcept {
    if (cp < 0x80) {
        *out++ = static_cast<char>(cp);
    } else if (cp < 0x800) {
        *out++ = static_cast<char>(0xC0 | (cp >> 6));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *out++ = static_cast<char>(0xE0 | (cp >> 12));
        *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        *out++ = static_cast<char>(0xF0 | (cp >> 18));
        *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

/// Decodes the code point at byte `i` of UTF-8 text and moves `i` past it. A byte that does not start a
/// complete sequence decodes as U+FFFD and moves `i` by one, so a walk over any bytes ends.
inline char32_t decode_utf8(std::string_view s, std::size_t &i) noexcept {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80) return ++i, c;
    if ((c & 0xF0) == 0xE0 && s.size() - i >= 3 && (byte(i + 1) & 0xC0) == 0x80 && (byte(i + 2) & 0xC0) == 0x80) {
        const char32_t cp = (c & 0x0Fu) << 12 | (byte(i + 1) & 0x3Fu) << 6 | (byte(i + 2) & 0x3Fu);
        return i += 3, cp;  // three bytes, as Chinese text is, decoded straight
    }
    const std::size_t n = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || n > s.size() - i) return ++i, U'\uFFFD';
    char32_t cp = n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (std::size_t k = 1; k < n; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return ++i, U'\uFFFD';
        cp = (cp << 6) | (byte(i + k) & 0x3Fu);
    }
    i += n;
    return cp;
}

/// The byte offset of the first byte that does not start a well-formed UTF-8 sequence, or nothing when
/// the whole text is well-formed. ASCII runs are skipped eight bytes at a time, runs of common CJK characters
/// one 32-bit test per character.
inline std::optional<std::size_t> invalid_utf8_at(std::string_view s) noexcept {
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n;) {
        if (i + 8 <= n) {
            std::uint64_t word;
            std::memcpy(&word, p + i, 8);
            if ((word & 0x8080808080808080u) == 0) {
                i += 8;
                continue;
            }
        }
        if (p[i] < 0x80) {  // ASCII between other characters (a space, a digit): one byte at a time
            ++i;
            continue;
        }
        // The common CJK case, in runs: three bytes led by E1–EC or EE–EF, tested with one 32-bit load.
        if constexpr (std::endian::native == std::endian::little) {
            const std::size_t start = i;
            for (std::uint32_t w; i + 4 <= n; i += 3) {
                std::memcpy(&w, p + i, 4);
                if ((w & 0x00C0C0F0u) != 0x008080E0u || p[i] == 0xE0 || p[i] == 0xED) break;
            }
            if (i != start) continue;
        }
        if (i + 3 <= n && (p[i] & 0xF0) == 0xE0 && p[i] != 0xE0 && p[i] != 0xED && (p[i + 1] & 0xC0) == 0x80 &&
            (p[i + 2] & 0xC0) == 0x80) {  // the same, at the end of the text (or on a big-endian machine)
            i += 3;
            continue;
        }
        const unsigned char c = p[i];  // not ASCII: taken above
        std::size_t len = 0;
        unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c == 0xE0) len = 3, lo = 0xA0;
        else if (c >= 0xE1 && c <= 0xEC) len = 3;
        else if (c == 0xED) len = 3, hi = 0x9F;
        else if (c >= 0xEE && c <= 0xEF) len = 3;
        else if (c == 0xF0) len = 4, lo = 0x90;
        else if (c >= 0xF1 && c <= 0xF3) len = 4;
        else if (c == 0xF4) len = 4, hi = 0x8F;
        else return i;
        if (i + len > n || p[i + 1] < lo || p[i + 1] > hi) return i;
        for (std::size_t k = 2; k < len; ++k)
            if ((p[i + k] & 0xC0) != 0x80) return i;
        i += len;
    }
    return std::nullopt;
}

/// The number of code points of well-formed UTF-8 text: its bytes that are not continuation bytes (a loop
/// the compiler vectorises).
inline std::size_t code_points(std::string_view s) noexcept {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

/// True for the characters a terminal sets two columns wide: East Asian wide and fullwidth (Hangul Jamo,
/// CJK punctuation, kana, ideographs, Hangul syllables, fullwidth forms) and the common emoji.
constexpr bool is_wide(char32_t c) noexcept {
    if (c >= 0x4E00 && c <= 0x9FFF) return true;  // the common CJK ideographs, tested first: most wide text
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
           (c >= 0x20000 && c <= 0x3FFFD);
}

/// True for the characters that take no column: combining marks, zero-width spaces and joiners, variation
/// selectors and the byte order mark.
constexpr bool is_zero_width(char32_t c) noexcept {
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) || (c >= 0xFE00 && c <= 0xFE0F) ||
           c == 0xFEFF;
}

/// Columns the UTF-8 text takes in a terminal: wide characters 2, zero-width ones 0, everything else 1
/// (ambiguous-width characters such as “ ” count 1, as wcwidth does; a malformed byte counts 1).
constexpr std::size_t display_width(std::string_view utf8) noexcept {
    std::size_t width = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        const char32_t c = decode_utf8(utf8, i);
        width += is_zero_width(c) ? 0 : is_wide(c) ? 2 : 1;
    }
    return width;
}

/// Days since 1970-01-01 of the calendar date y-m-d (proleptic Gregorian), or nothing when there is no such date.
constexpr std::optional<long> civil_day(int y, unsigned m, unsigned d) noexcept {
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    if (!ymd.ok()) return std::nullopt;
    return static_cast<long>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

/// Days since 1970-01-01 of a date written `YYYY-MM-DD` (the form of `report::published`), or nothing when it
/// is not so written or not a real calendar date.
constexpr std::optional<long> iso_day(std::string_view s) noexcept {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    int parts[3] = {};
    std::size_t at = 0;
    for (int &p : parts) {
        const std::size_t end = at == 0 ? 4 : at + 2;
        for (; at < end; ++at) {
            if (s[at] < '0' || s[at] > '9') return std::nullopt;
            p = p * 10 + (s[at] - '0');
        }
        ++at;
    }
    return civil_day(parts[0], static_cast<unsigned>(parts[1]), static_cast<unsigned>(parts[2]));
}

/// True for a real calendar date written `YYYY-MM-DD`.
constexpr bool is_iso_date(std::string_view s) noexcept { return iso_day(s).has_value(); }

}  // namespace xxgk

#endif
