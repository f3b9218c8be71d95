#pragma once
// The commands behind the CLI. Each returns an exit code and throws on failure (run_cli prints the error).

#include <string>

#include "app/config.hpp"

namespace cruddur::app {

int serve(const Config& config);

int ddb_schema_load(const Config& config);
int ddb_drop(const Config& config);
int ddb_list_tables(const Config& config);
int ddb_scan(const Config& config);
int ddb_seed(const Config& config);
// app/load_seed.hpp: synthetic people and messages at scale.
int ddb_seed_load(const Config& config, int users, int messages, int concurrency);
int ddb_get_conversation(const Config& config, const std::string& message_group_uuid);
int ddb_list_conversations(const Config& config, const std::string& handle);

int db_schema_load(const Config& config);
int db_seed(const Config& config);
int db_update_cognito_user_ids(const Config& config);

// doc/export.md: an export directory of the messages table and the user directory; loading one into the
// configured engines (idempotent; refuses a damaged one); comparing the engines' content with one.
int export_data(const Config& config, const std::string& to);
int import_data(const Config& config, const std::string& from);
int verify_data(const Config& config, const std::string& from);

// Where `migrate` moves the data: the source's engines, but the messages table on DynamoDB (`dynamodb_table`
// set) and/or the users in PostgreSQL (`postgres_url` set); `via` is the export directory it goes through.
struct MigrateTarget {
  std::string dynamodb_table;
  std::string postgres_url;
  std::string via;
};
// export to `via`, import into the target, verify: exit 0 only when the target holds exactly the export.
int migrate(const Config& source, const MigrateTarget& target);

// The embedded engines' SQLite files, copied online while the server runs, into a new directory; and back
// into an empty data directory (checksums and PRAGMA integrity_check first).
int backup(const Config& config, const std::string& to);
int restore(const Config& config, const std::string& from);

}  // namespace cruddur::app
