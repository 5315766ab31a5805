// The shared mapper: from a reader's `document` to the model. Sections and metadata here; the tables in
// mapper_tables.cpp; the document rules in mapper_rules.cpp.
#include "mapper_internal.hpp"

#include <xxgk/text.hpp>

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>

namespace xxgk::read {

namespace detail {

diagnostic reader_finding(rule which, cell_ref where, source_position pos, std::string text) {
    diagnostic d;
    d.which = which;
    d.level = info(which).default_severity;
    d.cells.push_back(where);
    d.source = pos;
    d.text = std::move(text);
    return d;
}

namespace {

// Words that identify a section heading after its numeral (`五、` + … `问题` … `改进`), so that reworded
// headings and headings run into the surrounding text are found. The official headings contain them.
struct heading_keys {
    std::array<std::string_view, 2> words;
};
constexpr std::array<heading_keys, 6> keys = {{
    {{"总体情况", ""}},
    {{"主动公开", "情况"}},
    {{"申请", "情况"}},
    {{"复议", "情况"}},
    {{"问题", "改进"}},
    {{"其他", "事项"}},
}};
// Part numerals: reports that add parts of their own renumber the six (`三、主动公开政府信息情况`).
constexpr std::array<std::string_view, 10> numerals = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
// What separates a part numeral from its heading's words.
constexpr std::array<std::string_view, 4> separators = {"、", "．", ".", " "};
// The order in which a heading's words are tried when its numeral is not its section's: the words that
// other headings may contain last (`四、因政府信息公开工作被申请行政复议…` holds 申请…情况 too).
constexpr std::array<std::size_t, 6> word_order = {3, 4, 5, 1, 0, 2};
constexpr std::array<std::string_view, 4> heading_tails = {"情况", "措施", "工作", "事项"};

struct heading_hit {
    section which;
    std::size_t begin, end;  // byte offsets in the paragraph
};

bool has_digit(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The end (bytes into `rest`) of section `s`'s words at the start of `rest`, the text after a numeral and its
// separator: the first word within 16 code points, the second within 30, no digit before them, then a tail.
std::optional<std::size_t> heading_words(std::string_view rest, std::size_t s) {
    const auto &k = keys[s];
    // The words are searched for only as far as they may be (a code point is at most four bytes),
    // not through the rest of the paragraph, which may be the whole page.
    const std::size_t first = rest.substr(0, 16 * 4 + k.words[0].size()).find(k.words[0]);
    if (first == std::string_view::npos || code_points(rest.substr(0, first)) > 16) return std::nullopt;
    std::size_t end = first + k.words[0].size();
    if (!k.words[1].empty()) {
        const std::size_t second = rest.substr(0, 30 * 4).find(k.words[1], end);
        if (second == std::string_view::npos) return std::nullopt;
        end = second + k.words[1].size();
    }
    if (code_points(rest.substr(0, end)) > 30 || has_digit(rest.substr(0, end))) return std::nullopt;
    for (std::string_view tail : heading_tails)
        if (rest.substr(end).starts_with(tail)) {
            end += tail.size();
            break;
        }
    return end;
}

// How headings are recognised: by the official numeral and its section's words; by any part numeral and
// the words of any section (a report that renumbers its parts); or also as a whole paragraph of a section's
// words without a numeral (`主动公开政府信息情况`). Each is tried only when the one before misses sections,
// so that a document with the official headings is read by them alone.
enum class heading_mode { official, renumbered, unnumbered };

// Where a section number may begin in a paragraph: a part numeral followed by a separator (`三、`, `三．`,
// `三.`, `三 `), not inside `（一）` or `第一`. Found once per paragraph for every heading mode; each offset is
// the numeral's byte offset. Every numeral is three bytes led by 0xE4 or 0xE5, bytes that in UTF-8 only ever
// lead a character: those bytes are found eight at a time, and only they are looked at.
void numbered_starts(std::string_view text, std::vector<std::uint32_t> &out) {
    static_assert(std::all_of(numerals.begin(), numerals.end(), [](std::string_view n) {
        return n.size() == 3 && (n[0] == '\xE4' || n[0] == '\xE5');
    }));
    out.clear();
    const auto *bytes = reinterpret_cast<const unsigned char *>(text.data());
    for (std::size_t at = 0; at + 3 <= text.size(); ++at) {
        if constexpr (std::endian::native == std::endian::little)
            if (at + 8 <= text.size()) {
                std::uint64_t w;
                std::memcpy(&w, bytes + at, 8);
                // A zero byte where a byte is 0xE4 or 0xE5; the lowest flagged byte is always a true one.
                const std::uint64_t x = (w & 0xFEFEFEFEFEFEFEFEu) ^ 0xE4E4E4E4E4E4E4E4u;
                const std::uint64_t zero = (x - 0x0101010101010101u) & ~x & 0x8080808080808080u;
                if (zero == 0) {
                    at += 7;
                    continue;
                }
                at += static_cast<std::size_t>(std::countr_zero(zero)) / 8;
            }
        if ((bytes[at] & 0xFE) != 0xE4) continue;
        // A separator must follow, and each starts with one of these bytes: most characters stop here.
        if (at + 3 >= text.size()) continue;
        if (const char next = text[at + 3]; next != '\xE3' && next != '\xEF' && next != '.' && next != ' ') continue;
        if (std::find(numerals.begin(), numerals.end(), text.substr(at, 3)) == numerals.end()) continue;
        const std::string_view rest = text.substr(at + 3);
        if (std::none_of(separators.begin(), separators.end(), [&](std::string_view sp) { return rest.starts_with(sp); }))
            continue;
        // `（一）` or `第一` are not section numbers.
        if (at >= 3 && (text.substr(at - 3, 3) == "（" || text.substr(at - 3, 3) == "第")) continue;
        out.push_back(static_cast<std::uint32_t>(at));
    }
}

// Headings `一、总体情况` … `六、其他需要报告的事项` (and variants) inside a paragraph, in order, from the
// paragraph's numbered starts (`numbered_starts`).
std::vector<heading_hit> find_headings(std::string_view text, std::span<const std::uint32_t> starts, heading_mode mode,
                                       const std::array<bool, 6> &seen) {
    std::vector<heading_hit> hits;
    std::array<bool, keys.size()> found{};
    for (const std::size_t at : starts) {
        const std::size_t n = static_cast<std::size_t>(
            std::find(numerals.begin(), numerals.end(), text.substr(at, 3)) - numerals.begin());
        const std::size_t after = at + numerals[n].size();
        std::string_view rest = text.substr(after);
        std::size_t sep = 0;
        for (std::string_view sp : separators)
            if (rest.starts_with(sp)) {
                sep = sp.size();
                break;
            }
        rest.remove_prefix(sep);
        // The section its words name: its numeral's own first, then any other (a renumbered part).
        std::optional<std::size_t> which, end;
        if (n < keys.size() && !found[n]) end = heading_words(rest, n), which = n;
        for (std::size_t k = 0; !end && mode != heading_mode::official && k < word_order.size(); ++k)
            if (!found[word_order[k]] && !seen[word_order[k]]) end = heading_words(rest, word_order[k]), which = word_order[k];
        if (!end) continue;
        hits.push_back({section(*which), at, after + sep + *end});
        found[*which] = true;
    }
    if (hits.empty() && mode == heading_mode::unnumbered) {
        // The whole paragraph, short and without an enumerator, is one section's words.
        const std::string_view t = xxgk::trim_cell_text(text);
        if (!t.empty() && code_points(t.substr(0, 31 * 4)) <= 30 && !t.starts_with("（") && !t.starts_with("("))
            for (std::size_t k : word_order)
                if (!seen[k])
                    if (const auto end = heading_words(t, k); end && *end == t.size()) {
                        const std::size_t begin = static_cast<std::size_t>(t.data() - text.data());
                        hits.push_back({section(k), begin, begin + *end});
                        break;
                    }
    }
    return hits;
}

std::string trimmed(std::string_view s) { return std::string(xxgk::trim_cell_text(s)); }

std::string without_spaces(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
    return out;
}

// `标题: …`, `发布机构：…` header lines of crawled pages.
std::optional<std::string> header_value(std::string_view text, std::string_view key) {
    if (!text.starts_with(key)) return std::nullopt;
    text.remove_prefix(key.size());
    if (text.starts_with(":")) text.remove_prefix(1);
    else if (text.starts_with("：")) text.remove_prefix(3);
    else return std::nullopt;
    return trimmed(text);
}

// How strongly a row's labels point at table 二, 三 or 四.
std::array<int, 3> row_score(const text_row &tr) {
    static const std::string_view clause_1_head = std::string_view(normalised(article_clause::clause_1)).substr(0, 12);
    const auto &active = label_index<active_item>::get();
    const auto &active_2019 = label_index<active_item_2019>::get();
    const auto &rows = label_index<row>::get();
    const auto &applicants = label_index<applicant>::get();
    const auto &results = label_index<case_result>::get();
    const auto &proceedings = label_index<proceeding>::get();
    const normalised_constants &k = constants();  // once per row, not per comparison
    std::array<int, 3> score{};
    std::string n;
    for (const text_cell &c : tr.cells) {
        if (is_count_text(c.text)) continue;  // a count (the most common cell) matches no label
        normalise_label(c.text, n);
        if (n.empty()) continue;
        if (n.starts_with(clause_1_head) || n == k.content_header) score[0] += 2;
        score[0] += static_cast<int>(active.exact(n).size() + active_2019.exact(n).size());
        if (n.size() > 6) score[1] += static_cast<int>(rows.same_core(n).size());
        for (applicant a : applicants.exact(n)) score[1] += a != applicant::total && a != applicant::other;
        score[1] += n == k.applicants_heading || n == k.balance_note || n == k.organisations_heading;
        for (case_result c2 : results.exact(n)) score[2] += c2 != case_result::total;
        score[2] += static_cast<int>(proceedings.exact(n).size());
    }
    return score;
}

std::optional<std::size_t> best_of(const std::array<int, 3> &score) {
    const auto best = std::max_element(score.begin(), score.end());
    if (*best == 0) return std::nullopt;
    return static_cast<std::size_t>(best - score.begin());
}

// Which table each row of a block belongs to: by its own labels, else the row above's (number rows under
// their headers), else what the whole block names most. One block may hold several tables. (Two bytes a row:
// a block may have a million.)
std::vector<std::optional<std::uint8_t>> row_kinds(const table_block &t) {
    std::vector<std::optional<std::uint8_t>> kinds(t.rows.size());
    std::array<int, 3> total{};
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const auto score = row_score(t.rows[i]);
        for (std::size_t k = 0; k < 3; ++k) total[k] += score[k];
        if (const auto best = best_of(score)) kinds[i] = static_cast<std::uint8_t>(*best);
        else if (i > 0) kinds[i] = kinds[i - 1];
    }
    const auto best = best_of(total);
    const auto block = best ? std::optional<std::uint8_t>(static_cast<std::uint8_t>(*best)) : std::nullopt;
    for (std::size_t i = 0; i < kinds.size() && !kinds[i]; ++i) kinds[i] = block;
    return kinds;
}

// `2024年1月20日` (in brackets or not) as ISO `2024-01-20`, when that is all a line of the text says.
std::optional<std::string> date_line(std::string_view text);

std::optional<std::string> date_in_lines(std::string_view text) {
    for (std::size_t at = 0; at <= text.size();) {
        std::size_t end = text.find('\n', at);
        if (end == std::string_view::npos) end = text.size();
        if (text.find('\n') != std::string_view::npos || at == 0)
            if (auto d = date_line(text.substr(at, end - at))) return d;
        at = end + 1;
    }
    return std::nullopt;
}

std::optional<std::string> date_line(std::string_view text) {
    // The longest date line below is `(（2024年12月31日）)` (both kinds of bracket stripped): 25 bytes besides
    // spaces. Longer lines (all prose) are turned down before copying them.
    constexpr std::size_t longest = 25;
    std::size_t printed = 0;
    for (std::size_t i = 0; i < text.size() && printed <= longest; ++i)
        printed += text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '\r';
    if (printed > longest) return std::nullopt;
    std::string flat = without_spaces(text);
    for (std::string_view b : {"(", "（"})
        if (flat.starts_with(b)) flat.erase(0, b.size());
    for (std::string_view b : {")", "）"})
        if (flat.ends_with(b)) flat.resize(flat.size() - b.size());
    const auto years = years_in(flat);
    if (years.size() != 1 || years.front().second != 0) return std::nullopt;
    unsigned month = 0, day = 0;
    std::string_view rest = std::string_view(flat).substr(4 + 3);
    auto number = [&](std::string_view unit, unsigned &v) {
        std::size_t d = 0;
        while (d < rest.size() && d < 2 && rest[d] >= '0' && rest[d] <= '9') v = v * 10 + static_cast<unsigned>(rest[d++] - '0');
        if (!d || !rest.substr(d).starts_with(unit)) return false;
        rest.remove_prefix(d + unit.size());
        return true;
    };
    if (!number("月", month) || !number("日", day) || !rest.empty() || month < 1 || month > 12 || day < 1 || day > 31)
        return std::nullopt;
    char iso[16];
    std::snprintf(iso, sizeof iso, "%04d-%02u-%02u", years.front().first, month, day);
    return std::string(iso);
}

agency_kind kind_of_agency(std::string_view agency) {
    // A town's or township's government (`某镇人民政府`) before any other 人民政府.
    for (std::string_view w : {"街道办事处", "街道", "镇人民政府", "乡人民政府", "镇", "乡"})
        if (agency.ends_with(w)) return agency_kind::township;
    if (agency.ends_with("人民政府")) return agency_kind::government;
    for (std::string_view w : {"局", "委员会", "办公室", "办公厅", "委", "厅", "署", "中心"})
        if (agency.ends_with(w)) return agency_kind::department;
    return agency_kind::other;
}


// Appends `line` to `text`, a newline between them.
void append_line(std::string &text, std::string_view line) { text.append(text.empty() ? "" : "\n").append(line); }

// ---- Step 1: the document as entries in reading order, headings split out of the running text ----------

// The section an entry stands in, or none, in one byte (std::optional<section> takes eight, and a document
// may be a million one-character lines).
class section_slot {
public:
    section_slot(std::optional<section> s = std::nullopt) noexcept
        : value_(s ? static_cast<std::uint8_t>(index(*s)) : none) {}
    explicit operator bool() const noexcept { return value_ != none; }
    section operator*() const noexcept { return section(value_); }

private:
    static constexpr std::uint8_t none = 0xFF;
    std::uint8_t value_;
};

// The document in reading order: its entries, its table blocks (entry::table indexes `tables`) and the
// section each entry stands in (none before the first heading).
struct reading {
    std::vector<entry> entries;
    std::vector<const table_block *> tables;
    std::vector<section_slot> section_of;
};

// The most entries a document can give: one per table row, per paragraph and per piece a heading cuts from
// one (each of the six headings once). Reserved at once, as a vector grown by doubling holds its old and its
// new array while it moves.
std::size_t most_entries(const document &doc) {
    std::size_t most = 2 * 6;
    for (const block &b : doc.blocks)
        most += std::holds_alternative<table_block>(b) ? std::get<table_block>(b).rows.size() : 1;
    return most;
}

// One entry per row of table block `t`.
void add_table_rows(const table_block &t, reading &rd) {
    rd.tables.push_back(&t);
    for (const text_row &tr : t.rows) {
        entry e;
        e.is_row = true;
        e.row = &tr;
        e.table = static_cast<std::uint32_t>(rd.tables.size() - 1);
        e.pos = tr.cells.empty() ? t.pos : tr.cells.front().pos;
        rd.entries.push_back(std::move(e));
    }
}

// The paragraph's running text cut at the headings it holds (found in `mode`; each section once, `seen`
// records them): the text before a heading, the heading, the text after it.
void add_paragraph(const paragraph_block &p, std::span<const std::uint32_t> starts, heading_mode mode,
                   const std::array<bool, 6> &found_before, std::array<bool, 6> &seen, reading &rd, document_facts &facts) {
    std::size_t from = 0;
    // Offsets in increasing order, each walked from the last: a crawled page is one long paragraph.
    position_walker positions(p.text, p.pos);
    for (const heading_hit &h : find_headings(p.text, starts, mode, found_before)) {
        if (seen[index(h.which)] || h.begin < from) continue;
        seen[index(h.which)] = true;
        if (std::string_view before = xxgk::trim_cell_text(std::string_view(p.text).substr(from, h.begin - from)); !before.empty())
            rd.entries.push_back({.text = before, .pos = positions.at(from)});
        entry e{.text = xxgk::trim_cell_text(std::string_view(p.text).substr(h.begin, h.end - h.begin)), .pos = positions.at(h.begin)};
        e.heading = true;
        facts.headings.push_back({h.which, std::string(e.text), e.pos, facts.headings.size()});
        rd.entries.push_back(std::move(e));
        from = h.end;
    }
    if (std::string_view rest = xxgk::trim_cell_text(std::string_view(p.text).substr(from)); !rest.empty())
        rd.entries.push_back({.text = rest, .pos = positions.at(from)});
}

// The section each entry belongs to: the last heading's before it, none before the first.
std::vector<section_slot> sections_of(const std::vector<entry> &entries,
                                      const std::vector<document_facts::heading> &headings) {
    std::vector<section_slot> section_of(entries.size());
    std::optional<section> current;
    std::size_t h = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].heading) current = headings[h++].which;
        section_of[i] = current;
    }
    return section_of;
}

