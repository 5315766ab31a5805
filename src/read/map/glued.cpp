// Splitting glued digits into cells: enumerate the splits each printed row allows, take a row's only
// split as its reading, and let the table's identities choose among the splits of the other rows.
#include "glued.hpp"

#include <xxgk/rules.hpp>

#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>

namespace xxgk::read {

namespace {

// What a piece of a token may look like in a given column (xxgk::quantity_of). Counts are printed without
// leading zeros (no sample prints `01` or `007`; allowing them would turn every `00` into a candidate for one
// cell and make `160 02 0 018` ambiguous), signed changes may carry a sign, money may carry a decimal point
// and a unit.

// The byte length of the UTF-8 code point starting with `lead` (1 for anything malformed).
std::size_t code_point_size(unsigned char lead) noexcept {
    if (lead >= 0xF0 && lead < 0xF8) return 4;
    if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
    if (lead >= 0xC0) return 2;
    return 1;
}

// The value of a digit (ASCII or full-width) at the start of `s`, and its byte length.
std::optional<std::pair<int, std::size_t>> digit_at(std::string_view s) noexcept {
    if (s.empty()) return std::nullopt;
    if (s[0] >= '0' && s[0] <= '9') return std::pair{s[0] - '0', std::size_t{1}};
    if (s.size() >= 3 && s.substr(0, 2) == "\xEF\xBC") {
        const unsigned char d = static_cast<unsigned char>(s[2]);
        if (d >= 0x90 && d <= 0x99) return std::pair{d - 0x90, std::size_t{3}};
    }
    return std::nullopt;
}

// Consumes an integer without leading zeros ("0" itself is fine); false when there is none.
bool take_integer(std::string_view &s) noexcept {
    auto first = digit_at(s);
    if (!first) return false;
    s.remove_prefix(first->second);
    if (first->first == 0) return !digit_at(s);
    while (auto d = digit_at(s)) s.remove_prefix(d->second);
    return true;
}

bool take_prefix(std::string_view &s, std::initializer_list<std::string_view> options) noexcept {
    for (std::string_view o : options)
        if (s.starts_with(o)) {
            s.remove_prefix(o.size());
            return true;
        }
    return false;
}

// True when `piece` may be one cell of the given class once a token is split.
bool valid_piece(std::string_view piece, quantity_kind cls) noexcept {
    if (cls == quantity_kind::signed_change) take_prefix(piece, {"+", "-", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "增", "减"});
    if (!take_integer(piece)) return false;
    if (cls == quantity_kind::amount) {
        if (take_prefix(piece, {".", "\xEF\xBC\x8E"})) {
            if (!digit_at(piece)) return false;
            while (auto d = digit_at(piece)) piece.remove_prefix(d->second);
        }
        take_prefix(piece, {"万元", "元"});
    }
    return piece.empty();
}

// A cell of the report as a slot of the linear order `for_each_cell` visits.
struct slot {
    cell_ref ref;
    cell *target = nullptr;
};

// The ways of reading one printed row, each a sequence of `width` cells read from parts of its tokens: the
// distinct pieces once, and each split as the indices of its pieces (one flat array, not a vector per split).
struct splits {
    std::size_t width = 0;
    std::vector<cell> pieces;
    std::vector<std::int32_t> chosen;  // split k is chosen[k * width, (k + 1) * width)

