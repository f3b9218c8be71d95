#include "sqlite/connection.hpp"

#include <sqlite3.h>

#include <thread>

#include "sqlite/error.hpp"

namespace cruddur::sqlite {

Connection::Connection(const std::string& path, const ConnectionOptions& options) {
  int flags =
      (options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    // sqlite3_open_v2 may hand back a handle even on failure: read its message, then release it.
    std::string message = "sqlite open " + path + ": " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    int extended = db_ ? sqlite3_extended_errcode(db_) : rc;
    sqlite3_close_v2(db_);
    throw Error(extended, message);
  }
  sqlite3_extended_result_codes(db_, 1);
  try {
    // The busy timeout first: switching to WAL needs a lock another process may be holding.
    sqlite3_busy_timeout(db_, static_cast<int>(options.busy_timeout.count()));
    if (options.wal && !options.read_only) enter_wal_mode(options.busy_timeout);
    execute(options.full_sync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
    execute("PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=ON");
    if (options.mmap_size > 0) execute("PRAGMA mmap_size=" + std::to_string(options.mmap_size));
  } catch (...) {
    sqlite3_close_v2(db_);
    throw;
  }
}

void Connection::enter_wal_mode(std::chrono::milliseconds patience) {
  const auto deadline = std::chrono::steady_clock::now() + patience;
  for (;;) {
    try {
      execute("PRAGMA journal_mode=WAL");
      return;
    } catch (const Error& error) {
      if (error.primary_code() != SQLITE_BUSY || std::chrono::steady_clock::now() > deadline) throw;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

Connection::~Connection() {
  forget_statements();
  sqlite3_close_v2(db_);
}

Statement Connection::statement(std::string_view sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* prepared = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &prepared,
                                nullptr);
    if (rc != SQLITE_OK) throw_error(db_, rc, "prepare " + std::string(sql));
    it = statements_.emplace(std::string(sql), prepared).first;
  }
  return Statement(db_, it->second);
}

void Connection::execute(std::string_view sql) {
  const std::string text(sql);
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw_error(db_, rc, text);
}

void Connection::forget_statements() {
  for (auto& [sql, prepared] : statements_) sqlite3_finalize(prepared);
  statements_.clear();
}

int Connection::changes() const { return sqlite3_changes(db_); }

std::int64_t Connection::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

WriteTransaction::WriteTransaction(Connection& connection) : connection_(connection) {
  connection_.statement("BEGIN IMMEDIATE").run();
}

WriteTransaction::~WriteTransaction() {
  if (finished_ || sqlite3_get_autocommit(connection_.handle())) return;
  // ROLLBACK fails only when the database itself is broken; the next BEGIN then reports that error.
  sqlite3_exec(connection_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void WriteTransaction::commit() {
  connection_.statement("COMMIT").run();
  finished_ = true;
}

}  // namespace cruddur::sqlite
