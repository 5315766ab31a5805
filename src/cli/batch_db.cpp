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
    error         TEXT
);
CREATE TABLE IF NOT EXISTS cells (
    report_id    INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    pointer      TEXT NOT NULL,
    table_name   TEXT NOT NULL,
    row          TEXT NOT NULL,
    column       TEXT,
    kind         TEXT NOT NULL,
    value        TEXT,
    number       REAL,
    printed      TEXT,
    PRIMARY KEY (report_id, pointer)
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
CREATE VIEW IF NOT EXISTS cells_labelled AS
    SELECT c.*, l.table_label, l.row_label, l.column_label FROM cells c LEFT JOIN labels l USING (pointer);
CREATE INDEX IF NOT EXISTS reports_agency ON reports(agency_key, year);
CREATE INDEX IF NOT EXISTS findings_rule ON findings(rule);
)sql";

constexpr std::string_view kind_names[] = {"blank", "number", "placeholder", "text", "unreadable"};

}  // namespace

struct database::impl {
    explicit impl(const std::string &path) : db(path, "--db") {}
    sqlite_connection db;
    sqlite3_stmt *upsert = nullptr, *id_of = nullptr, *drop_cells = nullptr, *drop_findings = nullptr,
                 *cell = nullptr, *finding = nullptr, *label = nullptr;
    std::set<std::string> labelled;  // pointers already in `labels`
    std::size_t pending = 0;
};

database::database(const std::string &path) : impl_(std::make_unique<impl>(path)) {
    sqlite_connection &db = impl_->db;
    db.exec(schema_sql);
    db.exec("PRAGMA synchronous = NORMAL; BEGIN");
    impl_->upsert = db.prepare(
        "INSERT INTO reports (file, content_hash, agency, agency_key, year, agency_kind, format, published, title, "
        "previous_file, error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT(file) DO UPDATE SET "
        "content_hash = ?2, agency = ?3, agency_key = ?4, year = ?5, agency_kind = ?6, format = ?7, published = ?8, "
        "title = ?9, previous_file = ?10, error = ?11");
    impl_->id_of = db.prepare("SELECT id FROM reports WHERE file = ?1");
    impl_->drop_cells = db.prepare("DELETE FROM cells WHERE report_id = ?1");
    impl_->drop_findings = db.prepare("DELETE FROM findings WHERE report_id = ?1");
    impl_->cell = db.prepare(
        "INSERT INTO cells (report_id, pointer, table_name, row, column, kind, value, number, printed) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
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
    impl_->pending = 0;
}

void database::store(const file_result &r, xxgk::language lang) {
    impl &d = *impl_;
    sqlite_connection &db = d.db;
    const xxgk::report *rep = r.report ? &*r.report : nullptr;
    auto opt = [](const std::optional<std::string> &s) { return s; };
    db.text(d.upsert, 1, r.absolute);
    db.text_or_null(d.upsert, 2, r.content_hash.empty() ? std::nullopt : std::optional(r.content_hash));
    db.text_or_null(d.upsert, 3, rep ? opt(rep->agency) : std::nullopt);
    db.text_or_null(d.upsert, 4, rep && rep->agency ? std::optional(normalise_agency(*rep->agency)) : std::nullopt);
    if (rep && rep->year) sqlite3_bind_int(d.upsert, 5, *rep->year);
    db.text_or_null(d.upsert, 6, rep && rep->kind ? std::optional(std::string(xxgk::name(*rep->kind))) : std::nullopt);
    db.text_or_null(d.upsert, 7, rep ? std::optional(std::string(rep->format() == xxgk::format_version::v2021 ? "2021" : "2019"))
                                    : std::nullopt);
    db.text_or_null(d.upsert, 8, rep ? opt(rep->published) : std::nullopt);
    db.text_or_null(d.upsert, 9, rep ? opt(rep->title) : std::nullopt);
    db.text_or_null(d.upsert, 10, r.previous.empty() ? std::nullopt : std::optional(r.previous));
    db.text_or_null(d.upsert, 11, r.error);
    db.step(d.upsert);
    db.text(d.id_of, 1, r.absolute);
    if (sqlite3_step(d.id_of) != SQLITE_ROW) db.fail("read back");
    const sqlite3_int64 id = sqlite3_column_int64(d.id_of, 0);
    sqlite3_reset(d.id_of);
    for (sqlite3_stmt *s : {d.drop_cells, d.drop_findings}) {
        sqlite3_bind_int64(s, 1, id);
        db.step(s);
    }
    if (rep)
        xxgk::for_each_cell(*rep, [&](xxgk::cell_ref at, const xxgk::cell &c) {
            const std::string pointer = xxgk::json_pointer(at);
            const auto parts = split(std::string_view(pointer).substr(1), '/');
            if (d.labelled.insert(pointer).second) {
                const xxgk::ref_labels l = xxgk::labels(at);
                db.text(d.label, 1, pointer);
                db.text(d.label, 2, l.table);
                db.text(d.label, 3, l.row);
                db.text(d.label, 4, l.column);
                db.step(d.label);
            }
            sqlite3_bind_int64(d.cell, 1, id);
            db.text(d.cell, 2, pointer);
            db.text(d.cell, 3, parts[0]);
            db.text(d.cell, 4, parts.size() > 1 ? parts[1] : std::string_view());
            if (parts.size() > 2) db.text(d.cell, 5, parts[2]);
            db.text(d.cell, 6, kind_names[static_cast<std::size_t>(c.kind)]);
            if (c.is_number()) {
                const std::string v = xxgk::to_string(c.value);
                db.text(d.cell, 7, v);
                sqlite3_bind_double(d.cell, 8, std::strtod(v.c_str(), nullptr));
            }
            if (!c.text.empty()) db.text(d.cell, 9, c.text);
            db.step(d.cell);
        });
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
    if (++d.pending >= 500) commit();
}

}  // namespace xxgk::cli