    std::size_t size() const noexcept { return width == 0 ? 0 : chosen.size() / width; }
    bool empty() const noexcept { return chosen.empty(); }
    // Cell i of split k.
    const cell &at(std::size_t k, std::size_t i) const noexcept {
        return pieces[static_cast<std::size_t>(chosen[k * width + i])];
    }
    void clear() noexcept { pieces.clear(), chosen.clear(); }
};

// Slot or row indices kept on the stack: an identity sums at most 22 cells (I-2 and I-3 of table 三).
using indices = boost::container::small_vector<std::size_t, 24>;

// `sum(lhs) == sum(rhs)` over slot indices.
struct identity {
    indices lhs, rhs;
};

constexpr std::size_t npos = static_cast<std::size_t>(-1);
constexpr std::size_t max_candidates = 512;     // splits kept per printed row
// Runs of equal cells: every way to share 15 cells among the tokens of table 四 printed as one line
// (C(14, 7) = 3432 at most).
constexpr std::size_t max_run_candidates = 4096;
constexpr std::size_t max_search_steps = 200000;  // work per row enumeration and per joint search
constexpr std::size_t identities_per_table = 48;  // table 三 has 7 + 7 + 23 or 25 (I-1, I-2, I-3), table 四 2

// Enumerates the splits of one printed row's tokens into `classes.size()` cells: every token yields one
// or more consecutive cells, tokens are never merged. One splitter serves a table's rows, its buffers reused.
class splitter {
public:
    // Finds the splits (`found()`); false when the work bound was hit (then `found()` holds those found so far).
    bool run(std::span<const text_cell> tokens, std::span<const quantity_kind> classes, bool runs, bool joins = false) {
        tokens_ = tokens, classes_ = classes, runs_ = runs, joins_ = joins;
        steps_ = 0, overflow_ = false;
        found_.clear();
        found_.width = classes.size();
        // One array of cuts and one of memo slots for all tokens.
        cuts_.clear(), cuts_at_.clear(), memo_at_.clear(), path_.clear();
        std::size_t memo_size = 0;
        for (const text_cell &t : tokens) {
            cuts_at_.push_back(cuts_.size());
            memo_at_.push_back(memo_size);
            cuts_.push_back(0);
            for (std::size_t i = 0; i < t.text.size();) {
                i += code_point_size(static_cast<unsigned char>(t.text[i]));
                cuts_.push_back(std::min(i, t.text.size()));
            }
            const std::size_t n = cuts_.size() - cuts_at_.back();
            memo_size += 3 * n * n;
        }
        cuts_at_.push_back(cuts_.size());
        memo_.assign(memo_size, untried);
        points_after_.assign(tokens.size(), 0);
        for (std::size_t t = tokens.size(); t-- > 1;) points_after_[t - 1] = points_after_[t] + cuts(t).size() - 1;
        walk(0, 0, 0);
        return !overflow_;
    }

    // The splits of the last run; valid until the next (the buffers keep their capacity for the next row).
    const splits &found() const noexcept { return found_; }

private:
    // At token `t`, code point `cp` of it, filling cell `c`.
    void walk(std::size_t t, std::size_t cp, std::size_t c) {
        if (overflow_) return;
        if (++steps_ > max_search_steps) {
            overflow_ = true;
            return;
        }
        if (t == tokens_.size()) {
            if (c == classes_.size()) {
                if (found_.size() == (runs_ ? max_run_candidates : max_candidates)) overflow_ = true;
                else found_.chosen.insert(found_.chosen.end(), path_.begin(), path_.end());
            }
            return;
        }
        const std::size_t tokens_left = tokens_.size() - t - 1, cells_left = classes_.size() - c;
        if (joins_) {
            join(t, c);
            return;
        }
        if (cells_left == 0 || cells_left < tokens_left + 1) return;
        if (runs_) {
            repeat(t, c, cells_left - tokens_left);
            return;
        }
        // Every cell takes at least one code point: the rest of this token and the later ones must do.
        const std::size_t n = cuts(t).size();
        if (cells_left > n - 1 - cp + points_after_[t]) return;
        for (std::size_t end = cp + 1; end < n; ++end) {
            const std::int32_t x = piece(t, cp, end, classes_[c]);
            if (x < 0) continue;
            path_.push_back(x);
            if (end + 1 == n) walk(t + 1, 0, c + 1);
            else walk(t, end, c + 1);
            path_.pop_back();
            if (overflow_) return;
        }
    }

    // Cell c as tokens t … e joined (each after a line break), for every e that leaves a token per later cell.
    void join(std::size_t t, std::size_t c) {
        const std::size_t cells_after = classes_.size() - c - 1;
        std::string digits;
        for (std::size_t e = t; e < tokens_.size() && tokens_.size() - e - 1 >= cells_after; ++e) {
            if (e > t && tokens_[e].pos.line == tokens_[e - 1].pos.line) break;  // separated by spaces: two cells
            digits += tokens_[e].text;
            if (!valid_piece(digits, classes_[c])) continue;
            cell x = read_cell(digits);
            x.source = tokens_[t].pos;
            path_.push_back(static_cast<std::int32_t>(found_.pieces.size()));
            found_.pieces.push_back(std::move(x));
            walk(e + 1, 0, c + 1);
            path_.pop_back();
            if (overflow_) return;
        }
    }

