// The C ABI of the Excel workbook (xxgk_write_workbook in xxgk.h) over xxgk::write_workbook.
#include "capi_support.hpp"

#include <xxgk/workbook.hpp>

#include <boost/json/parse.hpp>

using namespace xxgk::capi;

extern "C" {

XXGK_API xxgk_status xxgk_write_workbook(const char *check_json, size_t len, const char *path, xxgk_language language) {
    return guard([&] {
        const std::string_view text = input_view(check_json, len, "check_json");
        require(path, "path");
        if (language != XXGK_LANGUAGE_ZH && language != XXGK_LANGUAGE_EN)
            invalid("unknown language " + std::to_string(static_cast<int>(language)));
        boost::system::error_code ec;
        const boost::json::value document = boost::json::parse(text, ec);
        if (ec) throw c_error{XXGK_E_PARSE, "check_json is not JSON: " + ec.message()};
        if (!document.is_object() || !document.get_object().contains("files") ||
            !document.get_object().at("files").is_array())
            throw c_error{XXGK_E_PARSE, "check_json is not the output of xxgk check --format json: no \"files\" array"};
        try {
            xxgk::write_workbook(document.get_object(), path,
                                 language == XXGK_LANGUAGE_EN ? xxgk::language::en : xxgk::language::zh);
        } catch (const xxgk::workbook_error &e) {
            throw c_error{XXGK_E_IO, e.what()};
        }
        return XXGK_OK;
    });
}

}  // extern "C"
