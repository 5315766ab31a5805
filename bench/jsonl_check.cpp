// Checks every report of a JSON Lines file (one canonical report per line) and writes one line of
// diagnostics JSON per report to stdout (or counts only, with --count): the batch path that
// bench/compare/compare.py measures against the Python baseline.
#include <xxgk/xxgk.hpp>

#include <boost/json/serialize.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char **argv) {
    if (argc < 2) {
        std::cerr << "usage: xxgk_jsonl_check FILE.jsonl [--count]\n";
        return 2;
    }
    const bool count_only = argc > 2 && std::string(argv[2]) == "--count";
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
        std::cerr << "cannot open " << argv[1] << "\n";
        return 2;
    }
    std::string line;
    std::size_t reports = 0, findings = 0, identity_findings = 0, unusable = 0;
    std::vector<xxgk::diagnostic> ds;
    const xxgk::check_options options;
    while (std::getline(in, line)) {
        ++reports;
        xxgk::json_error error;
        auto r = xxgk::parse_report(line, error);
        if (!r) {
            ++unusable;
            if (!count_only) std::cout << boost::json::serialize(boost::json::object{{"error", error.describe()}}) << '\n';
            continue;
        }
        ds.clear();
        xxgk::check(*r, options, ds);
        findings += ds.size();
        for (const auto &d : ds)
            identity_findings += d.state == xxgk::status::fail &&
                                 (d.which == xxgk::rule::t3_balance || d.which == xxgk::rule::t3_outcome_total ||
                                  d.which == xxgk::rule::t3_applicant_total || d.which == xxgk::rule::t4_total);
        if (!count_only) {
            boost::json::array out;
            for (const auto &d : ds) out.push_back(xxgk::to_json(d));
            std::cout << boost::json::serialize(out) << '\n';
        }
    }
    std::cerr << reports << " reports, " << findings << " findings (" << identity_findings << " identity failures), "
              << unusable << " unusable\n";
}
