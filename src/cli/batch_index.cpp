// The batch's file index (see batch_index.hpp).
#include "batch_index.hpp"

#include <cstdlib>
#include <cstring>

namespace xxgk::cli {

template <class Each>
void file_index::rows(sqlite3_stmt *s, std::size_t first, std::size_t last, Each each) {
    sqlite3_bind_int64(s, 1, rowid(first));
    sqlite3_bind_int64(s, 2, rowid(last));
    std::size_t n = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) each(s), ++n;
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) db_.fail("read");
    if (n != last - first) throw input_error{"temporary index: files " + std::to_string(first) + " to " +
                                             std::to_string(last - 1) + " are missing"};
}

template <class F>
std::invoke_result_t<F &> file_index::locked(F f) {
    std::lock_guard lock(m_);
    if (broken_) throw *broken_;
    try {
        return f();
    } catch (const input_error &e) {
        broken_ = e;
        throw;
    }
}


file_index::file_index() : db_("", "temporary index in " + temporary_directory()) {
    db_.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = FILE;"
             "PRAGMA cache_size = -2048;"
             "CREATE TABLE files (path TEXT NOT NULL, agency TEXT, year INTEGER, error TEXT, extract BLOB, record BLOB,"
             "  previous INTEGER, errors INTEGER, warnings INTEGER, infos INTEGER);"
             "CREATE TABLE found (path TEXT NOT NULL);"
             "BEGIN");
    add_ = db_.prepare("INSERT INTO files (path) VALUES (?1)");
    add_found_ = db_.prepare("INSERT INTO found (path) VALUES (?1)");
    paths_ = db_.prepare("SELECT path FROM files WHERE rowid >= ?1 AND rowid < ?2 ORDER BY rowid");
    record_ = db_.prepare(
        "UPDATE files SET agency = ?2, year = ?3, error = ?4, extract = ?5, record = ?6 WHERE rowid = ?1");
    paired_ = db_.prepare(
        "SELECT f.path, f.agency, f.year, f.error, f.extract, p.rowid, p.path, p.agency, p.year, p.error, p.extract, "
        "f.record "
        "FROM files f LEFT JOIN files p ON p.rowid = f.previous WHERE f.rowid >= ?1 AND f.rowid < ?2 "
        "ORDER BY f.rowid");
    count_ = db_.prepare("UPDATE files SET errors = ?2, warnings = ?3, infos = ?4 WHERE rowid = ?1");
}

void file_index::add(std::string_view path) {
    locked([&] {
        db_.text(add_, 1, path);
        write(add_);
        ++size_;
    });
}

void file_index::add_found(std::string_view path) {
    locked([&] {
        db_.text(add_found_, 1, path);
        write(add_found_);
    });
}

void file_index::take_found() {
    locked([&] {
        // Rows get rowids in the order the sorted SELECT yields them. BINARY collation is memcmp, the
        // order of std::string.
        db_.exec("INSERT INTO files (path) SELECT path FROM found ORDER BY path");
        size_ += static_cast<std::size_t>(sqlite3_changes(db_.handle()));
        db_.exec("DELETE FROM found");
    });
}

std::vector<std::string> file_index::paths(std::size_t first, std::size_t last) {
    return locked([&] {
        std::vector<std::string> out;
        out.reserve(last - first);
        rows(paths_, first, last, [&](sqlite3_stmt *s) { out.push_back(text(s, 0).value_or("")); });
        return out;
    });
}

void file_index::record(std::size_t first, const std::vector<index_entry> &entries) {
    locked([&] {
        for (std::size_t k = 0; k < entries.size(); ++k) {
            const index_entry &e = entries[k];
            sqlite3_bind_int64(record_, 1, rowid(first + k));
            db_.text_or_null(record_, 2, e.key.empty() ? std::nullopt : std::optional(e.key));
            if (e.year) sqlite3_bind_int(record_, 3, *e.year);
            db_.text_or_null(record_, 4, e.error);
            if (!e.error) {
                sqlite3_bind_blob(record_, 5, &e.extract, sizeof e.extract, SQLITE_TRANSIENT);
                sqlite3_bind_blob(record_, 6, e.record.data(), static_cast<int>(e.record.size()), SQLITE_STATIC);
            }
            write(record_);
        }
    });
}

void file_index::pair() {
    locked([&] {
        db_.exec("CREATE INDEX files_agency ON files (agency, year);"
                 "UPDATE files SET previous = (SELECT p.rowid FROM files p WHERE p.agency = files.agency AND "
                 "  p.year = files.year - 1 ORDER BY p.rowid LIMIT 1) WHERE agency IS NOT NULL AND year IS NOT NULL");
        first_ = db_.prepare("SELECT rowid FROM files WHERE agency = ?1 AND year = ?2 ORDER BY rowid LIMIT 1");
    });
}

