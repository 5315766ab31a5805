// `xxgk check --format html`: the batch written as linked, self-contained pages.
#include "html_output.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>

namespace xxgk::cli {

namespace {

void write_file(const std::filesystem::path &path, const std::string &content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (out) out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (out) out.close();
    if (!out) throw output_error{"cannot write " + path.string() + ": " + std::strerror(errno)};
}

class html_output final : public output {
public:
    html_output(const std::filesystem::path &dir, xxgk::language lang, std::ostream &messages,
                std::optional<boost::json::object> office)
        : writer_(dir, lang, std::move(office)), lang_(lang), messages_(messages) {}
    void file(const file_result &r) override {
        writer_.add(r.file, r.report ? &*r.report : nullptr, r.diagnostics, r.error.value_or(""), r.late_days);
    }
    void finish(const run_summary &) override { messages_ << wrote_message(writer_.finish(), lang_) << "\n"; }
    bool needs_reports() const override { return true; }

private:
    html_batch_writer writer_;
    xxgk::language lang_;
    std::ostream &messages_;
};

// The canonical path of a file as given, or nothing when the system cannot say (then it matches nothing).
std::optional<std::string> canonical_name(const std::string &file) {
    if (file.empty() || file == "-") return std::nullopt;
    std::error_code ec;
    std::filesystem::path p = std::filesystem::weakly_canonical(file, ec);
    if (ec) return std::nullopt;
    return p.string();
}

// Renames, in the document `xxgk aggregate` printed, every file that is one of this run's inputs (the same
// canonical path) to the input's name, so that the index links it to the input's page whichever way each
// command was given the files (`reports/` against `/home/office/reports/`).
void name_files_as_inputs(boost::json::value &v, const std::map<std::string, std::string> &inputs) {
    auto rename = [&](boost::json::value &file) {
        if (!file.is_string()) return;
        if (const auto key = canonical_name(std::string(file.get_string())))
            if (const auto it = inputs.find(*key); it != inputs.end()) file = it->second;
    };
    if (v.is_array())
        for (boost::json::value &e : v.get_array()) name_files_as_inputs(e, inputs);
    if (!v.is_object()) return;
    for (auto &[key, member] : v.get_object()) {
        if (key == "file" || key == "compared_file" || key == "previous") rename(member);
        else if (key == "other_files" && member.is_array())
            for (boost::json::value &f : member.get_array()) rename(f);
        else name_files_as_inputs(member, inputs);
    }
}

}  // namespace

std::string wrote_message(const std::filesystem::path &index, xxgk::language lang) {
    return (lang == xxgk::language::zh ? "xxgk：已写入 " : "xxgk: wrote ") + escaped(index.string());
}

std::string html_page_name(std::size_t number, const std::string &file) {
    // The folder too: batches of `expected.json` or `report.html` differ only there.
    const std::filesystem::path path(file);
    std::string stem = file == "-" ? std::string("stdin") : path.stem().string();
    if (file != "-" && path.has_parent_path() && !path.parent_path().filename().empty())
        stem = path.parent_path().filename().string() + "-" + stem;
    std::string safe;
    for (char c : stem) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                          c == '_' || c == '.';
        if (keep) safe += c;
        else if (safe.empty() || safe.back() != '_') safe += '_';
        if (safe.size() >= 60) break;
    }
    std::string n = std::to_string(number);
    if (n.size() < 3) n.insert(0, 3 - n.size(), '0');
    return n + "-" + (safe.empty() ? std::string("report") : safe) + ".html";
}

html_batch_writer::html_batch_writer(std::filesystem::path out_dir, xxgk::language lang,
                                     std::optional<boost::json::object> office)
    : dir_(std::move(out_dir)), lang_(lang), office_(std::move(office)) {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) throw output_error{"cannot create directory " + dir_.string() + ": " + ec.message()};
}

void html_batch_writer::add(const std::string &file, const xxgk::report *value,
                            std::span<const xxgk::diagnostic> diagnostics, const std::string &error,
                            std::optional<long> late_days) {
    kept &k = entries_.emplace_back();
    k.file = file;
    k.error = error;
    k.late_days = late_days;
    k.diagnostics.assign(diagnostics.begin(), diagnostics.end());
    if (!value) return;
    k.metadata.emplace();
    k.metadata->title = value->title;
    k.metadata->agency = value->agency;
    k.metadata->year = value->year;
    k.metadata->kind = value->kind;
    k.metadata->published = value->published;
    k.href = html_page_name(entries_.size(), file);
    write_file(dir_ / k.href,
               xxgk::html_report(*value, diagnostics, lang_, {.source_name = file, .index_href = "index.html"}));
}

std::filesystem::path html_batch_writer::finish() {
    std::vector<xxgk::html_index_entry> index;
    for (const kept &k : entries_)
        index.push_back({k.file, k.href, k.metadata ? &*k.metadata : nullptr, k.diagnostics, k.error, k.late_days});
    if (office_) {
        std::map<std::string, std::string> inputs;  // canonical path → the input's name
        for (const kept &k : entries_)
            if (const auto key = canonical_name(k.file)) inputs.emplace(*key, k.file);
        boost::json::value document = std::move(*office_);
        name_files_as_inputs(document, inputs);
        office_ = std::move(document.get_object());
    }
    const std::filesystem::path path = dir_ / "index.html";
    write_file(path, xxgk::html_index(index, lang_, {}, office_ ? &*office_ : nullptr));
    return path;
}

void write_html_reports(const std::vector<html_entry> &entries, const std::filesystem::path &out_dir,
                        xxgk::language lang) {
    html_batch_writer writer(out_dir, lang);
    for (const html_entry &e : entries) writer.add(e.file, e.value ? &*e.value : nullptr, e.diagnostics, e.error);
    writer.finish();
}

std::unique_ptr<output> make_html_output(const std::filesystem::path &out_dir, xxgk::language lang,
                                         std::ostream &messages, const std::string &aggregate) {
    std::optional<boost::json::object> office;
    if (!aggregate.empty()) office = read_office_year(aggregate, lang);
    return std::make_unique<html_output>(out_dir, lang, messages, std::move(office));
}

}  // namespace xxgk::cli
