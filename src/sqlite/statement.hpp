#pragma once
// The scoped use of one prepared statement borrowed from its Connection's cache.
//
// On destruction it is reset and its bindings cleared, so that a statement never keeps a read transaction
// (and with it an old WAL snapshot) open, and is ready for its next use. Parameters are 1-based, columns
// 0-based. Failures throw sqlite::Error. Thread affinity: that of its Connection.

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace cruddur::sqlite {

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Bytes as a BLOB, so that comparisons and ORDER BY are memcmp (no collation). Not copied: the bytes must
  // stay alive until this object is destroyed.
  Statement& bind(int index, std::string_view bytes);
  template <std::integral Integer>
  Statement& bind(int index, Integer value) {
    return bind_int64(index, static_cast<std::int64_t>(value));
  }
  // Text as TEXT (for STRICT TEXT columns), copied; an empty optional binds NULL.
  Statement& bind_text(int index, std::string_view text);
  Statement& bind_optional_text(int index, const std::optional<std::string>& text);

  bool step();  // true: a row is available; false: the statement is done
  void run();   // steps to completion, ignoring rows

  // The view is valid until the next step() or destruction.
  std::string_view column_bytes(int index) const;
  std::string column_text(int index) const;
  std::optional<std::string> column_optional_text(int index) const;  // NULL -> nullopt
  std::int64_t column_int(int index) const;

 private:
  Statement& bind_int64(int index, std::int64_t value);

  sqlite3* db_;
  sqlite3_stmt* statement_;
};

}  // namespace cruddur::sqlite
