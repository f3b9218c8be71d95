#pragma once
// Versioned schema migrations of a SQLite file.
//
// `schema_migrations(version, applied_at)` records every migration applied to the file. Migrations are an
// ordered list with versions 1, 2, 3, ...; each is applied at most once, in order, inside its own
// IMMEDIATE transaction together with its record, so a crash or a racing process never leaves a
// half-applied or twice-applied migration. A database that records a version this program does not know
// (written by a newer build) is refused rather than used.

#include <string>
#include <vector>

#include "sqlite/connection.hpp"

namespace cruddur::sqlite {

struct Migration {
  int version;
  const char* sql;  // one or more statements
};

// Applies every migration of `migrations` not yet recorded in the database, in order. Idempotent: a second
// call (from this or another process) applies nothing. `applied_at` is the timestamp recorded for each.
// Throws std::logic_error for a badly numbered list, std::runtime_error for a newer schema, sqlite::Error.
void apply_migrations(Connection& connection, const std::vector<Migration>& migrations, const std::string& applied_at);

}  // namespace cruddur::sqlite
