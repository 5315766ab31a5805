// Element and attribute names of WordprocessingML, looked at once per element the walk meets.
#pragma once

#include "xml.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace xxgk::read::docx {

// Element and attribute names of WordprocessingML under the prefix a part declares (`w:` in practice,
// but a default namespace or `ns0:` are as valid), transitional or strict.
class wml_names {
public:
    static std::optional<wml_names> of(const xml_element &root) {
        static constexpr std::string_view transitional = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        static constexpr std::string_view strict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
        std::string_view declared;
        const bool found = !root.find_attribute([&](std::string_view name, std::string_view value) {
                                    if ((value != transitional && value != strict) || (name != "xmlns" && !name.starts_with("xmlns:")))
                                        return false;
                                    declared = name;
                                    return true;
                                }).empty();
        if (!found) return std::nullopt;
        return wml_names(declared == "xmlns" ? "" : std::string(declared.substr(6)) + ":");
    }

    /// What the walk does with an element: one look at its name, as the walk meets every node.
    enum class tag : std::uint8_t {
        other,    // not WordprocessingML, or an element whose children are read as they come
        p, tbl, tr, tc, r, t, tab, line_break, no_break_hyphen,
        wrapper,  // w:sdt, w:sdtContent, w:customXml, w:ins, w:moveTo: rows and cells may sit inside
        skipped,  // no text of its own, or text not shown: deletions, properties, field codes, mc:Fallback
    };

    /// The tag of an element named `name`.
    tag tag_of(std::string_view name) const {
        if (!starts_with(name, prefix_)) return foreign_tag(name);
        const std::string_view local = name.substr(prefix_.size());
        // Only the words of the name's length are compared: one to seven, not thirty.
        static constexpr std::pair<std::string_view, tag> tags[] = {
            {"r", tag::r}, {"t", tag::t}, {"p", tag::p},
            {"tc", tag::tc}, {"tr", tag::tr}, {"br", tag::line_break}, {"cr", tag::line_break},
            {"rPr", tag::skipped}, {"pPr", tag::skipped}, {"tbl", tag::tbl}, {"tab", tag::tab}, {"sdt", tag::wrapper},
            {"ins", tag::wrapper}, {"del", tag::skipped},
            {"tcPr", tag::skipped}, {"trPr", tag::skipped},
            {"tblPr", tag::skipped}, {"sdtPr", tag::skipped},
            {"moveTo", tag::wrapper}, {"sectPr", tag::skipped},
            {"delText", tag::skipped}, {"tblGrid", tag::skipped}, {"fldData", tag::skipped},
            {"moveFrom", tag::skipped}, {"sdtEndPr", tag::skipped}, {"Fallback", tag::skipped},
            {"customXml", tag::wrapper}, {"instrText", tag::skipped},
            {"sdtContent", tag::wrapper},
            {"noBreakHyphen", tag::no_break_hyphen}};
        static constexpr std::size_t longest = 13;
        static constexpr std::array<std::uint8_t, longest + 2> first_of_size = [] {  // tags[first[n]] is the first of size >= n
            std::array<std::uint8_t, longest + 2> first{};
            for (std::size_t n = 0, i = 0; n < first.size(); ++n) {
                while (i < std::size(tags) && tags[i].first.size() < n) ++i;
                first[n] = static_cast<std::uint8_t>(i);
            }
            return first;
        }();
        if (local.size() <= longest)
            for (std::size_t i = first_of_size[local.size()]; i < first_of_size[local.size() + 1]; ++i)
                if (starts_with(local, tags[i].first)) return tags[i].second;
        return local.find(':') != std::string_view::npos ? foreign_tag(name) : tag::other;
    }

    bool is(const xml_element &n, std::string_view local) const { return named(n.name(), local); }
    /// The first child element named prefix + `local`, or an empty node.
    xml_element child(const xml_element &n, std::string_view local) const {
        for (xml_element c = n.first_child(); c; c = c.next_sibling())
            if (is(c, local)) return c;
        return {};
    }
    /// The first attribute named prefix + `local`, as pugixml's `attribute(name)` finds it.
    std::string_view attribute(const xml_element &n, std::string_view local) const {
        return n.find_attribute([&](std::string_view name, std::string_view) { return named(name, local); });
    }
    std::string_view val(const xml_element &n) const { return attribute(n, "val"); }

private:
    explicit wml_names(std::string prefix) : prefix_(std::move(prefix)) {}

    // An element outside WordprocessingML: mc:Fallback (under whatever prefix) repeats mc:Choice.
    static tag foreign_tag(std::string_view name) {
        const std::size_t colon = name.find(':');
        return name.substr(colon == std::string_view::npos ? 0 : colon + 1) == "Fallback" ? tag::skipped : tag::other;
    }

    // Whether `name` starts with `s`: compared here rather than by a call to memcmp, as names are short and
    // compared for every element.
    static bool starts_with(std::string_view name, std::string_view s) noexcept {
        if (name.size() < s.size()) return false;
        for (std::size_t k = 0; k < s.size(); ++k)
            if (name[k] != s[k]) return false;
        return true;
    }

    // True when `name` is prefix + `local`.
    bool named(std::string_view name, std::string_view local) const {
        return name.size() == prefix_.size() + local.size() && starts_with(name, prefix_) &&
               starts_with(name.substr(prefix_.size()), local);
    }

    std::string prefix_;
};

}  // namespace xxgk::read::docx
