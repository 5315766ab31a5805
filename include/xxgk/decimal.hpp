#ifndef XXGK_DECIMAL_HPP
#define XXGK_DECIMAL_HPP

// An exact decimal number (no binary floating point): `units / 10^scale`. Counts have scale 0;
// amounts in 万元 keep the scale they were printed with ("0.350" stays 0.350).

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace xxgk {

struct decimal {
    /// The value times 10^scale.
    std::int64_t units = 0;
    /// Number of digits after the decimal point, at most `max_scale`.
    std::uint8_t scale = 0;

    static constexpr std::uint8_t max_scale = 9;
    /// Most significant digits a value may have (fits 64 bits with room for sums).
    static constexpr int max_digits = 18;

    /// Representation equality: same units and scale (`1.0` differs from `1`). See `compare`.
    friend constexpr bool operator==(const decimal &, const decimal &) = default;

    constexpr bool is_integer() const noexcept {
        std::int64_t p = 1;
        for (int i = 0; i < scale; ++i) p *= 10;
        return units % p == 0;
    }
    constexpr bool is_negative() const noexcept { return units < 0; }
    constexpr bool is_zero() const noexcept { return units == 0; }
};

/// Parses ASCII `[+-]digits[.digits]` exactly; nothing (no value) for anything else or more than
/// `decimal::max_digits` significant digits or `decimal::max_scale` fraction digits.
constexpr std::optional<decimal> parse_decimal(std::string_view s) noexcept {
    bool negative = false;
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    if (s.empty()) return std::nullopt;
    std::int64_t units = 0;
    int digits = 0, scale = 0;
    bool seen_point = false, seen_digit = false;
    for (char c : s) {
        if (c == '.') {
            if (seen_point || !seen_digit) return std::nullopt;
            seen_point = true;
            continue;
        }
        if (c < '0' || c > '9') return std::nullopt;
        seen_digit = true;
        if (units != 0 || c != '0') ++digits;
        if (digits > decimal::max_digits) return std::nullopt;
        units = units * 10 + (c - '0');
        if (seen_point && ++scale > decimal::max_scale) return std::nullopt;
    }
    if (seen_point && scale == 0) return std::nullopt;
    return decimal{negative ? -units : units, static_cast<std::uint8_t>(scale)};
}

/// Prints the value with its own scale: `0.35`, `-12`, `0.350`.
inline std::string to_string(decimal d) {
    std::string digits = std::to_string(d.units < 0 ? -(d.units + 1) + 1ULL : static_cast<unsigned long long>(d.units));
    if (d.scale > 0) {
        if (digits.size() <= d.scale) digits.insert(0, d.scale + 1 - digits.size(), '0');
        digits.insert(digits.size() - d.scale, 1, '.');
    }
    return d.units < 0 ? "-" + digits : digits;
}

namespace detail {
// 128-bit intermediate for exact alignment of scales (a GCC/Clang extension).
__extension__ typedef __int128 wide_int;

inline constexpr wide_int pow10_128(int n) noexcept {
    wide_int p = 1;
    while (n-- > 0) p *= 10;
    return p;
}
}  // namespace detail

/// Numeric three-way comparison (`1.0` equals `1`).
constexpr std::strong_ordering compare(decimal a, decimal b) noexcept {
    const int scale = a.scale > b.scale ? a.scale : b.scale;
    const detail::wide_int x = a.units * detail::pow10_128(scale - a.scale);
    const detail::wide_int y = b.units * detail::pow10_128(scale - b.scale);
    return x < y ? std::strong_ordering::less : x > y ? std::strong_ordering::greater : std::strong_ordering::equal;
}

/// Exact sum or difference; nothing when the result leaves the 64-bit range.
constexpr std::optional<decimal> add(decimal a, decimal b, bool subtract = false) noexcept {
    if (a.scale == b.scale) {  // the usual case (counts): no alignment, 64-bit arithmetic
        std::int64_t r;
        if (subtract ? __builtin_sub_overflow(a.units, b.units, &r) : __builtin_add_overflow(a.units, b.units, &r))
            return std::nullopt;
        return decimal{r, a.scale};
    }
    const int scale = a.scale > b.scale ? a.scale : b.scale;
    const detail::wide_int x = a.units * detail::pow10_128(scale - a.scale);
    const detail::wide_int y = b.units * detail::pow10_128(scale - b.scale);
    const detail::wide_int r = subtract ? x - y : x + y;
    if (r > INT64_MAX || r < INT64_MIN) return std::nullopt;
    return decimal{static_cast<std::int64_t>(r), static_cast<std::uint8_t>(scale)};
}

/// Exact difference a − b; nothing when the result leaves the 64-bit range.
constexpr std::optional<decimal> subtract(decimal a, decimal b) noexcept { return add(a, b, true); }

}  // namespace xxgk

#endif
