#pragma once
// The rows of `schema_migrations` (sqlite/migrations.hpp) in an SQLite file, oldest version first: for the
// tests of the migration runner and of the stores that use it. Header-only, because it needs the
// cruddur_sqlite layer, which the support library does not link (the tests that include it do).

#include <cstdint>
#include <string>
#include <vector>

#include "sqlite/connection.hpp"

namespace cruddur::testing {

struct MigrationRow {
  std::int64_t version;
  std::string applied_at;
};

inline std::vector<MigrationRow> recorded_migrations(const std::string& path) {
  sqlite::Connection connection(path, {});
  auto query = connection.statement("SELECT version, applied_at FROM schema_migrations ORDER BY version");
  std::vector<MigrationRow> rows;
  while (query.step()) rows.push_back({query.column_int(0), query.column_text(1)});
  return rows;
}

}  // namespace cruddur::testing