    // Token t as a run of 1 … `most` equal cells from cell c on, each a whole-token piece of its column.
    void repeat(std::size_t t, std::size_t c, std::size_t most) {
        const std::size_t whole = cuts(t).size() - 1;
        const std::size_t depth = path_.size();
        for (std::size_t k = 1; k <= most; ++k) {
            const std::int32_t x = piece(t, 0, whole, classes_[c + k - 1]);
            if (x < 0) break;
            path_.push_back(x);
            walk(t + 1, 0, c + k);
            if (overflow_) break;
        }
        path_.resize(depth);
    }

    // The index in the pieces of the cell that code points [cp, end) of token t make in a column of class
    // `cls`, or −1 when they cannot be one; memoised, since the search meets the same pieces on many paths.
    std::int32_t piece(std::size_t t, std::size_t cp, std::size_t end, quantity_kind cls) {
        const std::span<const std::size_t> at = cuts(t);
        const std::size_t n = at.size();
        std::int32_t &slot = memo_[memo_at_[t] + (static_cast<std::size_t>(cls) * n + cp) * n + end];
        if (slot == untried) {
            slot = invalid;
            const std::string_view text = tokens_[t].text;
            const std::string_view printed = text.substr(at[cp], at[end] - at[cp]);
            const bool whole_token = cp == 0 && end + 1 == n;
            const bool valid = valid_piece(printed, cls);
            if (valid || whole_token) {
                cell x = read_cell(printed);
                if (valid || x.kind == cell_kind::placeholder) {
                    x.source = tokens_[t].pos;
                    if (x.source.line != 0) x.source.column += static_cast<std::uint32_t>(cp);
                    slot = static_cast<std::int32_t>(found_.pieces.size());
                    found_.pieces.push_back(std::move(x));
                }
            }
        }
        return slot;
    }

    // The code point boundaries (byte offsets) of token t.
    std::span<const std::size_t> cuts(std::size_t t) const noexcept {
        return std::span(cuts_).subspan(cuts_at_[t], cuts_at_[t + 1] - cuts_at_[t]);
    }

    static constexpr std::int32_t untried = -2, invalid = -1;

    std::span<const text_cell> tokens_;
    std::span<const quantity_kind> classes_;
    splits found_;
    std::vector<std::size_t> cuts_, cuts_at_;   // every token's cuts, and where each token's begin
    std::vector<std::size_t> points_after_;     // code points in the tokens after each token
    std::vector<std::int32_t> memo_;            // per token: class × start × end → index in the pieces
    std::vector<std::size_t> memo_at_;          // where each token's memo slots begin
    std::vector<std::int32_t> path_;  // the pieces of the split being built
    std::size_t steps_ = 0;
    bool overflow_ = false;
    bool runs_ = false;   // tokens stand for runs of equal cells (printed_row::runs)
    bool joins_ = false;  // tokens across line breaks may be one cell (printed_row::joins)
};

// The printed cell texts of split k, `5|0|66`.
std::string describe(const splits &s, std::size_t k) {
    std::string out;
    for (std::size_t i = 0; i < s.width; ++i) {
        const cell &c = s.at(k, i);
        if (!out.empty()) out += '|';
        out += c.text.empty() ? to_string(c.value) : c.text;
    }
    return out;
}

bool same_reading(const cell &a, const cell &b) noexcept {
    return a.kind == b.kind && a.value == b.value && a.text == b.text;
}

// How one printed row is being read.
struct row_state {
    std::size_t first = 0, size = 0;        // slot range
    splits candidates;                      // the structural splits
    std::vector<bool> alive;                // candidates still consistent with the identities
    bool settled = false;
    bool contradicted = false;              // no candidate satisfies the identities
    bool separated = false;                 // several tokens printed: separators were cut or repeated
    bool joined = false;                    // more tokens than cells: a reading joins tokens across lines
    bool from_readings = false;             // candidates are OCR readings, not splits of glued digits
    std::string confidences;                // OCR: the engine's confidence in each uncertain value, as said
    std::string problem;                    // why the row cannot be split at all, if so
    source_position where{};