// The document in reading order, its headings recorded in `facts`. The official headings are tried first;
// when they miss sections the document is read again in the next heading mode, keeping the headings found.
reading read_in_order(const document &doc, document_facts &facts) {
    reading rd;
    rd.entries.reserve(most_entries(doc));
    std::array<bool, 6> seen{};
    std::vector<std::uint32_t> starts, owners, one_paragraph;  // numbered starts, their paragraphs
    for (const heading_mode mode : {heading_mode::official, heading_mode::renumbered, heading_mode::unnumbered}) {
        if (mode != heading_mode::official) {
            if (std::all_of(seen.begin(), seen.end(), [](bool b) { return b; })) break;
            rd.entries.clear(), rd.tables.clear(), facts.headings.clear();
        }
        const std::array<bool, 6> found_before = mode == heading_mode::official ? std::array<bool, 6>{} : seen;
        seen = {};
        // The numbered starts of every paragraph, found in the first pass and walked again by the later
        // modes: one flat list of offsets, paragraph after paragraph, with each one's paragraph (most have none).
        std::size_t next = 0;
        std::uint32_t paragraph = 0;
        for (const block &b : doc.blocks) {
            if (const auto *t = std::get_if<table_block>(&b)) {
                add_table_rows(*t, rd);
                continue;
            }
            const paragraph_block &p = std::get<paragraph_block>(b);
            if (mode == heading_mode::official) {
                numbered_starts(p.text, one_paragraph);
                starts.insert(starts.end(), one_paragraph.begin(), one_paragraph.end());
                owners.insert(owners.end(), one_paragraph.size(), paragraph);
            }
            const std::size_t first = next;
            while (next < starts.size() && owners[next] == paragraph) ++next;
            add_paragraph(p, std::span(starts).subspan(first, next - first), mode, found_before, seen, rd, facts);
            ++paragraph;
        }
    }
    rd.section_of = sections_of(rd.entries, facts.headings);
    return rd;
}

