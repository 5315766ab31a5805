// The run summary of `xxgk check` over many files: the counts, and the text block that prints them.
#include "batch.hpp"

#include <algorithm>

namespace xxgk::cli {

run_summary::agency_count run_summary::add(const file_result &r) {
    ++files;
    agency_count a;
    if (r.error) {
        unreadable.emplace_back(r.file, *r.error);
        return a;
    }
    ++reports;
    pairs += !r.previous.empty();
    a.reports = 1;
    for (const auto &d : r.diagnostics) {
        ++by_rule[std::string(xxgk::info(d.which).id)];
        const auto level = d.level;
        (level == xxgk::severity::error ? error : level == xxgk::severity::warning ? warning : info)++;
        (level == xxgk::severity::error ? a.error : level == xxgk::severity::warning ? a.warning : a.info)++;
    }
    return a;
}

void print_summary(std::ostream &out, const run_summary &s, xxgk::language lang) {
    const bool zh = lang == xxgk::language::zh;
    out << (zh ? "汇总：文件 " : "summary: files ") << s.files << (zh ? "，报告 " : ", reports ") << s.reports
        << (zh ? "，与上年配对 " : ", paired with last year ") << s.pairs << (zh ? "，无法读取 " : ", unreadable ")
        << s.unreadable.size() << (zh ? "，跳过 " : ", skipped ") << s.skipped.count
        << (zh ? "（共见 " : " (seen ") << s.files + s.skipped.count << (zh ? " 个）" : ")")
        << (zh ? "；错误 " : "; errors ") << s.error << (zh ? "，警告 " : ", warnings ")
        << s.warning << (zh ? "，提示 " : ", infos ") << s.info;
    if (s.suppressed) out << (zh ? "；基线已知而未列出 " : "; suppressed by the baseline ") << s.suppressed;
    out << "\n";
    for (const auto &[id, n] : s.by_rule) out << "  " << id << ": " << n << "\n";
    std::vector<std::pair<std::string, run_summary::agency_count>> agencies;
    for (const auto &entry : s.by_agency)
        if (entry.second.error + entry.second.warning > 0) agencies.push_back(entry);
    std::stable_sort(agencies.begin(), agencies.end(), [](const auto &a, const auto &b) {
        return a.second.error + a.second.warning > b.second.error + b.second.warning;
    });
    const std::size_t n = s.agencies_with_findings;
    out << (zh ? "有错误或警告的机关 " : "agencies with errors or warnings: ") << n << (zh ? " 个：" : "") << "\n";
    for (std::size_t i = 0; i < agencies.size() && i < summary_agencies_shown; ++i) {
        const auto &[name, c] = agencies[i];
        out << "  " << escaped(name) << (zh ? "：报告 " : ": reports ") << c.reports << (zh ? "，错误 " : ", errors ") << c.error
            << (zh ? "，警告 " : ", warnings ") << c.warning << "\n";
    }
    if (n > summary_agencies_shown)
        out << "  … " << n - summary_agencies_shown
            << (zh ? " 个机关未列出（见 --format json）" : " more (see --format json)") << "\n";
    for (const auto &[file, reason] : s.unreadable)
        out << (zh ? "无法读取：" : "unreadable: ") << file << ": " << escaped(reason) << "\n";
    for (std::size_t i = 0; i < s.skipped.listed.size() && i < summary_skipped_shown; ++i)
        out << (zh ? "跳过：" : "skipped: ") << s.skipped.listed[i].first << ": " << s.skipped.listed[i].second << "\n";
    if (s.skipped.count > summary_skipped_shown)
        out << "  … " << s.skipped.count - summary_skipped_shown
            << (zh ? " 个跳过的文件未列出（见 --format json）" : " more skipped (see --format json)") << "\n";
}

}  // namespace xxgk::cli
