// Laid-out text → document. pdftotext -layout places every character on a grid of character cells (one
// cell per character, CJK included: on the sample, `一、本年新收政府信息公开申请数量` (16 characters) and
// 16 spaces put `3001` at the same column as 32 spaces put `447`), so positions here count code points.
// A table is found by its lines of numbers; its columns by the x-ranges of those numbers on each page; its
// labels by their x against the row labels' column: fragments next to a row in the row labels' column
// continue that row's label, fragments left of it are group labels (`（三）不`/`予公开`), single characters
// in the leftmost column one per line are a vertical group label (`三、` `本` `年` …).
#include "layout_reader.hpp"

#include <xxgk/cell.hpp>
#include <xxgk/format.hpp>
#include <xxgk/text.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace xxgk::read {
namespace {

constexpr std::size_t none = std::numeric_limits<std::size_t>::max();

// ---- UTF-8 ------------------------------------------------------------------------------------------

// Throws a read_exception naming page, line and column of the first invalid byte or NUL.
void validate_utf8(std::string_view s) {
    // Text that the strict check passes (and without NUL) passes the loop below: walk it only to name the
    // position of a fault.
    if (!invalid_utf8_at(s) && s.find('\0') == std::string_view::npos) return;
    std::uint32_t page = 1, line = 1, column = 1;
    auto fail = [&](error_code code) {
        throw read_exception(code, {}, {line, column, page, 0, 0, 0});
    };
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b == 0) fail(error_code::nul_byte);
        const std::size_t n = b < 0x80 ? 0 : b >= 0xC2 && b < 0xE0 ? 1 : (b & 0xF0) == 0xE0 ? 2 : b >= 0xF0 && b < 0xF5 ? 3 : 9;
        if (n == 9 || i + n >= s.size()) fail(error_code::invalid_utf8);
        for (std::size_t k = 1; k <= n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) fail(error_code::invalid_utf8);
        if (b == '\f') ++page, line = 1, column = 1;
        else if (b == '\n') ++line, column = 1;
        else ++column;
        i += n + 1;
    }
}

// The columns a character takes in laid-out text: two for the wide ones, and for the quotation marks, the
// em dash and the ellipsis, which Chinese fonts set full width.
bool is_wide_in_layout(char32_t c) {
    return is_wide(c) || (c >= 0x2018 && c <= 0x201D) || c == 0x2014 || c == 0x2026;
}

std::u32string to_u32(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) out += decode_utf8(s, i);
    return out;
}

bool is_ascii_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// ---- Lines and runs ---------------------------------------------------------------------------------

/// Text between two gaps of two or more spaces; x and width in code points.
struct run {
    std::uint32_t x = 0, width = 0;
    std::string_view text;  // into the input, or into the read's layout_store when it held a tab
};

// Copies of arrays of T that never move, in blocks that double in size: an array costs no allocation of
// its own.
template <class T>
class blocks_of {
public:
    // A copy of `items` that lives as long as the blocks.
    std::span<const T> keep(std::span<const T> items) {
        if (items.empty()) return {};
        if (blocks_.empty() || used_ + items.size() > capacity_) {
            capacity_ = std::max(items.size(), blocks_.empty() ? std::size_t{1024} : 2 * capacity_);
            blocks_.push_back(std::make_unique_for_overwrite<T[]>(capacity_));
            used_ = 0;
        }
        T *at = blocks_.back().get() + used_;
        std::copy(items.begin(), items.end(), at);
        used_ += items.size();
        return {at, items.size()};
    }

private:
    std::vector<std::unique_ptr<T[]>> blocks_;
    std::size_t used_ = 0, capacity_ = 0;
};

// What a read's lines and runs view besides the input: the runs of every line (a line's runs contiguous),
// and the texts of runs that held a tab (written with a space) and of lines of several runs (joined): a
// line of two short runs costs their bytes, not a string of its own.
class layout_store {
public:
    // A copy of `runs` that lives as long as the store.
    std::span<const run> keep(std::span<const run> runs) { return runs_.keep(runs); }
    // A copy of `text` that lives as long as the store.
    std::string_view keep(std::string_view text) {
        const std::span<const char> kept = chars_.keep(text);
        return {kept.data(), kept.size()};
    }

private:
    blocks_of<run> runs_;
    blocks_of<char> chars_;
};

struct line {
    std::uint32_t page = 0, number = 0;  // 1-based; `number` within the page
    std::span<const run> runs;           // in the read's layout_store
    std::string_view text;               // the runs, one space apart (a run's own view, or kept in the store)
    std::uint32_t end_width = 0;         // display width up to the last character
    std::size_t first_number = none;     // index of the first run of the trailing numeric runs
    bool heading = false, prose = false, footer = false, header = false;

    bool blank() const { return runs.empty(); }
    bool data() const { return first_number != none; }
    bool strong_data() const { return data() && runs.size() >= 2; }
    std::size_t labels() const { return data() ? first_number : runs.size(); }
};

// `runs` is a buffer kept across lines: the result is kept in the store at its size.
std::span<const run> split_runs(std::string_view text, std::uint32_t &end_width, layout_store &store,
                                std::vector<run> &runs) {
    runs.clear();
    std::uint32_t x = 0, width = 0, spaces = 0;
    end_width = 0;
    run current;
    bool open = false;
    // A run's text is its bytes [begin, end) with a one-column tab between characters written as a space:
    // within a run characters are separated by nothing or by one blank of width 1.
    std::size_t begin = 0, end = 0;
    auto close = [&] {
        current.text = text.substr(begin, end - begin);
        if (current.text.find('\t') != std::string_view::npos) {
            std::string copy(current.text);
            std::replace(copy.begin(), copy.end(), '\t', ' ');
            current.text = store.keep(copy);
        }
        runs.push_back(current);
        current = {};
        open = false;
    };
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        // Laid-out text is mostly ASCII padding: spaces are taken a stretch at a time, and only what is
        // not ASCII is decoded.
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte == ' ' || byte == '\t') {
            std::uint32_t n = 0;
            if (byte == ' ') {
                const std::size_t from = i;
                for (std::uint64_t w; i + 8 <= text.size() && (std::memcpy(&w, text.data() + i, 8), w == 0x2020202020202020u);)
                    i += 8;  // eight spaces at a time
                while (i < text.size() && text[i] == ' ') ++i;
                n = static_cast<std::uint32_t>(i - from);
            } else {
                ++i, n = 8 - x % 8;
            }
            x += n, width += n, spaces += n;
            if (open && spaces >= 2) close();
            continue;
        }
        const char32_t c = byte < 0x80 ? (++i, char32_t{byte}) : decode_utf8(text, i);
        if (!open) current.x = x, open = true, begin = start;
        else if (spaces == 1) ++current.width;
        spaces = 0;
        end = i;
        ++current.width, ++x;
        width += c >= 0x80 && is_wide_in_layout(c) ? 2 : 1;
        end_width = width;
    }
    if (open) close();
    return store.keep(runs);
}

// A run that is a table value: a number (`1,234`, `0.35`, `12件`) or a placeholder (`—`, `/`, `无`).
bool is_value_text(std::string_view t, bool &number) {
    if (t.empty() || t.size() > 64) return false;
    const cell_kind k = read_cell_kind(t);
    number = k == cell_kind::number;
    return number || k == cell_kind::placeholder;
}

bool is_value_text(std::string_view t) {
    bool number = false;
    return is_value_text(t, number);
}

