// `xxgk check --db FILE`: every report, cell and finding in SQLite (schema in docs/batch.md).
#include "batch.hpp"

#include <boost/json/serialize.hpp>

#include "sqlite.hpp"

#include <cstdlib>
#include <set>

namespace xxgk::cli {

namespace {

constexpr const char *schema_sql = R"sql(
PRAGMA foreign_keys = ON;
CREATE TABLE IF NOT EXISTS reports (
    id            INTEGER PRIMARY KEY,
    file          TEXT NOT NULL UNIQUE,
    content_hash  TEXT,
    agency        TEXT,
    agency_key    TEXT,
    year          INTEGER,
    agency_kind   TEXT,
    format        TEXT,
    published     TEXT,
    title         TEXT,
    previous_file TEXT,
    error         TEXT,
    cells         TEXT
);
CREATE TABLE IF NOT EXISTS layout (
    format     TEXT NOT NULL,
    position   INTEGER NOT NULL,
    pointer    TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row        TEXT NOT NULL,
    column     TEXT,
    PRIMARY KEY (format, position)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS findings (
    report_id   INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    rule        TEXT NOT NULL,
    severity    TEXT NOT NULL,
    status      TEXT NOT NULL,
    pointer     TEXT,
    pointers    TEXT,
    left        TEXT,
    right       TEXT,
    difference  TEXT,
    text        TEXT,
    message     TEXT,
    fingerprint TEXT,
    PRIMARY KEY (report_id, seq)
);
CREATE TABLE IF NOT EXISTS labels (
    pointer      TEXT PRIMARY KEY,
    table_label  TEXT,
    row_label    TEXT,
    column_label TEXT
) WITHOUT ROWID;
CREATE VIEW IF NOT EXISTS cells AS
    SELECT report_id, pointer, table_name, row, column, kind, value,
           CASE WHEN value IS NOT NULL THEN CAST(value AS REAL) END AS number, printed
    FROM (SELECT r.id AS report_id, l.pointer, l.table_name, l.row, l.column,
                 CASE j.type WHEN 'null' THEN 'blank' WHEN 'array' THEN json_extract(j.value, '$[0]') ELSE 'number'
                 END AS kind,
                 CASE j.type WHEN 'null' THEN NULL WHEN 'array' THEN json_extract(j.value, '$[1]')
                      ELSE CAST(j.atom AS TEXT) END AS value,
                 CASE j.type WHEN 'array' THEN json_extract(j.value, '$[2]') END AS printed
          FROM reports r CROSS JOIN json_each(r.cells) j CROSS JOIN layout l ON l.format = r.format AND l.position = j.key);
CREATE VIEW IF NOT EXISTS cells_labelled AS
    SELECT c.*, l.table_label, l.row_label, l.column_label FROM cells c LEFT JOIN labels l USING (pointer);
CREATE INDEX IF NOT EXISTS reports_agency ON reports(agency_key, year);
CREATE INDEX IF NOT EXISTS findings_rule ON findings(rule);
)sql";

constexpr std::string_view kind_names[] = {"blank", "number", "placeholder", "text", "unreadable"};

// `s` as a JSON string.
void append_json_string(std::string &out, std::string_view s) {
    out += boost::json::serialize(boost::json::string_view(s));
}

}  // namespace

std::string database_cells(const xxgk::report &r) {
    std::string out = "[";
    xxgk::for_each_cell(r, [&](xxgk::cell_ref, const xxgk::cell &c) {
        if (out.size() > 1) out += ',';
        const bool plain = c.text.empty();
        if (c.kind == xxgk::cell_kind::blank && plain) {
            out += "null";
        } else if (c.kind == xxgk::cell_kind::number && plain && c.value.scale == 0) {
            out += xxgk::to_string(c.value);  // an integer: the JSON number is exact
        } else if (c.kind == xxgk::cell_kind::number && plain) {
            out += '"' + xxgk::to_string(c.value) + '"';  // a decimal keeps its digits as text
        } else {
            out += "[\"";
            out += kind_names[static_cast<std::size_t>(c.kind)];
            out += "\",";
            if (c.is_number()) out += '"' + xxgk::to_string(c.value) + '"';
            else out += "null";
            out += ',';
            if (plain) out += "null";
            else append_json_string(out, c.text);
            out += ']';
        }
    });
    return out += ']';
}

struct database::impl {
    explicit impl(const std::string &path) : db(path, "--db") {}
    sqlite_connection db;
    sqlite3_stmt *upsert = nullptr, *drop_findings = nullptr, *finding = nullptr, *layout = nullptr,
                 *label = nullptr;
    std::set<std::string> laid_out;  // formats whose layout and labels are in the database
};

database::database(const std::string &path) : impl_(std::make_unique<impl>(path)) {
    sqlite_connection &db = impl_->db;
    {
        // A database of an earlier xxgk kept a row per cell in a table `cells`, now a view.
        sqlite3_stmt *old = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'cells' AND type = 'table'");
        if (sqlite3_step(old) == SQLITE_ROW)
            throw input_error{"--db: the database was written by an earlier xxgk (a table of cells); name a new file"};
        sqlite3_reset(old);
    }
    db.exec(schema_sql);
    // One transaction for the whole run (database::commit at its end): no journal sync per report.
    db.exec("PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384; BEGIN");
    impl_->upsert = db.prepare(
        "INSERT INTO reports (file, content_hash, agency, agency_key, year, agency_kind, format, published, title, "
        "previous_file, error, cells) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT(file) DO "
        "UPDATE SET content_hash = ?2, agency = ?3, agency_key = ?4, year = ?5, agency_kind = ?6, format = ?7, "
        "published = ?8, title = ?9, previous_file = ?10, error = ?11, cells = ?12 RETURNING id");
    impl_->drop_findings = db.prepare("DELETE FROM findings WHERE report_id = ?1");
    impl_->layout = db.prepare(
        "INSERT OR IGNORE INTO layout (format, position, pointer, table_name, row, column) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    impl_->label = db.prepare(
        "INSERT OR IGNORE INTO labels (pointer, table_label, row_label, column_label) VALUES (?1, ?2, ?3, ?4)");
    impl_->finding = db.prepare(
        "INSERT INTO findings (report_id, seq, rule, severity, status, pointer, pointers, left, right, difference, "
        "text, message, fingerprint) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
}

database::~database() = default;

void database::commit() {
    impl_->db.exec("COMMIT");
    impl_->db.exec("BEGIN");
}

void database::lay_out(const std::string &format) {
    impl &d = *impl_;
    if (!d.laid_out.insert(format).second) return;
    xxgk::report blank;
    if (format == "2019") blank.active = xxgk::active_disclosure_2019{};
    sqlite_connection &db = d.db;
    int position = 0;
    xxgk::for_each_cell(blank, [&](xxgk::cell_ref at, const xxgk::cell &) {
        const std::string pointer = xxgk::json_pointer(at);
        const auto parts = split(std::string_view(pointer).substr(1), '/');
        db.text(d.layout, 1, format);
        sqlite3_bind_int(d.layout, 2, position++);
        db.text(d.layout, 3, pointer);
        db.text(d.layout, 4, parts[0]);
        db.text(d.layout, 5, parts.size() > 1 ? parts[1] : std::string_view());
        if (parts.size() > 2) db.text(d.layout, 6, parts[2]);
        db.step(d.layout);
        const xxgk::ref_labels l = xxgk::labels(at);
        db.text(d.label, 1, pointer);
        db.text(d.label, 2, l.table);
        db.text(d.label, 3, l.row);
        db.text(d.label, 4, l.column);
        db.step(d.label);
    });
}

void database::store(const file_result &r, xxgk::language lang) {
    impl &d = *impl_;
    sqlite_connection &db = d.db;
    const bool read = !r.error;
    auto some = [](const std::string &s) { return s.empty() ? std::nullopt : std::optional(s); };
    if (read) lay_out(r.format);
    db.text(d.upsert, 1, r.absolute);
    db.text_or_null(d.upsert, 2, some(r.content_hash));
    db.text_or_null(d.upsert, 3, read ? some(r.agency) : std::nullopt);
    db.text_or_null(d.upsert, 4, read ? some(r.agency_key) : std::nullopt);
    if (read && r.year) sqlite3_bind_int(d.upsert, 5, *r.year);
    db.text_or_null(d.upsert, 6, read && r.kind ? std::optional(std::string(xxgk::name(*r.kind))) : std::nullopt);
    db.text_or_null(d.upsert, 7, read ? some(r.format) : std::nullopt);
    db.text_or_null(d.upsert, 8, read ? r.published : std::nullopt);
    db.text_or_null(d.upsert, 9, read ? some(r.title) : std::nullopt);
    db.text_or_null(d.upsert, 10, some(r.previous));
    db.text_or_null(d.upsert, 11, r.error);
    db.text_or_null(d.upsert, 12, read ? some(r.cells) : std::nullopt);
    if (sqlite3_step(d.upsert) != SQLITE_ROW) db.fail("write");
    const sqlite3_int64 id = sqlite3_column_int64(d.upsert, 0);
    db.step(d.upsert);  // the statement's end (SQLITE_DONE), then reset
    sqlite3_bind_int64(d.drop_findings, 1, id);
    db.step(d.drop_findings);
    for (std::size_t k = 0; k < r.diagnostics.size(); ++k) {
        const xxgk::diagnostic &f = r.diagnostics[k];
        boost::json::array pointers;
        for (xxgk::cell_ref c : f.cells) pointers.emplace_back(xxgk::json_pointer(c));
        auto value = [](const std::optional<xxgk::decimal> &v) {
            return v ? std::optional(xxgk::to_string(*v)) : std::nullopt;
        };
        sqlite3_bind_int64(d.finding, 1, id);
        sqlite3_bind_int64(d.finding, 2, static_cast<sqlite3_int64>(k));
        db.text(d.finding, 3, xxgk::info(f.which).id);
        db.text(d.finding, 4, xxgk::name(f.level));
        db.text(d.finding, 5, xxgk::name(f.state));
        db.text(d.finding, 6, f.cells.empty() ? std::string() : xxgk::json_pointer(f.cells.front()));
        db.text(d.finding, 7, boost::json::serialize(pointers));
        db.text_or_null(d.finding, 8, value(f.left));
        db.text_or_null(d.finding, 9, value(f.right));
        db.text_or_null(d.finding, 10, value(f.difference));
        db.text_or_null(d.finding, 11, f.text.empty() ? std::nullopt : std::optional(f.text));
        db.text(d.finding, 12, xxgk::message(f, lang));
        db.text(d.finding, 13, r.fingerprints[k]);
        db.step(d.finding);
    }
}

}  // namespace xxgk::cli
