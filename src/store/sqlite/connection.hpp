#pragma once
// One SQLite connection with a cache of prepared statements, and the scoped use of one statement.
//
// Thread affinity: a Connection is used by one thread at a time (the pool hands out exclusive leases); it is
// opened SQLITE_OPEN_NOMUTEX for that reason. Ownership: the Connection owns its statements.

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/sqlite/sqlite_options.hpp"
#include "store/store_error.hpp"

namespace cruddur::store::sqlite {

// A statement referred to a physical table that no longer exists (another connection or process dropped the
// logical table). It is a resource_not_found error; the engine catches it to reload the catalog once.
class StaleTable : public StoreError {
 public:
  explicit StaleTable(const std::string& message) : StoreError(Kind::resource_not_found, message) {}
};

// Throws the StoreError for SQLite result code `rc`: busy/locked/IO/full -> unavailable, a missing table ->
// StaleTable, anything else -> internal.
[[noreturn]] void throw_sqlite_error(sqlite3* db, int rc, std::string_view context);

// The use of one cached statement. On destruction it is reset and its bindings cleared, so that a statement
// never keeps a read transaction (and with it an old WAL snapshot) open.
// Bound bytes are not copied (SQLITE_STATIC): they must stay alive until this object is destroyed.
class StatementUse {
 public:
  StatementUse(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
  ~StatementUse();
  StatementUse(const StatementUse&) = delete;
  StatementUse& operator=(const StatementUse&) = delete;

  // Parameters are 1-based. Strings are bound as BLOBs so that every comparison is by bytes (memcmp).
  StatementUse& bind(int index, std::string_view bytes);
  StatementUse& bind(int index, long long value);

  bool step();  // true: a row is available; false: the statement is done
  void run();   // steps to completion, ignoring rows

  // Columns are 0-based; the view is valid until the next step() or destruction.
  std::string_view column_bytes(int index) const;
  long long column_int(int index) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_;
};

class Connection {
 public:
  // Opens (creating if needed) `path` and applies per-connection settings: synchronous level, busy timeout.
  Connection(const std::string& path, const SqliteOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // The statement for `sql`, prepared on first use and cached for the connection's lifetime.
  StatementUse statement(const std::string& sql);
  // Runs `sql` (possibly several statements) without caching: DDL and pragmas.
  void execute(const std::string& sql);
  // Drops every cached statement (after tables were dropped, so that dead statements do not accumulate).
  void forget_statements();

  sqlite3* handle() const { return db_; }
  // The catalog generation whose statements this connection caches; managed by the pool.
  std::uint64_t catalog_generation = 0;

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

// One write transaction: BEGIN IMMEDIATE on construction (taking the database write lock up front, so that a
// read-then-write never needs a lock upgrade that could deadlock), ROLLBACK on destruction unless committed.
class WriteTransaction {
 public:
  explicit WriteTransaction(Connection& connection);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void commit();

 private:
  Connection& connection_;
  bool finished_ = false;
};

}  // namespace cruddur::store::sqlite
