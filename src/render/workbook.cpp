// The Excel workbook of a batch check, written with libxlsxwriter (Debian's libxlsxwriter-dev).
#include <xxgk/render.hpp>
#include <xxgk/workbook.hpp>

#include <boost/json/value.hpp>
#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace xxgk {

namespace {

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

// One sheet: writes rows from the top, remembers the widest text of each column, checks every call.
class sheet {
public:
    sheet(lxw_workbook *book, const std::string &path, std::string_view name, std::span<const std::string_view> headers,
          lxw_format *header_format, lxw_format *wrap)
        : path_(path), name_(name), wrap_(wrap), widths_(headers.size(), min_width) {
        ws_ = workbook_add_worksheet(book, name_.c_str());
        if (!ws_) throw workbook_error("cannot write " + path_ + ": cannot add the sheet " + name_);
        for (std::size_t c = 0; c < headers.size(); ++c) text(c, headers[c], header_format);
        next_row();
    }

    void text(std::size_t col, std::string_view s, lxw_format *format = nullptr) {
        if (s.empty()) return;
        const std::string value = cell_text(s);
        check(worksheet_write_string(ws_, row(), static_cast<lxw_col_t>(col), value.c_str(), format));
        widths_[col] = std::max(widths_[col], static_cast<double>(display_width(value)) * 1.1 + 2);
    }
    void number(std::size_t col, double v) {
        check(worksheet_write_number(ws_, row(), static_cast<lxw_col_t>(col), v, nullptr));
        widths_[col] = std::max(widths_[col], 8.0);
    }
    // A JSON value: numbers as numbers, exact decimals in strings as numbers when a double keeps them.
    void value(std::size_t col, const boost::json::value *v) {
        if (!v || v->is_null()) return;
        if (v->is_int64()) return number(col, static_cast<double>(v->get_int64()));
        if (v->is_uint64()) return number(col, static_cast<double>(v->get_uint64()));
        if (v->is_double()) return number(col, v->get_double());
        if (v->is_bool()) return text(col, v->get_bool() ? "true" : "false");
        if (!v->is_string()) return;
        const std::string_view s = v->get_string();
        if (const auto n = exact_number(s)) return number(col, *n);
        text(col, s);
    }
    void next_row() {
        if (++rows_ >= max_rows)
            throw workbook_error("cannot write " + path_ + ": the sheet " + name_ +
                                 " would need more than the 1,048,576 rows an Excel sheet holds");
    }
    // Frozen header row, filter over every written row, widths that fit (long texts wrap).
    void finish() {
        worksheet_freeze_panes(ws_, 1, 0);
        const auto last_col = static_cast<lxw_col_t>(widths_.size() - 1);
        check(worksheet_autofilter(ws_, 0, 0, static_cast<lxw_row_t>(rows_ - 1), last_col));
        for (std::size_t c = 0; c < widths_.size(); ++c) {
            const bool wraps = widths_[c] > max_width;
            check(worksheet_set_column(ws_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                       std::min(widths_[c], max_width), wraps ? wrap_ : nullptr));
        }
    }

private:
    lxw_row_t row() const { return static_cast<lxw_row_t>(rows_); }
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

const boost::json::value *member(const boost::json::object &o, std::string_view key) { return o.if_contains(key); }

std::string_view string_member(const boost::json::object &o, std::string_view key) {
    const boost::json::value *v = o.if_contains(key);
    return v && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

// An enumerator's name in the JSON shown as the run's language shows it: the Chinese label, or the name.
template <class E>
std::string_view shown(std::string_view json_name, language lang) {
    if (lang == language::zh)
        if (const auto e = from_name<E>(json_name)) return label(*e);
    return json_name;
}

const boost::json::array &files_of(const boost::json::object &check_output) {
    const boost::json::value *files = check_output.if_contains("files");
    if (!files || !files->is_array()) throw workbook_error("not the output of xxgk check --format json: no \"files\" array");
    for (const boost::json::value &f : files->get_array())
        if (!f.is_object()) throw workbook_error("not the output of xxgk check --format json: a file is not an object");
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

void write_reports(sheet &s, const boost::json::array &files, language lang) {
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

void write_workbook(const boost::json::object &check_output, const std::string &path, language lang) {
    const boost::json::array &files = files_of(check_output);
    const bool zh = lang == language::zh;
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    std::unique_ptr<lxw_workbook, closer> book(workbook_new_opt(path.c_str(), &options));
    if (!book) throw workbook_error("cannot write " + path + ": out of memory");
    lxw_format *bold = workbook_add_format(book.get());
    lxw_format *wrap = workbook_add_format(book.get());
    if (!bold || !wrap) throw workbook_error("cannot write " + path + ": out of memory");
    format_set_bold(bold);
    format_set_bg_color(bold, 0xDDEBF7);
    format_set_bottom(bold, LXW_BORDER_THIN);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

    const auto fh = headers(finding_headers, lang);
    sheet findings(book.get(), path, zh ? "问题清单" : "Findings", fh, bold, wrap);
    write_findings(findings, files, lang);
    findings.finish();
    const auto rh = headers(report_headers, lang);
    sheet reports(book.get(), path, zh ? "报告一览" : "Reports", rh, bold, wrap);
    write_reports(reports, files, lang);
    reports.finish();
    const auto ch = headers(rule_headers, lang);
    sheet rules(book.get(), path, zh ? "规则" : "Rules", ch, bold, wrap);
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
