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
    } else {
        at = position_text(where, lang);
        const std::string byte = zh ? "第" + std::to_string(offset) + "字节" : "byte " + std::to_string(offset);
        if (where.line && offset) at += zh ? "（" + byte + "）" : " (" + byte + ")";
        else if (at.empty() && offset) at = byte;
    }
    const std::string reason = message(lang);
    return at.empty() ? reason : at + (zh ? "：" : ": ") + reason;
}

}  // namespace xxgk
