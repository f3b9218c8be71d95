#pragma once
// How the SQLite layer reports failure: one exception type carrying SQLite's extended result code, with the
// few questions its users ask of it. Each user maps it to its own outcomes at its boundary (the messages
// store to StoreError, the user directory to Error::unavailable), never by reading the message text except
// where SQLite offers nothing better (which table, which UNIQUE column).

#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;

namespace cruddur::sqlite {

class Error : public std::runtime_error {
 public:
  Error(int extended_code, const std::string& message) : std::runtime_error(message), extended_code_(extended_code) {}

  // SQLite's extended result code, e.g. SQLITE_CONSTRAINT_UNIQUE; primary_code() is its low byte.
  int extended_code() const { return extended_code_; }
  int primary_code() const { return extended_code_ & 0xff; }

  // A fault of the file or the machine rather than of the request: busy past the busy timeout, locked, I/O
  // error, disk full, cannot open, read-only, out of memory. Retrying later may succeed (503 upstream).
  bool unavailable() const;
  // A statement named a table that does not exist (dropped by another connection or process).
  bool missing_table() const;
  // A UNIQUE (or PRIMARY KEY) constraint refused the write; `column` ("users.handle") narrows it to one.
  bool unique_violation(std::string_view column = {}) const;

 private:
  int extended_code_;
};

// Throws the Error for result code `rc` of a call on `db` (nullptr when there is no handle yet), with
// "sqlite <context>: <SQLite's message>" as its text.
[[noreturn]] void throw_error(sqlite3* db, int rc, std::string_view context);

}  // namespace cruddur::sqlite
