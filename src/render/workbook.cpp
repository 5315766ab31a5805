// The Excel workbook of a batch check, written with libxlsxwriter (Debian's libxlsxwriter-dev).
#include "layout.hpp"
#include "office_json.hpp"

#include <xxgk/json.hpp>
#include <xxgk/render.hpp>
#include <xxgk/workbook.hpp>

#include <boost/json/value.hpp>
#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace xxgk {

namespace {

using namespace render_detail;

// An Excel sheet holds 1,048,576 rows, the header included; a cell at most 32,767 characters.
constexpr std::size_t max_rows = 1048576;
constexpr std::size_t max_cell_bytes = 32767;
// Widths in Excel's units (about one digit): a CJK character takes about two. Long texts wrap instead.
constexpr double min_width = 6, max_width = 60;

struct closer {
    void operator()(lxw_workbook *w) const { lxw_workbook_free(w); }
};

// A text as a cell holds it: cut at a character boundary below Excel's limit.
std::string cell_text(std::string_view s) {
    if (s.size() <= max_cell_bytes) return std::string(s);
    std::size_t end = max_cell_bytes - 3;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    return std::string(s.substr(0, end)) + "…";
}

// The JSON's exact decimal ("-1", "0.35") as a double when the double shows the same figure (at most 15
// significant digits), so Excel computes with it; otherwise nothing, and the cell keeps the text.
std::optional<double> exact_number(std::string_view s) {
    if (s.empty() || s.size() > 40) return std::nullopt;
    std::size_t digits = 0;
    bool leading = true;
    for (std::size_t k = 0; k < s.size(); ++k) {
        const char c = s[k];
        if (c == '-' && k == 0) continue;
        if (c == '.') continue;
        if (c < '0' || c > '9') return std::nullopt;
        if (leading && c == '0') continue;
        leading = false;
        ++digits;
    }
    if (digits > 15) return std::nullopt;
    const std::string text(s);
    char *end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size()) return std::nullopt;
    return v;
}

// One sheet: writes rows from the top (or cells anywhere), remembers the widest text of each column, checks
// every call.
class sheet {
public:
    sheet(lxw_workbook *book, const std::string &path, std::string_view name, std::span<const std::string_view> headers,
          lxw_format *header_format, lxw_format *wrap)
        : path_(path), name_(name), wrap_(wrap), widths_(headers.size(), min_width) {
        ws_ = workbook_add_worksheet(book, name_.c_str());
        if (!ws_) throw workbook_error("cannot write " + path_ + ": cannot add the sheet " + name_);
        for (std::size_t c = 0; c < headers.size(); ++c) text(c, headers[c], header_format);
        if (!headers.empty()) next_row();
    }

    void text(std::size_t col, std::string_view s, lxw_format *format = nullptr) { put_text(rows_, col, s, format); }
    void number(std::size_t col, double v, lxw_format *format = nullptr) { put_number(rows_, col, v, format); }
    // A JSON value: numbers as numbers, exact decimals in strings as numbers when a double keeps them.
    void value(std::size_t col, const boost::json::value *v, lxw_format *format = nullptr) {
        if (!v || v->is_null()) return;
        if (v->is_int64()) return number(col, static_cast<double>(v->get_int64()), format);
        if (v->is_uint64()) return number(col, static_cast<double>(v->get_uint64()), format);
        if (v->is_double()) return number(col, v->get_double(), format);
        if (v->is_bool()) return text(col, v->get_bool() ? "true" : "false", format);
        if (!v->is_string()) return;
        const std::string_view s = v->get_string();
        if (const auto n = exact_number(s)) return number(col, *n, format);
        text(col, s, format);
    }
    void next_row() { skip_rows(1); }
    void skip_rows(std::size_t n) {
        rows_ += n;
        if (rows_ >= max_rows)
            throw workbook_error("cannot write " + path_ + ": the sheet " + name_ +
                                 " would need more than the 1,048,576 rows an Excel sheet holds");
    }
    std::size_t row() const { return rows_; }

