#include "app/engines.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "auth/cognito/cognito_authenticator.hpp"
#include "core/run_sync.hpp"
#include "aws/aws_config.hpp"
#include "store/dynamodb/dynamo_table.hpp"
#include "store/sqlite/sqlite_table.hpp"
#include "users/postgres/postgres_directory.hpp"
#include "users/sqlite/sqlite_directory.hpp"

namespace cruddur::app {

namespace {
std::string in_data_dir(const Config& config, const char* file) {
  std::filesystem::create_directories(config.data_dir);
  return config.data_dir + "/" + file;
}
}  // namespace

std::unique_ptr<store::Table> open_message_table(const Config& config, std::function<void(std::size_t)> on_batch,
                                                 std::chrono::milliseconds call_timeout) {
  // Credentials, region and endpoint are resolved now, so a misconfiguration stops the start, not a request.
  if (config.use_dynamodb()) {
    aws::AwsConfig aws = aws::resolve_aws_config();
    aws.call_timeout = call_timeout;
    return store::dynamodb::make_dynamodb_table(std::move(aws));
  }
  store::SqliteOptions options;
  options.durability = config.durable_full ? store::SqliteOptions::Durability::full
                                           : store::SqliteOptions::Durability::normal;
  options.wal_sync_interval = std::chrono::milliseconds(config.wal_sync_interval_ms);
  options.on_batch = std::move(on_batch);
  return std::make_unique<store::SqliteTable>(in_data_dir(config, "messages.sqlite3"), options);
}

std::unique_ptr<users::Directory> open_user_directory(const Config& config, std::chrono::milliseconds call_timeout) {
  if (!config.connection_url.empty())
    return users::postgres::make_postgres_directory(config.connection_url, config.db_pool_size, call_timeout);
  return std::make_unique<users::sqlite::SqliteDirectory>(in_data_dir(config, "users.sqlite3"));
}

auth::cognito::CognitoSettings cognito_settings(const Config& config) {
  auth::cognito::CognitoSettings settings;
  settings.user_pool_id = config.cognito_user_pool_id;
  settings.client_id = config.cognito_client_id;
  if (const char* region = std::getenv("AWS_REGION"); region && *region) settings.region = region;
  else if (const char* fallback = std::getenv("AWS_DEFAULT_REGION"); fallback && *fallback) settings.region = fallback;
  settings.issuer_override = config.cognito_issuer;
  settings.endpoint_override = config.cognito_endpoint;
  settings.auto_provision = config.auto_provision;
  // A request that must refetch the keys (an unknown kid) waits no longer than for any other dependency.
  settings.jwks_fetch_timeout = std::chrono::milliseconds(config.storage_timeout_ms);
  settings.jwks_min_refresh_interval = std::chrono::seconds(config.jwks_refresh_seconds);
  settings.validate();
  return settings;
}

std::unique_ptr<auth::Authenticator> open_cognito_authenticator(const Config& config, users::Directory& users,
                                                                const Clock& clock) {
  auto authenticator = auth::cognito::make_cognito_authenticator(cognito_settings(config), users, clock);
  // The pool's keys are fetched now: a wrong pool id or an unreachable Cognito stops the start.
  run_sync(authenticator->load_keys());
  return authenticator;
}

boost::json::object client_config(const Config& config) {
  boost::json::object c;
  c["auth"] = config.auth;
  if (config.auth == "cognito") {
    c["cognito_user_pool_id"] = config.cognito_user_pool_id;
    c["cognito_client_id"] = config.cognito_client_id;
    auto settings = cognito_settings(config);
    c["cognito_region"] = settings.effective_region();
    c["cognito_endpoint"] = settings.api_endpoint();  // where the browser calls InitiateAuth
  }
  return c;
}

}  // namespace cruddur::app
