// The extract of a report that pass 1 keeps for the cross-year rules (see batch_extract.hpp).
#include "batch_extract.hpp"
#include "hash.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace xxgk::cli {

namespace {

std::size_t table_slot(xxgk::area a) {
    return a == xxgk::area::applications ? 1 : a == xxgk::area::review_litigation ? 2 : 0;
}

// Digests of tables 二, 三 and 四 that are equal whenever xy.duplicate would find every cell the same
// (same cells, same kind, equal numbers whatever their scale, same text), and `evidence[t]` when table t
// holds a count of the year's own activity (see is_flow_cell).
std::array<std::uint64_t, 3> table_digests(const xxgk::report &r, std::array<bool, 3> &evidence) {
    std::array<std::uint64_t, 3> h{1, 2, 3};
    xxgk::for_each_cell(r, [&](xxgk::cell_ref ref, const xxgk::cell &c) {
        std::uint64_t &t = h[table_slot(ref.where)];
        t = mix(t ^ (std::uint64_t{static_cast<std::uint8_t>(ref.where)} << 24 | std::uint64_t{ref.item} << 16 |
                     std::uint64_t{ref.column} << 8 | static_cast<std::uint8_t>(c.kind)));
        if (c.kind == xxgk::cell_kind::number) {
            xxgk::decimal v = c.value;
            while (v.scale > 0 && v.units % 10 == 0) v.units /= 10, --v.scale;
            if (v.units == 0) v.scale = 0;
            t = mix(t ^ static_cast<std::uint64_t>(v.units));
            t = mix(t ^ v.scale);
        } else if (c.kind != xxgk::cell_kind::blank) {
            t = mix(t ^ fnv1a(c.text) ^ c.text.size());
        }
        if (xxgk::is_flow_cell(ref) && c.is_number() && !c.value.is_zero()) evidence[table_slot(ref.where)] = true;
    });
    return h;
}

// The distinct shingles of one text, each with a hash, found in one pass over its bytes. Shingles of four
// code points below U+10000 (nearly all) are exact 64-bit keys deduplicated in an open-addressing table
// kept across texts (only the slots a text filled are cleared after it); the others are sorted as exact pairs.
class shingle_set {
public:
    // Calls `visit(h)` once for each distinct shingle of `text`'s shingle_text while it is at most `limit` code
    // points long (past that, the shingles are not looked at); returns the length of the shingle text in code points.
    template <class Visit>
    std::size_t scan(std::string_view text, std::size_t limit, Visit visit) {
        static_assert(xxgk::shingle_size == 4);
        std::size_t length = 0;
        std::uint64_t key = 0;                  // the last four code points, 16 bits each
        std::array<char32_t, 4> window{};       // the same, whole, at length % 4 onwards
        std::size_t wide_until = 0;             // shingles ending before this hold a code point above U+FFFF
        wide_.clear();
        xxgk::detail::for_each_shingle_code_point(text, [&](char32_t c) {
            window[length % 4] = c;
            key = key << 16 | (c & 0xFFFF);
            if (c >= 0x10000) wide_until = length + 4;
            if (++length < 4 || length > limit) return;
            if (length <= wide_until) {
                const auto at = [&](std::size_t k) { return std::uint64_t{window[(length + k) % 4]}; };
                wide_.emplace_back(at(0) << 21 | at(1), at(2) << 21 | at(3));
            } else if (const std::uint64_t h = mix(key); insert(key, h)) {
                visit(h);
            }
        });
        clear();
        std::sort(wide_.begin(), wide_.end());
        wide_.erase(std::unique(wide_.begin(), wide_.end()), wide_.end());
        for (const auto &[a, b] : wide_) visit(mix(a * 0x9E3779B97F4A7C15ull ^ b));
        return length;
    }

private:
    // Adds `key` (not 0: shingle_text drops U+0000), whose mix is `h`; false when it was there.
    bool insert(std::uint64_t key, std::uint64_t h) {
        if (2 * (filled_.size() + 1) > table_.size()) grow();
        const std::size_t mask = table_.size() - 1;
        for (std::size_t slot = h & mask;; slot = (slot + 1) & mask) {
            if (table_[slot] == key) return false;
            if (table_[slot] == 0) {
                table_[slot] = key;
                filled_.push_back(static_cast<std::uint32_t>(slot));
                return true;
            }
        }
    }
    void grow() {
        std::vector<std::uint64_t> keys;
        keys.reserve(filled_.size());
        for (std::uint32_t slot : filled_) keys.push_back(table_[slot]);
        table_.assign(std::max<std::size_t>(1024, 2 * table_.size()), 0);
        filled_.clear();
        for (std::uint64_t k : keys) insert(k, mix(k));
    }
    void clear() {
        for (std::uint32_t slot : filled_) table_[slot] = 0;
        filled_.clear();
        if (table_.size() > kept_slots) table_ = {};  // a long text's table is not kept for the next
    }
    static constexpr std::size_t kept_slots = 1 << 14;

