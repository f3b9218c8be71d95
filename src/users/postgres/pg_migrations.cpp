#include "users/postgres/pg_migrations.hpp"

#include <stdexcept>

namespace cruddur::users::postgres {

const std::vector<PgMigration>& user_migrations() {
  static const std::vector<PgMigration> migrations = {
      {1, "create users",
       // handle and email are stored case-folded (checked), so plain unique indexes make them unique
       // case-insensitively. email and password_hash are NULL when absent (Cognito users may have neither),
       // and NULLs never collide in a unique index; cognito_user_id is unique only where it is set.
       "CREATE TABLE users ("
       "  uuid            uuid PRIMARY KEY,"
       "  display_name    text NOT NULL,"
       "  handle          text NOT NULL CHECK (handle = lower(handle)),"
       "  email           text CHECK (email = lower(email)),"
       "  cognito_user_id text,"
       "  password_hash   text,"
       "  created_at      timestamptz NOT NULL DEFAULT now()"
       ");"
       "CREATE UNIQUE INDEX users_handle_key ON users (handle);"
       "CREATE UNIQUE INDEX users_email_key ON users (email);"
       "CREATE UNIQUE INDEX users_cognito_user_id_key ON users (cognito_user_id)"
       "  WHERE cognito_user_id IS NOT NULL;"},
      {2, "create revoked_tokens",
       // Signed-out tokens (Directory::revoke_token). revoked_at: microseconds of the database server's
       // clock, one clock for every instance; indexed for the instances' incremental refresh.
       "CREATE TABLE revoked_tokens ("
       "  token_id   text PRIMARY KEY,"
       "  expires_at bigint NOT NULL,"
       "  revoked_at bigint NOT NULL"
       "    DEFAULT (floor(extract(epoch FROM clock_timestamp()) * 1000000))::bigint"
       ");"
       "CREATE INDEX revoked_tokens_revoked_at ON revoked_tokens (revoked_at);"
       "CREATE INDEX revoked_tokens_expires_at ON revoked_tokens (expires_at);"},
  };
  return migrations;
}

namespace {

// Arbitrary but fixed: every cruddur process serialises its migrations on this advisory lock key.
constexpr const char* kMigrationLockKey = "7165238830417291365";

void check_list(const std::vector<PgMigration>& migrations) {
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1)
      throw std::logic_error("users postgres: migration versions must be 1, 2, 3, ... in order");
  }
}

// The applied versions, checked to be exactly 1..k with k <= newest_known; returns k.
int applied_prefix(PgConnection& connection, int newest_known) {
  auto applied = connection.exec("SELECT version FROM schema_migrations ORDER BY version");
  for (int row = 0; row < applied.rows(); ++row) {
    const int version = std::stoi(applied.text(row, 0));
    if (version != row + 1)
      throw std::runtime_error("users postgres: schema_migrations is missing version " +
                               std::to_string(row + 1) + " but has " + std::to_string(version) +
                               "; refusing to guess");
  }
  if (applied.rows() > newest_known)
    throw std::runtime_error("users postgres: database schema version " + std::to_string(applied.rows()) +
                             " is newer than this program knows (" + std::to_string(newest_known) + ")");
  return applied.rows();
}

}  // namespace

void apply_migrations(PgConnection& connection, const std::vector<PgMigration>& migrations) {
  check_list(migrations);
  const int newest_known = static_cast<int>(migrations.size());
  for (const auto& migration : migrations) {
    PgTransaction transaction(connection);
    // Held until COMMIT/ROLLBACK; other runners wait here, then see what we applied.
    connection.exec_params("SELECT pg_advisory_xact_lock($1::bigint)", {std::string(kMigrationLockKey)});
    connection.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "  version    integer PRIMARY KEY,"
        "  name       text NOT NULL,"
        "  applied_at timestamptz NOT NULL DEFAULT now()"
        ")");
    if (applied_prefix(connection, newest_known) >= migration.version) continue;  // rolls back: no-op
    connection.exec(migration.sql);
    connection.exec_params("INSERT INTO schema_migrations (version, name) VALUES ($1::integer, $2)",
                           {std::to_string(migration.version), migration.name});
    transaction.commit();
  }
}

}  // namespace cruddur::users::postgres