    void put_text(std::size_t row, std::size_t col, std::string_view s, lxw_format *format = nullptr) {
        if (s.empty()) return;
        const std::string value = cell_text(s);
        check(worksheet_write_string(ws_, at(row), at_col(col), value.c_str(), format));
        widen(col, static_cast<double>(display_width(value)) * 1.1 + 2);
    }
    void put_number(std::size_t row, std::size_t col, double v, lxw_format *format = nullptr) {
        check(worksheet_write_number(ws_, at(row), at_col(col), v, format));
        widen(col, 8);
    }
    // A merged range showing `s` (its width is not one column's).
    void merge(std::size_t row, std::size_t col, std::size_t last_row, std::size_t last_col, std::string_view s,
               lxw_format *format) {
        const std::string value = cell_text(s);
        check(worksheet_merge_range(ws_, at(row), at_col(col), at(last_row), at_col(last_col), value.c_str(), format));
        widen(last_col, min_width);
    }
    void comment(std::size_t row, std::size_t col, std::string_view s) {
        const std::string value = cell_text(s);
        check(worksheet_write_comment(ws_, at(row), at_col(col), value.c_str()));
    }

    // Widths that fit (long texts wrap); a list also gets its header row frozen and a filter over its rows.
    void finish(bool list = true) {
        if (list) {
            worksheet_freeze_panes(ws_, 1, 0);
            check(worksheet_autofilter(ws_, 0, 0, at(rows_ - 1), at_col(widths_.size() - 1)));
        }
        for (std::size_t c = 0; c < widths_.size(); ++c) {
            const bool wraps = widths_[c] > max_width;
            check(worksheet_set_column(ws_, at_col(c), at_col(c), std::min(widths_[c], max_width),
                                       wraps ? wrap_ : nullptr));
        }
    }

private:
    static lxw_row_t at(std::size_t row) { return static_cast<lxw_row_t>(row); }
    lxw_col_t at_col(std::size_t col) const {
        if (col >= 16384) throw workbook_error("cannot write " + path_ + ": the sheet " + name_ + " needs more than 16,384 columns");
        return static_cast<lxw_col_t>(col);
    }
    void widen(std::size_t col, double width) {
        if (col >= widths_.size()) widths_.resize(col + 1, min_width);
        widths_[col] = std::max(widths_[col], width);
    }
    void check(lxw_error e) const {
        if (e != LXW_NO_ERROR) throw workbook_error("cannot write " + path_ + ": sheet " + name_ + ": " + lxw_strerror(e));
    }

    std::string path_, name_;
    lxw_format *wrap_;
    lxw_worksheet *ws_ = nullptr;
    std::vector<double> widths_;
    std::size_t rows_ = 0;
};

// A header in both languages.
struct header {
    std::string_view zh, en;
};

template <std::size_t N>
std::array<std::string_view, N> headers(const std::array<header, N> &h, language lang) {
    std::array<std::string_view, N> out;
    for (std::size_t k = 0; k < N; ++k) out[k] = lang == language::zh ? h[k].zh : h[k].en;
    return out;
}

const boost::json::array &files_of(const boost::json::object &check_output) {
    const boost::json::value *files = check_output.if_contains("files");
    if (!files || !files->is_array())
        throw workbook_input_error("not the output of xxgk check --format json: no \"files\" array");
    for (const boost::json::value &f : files->get_array())
        if (!f.is_object()) throw workbook_input_error("not the output of xxgk check --format json: a file is not an object");
    return files->get_array();
}

