// The core's hot paths: checking a report in memory, JSON in and out.
#include <xxgk/xxgk.hpp>

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

namespace {

std::string seed_text() {
    std::ifstream in(XXGK_SOURCE_DIR "/examples/acheng-yagou-2023.json");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void check_clean_report(benchmark::State &state) {
    const xxgk::report r = xxgk::parse_report(seed_text());
    const xxgk::check_options options;
    std::vector<xxgk::diagnostic> out;
    for (auto _ : state) {
        out.clear();
        xxgk::check(r, options, out);
        benchmark::DoNotOptimize(out.data());
    }
}
BENCHMARK(check_clean_report);

void check_report_with_many_faults(benchmark::State &state) {
    xxgk::report r = xxgk::parse_report(seed_text());
    for (auto rw : xxgk::all_of<xxgk::row>()) r.applications(rw, xxgk::applicant::commercial) = xxgk::count_cell(3);
    r.review_litigation[xxgk::proceeding::administrative_review][xxgk::case_result::other] = xxgk::read_cell("/");
    const xxgk::check_options options;
    std::vector<xxgk::diagnostic> out;
    for (auto _ : state) {
        out.clear();
        xxgk::check(r, options, out);
        benchmark::DoNotOptimize(out.data());
    }
    state.counters["findings"] = static_cast<double>(out.size());
}
BENCHMARK(check_report_with_many_faults);

void json_to_model(benchmark::State &state) {
    const std::string text = seed_text();
    for (auto _ : state) benchmark::DoNotOptimize(xxgk::parse_report(text));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(json_to_model);

// The path of documents the fast reader declines (non-integer numbers, duplicate keys, errors): Boost.JSON's
// DOM and the DOM reader. Kept in view so that neither path regresses unseen.
void json_to_model_through_the_dom(benchmark::State &state) {
    const std::string text = seed_text();
    for (auto _ : state) {
        xxgk::report r;
        xxgk::json_error error;
        benchmark::DoNotOptimize(xxgk::detail::parse_report_dom(text, r, error));
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(json_to_model_through_the_dom);

void model_to_json(benchmark::State &state) {
    const xxgk::report r = xxgk::parse_report(seed_text());
    for (auto _ : state) benchmark::DoNotOptimize(xxgk::to_json_text(r));
}
BENCHMARK(model_to_json);

void json_check_diagnostics_json(benchmark::State &state) {
    xxgk::report faulty = xxgk::parse_report(seed_text());
    faulty.applications(xxgk::row::granted, xxgk::applicant::total) = xxgk::count_cell(2);
    const std::string text = xxgk::to_json_text(faulty);
    for (auto _ : state) {
        const xxgk::report r = xxgk::parse_report(text);
        boost::json::array out;
        for (const auto &d : xxgk::check(r)) out.push_back(xxgk::to_json(d));
        benchmark::DoNotOptimize(boost::json::serialize(out));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(json_check_diagnostics_json);

}  // namespace
