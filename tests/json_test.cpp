#include "test_support.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <filesystem>

using namespace xxgk;
using xxgk::test::read_file;
using xxgk::test::source_path;

namespace {

std::vector<std::string> every_json_fixture() {
    std::vector<std::string> files;
    for (const char *dir : {"examples", "tests/samples"})
        for (const auto &e : std::filesystem::recursive_directory_iterator(source_path(dir)))
            if (e.path().extension() == ".json" && e.path().filename() != "malformed.json" &&
                e.path().filename() != "ill-typed.json")
                files.push_back(e.path().string());
    return files;
}

// Parses the seed's JSON, applies `edit` to the DOM and returns the reader's error.
json_error error_after(const std::function<void(boost::json::object &)> &edit) {
    boost::json::value v = boost::json::parse(read_file(source_path("examples/acheng-yagou-2023.json")));
    edit(v.as_object());
    json_error e;
    EXPECT_FALSE(parse_report(boost::json::serialize(v), e).has_value());
    return e;
}

}  // namespace

TEST(json, the_seed_reads_with_every_cell_and_section) {
    const report r = test::seed();
    EXPECT_EQ(r.format(), format_version::v2021);
    EXPECT_EQ(r.agency, "阿城区亚沟街道办事处");
    EXPECT_EQ(r.year, 2023);
    EXPECT_EQ(r.kind, agency_kind::township);
    EXPECT_EQ(r.applications(row::new_received, applicant::natural_person).value, (decimal{1, 0}));
    EXPECT_EQ(r.applications(row::total_processed, applicant::total).value, (decimal{1, 0}));
    EXPECT_EQ(std::get<active_disclosure>(r.active).fees.value, (decimal{0, 0}));
    for (section s : all_of<section>()) EXPECT_TRUE(r.sections[s].has_value()) << name(s);
    EXPECT_NE(r.sections[section::other_matters]->find("信息处理费"), std::string::npos);
}

TEST(json, every_fixture_round_trips_losslessly) {
    const auto files = every_json_fixture();
    ASSERT_GE(files.size(), 13u);
    for (const auto &file : files) {
        SCOPED_TRACE(file);
        const report r = parse_report(read_file(file));
        const std::string once = to_json_text(r);
        const report again = parse_report(once);
        EXPECT_EQ(again, r);
        EXPECT_EQ(to_json_text(again), once);
    }
}

TEST(json, writing_then_reading_keeps_printed_text_units_and_unreadable_cells) {
    report r = test::seed();
    r.applications(row::granted, applicant::commercial) = read_cell("1,234");
    r.applications(row::granted, applicant::research) = read_cell("/");
    r.applications(row::granted, applicant::other).kind = cell_kind::unreadable;
    std::get<active_disclosure>(r.active).fees = read_cell("0.350");
    r.review_litigation[proceeding::administrative_review][case_result::other] = read_cell("见附件");
    const report again = parse_report(to_json_text(r));
    EXPECT_EQ(again, r);
    const auto v = to_json(r);
    EXPECT_EQ(v.at("active_disclosure").at("fees"), "0.350");
    EXPECT_EQ(v.at("ambiguous").as_array().size(), 1u);
    EXPECT_EQ(v.at("ambiguous").at(0), "/applications/granted/other");
}

TEST(json, positions_are_written_on_request_and_read_back) {
    report r = test::seed();
    r.applications(row::granted, applicant::total).source = {.line = 120, .column = 2};
    r.review_litigation[proceeding::litigation_direct][case_result::total].source = {.table = 3, .row = 9, .cell = 10};
    EXPECT_FALSE(to_json(r).contains("positions"));
    const auto text = to_json_text(r, {.positions = true});
    EXPECT_EQ(parse_report(text), r);
    EXPECT_EQ(to_json(r, {.positions = true}).at("positions").at("/applications/granted/total").at("line"), 120);
}

TEST(json, a_2019_report_uses_the_old_layout) {
    const report r = parse_report(read_file(source_path("tests/samples/pingtan/04-gwhban-2019/expected.json")));
    EXPECT_EQ(r.format(), format_version::v2019);
    const auto &t2 = std::get<active_disclosure_2019>(r.active);
    EXPECT_EQ(t2.licensing.change.value, (decimal{1, 0}));
    EXPECT_EQ(t2.licensing.change.text, "+1");
    EXPECT_EQ(t2.procurement.amount.kind, cell_kind::unreadable);
    EXPECT_EQ(r.applications.other_handling[applicant::total].value, (decimal{2, 0}));
    const auto v = to_json(r);
    EXPECT_TRUE(v.at("applications").as_object().contains("other_handling"));
    EXPECT_FALSE(v.at("applications").as_object().contains("other_other"));
}

