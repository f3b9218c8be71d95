#include "users/sqlite/user_migrations.hpp"

namespace cruddur::users::sqlite {

const std::vector<::cruddur::sqlite::Migration>& user_migrations() {
  static const std::vector<::cruddur::sqlite::Migration> migrations = {
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

}  // namespace cruddur::users::sqlite
