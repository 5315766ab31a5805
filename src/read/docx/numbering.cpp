// Automatic numbering of a DOCX: the number formats Word uses, the counters per `w:num`, the styles.
#include "numbering.hpp"

#include <charconv>

namespace xxgk::read::docx {

namespace {

int integer_or(std::string_view v, int fallback) {
    int n = 0;
    const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    return ec == std::errc{} && ptr == v.data() + v.size() ? n : fallback;
}

// The label of an automatically numbered paragraph in a number format of word/numbering.xml.
std::string format_number(int n, std::string_view format) {
    static constexpr std::array<std::string_view, 10> digits = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    static constexpr std::array<std::string_view, 10> stems = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
    if (format == "bullet" || format == "none") return {};
    if (n < 1) return std::to_string(n);
    if (format.starts_with("chineseCounting") || format == "japaneseCounting" || format == "taiwaneseCounting" ||
        format == "chineseLegalSimplified") {
        if (n >= 100) return std::to_string(n);
        std::string s;
        if (n >= 20) s += digits[static_cast<std::size_t>(n / 10)];
        if (n >= 10) s += "十";
        if (n % 10 || n < 10) s += digits[static_cast<std::size_t>(n % 10)];
        return s;
    }
    if (format == "ideographTraditional" && n <= 10) return std::string(stems[static_cast<std::size_t>(n - 1)]);
    if (format.starts_with("decimalEnclosedCircle") && n <= 20) {
        char b[4];
        return std::string(b, encode_utf8(static_cast<char32_t>(0x2460 + n - 1), b));  // ①
    }
    if (format.starts_with("decimalFullWidth")) {
        std::string s;
        for (char c : std::to_string(n)) s += {'\xEF', '\xBC', static_cast<char>(0x90 + (c - '0'))};
        return s;
    }
    if ((format == "upperLetter" || format == "lowerLetter") && n <= 26)
        return std::string(1, static_cast<char>((format == "upperLetter" ? 'A' : 'a') + n - 1));
    if ((format == "upperRoman" || format == "lowerRoman") && n < 40) {
        static constexpr std::array<std::string_view, 10> ones = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
        std::string s = std::string(static_cast<std::size_t>(n / 10), 'X') + std::string(ones[static_cast<std::size_t>(n % 10)]);
        if (format == "lowerRoman")
            std::transform(s.begin(), s.end(), s.begin(), [](char c) { return static_cast<char>(c | 0x20); });
        return s;
    }
    if (format == "decimalZero" && n < 10) return "0" + std::to_string(n);
    return std::to_string(n);
}

}  // namespace

void list_numbering::label(const wml_names &w, const xml_element &p, std::string &out) {
    if (!active()) return;
    const xml_element props = w.child(p, "pPr");
    const xml_element direct = w.child(props, "numPr");
    std::string num_id(w.val(w.child(direct, "numId")));
    int level = integer_or(w.val(w.child(direct, "ilvl")), -1);
    // Numbering from the paragraph style and the styles it is based on.
    std::string style(w.val(w.child(props, "pStyle")));
    for (int hops = 0; (num_id.empty() || level < 0) && !style.empty() && hops < 20; ++hops) {
        const auto it = styles_.find(style);
        if (it == styles_.end()) break;
        if (num_id.empty()) num_id = it->second.num_id;
        if (level < 0) level = it->second.level;
        style = it->second.based_on;
    }
    level = std::clamp(level, 0, 8);
    const auto num = nums_.find(num_id);
    if (num_id.empty() || num_id == "0" || num == nums_.end()) return;
    const auto abstract = abstracts_.find(num->second.abstract_id);
    if (abstract == abstracts_.end()) return;
    auto &counters = counters_[num_id];
    const auto start = [&](int l) {
        const auto o = num->second.start_overrides.find(l);
        if (o != num->second.start_overrides.end()) return o->second;
        const auto lv = abstract->second.find(l);
        return lv == abstract->second.end() ? 1 : lv->second.start;
    };
    counters[static_cast<std::size_t>(level)] =
        counters[static_cast<std::size_t>(level)] ? *counters[static_cast<std::size_t>(level)] + 1 : start(level);
    for (std::size_t l = static_cast<std::size_t>(level) + 1; l < counters.size(); ++l) counters[l].reset();
    const auto lv = abstract->second.find(level);
    if (lv == abstract->second.end() || lv->second.format == "bullet") return;
    const std::string_view text = lv->second.text;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
            const int l = text[i + 1] - '1';
            const auto fmt = abstract->second.find(l);
            out += format_number(counters[static_cast<std::size_t>(l)].value_or(start(l)),
                                 fmt == abstract->second.end() ? "decimal" : fmt->second.format);
            ++i;
        } else {
            out += text[i];
        }
    }
}

void list_numbering::read_numbering(const xml_element &root) {
    const auto w = wml_names::of(root);
    if (!w) return;
    for (xml_element n = root.first_child(); n; n = n.next_sibling()) {
        if (w->is(n, "abstractNum")) {
            auto &levels = abstracts_[std::string(w->attribute(n, "abstractNumId"))];
            for (xml_element lvl = n.first_child(); lvl; lvl = lvl.next_sibling()) {
                if (!w->is(lvl, "lvl")) continue;
                level_format &f = levels[integer_or(w->attribute(lvl, "ilvl"), 0)];
                f.start = integer_or(w->val(w->child(lvl, "start")), 1);
                if (const xml_element fmt = w->child(lvl, "numFmt")) f.format = std::string(w->val(fmt));
                f.text = std::string(w->val(w->child(lvl, "lvlText")));
            }
        } else if (w->is(n, "num")) {
            num_instance &num = nums_[std::string(w->attribute(n, "numId"))];
            num.abstract_id = std::string(w->val(w->child(n, "abstractNumId")));
            for (xml_element o = n.first_child(); o; o = o.next_sibling())
                if (w->is(o, "lvlOverride"))
                    if (const xml_element so = w->child(o, "startOverride"))
                        num.start_overrides[integer_or(w->attribute(o, "ilvl"), 0)] = integer_or(w->val(so), 1);
        }
    }
}

void list_numbering::read_styles(const xml_element &root) {
    const auto w = wml_names::of(root);
    if (!w) return;
    for (xml_element st = root.first_child(); st; st = st.next_sibling()) {
        if (!w->is(st, "style") || w->attribute(st, "type") != "paragraph") continue;
        style_numbering &s = styles_[std::string(w->attribute(st, "styleId"))];
        s.based_on = std::string(w->val(w->child(st, "basedOn")));
        const xml_element num = w->child(w->child(st, "pPr"), "numPr");
        s.num_id = std::string(w->val(w->child(num, "numId")));
        s.level = integer_or(w->val(w->child(num, "ilvl")), -1);
    }
}

list_numbering numbering_of(const package &pkg, const std::string &dir) {
    list_numbering numbering;
    if (std::optional<part_data> bytes = read_part(pkg, dir + "numbering.xml"))
        numbering = list_numbering(xml_part(pkg, dir + "numbering.xml", *bytes));
    if (numbering.active())
        if (std::optional<part_data> bytes = read_part(pkg, dir + "styles.xml"))
            numbering.add_styles(xml_part(pkg, dir + "styles.xml", *bytes));
    return numbering;
}

}  // namespace xxgk::read::docx