TEST(json, syntax_errors_give_line_column_and_byte_offset) {
    json_error e;
    EXPECT_FALSE(parse_report("{\n  \"format\": \"2021\",\n  \"year\": 20x3\n}", e));
    EXPECT_EQ(e.code, error_code::json_syntax);
    EXPECT_EQ(e.where.line, 3u);
    EXPECT_EQ(e.where.column, 13u);
    EXPECT_EQ(e.offset, 34u);
    EXPECT_NE(e.describe(language::en).find("line 3, column 13 (byte 34): invalid JSON"), std::string::npos)
        << e.describe(language::en);
    EXPECT_TRUE(e.describe().starts_with("第3行第13列（第34字节）：JSON语法错误")) << e.describe();
}

TEST(json, truncated_and_trailing_input_is_rejected) {
    json_error e;
    EXPECT_FALSE(parse_report("{\"format\": \"2021\"", e));
    EXPECT_EQ(e.code, error_code::json_syntax);
    EXPECT_FALSE(parse_report("{} {}", e));
    EXPECT_EQ(e.code, error_code::json_syntax);
    EXPECT_FALSE(parse_report("", e));
    EXPECT_EQ(e.code, error_code::json_syntax);
}

TEST(json, ill_typed_values_are_rejected_with_their_pointer) {
    auto e = error_after([](auto &o) { o["applications"].as_object()["granted"].as_object()["total"] = true; });
    EXPECT_EQ(e.pointer, "/applications/granted/total");
    EXPECT_EQ(e.code, error_code::json_expected_cell);
    EXPECT_EQ(e.found, json_kind::boolean);
    EXPECT_EQ(e.detail, "");
    EXPECT_EQ(e.describe(language::en), "at /applications/granted/total: expected a number, a string or null, found a boolean");
    EXPECT_EQ(e.describe(), "位置/applications/granted/total：应为数字、字符串或null，实为布尔值");
    e = error_after([](auto &o) { o["review_litigation"] = boost::json::array(); });
    EXPECT_EQ(e.pointer, "/review_litigation");
    EXPECT_EQ(e.code, error_code::json_expected_object);
    e = error_after([](auto &o) { o["year"] = "2023"; });
    EXPECT_EQ(e.pointer, "/year");
    EXPECT_EQ(e.code, error_code::json_bad_year);
    e = error_after([](auto &o) { o["format"] = "2020"; });
    EXPECT_EQ(e.pointer, "/format");
    EXPECT_EQ(e.code, error_code::json_bad_format);
    e = error_after([](auto &o) { o["agency_kind"] = "ministry"; });
    EXPECT_EQ(e.pointer, "/agency_kind");
    EXPECT_EQ(e.code, error_code::json_bad_agency_kind);
    e = error_after([](auto &o) { o["published"] = "2024-02-30"; });
    EXPECT_EQ(e.pointer, "/published");
    EXPECT_EQ(e.code, error_code::json_bad_date);
}

TEST(json, missing_and_unknown_keys_are_rejected_not_dropped) {
    auto e = error_after([](auto &o) { o["applications"].as_object().erase("carried_forward"); });
    EXPECT_EQ(e.pointer, "/applications/carried_forward");
    EXPECT_EQ(e.code, error_code::json_missing_key);
    EXPECT_EQ(e.message(language::en), "missing key");
    EXPECT_EQ(e.message(), "缺少键");
    e = error_after([](auto &o) { o["applications"].as_object()["granted"].as_object()["robots"] = 1; });
    EXPECT_EQ(e.pointer, "/applications/granted/robots");
    EXPECT_EQ(e.code, error_code::json_unknown_key);
    e = error_after([](auto &o) { o["aplications"] = 1; });
    EXPECT_EQ(e.pointer, "/aplications");
    e = error_after([](auto &o) { o["active_disclosure"].as_object()["regulations"].as_object().erase("in_force"); });
    EXPECT_EQ(e.pointer, "/active_disclosure/regulations/in_force");
    e = error_after([](auto &o) { o["applications"].as_object()["other_handling"] = boost::json::object(); });
    EXPECT_EQ(e.pointer, "/applications/other_handling");
    e = error_after([](auto &o) { o["sections"].as_object()["epilogue"] = "x"; });
    EXPECT_EQ(e.pointer, "/sections/epilogue");
    EXPECT_EQ(e.code, error_code::json_unknown_section);
    e = error_after([](auto &o) { o["applications"].as_object()["a/b~c"] = 1; });
    EXPECT_EQ(e.pointer, "/applications/a~1b~0c");
}

