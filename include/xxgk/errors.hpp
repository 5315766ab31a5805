#ifndef XXGK_ERRORS_HPP
#define XXGK_ERRORS_HPP

// Why a document or a JSON text could not be read, as an enumerated code (Boost.Describe; the names are
// stable and appear in the C ABI's and the command's JSON) with its reason in Chinese and English. The
// code decides the text; a `detail` adds the specifics the code cannot know (a part name, a size, the
// words of the tool or library that failed), untranslated.

#include <xxgk/enumeration.hpp>
#include <xxgk/rules.hpp>
#include <xxgk/position.hpp>

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace xxgk {

/// Why reading failed. `internal` is a bug in xxgk; `out_of_memory` is memory running out; every other
/// code is a property of the input. Names are stable: new codes are added, none renamed.
BOOST_DEFINE_ENUM_CLASS(error_code,
                        internal, out_of_memory, too_large, format_unavailable, foreign_file, no_report, empty,
                        undecodable, invalid_utf8, invalid_utf16, nul_byte, too_deep, wrong_format, truncated,
                        damaged, encrypted, copy_forbidden, scanned, tool_failed, malformed_xml,
                        json_syntax, json_expected_object, json_expected_array, json_expected_string,
                        json_expected_cell, json_missing_key, json_unknown_key, json_bad_format, json_bad_year,
                        json_bad_agency_kind, json_bad_date, json_unknown_section, json_bad_pointer,
                        json_ambiguous_not_null, json_bad_position, json_position_unknown, json_number_out_of_range,
                        json_number_inexact, json_text_too_long)

/// The reason of each code in Chinese (`labels_of`, the default) and in English (`english_labels_of`).
template <> inline constexpr std::array<std::string_view, 39> labels_of<error_code> = {
    "读取时发生内部错误（请报告此问题）",
    "内存不足",
    "输入超过大小上限",
    "此版本未包含该格式的读取器",
    "不是年度报告文档",
    "文档中未找到年度报告：六个部分的标题和三张表格都没有（文档为空、不完整，或不是政府信息公开工作年度报告？）",
    "文档中没有文字",
    "文字既不是UTF-8也不是GB18030/GBK编码，请先转换为UTF-8",
    "文字不是有效的UTF-8编码（文件不完整或已损坏？）",
    "文字不是有效的UTF-16编码（文件不完整或已损坏？）",
    "文字中有NUL字节：这是二进制文件，或没有字节顺序标记的UTF-16文本？",
    "元素嵌套层次超过上限",
    "文件格式与所指定的不符",
    "文件不完整（末尾缺失），请重新下载",
    "文件已损坏或不完整",
    "文件已加密：需要密码才能打开，请另存一份未加密的副本再读取",
    "文件已加密：其权限不允许复制文字",
    "扫描版PDF：没有文字层，须先进行文字识别（OCR）",
    "外部程序无法读取此文件",
    "XML格式错误",
    "JSON语法错误",
    "应为对象",
    "应为JSON指针数组",
    "应为字符串",
    "应为数字、字符串或null",
    "缺少键",
    "未知的键",
    "应为\"2021\"或\"2019\"",
    "应为数据年度，即1990至2100之间的整数",
    "应为\"department\"、\"government\"、\"township\"、\"other\"之一",
    "应为YYYY-MM-DD格式的日期",
    "未知的部分（应为overview、active_disclosure、applications、review_litigation、problems、other_matters）",
    "应为本报告格式中某个表格单元格的JSON指针",
    "无法读取的单元格在表格中必须为null",
    "应为正整数",
    "位置须有行号或表格号",
    "数字超出范围（最多18位，小数点后最多9位）",
    "数字的有效位数超过15位：请写成字符串以保持精确",
    "单元格文字过长"};

template <>
inline constexpr std::array<std::string_view, 39> english_labels_of<error_code> = {
    "internal error while reading (please report it)",
    "out of memory",
    "the input exceeds the size limit",
    "reading this format is not available in this build",
    "not a report document",
    "no report found in this document: none of the six section headings and none of the three tables (empty, "
    "truncated or not an annual report on government information disclosure?)",
    "the document holds no text",
    "the text is neither UTF-8 nor GB18030/GBK; convert it to UTF-8",
    "invalid UTF-8 (truncated or corrupted file?)",
    "invalid UTF-16 (truncated or corrupted file?)",
    "NUL byte in the text: a binary file, or UTF-16 without a byte order mark?",
    "elements nested deeper than the limit",
    "the file is not in the format it was named as",
    "truncated file (its end is missing); download it again",
    "damaged, truncated or corrupt file",
    "encrypted: a password is needed to open this file; save an unprotected copy and read that",
    "encrypted: its permissions forbid copying text",
    "scanned PDF: no text layer; OCR is needed before it can be read",
    "the program that reads this format could not read the file",
    "malformed XML",
    "invalid JSON",
    "expected an object",
    "expected an array of JSON Pointers",
    "expected a string",
    "expected a number, a string or null",
    "missing key",
    "unknown key",
    "expected \"2021\" or \"2019\"",
    "expected the data year, an integer from 1990 to 2100",
    "expected one of \"department\", \"government\", \"township\", \"other\"",
    "expected a date YYYY-MM-DD",
    "unknown section (expected overview, active_disclosure, applications, review_litigation, problems, "
    "other_matters)",
    "expected the JSON Pointer of a table cell of this report's format",
    "an ambiguous cell must be null in the table",
    "expected a positive integer",
    "a position needs a line or a table",
    "number out of range (at most 18 digits, 9 after the point)",
    "number has more than 15 significant digits; write it as a string to keep it exact",
    "cell text too long"};

/// The kind of a JSON value, as a `json_expected_*` error names what it found instead (`none`: not such an
/// error, or nothing found).
BOOST_DEFINE_ENUM_CLASS(json_kind, none, null, boolean, number, string, array, object)
/// Each kind as the message names it after 实为 (Chinese, the default) or after "found" (English).
template <> inline constexpr std::array<std::string_view, 7> labels_of<json_kind> = {
    "", "null", "布尔值", "数字", "字符串", "数组", "对象"};
template <> inline constexpr std::array<std::string_view, 7> english_labels_of<json_kind> = {
    "", "null", "a boolean", "a number", "a string", "an array", "an object"};

/// The reason of a code in `lang`, followed by the detail when there is one (`缺少键（"2021"）`,
/// `missing key ("2021")`) and by the JSON kind found when there is one (`应为字符串，实为数字`,
/// `expected a string, found a number`).
std::string error_message(error_code code, std::string_view detail, language lang = language::zh,
                          json_kind found = json_kind::none);

/// Why a document could not be read at all: the code, its detail and, when known, where (a position in the
/// document; the JSON Pointer and byte offset for JSON).
struct read_error {
    read_error() = default;
    read_error(error_code c, std::string d = {}, source_position at = {}, std::size_t byte = 0)
        : code(c), detail(std::move(d)), where(at), offset(byte) {}

    error_code code = error_code::internal;
    /// The specifics the code does not say (untranslated): a part name, a size, a tool's own words.
    std::string detail;
    source_position where{};
    /// The JSON Pointer of the offending value of a JSON document ("" when none).
    std::string pointer;
    /// The byte offset of the fault (a JSON syntax error, text that does not decode); 0 when none.
    std::size_t offset = 0;
    /// For the `json_expected_*` codes: the kind of the value found instead.
    json_kind found = json_kind::none;

    /// The reason in `lang`, without the position.
    std::string message(language lang = language::zh) const { return error_message(code, detail, lang, found); }
    /// One line for people, with the position: `第12行第3列：…`, `line 12, column 3: …`, `at /year: …`.
    std::string describe(language lang = language::zh) const;
    friend bool operator==(const read_error &, const read_error &) = default;
};

/// Thrown by the throwing forms of the readers; `what()` is the English description.
class read_exception : public std::runtime_error {
public:
    explicit read_exception(read_error e) : std::runtime_error(e.describe(language::en)), error_(std::move(e)) {}
    read_exception(error_code code, std::string detail, source_position where = {})
        : read_exception(read_error{code, std::move(detail), where}) {}
    const read_error &error() const noexcept { return error_; }

private:
    read_error error_;
};

}  // namespace xxgk

#include <xxgk/impl/errors.ipp>

#endif