// ---- Step 2: locating the three tables -----------------------------------------------------------------

// Which of the three tables each row entry is of, and each table's first and last entry.
struct table_spans {
    std::vector<std::optional<std::uint8_t>> kind_of;
    std::array<std::optional<std::size_t>, 3> first, last;
};

// Every row by its labels (row_kinds), else by the section it stands in (二, 三 or 四).
table_spans assign_rows_to_tables(const reading &rd) {
    table_spans spans;
    spans.kind_of.resize(rd.entries.size());
    std::vector<std::vector<std::optional<std::uint8_t>>> kinds;
    for (const table_block *t : rd.tables) kinds.push_back(row_kinds(*t));
    std::vector<std::size_t> next(rd.tables.size(), 0);
    for (std::size_t i = 0; i < rd.entries.size(); ++i) {
        const entry &e = rd.entries[i];
        if (!e.is_row) continue;
        std::optional<std::size_t> k = kinds[e.table][next[e.table]++];
        const section_slot s = rd.section_of[i];
        if (!k && s && *s >= section::active_disclosure && *s <= section::review_litigation) k = index(*s) - 1;
        if (!k) continue;
        spans.kind_of[i] = static_cast<std::uint8_t>(*k);
        if (!spans.first[*k]) spans.first[*k] = i;
        spans.last[*k] = i;
    }
    return spans;
}

