#include "transfer/sqlite_backup.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <stdexcept>

namespace cruddur::transfer {

namespace {

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;

Db open(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK)
    throw std::runtime_error(path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  sqlite3_busy_timeout(raw, 5000);
  return db;
}

void exec(sqlite3* db, const char* sql, const std::string& path) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = path + ": " + (error ? error : sqlite3_errmsg(db));
    sqlite3_free(error);
    throw std::runtime_error(message);
  }
}

}  // namespace

CopyStats copy_live_database(const std::string& source, const std::string& destination, int pages_per_step) {
  if (!std::filesystem::exists(source)) throw std::runtime_error(source + ": no such database");
  if (std::filesystem::exists(destination)) throw std::runtime_error(destination + ": already exists");
  // Read-write (not read-only) so that SQLite may use the WAL index as any reader does; nothing is written.
  Db from = open(source, SQLITE_OPEN_READWRITE);
  Db to = open(destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);

  // One read transaction for the whole copy: one snapshot, and no restart when the server commits.
  exec(from.get(), "BEGIN; SELECT count(*) FROM sqlite_schema;", source);
  sqlite3_backup* backup = sqlite3_backup_init(to.get(), "main", from.get(), "main");
  if (!backup) throw std::runtime_error(destination + ": " + sqlite3_errmsg(to.get()));
  CopyStats stats;
  int rc = SQLITE_OK;
  for (;;) {
    rc = sqlite3_backup_step(backup, pages_per_step);
    ++stats.steps;
    if (rc == SQLITE_DONE) break;
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      sqlite3_sleep(5);
      continue;
    }
    if (rc != SQLITE_OK) break;
  }
  stats.pages = sqlite3_backup_pagecount(backup);
  sqlite3_backup_finish(backup);
  exec(from.get(), "COMMIT", source);
  if (rc != SQLITE_DONE) throw std::runtime_error(destination + ": backup failed: " + sqlite3_errstr(rc));
  // The copy keeps the source's WAL mode in its header; make it one self-contained file.
  exec(to.get(), "PRAGMA journal_mode=DELETE", destination);
  return stats;
}

std::string integrity_check(const std::string& path) {
  if (!std::filesystem::exists(path)) throw std::runtime_error(path + ": no such database");
  Db db = open(path, SQLITE_OPEN_READONLY);
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db.get(), "PRAGMA integrity_check", -1, &statement, nullptr) != SQLITE_OK)
    throw std::runtime_error(path + ": " + sqlite3_errmsg(db.get()));
  std::string result = "no answer";
  if (sqlite3_step(statement) == SQLITE_ROW) result = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  else result = sqlite3_errmsg(db.get());
  sqlite3_finalize(statement);
  return result;
}

}  // namespace cruddur::transfer
