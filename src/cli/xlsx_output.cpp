// `xxgk check --format xlsx -o FILE`: the batch as `--format json` prints it, written as an Excel workbook.
#include "batch.hpp"
#include "html_output.hpp"

#include <xxgk/workbook.hpp>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>

namespace xxgk::cli {

boost::json::object read_office_year(const std::string &path, xxgk::language lang) {
    const std::string text = read_input(path, lang);
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(text, ec);
    if (ec) throw input_error{shown_name(path) + ": not JSON: " + ec.message()};
    if (!v.is_object() || !v.get_object().contains("roster"))
        throw input_error{shown_name(path) + ": not the output of xxgk aggregate (no \"roster\")"};
    return std::move(v.get_object());
}

namespace {

// The workbook is written at the end: libxlsxwriter writes sheet after sheet, and every sheet has a row per
// file or finding. What is kept per file is its JSON object (no report).
class xlsx_output final : public output {
public:
    // A file that cannot be created is said before the run, not after it, and in one line.
    xlsx_output(std::string path, xxgk::language lang, const std::string &aggregate)
        : path_(std::move(path)), lang_(lang) {
        if (!aggregate.empty()) office_ = read_office_year(aggregate, lang);
        errno = 0;
        if (!std::ofstream(path_, std::ios::binary | std::ios::app))
            throw output_error{"cannot write " + escaped(path_) + ": " + std::strerror(errno)};
    }
    void file(const file_result &r) override {
        if (r.error) report_unreadable(r);
        files_.push_back(file_json(r, lang_));
    }
    bool summarises_every_agency() const override { return true; }
    void finish(const run_summary &s) override {
        const boost::json::object document{
            {"files", std::move(files_)}, {"summary", summary_json(s)}, {"statistics", statistics_json(s)}};
        try {
            xxgk::write_workbook(document, path_, lang_, office_ ? &*office_ : nullptr);
        } catch (const xxgk::workbook_error &e) {
            throw output_error{escaped(e.what())};
        }
        print_summary(std::cerr, s, lang_);
        std::cerr << wrote_message(path_, lang_) << "\n";
    }

private:
    std::string path_;
    xxgk::language lang_;
    boost::json::array files_;
    std::optional<boost::json::object> office_;
};

}  // namespace

std::unique_ptr<output> make_xlsx_output(const std::string &path, xxgk::language lang, const std::string &aggregate) {
    return std::make_unique<xlsx_output>(path, lang, aggregate);
}

}  // namespace xxgk::cli
