// FNV-1a, the batch's hash of file contents and finding identities (not cryptographic: a baseline
// or a database row names its report by it, nothing defends against collisions made on purpose).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace xxgk::cli {

/// 64-bit FNV-1a of `s`, continuing from `h`.
inline std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ull) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return h;
}

/// SplitMix64's finaliser: every bit of `h` moves every bit of the result (the batch's sketches and digests).
inline std::uint64_t mix(std::uint64_t h) {
    h ^= h >> 30;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 27;
    h *= 0x94D049BB133111EBull;
    return h ^ (h >> 31);
}

/// `h` as 16 lower-case hex digits.
inline std::string hex(std::uint64_t h) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) s[static_cast<std::size_t>(i)] = digits[h & 0xF];
    return s;
}

}  // namespace xxgk::cli
