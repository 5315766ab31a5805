// Reading errors as text. Included by errors.hpp only.

namespace xxgk {

// A JSON value's kind as named in "expected …, found …" (`detail` is the kind's JSON name: array, object, …).
inline std::string_view json_kind_words(std::string_view kind, language lang) noexcept {
    static constexpr std::string_view names[][3] = {{"array", "数组", "an array"},     {"object", "对象", "an object"},
                                                    {"number", "数字", "a number"},   {"string", "字符串", "a string"},
                                                    {"boolean", "布尔值", "a boolean"}, {"null", "null", "null"}};
    for (const auto &n : names)
        if (n[0] == kind) return n[lang == language::zh ? 1 : 2];
    return kind;
}

inline std::string error_message(error_code code, std::string_view detail, language lang) {
    const bool zh = lang == language::zh;
    std::string s(zh ? label(code) : english_label(code));
    const bool expected_kind = code >= error_code::json_expected_object && code <= error_code::json_expected_cell;
    if (expected_kind && !detail.empty()) {
        s += zh ? "，实为" : ", found ";
        s += json_kind_words(detail, lang);
    } else if (!detail.empty()) {
        s += zh ? "（" : " (";
        s += detail;
        s += zh ? "）" : ")";
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
