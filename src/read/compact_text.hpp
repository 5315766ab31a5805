// The text of a document's cell or paragraph in 16 bytes (std::string takes 32): up to 15 bytes in place,
// longer on the heap. A document keeps one per cell and per line, most of a few bytes, so its size is most of
// a reader's memory per byte of input (docs/robustness.md, "Bounded memory").
#pragma once

#include <algorithm>
#include <bit>
#include <compare>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace xxgk::read {

/// A UTF-8 string of at most 2 GiB − 1 bytes (inputs are limited far below) that converts to
/// std::string_view; appending grows its capacity geometrically, so building a text piece by piece stays linear.
class compact_text {
public:
    compact_text() noexcept { set_small_size(0); }
    compact_text(std::string_view s) : compact_text() { append(s); }
    compact_text(const std::string &s) : compact_text(std::string_view(s)) {}
    compact_text(const char *s) : compact_text(std::string_view(s)) {}
    compact_text(const compact_text &o) : compact_text(o.view()) {}
    compact_text(compact_text &&o) noexcept { std::memcpy(raw_, o.raw_, sizeof raw_), o.set_small_size(0); }
    ~compact_text() { release(); }
    compact_text &operator=(const compact_text &o) { return o.data() == data() ? *this : assign(o.view()); }
    compact_text &operator=(compact_text &&o) noexcept {
        if (this != &o) release(), std::memcpy(raw_, o.raw_, sizeof raw_), o.set_small_size(0);
        return *this;
    }
    compact_text &operator=(std::string_view s) { return assign(s); }
    compact_text &operator=(const std::string &s) { return assign(std::string_view(s)); }
    compact_text &operator=(const char *s) { return assign(std::string_view(s)); }

    const char *data() const noexcept { return small() ? raw_ : heap().ptr; }
    char *data() noexcept { return small() ? raw_ : heap().ptr; }
    const char *c_str() const noexcept { return data(); }
    std::size_t size() const noexcept { return small() ? kSmall - static_cast<unsigned char>(raw_[kSmall]) : heap().size; }
    std::size_t length() const noexcept { return size(); }
    bool empty() const noexcept { return size() == 0; }
    std::string_view view() const noexcept { return {data(), size()}; }
    operator std::string_view() const noexcept { return view(); }
    std::string str() const { return std::string(view()); }
    operator std::string() const { return str(); }

    const char *begin() const noexcept { return data(); }
    const char *end() const noexcept { return data() + size(); }
    char operator[](std::size_t i) const noexcept { return data()[i]; }
    char &operator[](std::size_t i) noexcept { return data()[i]; }
    char front() const noexcept { return data()[0]; }
    char back() const noexcept { return data()[size() - 1]; }

    bool starts_with(std::string_view s) const noexcept { return view().starts_with(s); }
    bool ends_with(std::string_view s) const noexcept { return view().ends_with(s); }
    std::size_t find(std::string_view s, std::size_t from = 0) const noexcept { return view().find(s, from); }
    std::size_t find(char c, std::size_t from = 0) const noexcept { return view().find(c, from); }
    std::string_view substr(std::size_t from, std::size_t n = std::string_view::npos) const { return view().substr(from, n); }

    compact_text &assign(std::string_view s) {
        if (!s.empty() && s.data() >= data() && s.data() <= data() + size()) return *this = compact_text(s);
        resize(0);
        return append(s);
    }
    /// Room for `n` bytes without another allocation.
    void reserve(std::size_t n) {
        if (n > capacity()) grow_to(n);
    }
    compact_text &append(std::string_view s) {
        const std::size_t n = size();
        if (s.empty()) return *this;
        if (s.data() >= data() && s.data() < data() + n) {  // a piece of itself: copied before growing
            const std::string copy(s);
            return append(std::string_view(copy));
        }
        reserve_for(n + s.size());
        std::memcpy(data() + n, s.data(), s.size());
        set_size(n + s.size());
        return *this;
    }
    compact_text &append(const char *s, std::size_t n) { return append(std::string_view(s, n)); }
    compact_text &append(std::size_t count, char c) {
        const std::size_t n = size();
        reserve_for(n + count);
        std::memset(data() + n, c, count);
        set_size(n + count);
        return *this;
    }
    compact_text &operator+=(std::string_view s) { return append(s); }
    compact_text &operator+=(const std::string &s) { return append(s); }
    compact_text &operator+=(const char *s) { return append(std::string_view(s)); }
    compact_text &operator+=(char c) { return append(1, c); }
    void push_back(char c) { append(1, c); }
    void pop_back() noexcept { set_size(size() - 1); }
    void clear() noexcept { set_size(0); }
    /// Shortens to `n` bytes, or lengthens with NULs.
    void resize(std::size_t n) {
        const std::size_t old = size();
        if (n > old) return void(append(n - old, '\0'));
        set_size(n);
    }
    compact_text &erase(std::size_t from, std::size_t n = std::string_view::npos) {
        const std::size_t s = size();
        from = std::min(from, s);
        n = std::min(n, s - from);
        std::memmove(data() + from, data() + from + n, s - from - n);
        set_size(s - n);
        return *this;
    }