bool is_footer_text(std::string_view t, std::uint32_t page) {
    if (t.size() > 60) return false;
    // Every pattern below needs a digit and begins with a dash, 共, 第 or a digit: test that before any regex.
    static constexpr std::array<std::string_view, 7> openers = {"-", "－", "—", "–", "‐", "共", "第"};
    if (std::none_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        !((t.front() >= '0' && t.front() <= '9') ||
          std::any_of(openers.begin(), openers.end(), [&](std::string_view o) { return t.starts_with(o); })))
        return false;
    // A bare number (the commonest footer; no pattern below matches one) is a page number only when it is
    // this page's number, give or take a cover page.
    if (std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        if (t.size() > 4) return false;
        long n = 0;
        for (char c : t) n = n * 10 + (c - '0');
        return n >= static_cast<long>(page) - 2 && n <= static_cast<long>(page) + 2;
    }
    static const std::regex dashed(R"((-|－|—|–|‐)+ *[0-9]+ *(-|－|—|–|‐)+)");
    // Alternatives, not bracket sets: std::regex matches bytes, and a set would take one byte of `，`.
    static const std::regex nth(R"((共 *[0-9]+ *页 *(,|，)? *)?第 *[0-9]+ *页( *(,|，|/)? *共 *[0-9]+ *页)?)");
    static const std::regex of(R"([0-9]+ *(/|／) *[0-9]+)");
    return std::regex_match(t.begin(), t.end(), dashed) || std::regex_match(t.begin(), t.end(), nth) ||
           std::regex_match(t.begin(), t.end(), of);
}

std::u32string strip_numbering(std::u32string_view t) {
    std::size_t i = 0;
    while (i < t.size() && std::u32string_view(U"一二三四五六七八九十").find(t[i]) != std::u32string_view::npos) ++i;
    if (i == 0 || i >= t.size() || (t[i] != U'、' && t[i] != U'．' && t[i] != U'.')) return {};
    return std::u32string(t.substr(i + 1));
}

// A section heading: a numbered line whose words are mostly those of one of the six official headings
// (so variants like `四、因政府信息公开工作被申请行政复议、提起行政诉讼情况` count, table rows do not).
bool is_heading_text(std::string_view text) {
    // Only a line whose first character is a Chinese numeral, or that ends as headings end (`…情况`,
    // `…事项`: a heading printed without its numeral), can be one: most lines stop here, undecoded.
    const std::size_t first = text.find_first_not_of(' ');
    if (first == std::string_view::npos) return false;
    std::size_t after = first;
    const bool numbered =
        std::u32string_view(U"一二三四五六七八九十").find(decode_utf8(text, after)) != std::u32string_view::npos;
    static constexpr std::array<std::string_view, 4> tails = {"情况", "事项", "措施", "工作"};
    if (!numbered && std::none_of(tails.begin(), tails.end(), [&](std::string_view e) { return text.ends_with(e); }))
        return false;
    static const std::array<std::u32string, enum_count<section>> wants = [] {
        std::array<std::u32string, enum_count<section>> w;
        for (section sc : all_of<section>()) w[index(sc)] = strip_numbering(to_u32(label(sc)));
        return w;
    }();
    std::u32string t;
    for (char32_t c : to_u32(text))
        if (c != U' ') t += c;
    const std::u32string rest = numbered ? strip_numbering(t) : t;
    if (rest.size() < 4 || rest.size() > 40 || rest.back() == U'。') return false;
    for (const std::u32string &want : wants) {
        std::u32string pool = rest;
        std::size_t common = 0;
        for (char32_t c : want)
            if (auto at = pool.find(c); at != std::u32string::npos) ++common, pool.erase(at, 1);
        if (common * 10 >= want.size() * 7 && rest.size() <= want.size() * 2) return true;
    }
    return false;
}

// Whether `s` has at least `n` code points (a line of running text is long): stops counting there.
bool has_code_points(std::string_view s, std::size_t n) {
    if (s.size() < n) return false;
    if (s.size() >= 4 * n) return true;  // a code point is at most four bytes
    return code_points(s) >= n;
}

// Lines and runs view `text` and the store.
std::vector<line> split_lines(std::string_view text, layout_store &store) {
    std::vector<line> lines;
    std::vector<run> scratch;
    std::string joined;  // a line's runs one space apart, before the store keeps them
    std::uint32_t page = 1;
    std::size_t page_start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        i = std::min(text.find('\f', i), text.size());  // the end of the page
        std::string_view p = text.substr(page_start, i - page_start);
        const bool last = i == text.size();
        if (!(last && p.empty() && page > 1)) {
            std::uint32_t number = 0;
            std::size_t from = 0;
            while (from <= p.size()) {
                std::size_t to = p.find('\n', from);
                if (to == std::string_view::npos) to = p.size();
                std::string_view raw = p.substr(from, to - from);
                if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
                line l;
                l.page = page;
                l.number = ++number;
                l.runs = split_runs(raw, l.end_width, store, scratch);
                if (l.runs.size() == 1) {
                    l.text = l.runs.front().text;
                } else if (l.runs.size() > 1) {
                    joined.clear();
                    for (const run &r : l.runs) {
                        if (!joined.empty()) joined += ' ';
                        joined += r.text;
                    }
                    l.text = store.keep(joined);
                }
                if (!(to == p.size() && raw.empty())) lines.push_back(std::move(l));
                from = to + 1;
            }
        }
        page_start = i + 1;
        ++page;
    }
    return lines;
}

// Marks the page footers (and page headers that are page numbers): the last and the first non-blank
// line of every page when it is nothing but a page number.
void mark_footers(std::vector<line> &lines) {
    for (std::size_t i = 0; i < lines.size();) {
        std::size_t j = i;
        while (j < lines.size() && lines[j].page == lines[i].page) ++j;
        std::size_t first = none, last = none;
        for (std::size_t k = i; k < j; ++k)
            if (!lines[k].blank()) {
                if (first == none) first = k;
                last = k;
            }
        for (std::size_t k : {first, last})
            if (k != none && lines[k].text.size() <= 32 && is_footer_text(lines[k].text, lines[k].page))
                lines[k].footer = true;
        i = j;
    }
}

// The width of a full line of running text: the median width of the long single-run lines.
std::uint32_t typical_width(const std::vector<line> &lines) {
    std::vector<std::uint32_t> widths;
    for (const line &l : lines)
        if (l.runs.size() == 1 && !l.data() && has_code_points(l.text, 20)) widths.push_back(l.end_width);
    if (widths.empty()) return 0;
    std::nth_element(widths.begin(), widths.begin() + static_cast<std::ptrdiff_t>(widths.size() / 2), widths.end());
    return widths[widths.size() / 2];
}

// Byte length of a run of the numerals 一…十 at the start of t.
std::size_t numeral_run(std::string_view t) noexcept {
    static constexpr std::array<std::string_view, 10> numerals = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    std::size_t n = 0;
    while (std::any_of(numerals.begin(), numerals.end(), [&](std::string_view d) { return t.substr(n).starts_with(d); }))
        n += 3;
    return n;
}

// Byte length of a run of ASCII digits (or of spaces) at t[i].
std::size_t run_of(std::string_view t, std::size_t i, bool digits) noexcept {
    std::size_t n = i;
    while (n < t.size() && (digits ? t[n] >= '0' && t[n] <= '9' : t[n] == ' ')) ++n;
    return n - i;
}

// `x` opened by `（`/`(` and closed by `）`/`)`, where `run` measures x.
bool bracketed(std::string_view t, std::size_t (*run)(std::string_view)) noexcept {
    for (std::string_view open : {"（", "("})
        if (t.starts_with(open)) {
            const std::size_t n = run(t.substr(open.size()));
            const std::string_view rest = t.substr(open.size() + n);
            return n && (rest.starts_with("）") || rest.starts_with(")"));
        }
    return false;
}

