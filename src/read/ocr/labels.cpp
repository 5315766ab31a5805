// Nearest label by edit distance over code points, against every label of the tables in format.hpp.
#include "labels.hpp"

#include "../map/mapper_text.hpp"

#include <xxgk/format.hpp>

#include <algorithm>
#include <vector>

namespace xxgk::read::ocr {

namespace {

using code_points = std::vector<std::string_view>;

code_points split(std::string_view s) {
    code_points out;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char lead = static_cast<unsigned char>(s[i]);
        const std::size_t n = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        out.push_back(s.substr(i, n));
        i += n;
    }
    return out;
}

// Levenshtein distance, or `limit + 1` once it must exceed `limit`. An empty code point of `b` stands for
// any one code point of `a`.
std::size_t distance(const code_points &a, const code_points &b, std::size_t limit) {
    if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
    std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        std::size_t best = current[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] || b[j - 1].empty() ? 0 : 1)});
            best = std::min(best, current[j]);
        }
        if (best > limit) return limit + 1;
        std::swap(previous, current);
    }
    return previous[b.size()];
}

struct known_label {
    std::string printed;
    code_points normalised;
    std::string normalised_text;
    /// A label numbered `1.`: its text with the number and dot as one code point that may be anything
    /// (OCR reads `1.` as one glyph at times: `工`, `l`, `】`); empty for other labels.
    code_points numbered;
};

// `1.属于国家秘密` → (any)属于国家秘密; nothing for a label not numbered with digits and a dot.
code_points with_any_number(const code_points &label) {
    std::size_t digits = 0;
    while (digits < label.size() && label[digits].size() == 1 && label[digits][0] >= '0' && label[digits][0] <= '9') ++digits;
    if (digits == 0 || digits + 1 >= label.size() || label[digits] != ".") return {};
    code_points out{std::string_view()};
    out.insert(out.end(), label.begin() + static_cast<std::ptrdiff_t>(digits + 1), label.end());
    return out;
}

template <class E>
void add_labels(std::vector<known_label> &out) {
    for (E e : all_of<E>()) out.push_back({std::string(label(e)), {}, detail::normalise_label(label(e)), {}});
}

const std::vector<known_label> &known_labels() {
    static const std::vector<known_label> all = [] {
        std::vector<known_label> v;
        add_labels<active_item>(v), add_labels<document_column>(v), add_labels<article_clause>(v);
        add_labels<active_item_2019>(v), add_labels<column_2019>(v);
        add_labels<applicant>(v), add_labels<row>(v), add_labels<outcome_group>(v);
        add_labels<proceeding>(v), add_labels<case_result>(v);
        for (std::string_view s : {outcomes_heading_label, applicants_heading_label, organisations_heading_label,
                                   balance_note_label, litigation_heading_label})
            v.push_back({std::string(s), {}, detail::normalise_label(s), {}});
        for (known_label &k : v) k.normalised = split(k.normalised_text), k.numbered = with_any_number(k.normalised);
        return v;
    }();
    return all;
}

}  // namespace

std::optional<std::string> nearest_label(std::string_view text) {
    const std::string normalised = detail::normalise_label(text);
    const code_points cps = split(normalised);
    if (cps.size() < 3 || cps.size() > 80) return std::nullopt;
    const known_label *best = nullptr;
    std::size_t best_distance = static_cast<std::size_t>(-1), second = static_cast<std::size_t>(-1);
    for (const known_label &k : known_labels()) {
        if (k.normalised_text == normalised) return std::nullopt;  // printed as the format has it
        const std::size_t limit = std::max<std::size_t>(1, k.normalised.size() / 5);
        if (k.normalised.size() < 3) continue;
        std::size_t d = distance(cps, k.normalised, limit);
        if (!k.numbered.empty()) d = std::min(d, distance(cps, k.numbered, limit));
        if (d > limit) continue;
        if (d < best_distance) second = best_distance, best_distance = d, best = &k;
        else if (d < second) second = d;
    }
    if (!best || second == best_distance) return std::nullopt;
    return best->printed;
}

}  // namespace xxgk::read::ocr