    std::size_t alive_count() const { return static_cast<std::size_t>(std::count(alive.begin(), alive.end(), true)); }
    bool owns(std::size_t s) const noexcept { return s >= first && s < first + size; }
};

class placer {
public:
    placer(report &r, table_id table, std::vector<diagnostic> &out) : r_(r), table_(table), out_(out) {
        index_.assign(key_count, no_slot);
        for_each_cell(r, [&](cell_ref c, cell &x) {
            index_[key(c)] = static_cast<std::uint16_t>(slots_.size());  // a report has < 1,000 cells
            slots_.push_back({c, &x});
        });
    }

    void run(std::span<const printed_row> rows) {
        owner_.assign(slots_.size(), npos);
        rows_.reserve(rows.size());
        for (const printed_row &p : rows) add_row(p);
        // Identities only choose between the candidates of unsettled rows: without one, nothing is left to do.
        if (std::all_of(rows_.begin(), rows_.end(), [](const row_state &row) { return row.settled; })) return;
        build_identities();
        settle_within_rows();
        settle_local();
        search_jointly();
        for (row_state &row : rows_)
            if (!row.settled) finish(row);
    }

private:
    // A dense key for a table cell: area, item (< 32) and column (< 15, or 15 for no column).
    static constexpr std::size_t key_count = 8 * 32 * 16;
    static constexpr std::uint16_t no_slot = 0xFFFF;  // 16 bits: the index is filled for every table placed
    static std::size_t key(cell_ref c) noexcept {
        const std::size_t column = c.column == cell_ref::no_column ? 15 : c.column & 15u;
        return (static_cast<std::size_t>(c.where) & 7u) * 512 + (c.item & 31u) * 16 + column;
    }

    std::optional<std::size_t> slot_of(cell_ref c) const noexcept {
        const std::size_t i = index_[key(c)];
        if (i == no_slot || !(slots_[i].ref == c)) return std::nullopt;
        return i;
    }

    void add_row(const printed_row &p) {
        if (p.tokens.empty() || p.cells == 0) return;  // nothing printed: the cells stay blank
        row_state row;
        row.where = p.tokens.front().pos;
        const auto first = slot_of(p.first);
        if (!first || *first + p.cells > slots_.size()) {
            report_unplaceable(p, "（表格中没有这些单元格）");
            return;
        }
        row.first = *first;
        row.size = p.cells;
        // A row with one reading is written at once. Settled, it needs no row_state: its slots own no row,
        // so value_of reads them from the report.
        auto write = [&](auto &&cell_i) {
            for (std::size_t i = 0; i < p.cells; ++i) {
                *slots_[row.first + i].target = cell_i(i);
                owner_[row.first + i] = npos;
            }
        };
        const bool uncertain = std::any_of(p.tokens.begin(), p.tokens.end(), [](const text_cell &t) { return !t.readings.empty(); });
        if (uncertain) {  // OCR'd values, some with several readings: one token per cell
            row.from_readings = true;
            row.confidences = confidences_of(p.tokens);
            if (p.tokens.size() != p.cells)
                row.problem = "（" + std::to_string(p.tokens.size()) + "个数值对应" + std::to_string(p.cells) + "个单元格）";
            else row.problem = readings_product(p.tokens, row.candidates);
        } else if (p.tokens.size() == p.cells) {  // one token per cell
            write([&](std::size_t i) {
                cell x = read_cell(p.tokens[i].text);
                x.source = p.tokens[i].pos;
                return x;
            });
            return;
        } else if (p.tokens.size() > p.cells && !p.joins) {
            row.problem = "（" + std::to_string(p.tokens.size()) + "个数值对应" + std::to_string(p.cells) + "个单元格）";
        } else {
            classes_.clear();
            for (std::size_t i = 0; i < p.cells; ++i) classes_.push_back(quantity_of(slots_[row.first + i].ref));
            row.joined = p.tokens.size() > p.cells;
            const bool complete = splitter_.run(p.tokens, classes_, p.runs, row.joined);
            const splits &found = splitter_.found();
            // Separators printed between a row's values are never taken back: where the row has several
            // tokens, even its only split is read only if the identities it takes part in do not contradict it.
            if (complete && found.size() == 1 && p.tokens.size() == 1) {
                write([&](std::size_t i) { return found.at(0, i); });
                return;
            }
            if (!complete)
                row.problem = "（候选拆分过多，超过" + std::to_string(p.runs ? max_run_candidates : max_candidates) +
                              "种或搜索上限）";
            else if (found.empty()) row.problem = "（数字无法按单元格数拆分）";
            else row.candidates = found;
            row.separated = p.tokens.size() > 1;
        }
        row.alive.assign(row.candidates.size(), true);
        for (std::size_t i = 0; i < row.size; ++i) owner_[row.first + i] = rows_.size();
        rows_.push_back(std::move(row));
        row_state &added = rows_.back();
        if (!added.problem.empty()) {
            added.candidates.clear();
            added.alive.clear();
            finish(added);
        } else if (added.candidates.size() == 1 && !added.separated) {
            finish(added);
        }
    }

