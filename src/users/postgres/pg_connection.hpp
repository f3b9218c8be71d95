#pragma once
// One libpq connection and its results, as RAII types. Internal to users/postgres.
//
// Thread-safety: none; a PgConnection is used by one thread at a time (ConnectionPool hands it out).
// Every statement that carries values goes through exec_params (PQexecParams, text parameters), so values
// are never spliced into SQL text.

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

struct pg_conn;
struct pg_result;

namespace cruddur::users::postgres {

// A failed connect or statement. connection_lost() is true when the connection itself is unusable (the
// server went away, restarted, or refused us): the caller may reconnect and retry; otherwise the statement
// failed on its merits (sqlstate() says why, e.g. "23505" unique_violation).
class PgError : public std::runtime_error {
 public:
  PgError(const std::string& message, std::string sqlstate, bool connection_lost)
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)), connection_lost_(connection_lost) {}
  const std::string& sqlstate() const { return sqlstate_; }
  bool connection_lost() const { return connection_lost_; }

 private:
  std::string sqlstate_;
  bool connection_lost_;
};

// A statement parameter: text, or SQL NULL when empty.
using Param = std::optional<std::string>;

class PgResult {
 public:
  explicit PgResult(pg_result* result) : result_(result, &clear) {}
  int rows() const;
  bool is_null(int row, int column) const;
  std::string text(int row, int column) const;  // "" for NULL
  std::optional<std::string> optional_text(int row, int column) const;
  // "1" for INSERT/UPDATE/DELETE: the number of rows the command touched.
  int affected_rows() const;

 private:
  static void clear(pg_result* result);
  std::unique_ptr<pg_result, void (*)(pg_result*)> result_;
};

class PgConnection {
 public:
  // Opens a connection; throws PgError (connection_lost) when the server cannot be reached or refuses.
  // `connection_url` is a libpq URI or key=value string; unless it says otherwise, connect_timeout is 5 s.
  static std::unique_ptr<PgConnection> open(const std::string& connection_url);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs constant SQL that takes no values (BEGIN, COMMIT, migration DDL; may hold several statements).
  PgResult exec(const std::string& sql);
  // Runs one statement with $1..$n bound to `params` (text format).
  PgResult exec_params(const std::string& sql, const std::vector<Param>& params);

  // False once the connection is broken or left inside a transaction: it must not be reused.
  bool reusable() const;

 private:
  explicit PgConnection(pg_conn* connection) : connection_(connection) {}
  PgResult check(pg_result* result);

  pg_conn* connection_;
};

// Throws std::invalid_argument when libpq cannot parse `connection_url` (checked before any connect).
void check_connection_url(const std::string& connection_url);

// A transaction on one connection: BEGIN now, ROLLBACK unless commit() was called.
class PgTransaction {
 public:
  explicit PgTransaction(PgConnection& connection);
  ~PgTransaction();
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;
  void commit();

 private:
  PgConnection& connection_;
  bool done_ = false;
};

}  // namespace cruddur::users::postgres