// ` *` + what `digits` accepts + ` *` + `.`/`、`/`．` at the start of t.
bool numbered_item(std::string_view t, bool (*digits)(std::string_view)) noexcept {
    const std::size_t lead = run_of(t, 0, false), n = run_of(t, lead, true);
    if (!n || !digits(t.substr(lead, n))) return false;
    const std::string_view rest = t.substr(lead + n + run_of(t, lead + n, false));
    return rest.starts_with(".") || rest.starts_with("、") || rest.starts_with("．");
}

// `（一）`, `(二)` or `三、` at the start (as the regex `^(（|\()(一|…|十)+(）|\))|^(一|…|十)+、` would).
bool starts_enumerated(std::string_view t) {
    t = t.substr(0, 32);
    const std::size_t n = numeral_run(t);
    return bracketed(t, numeral_run) || (n && t.substr(n).starts_with("、"));
}

// A label's first line: `（二）…`, `三、…`, `2.…`, `3、…`, `（4）…`.
bool starts_label(std::string_view t) {
    t = t.substr(0, 32);
    return starts_enumerated(t) || numbered_item(t, [](std::string_view) { return true; }) ||
           bracketed(t, [](std::string_view x) { return run_of(x, 0, true); });
}

// `1.`, ` 1 、` …: the first item of a list.
bool starts_first_item(std::string_view t) {
    t = t.substr(0, 16);
    return numbered_item(t, [](std::string_view digits) { return digits == "1"; });
}

// Narrow columns may be set one space apart (`3001 53 0 0 61 4 3119`): a run made only of values becomes
// one run per value. A label followed by one space and a number stays whole (prose ends like that too).
void split_value_runs(line &l, layout_store &store, std::vector<run> &out) {
    const auto splits = [](const run &r) { return r.text.find(' ') != std::string_view::npos && r.text.size() <= 4096; };
    if (std::none_of(l.runs.begin(), l.runs.end(), splits)) return;
    out.clear();
    bool changed = false;
    for (const run &r : l.runs) {
        if (!splits(r)) {
            out.push_back(r);
            continue;
        }
        const std::size_t before = out.size();
        std::uint32_t x = r.x;
        bool values = true;
        for (std::size_t from = 0; values && from <= r.text.size();) {
            std::size_t to = std::min(r.text.find(' ', from), r.text.size());
            const std::string_view token = r.text.substr(from, to - from);
            const auto width = static_cast<std::uint32_t>(code_points(token));
            values = is_value_text(token);
            out.push_back(run{x, width, token});
            x += width + 1;
            from = to + 1;
        }
        if (values) {
            changed = true;
        } else {
            out.resize(before);
            out.push_back(r);
        }
    }
    if (changed) l.runs = store.keep(out);
}

// Cells of neighbouring columns that pdftotext set only one space apart come out as one run. Two such runs
// are split: a short group label before a label that opens with its enumerator (`（三）不 1.属于国家秘密`,
// `理结果 （二）部分公开…`), and a label before a number when value runs follow on the line
// (`政机关不再处理其政府信息公开申 315   3   0 …`). Running text keeps its runs: it has no value runs after it,
// and its words before an enumerator are more than a few.
void split_glued_cells(line &l, layout_store &store, std::vector<run> &out) {
    if (std::none_of(l.runs.begin(), l.runs.end(), [](const run &r) { return r.text.find(' ') != std::string_view::npos; }))
        return;
    out.clear();
    bool changed = false;
    for (std::size_t k = 0; k < l.runs.size(); ++k) {
        const run &r = l.runs[k];
        const std::size_t space = r.text.find(' ');
        // Cheap tests first: running text is one long run with spaces and nothing after it.
        const bool short_head = space <= 6 * 4, value_follows = k + 1 < l.runs.size() && is_value_text(l.runs[k + 1].text);
        if (space == std::string_view::npos || r.text.size() > 512 || !(short_head || value_follows) || is_value_text(r.text)) {
            out.push_back(r);
            continue;
        }
        const std::string_view head = r.text.substr(0, space), rest = r.text.substr(space + 1);
        const std::size_t last = r.text.rfind(' ');
        const std::string_view before_last = r.text.substr(0, last), tail = r.text.substr(last + 1);
        const auto head_width = static_cast<std::uint32_t>(code_points(head));
        if (short_head && code_points(head) <= 6 && std::none_of(head.begin(), head.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
            starts_label(rest) && !is_value_text(rest)) {
            out.push_back(run{r.x, head_width, head});
            out.push_back(run{r.x + head_width + 1, r.width - head_width - 1, rest});
            changed = true;
        } else if (value_follows && is_value_text(tail) &&
                   !is_value_text(before_last)) {
            const auto width = static_cast<std::uint32_t>(code_points(before_last));
            out.push_back(run{r.x, width, before_last});
            out.push_back(run{r.x + width + 1, r.width - width - 1, tail});
            changed = true;
        } else {
            out.push_back(r);
        }
    }
    if (changed) l.runs = store.keep(out);
}

// Marks each line's trailing values, headings and prose; returns the width of a full line of running text.
std::uint32_t classify(std::vector<line> &lines, layout_store &store) {
    std::vector<run> scratch;
    for (line &l : lines) {
        if (l.footer) {
            l.runs = {};
            continue;
        }
        split_value_runs(l, store, scratch);
        split_glued_cells(l, store, scratch);
        // The trailing value runs make a line of data when one is a number, or they follow a label, or are two.
        std::size_t k = l.runs.size(), numbers = 0;
        for (bool number = false; k > 0 && is_value_text(l.runs[k - 1].text, number); --k) numbers += number;
        if (k < l.runs.size() && (numbers > 0 || k > 0 || l.runs.size() - k >= 2)) l.first_number = k;
    }
    const std::uint32_t widest = typical_width(lines);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        line &l = lines[i];
        if (l.runs.size() != 1 || l.data()) continue;
        l.heading = is_heading_text(l.text);
        if (l.heading) continue;
        auto long_single = [&](std::size_t k) {
            return k < lines.size() && lines[k].runs.size() == 1 && !lines[k].data() &&
                   lines[k].end_width * 10 >= widest * 7 && has_code_points(lines[k].text, 20);
        };
        l.prose = long_single(i) && (l.text.ends_with("。") || (i > 0 && long_single(i - 1)) || long_single(i + 1));
    }
    return widest;
}

// ---- Values wrapped inside their cell ---------------------------------------------------------------