    std::vector<std::uint64_t> table_;
    std::vector<std::uint32_t> filled_;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> wide_;
};

prose_sketch sketch_of(const std::optional<std::string> &text) {
    prose_sketch f;
    if (!text) return f;
    thread_local shingle_set set;
    std::array<std::uint32_t, std::tuple_size_v<decltype(f.buckets)>> counts{};
    const std::size_t length = set.scan(*text, prose_sketch::too_long, [&](std::uint64_t h) { ++counts[h >> 59]; });
    f.length = static_cast<std::uint16_t>(std::min<std::size_t>(length, prose_sketch::too_long));
    if (length <= xxgk::shingle_size || f.length == prose_sketch::too_long) return f;
    std::size_t distinct = 0;
    for (std::size_t k = 0; k < counts.size(); ++k) {
        distinct += counts[k];
        f.buckets[k] = static_cast<std::uint8_t>(std::min<std::uint32_t>(counts[k], prose_sketch::full));
    }
    f.distinct = static_cast<std::uint16_t>(distinct <= 0xFFFF ? distinct : 0);
    return f;
}

// Calls `f(cell)` for each stock cell of `r`, in `year_extract::stocks` order.
template <class Report, class F>
void for_each_stock(Report &r, F f) {
    for (xxgk::applicant a : xxgk::all_of<xxgk::applicant>()) f(r.applications(xxgk::row::carried_forward, a));
    for (xxgk::applicant a : xxgk::all_of<xxgk::applicant>()) f(r.applications(xxgk::row::carried_over, a));
    if (auto *t2 = std::get_if<xxgk::active_disclosure>(&r.active))
        for (auto *d : {&t2->regulations, &t2->normative_documents}) {
            f(d->issued);
            f(d->repealed);
            f(d->in_force);
        }
}

}  // namespace

year_extract extract_of(const xxgk::report &r, bool for_duplicate) {
    year_extract e;
    e.v2019 = r.format() == xxgk::format_version::v2019;
    std::size_t k = 0;
    for_each_stock(r, [&](const xxgk::cell &c) {
        const bool number = c.kind == xxgk::cell_kind::number;
        if (!c.is_assessable() ||
            (number && (c.value.scale != 0 || c.value.units < 0 || c.value.units >> stock_value_bits != 0)))
            e.whole_needed = true;
        e.stocks[k++] = static_cast<stock_cell>(static_cast<unsigned>(c.kind) << stock_value_bits |
                                                (number && !e.whole_needed ? c.value.units : 0));
    });
    if (!for_duplicate) return e;
    const auto digests = table_digests(r, e.evidence);
    for (std::size_t t = 0; t < digests.size(); ++t) e.tables[t] = static_cast<std::uint32_t>(digests[t]);
    for (xxgk::section s : xxgk::all_of<xxgk::section>()) e.prose[s] = sketch_of(r.sections[s]);
    return e;
}

stock_positions stock_sources(const xxgk::report &r) {
    stock_positions out{};
    std::size_t k = 0;
    for_each_stock(r, [&](const xxgk::cell &c) { out[k++] = c.source; });
    return out;
}

const xxgk::report &fill_skeleton(xxgk::report &r, const year_extract &e, std::optional<int> year,
                                  const stock_positions *sources) {
    r.year = year;
    if (e.v2019 != (r.format() == xxgk::format_version::v2019)) {
        if (e.v2019) r.active = xxgk::active_disclosure_2019{};
        else r.active = xxgk::active_disclosure{};
    }
    std::size_t k = 0;
    for_each_stock(r, [&](xxgk::cell &c) {
        const stock_cell s = e.stocks[k];
        c.kind = static_cast<xxgk::cell_kind>(s >> stock_value_bits);
        c.value = xxgk::decimal{s & ((stock_cell{1} << stock_value_bits) - 1), 0};
        c.source = sources ? (*sources)[k] : xxgk::source_position{};
        ++k;
    });
    return r;
}

bool duplicate_possible(const year_extract &now, const year_extract &then, const xxgk::pair_options &pair) {
    for (std::size_t t = 0; t < now.tables.size(); ++t)
        if (now.evidence[t] && now.tables[t] == then.tables[t]) return true;
    for (xxgk::section s : xxgk::all_of<xxgk::section>()) {
        const prose_sketch &a = now.prose[s], &b = then.prose[s];
        if (a.length == prose_sketch::absent || b.length == prose_sketch::absent) continue;
        const std::size_t shorter = std::min(a.length, b.length);  // exact unless both are too long
        if (shorter < pair.min_prose_chars && shorter != prose_sketch::too_long) continue;
        if (shorter <= xxgk::shingle_size || a.length == prose_sketch::too_long ||
            b.length == prose_sketch::too_long || a.distinct == 0 || b.distinct == 0)
            return true;
        std::size_t shared = 0;
        for (std::size_t k = 0; k < a.buckets.size(); ++k) {
            if (a.buckets[k] == prose_sketch::full && b.buckets[k] == prose_sketch::full) return true;
            shared += a.buckets[k] == prose_sketch::full   ? b.buckets[k]
                      : b.buckets[k] == prose_sketch::full ? a.buckets[k]
                                                           : std::min(a.buckets[k], b.buckets[k]);
        }
        const double bound = static_cast<double>(shared) / static_cast<double>(a.distinct + b.distinct - shared);
        if (bound >= pair.near_identical) return true;
    }
    return false;
}

}  // namespace xxgk::cli
