// Automatic numbering of a DOCX (word/numbering.xml, and word/styles.xml when it numbers): the labels
// Word prints before numbered paragraphs, which no `w:t` holds.
#pragma once

#include "wml.hpp"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace xxgk::read::docx {

// Automatic numbering (`w:numPr` on a paragraph or its style): Word prints "一、" or "1." that no `w:t`
// holds, and section headings and row labels depend on it. Counters run per `w:num` in document order.
class list_numbering {
public:
    /// The counters, to go back to when a part of the document is read again.
    using state = std::map<std::string, std::array<std::optional<int>, 9>>;

    list_numbering() = default;

    /// The definitions of word/numbering.xml.
    explicit list_numbering(const xml_part &numbering) { read_numbering(numbering.root()); }

    /// Whether any paragraph can be numbered: without a `w:num`, styles need not be read at all.
    bool active() const { return !nums_.empty(); }

    /// Adds the paragraph styles of word/styles.xml (their numbering, and the styles they are based on).
    void add_styles(const xml_part &styles) { read_styles(styles.root()); }

    state save() const { return counters_; }
    void restore(state s) { counters_ = std::move(s); }

    /// Appends the label Word prints before paragraph `p` (advancing the counters), if any.
    void label(const wml_names &w, const xml_element &p, std::string &out);

private:
    struct level_format {
        int start = 1;
        std::string format = "decimal", text;
    };
    struct num_instance {
        std::string abstract_id;
        std::map<int, int> start_overrides;
    };
    struct style_numbering {
        std::string num_id, based_on;
        int level = -1;
    };
    std::map<std::string, std::map<int, level_format>> abstracts_;
    std::map<std::string, num_instance> nums_;
    std::map<std::string, style_numbering> styles_;
    state counters_;

    void read_numbering(const xml_element &root);

    void read_styles(const xml_element &root);
};

/// The automatic numbering of the document whose main part is in directory `dir` (word/numbering.xml and
/// word/styles.xml next to it). Without a numbering instance nothing is numbered, and styles.xml (tens of
/// kilobytes of XML) is not read.
list_numbering numbering_of(const package &pkg, const std::string &dir);

}  // namespace xxgk::read::docx
