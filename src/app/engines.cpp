#include "app/engines.hpp"

#include <filesystem>
#include <stdexcept>

#include "store/dynamodb/aws_config.hpp"
#include "store/dynamodb/dynamo_table.hpp"
#include "store/sqlite/sqlite_table.hpp"
#include "users/sqlite/sqlite_directory.hpp"

namespace cruddur::app {

namespace {
std::string in_data_dir(const Config& config, const char* file) {
  std::filesystem::create_directories(config.data_dir);
  return config.data_dir + "/" + file;
}
}  // namespace

std::unique_ptr<store::Table> open_message_table(const Config& config) {
  // Credentials, region and endpoint are resolved now, so a misconfiguration stops the start, not a request.
  if (config.use_dynamodb()) return store::dynamodb::make_dynamodb_table(store::dynamodb::resolve_aws_config());
  store::SqliteOptions options;
  options.durability = config.durable_full ? store::SqliteOptions::Durability::full
                                           : store::SqliteOptions::Durability::normal;
  return std::make_unique<store::SqliteTable>(in_data_dir(config, "messages.sqlite3"), options);
}

std::unique_ptr<users::Directory> open_user_directory(const Config& config) {
  if (!config.connection_url.empty()) throw std::runtime_error("the PostgreSQL user directory is not wired yet");
  return std::make_unique<users::sqlite::SqliteDirectory>(in_data_dir(config, "users.sqlite3"));
}

std::unique_ptr<auth::Authenticator> open_cognito_authenticator(const Config&, users::Directory&, const Clock&) {
  throw std::runtime_error("--auth cognito is not wired yet");
}

boost::json::object client_config(const Config& config) {
  boost::json::object c;
  c["auth"] = config.auth;
  if (config.auth == "cognito") {
    c["cognito_user_pool_id"] = config.cognito_user_pool_id;
    c["cognito_client_id"] = config.cognito_client_id;
    c["cognito_endpoint"] = config.cognito_endpoint;
  }
  return c;
}

}  // namespace cruddur::app
