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
int ddb_get_conversation(const Config& config, const std::string& message_group_uuid);
int ddb_list_conversations(const Config& config, const std::string& handle);

int db_schema_load(const Config& config);
int db_seed(const Config& config);
int db_update_cognito_user_ids(const Config& config);

}  // namespace cruddur::app
