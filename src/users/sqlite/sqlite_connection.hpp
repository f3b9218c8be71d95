#pragma once
// A thin RAII layer over one SQLite connection of the user directory: open with the pragmas we rely on,
// run SQL, and reuse prepared statements. Internal to users/sqlite.
//
// Thread-safety: a Connection (and every Statement borrowed from it) belongs to one thread at a time;
// ConnectionPool hands each caller its own. Failures throw SqliteError carrying SQLite's extended code.

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace cruddur::users::sqlite {

class SqliteError : public std::runtime_error {
 public:
  SqliteError(int extended_code, const std::string& message)
      : std::runtime_error(message), extended_code_(extended_code) {}
  // SQLite's extended result code, e.g. SQLITE_CONSTRAINT_UNIQUE.
  int extended_code() const { return extended_code_; }

 private:
  int extended_code_;
};

// A prepared statement borrowed from its Connection's cache. Bind parameters (1-based), step through
// rows, read columns (0-based). On destruction it is reset and its bindings cleared, ready for reuse.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view text);
  Statement& bind_optional(int index, const std::optional<std::string>& text);  // nullopt binds NULL
  Statement& bind(int index, std::int64_t value);

  // True while a row is available; false once the statement is done. Throws SqliteError on failure.
  bool step();

  std::string text(int column) const;
  std::optional<std::string> optional_text(int column) const;  // NULL -> nullopt
  std::int64_t integer(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  // Opens (creating if missing) the database file with WAL, synchronous=NORMAL and a busy timeout, so
  // that writers from other connections and processes wait instead of failing at once.
  explicit Connection(const std::string& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements that return no rows.
  void exec(const char* sql);
  // The cached prepared statement for `sql` (prepared on first use).
  Statement prepare(std::string_view sql);
  // Rows changed by the last INSERT/UPDATE/DELETE on this connection.
  int changes() const;

 private:
  void enter_wal_mode();

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back when destroyed without commit() (e.g. during an exception).
// IMMEDIATE takes the write lock up front, so a read-then-write transaction never fails with a stale
// snapshot when another connection writes in between.
class ImmediateTransaction {
 public:
  explicit ImmediateTransaction(Connection& connection);
  ~ImmediateTransaction();
  ImmediateTransaction(const ImmediateTransaction&) = delete;
  ImmediateTransaction& operator=(const ImmediateTransaction&) = delete;
  void commit();

 private:
  Connection& connection_;
  bool open_ = true;
};

}  // namespace cruddur::users::sqlite
