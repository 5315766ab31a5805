#ifndef XXGK_WORKBOOK_HPP
#define XXGK_WORKBOOK_HPP

// A batch check as an Excel workbook (.xlsx) for people who work in Excel or WPS 表格: every finding, a row
// per report and the rule catalogue, each sheet with a frozen header row, a filter, columns wide enough for
// their Chinese text and numbers stored as numbers. Written with libxlsxwriter. Link `xxgk::render`.

#include <xxgk/rules.hpp>

#include <boost/json/object.hpp>

#include <stdexcept>
#include <string>

namespace xxgk {

/// The workbook could not be written; the message names the file and the reason.
struct workbook_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// The document given is not the output it should be (no `files` array, a file that is not an object).
struct workbook_input_error : workbook_error {
    using workbook_error::workbook_error;
};

/// Writes the workbook of `check_output`, the document `xxgk check --format json` prints (`files`, `summary`,
/// `statistics`), to `path`, replacing it: sheets 问题清单 (one row per finding, or per unreadable file),
/// 报告一览 (one row per input) and 规则 (the catalogue with the run's count per rule), with headers in
/// `lang`. With `office`, the document `xxgk aggregate` prints (`roster`, `aggregates`, `reports`), also 名单
/// (the roster), 汇总 (each parent's sum in the official layout, the cells that differ from its own report
/// marked) and 指标 (the indicators with last year's), and each report's indicators in 报告一览. Throws
/// workbook_error when the file cannot be written, workbook_input_error when `check_output` is not of that shape.
void write_workbook(const boost::json::object &check_output, const std::string &path, language lang = language::zh,
                    const boost::json::object *office = nullptr);

}  // namespace xxgk

#endif