// A paragraph short enough to be a caption, a group heading or a proceeding name: at most 40 code points
// and no full stop.
bool caption_like(std::string_view text) { return code_points(text) <= 40 && text.find("。") == std::string::npos; }

// Table `k`'s input: its rows and the caption-like paragraphs between its pieces, from the captions just
// before its first row (back to the section heading) to its last row. Marks those paragraphs as table
// context, so that they are not section prose.
table_input gather_table(std::size_t k, const document &doc, const table_spans &spans, reading &rd) {
    table_input t;
    t.repeated_lines_dropped = doc.repeated_lines_dropped;
    t.values_break_over_lines = doc.values_break_over_lines;
    if (!spans.first[k]) return t;
    std::vector<entry> &entries = rd.entries;
    std::size_t begin = *spans.first[k];
    while (begin > 0 && !entries[begin - 1].is_row && !entries[begin - 1].heading && caption_like(entries[begin - 1].text))
        --begin;
    for (std::size_t i = begin; i <= *spans.last[k]; ++i) {
        entry &e = entries[i];
        if (e.heading) continue;
        if (e.is_row) {
            if (spans.kind_of[i] != k) continue;
        } else {
            if (!caption_like(e.text)) continue;
            e.table_context = true;
        }
        t.entries.push_back(&e);
    }
    // The table's position: its table block's, else its first row's.
    const entry &first = entries[*spans.first[k]];
    t.pos = first.row && rd.tables[first.table]->pos.known() ? rd.tables[first.table]->pos : first.pos;
    return t;
}

