#include "users/postgres/pg_connection.hpp"

#include <libpq-fe.h>

#include <string_view>

namespace cruddur::users::postgres {

namespace {

// SQLSTATEs that mean "this connection is gone" rather than "this statement is wrong":
// class 08 (connection exception), 57P01..57P03 (admin/crash shutdown, cannot connect now).
bool is_connection_state(std::string_view sqlstate) {
  return sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03";
}

std::string trim_message(const char* message) {
  std::string text = message ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

// ---- PgResult ----

void PgResult::clear(pg_result* result) {
  if (result) PQclear(result);
}

int PgResult::rows() const { return PQntuples(result_.get()); }

bool PgResult::is_null(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }

std::string PgResult::text(int row, int column) const {
  if (is_null(row, column)) return {};
  return std::string(PQgetvalue(result_.get(), row, column),
                     static_cast<std::size_t>(PQgetlength(result_.get(), row, column)));
}

std::optional<std::string> PgResult::optional_text(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return text(row, column);
}

int PgResult::affected_rows() const {
  const char* count = PQcmdTuples(result_.get());
  return count && *count ? std::stoi(count) : 0;
}

// ---- PgConnection ----

void check_connection_url(const std::string& connection_url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(connection_url.c_str(), &error);
  if (!options) {
    std::string reason = trim_message(error);
    PQfreemem(error);
    throw std::invalid_argument("invalid PostgreSQL connection URL: " + reason);
  }
  PQconninfoFree(options);
}

std::unique_ptr<PgConnection> PgConnection::open(const std::string& connection_url) {
  // Later entries win: settings in the URL override these defaults (expand_dbname expands "dbname").
  const char* keywords[] = {"connect_timeout", "application_name", "dbname", nullptr};
  const char* values[] = {"5", "cruddur", connection_url.c_str(), nullptr};
  pg_conn* connection = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (!connection) throw PgError("PostgreSQL: out of memory while connecting", "", true);
  if (PQstatus(connection) != CONNECTION_OK) {
    std::string message = "PostgreSQL: cannot connect: " + trim_message(PQerrorMessage(connection));
    PQfinish(connection);
    throw PgError(message, "08001", true);
  }
  return std::unique_ptr<PgConnection>(new PgConnection(connection));
}

PgConnection::~PgConnection() { PQfinish(connection_); }

PgResult PgConnection::check(pg_result* raw) {
  PgResult result(raw);
  if (!raw) {
    throw PgError("PostgreSQL: " + trim_message(PQerrorMessage(connection_)), "",
                  PQstatus(connection_) == CONNECTION_BAD);
  }
  const auto status = PQresultStatus(raw);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  const char* state = PQresultErrorField(raw, PG_DIAG_SQLSTATE);
  std::string sqlstate = state ? state : "";
  const bool lost = PQstatus(connection_) == CONNECTION_BAD || is_connection_state(sqlstate);
  std::string message = trim_message(PQresultErrorMessage(raw));
  if (message.empty()) message = trim_message(PQerrorMessage(connection_));
  throw PgError("PostgreSQL: " + message, std::move(sqlstate), lost);
}

PgResult PgConnection::exec(const std::string& sql) { return check(PQexec(connection_, sql.c_str())); }

PgResult PgConnection::exec_params(const std::string& sql, const std::vector<Param>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);
  return check(PQexecParams(connection_, sql.c_str(), static_cast<int>(values.size()), /*paramTypes=*/nullptr,
                            values.data(), /*paramLengths=*/nullptr, /*paramFormats=*/nullptr,
                            /*resultFormat=text*/ 0));
}

bool PgConnection::reusable() const {
  return PQstatus(connection_) == CONNECTION_OK && PQtransactionStatus(connection_) == PQTRANS_IDLE;
}

// ---- PgTransaction ----

PgTransaction::PgTransaction(PgConnection& connection) : connection_(connection) { connection_.exec("BEGIN"); }

PgTransaction::~PgTransaction() {
  if (done_) return;
  try {
    connection_.exec("ROLLBACK");
  } catch (...) {
    // The connection is broken; the pool discards it (reusable() is false), which also ends the transaction.
  }
}

void PgTransaction::commit() {
  done_ = true;
  connection_.exec("COMMIT");
}

}  // namespace cruddur::users::postgres