void write_findings(sheet &s, const boost::json::array &files, language lang) {
    const bool zh = lang == language::zh;
    for (const boost::json::value &fv : files) {
        const boost::json::object &f = fv.get_object();
        auto common = [&] {
            s.text(0, string_member(f, "agency"));
            s.text(1, string_member(f, "file"));
            s.value(2, member(f, "year"));
        };
        if (f.contains("error")) {
            common();
            s.text(5, zh ? "错误" : "error");
            s.text(6, zh ? "无法读取" : "unreadable");
            s.text(10, string_member(f, "error"));
            s.next_row();
            continue;
        }
        const boost::json::value *ds = member(f, "diagnostics");
        if (!ds || !ds->is_array()) continue;
        for (const boost::json::value &dv : ds->get_array()) {
            if (!dv.is_object()) continue;
            const boost::json::object &d = dv.get_object();
            common();
            const std::string_view id = string_member(d, "rule");
            s.text(3, id);
            if (const auto r = find_rule(id)) s.text(4, zh ? info(*r).title_zh : info(*r).title_en);
            s.text(5, shown<severity>(string_member(d, "severity"), lang));
            s.text(6, shown<status>(string_member(d, "status"), lang));
            if (const boost::json::value *l = member(d, "labels"); l && l->is_object()) {
                s.text(7, string_member(l->get_object(), "table"));
                s.text(8, string_member(l->get_object(), "row"));
                s.text(9, string_member(l->get_object(), "column"));
            }
            s.text(10, string_member(d, "message"));
            s.value(11, member(d, "left"));
            s.value(12, member(d, "right"));
            s.value(13, member(d, "difference"));
            s.text(14, string_member(d, "pointer"));
            s.text(15, string_member(d, "fingerprint"));
            s.next_row();
        }
    }
}

// ---- The office's year: the document of `xxgk aggregate` -------------------------------------------------

// The cell formats of the sheets.
struct formats {
    lxw_format *header, *wrap, *caption, *label, *value, *differs, *percent;
};

// The indicators beside each report in 报告一览: the ids in the order first met, and each file's values.
struct report_indicators {
    std::vector<std::pair<std::string, std::string>> columns;  // id, name
    std::map<std::string, const boost::json::array *, std::less<>> by_file;
};

report_indicators indicators_by_file(const boost::json::object *office, language lang) {
    report_indicators out;
    const boost::json::array *reports = office ? array_member(*office, "reports") : nullptr;
    if (!reports) return out;
    for (const boost::json::value &rv : *reports) {
        if (!rv.is_object()) continue;
        const boost::json::array *values = indicators_of(rv.get_object());
        if (!values) continue;
        out.by_file.emplace(std::string(string_member(rv.get_object(), "file")), values);
        for (const boost::json::value &iv : *values) {
            if (!iv.is_object()) continue;
            const std::string id(string_member(iv.get_object(), "id"));
            if (std::none_of(out.columns.begin(), out.columns.end(), [&](const auto &c) { return c.first == id; }))
                out.columns.emplace_back(id, std::string(indicator_name(iv.get_object(), lang)));
        }
    }
    return out;
}

void write_reports(sheet &s, const boost::json::array &files, const report_indicators &indicators, language lang,
                   const formats &look) {
    const bool zh = lang == language::zh;
    for (const boost::json::value &fv : files) {
        const boost::json::object &f = fv.get_object();
        s.text(0, string_member(f, "agency"));
        s.text(1, string_member(f, "file"));
        s.text(2, shown<agency_kind>(string_member(f, "kind"), lang));
        s.value(3, member(f, "year"));
        s.text(4, string_member(f, "published"));
        if (f.contains("error")) {
            s.text(5, zh ? "无法读取" : "unreadable");
            s.text(12, string_member(f, "error"));
            s.next_row();
            continue;
        }
        const boost::json::value *late = member(f, "late_days");
        if (late && late->is_int64()) {
            const bool on_time = late->get_int64() == 0;
            s.text(5, on_time ? (zh ? "按时" : "on time") : (zh ? "逾期" : "late"));
            if (!on_time) s.value(6, late);
        } else {
            s.text(5, zh ? "无法判断" : "unknown");
        }
        s.text(7, string_member(f, "previous"));
        if (const boost::json::value *c = member(f, "summary"); c && c->is_object()) {
            s.value(8, member(c->get_object(), "error"));
            s.value(9, member(c->get_object(), "warning"));
            s.value(10, member(c->get_object(), "info"));
        }
        const boost::json::value *ds = member(f, "diagnostics");
        s.number(11, ds && ds->is_array() ? static_cast<double>(ds->get_array().size()) : 0);
        if (const auto mine = indicators.by_file.find(string_member(f, "file")); mine != indicators.by_file.end())
            for (const boost::json::value &iv : *mine->second) {
                if (!iv.is_object()) continue;
                const std::string_view id = string_member(iv.get_object(), "id");
                const auto at = std::find_if(indicators.columns.begin(), indicators.columns.end(),
                                             [&](const auto &c) { return c.first == id; });
                const std::size_t col = 13 + 2 * static_cast<std::size_t>(at - indicators.columns.begin());
                s.value(col, member(iv.get_object(), "value"), look.percent);
                s.value(col + 1, member(iv.get_object(), "change"), look.percent);
            }
        s.next_row();
    }
}

