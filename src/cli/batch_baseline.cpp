// What a batch run reads besides reports: the fingerprints of a previous output (--baseline) and the
// two-column mapping files (--pairs, --hierarchy); and the fingerprint that names a finding across runs.
#include "batch.hpp"
#include "hash.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>

namespace xxgk::cli {

std::string fingerprint(std::string_view agency_key, std::optional<int> year, const xxgk::diagnostic &d) {
    std::string identity(agency_key);
    identity += '\x1f';
    identity += year ? std::to_string(*year) : std::string("?");
    identity += '\x1f';
    identity += xxgk::info(d.which).id;
    for (xxgk::cell_ref c : d.cells) identity += '\x1f' + xxgk::json_pointer(c);
    return hex(fnv1a(identity));
}

namespace {

void collect_fingerprints(const boost::json::value &v, std::set<std::string> &out) {
    if (const auto *o = v.if_object()) {
        for (const auto &[key, value] : *o) {
            if (key == "fingerprint" && value.is_string()) out.emplace(value.get_string());
            else if (key == "partialFingerprints" && value.is_object())
                for (const auto &[k, fp] : value.get_object())
                    if (fp.is_string()) out.emplace(fp.get_string());
            collect_fingerprints(value, out);
        }
    } else if (const auto *a = v.if_array()) {
        for (const auto &e : *a) collect_fingerprints(e, out);
    }
}

// RFC 4180 records: fields separated by commas, optionally in double quotes (holding commas, line breaks
// and "" for a quote); a UTF-8 byte order mark is skipped, and so are empty lines and, with `comments`,
// lines starting with `#`.
struct csv_record {
    std::size_t line;  // where the record starts
    std::vector<std::string> fields;
};
std::vector<csv_record> parse_csv(std::string_view text, bool comments) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    std::vector<csv_record> records;
    std::size_t line = 1;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t end_of_line = std::min(text.find('\n', i), text.size());
        const std::string_view rest = text.substr(i, end_of_line - i);
        if (rest.empty() || rest == "\r" || (comments && rest.starts_with('#'))) {
            i = end_of_line + 1;
            ++line;
            continue;
        }
        csv_record &r = records.emplace_back(csv_record{line, {std::string()}});
        bool quoted = false;
        for (; i < text.size(); ++i) {
            const char c = text[i];
            if (quoted) {
                if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') r.fields.back() += '"', ++i;
                else if (c == '"') quoted = false;
                else r.fields.back() += c, line += c == '\n';
            } else if (c == '"') quoted = true;
            else if (c == ',') r.fields.emplace_back();
            else if (c == '\n') break;
            else if (c != '\r' || (i + 1 < text.size() && text[i + 1] != '\n')) r.fields.back() += c;
        }
        if (quoted) throw input_error{"line " + std::to_string(r.line) + ": unterminated quote"};
        ++i;
        ++line;
    }
    return records;
}

}  // namespace

std::vector<std::vector<std::string>> read_csv(const std::string &path, std::size_t min_fields, std::size_t max_fields) {
    std::vector<std::vector<std::string>> rows;
    for (csv_record &r : parse_csv(read_input(path), true)) {
        if (r.fields.size() < min_fields || r.fields.size() > max_fields)
            throw input_error{"line " + std::to_string(r.line) + ": expected " +
                              (min_fields == max_fields ? std::to_string(min_fields)
                                                        : std::to_string(min_fields) + " to " + std::to_string(max_fields)) +
                              " fields, found " + std::to_string(r.fields.size())};
        rows.push_back(std::move(r.fields));
    }
    return rows;
}

namespace {

// The fingerprints of a findings CSV: the column headed `fingerprint`; nothing when there is none.
std::optional<std::set<std::string>> csv_fingerprints(std::string_view text) {
    const std::vector<csv_record> records = parse_csv(text, false);
    if (records.empty()) return std::nullopt;
    const auto &header = records.front().fields;
    const auto column = std::find(header.begin(), header.end(), "fingerprint");
    if (column == header.end()) return std::nullopt;
    const auto k = static_cast<std::size_t>(column - header.begin());
    std::set<std::string> out;
    for (std::size_t i = 1; i < records.size(); ++i)
        if (k < records[i].fields.size() && !records[i].fields[k].empty()) out.insert(records[i].fields[k]);
    return out;
}

}  // namespace

std::set<std::string> read_baseline(const std::string &path) {
    const std::string text = read_input(path);
    std::set<std::string> out;
    boost::system::error_code ec;
    const boost::json::value whole = boost::json::parse(text, ec);
    if (!ec) {
        collect_fingerprints(whole, out);
        return out;
    }
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && text[first] != '{' && text[first] != '[') {
        if (auto csv = csv_fingerprints(text)) return std::move(*csv);
        throw input_error{"not JSON, JSON Lines, SARIF or CSV with a fingerprint column"};
    }
    std::size_t line_no = 0;
    for (std::string_view line : split(text, '\n')) {
        ++line_no;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        const boost::json::value v = boost::json::parse(line, ec);
        if (ec) throw input_error{"line " + std::to_string(line_no) + ": not JSON, JSON Lines or SARIF"};
        collect_fingerprints(v, out);
    }
    return out;
}

}  // namespace xxgk::cli
