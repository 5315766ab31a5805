// Reading errors as text. Included by errors.hpp only.

namespace xxgk {

inline std::string error_message(error_code code, std::string_view detail, language lang, json_kind found) {
    const bool zh = lang == language::zh;
    std::string s(zh ? label(code) : english_label(code));
    if (!detail.empty()) {
        s += zh ? "（" : " (";
        s += detail;
        s += zh ? "）" : ")";
    }
    if (found != json_kind::none) {
        s += zh ? "，实为" : ", found ";
        s += label(found, lang);
    }
    return s;
}

inline std::string read_error::describe(language lang) const {
    const bool zh = lang == language::zh;
    const bool json_value = code >= error_code::json_expected_object && code <= error_code::json_text_too_long;
    std::string at;
    if (json_value && where.line == 0) {
        at = zh ? "位置" : "at ";
        at += pointer.empty() ? std::string("/") : pointer;
    } else if (zh) {
        if (where.page) at = "第" + std::to_string(where.page) + "页";
        if (where.line) at += "第" + std::to_string(where.line) + "行" + (where.column ? "第" + std::to_string(where.column) + "列" : "");
        else if (where.table)
            at += "第" + std::to_string(where.table) + "个表格第" + std::to_string(where.row) + "行第" +
                  std::to_string(where.cell) + "格";
        if (where.line && offset) at += "（第" + std::to_string(offset) + "字节）";
        else if (at.empty() && offset) at = "第" + std::to_string(offset) + "字节";
    } else {
        if (where.page) at = "page " + std::to_string(where.page);
        if (where.line)
            at += (at.empty() ? "" : ", ") + ("line " + std::to_string(where.line)) +
                  (where.column ? ", column " + std::to_string(where.column) : "");
        else if (where.table)
            at += (at.empty() ? "" : ", ") + ("table " + std::to_string(where.table)) + ", row " +
                  std::to_string(where.row) + ", cell " + std::to_string(where.cell);
        if (where.line && offset) at += " (byte " + std::to_string(offset) + ")";
        else if (at.empty() && offset) at = "byte " + std::to_string(offset);
    }
    const std::string reason = message(lang);
    return at.empty() ? reason : at + (zh ? "：" : ": ") + reason;
}

}  // namespace xxgk