void write_rules(sheet &s, const boost::json::object &check_output, language lang) {
    const bool zh = lang == language::zh;
    const boost::json::object *counts = nullptr;
    if (const boost::json::value *st = member(check_output, "statistics"); st && st->is_object())
        if (const boost::json::value *r = member(st->get_object(), "rules"); r && r->is_object()) counts = &r->get_object();
    for (const rule_info &e : catalogue) {
        s.text(0, e.id);
        s.text(1, zh ? e.title_zh : e.title_en);
        s.text(2, zh ? label(e.default_severity) : name(e.default_severity));
        s.text(3, zh ? label(e.scope) : name(e.scope));
        const boost::json::value *n = counts ? counts->if_contains(e.id) : nullptr;
        if (n) s.value(4, n);
        else s.number(4, 0);
        s.text(5, zh ? e.message_zh : e.message_en);
        s.text(6, rationale(e, lang));
        s.next_row();
    }
}

constexpr std::array<header, 14> roster_headers{{{"单位", "unit"},
                                                 {"机关类型", "kind"},
                                                 {"上级", "parent"},
                                                 {"本级", "own office"},
                                                 {"状态", "state"},
                                                 {"文件", "file"},
                                                 {"发布日期", "published"},
                                                 {"截止日期", "deadline"},
                                                 {"是否按时", "on time"},
                                                 {"逾期天数", "days late"},
                                                 {"错误", "errors"},
                                                 {"警告", "warnings"},
                                                 {"无法读取的原因", "why unreadable"},
                                                 {"同年其他文件", "other files of the year"}}};

void write_roster(sheet &s, const boost::json::object &roster, language lang) {
    const bool zh = lang == language::zh;
    if (const boost::json::array *units = array_member(roster, "units"))
        for (const boost::json::value &uv : *units) {
            if (!uv.is_object()) continue;
            const boost::json::object &u = uv.get_object();
            s.text(0, string_member(u, "unit"));
            s.text(1, shown<agency_kind>(string_member(u, "kind"), lang));
            s.text(2, string_member(u, "parent"));
            if (const boost::json::value *own = member(u, "own_office"); own && own->is_bool() && own->get_bool())
                s.text(3, zh ? "是" : "yes");
            s.text(4, shown<unit_state>(string_member(u, "state"), lang));
            s.text(5, string_member(u, "file"));
            s.text(6, string_member(u, "published"));
            s.text(7, string_member(u, "deadline"));
            const std::string_view timely = string_member(u, "timeliness");
            s.text(8, timeliness_shown(timely, lang));
            if (timely == "late") s.value(9, member(u, "days_late"));
            if (string_member(u, "state") != "missing") {
                s.value(10, member(u, "errors"));
                s.value(11, member(u, "warnings"));
            }
            s.text(12, string_member(u, "error"));
            if (const boost::json::array *others = array_member(u, "other_files")) {
                std::string joined;
                for (const boost::json::value &f : *others)
                    if (f.is_string()) joined += (joined.empty() ? "" : "\n") + std::string(f.get_string());
                s.text(13, joined);
            }
            s.next_row();
        }
    if (const boost::json::array *unmatched = array_member(roster, "unmatched"))
        for (const boost::json::value &fv : *unmatched) {
            if (!fv.is_object()) continue;
            const boost::json::object &f = fv.get_object();
            s.text(0, string_member(f, "agency"));
            s.text(4, zh ? "未对应名单中的单位" : "matches no unit");
            s.text(5, string_member(f, "file"));
            s.text(12, string_member(f, "error"));
            s.next_row();
        }
}

