// 汇总. Included by aggregate.hpp only.

#include <xxgk/json.hpp>

#include <boost/json/array.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace xxgk {

inline std::optional<report> sum_tables(std::span<const report *const> parts, std::string &why) {
    if (parts.empty()) {
        why = "没有可汇总的报告";
        return std::nullopt;
    }
    report sum;
    const format_version format = parts.front()->format();
    for (const report *p : parts)
        if (p->format() != format) {
            why = "报告格式不一致：" + p->agency.value_or("?");
            return std::nullopt;
        }
    if (format == format_version::v2019) sum.active = active_disclosure_2019{};
    for_each_cell(sum, [&](cell_ref at, cell &out) {
        if (at.where == area::active_disclosure_2019 && column_2019(at.column) == column_2019::amount) {
            // Reports print procurement amounts in 元 or 万元 without saying which in the cell: not summed.
            out.kind = cell_kind::unreadable;
            out.text = "采购金额单位不统一，未汇总";
            return;
        }
        decimal total{};
        for (std::size_t i = 0; i < parts.size(); ++i) {
            const cell *c = find_cell(*parts[i], at);
            const std::string who = parts[i]->agency.value_or("第" + std::to_string(i + 1) + "份报告");
            if (!c || !c->is_assessable()) {
                out.kind = cell_kind::unreadable;
                out.text = who + "：" + (c && !c->text.empty() ? c->text : std::string("无法读取"));
                return;
            }
            const std::optional<decimal> next = add(total, c->arithmetic_value());
            if (!next) {
                out.kind = cell_kind::unreadable;
                out.text = "合计超出范围";
                return;
            }
            total = *next;
        }
        out = number_cell(total);
    });
    return sum;
}

inline std::vector<cell_difference> differing_cells(const report &published, const report &sum) {
    std::vector<cell_difference> out;
    if (published.format() != sum.format()) return out;
    for_each_cell(sum, [&](cell_ref at, const cell &s) {
        const cell *p = find_cell(published, at);
        if (!p) return;
        cell_difference d{at, *p, s, std::nullopt};
        if (p->is_assessable() && s.is_assessable()) {
            if (compare(p->arithmetic_value(), s.arithmetic_value()) == 0) return;
            d.difference = subtract(p->arithmetic_value(), s.arithmetic_value());
        }
        out.push_back(std::move(d));
    });
    return out;
}

