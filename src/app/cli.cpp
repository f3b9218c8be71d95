#include "app/cli.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <exception>

#include "app/commands.hpp"
#include "app/logging.hpp"
#include "app/version.hpp"

namespace cruddur::app {

namespace {

// Options every command shares: where the data lives and who signs in.
void add_store_options(CLI::App* command, Config& c) {
  command->add_option("--data", c.data_dir, "Directory of the embedded engines' files")->envname("CRUDDUR_DATA");
  command->add_option("--table", c.table_name, "Messages table name")->envname("DDB_MESSAGE_TABLE");
  command->add_option("--store", c.store, "Messages engine: sqlite, dynamodb, or auto (dynamodb when AWS_ENDPOINT_URL is set)")
      ->check(CLI::IsMember({"auto", "sqlite", "dynamodb"}));
  auto* read = command->add_option("--read-capacity", c.read_capacity,
                                    "DynamoDB: provisioned read units for a new table (default on-demand)")
                    ->check(CLI::PositiveNumber);
  auto* write = command->add_option("--write-capacity", c.write_capacity, "DynamoDB: provisioned write units")
                    ->check(CLI::PositiveNumber);
  read->needs(write);
  write->needs(read);
  command->add_flag("--sync-full", c.durable_full, "SQLite: fsync every commit (acknowledged sends survive power loss)");
  command->add_option("--wal-sync-interval", c.wal_sync_interval_ms,
                      "SQLite without --sync-full: fsync the WAL at most this many ms after a commit, bounding "
                      "what a power cut loses (0: only at checkpoints)")
      ->envname("CRUDDUR_WAL_SYNC_INTERVAL")
      ->check(CLI::Range(0, 3'600'000));
  command->add_option("--connection-url", c.connection_url, "PostgreSQL URL for users (default: embedded SQLite)")
      ->envname("CONNECTION_URL");
  command->add_option("--db-pool-size", c.db_pool_size, "PostgreSQL connections")->check(CLI::Range(1, 256));
  command->add_option("--auth", c.auth, "Sign-in: local or cognito")->check(CLI::IsMember({"local", "cognito"}))
      ->envname("CRUDDUR_AUTH");
  command->add_option("--cognito-user-pool-id", c.cognito_user_pool_id)->envname("AWS_COGNITO_USER_POOL_ID");
  command->add_option("--cognito-client-id", c.cognito_client_id)->envname("AWS_COGNITO_USER_POOL_CLIENT_ID");
  command->add_option("--cognito-issuer", c.cognito_issuer, "Issuer URL override (local emulators)")
      ->envname("AWS_COGNITO_ISSUER");
  command->add_option("--cognito-endpoint", c.cognito_endpoint, "Cognito API endpoint override (local emulators)")
      ->envname("AWS_COGNITO_ENDPOINT");
  command->add_flag("--auto-provision", c.auto_provision, "Cognito: create unknown users from their token");
  command->add_option("--log-level", c.log_level, "trace, debug, info, warn, error")->envname("CRUDDUR_LOG_LEVEL")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
  command->add_option("--log-format", c.log_format, "Log lines as text or json (one JSON object a line)")
      ->envname("CRUDDUR_LOG_FORMAT")->check(CLI::IsMember({"text", "json"}));
}

void add_serve_options(CLI::App* serve, Config& c) {
  serve->add_option("--listen", c.listen, "HOST:PORT to listen on")->envname("CRUDDUR_LISTEN");
  serve->add_option("--threads", c.threads, "io threads (default: one per CPU this process may use)")->envname("CRUDDUR_THREADS")->check(CLI::Range(1, 64));
  serve->add_option("--web-root", c.web_root, "Built web app to serve (default web/dist when present)")
      ->envname("CRUDDUR_WEB_ROOT");
  serve->add_option("--allowed-host", c.allowed_hosts,
                    "Host header value to serve besides this server's own address (name or name:port; repeatable; "
                    "'*': any)")
      ->envname("CRUDDUR_ALLOWED_HOSTS")
      ->delimiter(',');
  serve->add_flag("--demo", c.demo, "Seed demo users and a conversation when the store is empty");
  serve->add_option("--send-rate", c.send_rate, "Sends per second per user (0: unlimited)")->check(CLI::NonNegativeNumber);
  serve->add_option("--send-burst", c.send_burst, "Sends a user may make at once")->check(CLI::PositiveNumber);
  serve->add_option("--export-rate", c.export_rate,
                    "Downloads of GET /api/me/export an hour per user, two at once (0: unlimited)")
      ->check(CLI::NonNegativeNumber);
  serve->add_option("--metrics-listen", c.metrics_listen,
                    "HOST:PORT serving GET /metrics (Prometheus), apart from --listen (default: off)")
      ->envname("CRUDDUR_METRICS_LISTEN");
  serve->add_option("--signin-rate", c.signin_rate,
                    "Sign-in and sign-up attempts a minute per client address (0: unlimited)")
      ->check(CLI::NonNegativeNumber);
  serve->add_option("--signin-failures", c.signin_failures,
                    "Failed sign-ins of one login before it must wait (0: unlimited)")
      ->check(CLI::NonNegativeNumber);
  serve->add_option("--token-lifetime", c.token_lifetime_seconds, "Access token lifetime, seconds")
      ->check(CLI::Range(60, 30 * 24 * 3600));
  // The live stream (doc/stream.md).
  serve->add_option("--allowed-origin", c.allowed_origins,
                    "Origin (scheme://host[:port]) besides this server's own whose pages may open the stream; repeatable")
      ->envname("CRUDDUR_ALLOWED_ORIGINS")->delimiter(',');
  serve->add_option("--max-sockets", c.max_sockets, "Stream WebSockets open at once, in all (more: 503)")
      ->check(CLI::Range(1, 1'000'000));
  serve->add_option("--max-connections", c.max_connections,
                    "HTTP connections open at once besides the streams (more: 503 and closed at once)")
      ->check(CLI::Range(1, 1'000'000));
  serve->add_option("--storage-timeout", c.storage_timeout_ms,
                    "DynamoDB, PostgreSQL and Cognito key refetches: ms a call may take, retries included, before the request answers 503 (0: no limit)")
      ->check(CLI::Range(0, 600'000));
  serve->add_option("--redis-url", c.redis_url,
                    "redis://HOST[:PORT][/DB]: deliver live events across instances through Redis (default: one process)")
      ->envname("REDIS_URL");
  // Hidden, for tests: a small replay window and short-lived tickets.
  serve->add_option("--stream-replay-events", c.stream_replay_events)->check(CLI::Range(1, 1'000'000))->group("");
  serve->add_option("--stream-ticket-seconds", c.stream_ticket_seconds)->check(CLI::Range(1, 3600))->group("");
  serve->add_option("--jwks-refresh-interval", c.jwks_refresh_seconds)->check(CLI::Range(1, 86400))->group("");
}

}  // namespace

int run_cli(int argc, char** argv, bool execute) {
  CLI::App app{"Cruddur Messaging: direct messages for Cruddur"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("cruddur ") + kVersion + " (commit " + kGitCommit + ")");
  Config config;
  std::string argument;
  int exit_code = 0;
  CLI::App* serve_command = nullptr;
  auto run = [&](auto command) {
    return [&, command] {
      if (!execute) {
        (void)config.port();  // what serve checks first: throws std::invalid_argument when malformed
        if (!config.metrics_listen.empty()) (void)config.metrics_port();
        return;
      }
      // --storage-timeout is serve's: a client waits for an answer. Every other command (import, migrate,
      // seeding, the table and directory commands) works through its data and would rather wait than fail
      // half-way: no limit but the engines' own per attempt (config.hpp), with their retries.
      if (!serve_command->parsed()) config.storage_timeout_ms = 0;
      apply_logging(config);
      exit_code = command();
    };
  };

  serve_command = app.add_subcommand("serve", "Run the HTTP service");
  add_store_options(serve_command, config);
  add_serve_options(serve_command, config);
  serve_command->callback(run([&] { return serve(config); }));

  auto* ddb = app.add_subcommand("ddb", "The messages table");
  ddb->require_subcommand(1);
  auto ddb_command = [&](const char* name, const char* help, int (*command)(const Config&)) {
    auto* sub = ddb->add_subcommand(name, help);
    add_store_options(sub, config);
    sub->callback(run([&, command] { return command(config); }));
    return sub;
  };
  ddb_command("schema-load", "Create the table and its indexes (harmless when they exist)", ddb_schema_load);
  ddb_command("drop", "Delete the table", ddb_drop);
  ddb_command("list-tables", "List tables", ddb_list_tables);
  ddb_command("scan", "Print every item as JSON, one per line", ddb_scan);
  ddb_command("seed", "Add the demo users and conversation (idempotent)", ddb_seed);
  int load_users = 100, load_messages = 50000, load_concurrency = 8;
  auto* seed_load = ddb_command("seed-load", "Add synthetic people load_u0.. and messages, through the domain "
                                "(idempotent; tests and benchmarks, doc/export.md)",
                                [](const Config&) { return 0; });
  seed_load->add_option("--users", load_users, "People (load_u0 ..), password cruddur-load-2026")->capture_default_str();
  seed_load->add_option("--messages", load_messages, "Messages")->capture_default_str();
  seed_load->add_option("--concurrency", load_concurrency, "Conversations sent to at once")->capture_default_str();
  seed_load->callback(run([&] { return ddb_seed_load(config, load_users, load_messages, load_concurrency); }));
  auto* get_conversation = ddb->add_subcommand("get-conversation", "Print a conversation's members and messages");
  add_store_options(get_conversation, config);
  get_conversation->add_option("message_group_uuid", argument)->required();
  get_conversation->callback(run([&] { return ddb_get_conversation(config, argument); }));
  auto* list_conversations = ddb->add_subcommand("list-conversations", "Print a person's conversations");
  add_store_options(list_conversations, config);
  list_conversations->add_option("handle", argument)->required();
  list_conversations->callback(run([&] { return ddb_list_conversations(config, argument); }));

  auto* db = app.add_subcommand("db", "The user directory");
  db->require_subcommand(1);
  auto db_command = [&](const char* name, const char* help, int (*command)(const Config&)) {
    auto* sub = db->add_subcommand(name, help);
    add_store_options(sub, config);
    sub->callback(run([&, command] { return command(config); }));
  };
  db_command("schema-load", "Apply the user schema migrations (harmless when applied)", db_schema_load);
  db_command("seed", "Add the demo users (idempotent)", db_seed);
  db_command("update-cognito-user-ids", "Link users to the Cognito user pool by preferred_username",
             db_update_cognito_user_ids);

  // Moving house (doc/export.md).
  auto directory_command = [&](const char* name, const char* help, const char* flag, const char* flag_help,
                               int (*command)(const Config&, const std::string&)) {
    auto* sub = app.add_subcommand(name, help);
    add_store_options(sub, config);
    sub->add_option(flag, argument, flag_help)->required();
    sub->callback(run([&, command] { return command(config, argument); }));
  };
  directory_command("export", "Write every item and user (password hashes included) to an export directory",
                    "--to", "A new or empty directory", export_data);
  directory_command("import", "Load an export directory into the configured engines (idempotent; rerun to resume)",
                    "--from", "An export directory", import_data);
  directory_command("verify", "Check that the configured engines hold exactly an export's items and users",
                    "--from", "An export directory", verify_data);
  directory_command("backup", "Copy the embedded SQLite files while the server runs (a point in time)", "--to",
                    "A new or empty directory", backup);
  directory_command("restore", "Put a backup into an empty data directory (--data)", "--from",
                    "A backup directory", restore);

  MigrateTarget migrate_target;
  auto* migrate_command = app.add_subcommand("migrate", "export + import + verify: move the data to DynamoDB and/or PostgreSQL");
  add_store_options(migrate_command, config);
  migrate_command->add_option("--to-dynamodb", migrate_target.dynamodb_table, "Messages table on DynamoDB to move into");
  migrate_command->add_option("--to-postgres", migrate_target.postgres_url, "PostgreSQL URL to move the users into");
  migrate_command->add_option("--via", migrate_target.via, "New or empty directory for the export (kept)")->required();
  migrate_command->callback(run([&] { return migrate(config, migrate_target); }));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cruddur: error: %s\n", e.what());
    return 1;
  }
  return exit_code;
}

}  // namespace cruddur::app
