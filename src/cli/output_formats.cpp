// The outputs of `xxgk check`: text, json, jsonl, csv and sarif. A new format is one class and one line
// in `formats`. Every output streams file by file, so memory does not grow with the corpus.
#include "batch.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <iostream>

namespace xxgk::cli {

std::string finding_line(std::string_view file, const xxgk::diagnostic &d, xxgk::language lang) {
    std::string line(file);
    line += xxgk::position_text(d, lang, xxgk::position_style::compact) + ": ";
    line += lang == xxgk::language::zh ? xxgk::label(d.level) : xxgk::name(d.level);
    line += ": [" + std::string(xxgk::info(d.which).id) + "] " + escaped(xxgk::message(d, lang));
    if (!d.cells.empty()) line += " (" + xxgk::json_pointer(d.cells.front()) + ")";
    return line;
}

namespace {

struct counts {
    std::size_t error = 0, warning = 0, info = 0;
    void add(xxgk::severity s) { (s == xxgk::severity::error ? error : s == xxgk::severity::warning ? warning : info)++; }
    boost::json::object json() const { return {{"error", error}, {"warning", warning}, {"info", info}}; }
};

// A finding with where it comes from: the diagnostic JSON plus file, agency, year and fingerprint.
boost::json::object finding_json(const file_result &r, std::size_t k, xxgk::language lang, bool with_file) {
    boost::json::object o = xxgk::to_json(r.diagnostics[k], lang);
    o["fingerprint"] = r.fingerprints[k];
    if (with_file) {
        o["file"] = r.file;
        o["agency"] = r.agency;
        o["year"] = r.year ? boost::json::value(*r.year) : boost::json::value(nullptr);
        if (!r.previous.empty()) o["previous"] = r.previous;
    }
    return o;
}


class text_output final : public output {
public:
    text_output(std::ostream &out, xxgk::language lang, bool batch) : out_(out), lang_(lang), batch_(batch) {}
    void file(const file_result &r) override {
        if (r.error) return report_unreadable(r);
        counts c;
        for (const auto &d : r.diagnostics) {
            c.add(d.level);
            out_ << finding_line(r.file, d, lang_) << "\n";
        }
        if (lang_ == xxgk::language::zh)
            out_ << r.file << "：错误 " << c.error << "，警告 " << c.warning << "，提示 " << c.info << "\n";
        else
            out_ << r.file << ": errors " << c.error << ", warnings " << c.warning << ", infos " << c.info << "\n";
    }
    void finish(const run_summary &s) override {
        if (batch_) print_summary(out_, s, lang_);
    }

private:
    std::ostream &out_;
    xxgk::language lang_;
    bool batch_;
};

}  // namespace

void report_unreadable(const file_result &r) { std::cerr << "xxgk: " << r.file << ": " << escaped(*r.error) << "\n"; }

boost::json::object statistics_json(const run_summary &s) {
    boost::json::object rules, agencies;
    for (const auto &[id, n] : s.by_rule) rules[id] = n;
    for (const auto &[name, c] : s.by_agency)
        agencies[name] = {{"reports", c.reports}, {"error", c.error}, {"warning", c.warning}, {"info", c.info}};
    boost::json::array unreadable;
    for (const auto &[file, reason] : s.unreadable) unreadable.push_back({{"file", file}, {"error", reason}});
    boost::json::array skipped;
    for (const auto &[file, reason] : s.skipped.listed) skipped.push_back({{"file", file}, {"reason", reason}});
    return {{"files", s.files}, {"reports", s.reports}, {"pairs", s.pairs}, {"suppressed", s.suppressed},
            {"rules", std::move(rules)}, {"agencies", std::move(agencies)}, {"unreadable", std::move(unreadable)},
            {"seen", s.files + s.skipped.count}, {"skipped_count", s.skipped.count}, {"skipped", std::move(skipped)}};
}

boost::json::object summary_json(const run_summary &s) { return counts{s.error, s.warning, s.info}.json(); }

boost::json::object file_json(const file_result &r, xxgk::language lang) {
    boost::json::object o{{"file", r.file}};
    if (r.error) {
        o["error"] = *r.error;
        return o;
    }
    o["agency"] = r.agency;
    o["kind"] = r.kind ? boost::json::value(xxgk::name(*r.kind)) : boost::json::value(nullptr);
    o["year"] = r.year ? boost::json::value(*r.year) : boost::json::value(nullptr);
    o["published"] = r.published ? boost::json::value(*r.published) : boost::json::value(nullptr);
    o["late_days"] = r.late_days ? boost::json::value(*r.late_days) : boost::json::value(nullptr);
    if (!r.previous.empty()) o["previous"] = r.previous;
    boost::json::array ds;
    counts c;
    for (std::size_t k = 0; k < r.diagnostics.size(); ++k) {
        ds.push_back(finding_json(r, k, lang, false));
        c.add(r.diagnostics[k].level);
    }
    o["diagnostics"] = std::move(ds);
    o["summary"] = c.json();
    return o;
}

std::optional<long> late_days(const xxgk::report &r, const xxgk::deadline_options &deadlines) {
    if (!r.published || !r.year) return std::nullopt;
    // pub.late itself decides, whatever --disable or --severity say of it.
    std::vector<xxgk::diagnostic> found;
    xxgk::check_publication(r, xxgk::check_options{}, deadlines, found);
    for (const xxgk::diagnostic &d : found)
        if (d.which == xxgk::rule::pub_late)
            return d.state == xxgk::status::fail && d.difference ? std::optional<long>(std::stol(xxgk::to_string(*d.difference)))
                                                                 : std::nullopt;
    return 0;
}

namespace {

// One JSON document: {"files": [...], "summary": {error, warning, info}, "statistics": {...}}.
class json_output final : public output {
public:
    json_output(std::ostream &out, xxgk::language lang) : out_(out), lang_(lang) { out_ << "{\n  \"files\": ["; }
    void file(const file_result &r) override {
        if (r.error) report_unreadable(r);
        const boost::json::object o = file_json(r, lang_);
        out_ << (first_ ? "\n    " : ",\n    ") << boost::json::serialize(o);
        first_ = false;
    }
    bool summarises_every_agency() const override { return true; }
    void finish(const run_summary &s) override {
        out_ << (first_ ? "]" : "\n  ]") << ",\n  \"summary\": " << boost::json::serialize(summary_json(s))
             << ",\n  \"statistics\": " << boost::json::serialize(statistics_json(s)) << "\n}\n";
    }

private:
    std::ostream &out_;
    xxgk::language lang_;
    bool first_ = true;
};

// One JSON object per line: a finding, or {"file", "error"} for a file that could not be read.
class jsonl_output final : public output {
public:
    jsonl_output(std::ostream &out, xxgk::language lang) : out_(out), lang_(lang) {}
    void file(const file_result &r) override {
        if (r.error) {
            report_unreadable(r);
            out_ << boost::json::serialize(boost::json::object{{"file", r.file}, {"error", *r.error}}) << "\n";
            return;
        }
        for (std::size_t k = 0; k < r.diagnostics.size(); ++k)
            out_ << boost::json::serialize(finding_json(r, k, lang_, true)) << "\n";
    }
    void finish(const run_summary &s) override { print_summary(std::cerr, s, lang_); }

private:
    std::ostream &out_;
    xxgk::language lang_;
};

// A text field of the CSV: quoted when it must be; one that a spreadsheet would take for a formula (it starts
// with = + - @, a tab or a carriage return) is prefixed with ' (OWASP's advice), which the spreadsheet hides.
std::string csv_field(std::string_view s) {
    const bool formula = !s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos;
    const std::string text = formula ? "'" + std::string(s) : std::string(s);
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string q = "\"";
    for (char c : text) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

// RFC 4180 CSV, one finding per row; an unreadable file is a row with status `unreadable`.
class csv_output final : public output {
public:
    csv_output(std::ostream &out, xxgk::language lang, bool bom) : out_(out), lang_(lang) {
        if (bom) out_ << "\xEF\xBB\xBF";
        out_ << "file,agency,year,rule,severity,status,pointer,table,row,column,left,right,difference,message,"
                "fingerprint\r\n";
    }
    void file(const file_result &r) override {
        const std::string year = r.year ? std::to_string(*r.year) : std::string();
        if (r.error) {
            report_unreadable(r);
            out_ << csv_field(r.file) << ",,,,error,unreadable,,,,,,,," << csv_field(*r.error) << ",\r\n";
            return;
        }
        for (std::size_t k = 0; k < r.diagnostics.size(); ++k) {
            const xxgk::diagnostic &d = r.diagnostics[k];
            const xxgk::cell_ref first = d.cells.empty() ? xxgk::cell_ref{} : d.cells.front();
            const xxgk::ref_labels l = xxgk::labels(first);
            auto value = [](const std::optional<xxgk::decimal> &v) { return v ? xxgk::to_string(*v) : std::string(); };
            out_ << csv_field(r.file) << ',' << csv_field(r.agency) << ',' << year << ',' << xxgk::info(d.which).id << ','
                 << xxgk::name(d.level) << ',' << xxgk::name(d.state) << ',' << csv_field(xxgk::json_pointer(first))
                 << ',' << csv_field(l.table) << ',' << csv_field(l.row) << ',' << csv_field(l.column) << ','
                 << value(d.left) << ',' << value(d.right) << ',' << value(d.difference) << ','
                 << csv_field(xxgk::message(d, lang_)) << ',' << r.fingerprints[k] << "\r\n";
        }
    }
    void finish(const run_summary &s) override { print_summary(std::cerr, s, lang_); }

private:
    std::ostream &out_;
    xxgk::language lang_;
};

// A path as a URI reference: relative paths stay relative, absolute ones become file:// URIs.
std::string file_uri(std::string_view path) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string uri = path.starts_with('/') ? "file://" : "";
    for (unsigned char c : path) {
        const bool keep = std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~';
        if (keep) uri += static_cast<char>(c);
        else uri += '%', uri += digits[c >> 4], uri += digits[c & 0xF];
    }
    return uri;
}

std::string_view sarif_level(xxgk::severity s) {
    return s == xxgk::severity::error ? "error" : s == xxgk::severity::warning ? "warning" : "note";
}

// SARIF 2.1.0: one run, the whole catalogue as the driver's rules, one result per finding with a
// stable partial fingerprint; unreadable files are tool execution notifications.
class sarif_output final : public output {
public:
    sarif_output(std::ostream &out, xxgk::language lang) : out_(out), lang_(lang) {
        boost::json::array rules;
        for (const xxgk::rule_info &e : xxgk::catalogue) {
            const bool zh = lang == xxgk::language::zh;
            rules.push_back({{"id", e.id},
                             {"name", e.title_en},
                             {"shortDescription", {{"text", zh ? e.title_zh : e.title_en}}},
                             {"fullDescription", {{"text", xxgk::rationale(e, lang)}}},
                             {"messageStrings", {{"default", {{"text", zh ? e.message_zh : e.message_en}}}}},
                             {"defaultConfiguration", {{"level", sarif_level(e.default_severity)}}},
                             {"properties", {{"scope", xxgk::name(e.scope)}}}});
        }
        boost::json::object driver{{"name", "xxgk"},
                                   {"version", XXGK_VERSION_STRING},
                                   {"rules", std::move(rules)}};
        out_ << "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{"
             << "\"tool\":" << boost::json::serialize(boost::json::object{{"driver", std::move(driver)}})
             << ",\"columnKind\":\"unicodeCodePoints\",\"results\":[";
    }
    void file(const file_result &r) override {
        if (r.error) {
            report_unreadable(r);
            notifications_.push_back(
                {{"level", "error"},
                 {"message", {{"text", r.file + ": " + *r.error}}},
                 {"locations",
                  {{{"physicalLocation", {{"artifactLocation", {{"uri", file_uri(r.file)}}}}}}}}});
            return;
        }
        for (std::size_t k = 0; k < r.diagnostics.size(); ++k) {
            const xxgk::diagnostic &d = r.diagnostics[k];
            boost::json::object physical{{"artifactLocation", {{"uri", file_uri(r.file)}}}};
            if (d.source.line) {
                boost::json::object region{{"startLine", d.source.line}};
                if (d.source.column) region["startColumn"] = d.source.column;
                physical["region"] = std::move(region);
            }
            // A finding can name a cell twice (xy.in_force: this year's and last year's in force); SARIF's
            // logical locations are unique items.
            boost::json::array logical;
            std::vector<std::string> named;
            for (xxgk::cell_ref c : d.cells) {
                std::string pointer = xxgk::json_pointer(c);
                if (std::find(named.begin(), named.end(), pointer) != named.end()) continue;
                logical.push_back({{"fullyQualifiedName", pointer}, {"kind", "element"}});
                named.push_back(std::move(pointer));
            }
            boost::json::object properties = finding_json(r, k, lang_, true);
            properties.erase("message");
            const bool failed = d.state == xxgk::status::fail;
            boost::json::object result{
                {"ruleId", xxgk::info(d.which).id},
                {"ruleIndex", xxgk::index(d.which)},
                {"kind", failed ? "fail" : "review"},
                {"level", failed ? sarif_level(d.level) : "none"},
                {"message", {{"text", xxgk::message(d, lang_)}}},
                {"locations", {{{"physicalLocation", std::move(physical)}, {"logicalLocations", std::move(logical)}}}},
                {"partialFingerprints", {{"xxgk/v1", r.fingerprints[k]}}},
                {"properties", std::move(properties)}};
            out_ << (first_ ? "" : ",") << boost::json::serialize(result);
            first_ = false;
        }
    }
    bool summarises_every_agency() const override { return true; }
    void finish(const run_summary &s) override {
        boost::json::object invocation{{"executionSuccessful", true},
                                       {"toolExecutionNotifications", std::move(notifications_)}};
        out_ << "],\"invocations\":[" << boost::json::serialize(invocation)
             << "],\"properties\":{\"summary\":" << boost::json::serialize(statistics_json(s)) << "}}]}\n";
        print_summary(std::cerr, s, lang_);
    }

private:
    std::ostream &out_;
    xxgk::language lang_;
    bool first_ = true;
    boost::json::array notifications_;
};

struct format_entry {
    std::string_view name;
    std::unique_ptr<output> (*make)(std::ostream &, const output_settings &);
};

constexpr format_entry formats[] = {
    {"text", [](std::ostream &o, const output_settings &s) -> std::unique_ptr<output> {
         return std::make_unique<text_output>(o, s.lang, s.batch);
     }},
    {"json", [](std::ostream &o, const output_settings &s) -> std::unique_ptr<output> {
         return std::make_unique<json_output>(o, s.lang);
     }},
    {"jsonl", [](std::ostream &o, const output_settings &s) -> std::unique_ptr<output> {
         return std::make_unique<jsonl_output>(o, s.lang);
     }},
    {"csv", [](std::ostream &o, const output_settings &s) -> std::unique_ptr<output> {
         return std::make_unique<csv_output>(o, s.lang, s.csv_bom);
     }},
    {"sarif", [](std::ostream &o, const output_settings &s) -> std::unique_ptr<output> {
         return std::make_unique<sarif_output>(o, s.lang);
     }},
};

}  // namespace

std::unique_ptr<output> make_output(std::string_view name, std::ostream &out, const output_settings &settings) {
    for (const format_entry &f : formats)
        if (f.name == name) return f.make(out, settings);
    return nullptr;
}

std::string_view output_names() { return "text, json, jsonl, csv, sarif, html or xlsx"; }

}  // namespace xxgk::cli
