// The check pipeline (see check.hpp). Included by check.hpp only.

namespace xxgk {

namespace detail {

// A finding that says `which` could not be evaluated, about a metadata field, with the reason as its text.
inline void add_not_assessable(std::vector<diagnostic> &out, rule which, metadata_field about, std::string why) {
    diagnostic &d = out.emplace_back();
    d.which = which;
    d.state = status::not_assessable;
    d.level = severity::info;
    d.cells = {ref(about)};
    d.text = std::move(why);
}

inline void check_against_previous(const report &r, const check_plan &plan, const check_context &with,
                                   std::vector<diagnostic> &out) {
    if (with.previous) {
        check_pair(r, *with.previous, plan.rules, out, plan.pair);
    } else if (with.previous_error && plan.rules.enabled(rule::xy_carry_over)) {
        // Last year's file is at fault, not this one: this report is still checked.
        add_not_assessable(out, rule::xy_carry_over, metadata_field::year,
                           (plan.lang == language::zh ? "上年报告无法读取：" + with.previous_name + "："
                                                      : "last year's report " + with.previous_name + " cannot be read: ") +
                               *with.previous_error);
    }
}

inline void check_against_children(const report &r, const check_plan &plan, const check_context &with,
                                   std::vector<diagnostic> &out) {
    if (!r.year || (with.children.empty() && with.missing_children.empty())) return;
    if (with.missing_children.empty()) {
        check_hierarchy(r, with.children, plan.rules, out, plan.hierarchy);
        return;
    }
    if (!plan.rules.enabled(rule::xy_hierarchy)) return;
    const bool zh = plan.lang == language::zh;
    std::string missing;
    for (const std::string &child : with.missing_children) missing += (missing.empty() ? "" : zh ? "、" : ", ") + child;
    add_not_assessable(out, rule::xy_hierarchy, metadata_field::agency,
                       zh ? "缺少下级机关" + std::to_string(*r.year) + "年度可读的报告：" + missing
                          : "no readable report of " + std::to_string(*r.year) + " of: " + missing);
}

}  // namespace detail

inline void check(const read_result &read, const check_plan &plan, const check_context &with,
                  std::vector<diagnostic> &out) {
    check(read, plan.rules, out);
    check_publication(read.value, plan.rules, plan.deadlines, out);
    detail::check_against_previous(read.value, plan, with, out);
    detail::check_against_children(read.value, plan, with, out);
}

}  // namespace xxgk
