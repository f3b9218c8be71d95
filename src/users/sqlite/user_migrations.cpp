#include "users/sqlite/user_migrations.hpp"

#include <stdexcept>

namespace cruddur::users::sqlite {

const std::vector<Migration>& user_migrations() {
  static const std::vector<Migration> migrations = {
      {1,
       // handle and email are stored case-folded, so plain UNIQUE makes them unique case-insensitively.
       // A partial index keeps cognito_user_id unique only where it is set.
       "CREATE TABLE users ("
       "  uuid            TEXT PRIMARY KEY NOT NULL,"
       "  display_name    TEXT NOT NULL,"
       "  handle          TEXT NOT NULL UNIQUE,"
       "  email           TEXT NOT NULL UNIQUE,"
       "  cognito_user_id TEXT,"
       "  password_hash   TEXT NOT NULL DEFAULT '',"
       "  created_at      TEXT NOT NULL"
       ") STRICT;"
       "CREATE UNIQUE INDEX users_cognito_user_id ON users (cognito_user_id)"
       "  WHERE cognito_user_id IS NOT NULL;"},
      {2,
       // Signed-out tokens (Directory::revoke_token). revoked_at: microseconds, the writer's clock (every
       // writer of this file runs on this machine); indexed for the instances' incremental refresh.
       "CREATE TABLE revoked_tokens ("
       "  token_id   TEXT PRIMARY KEY NOT NULL,"
       "  expires_at INTEGER NOT NULL,"
       "  revoked_at INTEGER NOT NULL"
       ") STRICT;"
       "CREATE INDEX revoked_tokens_revoked_at ON revoked_tokens (revoked_at);"
       "CREATE INDEX revoked_tokens_expires_at ON revoked_tokens (expires_at);"},
  };
  return migrations;
}

namespace {

// Versions must be 1, 2, 3, ... so that "apply in order, never skip" has one meaning.
void check_list(const std::vector<Migration>& migrations) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1)
      throw std::logic_error("users sqlite: migration versions must be 1, 2, 3, ... in order");
  }
}

bool is_applied(Connection& connection, int version) {
  auto query = connection.prepare("SELECT 1 FROM schema_migrations WHERE version = ?");
  query.bind(1, std::int64_t{version});
  return query.step();
}

void refuse_newer_schema(Connection& connection, int newest_known) {
  auto query = connection.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  query.step();
  const auto newest_applied = query.integer(0);
  if (newest_applied > newest_known)
    throw std::runtime_error("users sqlite: database schema version " + std::to_string(newest_applied) +
                             " is newer than this program knows (" + std::to_string(newest_known) + ")");
}

}  // namespace

void apply_migrations(Connection& connection, const std::vector<Migration>& migrations,
                      const std::string& applied_at) {
  check_list(migrations);
  {
    // In a write transaction like every other step, so that racing first loads wait for each other.
    ImmediateTransaction transaction(connection);
    connection.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "  version    INTEGER PRIMARY KEY NOT NULL,"
        "  applied_at TEXT NOT NULL"
        ") STRICT");
    refuse_newer_schema(connection, static_cast<int>(migrations.size()));
    transaction.commit();
  }
  for (const auto& migration : migrations) {
    // Checked again inside the transaction: another process may have applied it since we looked.
    ImmediateTransaction transaction(connection);
    if (is_applied(connection, migration.version)) continue;
    connection.exec(migration.sql);
    auto record = connection.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)");
    record.bind(1, std::int64_t{migration.version}).bind(2, applied_at);
    record.step();
    transaction.commit();
  }
}

}  // namespace cruddur::users::sqlite