    // "OCR置信度：第2格62，第5格71": the engine's confidence (0–100) in each uncertain value of a row, by its
    // place in the row; "" when no value has one.
    static std::string confidences_of(std::span<const text_cell> tokens) {
        std::string out;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            if (tokens[i].readings.empty() || tokens[i].confidence < 0) continue;
            out += (out.empty() ? "OCR置信度：第" : "，第") + std::to_string(i + 1) + "格" +
                   std::to_string(static_cast<int>(tokens[i].confidence));
        }
        return out;
    }

    // Why a value whose only reading is "?" is not read, as the finding says it.
    static std::string unread_because(unread_cause why) {
        switch (why) {
        case unread_cause::cut_by_page_break: return "（数值被分页截断，无法完整读出）";
        case unread_cause::may_wrap_without_rules: return "（数值可能在单元格内折行接续，无表格框线可判定，未读取）";
        case unread_cause::may_be_cut_without_rules: return "（数值所在行可能被分页截断，无表格框线可判定，未读取）";
        case unread_cause::ink_not_read: break;
        }
        return "（OCR未能读出数值）";
    }

    // The candidates of a row of OCR'd values: every combination of each value's readings (a value
    // without readings is certain: its text). Why they cannot be listed, or "".
    static std::string readings_product(std::span<const text_cell> tokens, splits &out) {
        out.clear();
        out.width = tokens.size();
        std::vector<std::pair<std::int32_t, std::int32_t>> options;  // per token: first piece, count
        std::size_t total = 1;
        for (const text_cell &t : tokens) {
            const std::size_t first = out.pieces.size();
            auto add = [&](std::string_view text) {
                cell x = read_cell(text);
                x.source = t.pos;
                out.pieces.push_back(std::move(x));
            };
            if (t.readings.empty()) add(t.text);
            for (const std::string &r : t.readings) {
                add(r);
                if (out.pieces.back().kind == cell_kind::text) return unread_because(t.readings.cause());
            }
            const std::size_t n = out.pieces.size() - first;
            total *= n;
            if (total > max_candidates) return "（OCR候选读数过多，超过" + std::to_string(max_candidates) + "种）";
            options.emplace_back(static_cast<std::int32_t>(first), static_cast<std::int32_t>(n));
        }
        for (std::size_t k = 0; k < total; ++k) {
            std::size_t rest = k;
            for (const auto &[first, n] : options) {
                out.chosen.push_back(first + static_cast<std::int32_t>(rest % static_cast<std::size_t>(n)));
                rest /= static_cast<std::size_t>(n);
            }
        }
        return {};
    }

    // Whether every candidate of the row reads cell i alike (an OCR'd value that was certain).
    static bool readings_agree(const row_state &row, std::size_t i) {
        for (std::size_t k = 1; k < row.candidates.size(); ++k)
            if (!same_reading(row.candidates.at(k, i), row.candidates.at(0, i))) return false;
        return true;
    }