inline std::vector<unit_aggregate> aggregate_units(std::span<const unit> units, const roster &year_roster,
                                                   const report_lookup &find) {
    std::map<std::string, std::size_t> by_key;
    for (std::size_t i = 0; i < units.size(); ++i) by_key.emplace(normalise_agency(units[i].name), i);
    // The parents, each with its children in the units' order; a parent need not be a unit itself.
    std::map<std::string, std::vector<std::size_t>> children;
    std::vector<std::string> parents;  // normalised, in order of first mention
    std::map<std::string, std::string> parent_name;
    for (std::size_t i = 0; i < units.size(); ++i) {
        if (units[i].parent.empty()) continue;
        const std::string key = normalise_agency(units[i].parent);
        if (!children.contains(key)) parents.push_back(key), parent_name[key] = units[i].parent;
        children[key].push_back(i);
    }
    // Children before parents: deepest first (depth counted in parents up to the top; units_error rules out cycles).
    auto depth = [&](const std::string &key) {
        std::size_t d = 0;
        for (std::string k = key; by_key.contains(k) && d <= units.size(); ++d) k = normalise_agency(units[by_key[k]].parent);
        return d;
    };
    std::stable_sort(parents.begin(), parents.end(),
                     [&](const std::string &a, const std::string &b) { return depth(a) > depth(b); });

    std::vector<unit_aggregate> out;
    std::map<std::string, std::size_t> done;  // parent key → index in out
    for (const std::string &key : parents) {
        unit_aggregate a;
        const auto self = by_key.find(key);
        a.parent = self != by_key.end() ? units[self->second].name : parent_name[key];
        a.year = year_roster.year;
        const roster_entry *own = self != by_key.end() ? &year_roster.units[self->second] : nullptr;
        std::vector<const report *> figures;
        bool complete = true;
        auto add_part = [&](const roster_entry &e, bool own_office) {
            aggregate_part part{e.who.name, {}, part_source::missing, own_office};
            const std::string child_key = normalise_agency(e.who.name);
            const auto below = done.find(child_key);
            const bool use_aggregate = !own_office && below != done.end() &&
                                       (e.who.own_office || e.state != unit_state::published);
            if (use_aggregate) {
                const unit_aggregate &b = out[below->second];
                if (b.sum) {
                    part.source = part_source::aggregate;
                    figures.push_back(&*b.sum);
                    complete = complete && b.complete;
                } else complete = false;
            } else if (e.state == unit_state::published) {
                part.file = e.file;
                if (const report *r = find(e.file)) {
                    part.source = part_source::report;
                    figures.push_back(r);
                } else complete = false;
            } else {
                if (e.state == unit_state::unreadable) part.source = part_source::unreadable, part.file = e.file;
                complete = false;
            }
            a.parts.push_back(std::move(part));
        };
        if (own && own->who.own_office) add_part(*own, true);
        for (std::size_t child : children[key]) add_part(year_roster.units[child], false);
        a.complete = complete;
        a.sum = sum_tables(figures, a.error);
        if (a.sum) {
            a.sum->agency = a.parent;
            a.sum->year = year_roster.year;
            a.sum->kind = own ? own->who.kind : std::nullopt;
            a.sum->title = a.parent + std::to_string(year_roster.year) + "年政府信息公开工作年度报告（汇总）";
        }
        if (a.sum && own && !own->who.own_office && own->state == unit_state::published)
            if (const report *published = find(own->file)) {
                a.compared_file = own->file;
                a.differences = differing_cells(*published, *a.sum);
            }
        done[key] = out.size();
        out.push_back(std::move(a));
    }
    return out;
}

namespace detail {

// A cell as the differences list shows it: the exact number, or null with the printed text beside.
inline boost::json::value difference_value(const cell &c) {
    if (c.is_number()) return boost::json::value(to_string(c.value));
    if (c.kind == cell_kind::blank || c.kind == cell_kind::placeholder) return boost::json::value("0");
    return nullptr;
}

}  // namespace detail

inline boost::json::object to_json(const unit_aggregate &a) {
    boost::json::object o;
    o["parent"] = a.parent;
    o["year"] = a.year;
    o["complete"] = a.complete;
    boost::json::array parts;
    for (const aggregate_part &p : a.parts) {
        boost::json::object j;
        j["unit"] = p.unit;
        j["own_office"] = p.own_office;
        j["source"] = name(p.source);
        j["file"] = p.file.empty() ? boost::json::value(nullptr) : boost::json::value(p.file);
        parts.push_back(std::move(j));
    }
    o["parts"] = std::move(parts);
    o["report"] = a.sum ? boost::json::value(to_json(*a.sum)) : boost::json::value(nullptr);
    boost::json::array unread;
    if (a.sum)
        for_each_cell(*a.sum, [&](cell_ref at, const cell &c) {
            if (c.kind == cell_kind::unreadable) unread.push_back({{"pointer", json_pointer(at)}, {"reason", c.text}});
        });
    o["unread"] = std::move(unread);
    o["error"] = a.error.empty() ? boost::json::value(nullptr) : boost::json::value(a.error);
    o["compared_file"] = a.compared_file.empty() ? boost::json::value(nullptr) : boost::json::value(a.compared_file);
    boost::json::array differences;
    for (const cell_difference &d : a.differences) {
        const ref_labels l = labels(d.at);
        boost::json::object j;
        j["pointer"] = json_pointer(d.at);
        j["table"] = l.table;
        j["row"] = l.row;
        j["column"] = l.column;
        j["published"] = detail::difference_value(d.published);
        j["sum"] = detail::difference_value(d.sum);
        j["difference"] = d.difference ? boost::json::value(to_string(*d.difference)) : boost::json::value(nullptr);
        differences.push_back(std::move(j));
    }
    o["differences"] = std::move(differences);
    return o;
}

