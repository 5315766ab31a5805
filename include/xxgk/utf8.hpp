#ifndef XXGK_UTF8_HPP
#define XXGK_UTF8_HPP

// UTF-8 validation, shared by the JSON reader and the document readers: the one place that decides what
// well-formed UTF-8 is (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF); and the count
// of code points the readers' columns are made of.

#include <bit>
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
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
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

}  // namespace xxgk

#endif