TEST(json, absurd_numbers_are_rejected_not_rounded) {
    auto e = error_after([](auto &o) { o["applications"].as_object()["granted"].as_object()["total"] = 18446744073709551615ULL; });
    EXPECT_EQ(e.pointer, "/applications/granted/total");
    EXPECT_EQ(e.code, error_code::json_number_out_of_range);
    e = error_after([](auto &o) { o["active_disclosure"].as_object()["fees"] = 1e300; });
    EXPECT_EQ(e.pointer, "/active_disclosure/fees");
    e = error_after([](auto &o) { o["active_disclosure"].as_object()["fees"] = 0.12345678901234567; });
    EXPECT_EQ(e.code, error_code::json_number_inexact);
    e = error_after([](auto &o) { o["active_disclosure"].as_object()["fees"] = std::string(5000, '1'); });
    EXPECT_EQ(e.code, error_code::json_text_too_long);
}

TEST(json, a_fractional_json_number_is_read_through_its_shortest_decimal) {
    boost::json::value v = boost::json::parse(read_file(source_path("examples/acheng-yagou-2023.json")));
    v.as_object()["active_disclosure"].as_object()["fees"] = 0.35;
    const report r = parse_report(boost::json::serialize(v));
    EXPECT_EQ(std::get<active_disclosure>(r.active).fees.value, (decimal{35, 2}));
}

TEST(json, ambiguous_and_positions_must_name_cells_of_the_report) {
    auto e = error_after([](auto &o) { o["ambiguous"] = {"/applications/nowhere/total"}; });
    EXPECT_EQ(e.pointer, "/ambiguous/0");
    e = error_after([](auto &o) { o["ambiguous"] = {"/applications/granted/total"}; });
    EXPECT_EQ(e.code, error_code::json_ambiguous_not_null);
    e = error_after([](auto &o) { o["positions"] = {{"/applications/granted/total", {{"line", 0}}}}; });
    EXPECT_EQ(e.pointer, "/positions/~1applications~1granted~1total/line");
    // A page alone locates nothing (and would not survive writing): refused, not dropped.
    e = error_after([](auto &o) { o["positions"] = {{"/applications/new_received/total", {{"page", 3}}}}; });
    EXPECT_EQ(e.pointer, "/positions/~1applications~1new_received~1total");
    EXPECT_EQ(e.code, error_code::json_position_unknown);
}

TEST(json, oversized_input_is_rejected_before_parsing) {
    json_error e;
    EXPECT_FALSE(parse_report(std::string(max_json_size + 1, ' '), e));
    EXPECT_EQ(e.code, error_code::too_large);
}

TEST(json, the_throwing_form_carries_the_error) {
    try {
        parse_report("[]");
        FAIL() << "no exception";
    } catch (const json_exception &x) {
        EXPECT_EQ(x.error().pointer, "");
        EXPECT_NE(std::string(x.what()).find("expected an object"), std::string::npos);
    }
}

TEST(json, diagnostics_carry_rule_pointers_labels_values_and_message) {
    report r = test::seed();
    r.applications(row::carried_forward, applicant::natural_person) = count_cell(1);
    r.applications(row::carried_forward, applicant::total) = count_cell(1);
    const auto ds = check(r);
    ASSERT_FALSE(ds.empty());
    const auto j = to_json(ds.front(), language::en);
    EXPECT_EQ(j.at("rule"), "t3.balance");
    EXPECT_EQ(j.at("severity"), "error");
    EXPECT_EQ(j.at("status"), "fail");
    EXPECT_EQ(j.at("pointer"), "/applications/new_received/natural_person");
    EXPECT_EQ(j.at("pointers").as_array().size(), 4u);
    EXPECT_EQ(j.at("labels").at("column"), "自然人");
    EXPECT_EQ(j.at("left"), "1");
    EXPECT_EQ(j.at("right"), "2");
    EXPECT_EQ(j.at("difference"), "-1");
    // The labels are the format's official ones; the English message names the column in English.
    EXPECT_NE(j.at("message").as_string().find("column Natural persons"), boost::json::string::npos) << j.at("message");
    EXPECT_EQ(to_json(ds.front(), language::zh).at("message").as_string().find("自然人列"), 0u);
}

TEST(json, the_catalogue_serialises_every_rule) {
    const auto a = catalogue_json();
    ASSERT_EQ(a.size(), enum_count<rule>);
    EXPECT_EQ(a.at(0).at("id"), "cell.not_numeric");
    EXPECT_EQ(a.at(index(rule::t3_balance)).at("severity"), "error");
    EXPECT_EQ(a.at(index(rule::t3_balance)).at("rationale").at("zh").as_string(), info(rule::t3_balance).rationale_zh);
    EXPECT_EQ(a.at(index(rule::t3_balance)).at("rationale").at("en").as_string(), info(rule::t3_balance).rationale_en);
}