    void report_unplaceable(const printed_row &p, std::string why) {
        diagnostic d{rule::cell_unreadable, severity::error, status::fail, {p.first}, {}, {}, {}, std::move(why),
                     p.tokens.front().pos};
        out_.push_back(std::move(d));
    }

    void build_identities() {
        if (table_ == table_id::active_disclosure) return;  // table 二 has no identity over its cells
        // Built in place (an identity is two inline arrays, 400 bytes: moving one costs as much as making
        // it), and dropped again when no undecided row owns a cell of it.
        identities_.reserve(identities_per_table);
        auto add = [&](std::span<const cell_ref> lhs, std::span<const cell_ref> rhs) {
            identity &id = identities_.emplace_back();
            bool touches = false;
            for (cell_ref c : lhs)
                if (auto s = slot_of(c)) id.lhs.push_back(*s), touches = touches || unsettled_owner(*s) != npos;
            for (cell_ref c : rhs)
                if (auto s = slot_of(c)) id.rhs.push_back(*s), touches = touches || unsettled_owner(*s) != npos;
            if (!touches) identities_.pop_back();
        };
        for_each_identity(r_.format(), [&](const table_identity &id) {
            if ((id.which == rule::t4_total) == (table_ == table_id::review_litigation)) add(id.lhs, id.rhs);
        });
    }

    // The value a slot holds under the chosen candidates: nothing when arithmetic cannot use it.
    std::optional<std::int64_t> value_of(std::size_t s, std::span<const std::size_t> choice) const {
        const cell *c = slots_[s].target;
        if (const std::size_t i = owner_[s]; i != npos && !rows_[i].settled) {
            if (choice[i] == npos) return std::nullopt;
            c = &rows_[i].candidates.at(choice[i], s - rows_[i].first);
        }
        if (!c->is_assessable() || !c->arithmetic_value().is_integer()) return std::nullopt;
        const decimal v = c->arithmetic_value();
        std::int64_t units = v.units;
        for (int k = 0; k < v.scale; ++k) units /= 10;
        return units;
    }

    // True, false, or nothing when the identity cannot be evaluated under `choice` (unread or unchosen cells).
    std::optional<bool> holds(const identity &id, std::span<const std::size_t> choice) const {
        __extension__ using wide_sum = __int128;
        wide_sum left = 0, right = 0;  // 22 cells of up to 18 digits cannot overflow it
        for (std::size_t s : id.lhs) {
            auto v = value_of(s, choice);
            if (!v) return std::nullopt;
            left += *v;
        }
        for (std::size_t s : id.rhs) {
            auto v = value_of(s, choice);
            if (!v) return std::nullopt;
            right += *v;
        }
        return left == right;
    }

    // The undecided row that owns slot s, or npos.
    std::size_t unsettled_owner(std::size_t s) const noexcept {
        const std::size_t i = owner_[s];
        return i != npos && !rows_[i].settled ? i : npos;
    }

    indices unsettled_touching(const identity &id) const {
        indices out;
        auto add = [&](std::size_t s) {
            const std::size_t i = unsettled_owner(s);
            if (i != npos && std::find(out.begin(), out.end(), i) == out.end()) out.push_back(i);
        };
        std::for_each(id.lhs.begin(), id.lhs.end(), add);
        std::for_each(id.rhs.begin(), id.rhs.end(), add);
        return out;
    }

    // Keeps the row's candidates under which the identity holds (or cannot be evaluated). When none
    // would remain, the row is contradicted: it keeps the candidates it had and is settled unread.
    // Returns true when the row got settled.
    bool filter(std::size_t index, const identity &id) {
        row_state &row = rows_[index];
        std::vector<std::size_t> &choice = filter_choice_;
        std::vector<bool> &kept = filter_kept_;
        choice.assign(rows_.size(), npos);
        kept = row.alive;
        for (std::size_t k = 0; k < row.candidates.size(); ++k) {
            if (!kept[k]) continue;
            choice[index] = k;
            if (holds(id, choice) == false) kept[k] = false;
        }
        if (std::none_of(kept.begin(), kept.end(), [](bool b) { return b; })) row.contradicted = true;
        else row.alive = kept;
        // OCR readings stay open until every identity has judged them: one is taken only if all hold.
        if (row.contradicted || (row.alive_count() == 1 && !row.from_readings)) {
            finish(row);
            return true;
        }
        return false;
    }

