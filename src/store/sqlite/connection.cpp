#include "store/sqlite/connection.hpp"

#include <string>

namespace cruddur::store::sqlite {

void throw_sqlite_error(sqlite3* db, int rc, std::string_view context) {
  std::string message = std::string(context) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PROTOCOL:
      throw StoreError::unavailable("sqlite " + message);
    case SQLITE_ERROR:
      if (message.find("no such table") != std::string::npos) throw StaleTable("sqlite " + message);
      [[fallthrough]];
    default:
      throw StoreError::internal("sqlite " + message);
  }
}

// ---------------------------------------------------------------- StatementUse

StatementUse::~StatementUse() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

StatementUse& StatementUse::bind(int index, std::string_view bytes) {
  static const char empty = 0;  // a null pointer would bind NULL instead of an empty BLOB
  int rc = sqlite3_bind_blob(statement_, index, bytes.empty() ? &empty : bytes.data(),
                             static_cast<int>(bytes.size()), SQLITE_STATIC);
  if (rc != SQLITE_OK) throw_sqlite_error(db_, rc, "bind");
  return *this;
}

StatementUse& StatementUse::bind(int index, long long value) {
  int rc = sqlite3_bind_int64(statement_, index, value);
  if (rc != SQLITE_OK) throw_sqlite_error(db_, rc, "bind");
  return *this;
}

bool StatementUse::step() {
  int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_sqlite_error(db_, rc, "step");
}

void StatementUse::run() {
  while (step()) {
  }
}

std::string_view StatementUse::column_bytes(int index) const {
  const void* data = sqlite3_column_blob(statement_, index);
  int size = sqlite3_column_bytes(statement_, index);
  if (!data) return {};
  return {static_cast<const char*>(data), static_cast<std::size_t>(size)};
}

long long StatementUse::column_int(int index) const { return sqlite3_column_int64(statement_, index); }

// ---------------------------------------------------------------- Connection

Connection::Connection(const std::string& path, const SqliteOptions& options) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = "cannot open " + path + ": " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    sqlite3_close_v2(db_);
    throw StoreError::unavailable("sqlite " + message);
  }
  sqlite3_busy_timeout(db_, static_cast<int>(options.busy_timeout.count()));
  try {
    bool full = options.durability == SqliteOptions::Durability::full;
    execute(std::string("PRAGMA synchronous=") + (full ? "FULL" : "NORMAL"));
    execute("PRAGMA temp_store=MEMORY");
    execute("PRAGMA mmap_size=268435456");
  } catch (...) {
    sqlite3_close_v2(db_);
    throw;
  }
}

Connection::~Connection() {
  forget_statements();
  sqlite3_close_v2(db_);
}

StatementUse Connection::statement(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* prepared = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                &prepared, nullptr);
    if (rc != SQLITE_OK) throw_sqlite_error(db_, rc, "prepare " + sql);
    it = statements_.emplace(sql, prepared).first;
  }
  return StatementUse(db_, it->second);
}

void Connection::execute(const std::string& sql) {
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw_sqlite_error(db_, rc, sql);
}

void Connection::forget_statements() {
  for (auto& [sql, prepared] : statements_) sqlite3_finalize(prepared);
  statements_.clear();
}

// ---------------------------------------------------------------- WriteTransaction

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

}  // namespace cruddur::store::sqlite