// Tables 二, 三 and 四 of `r` in the official layout (merged as the template merges them) from the sheet's
// current row on. A cell with a note (the parent's own published figure and the difference) is marked.
void write_official(sheet &s, const report &r, const std::map<std::string, std::string> &notes, const formats &f) {
    using namespace render_detail;
    for (const grid_table &t : official_grid(r)) {
        s.text(0, label(t.which), f.caption);
        s.next_row();
        const std::size_t top = s.row();
        std::vector<std::vector<bool>> taken(t.rows.size());
        auto free_at = [&](std::size_t row, std::size_t col) { return col >= taken[row].size() || !taken[row][col]; };
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
            std::size_t col = 0;
            for (const grid_cell &c : t.rows[i]) {
                while (!free_at(i, col)) ++col;
                for (std::size_t y = i; y < std::min(taken.size(), i + c.row_span); ++y) {
                    if (taken[y].size() < col + c.col_span) taken[y].resize(col + c.col_span, false);
                    for (std::size_t x = col; x < col + c.col_span; ++x) taken[y][x] = true;
                }
                const std::size_t row = top + i, last_row = row + c.row_span - 1, last_col = col + c.col_span - 1;
                const bool merged = c.row_span > 1 || c.col_span > 1;
                if (c.kind == role::value) {
                    const auto note = notes.find(json_pointer(c.data.ref));
                    lxw_format *format = note != notes.end() ? f.differs : f.value;
                    if (merged) s.merge(row, col, last_row, last_col, "", format);
                    const std::optional<double> n = c.data.value && c.data.value->is_number()
                                                        ? exact_number(to_string(c.data.value->value))
                                                        : std::nullopt;
                    if (n) s.put_number(row, col, *n, format);
                    else if (!merged) s.put_text(row, col, shown_value(c.data).empty() ? " " : shown_value(c.data), format);
                    if (note != notes.end()) s.comment(row, col, note->second);
                } else {
                    lxw_format *format = c.kind == role::caption ? f.caption : c.kind == role::label ? f.label : f.header;
                    if (merged) s.merge(row, col, last_row, last_col, c.text, format);
                    else s.put_text(row, col, c.text.empty() ? " " : c.text, format);
                }
                col += c.col_span;
            }
        }
        s.skip_rows(t.rows.size() + 1);
    }
}

void write_sums(sheet &s, const boost::json::array &aggregates, language lang, const formats &f) {
    const bool zh = lang == language::zh;
    for (const boost::json::value &av : aggregates) {
        if (!av.is_object()) continue;
        const boost::json::object &a = av.get_object();
        std::string title(string_member(a, "parent"));
        if (const boost::json::value *y = member(a, "year"); y && y->is_int64())
            title += zh ? " " + std::to_string(y->get_int64()) + " 年汇总" : " " + std::to_string(y->get_int64()) + " sum";
        else title += zh ? " 汇总" : " sum";
        s.text(0, title, f.caption);
        s.next_row();
        const boost::json::value *complete = member(a, "complete");
        if (complete && complete->is_bool() && !complete->get_bool()) {
            s.text(0, zh ? "不完整：有下级单位未公开或无法读取，其数值未计入" : "incomplete: some parts are missing or unreadable and not summed");
            s.next_row();
        }
        if (const std::string_view error = string_member(a, "error"); !error.empty()) {
            s.text(0, error);
            s.next_row();
        }
        std::map<std::string, std::string> notes;
        const boost::json::array *differences = array_member(a, "differences");
        if (differences)
            for (const boost::json::value &dv : *differences) {
                if (!dv.is_object()) continue;
                const boost::json::object &d = dv.get_object();
                notes[std::string(string_member(d, "pointer"))] =
                    (zh ? "本级公开报告：" : "the published report: ") + std::string(string_member(d, "published")) +
                    (zh ? "；差额（公开 − 汇总）：" : "; difference (published − sum): ") +
                    std::string(string_member(d, "difference"));
            }
        if (const std::string_view compared = string_member(a, "compared_file"); !compared.empty()) {
            const std::string n = std::to_string(notes.size());
            s.text(0, zh ? "与本级公开的报告 " + std::string(compared) + " 相比，" + n + " 个单元格不同（红色，批注为公开数）"
                         : "compared with the published report " + std::string(compared) + ": " + n +
                               " cells differ (red, the comment gives the published figure)");
            s.next_row();
        }
        const boost::json::value *rv = member(a, "report");
        json_error error;
        const std::optional<report> sum = rv && rv->is_object() ? report_from_json(*rv, error) : std::nullopt;
        if (sum) write_official(s, *sum, notes, f);
        s.skip_rows(1);
    }
}

