// `xxgk check --format xlsx -o FILE`: the batch as `--format json` prints it, written as an Excel workbook.
#include "batch.hpp"
#include "html_output.hpp"

#include <xxgk/workbook.hpp>

#include <boost/json/array.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

namespace xxgk::cli {

namespace {

// The workbook is written at the end: libxlsxwriter writes sheet after sheet, and every sheet has a row per
// file or finding. What is kept per file is its JSON object (no report).
class xlsx_output final : public output {
public:
    // A file that cannot be created is said before the run, not after it, and in one line.
    xlsx_output(std::string path, xxgk::language lang) : path_(std::move(path)), lang_(lang) {
        errno = 0;
        if (!std::ofstream(path_, std::ios::binary | std::ios::app))
            throw output_error{"cannot write " + escaped(path_) + ": " + std::strerror(errno)};
    }
    void file(const file_result &r) override {
        if (r.error) report_unreadable(r);
        files_.push_back(file_json(r, lang_));
    }
    bool lists_every_file() const override { return true; }
    bool summarises_every_agency() const override { return true; }
    void finish(const run_summary &s) override {
        const boost::json::object document{
            {"files", std::move(files_)}, {"summary", summary_json(s)}, {"statistics", statistics_json(s)}};
        try {
            xxgk::write_workbook(document, path_, lang_);
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
};

}  // namespace

std::unique_ptr<output> make_xlsx_output(const std::string &path, xxgk::language lang) {
    return std::make_unique<xlsx_output>(path, lang);
}

}  // namespace xxgk::cli