// A number too wide for its cell wraps inside it (`1361` over `2` for 13612). pdftotext sets the cell's
// lines around the row's own line, where the row's other values and its label stand (`1361` on the line
// above, `2` on the line below), or one line off (a total printed half a line higher than the row). So a
// line of nothing but values next to a labelled row gives the row its pieces:
// - pieces above and below the row in one column are one value (the row's own piece between them, when it
//   has one, is its middle): `1361` + `2` → `13612`;
// - a piece on one side only, in a column where the row has no value, is that value when no other row
//   could take it (`318` half a line above its row);
// - a piece on one side only in a column where the row has a value (a wrap whose other line is the row's
//   own), or next to two rows, is not decided here: the row's cell gets both pieces (`307` and `5`), so the
//   mapper sees more values than cells and leaves the row unread with what was printed; a number is never
//   read from its first line alone.
// A line with as many values as the row is a row of its own and is left alone.
void join_wrapped_values(std::vector<line> &lines, layout_store &store) {
    const auto overlaps = [](const run &a, const run &b) { return a.x < b.x + b.width && b.x < a.x + a.width; };
    const auto values_of = [&](std::size_t i) { return lines[i].runs.subspan(lines[i].first_number); };
    // A line of pieces: values only, or a labelled line with fewer values than a labelled line right above
    // or below it when the two are not two labels' first lines (`4.无正当理由大量反复申  10 …  10` over
    // `请  0  1 …  1`: the values of one row's cell lines).
    const auto value_only = [&](std::size_t i) {
        if (i >= lines.size() || !lines[i].data()) return false;
        if (lines[i].first_number == 0) return true;
        const bool opens = starts_label(lines[i].runs.front().text);
        for (const std::size_t n : {i - 1, i + 1})
            if (n < lines.size() && lines[n].page == lines[i].page && lines[n].data() && lines[n].first_number > 0 &&
                values_of(i).size() < values_of(n).size() && !(opens && starts_label(lines[n].runs.front().text)))
                return true;
        return false;
    };
    // A labelled row that a piece on line `v` may belong to: on the same page, and the piece right of its labels.
    const auto row_for = [&](std::size_t i, std::size_t v, const run &piece) {
        if (i >= lines.size() || lines[i].page != lines[v].page || !lines[i].data() || lines[i].first_number == 0) return false;
        const run &label = lines[i].runs[lines[i].first_number - 1];
        if (piece.x < label.x + label.width) return false;
        // A line with as many values as the row, in the row's columns, is a row of its own.
        if (values_of(v).size() < values_of(i).size()) return true;
        for (const run &a : values_of(v))
            for (const run &b : values_of(i))
                if (overlaps(a, b)) return false;
        return true;
    };
    const auto in_column = [&](std::size_t i, const run &piece) -> std::optional<std::size_t> {
        const auto vs = values_of(i);
        for (std::size_t k = 0; k < vs.size(); ++k)
            if (overlaps(vs[k], piece)) return k;
        return std::nullopt;
    };
    // What each row gains: a piece on one side (`bottom` empty), or the pieces above and below it.
    struct gain {
        run top;
        std::optional<run> bottom;
        bool doubtful = false, above = false;
    };
    std::map<std::size_t, std::vector<gain>> gains;
    std::set<std::pair<std::size_t, std::uint32_t>> used;  // (line, x) of pieces given away
    for (std::size_t v = 0; v < lines.size(); ++v) {
        if (!value_only(v)) continue;
        for (const run &piece : values_of(v)) {
            if (used.contains({v, piece.x})) continue;
            std::vector<std::size_t> rows;
            for (std::size_t i : {v - 1, v + 1})
                if (row_for(i, v, piece)) rows.push_back(i);
            if (rows.empty()) continue;
            std::size_t sandwiches = 0, row = none, other_line = none;
            run other{};
            for (std::size_t i : rows) {
                const std::size_t facing = 2 * i - v;
                if (!value_only(facing) || lines[facing].page != lines[i].page) continue;
                for (const run &q : values_of(facing))
                    if (overlaps(q, piece) && !used.contains({facing, q.x})) ++sandwiches, row = i, other_line = facing, other = q;
            }
            used.insert({v, piece.x});
            // Pieces above and below one row are its value unless the line beyond either piece holds a value
            // in the same column: then the piece may end the row above or start the row below instead.
            const auto beyond_taken = [&](std::size_t piece_line, bool upward, const run &p) {
                if (upward ? piece_line == 0 : piece_line + 1 >= lines.size()) return false;
                const std::size_t next = upward ? piece_line - 1 : piece_line + 1;
                if (lines[next].page != lines[piece_line].page || !lines[next].data()) return false;
                for (const run &q : values_of(next))
                    if (overlaps(q, p)) return true;
                return false;
            };
            if (sandwiches == 1) {
                const std::size_t top_line = std::min(v, other_line), bottom_line = std::max(v, other_line);
                const run &top = v < row ? piece : other, &bottom = v < row ? other : piece;
                if (beyond_taken(top_line, true, top) || beyond_taken(bottom_line, false, bottom)) sandwiches = 2;
            }
            if (sandwiches == 1) {
                used.insert({other_line, other.x});
                const bool above = v < row;
                gains[row].push_back(gain{above ? piece : other, above ? other : piece, false, true});
                continue;
            }
            const bool doubtful = sandwiches > 1 || rows.size() > 1 || in_column(rows.front(), piece).has_value();
            for (std::size_t i : rows) gains[i].push_back(gain{piece, std::nullopt, doubtful, v < i});
        }
    }
    if (gains.empty()) return;
    // The pieces leave their lines.
    std::map<std::size_t, std::vector<run>> kept;
    for (const auto &[line_index, x] : used) kept.try_emplace(line_index);
    for (auto &[i, runs] : kept)
        for (const run &r : lines[i].runs)
            if (!used.contains({i, r.x})) runs.push_back(r);
    for (auto &[i, list] : gains) {
        std::vector<run> runs(lines[i].runs.begin(), lines[i].runs.end());
        for (const gain &g : list) {
            std::string text;
            const auto own = std::find_if(runs.begin() + static_cast<std::ptrdiff_t>(lines[i].first_number), runs.end(),
                                          [&](const run &r) { return overlaps(r, g.top); });
            run joined = g.top;
            const std::string own_text = own != runs.end() ? std::string(own->text) : std::string();
            if (g.bottom) {
                // Top, the row's own middle line (if any), bottom: the digits of one number.
                text = std::string(g.top.text) + own_text + std::string(g.bottom->text);
            } else if (g.doubtful) {
                // Both readings printed: the mapper counts more values than cells and leaves the row unread.
                text = own == runs.end() ? "?" : g.above ? std::string(g.top.text) + "\n" + own_text
                                                         : own_text + "\n" + std::string(g.top.text);
            } else {
                text = g.top.text;
            }
            joined.text = store.keep(text);
            joined.width = static_cast<std::uint32_t>(code_points(text));
            if (own != runs.end()) {
                joined.x = std::min(own->x, g.top.x);
                *own = joined;
            } else {
                runs.insert(std::upper_bound(runs.begin() + static_cast<std::ptrdiff_t>(lines[i].first_number), runs.end(),
                                             joined, [](const run &a, const run &b) { return a.x < b.x; }),
                            joined);
            }
        }
        lines[i].runs = store.keep(runs);
    }
    for (auto &[i, runs] : kept) {
        lines[i].runs = store.keep(runs);
        if (runs.size() <= lines[i].first_number) lines[i].first_number = none;  // no value left
        if (runs.empty()) lines[i].text = {};
    }
}

// ---- Tables ----------------------------------------------------------------------------------------

struct fragment {
    std::size_t line = none;
    run r;
};

struct column_span {
    std::uint32_t from = 0, to = 0;  // [from, to) in code points
};

struct band {
    std::span<const std::size_t> rows;  // data line indices (in the table builder's `band_lines_`)
    std::vector<column_span> spans;  // one per numeric column
    std::uint32_t label_end = 0;     // right end of the widest label run
};

struct data_row {
    std::size_t line = none;
    std::size_t band = none;
    std::vector<fragment> label;     // in line order
    long rx = -1;                    // x of the row label's column, -1 when the row has none
};

struct group {
    std::vector<fragment> parts;
    std::size_t first_row = none, rows = 0;
};