constexpr std::array<header, 12> indicator_headers{{{"单位", "agency"},
                                                    {"文件", "file"},
                                                    {"指标", "indicator"},
                                                    {"名称", "name"},
                                                    {"数值", "value"},
                                                    {"上年", "last year"},
                                                    {"变化", "change"},
                                                    {"分子", "numerator"},
                                                    {"分母", "denominator"},
                                                    {"超过限值", "flagged"},
                                                    {"无法计算的原因", "why no value"},
                                                    {"公式", "formula"}}};

void write_indicator_rows(sheet &s, std::string_view unit, std::string_view file, const boost::json::array &values,
                          language lang, const formats &f) {
    for (const boost::json::value &iv : values) {
        if (!iv.is_object()) continue;
        const boost::json::object &i = iv.get_object();
        s.text(0, unit);
        s.text(1, file);
        s.text(2, string_member(i, "id"));
        s.text(3, indicator_name(i, lang));
        s.value(4, member(i, "value"), f.percent);
        s.value(5, member(i, "previous"), f.percent);
        s.value(6, member(i, "change"), f.percent);
        s.value(7, member(i, "numerator"));
        s.value(8, member(i, "denominator"));
        if (const boost::json::value *flag = member(i, "flagged"); flag && flag->is_bool() && flag->get_bool())
            s.text(9, lang == language::zh ? "是" : "yes");
        s.text(10, string_member(i, "reason"));
        s.text(11, string_member(i, lang == language::zh ? "formula" : "formula_en"));
        s.next_row();
    }
}

void write_indicators(sheet &s, const boost::json::object &office, language lang, const formats &f) {
    if (const boost::json::array *reports = array_member(office, "reports"))
        for (const boost::json::value &rv : *reports)
            if (rv.is_object())
                if (const boost::json::array *values = indicators_of(rv.get_object()))
                    write_indicator_rows(s, string_member(rv.get_object(), "agency"), string_member(rv.get_object(), "file"),
                                         *values, lang, f);
    if (const boost::json::array *aggregates = array_member(office, "aggregates"))
        for (const boost::json::value &av : *aggregates)
            if (av.is_object())
                if (const boost::json::array *values = indicators_of(av.get_object()))
                    write_indicator_rows(s, string_member(av.get_object(), "parent"), lang == language::zh ? "（汇总）" : "(sum)",
                                         *values, lang, f);
}

constexpr std::array<header, 16> finding_headers{{{"单位", "agency"},
                                                  {"文件", "file"},
                                                  {"年度", "year"},
                                                  {"规则", "rule"},
                                                  {"规则名称", "rule title"},
                                                  {"级别", "severity"},
                                                  {"状态", "status"},
                                                  {"表", "table"},
                                                  {"行", "row"},
                                                  {"列", "column"},
                                                  {"说明", "message"},
                                                  {"左值", "left"},
                                                  {"右值", "right"},
                                                  {"差额", "difference"},
                                                  {"单元格", "pointer"},
                                                  {"指纹", "fingerprint"}}};
constexpr std::array<header, 13> report_headers{{{"单位", "agency"},
                                                 {"文件", "file"},
                                                 {"机关类型", "kind"},
                                                 {"年度", "year"},
                                                 {"发布日期", "published"},
                                                 {"按时发布", "on time"},
                                                 {"逾期天数", "days late"},
                                                 {"上年报告", "previous"},
                                                 {"错误", "errors"},
                                                 {"警告", "warnings"},
                                                 {"提示", "infos"},
                                                 {"问题数", "findings"},
                                                 {"无法读取的原因", "why unreadable"}}};
