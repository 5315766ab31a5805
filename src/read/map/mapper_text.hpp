// Text helpers of the mapper: label normalisation (whitespace, full/half-width punctuation, quotes,
// `1.`/`1．`/`1、`), enumerator prefixes (`一、`, `（一）`, `1.`), value tokens of a cell.
#pragma once

#include "../document.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace xxgk::read::detail {

/// The label with whitespace removed and punctuation unified (full-width `（）：，．；` → ASCII, curly and
/// straight quotes → `"`, `、`/`．` after a digit → `.`, full-width digits → ASCII).
std::string normalise_label(std::string_view s);

/// normalise_label into `out` (replacing its contents), reusing its storage.
void normalise_label(std::string_view s, std::string &out);

/// The normalised labels of E (`labels_of<E>`), computed once.
template <class E>
const std::array<std::string, enum_count<E>> &normalised_labels() {
    static const std::array<std::string, enum_count<E>> table = [] {
        std::array<std::string, enum_count<E>> a;
        for (E e : all_of<E>()) a[index(e)] = normalise_label(label(e));
        return a;
    }();
    return table;
}

/// The normalised label of an enumerator, computed once.
template <class E>
const std::string &normalised(E e) {
    return normalised_labels<E>()[index(e)];
}

/// The format's other label constants, normalised once.
struct normalised_constants {
    std::string content_header, decisions_column, fee_column, applicants_heading, balance_note, organisations_heading;
};
const normalised_constants &constants();

/// The normalised label without its enumerator prefix (`一、`, `(一)`, `1.`), e.g. `属于国家秘密`.
std::string_view strip_enumerator(std::string_view normalised) noexcept;

/// True when the normalised text is `core` or `core` followed by a parenthesised remark.
bool same_core(std::string_view normalised, std::string_view official_normalised) noexcept;

/// The enumerators of E found by a cell's normalised text, as the linear searches `normalised(e) == text`
/// and `same_core(text, normalised(e))` over `all_of<E>()` would find them (declaration order). Built once
/// per enumeration; a lookup hashes the text once and does not allocate.
template <class E>
class label_index {
public:
    /// The index of E, built on first use (thread-safe static initialisation).
    static const label_index &get() {
        static const label_index index;
        return index;
    }

    /// The enumerators whose normalised label is `text`.
    std::span<const E> exact(std::string_view text) const { return find(exact_, text); }

    /// The enumerators e for which `same_core(text, normalised(e))` holds.
    std::span<const E> same_core(std::string_view text) const {
        const std::string_view core = strip_enumerator(text);
        return core.empty() ? std::span<const E>{} : find(cores_, core);
    }

private:
    // Keys view the strings of `normalised_labels<E>()`, which live as long as the program.
    using map = std::unordered_map<std::string_view, std::vector<E>>;

    label_index() {
        for (E e : all_of<E>()) {
            const std::string_view n = normalised(e);
            exact_[n].push_back(e);
            // The two texts `same_core` accepts: the core, and the core before its parenthesised remark.
            const std::string_view core = strip_enumerator(n);
            cores_[core].push_back(e);
            if (const std::size_t paren = core.find('('); paren != std::string_view::npos && paren > 0)
                cores_[core.substr(0, paren)].push_back(e);
        }
        for (const map *m : {&exact_, &cores_})
            for (const auto &[key, found] : *m) ascii_key_ = ascii_key_ || is_ascii(key);
    }

    static bool is_ascii(std::string_view s) noexcept {
        for (char c : s)
            if (static_cast<unsigned char>(c) >= 0x80) return false;
        return true;
    }

    std::span<const E> find(const map &m, std::string_view key) const {
        // Numbers and other ASCII cells are most lookups; when no key is ASCII they need no hashing.
        if (!ascii_key_ && is_ascii(key)) return {};
        const auto it = m.find(key);
        return it == m.end() ? std::span<const E>{} : std::span<const E>(it->second);
    }

    map exact_, cores_;
    bool ascii_key_ = false;  // some key is all ASCII
};

/// True when every whitespace-separated token of the cell is a number or a placeholder (or the cell is blank).
bool is_value_text(std::string_view s);

/// True for `?`/`？`: a value a writer (e.g. `xxgk render`) marks as not determined.
bool is_unknown_mark(std::string_view s);

/// True when the cell holds nothing (whitespace only).
bool is_blank_text(std::string_view s);

/// True when `s` is only ASCII digits and spaces (a count, or nothing): no label of the format is.
inline bool is_count_text(std::string_view s) noexcept {
    return std::all_of(s.begin(), s.end(), [](char b) { return (b >= '0' && b <= '9') || b == ' '; });
}

/// Splits a value cell at whitespace into tokens appended to `tokens`, each with its own source position
/// (line/column advance within the cell for text formats; table formats keep the cell's position).
void append_value_tokens(const text_cell &c, std::vector<text_cell> &tokens);

/// The 4-digit years (1990–2099) followed by `年` in the text, with their byte offsets.
std::vector<std::pair<int, std::size_t>> years_in(std::string_view s);

/// The position of byte `offset` of a text that starts at `pos` (line/column formats; others unchanged).
source_position advance(source_position pos, std::string_view text, std::size_t offset);

/// Positions of byte offsets of one text that starts at `start`, as `advance` gives them; each is walked
/// from the one asked before (from the start again when an offset is smaller), so a long text asked in
/// order is walked once.
class position_walker {
public:
    position_walker(std::string_view text, source_position start) : text_(text), start_(start), at_(start) {}

    source_position at(std::size_t offset) {
        if (offset < offset_) offset_ = 0, at_ = start_;
        offset = std::min(offset, text_.size());
        at_ = advance(at_, text_.substr(offset_), offset - offset_);
        offset_ = offset;
        return at_;
    }

private:
    std::string_view text_;
    source_position start_, at_;
    std::size_t offset_ = 0;
};

}  // namespace xxgk::read::detail