// The three tables (二, 三, 四), each with its rows and captions; recorded as found in `facts`.
std::array<table_input, 3> locate_tables(const document &doc, reading &rd, document_facts &facts) {
    const table_spans spans = assign_rows_to_tables(rd);
    std::array<table_input, 3> inputs;
    for (std::size_t k = 0; k < 3; ++k) {
        inputs[k] = gather_table(k, doc, spans, rd);
        if (!inputs[k].found()) continue;
        facts.table_found[k] = true;
        facts.table_pos[k] = inputs[k].pos;
    }
    return inputs;
}

// ---- Step 3: placing the tables' values ----------------------------------------------------------------

// Places each found table's values in the report. A table that printed values of which none could be
// placed gives one doc.table_missing saying what was seen (recorded in `facts`), instead of a
// doc.table_layout per row and a cell.blank per cell. Table 二 goes first: it decides the format edition,
// which table 三 needs.
void place_tables(const std::array<table_input, 3> &inputs, report &r, std::vector<diagnostic> &out,
                  document_facts &facts) {
    using table_mapper = void (*)(const table_input &, report &, std::vector<diagnostic> &);
    constexpr std::array<table_mapper, 3> map_table = {map_active_disclosure, map_applications, map_review_litigation};
    for (std::size_t k = 0; k < 3; ++k) {
        if (!inputs[k].found()) continue;
        const std::size_t first = out.size();
        map_table[k](inputs[k], r, out);
        if (any_cell_placed(r, section(k + 1))) continue;
        std::string printed = unplaced_table(inputs[k]);
        if (printed.empty()) continue;
        out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                                 [](const diagnostic &d) { return d.which == rule::doc_table_layout; }),
                  out.end());
        facts.table_found[k] = false;
        facts.table_unplaced[k] = std::move(printed);
    }
}