text_cell make_cell(const std::vector<fragment> &parts, const std::vector<line> &lines) {
    text_cell c;
    std::size_t size = 0;
    for (const fragment &f : parts) size += f.r.text.size() + 1;
    c.text.reserve(size);
    for (const fragment &f : parts) {
        if (!c.text.empty()) c.text += '\n';
        c.text += f.r.text;
    }
    if (!parts.empty()) c.pos = {lines[parts.front().line].number, parts.front().r.x + 1, lines[parts.front().line].page, 0, 0, 0};
    return c;
}

text_cell make_cell(const run &r, const line &l) {
    return text_cell{std::string(r.text), {l.number, r.x + 1, l.page, 0, 0, 0}};
}

// Whether `lower` continues the header cell `upper` printed on the line above (`商业企`/`业`,
// `…之和，`/`等于…`) rather than starting a cell of its own (a caption above `信息内容`).
bool continues(std::string_view upper, std::string_view lower) {
    static constexpr std::array<std::string_view, 6> open_ends = {"，", "、", "（", "(", "—", "-"};
    return std::any_of(open_ends.begin(), open_ends.end(), [&](std::string_view e) { return upper.ends_with(e); }) ||
           code_points(lower) <= 2 || code_points(upper) <= 4;
}

// Index of the column whose extent (up to the midpoints between neighbours) holds `center`; 0 is the
// label column, 1… the numeric columns.
std::size_t column_of(double center, const band &b) {
    double left = b.label_end > 0 ? (b.label_end + b.spans.front().from) / 2.0 : b.spans.front().from - 1.0;
    if (center < left) return 0;
    for (std::size_t k = 0; k + 1 < b.spans.size(); ++k)
        if (center < (b.spans[k].to + b.spans[k + 1].from) / 2.0) return k + 1;
    return b.spans.size();
}

class table_builder {
public:
    table_builder(const std::vector<line> &lines, std::size_t first, std::size_t last)
        : lines_(lines), first_(first), last_(last) {}

    table_block build() {
        mark_headers();
        make_bands();
        collect_labels();
        find_verticals();
        assign_fragments();
        make_groups();
        return assemble();
    }

private:
    const std::vector<line> &lines_;
    std::size_t first_, last_;
    std::vector<bool> header_;
    std::vector<band> bands_;
    std::vector<std::size_t> band_lines_;                    // the bands' data lines, band after band
    std::vector<data_row> rows_;
    std::vector<std::size_t> row_of_line_;                  // by line − first_: the data line's row (else 0)
    std::vector<fragment> loose_;                           // non-data fragments
    std::vector<std::vector<fragment>> verticals_;
    std::vector<fragment> header_material_;
    std::vector<group> groups_;

    std::set<std::pair<std::size_t, std::uint32_t>> vertical_at_;  // (line, x) of vertical label characters

    bool in_vertical(std::size_t line, std::uint32_t x) const { return vertical_at_.contains({line, x}); }
    // The row of a data line of the region (0 for any other line).
    std::size_t row_at(std::size_t line) const {
        return line >= first_ && line - first_ < row_of_line_.size() ? row_of_line_[line - first_] : 0;
    }

    // The first row at or after `line` (rows are in line order).
    std::size_t row_from(std::size_t line) const {
        return static_cast<std::size_t>(std::lower_bound(rows_.begin(), rows_.end(), line,
                                                         [](const data_row &r, std::size_t l) { return r.line < l; }) -
                                        rows_.begin());
    }

    // The leftmost number of a strong data line, or none.
    std::optional<std::uint32_t> number_x(std::size_t i) const {
        const line &l = lines_[i];
        if (!l.strong_data()) return std::nullopt;
        std::uint32_t x = std::numeric_limits<std::uint32_t>::max();
        for (std::size_t k = l.first_number; k < l.runs.size(); ++k) x = std::min(x, l.runs[k].x);
        return x;
    }

    // Header lines: a run in the numbers' columns, or a row of header cells reaching into them
    // (`信息内容  本年处理决定数量`). The numbers' columns are those of the data lines next to the line on
    // its page (two tables of one page need not share them).
    void mark_headers() {
        header_.assign(last_ - first_ + 1, false);
        std::vector<std::optional<std::uint32_t>> before(last_ - first_ + 1), after(last_ - first_ + 1);
        for (std::size_t i = first_; i <= last_; ++i) {
            const auto own = number_x(i);
            before[i - first_] = own ? own : i > first_ && lines_[i - 1].page == lines_[i].page ? before[i - 1 - first_] : std::nullopt;
        }
        for (std::size_t i = last_ + 1; i-- > first_;) {
            const auto own = number_x(i);
            after[i - first_] = own ? own : i < last_ && lines_[i + 1].page == lines_[i].page ? after[i + 1 - first_] : std::nullopt;
        }
        for (std::size_t i = first_; i <= last_; ++i) {
            const line &l = lines_[i];
            if (l.blank() || l.data()) continue;
            const auto &a = before[i - first_], &b = after[i - first_];
            if (!a && !b) {
                header_[i - first_] = l.runs.size() >= 2;
                continue;
            }
            const std::uint32_t nx = std::min(a.value_or(std::numeric_limits<std::uint32_t>::max()), b.value_or(std::numeric_limits<std::uint32_t>::max()));
            bool h = false;
            for (const run &r : l.runs) h = h || r.x + 1 >= nx || (l.runs.size() >= 2 && r.x + r.width >= nx);
            header_[i - first_] = h;
        }
    }

    bool header_between(std::size_t a, std::size_t b) const {
        for (std::size_t i = std::min(a, b) + 1; i < std::max(a, b); ++i)
            if (header_[i - first_]) return true;
        return false;
    }

    void make_bands() {
        std::size_t previous = none;
        std::vector<std::size_t> starts;  // each band's first row in band_lines_
        for (std::size_t i = first_; i <= last_; ++i) {
            if (!lines_[i].data()) continue;
            if (previous == none || lines_[i].page != lines_[previous].page || header_between(previous, i)) {
                bands_.emplace_back();
                starts.push_back(band_lines_.size());
            }
            band_lines_.push_back(i);
            previous = i;
        }
        for (std::size_t k = 0; k < bands_.size(); ++k)
            bands_[k].rows = std::span(band_lines_).subspan(starts[k], (k + 1 < starts.size() ? starts[k + 1] : band_lines_.size()) - starts[k]);
        for (band &b : bands_) {
            std::size_t n = 0;
            for (std::size_t i : b.rows) n = std::max(n, lines_[i].runs.size() - lines_[i].first_number);
            b.spans.assign(n, column_span{std::numeric_limits<std::uint32_t>::max(), 0});
            for (std::size_t i : b.rows) {
                const line &l = lines_[i];
                if (l.runs.size() - l.first_number != n) continue;
                for (std::size_t k = 0; k < n; ++k) {
                    const run &r = l.runs[l.first_number + k];
                    b.spans[k].from = std::min(b.spans[k].from, r.x);
                    b.spans[k].to = std::max(b.spans[k].to, r.x + r.width);
                }
            }
        }
    }

    void collect_labels() {
        row_of_line_.assign(last_ - first_ + 1, 0);
        for (std::size_t bi = 0; bi < bands_.size(); ++bi)
            for (std::size_t i : bands_[bi].rows) {
                row_of_line_[i - first_] = rows_.size();
                rows_.push_back(data_row{i, bi, {}, -1});
            }
        for (std::size_t i = first_; i <= last_; ++i) {
            if (header_[i - first_]) continue;
            const line &l = lines_[i];
            for (std::size_t k = 0; k < l.labels(); ++k) loose_.push_back(fragment{i, l.runs[k]});
        }
    }

