#pragma once
// Settings of every command, from flags or the environment (flags win). See README "Configuration".

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/usable_cpus.hpp"

namespace cruddur::app {

struct Config {
  // serve
  std::string listen = "127.0.0.1:4567";       // --listen, CRUDDUR_LISTEN
  int threads = std::clamp(usable_cpus(), 1, 64);  // --threads, CRUDDUR_THREADS: one per CPU we may use
  std::string web_root;                        // --web-root, CRUDDUR_WEB_ROOT ("" = web/dist when it exists)
  bool demo = false;                           // --demo: seed demo data when the store is empty
  double send_rate = 20;                       // --send-rate: sends per second per user (0 = unlimited)
  double send_burst = 40;                      // --send-burst
  double export_rate = 6;                      // --export-rate: GET /api/me/export an hour per user (0 = unlimited)
  double signin_rate = 20;                     // --signin-rate: sign-in + sign-up attempts a minute per address (0 = off)
  int signin_failures = 5;                     // --signin-failures: failed sign-ins per login before backoff (0 = off)
  std::string log_level = "info";              // --log-level, CRUDDUR_LOG_LEVEL
  std::vector<std::string> allowed_hosts;      // --allowed-host (repeatable), CRUDDUR_ALLOWED_HOSTS (comma-
                                               //   separated): Host values served besides our own; "*": any
  std::string log_format = "text";             // --log-format text|json, CRUDDUR_LOG_FORMAT (doc/observability.md)
  std::string metrics_listen;                  // --metrics-listen HOST:PORT, CRUDDUR_METRICS_LISTEN ("" = off)

  // live stream (doc/stream.md)
  std::vector<std::string> allowed_origins;    // --allowed-origin (repeatable), CRUDDUR_ALLOWED_ORIGINS (comma-separated)
  int max_sockets = 10'000;                    // --max-sockets: stream WebSockets in all
  int max_connections = 10'000;                // --max-connections: HTTP connections besides the streams
  int stream_replay_events = 1000;             // --stream-replay-events (hidden): replay window per user
  int stream_ticket_seconds = 30;              // --stream-ticket-seconds (hidden): ticket lifetime
  std::string redis_url;                       // --redis-url, REDIS_URL: live delivery across instances ("" = one process)

  // messages table
  std::string data_dir = "data";               // --data, CRUDDUR_DATA (embedded engines' files)
  std::string table_name = "cruddur-messages"; // --table, DDB_MESSAGE_TABLE
  std::string store = "auto";                  // --store sqlite|dynamodb|auto (dynamodb when an AWS endpoint is set)
  // serve, DynamoDB and PostgreSQL: a storage call (all its retries) that has no answer within this many ms
  // answers 503 (--storage-timeout; 0: no limit but the engines' own: 3 s connect / 10 s request per
  // DynamoDB attempt, 5 s connect and none per statement on PostgreSQL). Every other command runs with 0
  // (run_cli): a migration or import waits for a slow engine rather than stopping half-way.
  int storage_timeout_ms = 500;
  bool durable_full = false;                   // --sync-full: fsync every commit (survives power loss)
  int wal_sync_interval_ms = 1000;             // --wal-sync-interval, CRUDDUR_WAL_SYNC_INTERVAL: without
                                               //   --sync-full, fsync the WAL at most this many ms after an
                                               //   unsynced commit (0: never)
  long long read_capacity = 0;                 // --read-capacity / --write-capacity: provisioned billing for
  long long write_capacity = 0;                //   a new DynamoDB table (0, the default: on-demand)

  // users
  std::string connection_url;                  // --connection-url, CONNECTION_URL (PostgreSQL); "" = SQLite
  int db_pool_size = 4;                        // --db-pool-size

  // sign-in
  std::string auth = "local";                  // --auth local|cognito
  bool auto_provision = false;                 // --auto-provision (cognito)
  std::string cognito_user_pool_id;            // AWS_COGNITO_USER_POOL_ID
  std::string cognito_client_id;               // AWS_COGNITO_USER_POOL_CLIENT_ID
  std::string cognito_issuer;                  // --cognito-issuer, AWS_COGNITO_ISSUER (local emulators)
  int jwks_refresh_seconds = 60;               // --jwks-refresh-interval (hidden): unknown kids refetch the
                                               //   Cognito keys at most this often
  std::string cognito_endpoint;                // --cognito-endpoint, AWS_COGNITO_ENDPOINT (API calls; emulators)
  int token_lifetime_seconds = 24 * 3600;      // --token-lifetime

  std::string host() const;
  std::uint16_t port() const;  // throws std::invalid_argument for a malformed --listen
  std::string metrics_host() const;
  std::uint16_t metrics_port() const;  // throws std::invalid_argument for a malformed --metrics-listen
  bool use_dynamodb() const;
};

// The demo users' password, printed by `serve --demo` and in the README.
inline constexpr const char* kDemoPassword = "cruddur-demo-2026";

}  // namespace cruddur::app