std::vector<paired_entry> file_index::paired(std::size_t first, std::size_t last) {
    return locked([&] {
        std::vector<paired_entry> out;
        out.reserve(last - first);
        rows(paired_, first, last, [&](sqlite3_stmt *s) {
            paired_entry &e = out.emplace_back();
            e.self = entry_at(s, 0);
            if (const void *record = sqlite3_column_blob(s, 11))
                e.self.record.assign(static_cast<const char *>(record),
                                     static_cast<std::size_t>(sqlite3_column_bytes(s, 11)));
            if (sqlite3_column_type(s, 5) != SQLITE_NULL) {
                e.previous_at = static_cast<std::size_t>(sqlite3_column_int64(s, 5) - 1);
                e.previous = entry_at(s, 6);
            }
        });
        return out;
    });
}

std::optional<std::size_t> file_index::first_of(std::string_view key, int year) {
    if (key.empty()) return std::nullopt;
    return locked([&] {
        db_.text(first_, 1, key);
        sqlite3_bind_int(first_, 2, year);
        const int rc = sqlite3_step(first_);
        const std::optional<std::size_t> found =
            rc == SQLITE_ROW ? std::optional(static_cast<std::size_t>(sqlite3_column_int64(first_, 0) - 1))
                             : std::nullopt;
        sqlite3_reset(first_);
        sqlite3_clear_bindings(first_);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) db_.fail("read");
        return found;
    });
}

void file_index::count(std::size_t i, const run_summary::agency_count &c) {
    counted_.emplace_back(i, c);
    if (counted_.size() >= 256) flush_counts();
}

std::map<std::string, run_summary::agency_count> file_index::agencies(std::optional<std::size_t> limit) {
    flush_counts();
    return locked([&] {
        sqlite3_stmt *s = db_.prepare(
            limit ? "SELECT ifnull(agency, '?') AS name, count(*), sum(errors), sum(warnings), sum(infos) FROM files "
                    "WHERE errors IS NOT NULL GROUP BY name HAVING sum(errors) + sum(warnings) > 0 "
                    "ORDER BY sum(errors) + sum(warnings) DESC, name LIMIT ?1"
                  : "SELECT ifnull(agency, '?'), count(*), sum(errors), sum(warnings), sum(infos) FROM files "
                    "WHERE errors IS NOT NULL GROUP BY 1");
        if (limit) sqlite3_bind_int64(s, 1, static_cast<sqlite3_int64>(*limit));
        std::map<std::string, run_summary::agency_count> out;
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            auto column = [&](int k) { return static_cast<std::size_t>(sqlite3_column_int64(s, k)); };
            out[text(s, 0).value_or("?")] = {column(1), column(2), column(3), column(4)};
        }
        if (rc != SQLITE_DONE) db_.fail("read");
        return out;
    });
}

std::size_t file_index::agencies_with_findings() {
    flush_counts();
    return locked([&] {
        sqlite3_stmt *s = db_.prepare(
            "SELECT count(*) FROM (SELECT 1 FROM files WHERE errors IS NOT NULL GROUP BY ifnull(agency, '?') "
            "HAVING sum(errors) + sum(warnings) > 0)");
        if (sqlite3_step(s) != SQLITE_ROW) db_.fail("read");
        return static_cast<std::size_t>(sqlite3_column_int64(s, 0));
    });
}

std::string file_index::temporary_directory() {
    for (const char *name : {"SQLITE_TMPDIR", "TMPDIR"})
        if (const char *dir = std::getenv(name); dir && *dir) return dir;
    return "/var/tmp";
}

std::optional<std::string> file_index::text(sqlite3_stmt *s, int k) {
    if (sqlite3_column_type(s, k) == SQLITE_NULL) return std::nullopt;
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(s, k));
    return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s, k)));
}

index_entry file_index::entry_at(sqlite3_stmt *s, int k) {
    index_entry e;
    e.path = text(s, k).value_or("");
    e.key = text(s, k + 1).value_or("");
    if (sqlite3_column_type(s, k + 2) != SQLITE_NULL) e.year = sqlite3_column_int(s, k + 2);
    e.error = text(s, k + 3);
    if (sqlite3_column_bytes(s, k + 4) == sizeof e.extract)
        std::memcpy(&e.extract, sqlite3_column_blob(s, k + 4), sizeof e.extract);
    return e;
}

void file_index::write(sqlite3_stmt *s) {
    db_.step(s);
    if (++pending_ >= 4096) {
        db_.exec("COMMIT; BEGIN");
        pending_ = 0;
    }
}

void file_index::flush_counts() {
    locked([&] {
        for (const auto &[i, c] : counted_) {
            sqlite3_bind_int64(count_, 1, rowid(i));
            sqlite3_bind_int64(count_, 2, static_cast<sqlite3_int64>(c.error));
            sqlite3_bind_int64(count_, 3, static_cast<sqlite3_int64>(c.warning));
            sqlite3_bind_int64(count_, 4, static_cast<sqlite3_int64>(c.info));
            write(count_);
        }
        counted_.clear();
    });
}

}  // namespace xxgk::cli