    // Single characters (or `三、`) in the leftmost column, one per line, three or more in a row.
    void find_verticals() {
        std::map<std::uint32_t, std::uint32_t> left;  // page → leftmost label x
        for (const fragment &f : loose_) {
            auto [it, fresh] = left.try_emplace(lines_[f.line].page, f.r.x);
            if (!fresh) it->second = std::min(it->second, f.r.x);
        }
        std::vector<fragment> run_of;
        auto flush = [&] {
            if (run_of.size() >= 3) {
                for (const fragment &f : run_of) vertical_at_.emplace(f.line, f.r.x);
                verticals_.push_back(run_of);
            }
            run_of.clear();
        };
        for (const fragment &f : loose_) {
            if (f.line < first_data()) continue;
            const bool candidate = f.r.width <= 2 && f.r.text.find(' ') == std::string::npos &&
                                   f.r.x <= left[lines_[f.line].page] + 1 && !is_value_text(f.r.text);
            if (!candidate) continue;
            if (!run_of.empty() && f.line - run_of.back().line > 3) flush();
            run_of.push_back(f);
        }
        flush();
        std::vector<fragment> rest;
        for (const fragment &f : loose_)
            if (!in_vertical(f.line, f.r.x)) rest.push_back(f);
        loose_ = std::move(rest);
    }

    bool all_blank_between(std::size_t a, std::size_t b) const {
        for (std::size_t i = a + 1; i < b; ++i)
            if (!lines_[i].blank()) return false;
        return true;
    }

    std::size_t first_data() const { return rows_.empty() ? last_ + 1 : rows_.front().line; }

    std::size_t next_nonblank(std::size_t i) const {
        for (++i; i <= last_; ++i)
            if (!lines_[i].blank()) return i;
        return none;
    }

    // Label runs on data lines go to their row (the rightmost one) or become group fragments; fragments on
    // other lines continue the label of the nearest row beside them in its label column, are captions
    // and headers (before a header line or before the band), or else group fragments.
    void assign_fragments() {
        std::vector<fragment> groupish;
        for (const fragment &f : loose_) {
            const line &l = lines_[f.line];
            if (!l.data()) continue;
            data_row &row = rows_[row_at(f.line)];
            const run &rightmost = l.runs[l.first_number - 1];
            if (f.r.x == rightmost.x && !in_vertical(f.line, f.r.x)) {
                row.label.push_back(f);
                row.rx = f.r.x;
            }
        }
        std::set<std::size_t> openers;  // lines without numbers whose text opens a label
        for (const fragment &f : loose_)
            if (!lines_[f.line].data() && starts_label(f.r.text)) openers.insert(f.line);
        // On a line of several label fragments without numbers only the rightmost can be a row's label;
        // those left of it are group labels (`（三）不  1.属于国家秘密`, `理结果  （二）部分公开…`).
        std::map<std::size_t, const fragment *> rightmost;
        for (const fragment &f : loose_)
            if (!lines_[f.line].data()) {
                auto [it, fresh] = rightmost.try_emplace(f.line, &f);
                if (!fresh && it->second->r.x < f.r.x) it->second = &f;
            }
        // A row printed without a label on its own line takes its label column from the label that opens
        // on the line or two above it, so that group fragments beside it are not taken into its label.
        std::vector<long> expected_x(rows_.size(), -1);
        for (std::size_t ri = 0; ri < rows_.size(); ++ri) {
            if (rows_[ri].rx >= 0) continue;
            for (std::size_t up = rows_[ri].line; up-- > first_ && rows_[ri].line - up <= 2 && !lines_[up].data();)
                if (auto it = rightmost.find(up); it != rightmost.end()) {
                    if (starts_label(it->second->r.text)) expected_x[ri] = it->second->r.x;
                    break;
                }
        }
        for (const fragment &f : loose_) {
            const line &l = lines_[f.line];
            if (l.data()) {
                if (rows_[row_at(f.line)].label.empty() || rows_[row_at(f.line)].label.front().r.x != f.r.x)
                    groupish.push_back(f);
                continue;
            }
            if (rightmost.at(f.line)->r.x != f.r.x && !header_[f.line - first_] &&
                !(next_nonblank(f.line) != none && header_[next_nonblank(f.line) - first_]) && f.line > first_data()) {
                groupish.push_back(f);
                continue;
            }
            const std::size_t after = next_nonblank(f.line);
            if (after != none && header_[after - first_]) {
                header_material_.push_back(f);
                continue;
            }
            std::size_t best = none, best_distance = 4;
            bool best_unlabelled = false;
            // A fragment that opens a label (`（二）…`, `5.…`) cannot continue the row above it.
            const bool opens = starts_label(f.r.text);
            const std::size_t near = row_from(opens ? f.line : f.line >= 3 ? f.line - 3 : 0);
            for (std::size_t ri = near; ri < rows_.size() && rows_[ri].line <= f.line + 3; ++ri) {
                const data_row &row = rows_[ri];
                const std::size_t distance = row.line > f.line ? row.line - f.line : f.line - row.line;
                if (distance >= 4 || header_between(row.line, f.line)) continue;
                // Never across another row, nor across a line that opens another label.
                const std::size_t lo = std::min(row.line, f.line), hi = std::max(row.line, f.line);
                if (row_from(hi) > row_from(lo + 1)) continue;
                if (auto o = openers.upper_bound(lo); o != openers.end() && *o < hi) continue;
                const long rx = row.rx >= 0 ? row.rx : expected_x[ri];
                const bool unlabelled = rx < 0;
                if (!unlabelled && std::abs(rx - static_cast<long>(f.r.x)) > 2) continue;
                // Below its row across a blank line only a line that starts where the label starts continues
                // it (`规章` and, centred under it, a blank row's `行政规范性文件` are two labels).
                if (f.line > row.line + 1 && rx != static_cast<long>(f.r.x) && all_blank_between(row.line, f.line)) continue;
                // Two label openings are two labels: `（三）不予公开` on its own line above `1.属于…`.
                if (opens && !row.label.empty() && row.line > f.line && starts_label(row.label.front().r.text)) continue;
                if (distance < best_distance || (distance == best_distance && unlabelled && !best_unlabelled)) {
                    best = row_at(row.line), best_distance = distance, best_unlabelled = unlabelled;
                }
            }
            if (best != none) {
                pending_[best].push_back(f);
            } else if (f.line < first_data() || bands_first_after(f.line)) {
                header_material_.push_back(f);
            } else {
                groupish.push_back(f);
            }
        }
        for (auto &[index, parts] : pending_) {
            data_row &row = rows_[index];
            for (const fragment &f : parts) row.label.push_back(f);
            std::sort(row.label.begin(), row.label.end(), [](const fragment &a, const fragment &b) {
                return a.line != b.line ? a.line < b.line : a.r.x < b.r.x;
            });
            long x = std::numeric_limits<long>::max();
            for (const fragment &f : row.label) x = std::min(x, static_cast<long>(f.r.x));
            row.rx = x;
        }
        group_fragments_ = std::move(groupish);
        std::sort(group_fragments_.begin(), group_fragments_.end(),
                  [](const fragment &a, const fragment &b) { return a.line < b.line; });
    }

    // True when the fragment lies in the gap before a band that is not the first (a sub-table's header).
    bool bands_first_after(std::size_t line) const {
        const auto next = std::upper_bound(bands_.begin(), bands_.end(), line,
                                           [](std::size_t l, const band &b) { return l < b.rows.front(); });
        if (next == bands_.begin() || next == bands_.end()) return false;
        const std::size_t before = std::prev(next)->rows.back(), start = next->rows.front();
        return line > before && header_between(before, start);
    }