// ---- Step 4: the front matter (crawled-page headers, title, preamble) ----------------------------------

// What stands before the first heading.
struct front_matter {
    std::optional<std::string> header_title, header_agency, header_date;  // crawled-page header lines
    std::string title;
    source_position title_pos{};
    std::string preamble;
    bool title_done = false;
    std::vector<const entry *> pending;  // short lines that may begin the title
};

// A crawled page's header line (`标题：…`, `发布机构：…`, `发布时间：…`, `索引号：…`, a link, a rule of
// `====`): true when `text` is one, the title, agency and date recorded in `fm`.
bool take_page_header(std::string_view text, front_matter &fm) {
    if (auto v = header_value(text, "标题")) {
        fm.header_title = v;
        return true;
    }
    if (auto v = header_value(text, "发布机构")) {
        fm.header_agency = v;
        return true;
    }
    if (auto v = header_value(text, "发布时间"); v || (v = header_value(text, "发布日期"))) {
        fm.header_date = v;
        return true;
    }
    for (std::string_view k : {"文号", "栏目", "原文链接", "本地目录", "索引号", "来源"})
        if (header_value(text, k)) return true;
    return text.starts_with("页面链接") || text.starts_with("====");
}

// The title: short lines up to the one holding 年度报告 (Tika and DOCX break long titles over two lines),
// or the head of a crawled page's first paragraph; what follows 年度报告 on its line begins the preamble.
// True when `e` was taken (into the title, or held as a line that may begin it); false when it is the
// preamble's, the title search then over.
bool take_title_line(const entry &e, front_matter &fm) {
    constexpr std::string_view report_word = "年度报告";
    const std::string flat = without_spaces(e.text);
    const std::size_t report_at = flat.find(report_word);
    if (report_at != std::string::npos && code_points(flat.substr(0, report_at)) <= 50 &&
        flat.substr(0, report_at).find("《") == std::string::npos) {
        for (const entry *p : fm.pending) fm.title += without_spaces(p->text);
        fm.title_pos = fm.pending.empty() ? e.pos : fm.pending.front()->pos;
        fm.pending.clear();
        fm.title += flat.substr(0, report_at + report_word.size());
        fm.title_done = true;
        const std::size_t cut = e.text.find(report_word);
        std::string rest = cut == std::string::npos ? trimmed(std::string_view(flat).substr(report_at + report_word.size()))
                                                    : trimmed(std::string_view(e.text).substr(cut + report_word.size()));
        if (!rest.empty()) append_line(fm.preamble, rest);
        return true;
    }
    if (code_points(flat) <= 40 && flat.find("。") == std::string::npos && fm.pending.size() < 3) {
        fm.pending.push_back(&e);
        return true;
    }
    fm.title_done = true;
    for (const entry *p : fm.pending) append_line(fm.preamble, p->text);
    fm.pending.clear();
    return false;
}

