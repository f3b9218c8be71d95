#include "transfer/sqlite_backup.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <stdexcept>

#include "sqlite/connection.hpp"
#include "sqlite/error.hpp"

namespace cruddur::transfer {

namespace {

using ::cruddur::sqlite::Connection;
using ::cruddur::sqlite::ConnectionOptions;

// The copy's files are opened as they are: the source is the server's (already WAL), the destination must
// end up one self-contained file, and an integrity check changes nothing.
ConnectionOptions as_they_are(bool read_only) {
  ConnectionOptions options;
  options.wal = false;
  options.read_only = read_only;
  return options;
}

// Errors name the file they are about (the shared layer's name only the operation).
template <typename Work>
auto about(const std::string& path, Work&& work) {
  try {
    return work();
  } catch (const ::cruddur::sqlite::Error& error) {
    throw std::runtime_error(path + ": " + error.what());
  }
}

}  // namespace

CopyStats copy_live_database(const std::string& source, const std::string& destination, int pages_per_step) {
  if (!std::filesystem::exists(source)) throw std::runtime_error(source + ": no such database");
  if (std::filesystem::exists(destination)) throw std::runtime_error(destination + ": already exists");
  // Read-write (not read-only) so that SQLite may use the WAL index as any reader does; nothing is written.
  Connection from = about(source, [&] { return Connection(source, as_they_are(false)); });
  Connection to = about(destination, [&] { return Connection(destination, as_they_are(false)); });

  // One read transaction for the whole copy: one snapshot, and no restart when the server commits.
  about(source, [&] { from.execute("BEGIN; SELECT count(*) FROM sqlite_schema;"); });
  sqlite3_backup* backup = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
  if (!backup) throw std::runtime_error(destination + ": " + sqlite3_errmsg(to.handle()));
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
  about(source, [&] { from.execute("COMMIT"); });
  if (rc != SQLITE_DONE) throw std::runtime_error(destination + ": backup failed: " + sqlite3_errstr(rc));
  // The copy keeps the source's WAL mode in its header; make it one self-contained file.
  about(destination, [&] { to.execute("PRAGMA journal_mode=DELETE"); });
  return stats;
}

std::string integrity_check(const std::string& path) {
  if (!std::filesystem::exists(path)) throw std::runtime_error(path + ": no such database");
  return about(path, [&] {
    Connection db(path, as_they_are(true));
    auto check = db.statement("PRAGMA integrity_check");
    return check.step() ? check.column_text(0) : std::string("no answer");
  });
}

}  // namespace cruddur::transfer
