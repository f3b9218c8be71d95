#include "app/services.hpp"

#include <filesystem>
#include <stdexcept>

#include "api/auth_throttle.hpp"
#include "api/rate_limiter.hpp"
#include "api/stream_endpoint.hpp"
#include "api/stream_events.hpp"
#include "app/engines.hpp"
#include "auth/account_service.hpp"
#include "auth/hashing_queue.hpp"
#include "auth/local_authenticator.hpp"
#include "auth/token_key.hpp"
#include "auth/token_revocations.hpp"
#include "auth/token_signer.hpp"
#include "core/usable_cpus.hpp"
#include "api/stream_frames.hpp"
#include "live/hub.hpp"
#include "live/redis_backplane.hpp"
#include "live/tickets.hpp"
#include "messaging/keys.hpp"
#include "messaging/messaging_service.hpp"
#include "store/dynamodb/dynamo_table.hpp"
#include "store/observed_table.hpp"
#include "store/sqlite/sqlite_table.hpp"
#include "store/store_error.hpp"
#include "users/cached_directory.hpp"
#include "users/observed_directory.hpp"

namespace cruddur::app {

namespace {
// GET /api/me/export: downloads a user may make at once before --export-rate applies.
constexpr double kExportBurst = 2;

// SQLite's group-commit batch sizes; nothing on DynamoDB, which has no batches.
std::function<void(std::size_t)> group_commit_observer(const Config& config, metrics::Registry& registry) {
  if (config.use_dynamodb()) return nullptr;
  auto& sizes = registry
                    .histogram("cruddur_store_group_commit_batch_size",
                               "Writes committed per SQLite transaction (group commit).", {},
                               metrics::exponential_buckets(1, 2, 9))
                    .with({});
  return [&sizes](std::size_t writes) { sizes.observe(static_cast<double>(writes)); };
}

// The SQLite writer's queue depth at scrape time.
void add_write_queue_collector(store::Table& table, metrics::Registry& registry) {
  auto* sqlite = dynamic_cast<store::SqliteTable*>(&table);
  if (!sqlite) return;
  registry.add_collector([sqlite](metrics::TextWriter& out) {
    out.family("cruddur_store_group_commit_queued", metrics::Type::gauge, "Writes waiting for the SQLite writer.");
    out.sample(sqlite->write_stats().queued);
  });
}

// The DynamoDB engine's HTTP requests (retries included), by operation: what a store operation costs on the
// wire (a put_then is several), and the denominator of the bench's CPU per DynamoDB request.
void add_dynamodb_request_collector(store::Table& table, metrics::Registry& registry) {
  auto* dynamodb = dynamic_cast<store::dynamodb::DynamoTable*>(&table);
  if (!dynamodb) return;
  registry.add_collector([dynamodb](metrics::TextWriter& out) {
    out.family("cruddur_dynamodb_requests_total", metrics::Type::counter,
               "DynamoDB requests sent (every attempt), by operation.");
    for (const auto& [operation, count] : dynamodb->request_counts()) out.sample(count, {{"operation", operation}});
    out.family("cruddur_dynamodb_connections_opened_total", metrics::Type::counter,
               "TCP connections opened to DynamoDB (flat under steady load when keep-alive reuses them).");
    out.sample(dynamodb->connections_opened());
  });
}

}  // namespace

struct Services::Parts {
  metrics::Registry metrics;  // first: outlives every part that records into it
  Config config;
  SystemClock clock;
  std::unique_ptr<store::Table> table;
  std::unique_ptr<users::Directory> users;
  std::unique_ptr<auth::TokenSigner> signer;
  std::unique_ptr<auth::TokenRevocations> revocations;
  std::unique_ptr<auth::Authenticator> authenticator;
  // argon2id is slow on purpose: it runs here, never on an io thread; bounded and fair per client address.
  auth::HashingQueue hashing{static_cast<std::size_t>(usable_cpus())};
  std::unique_ptr<auth::AccountService> accounts;
  // Live delivery: the domain's events go to the stream's Hub (src/live), rendered by src/api.
  std::unique_ptr<live::Hub> hub;
  std::unique_ptr<live::RedisBackplane> backplane;  // --redis-url: across instances; null: one process
  std::unique_ptr<live::TicketStore> tickets;
  std::unique_ptr<messaging::EventSink> events;
  std::unique_ptr<messaging::MessagingService> messaging;
  std::unique_ptr<api::RateLimiter> send_limiter;
  std::unique_ptr<api::RateLimiter> export_limiter;
  std::unique_ptr<api::AuthThrottle> auth_throttle;
  std::unique_ptr<api::StreamEndpoint> stream;
  std::unique_ptr<api::ApiContext> api;
};

Services::Services(const Config& config) : parts_(std::make_unique<Parts>()) {
  Parts& p = *parts_;
  p.config = config;

  bool observed = !config.metrics_listen.empty();
  p.table = open_message_table(config, observed ? group_commit_observer(config, p.metrics) : nullptr,
                               std::chrono::milliseconds(config.storage_timeout_ms));
  auto directory = open_user_directory(config, std::chrono::milliseconds(config.storage_timeout_ms));
  if (observed) {
    add_write_queue_collector(*p.table, p.metrics);
    add_dynamodb_request_collector(*p.table, p.metrics);
    p.table = std::make_unique<store::ObservedTable>(std::move(p.table), p.metrics);
    directory = std::make_unique<users::ObservedDirectory>(std::move(directory), p.metrics);
  }
  // Every authenticated request looks up its caller: remembered for a while (users/cached_directory.hpp).
  p.users = std::make_unique<users::CachedDirectory>(std::move(directory), p.clock);
  if (config.auth == "cognito") {
    p.authenticator = open_cognito_authenticator(config, *p.users, p.clock);
  } else if (config.auth == "local") {
    std::filesystem::create_directories(config.data_dir);  // the token key lives there
    p.signer = std::make_unique<auth::TokenSigner>(auth::load_token_key(config.data_dir),
                                                   std::chrono::seconds(config.token_lifetime_seconds));
    p.revocations = std::make_unique<auth::TokenRevocations>(*p.users, p.clock);
    p.authenticator = std::make_unique<auth::LocalAuthenticator>(*p.signer, *p.users, *p.revocations, p.clock);
    p.accounts = std::make_unique<auth::AccountService>(*p.users, *p.signer, p.clock, p.hashing, *p.revocations);
  } else {
    throw std::invalid_argument("--auth must be local or cognito, got '" + config.auth + "'");
  }
  live::HubLimits limits;
  limits.replay_events = static_cast<std::size_t>(config.stream_replay_events);
  limits.max_sockets = static_cast<std::size_t>(config.max_sockets);
  p.hub = std::make_unique<live::Hub>(p.clock, limits);
  p.tickets = std::make_unique<live::TicketStore>(p.clock, config.stream_ticket_seconds * kMicrosPerSecond);
  if (!config.redis_url.empty()) {
    live::BackplaneOptions backplane;
    backplane.url = config.redis_url;
    p.backplane = std::make_unique<live::RedisBackplane>(
        *p.hub, backplane, std::make_shared<const std::string>(api::stream_frames::resync()));
  }
  p.events = std::make_unique<api::StreamEvents>(*p.hub, p.backplane.get());
  p.messaging = std::make_unique<messaging::MessagingService>(*p.table, config.table_name, *p.users, p.clock,
                                                               *p.events);
  p.send_limiter = std::make_unique<api::RateLimiter>(p.clock, config.send_rate, config.send_burst);
  p.export_limiter = std::make_unique<api::RateLimiter>(p.clock, config.export_rate / 3600.0, kExportBurst);
  p.auth_throttle = std::make_unique<api::AuthThrottle>(p.clock, config.signin_rate, config.signin_failures);
  p.stream = std::make_unique<api::StreamEndpoint>(*p.hub, *p.tickets, *p.messaging, p.clock, config.allowed_origins,
                                                   p.backplane.get());
  p.api = std::make_unique<api::ApiContext>(api::ApiContext{*p.messaging, *p.users, *p.authenticator,
                                                            p.accounts.get(), *p.send_limiter, *p.export_limiter,
                                                            *p.auth_throttle, client_config(config),
                                                            p.stream.get()});
}

Services::~Services() = default;  // the hashing queue runs what is queued, then joins its threads

store::Table& Services::table() { return *parts_->table; }
users::Directory& Services::users() { return *parts_->users; }
messaging::MessagingService& Services::messaging() { return *parts_->messaging; }
api::ApiContext& Services::api_context() { return *parts_->api; }
api::StreamEndpoint& Services::stream() { return *parts_->stream; }
live::Stats& Services::stream_stats() { return parts_->hub->stats(); }
void Services::stop_live() {
  if (parts_->backplane) parts_->backplane->stop();
}
const Clock& Services::clock() const { return parts_->clock; }
const Config& Services::config() const { return parts_->config; }
metrics::Registry& Services::metrics() { return parts_->metrics; }

boost::asio::awaitable<void> Services::schema_load() {
  co_await parts_->users->schema_load();
  auto existing = co_await parts_->table->describe_table(parts_->config.table_name);
  if (existing) co_return;
  try {
    store::Provisioning provisioning;
    const Config& c = parts_->config;
    if (c.read_capacity > 0 || c.write_capacity > 0) {  // both flags, or on-demand (checked by the CLI)
      provisioning.on_demand = false;
      provisioning.read_capacity_units = c.read_capacity;
      provisioning.write_capacity_units = c.write_capacity;
    }
    auto schema = messaging::keys::table_schema(c.table_name);
    co_await parts_->table->create_table(std::move(schema), provisioning);
  } catch (const store::StoreError& e) {
    // Another process created it between our describe and create: that is what we wanted.
    if (e.kind() != store::StoreError::Kind::resource_in_use) throw;
  }
}

}  // namespace cruddur::app
