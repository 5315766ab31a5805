// Indicators. Included by indicators.hpp only.

#include <xxgk/across.hpp>

#include <boost/json/array.hpp>

namespace xxgk {

namespace detail {

// The 总计 column's cells of some table-三 rows.
inline std::vector<formula_term> total_column(std::initializer_list<row> rows) {
    std::vector<formula_term> terms;
    for (row r : rows) terms.push_back({ref(r, applicant::total)});
    return terms;
}

// The 总计 column's cells of every outcome row of a group.
inline std::vector<formula_term> total_column(outcome_group group) {
    std::vector<formula_term> terms;
    for (row r : all_of<row>())
        if (is_outcome(r) && group_of(r) == group && !is_2021_only(r)) terms.push_back({ref(r, applicant::total)});
    return terms;
}

// Concluded cases of proceedings: total − pending for each.
inline std::vector<formula_term> concluded(std::initializer_list<proceeding> proceedings) {
    std::vector<formula_term> terms;
    for (proceeding p : proceedings)
        terms.push_back({ref(p, case_result::total)}), terms.push_back({ref(p, case_result::pending), true});
    return terms;
}

// The sum of some terms of a report, or why it cannot be taken.
inline std::optional<decimal> sum_terms(const report &r, std::span<const formula_term> terms, std::string &why) {
    decimal total{};
    for (const formula_term &t : terms) {
        const cell *c = find_cell(r, t.at);
        if (!c || !c->is_assessable()) {
            why = "单元格无法用于计算：" + json_pointer(t.at);
            return std::nullopt;
        }
        const std::optional<decimal> next = add(total, c->arithmetic_value(), t.minus);
        if (!next) {
            why = "合计超出范围";
            return std::nullopt;
        }
        total = *next;
    }
    return total;
}

inline double to_double(decimal d) { return std::stod(to_string(d)); }

// The prose of a report as one text, normalised as xy.duplicate normalises it.
inline std::u32string prose_of(const report &r) {
    std::string all;
    for (const auto &s : r.sections.items)
        if (s) all += *s, all += '\n';
    return shingle_text(all);
}

}  // namespace detail

inline indicator_formula formula(indicator which) {
    using detail::total_column;
    const std::vector<formula_term> processed = total_column({row::total_processed});
    std::vector<formula_term> disclosed = total_column({row::granted, row::partially_granted});
    switch (which) {
    case indicator::disclosure_rate:
        return {disclosed, processed, "（予以公开 + 部分公开）÷ 办理结果总计",
                "(granted + partially granted) / total processed"};
    case indicator::disclosure_rate_granted:
        return {total_column({row::granted}), processed, "予以公开 ÷ 办理结果总计", "granted / total processed"};
    case indicator::disclosure_rate_decided: {
        std::vector<formula_term> decided = disclosed;
        for (const formula_term &t : total_column(outcome_group::denied)) decided.push_back(t);
        return {disclosed, decided, "（予以公开 + 部分公开）÷（予以公开 + 部分公开 + 不予公开）",
                "(granted + partially granted) / (granted + partially granted + denied)"};
    }
    case indicator::denied_share:
        return {total_column(outcome_group::denied), processed, "不予公开（1—8项）÷ 办理结果总计",
                "denied (items 1-8) / total processed"};
    case indicator::unavailable_share:
        return {total_column(outcome_group::unavailable), processed, "无法提供（1—3项）÷ 办理结果总计",
                "unavailable (items 1-3) / total processed"};
    case indicator::rejected_share:
        return {total_column(outcome_group::rejected), processed, "不予处理（1—5项）÷ 办理结果总计",
                "not processed (items 1-5) / total processed"};
    case indicator::carry_forward_rate:
        return {total_column({row::carried_forward}), total_column({row::new_received, row::carried_over}),
                "结转下年度继续办理 ÷（本年新收 + 上年结转）", "carried forward / (new received + carried over)"};
    case indicator::review_correction_rate:
        return {{{ref(proceeding::administrative_review, case_result::corrected)}},
                detail::concluded({proceeding::administrative_review}),
                "行政复议结果纠正 ÷（行政复议总计 − 尚未审结）", "review corrected / (review total - pending)"};
    case indicator::litigation_correction_rate:
        return {{{ref(proceeding::litigation_direct, case_result::corrected)},
                 {ref(proceeding::litigation_after_review, case_result::corrected)}},
                detail::concluded({proceeding::litigation_direct, proceeding::litigation_after_review}),
                "行政诉讼结果纠正（直接起诉 + 复议后起诉）÷ 两者已审结（总计 − 尚未审结）",
                "litigation corrected (direct + after review) / their concluded cases (total - pending)"};
    case indicator::prose_repetition: break;
    }
    return {{}, {}, "本年正文中与上年度报告正文相同的4字片段数 ÷ 本年正文的4字片段数",
            "distinct 4-character shingles of this year's prose also in last year's / all of this year's"};
}

inline std::optional<double> prose_repetition(const report &current, const report &previous, std::size_t *shared,
                                              std::size_t *total) {
    const std::u32string now = detail::prose_of(current), then = detail::prose_of(previous);
    if (now.empty()) return std::nullopt;
    const auto mine = detail::shingles(now), theirs = detail::shingles(then);
    std::size_t common = 0;
    for (const auto &s : mine) common += theirs.contains(s);
    if (shared) *shared = common;
    if (total) *total = mine.size();
    return static_cast<double>(common) / static_cast<double>(mine.size());
}

namespace detail {

inline indicator_value compute_indicator(indicator which, const report &r, const report *previous) {
    indicator_value v{which, {}, {}, {}, {}, {}, {}, false};
    if (which == indicator::prose_repetition) {
        if (!previous) {
            v.reason = "没有上年度报告";
            return v;
        }
        std::size_t shared = 0, all = 0;
        v.value = prose_repetition(r, *previous, &shared, &all);
        if (!v.value) {
            v.reason = "本年报告没有正文";
            return v;
        }
        v.numerator = decimal{static_cast<std::int64_t>(shared), 0};
        v.denominator = decimal{static_cast<std::int64_t>(all), 0};
        v.flagged = *v.value > repetition_flag_threshold;
        return v;
    }
    const indicator_formula f = formula(which);
    v.numerator = sum_terms(r, f.numerator, v.reason);
    if (v.numerator) v.denominator = sum_terms(r, f.denominator, v.reason);
    if (!v.numerator || !v.denominator) return v;
    if (v.denominator->is_zero() || v.denominator->is_negative()) {
        v.reason = v.denominator->is_zero() ? "分母为0" : "分母为负数";
        return v;
    }
    v.value = to_double(*v.numerator) / to_double(*v.denominator);
    if (previous) {
        const indicator_value last = compute_indicator(which, *previous, nullptr);
        v.previous = last.value;
        if (v.previous) v.change = *v.value - *v.previous;
    }
    return v;
}

inline std::optional<decimal> count_of(const report &r, applicant a) {
    const cell &c = r.applications(row::new_received, a);
    if (!c.is_assessable()) return std::nullopt;
    return c.arithmetic_value();
}

}  // namespace detail

inline indicator_set compute_indicators(const report &r, const report *previous) {
    indicator_set s;
    for (indicator which : all_of<indicator>()) s.values.push_back(detail::compute_indicator(which, r, previous));
    const std::optional<decimal> all = detail::count_of(r, applicant::total);
    for (applicant a : all_of<applicant>()) {
        if (a == applicant::total) continue;
        category_count c{a, detail::count_of(r, a), {}, {}, {}};
        if (c.count && all && !all->is_zero()) c.share = detail::to_double(*c.count) / detail::to_double(*all);
        if (previous) c.previous = detail::count_of(*previous, a);
        if (c.count && c.previous) c.change = subtract(*c.count, *c.previous);
        s.applications.push_back(c);
    }
    return s;
}

inline boost::json::object to_json(const indicator_set &s) {
    auto exact = [](const std::optional<decimal> &d) {
        return d ? boost::json::value(to_string(*d)) : boost::json::value(nullptr);
    };
    auto number = [](const std::optional<double> &d) { return d ? boost::json::value(*d) : boost::json::value(nullptr); };
    boost::json::array values;
    for (const indicator_value &v : s.values) {
        const indicator_formula f = formula(v.which);
        boost::json::object j;
        j["id"] = name(v.which);
        j["label"] = label(v.which);
        const bool variant = v.which == indicator::disclosure_rate_granted || v.which == indicator::disclosure_rate_decided;
        j["variant_of"] = variant ? boost::json::value(name(indicator::disclosure_rate)) : boost::json::value(nullptr);
        j["formula"] = f.text_zh;
        j["formula_en"] = f.text_en;
        auto pointers = [](const std::vector<formula_term> &terms) {
            boost::json::array a;
            for (const formula_term &t : terms) a.emplace_back((t.minus ? "-" : "") + json_pointer(t.at));
            return a;
        };
        j["numerator_cells"] = pointers(f.numerator);
        j["denominator_cells"] = pointers(f.denominator);
        j["numerator"] = exact(v.numerator);
        j["denominator"] = exact(v.denominator);
        j["value"] = number(v.value);
        j["reason"] = v.reason.empty() ? boost::json::value(nullptr) : boost::json::value(v.reason);
        j["previous"] = number(v.previous);
        j["change"] = number(v.change);
        j["flagged"] = v.flagged;
        values.push_back(std::move(j));
    }
    boost::json::array applications;
    for (const category_count &c : s.applications) {
        boost::json::object j;
        j["category"] = name(c.category);
        j["label"] = label(c.category);
        j["count"] = exact(c.count);
        j["share"] = number(c.share);
        j["previous"] = exact(c.previous);
        j["change"] = exact(c.change);
        applications.push_back(std::move(j));
    }
    return {{"indicators", std::move(values)}, {"applications", std::move(applications)}};
}

}  // namespace xxgk
