#include "sqlite/statement.hpp"

#include <sqlite3.h>

#include "sqlite/error.hpp"

namespace cruddur::sqlite {

Statement::~Statement() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

Statement& Statement::bind(int index, std::string_view bytes) {
  static const char empty = 0;  // a null pointer would bind NULL instead of an empty BLOB
  int rc = sqlite3_bind_blob(statement_, index, bytes.empty() ? &empty : bytes.data(), static_cast<int>(bytes.size()),
                             SQLITE_STATIC);
  if (rc != SQLITE_OK) throw_error(db_, rc, "bind");
  return *this;
}

Statement& Statement::bind_int64(int index, std::int64_t value) {
  int rc = sqlite3_bind_int64(statement_, index, value);
  if (rc != SQLITE_OK) throw_error(db_, rc, "bind");
  return *this;
}

Statement& Statement::bind_text(int index, std::string_view text) {
  int rc = sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) throw_error(db_, rc, "bind");
  return *this;
}

Statement& Statement::bind_optional_text(int index, const std::optional<std::string>& text) {
  if (text) return bind_text(index, std::string_view(*text));
  int rc = sqlite3_bind_null(statement_, index);
  if (rc != SQLITE_OK) throw_error(db_, rc, "bind");
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_error(db_, rc, "step");
}

void Statement::run() {
  while (step()) {
  }
}

std::string_view Statement::column_bytes(int index) const {
  const void* data = sqlite3_column_blob(statement_, index);
  int size = sqlite3_column_bytes(statement_, index);
  if (!data) return {};
  return {static_cast<const char*>(data), static_cast<std::size_t>(size)};
}

std::string Statement::column_text(int index) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_, index));
  if (!data) return {};
  return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, index)));
}

std::optional<std::string> Statement::column_optional_text(int index) const {
  if (sqlite3_column_type(statement_, index) == SQLITE_NULL) return std::nullopt;
  return column_text(index);
}

std::int64_t Statement::column_int(int index) const { return sqlite3_column_int64(statement_, index); }

}  // namespace cruddur::sqlite
