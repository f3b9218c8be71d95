#pragma once
// The PostgreSQL user schema as versioned migrations, and the runner that applies them.
// Internal to users/postgres.
//
// Contract: versions are 1, 2, 3, ... Each pending migration is applied in its own transaction together
// with its row in schema_migrations, under a transaction-scoped advisory lock, so concurrent runners (several
// `cruddur serve` processes starting at once) apply each migration exactly once and in order. A database
// whose applied versions are not exactly 1..k, or that is newer than this program, is refused (throws):
// nothing is ever silently skipped. Running it again when everything is applied changes nothing.

#include <string>
#include <vector>

#include "users/postgres/pg_connection.hpp"

namespace cruddur::users::postgres {

struct PgMigration {
  int version;
  std::string name;
  std::string sql;  // constant DDL, may hold several statements
};

const std::vector<PgMigration>& user_migrations();

// Applies the pending `migrations` in order. Throws PgError on database errors and std::runtime_error when
// the database's schema history does not fit `migrations`.
void apply_migrations(PgConnection& connection, const std::vector<PgMigration>& migrations);

}  // namespace cruddur::users::postgres
