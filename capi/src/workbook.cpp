// The C ABI of the Excel workbook (xxgk_write_workbook in xxgk.h) over xxgk::write_workbook.
#include "capi_support.hpp"

#include <xxgk/workbook.hpp>

#include <boost/json/parse.hpp>

#include <optional>

using namespace xxgk::capi;

namespace {

// The JSON object in `text`, or XXGK_E_PARSE naming `what` and `needs`, the member it must have.
boost::json::object parse_document(std::string_view text, const char *what, std::string_view needs, std::string_view of) {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(text, ec);
    if (ec) throw c_error{XXGK_E_PARSE, std::string(what) + " is not JSON: " + ec.message()};
    if (!v.is_object() || !v.get_object().contains(needs))
        throw c_error{XXGK_E_PARSE, std::string(what) + " is not the output of " + std::string(of) + ": no \"" +
                                        std::string(needs) + "\""};
    return std::move(v.get_object());
}

xxgk_status write(const char *check_json, size_t len, const char *office_json, size_t office_len, bool office,
                  const char *path, xxgk_language language) {
    const std::string_view text = input_view(check_json, len, "check_json");
    require(path, "path");
    if (language != XXGK_LANGUAGE_ZH && language != XXGK_LANGUAGE_EN)
        invalid("unknown language " + std::to_string(static_cast<int>(language)));
    const boost::json::object document = parse_document(text, "check_json", "files", "xxgk check --format json");
    if (!document.at("files").is_array())
        throw c_error{XXGK_E_PARSE, "check_json is not the output of xxgk check --format json: \"files\" is not an array"};
    std::optional<boost::json::object> year;
    if (office)
        year = parse_document(input_view(office_json, office_len, "office_json"), "office_json", "roster", "xxgk aggregate");
    try {
        xxgk::write_workbook(document, path, language == XXGK_LANGUAGE_EN ? xxgk::language::en : xxgk::language::zh,
                             year ? &*year : nullptr);
    } catch (const xxgk::workbook_input_error &e) {
        throw c_error{XXGK_E_PARSE, std::string("check_json is ") + e.what()};
    } catch (const xxgk::workbook_error &e) {
        throw c_error{XXGK_E_IO, e.what()};
    }
    return XXGK_OK;
}

}  // namespace

extern "C" {

XXGK_API xxgk_status xxgk_write_workbook(const char *check_json, size_t len, const char *path, xxgk_language language) {
    return guard([&] { return write(check_json, len, nullptr, 0, false, path, language); });
}

XXGK_API xxgk_status xxgk_write_office_workbook(const char *check_json, size_t len, const char *office_json,
                                                size_t office_len, const char *path, xxgk_language language) {
    return guard([&] { return write(check_json, len, office_json, office_len, true, path, language); });
}

}  // extern "C"