// The text entries before the first heading: header lines, then the title, then the preamble.
front_matter read_front_matter(const reading &rd) {
    front_matter fm;
    for (std::size_t i = 0; i < rd.entries.size() && !rd.section_of[i]; ++i) {
        const entry &e = rd.entries[i];
        if (e.is_row || take_page_header(e.text, fm)) continue;
        if (!fm.title_done && take_title_line(e, fm)) continue;
        append_line(fm.preamble, e.text);
    }
    for (const entry *p : fm.pending) append_line(fm.preamble, p->text);
    return fm;
}

// The report's title, year, agency (and its kind), header date and preamble from the front matter; the
// title's year recorded in `facts`. A crawled page's 标题 header wins over the title lines.
void set_metadata(const front_matter &fm, report &r, document_facts &facts) {
    const std::string title = fm.header_title ? without_spaces(*fm.header_title) : fm.title;
    if (!title.empty()) {
        r.title = title;
        const auto years = years_in(title);
        if (!years.empty()) {
            facts.title_year = years.front().first;
            facts.title_pos = fm.title_pos;
            r.year = years.front().first;
            std::string agency = title.substr(0, years.front().second);
            // `…管理局关于报送2020年度…的函`: a cover letter's title names the agency before 关于.
            if (const std::size_t about = agency.find("关于"); about != std::string::npos && about > 0) agency.resize(about);
            if (!agency.empty()) r.agency = agency;
        }
    }
    if (!r.agency && fm.header_agency && !fm.header_agency->empty()) r.agency = *fm.header_agency;
    if (r.agency) r.kind = kind_of_agency(*r.agency);
    // `发布时间：2023-01-21 15:50`: the date when the header line starts with a real one.
    if (fm.header_date && is_iso_date(std::string_view(*fm.header_date).substr(0, 10))) r.published = fm.header_date->substr(0, 10);
    if (!fm.preamble.empty()) r.preamble = fm.preamble;
}