    std::map<std::size_t, std::vector<fragment>> pending_;
    std::vector<fragment> group_fragments_;

    void make_groups() {
        for (const fragment &f : group_fragments_) {
            bool fresh = groups_.empty() || starts_enumerated(f.r.text);
            if (!fresh) {
                const fragment &previous = groups_.back().parts.back();
                fresh = std::abs(static_cast<long>(previous.r.x) - static_cast<long>(f.r.x)) > 2;
                for (std::size_t ri = row_from(previous.line + 1); !fresh && ri < rows_.size() && rows_[ri].line < f.line; ++ri)
                    fresh = rows_[ri].rx >= 0 && rows_[ri].rx <= static_cast<long>(f.r.x) + 2;
            }
            if (fresh) groups_.emplace_back();
            groups_.back().parts.push_back(f);
        }
        // Blocks of rows under a group: consecutive rows labelled right of the group's column, split where
        // the numbering starts again at 1; each group takes the block nearest to its lines.
        std::vector<bool> taken(rows_.size(), false);
        for (group &g : groups_) {
            const long gx = static_cast<long>(g.parts.front().r.x);
            const std::size_t top = g.parts.front().line, bottom = g.parts.back().line;
            std::size_t best = none, best_size = 0, best_distance = none;
            // Only blocks near the group's lines can be its own; the window keeps huge inputs linear.
            const std::size_t around = row_from(top);
            const std::size_t window_end = std::min(rows_.size(), around + 64);
            for (std::size_t r = around > 64 ? around - 64 : 0; r < window_end;) {
                if (taken[r] || rows_[r].rx <= gx + 2) {
                    ++r;
                    continue;
                }
                std::size_t e = r + 1;
                while (e < window_end && !taken[e] && rows_[e].rx > gx + 2 &&
                       !(rows_[e].label.size() && starts_first_item(rows_[e].label.front().r.text)))
                    ++e;
                const std::size_t lo = rows_[r].line, hi = rows_[e - 1].line;
                const std::size_t distance = hi < top ? top - hi : lo > bottom ? lo - bottom : 0;
                if (distance < best_distance) best = r, best_size = e - r, best_distance = distance;
                r = e;
            }
            if (best == none) continue;
            g.first_row = best, g.rows = best_size;
            for (std::size_t r = best; r < best + best_size; ++r) taken[r] = true;
        }
    }

    std::vector<text_row> header_rows(const band &b, const std::vector<fragment> &material) {
        // Stack the fragments of each column (lines at most two apart), then emit rows from the top level
        // down to the leaf level nearest the numbers.
        std::map<std::size_t, std::vector<std::vector<fragment>>> stacks;
        // A line with exactly one header per numeric column names them in order, whatever their x.
        // So does a line with one more: the label column's header first (`信息内容  本年制发件数 …`).
        // By line (from the first line of the material): its runs right of the label column, all its runs.
        std::size_t low = none, high = 0;
        for (const fragment &f : material) low = std::min(low, f.line), high = std::max(high, f.line);
        std::vector<std::size_t> in_columns(material.empty() ? 0 : high - low + 1), in_line(in_columns.size());
        for (const fragment &f : material) {
            ++in_line[f.line - low];
            if (column_of(f.r.x + f.r.width / 2.0, b) > 0) ++in_columns[f.line - low];
        }
        std::size_t ordinal = 0, ordinal_line = none;
        for (const fragment &f : material) {
            std::size_t c = column_of(f.r.x + f.r.width / 2.0, b);
            const bool all = in_line[f.line - low] == b.spans.size() + 1;
            if ((c > 0 && in_columns[f.line - low] == b.spans.size()) || all) {
                if (ordinal_line != f.line) ordinal = 0, ordinal_line = f.line;
                c = all ? ordinal++ : ++ordinal;
            }
            auto &column = stacks[c];
            if (column.empty() || f.line - column.back().back().line > 2 || !continues(column.back().back().r.text, f.r.text))
                column.emplace_back();
            column.back().push_back(f);
        }
        std::size_t levels = 0;
        for (auto &[c, column] : stacks) levels = std::max(levels, column.size());
        std::vector<text_row> out;
        for (std::size_t level = levels; level-- > 0;) {
            text_row row;
            row.cells.reserve(b.spans.size() + 1);
            for (std::size_t c = 0; c <= b.spans.size(); ++c) {
                auto it = stacks.find(c);
                if (it != stacks.end() && it->second.size() > level) {
                    const auto &stack = it->second[it->second.size() - 1 - level];
                    row.cells.push_back(make_cell(stack, lines_));
                } else {
                    row.cells.emplace_back();
                }
            }
            while (!row.cells.empty() && row.cells.back().text.empty()) row.cells.pop_back();
            if (!row.cells.empty()) out.push_back(std::move(row));
        }
        return out;
    }

    text_row data_cells(const data_row &row) {
        const band &b = bands_[row.band];
        const line &l = lines_[row.line];
        text_row out;
        const std::size_t n = l.runs.size() - l.first_number;
        const auto vertical = vertical_cells_.find(row_at(row.line));
        const auto grouped = group_cells_.find(row_at(row.line));
        // Exactly the row's cells (its vertical label, group, label and values; no more than the band's
        // columns of values): a row of a few short numbers is mostly its cells.
        out.cells.reserve((vertical != vertical_cells_.end()) + (grouped != group_cells_.end()) + !row.label.empty() +
                          std::max(n, b.spans.size()));
        if (vertical != vertical_cells_.end()) out.cells.push_back(vertical->second);
        if (grouped != group_cells_.end()) out.cells.push_back(grouped->second);
        if (!row.label.empty()) out.cells.push_back(make_cell(row.label, lines_));
        std::vector<std::optional<text_cell>> cells(b.spans.size());
        if (n == b.spans.size()) {
            for (std::size_t k = 0; k < n; ++k) cells[k] = make_cell(l.runs[l.first_number + k], l);
        } else {
            // A value wider than one column holds the digits of several (glued): the row goes to the mapper
            // as printed, fewer tokens than cells, for place_rows to split; no blank is invented.
            for (std::size_t k = 0; k < n; ++k) {
                const run &r = l.runs[l.first_number + k];
                std::size_t overlapped = 0;
                for (const column_span &span : b.spans) overlapped += r.x < span.to && span.from < r.x + r.width;
                if (overlapped >= 2) {
                    for (std::size_t j = 0; j < n; ++j) out.cells.push_back(make_cell(l.runs[l.first_number + j], l));
                    return out;
                }
            }
            // Fewer numbers than columns: place each by its x, in order; blank cells stay empty.
            std::size_t next = 0;
            for (std::size_t k = 0; k < n; ++k) {
                const run &r = l.runs[l.first_number + k];
                const std::size_t at = column_of(r.x + r.width / 2.0, b);
                std::size_t c = std::max(next, at == 0 ? 0 : at - 1);
                c = std::min(c, b.spans.size() - (n - k));
                cells[c] = make_cell(r, l);
                next = c + 1;
            }
        }
        for (std::size_t k = 0; k < cells.size(); ++k) {
            if (cells[k]) {
                out.cells.push_back(std::move(*cells[k]));
            } else {
                text_cell blank;
                blank.pos = {l.number, b.spans[k].from + 1, l.page, 0, 0, 0};
                out.cells.push_back(std::move(blank));
            }
        }
        return out;
    }

    // The first row under a vertical label: after the last row labelled in the vertical's own column
    // before it; it spans the rows up to the next such row.
    // A table has a few dozen rows; the scans stop after `reach` rows so that huge inputs stay linear.
    static constexpr std::size_t reach = 256;