inline std::vector<std::optional<std::size_t>> previous_reports(std::span<const report_entry> entries) {
    std::map<std::pair<std::string, int>, std::size_t> first;
    std::vector<std::string> keys;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const report_entry &e = entries[i];
        keys.push_back(!e.error && e.agency ? normalise_agency(*e.agency) : std::string());
        if (!keys.back().empty() && e.year) first.emplace(std::pair(keys.back(), *e.year), i);
    }
    std::vector<std::optional<std::size_t>> previous(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i)
        if (!keys[i].empty() && entries[i].year)
            if (const auto it = first.find({keys[i], *entries[i].year - 1}); it != first.end()) previous[i] = it->second;
    return previous;
}

inline boost::json::object office_year_json(std::span<const unit> units, std::span<const report_entry> entries,
                                            const report_lookup &find, const office_options &options) {
    if (const auto why = units_error(units)) throw std::invalid_argument(*why);
    const std::optional<int> year = options.year ? options.year : latest_year(entries);
    if (!year) throw std::invalid_argument("no readable report says its year; give the year");
    boost::json::object out;
    out["year"] = *year;
    std::vector<unit_aggregate> sums, last_sums;
    if (!units.empty()) {
        const roster now = make_roster(units, entries, *year, options.matching);
        out["roster"] = to_json(now);
        sums = aggregate_units(units, now, find);
        last_sums = aggregate_units(units, make_roster(units, entries, *year - 1, options.matching), find);
    } else out["roster"] = nullptr;

    boost::json::array aggregates;
    for (const unit_aggregate &s : sums) {
        boost::json::object j = to_json(s);
        const report *last = nullptr;
        for (const unit_aggregate &l : last_sums)
            if (l.parent == s.parent && l.sum) last = &*l.sum;
        boost::json::array findings;
        if (s.sum)
            for (const diagnostic &d : check(*s.sum, options.check)) findings.push_back(to_json(d, options.lang));
        j["findings"] = std::move(findings);
        j["indicators"] = s.sum ? boost::json::value(to_json(compute_indicators(*s.sum, last))) : nullptr;
        aggregates.push_back(std::move(j));
    }
    out["aggregates"] = std::move(aggregates);

    const std::vector<std::optional<std::size_t>> previous = previous_reports(entries);
    boost::json::array reports, unreadable;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const report_entry &e = entries[i];
        if (e.error) {
            unreadable.push_back({{"file", e.file}, {"error", *e.error}});
            continue;
        }
        const report *r = find(e.file);
        if (e.year != year || !r) continue;
        const report *last = previous[i] ? find(entries[*previous[i]].file) : nullptr;
        boost::json::object j;
        j["file"] = e.file;
        j["agency"] = e.agency ? boost::json::value(*e.agency) : boost::json::value(nullptr);
        j["year"] = *year;
        j["agency_kind"] = e.kind ? boost::json::value(name(*e.kind)) : boost::json::value(nullptr);
        j["published"] = e.published ? boost::json::value(*e.published) : boost::json::value(nullptr);
        j["previous"] = last ? boost::json::value(entries[*previous[i]].file) : boost::json::value(nullptr);
        j["errors"] = e.errors;
        j["warnings"] = e.warnings;
        j["indicators"] = to_json(compute_indicators(*r, last));
        reports.push_back(std::move(j));
    }
    out["reports"] = std::move(reports);
    out["unreadable"] = std::move(unreadable);
    return out;
}

}  // namespace xxgk
