#pragma once
// Which engine serves each role, chosen from the Config (DESIGN.md "Engines and how they start").

#include <boost/json/object.hpp>

#include <cstddef>
#include <chrono>
#include <functional>
#include <memory>

#include "app/config.hpp"
#include "auth/authenticator.hpp"
#include "core/clock.hpp"
#include "store/table.hpp"
#include "users/directory.hpp"

namespace cruddur::auth::cognito {
struct CognitoSettings;
}

namespace cruddur::app {

// SQLite file <data>/messages.sqlite3 by default; the DynamoDB engine when --store dynamodb or an AWS
// endpoint is configured. `on_batch`: SQLite's group-commit batch sizes (SqliteOptions::on_batch).
// `call_timeout`: DynamoDB only, aws::AwsConfig::call_timeout (the service's --storage-timeout; 0: none).
std::unique_ptr<store::Table> open_message_table(const Config& config,
                                                 std::function<void(std::size_t)> on_batch = {},
                                                 std::chrono::milliseconds call_timeout = {});

// SQLite file <data>/users.sqlite3 by default; PostgreSQL when CONNECTION_URL is set.
// `call_timeout`: PostgreSQL only, an operation without an answer this long is unavailable (0: no limit).
std::unique_ptr<users::Directory> open_user_directory(const Config& config, std::chrono::milliseconds call_timeout = {});

// The user pool from --cognito-* / AWS_COGNITO_* and AWS_REGION; throws std::invalid_argument when incomplete.
auth::cognito::CognitoSettings cognito_settings(const Config& config);

// Cognito JWT verification (--auth cognito); fetches the pool's JWKS before returning.
std::unique_ptr<auth::Authenticator> open_cognito_authenticator(const Config& config, users::Directory& users,
                                                                const Clock& clock);

// What the web app needs to know to sign in (GET /api/config). No secrets.
boost::json::object client_config(const Config& config);

}  // namespace cruddur::app