TEST(json, is_iso_date_takes_real_calendar_dates_only) {
    for (std::string_view ok : {"2024-02-29", "2023-12-31", "2000-02-29", "1990-01-01"}) EXPECT_TRUE(is_iso_date(ok)) << ok;
    for (std::string_view bad : {"2023-02-29", "1900-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "2023-1-01",
                                 " 2023-01-01", "2023-01-011", "2023/01/01", "2023-0\x18-21", "2023-0a-21", ""})
        EXPECT_FALSE(is_iso_date(bad)) << bad;
}

// The message of a finding as it was first defined: the template with each placeholder replaced in turn,
// the printed text last. `message` fills the template in one pass; both must give the same text.
static std::string message_by_replacement(const diagnostic &d, language lang) {
    const rule_info &e = info(d.which);
    const bool about_cell = !d.cells.empty() && d.cells.front().where != area::metadata &&
                            d.cells.front().where != area::section && d.cells.front().where != area::none;
    std::string m;
    if (d.state == status::not_assessable && about_cell)
        m = lang == language::zh ? std::string(e.title_zh) + "：{cell}不是可用的数字（“{text}”），无法核对"
                                 : std::string(e.title_en) + ": cannot be assessed, {cell} is not a usable number (\"{text}\")";
    else if (d.state == status::not_assessable)
        m = lang == language::zh ? std::string(e.title_zh) + "：{text}，无法核对"
                                 : std::string(e.title_en) + ": cannot be assessed, {text}";
    else if (const auto variant = detail::variant_message(d, lang))
        m = *variant;
    else
        m = lang == language::zh ? e.message_zh : e.message_en;
    const cell_ref first = d.cells.empty() ? cell_ref{} : d.cells.front();
    const ref_labels l = labels(first, lang);
    const std::string cell_text =
        l.row.empty() ? std::string(l.table)
        : l.column.empty() ? std::string(l.row)
        : lang == language::zh ? "“" + std::string(l.row) + "”“" + std::string(l.column) + "”"
                               : std::string(l.row) + " / " + std::string(l.column);
    std::string cells_text;
    for (std::size_t i = 0; i < d.cells.size(); ++i)
        cells_text += (i == 0 ? "" : lang == language::zh ? "、" : " and ") + detail::describe_ref(d.cells[i], lang);
    const std::pair<std::string_view, std::string> values[] = {
        {"{cells}", cells_text},
        {"{left}", d.left ? to_string(*d.left) : ""},
        {"{right}", d.right ? to_string(*d.right) : ""},
        {"{difference}", d.difference ? to_string(*d.difference) : ""},
        {"{cell}", cell_text},
        {"{row}", std::string(l.row)},
        {"{column}", std::string(l.column)},
        {"{text}", d.text}};
    for (const auto &[key, value] : values)
        for (std::size_t at = m.find(key); at != std::string::npos; at = m.find(key, at + value.size()))
            m.replace(at, key.size(), value);
    return m;
}

TEST(json, messages_fill_every_placeholder_of_every_rule_as_before) {
    const cell_ref subjects[] = {{},
                                 ref(metadata_field::year),
                                 ref(section::problems),
                                 ref(active_item::fees),
                                 ref(active_item::regulations, document_column::issued),
                                 ref(active_item_2019::procurement, column_2019::amount),
                                 ref(row::granted, applicant::total),
                                 {area::applications, cell_ref::other_handling_row, 2},
                                 ref(proceeding::litigation_direct, case_result::pending)};
    std::size_t compared = 0;
    for (const rule_info &e : catalogue)
        for (status state : all_of<status>())
            for (const cell_ref subject : subjects)
                for (const char *text : {"", "/", "{left}{cell}}{{text}{", "无 {row}"})
                    for (language lang : all_of<language>()) {
                        diagnostic d;
                        d.which = e.which;
                        d.state = state;
                        if (subject.where != area::none) d.cells = {subject, ref(row::denied_state_secret, applicant::other)};
                        if (*text) d.text = text;
                        if (compared % 2 == 0) d.left = decimal{-1205, 2}, d.right = decimal{7, 0}, d.difference = decimal{0, 0};
                        ++compared;
                        EXPECT_EQ(message(d, lang), message_by_replacement(d, lang)) << e.id << " " << text;
                    }
    EXPECT_GT(compared, 1000u);
}

TEST(json, the_examples_are_written_back_byte_for_byte) {
    // The examples are canonical JSON as xxgk writes it: same keys in the same order, same layout.
    std::size_t compared = 0;
    for (const auto &e : std::filesystem::recursive_directory_iterator(source_path("examples"))) {
        if (e.path().extension() != ".json") continue;
        const std::string text = read_file(e.path().string());
        json_error error;
        const auto r = parse_report(text, error);
        if (!r) continue;  // malformed.json, ill-typed.json
        EXPECT_EQ(to_json_text(*r, {.positions = true}, true), text) << e.path();
        ++compared;
    }
    EXPECT_GE(compared, 6u);
}
