#include "sqlite/error.hpp"

#include <sqlite3.h>

namespace cruddur::sqlite {

bool Error::unavailable() const {
  switch (primary_code()) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PROTOCOL:
    case SQLITE_NOMEM:
      return true;
    default:
      return false;
  }
}

bool Error::missing_table() const {
  // SQLite has no result code of its own for this: SQLITE_ERROR with "no such table: <name>".
  return primary_code() == SQLITE_ERROR && std::string_view(what()).find("no such table") != std::string_view::npos;
}

bool Error::unique_violation(std::string_view column) const {
  if (extended_code_ != SQLITE_CONSTRAINT_UNIQUE && extended_code_ != SQLITE_CONSTRAINT_PRIMARYKEY) return false;
  // "UNIQUE constraint failed: users.handle": the message is the only place SQLite names the column.
  return column.empty() || std::string_view(what()).find(column) != std::string_view::npos;
}

void throw_error(sqlite3* db, int rc, std::string_view context) {
  const int extended = db ? sqlite3_extended_errcode(db) : rc;
  const char* message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  throw Error(extended, "sqlite " + std::string(context) + ": " + message);
}

}  // namespace cruddur::sqlite
