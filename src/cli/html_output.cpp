// `xxgk check --format html`: the batch written as linked, self-contained pages.
#include "html_output.hpp"

#include <fstream>

namespace xxgk::cli {

namespace {

void write_file(const std::filesystem::path &path, const std::string &content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (out) out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw input_error{"cannot write " + path.string()};
}

}  // namespace

std::string html_page_name(std::size_t number, const std::string &file) {
    std::string stem = file == "-" ? std::string("stdin") : std::filesystem::path(file).stem().string();
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

void write_html_reports(const std::vector<html_entry> &entries, const std::filesystem::path &out_dir,
                        xxgk::language lang) {
    std::error_code ec;
    std::filesystem::create_directories(out_dir, ec);
    if (ec) throw input_error{"cannot create directory " + out_dir.string() + ": " + ec.message()};
    std::vector<xxgk::html_index_entry> index;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const html_entry &e = entries[i];
        xxgk::html_index_entry &line = index.emplace_back();
        line.file = e.file;
        line.error = e.error;
        line.findings = e.diagnostics;
        if (!e.value) continue;
        line.value = &*e.value;
        line.href = html_page_name(i + 1, e.file);
        write_file(out_dir / line.href,
                   xxgk::html_report(*e.value, e.diagnostics, lang, {.source_name = e.file, .index_href = "index.html"}));
    }
    write_file(out_dir / "index.html", xxgk::html_index(index, lang));
}

}  // namespace xxgk::cli