    static bool within(const row_state &row, const identity &id) {
        auto in = [&](std::size_t s) { return row.owns(s); };
        return std::all_of(id.lhs.begin(), id.lhs.end(), in) && std::all_of(id.rhs.begin(), id.rhs.end(), in);
    }

    // First the identities within a printed row (I-3, or I-4 when table 四 is one line): a row they leave
    // with one split is read so, whatever the column identities say — those judge the report afterwards
    // (47-ziranziyuan prints a （七）总计 that I-3 forces and I-2 then flags). Not OCR readings: a printed
    // total may be wrong, so a reading is taken only where every identity holds.
    void settle_within_rows() {
        for (std::size_t i = 0; i < rows_.size(); ++i)
            for (const identity &id : identities_)
                if (!rows_[i].settled && !rows_[i].from_readings && within(rows_[i], id)) filter(i, id);
    }

    // Identities that involve one undecided row only filter that row's candidates; a row left with one
    // candidate is settled, which may leave other identities with one undecided row: repeat.
    void settle_local() {
        for (bool changed = true; changed;) {
            changed = false;
            for (const identity &id : identities_) {
                const auto involved = unsettled_touching(id);
                if (involved.size() == 1 && filter(involved.front(), id)) changed = true;
            }
        }
    }

    // The identities left involve several undecided rows: search their combinations, component by
    // component, and keep each row's candidates that occur in a combination where every identity holds.
    void search_jointly() {
        std::vector<std::size_t> component(rows_.size(), npos);
        std::vector<std::vector<std::size_t>> components;
        for (const identity &id : identities_) {
            const auto involved = unsettled_touching(id);
            if (involved.size() < 2) continue;
            std::size_t target = npos;
            for (std::size_t i : involved)
                if (component[i] != npos) target = component[i];
            if (target == npos) target = components.size(), components.emplace_back();
            for (std::size_t i : involved) {
                if (component[i] == target) continue;
                if (component[i] != npos) {
                    const std::size_t old = component[i];
                    for (std::size_t j : components[old]) component[j] = target, components[target].push_back(j);
                    components[old].clear();
                } else {
                    component[i] = target, components[target].push_back(i);
                }
            }
        }
        for (const auto &members : components)
            if (!members.empty()) search_component(members);
    }

    void search_component(const std::vector<std::size_t> &members) {
        std::vector<const identity *> ids;
        for (const identity &id : identities_) {
            const auto involved = unsettled_touching(id);
            if (std::any_of(involved.begin(), involved.end(),
                            [&](std::size_t i) { return std::find(members.begin(), members.end(), i) != members.end(); }))
                ids.push_back(&id);
        }
        std::vector<std::size_t> choice(rows_.size(), npos);
        std::vector<std::vector<bool>> seen(rows_.size());
        for (std::size_t i : members) seen[i].assign(rows_[i].candidates.size(), false);
        std::size_t steps = 0;
        bool overflow = false;
        auto walk = [&](auto &self, std::size_t depth) -> void {
            if (overflow) return;
            if (++steps > max_search_steps) {
                overflow = true;
                return;
            }
            for (const identity *id : ids)
                if (holds(*id, choice) == false) return;  // nothing when some row is not chosen yet
            if (depth == members.size()) {
                for (std::size_t i : members) seen[i][choice[i]] = true;
                return;
            }
            const std::size_t i = members[depth];
            for (std::size_t k = 0; k < rows_[i].candidates.size(); ++k) {
                if (!rows_[i].alive[k]) continue;
                choice[i] = k;
                self(self, depth + 1);
                choice[i] = npos;
            }
        };
        walk(walk, 0);
        for (std::size_t i : members) {
            row_state &row = rows_[i];
            if (overflow) row.problem = "（候选拆分组合过多，超过搜索上限）";
            else if (std::none_of(seen[i].begin(), seen[i].end(), [](bool b) { return b; })) row.contradicted = true;
            else row.alive = seen[i];
            finish(row);
        }
    }