// ---- Step 5: section prose, the signature date, the prose facts ----------------------------------------

// Each section's running text: the text between its heading and the next, without table rows and captions.
void collect_section_prose(const reading &rd, report &r) {
    for (std::size_t i = 0; i < rd.entries.size(); ++i) {
        const entry &e = rd.entries[i];
        if (!rd.section_of[i]) continue;
        std::optional<std::string> &s = r.sections[*rd.section_of[i]];
        if (e.heading) {
            if (!s) s = std::string();
            continue;
        }
        if (e.is_row || e.table_context) continue;
        append_line(*s, e.text);
    }
}

// The signature date: a date line among the last four text entries, else one before the first heading
// (under the title).
std::optional<std::string> signature_date(const reading &rd) {
    const std::vector<entry> &entries = rd.entries;
    for (std::size_t i = entries.size(), seen_text = 0; i-- > 0 && seen_text < 4;) {
        if (entries[i].is_row) continue;
        ++seen_text;
        if (auto d = date_in_lines(entries[i].text)) return d;
    }
    for (std::size_t i = 0; i < entries.size() && !rd.section_of[i]; ++i)
        if (auto d = entries[i].is_row ? std::nullopt : date_in_lines(entries[i].text)) return d;
    return std::nullopt;
}

// The prose the document rules read (every text entry but headings), the years the preamble and section
// 一 claim as the report's own, and the statistics period, into `facts`.
void collect_prose_facts(const reading &rd, document_facts &facts) {
    std::size_t intro = 0;  // prose entries of the preamble and section 一
    facts.prose.reserve(rd.entries.size());
    for (std::size_t i = 0; i < rd.entries.size(); ++i) {
        const entry &e = rd.entries[i];
        if (e.is_row || e.heading) continue;
        facts.prose.push_back(&e);
        if (rd.section_of[i] && *rd.section_of[i] != section::overview) continue;
        if (intro + 1 == facts.prose.size()) ++intro;
        for (const auto &[year, at] : years_in(e.text)) {
            const std::string_view after = std::string_view(e.text).substr(at + 4);
            for (std::string_view claim : {"年度政府信息公开工作年度报告", "年政府信息公开工作年度报告"})
                if (after.starts_with(claim)) facts.claimed_years.emplace_back(year, advance(e.pos, e.text, at));
        }
    }
    find_period(facts.prose, intro, facts);
}

}  // namespace

}  // namespace detail

read_result map_document(const document &doc, input_format format) {
    using namespace detail;
    read_result result;
    result.format = format;
    report &r = result.value;
    document_facts facts;

    reading rd = read_in_order(doc, facts);
    place_tables(locate_tables(doc, rd, facts), r, result.diagnostics, facts);
    set_metadata(read_front_matter(rd), r, facts);
    collect_section_prose(rd, r);
    if (!r.published) r.published = signature_date(rd);
    collect_prose_facts(rd, facts);
    if (!r.year && facts.period_year) r.year = facts.period_year;

    check_document(r, facts, result.diagnostics);
    return result;
}

}  // namespace xxgk::read