constexpr std::array<header, 7> rule_headers{{{"规则", "rule"},
                                              {"名称", "title"},
                                              {"默认级别", "default severity"},
                                              {"范围", "scope"},
                                              {"本次问题数", "findings in this run"},
                                              {"说明模板", "message"},
                                              {"依据", "rationale"}}};

}  // namespace

void write_workbook(const boost::json::object &check_output, const std::string &path, language lang,
                    const boost::json::object *office) {
    const boost::json::array &files = files_of(check_output);
    const bool zh = lang == language::zh;
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    std::unique_ptr<lxw_workbook, closer> book(workbook_new_opt(path.c_str(), &options));
    if (!book) throw workbook_error("cannot write " + path + ": out of memory");
    auto format = [&] {
        lxw_format *f = workbook_add_format(book.get());
        if (!f) throw workbook_error("cannot write " + path + ": out of memory");
        return f;
    };
    formats f{format(), format(), format(), format(), format(), format(), format()};
    format_set_bold(f.header);
    format_set_bg_color(f.header, 0xDDEBF7);
    format_set_border(f.header, LXW_BORDER_THIN);
    format_set_text_wrap(f.header);
    format_set_align(f.header, LXW_ALIGN_CENTER);
    format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f.wrap);
    format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_bold(f.caption);
    format_set_border(f.label, LXW_BORDER_THIN);
    format_set_align(f.label, LXW_ALIGN_VERTICAL_CENTER);
    format_set_border(f.value, LXW_BORDER_THIN);
    format_set_border(f.differs, LXW_BORDER_THIN);
    format_set_bold(f.differs);
    format_set_bg_color(f.differs, 0xF7A8A8);
    format_set_num_format(f.percent, "0.00%");

    const auto fh = headers(finding_headers, lang);
    sheet findings(book.get(), path, zh ? "问题清单" : "Findings", fh, f.header, f.wrap);
    write_findings(findings, files, lang);
    findings.finish();

    const report_indicators indicators = indicators_by_file(office, lang);
    std::vector<std::string> report_columns;
    for (const header &h : report_headers) report_columns.emplace_back(zh ? h.zh : h.en);
    for (const auto &[id, name] : indicators.columns) {
        report_columns.push_back(name);
        report_columns.push_back(name + (zh ? "较上年" : " change"));
    }
    const std::vector<std::string_view> rh(report_columns.begin(), report_columns.end());
    sheet reports(book.get(), path, zh ? "报告一览" : "Reports", rh, f.header, f.wrap);
    write_reports(reports, files, indicators, lang, f);
    reports.finish();

    if (office) {
        if (const boost::json::object *roster = object_member(*office, "roster")) {
            const auto h = headers(roster_headers, lang);
            sheet s(book.get(), path, zh ? "名单" : "Roster", h, f.header, f.wrap);
            write_roster(s, *roster, lang);
            s.finish();
        }
        if (const boost::json::array *aggregates = array_member(*office, "aggregates")) {
            sheet s(book.get(), path, zh ? "汇总" : "Sums", {}, f.header, f.wrap);
            write_sums(s, *aggregates, lang, f);
            s.finish(false);
        }
        const auto h = headers(indicator_headers, lang);
        sheet s(book.get(), path, zh ? "指标" : "Indicators", h, f.header, f.wrap);
        write_indicators(s, *office, lang, f);
        s.finish();
    }

    const auto ch = headers(rule_headers, lang);
    sheet rules(book.get(), path, zh ? "规则" : "Rules", ch, f.header, f.wrap);
    write_rules(rules, check_output, lang);
    rules.finish();

    errno = 0;
    const lxw_error e = workbook_close(book.release());
    if (e != LXW_NO_ERROR) {
        std::string reason = lxw_strerror(e);
        if (errno) reason += std::string(" (") + std::strerror(errno) + ")";
        throw workbook_error("cannot write " + path + ": " + reason);
    }
}

}  // namespace xxgk