    std::size_t vertical_start(const std::vector<fragment> &v) const {
        const long vx = static_cast<long>(v.front().r.x);
        std::size_t r = row_from(v.front().line);
        for (std::size_t steps = 0; r > 0 && steps < reach; --r, ++steps)
            if (rows_[r - 1].rx >= 0 && rows_[r - 1].rx <= vx + 1) break;
        return r;
    }

    std::size_t vertical_rows(const std::vector<fragment> &v) const {
        const long vx = static_cast<long>(v.front().r.x);
        std::size_t r = vertical_start(v);
        const std::size_t start = r;
        while (r < rows_.size() && r - start < reach &&
               !(rows_[r].line > v.back().line && rows_[r].rx >= 0 && rows_[r].rx <= vx + 1))
            ++r;
        return std::max<std::size_t>(r - start, 1);
    }

    std::map<std::size_t, text_cell> vertical_cells_;  // first row → the vertical label spanning it
    std::map<std::size_t, text_cell> group_cells_;     // first row → the group label spanning it

    table_block assemble() {
        for (const auto &v : verticals_) {
            text_cell c = make_cell(v, lines_);
            c.row_span = static_cast<std::uint16_t>(std::min<std::size_t>(vertical_rows(v), 65535));
            vertical_cells_.emplace(vertical_start(v), std::move(c));
        }
        for (const group &g : groups_)
            if (g.rows) {
                text_cell c = make_cell(g.parts, lines_);
                c.row_span = static_cast<std::uint16_t>(std::min<std::size_t>(g.rows, 65535));
                group_cells_.emplace(g.first_row, std::move(c));
            }
        table_block t;
        const line &top = lines_[first_];
        t.pos = {top.number, 1, top.page, 0, 0, 0};
        // Header material: fragments of header lines and captions, given to the band that follows them.
        for (std::size_t i = first_; i <= last_; ++i)
            if (header_[i - first_])
                for (const run &r : lines_[i].runs) header_material_.push_back(fragment{i, r});
        std::sort(header_material_.begin(), header_material_.end(), [](const fragment &a, const fragment &b) {
            return a.line != b.line ? a.line < b.line : a.r.x < b.r.x;
        });
        std::size_t m = 0, lone = 0;
        for (std::size_t bi = 0; bi < bands_.size(); ++bi) {
            band &b = bands_[bi];
            for (std::size_t i : b.rows) {
                const data_row &row = rows_[row_at(i)];
                for (const fragment &f : row.label)
                    if (f.line == i) b.label_end = std::max(b.label_end, f.r.x + f.r.width);
            }
            std::vector<fragment> material;
            while (m < header_material_.size() && header_material_[m].line < b.rows.front()) material.push_back(header_material_[m++]);
            if (!material.empty())
                for (text_row &r : header_rows(b, material)) t.rows.push_back(std::move(r));
            for (std::size_t i : b.rows) {
                // A group label standing beside no block of rows (printed as a row of its own) comes out
                // as a row of its own, before the first row below it.
                for (; lone < groups_.size(); ++lone) {
                    const group &g = groups_[lone];
                    if (g.parts.back().line > i) break;
                    if (!g.rows) t.rows.push_back(text_row{{make_cell(g.parts, lines_)}});
                }
                t.rows.push_back(data_cells(rows_[row_at(i)]));
            }
        }
        // A group label below the last row (a blank row's label closing the table) comes out at the end.
        for (; lone < groups_.size(); ++lone)
            if (!groups_[lone].rows) t.rows.push_back(text_row{{make_cell(groups_[lone].parts, lines_)}});
        if (m < header_material_.size()) {
            text_row trailing;
            std::vector<fragment> rest(header_material_.begin() + static_cast<std::ptrdiff_t>(m), header_material_.end());
            trailing.cells.push_back(make_cell(rest, lines_));
            t.rows.push_back(std::move(trailing));
        }
        return t;
    }
};

// ---- Paragraphs ------------------------------------------------------------------------------------

void append_paragraph_line(compact_text &text, std::string_view next) {
    if (!text.empty() && !next.empty() && is_ascii_alnum(text.back()) && is_ascii_alnum(next.front())) text += ' ';
    text += next;
}

}  // namespace

document read_layout_text(std::string_view utf8, bool utf8_checked) {
    if (utf8.starts_with("\xEF\xBB\xBF")) utf8.remove_prefix(3);
    if (!utf8_checked) validate_utf8(utf8);
    layout_store store;
    std::vector<line> lines = split_lines(utf8, store);
    mark_footers(lines);
    const std::uint32_t widest = classify(lines, store);
    join_wrapped_values(lines, store);
    if (std::all_of(lines.begin(), lines.end(), [](const line &l) { return l.blank(); }))
        throw read_exception(error_code::empty, "pdftotext -layout");

    // Table regions: from each strong data line up to the previous heading or prose line, down to the
    // last data line before the next one (plus label lines right below it).
    std::vector<std::pair<std::size_t, std::size_t>> regions;
    auto boundary = [&](std::size_t i) { return lines[i].heading || lines[i].prose; };
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (!lines[i].strong_data()) continue;
        std::size_t s = i;
        const std::size_t floor = regions.empty() ? 0 : regions.back().second + 1;
        while (s > floor && !boundary(s - 1)) --s;
        while (s < i && lines[s].blank()) ++s;
        std::size_t last_data = i, j = i + 1;
        for (; j < lines.size() && !boundary(j); ++j)
            if (lines[j].data()) last_data = j;
        std::size_t e = last_data;
        for (std::size_t k = last_data + 1; k < j && k <= last_data + 2; ++k)
            if (!lines[k].blank()) e = k;
        regions.emplace_back(s, e);
        i = e;
    }

    document doc;
    std::size_t r = 0;
    std::optional<paragraph_block> open;
    bool previous_short = true;
    auto close = [&] {
        if (open) doc.blocks.emplace_back(std::move(*open));
        open.reset();
    };
    // The title: the centred lines at the top of the first page, before the first blank line.
    std::size_t i = 0;
    while (i < lines.size() && lines[i].blank()) ++i;
    {
        std::size_t k = i;
        while (k < lines.size() && !lines[k].blank() && lines[k].runs.size() == 1 && !lines[k].data() &&
               !lines[k].heading && lines[k].runs.front().x >= 2 && (regions.empty() || k < regions.front().first))
            ++k;
        if (k - i >= 2) {
            paragraph_block title;
            title.pos = {lines[i].number, lines[i].runs.front().x + 1, lines[i].page, 0, 0, 0};
            for (std::size_t t = i; t < k; ++t) append_paragraph_line(title.text, lines[t].text);
            doc.blocks.emplace_back(std::move(title));
            i = k;
        }
    }
    for (; i < lines.size(); ++i) {
        if (r < regions.size() && i == regions[r].first) {
            close();
            table_builder builder(lines, regions[r].first, regions[r].second);
            doc.blocks.emplace_back(builder.build());
            i = regions[r].second;
            ++r;
            previous_short = true;
            continue;
        }
        const line &l = lines[i];
        if (l.blank()) continue;
        const std::uint32_t x = l.runs.front().x;
        if (l.heading || !open || x >= 2 || previous_short) {
            close();
            open = paragraph_block{};
            open->pos = {l.number, x + 1, l.page, 0, 0, 0};
        }
        append_paragraph_line(open->text, l.text);
        previous_short = l.heading || (widest > 0 && l.end_width * 100 < widest * 85);
        if (l.heading) close();
    }
    close();
    return doc;
}

}  // namespace xxgk::read