    // Writes the row's cells: a cell every remaining candidate agrees on is read, the others are
    // unreadable and named by one diagnostic listing the candidates.
    void finish(row_state &row) {
        if (row.settled) return;
        row.settled = true;
        indices remaining;  // candidate numbers
        for (std::size_t k = 0; k < row.candidates.size(); ++k)
            if (row.alive[k]) remaining.push_back(k);
        const bool none = row.contradicted;  // then `remaining` are the splits before the failing identity
        std::optional<diagnostic> d;  // made at the first cell left unread
        for (std::size_t i = 0; i < row.size; ++i) {
            cell &target = *slots_[row.first + i].target;
            // Where separators were printed and no split satisfies the identities, none is a reading.
            // Tokens are joined only where the identities leave exactly one joining. OCR readings: the
            // identities may confirm the engine's best reading (candidate 0), never put another in its place
            // (a report whose own totals are wrong would make a wrong digit fit).
            const bool agreed = !remaining.empty() && row.problem.empty() && !(none && row.separated) &&
                                !(row.joined && remaining.size() != 1) &&
                                std::all_of(remaining.begin(), remaining.end(),
                                            [&](std::size_t k) { return same_reading(row.candidates.at(k, i), row.candidates.at(remaining.front(), i)); }) &&
                                (!row.from_readings || same_reading(row.candidates.at(remaining.front(), i), row.candidates.at(0, i)));
            if (agreed) {
                target = row.candidates.at(remaining.front(), i);
                continue;
            }
            target = cell{cell_kind::unreadable, {}, {}, remaining.empty() ? row.where : row.candidates.at(remaining.front(), i).source};
            if (!d) d = diagnostic{rule::cell_unreadable, severity::error, status::fail, {}, {}, {}, {}, {}, target.source};
            d->cells.push_back(slots_[row.first + i].ref);
        }
        if (row.from_readings && !none && row.problem.empty() && remaining.size() < row.candidates.size()) {
            // Uncertain OCR readings that the identities confirmed: said, with what was taken.
            diagnostic taken{rule::doc_table_layout, info(rule::doc_table_layout).default_severity, status::fail,
                             {}, {}, {}, {}, {}, row.where};
            for (std::size_t i = 0; i < row.size; ++i) {
                const cell &c = *slots_[row.first + i].target;
                if (c.kind == cell_kind::unreadable || readings_agree(row, i)) continue;
                taken.cells.push_back(slots_[row.first + i].ref);
            }
            if (!taken.cells.empty()) {
                taken.source = row.candidates.at(remaining.front(), 0).source;
                taken.text = "OCR读数不确定，经表内勾稽关系确认（唯一满足的读数）：" + describe(row.candidates, remaining.front()) +
                             "（候选" + std::to_string(row.candidates.size()) + "种" +
                             (row.confidences.empty() ? "" : "；" + row.confidences) + "）";
                out_.push_back(std::move(taken));
            }
        }
        if (!d) return;
        if (!row.problem.empty()) d->text = row.problem;
        else {
            d->text = none ? "（没有满足表内勾稽关系的拆分；候选：" : "（候选：";
            for (std::size_t k = 0; k < remaining.size(); ++k) d->text += (k ? "；" : "") + describe(row.candidates, remaining[k]);
            d->text += "）";
        }
        if (!row.confidences.empty()) d->text += "（" + row.confidences + "）";
        out_.push_back(std::move(*d));
    }

    report &r_;
    table_id table_;
    std::vector<diagnostic> &out_;
    std::vector<slot> slots_;
    std::vector<std::uint16_t> index_;  // slot by `key`
    std::vector<std::size_t> owner_;  // printed row by slot
    std::vector<row_state> rows_;
    std::vector<identity> identities_;
    splitter splitter_;                // reused by every glued row
    std::vector<quantity_kind> classes_;  // the column classes of the row being split
    std::vector<std::size_t> filter_choice_;  // `filter`'s buffers, reused by every call
    std::vector<bool> filter_kept_;
};

}  // namespace

void place_rows(report &r, table_id table, std::span<const printed_row> rows, std::vector<diagnostic> &out) {
    placer p(r, table, out);
    p.run(rows);
}

}  // namespace xxgk::read
