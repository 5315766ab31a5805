// Reading the documents the renderings are given as JSON (the output of `xxgk check --format json` and of
// `xxgk aggregate`) leniently: a member that is missing or of another type reads as absent, so a page or a
// workbook shows what is there rather than failing on one odd field. Shared by the workbook and the HTML index.
#pragma once

#include <xxgk/enumeration.hpp>
#include <xxgk/roster.hpp>
#include <xxgk/rules.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace xxgk::render_detail {

inline const boost::json::value *member(const boost::json::object &o, std::string_view key) {
    return o.if_contains(key);
}

/// The member's text, or empty when it is missing or not a string.
inline std::string_view string_member(const boost::json::object &o, std::string_view key) {
    const boost::json::value *v = o.if_contains(key);
    return v && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

inline const boost::json::object *object_member(const boost::json::object &o, std::string_view key) {
    const boost::json::value *v = o.if_contains(key);
    return v && v->is_object() ? &v->get_object() : nullptr;
}

inline const boost::json::array *array_member(const boost::json::object &o, std::string_view key) {
    const boost::json::value *v = o.if_contains(key);
    return v && v->is_array() ? &v->get_array() : nullptr;
}

/// The member's number (an integer or a double), or nothing.
inline std::optional<double> number_member(const boost::json::object &o, std::string_view key) {
    const boost::json::value *v = o.if_contains(key);
    if (!v || !v->is_number()) return std::nullopt;
    boost::system::error_code ec;
    const double d = v->to_number<double>(ec);
    return ec ? std::nullopt : std::optional<double>(d);
}

/// The member's whole number, or nothing when it is missing, not an integer or beyond 64 bits.
inline std::optional<std::int64_t> integer_member(const boost::json::object &o, std::string_view key) {
    const boost::json::value *v = o.if_contains(key);
    if (v && v->is_int64()) return v->get_int64();
    if (v && v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
        return static_cast<std::int64_t>(v->get_uint64());
    return std::nullopt;
}

/// Whether the member is `true`.
inline bool true_member(const boost::json::object &o, std::string_view key) {
    const boost::json::value *v = o.if_contains(key);
    return v && v->is_bool() && v->get_bool();
}

/// The indicators of a report or a 汇总: `{"indicators": [...], "applications": [...]}`, or the array itself.
inline const boost::json::array *indicators_of(const boost::json::object &o) {
    const boost::json::value *v = o.if_contains("indicators");
    if (!v) return nullptr;
    if (v->is_array()) return &v->get_array();
    return v->is_object() ? array_member(v->get_object(), "indicators") : nullptr;
}

/// What an indicator is called in `lang`: its Chinese label, or its id.
inline std::string_view indicator_name(const boost::json::object &i, language lang) {
    const std::string_view label = string_member(i, "label");
    return lang == language::zh && !label.empty() ? label : string_member(i, "id");
}

/// An enumerator's name in the JSON shown as `lang` shows it: the Chinese label, or the name.
template <class E>
std::string_view shown(std::string_view json_name, language lang) {
    if (lang == language::zh)
        if (const auto e = from_name<E>(json_name)) return label(*e);
    return json_name;
}

/// A roster unit's `timeliness` (`on_time`, `late`, `undated`) in `lang`.
inline std::string_view timeliness_shown(std::string_view t, language lang) {
    return lang == language::en && t == "on_time" ? "on time" : shown<timeliness>(t, lang);
}

}  // namespace xxgk::render_detail
