// A thin owner of an SQLite connection and its prepared statements, shared by `--db` (batch_db.cpp) and
// the batch's on-disk file index (batch_index.cpp). Every failure throws input_error, prefixed with what the
// connection is for.
#pragma once

#include "cli.hpp"

#include <sqlite3.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk::cli {

class sqlite_connection {
public:
    /// Opens (creating) the database at `path`; "" is a private temporary database on disk, deleted on close.
    sqlite_connection(const std::string &path, std::string prefix) : prefix_(std::move(prefix)) {
        if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
            const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw input_error{prefix_ + ": cannot open " + path + ": " + why};
        }
    }
    ~sqlite_connection() {
        for (sqlite3_stmt *s : statements_) sqlite3_finalize(s);
        if (sqlite3_get_autocommit(db_) == 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close(db_);
    }
    sqlite_connection(const sqlite_connection &) = delete;
    sqlite_connection &operator=(const sqlite_connection &) = delete;

    /// Throws input_error: "<prefix>: <what>: <SQLite's message>".
    [[noreturn]] void fail(std::string_view what) const {
        throw input_error{prefix_ + ": " + std::string(what) + ": " + sqlite3_errmsg(db_)};
    }
    /// Runs one or more statements without results.
    void exec(const char *sql) {
        char *error = nullptr;
        if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
            std::string m = error ? error : "error";
            sqlite3_free(error);
            throw input_error{prefix_ + ": " + m};
        }
    }
    /// A prepared statement, finalised with the connection.
    sqlite3_stmt *prepare(const char *sql) {
        sqlite3_stmt *s = nullptr;
        if (sqlite3_prepare_v2(db_, sql, -1, &s, nullptr) != SQLITE_OK) fail("prepare");
        statements_.push_back(s);
        return s;
    }
    static void text(sqlite3_stmt *s, int at, std::string_view v) {
        sqlite3_bind_text(s, at, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    }
    static void text_or_null(sqlite3_stmt *s, int at, const std::optional<std::string> &v) {
        if (v) text(s, at, *v);
        else sqlite3_bind_null(s, at);
    }
    /// Runs a statement that returns no row, then resets it and clears its bindings.
    void step(sqlite3_stmt *s) {
        if (sqlite3_step(s) != SQLITE_DONE) fail("write");
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
    }
    sqlite3 *handle() const { return db_; }

private:
    sqlite3 *db_ = nullptr;
    std::string prefix_;
    std::vector<sqlite3_stmt *> statements_;
};

}  // namespace xxgk::cli