    friend bool operator==(const compact_text &a, const compact_text &b) noexcept { return a.view() == b.view(); }
    friend bool operator==(const compact_text &a, std::string_view b) noexcept { return a.view() == b; }
    friend bool operator==(const compact_text &a, const std::string &b) noexcept { return a.view() == b; }
    friend bool operator==(const compact_text &a, const char *b) noexcept { return a.view() == b; }
    friend auto operator<=>(const compact_text &a, const compact_text &b) noexcept { return a.view() <=> b.view(); }
    friend auto operator<=>(const compact_text &a, std::string_view b) noexcept { return a.view() <=> b; }
    friend std::string operator+(const compact_text &a, std::string_view b) { return std::string(a.view()).append(b); }
    friend std::string operator+(std::string_view a, const compact_text &b) { return std::string(a).append(b.view()); }
    friend std::string operator+(const char *a, const compact_text &b) { return std::string(a).append(b.view()); }
    friend std::string operator+(const compact_text &a, const char *b) { return std::string(a.view()).append(b); }
    friend std::string operator+(std::string a, const compact_text &b) { return std::move(a.append(b.view())); }
    friend std::string operator+(const compact_text &a, const std::string &b) { return std::string(a.view()).append(b); }
    friend std::string operator+(const compact_text &a, char b) { return std::string(a.view()) + b; }
    friend std::string &operator+=(std::string &a, const compact_text &b) { return a.append(b.view()); }
    friend std::ostream &operator<<(std::ostream &os, const compact_text &t) { return os << t.view(); }

private:
    // In place: up to 15 bytes, a NUL, and in the last byte 15 minus the size (so a full one ends in the NUL).
    // On the heap: a pointer, the size, and the capacity with its top bit set (the last byte's, as the machine
    // is little-endian), which tells the two apart.
    static constexpr std::size_t kSmall = 15;
    static constexpr std::uint32_t kHeapBit = 0x80000000u;
    static constexpr std::size_t kLargest = kHeapBit - 2;
    struct heap_text {
        char *ptr;
        std::uint32_t size, capacity;  // capacity | kHeapBit, not counting the NUL
    };
    static_assert(sizeof(heap_text) == 16);

    bool small() const noexcept { return !(static_cast<unsigned char>(raw_[kSmall]) & 0x80); }
    heap_text &heap() noexcept { return *std::launder(reinterpret_cast<heap_text *>(raw_)); }
    const heap_text &heap() const noexcept { return *std::launder(reinterpret_cast<const heap_text *>(raw_)); }
    std::size_t capacity() const noexcept { return small() ? kSmall : heap().capacity & ~kHeapBit; }
    void set_small_size(std::size_t n) noexcept {
        n = std::min(n, kSmall);  // always so; said for the compiler, which cannot see that the text is in place
        raw_[n] = '\0';
        raw_[kSmall] = static_cast<char>(kSmall - n);
    }
    void set_size(std::size_t n) noexcept {
        if (small()) return set_small_size(n);
        heap().size = static_cast<std::uint32_t>(n);
        heap().ptr[n] = '\0';
    }
    // Room for `n` bytes (and a NUL), at least doubling the capacity when it grows.
    void reserve_for(std::size_t n) {
        if (n > capacity()) grow_to(std::max(n, std::min(kLargest, 2 * capacity())));
    }
    // Moves the text to a heap block of capacity `cap` (at least its size).
    void grow_to(std::size_t cap) {
        if (cap > kLargest) throw std::bad_alloc();
        char *p = static_cast<char *>(std::malloc(cap + 1));
        if (!p) throw std::bad_alloc();
        const std::size_t s = size();
        std::memcpy(p, data(), s + 1);
        release();
        new (raw_) heap_text{p, static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(cap) | kHeapBit};
    }
    void release() noexcept {
        if (!small()) std::free(heap().ptr);
    }

    alignas(8) char raw_[16];
};

static_assert(sizeof(compact_text) == 16);
static_assert(std::endian::native == std::endian::little, "compact_text tells its two forms apart by its last byte");

}  // namespace xxgk::read
