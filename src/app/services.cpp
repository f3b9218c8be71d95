#include "app/services.hpp"

#include <filesystem>
#include <stdexcept>

#include "api/auth_throttle.hpp"
#include "api/rate_limiter.hpp"
#include "app/engines.hpp"
#include "auth/account_service.hpp"
#include "auth/hashing_queue.hpp"
#include "auth/local_authenticator.hpp"
#include "auth/token_key.hpp"
#include "auth/token_revocations.hpp"
#include "auth/token_signer.hpp"
#include "core/usable_cpus.hpp"
#include "messaging/keys.hpp"
#include "messaging/messaging_service.hpp"
#include "store/store_error.hpp"
#include "users/cached_directory.hpp"

namespace cruddur::app {

struct Services::Parts {
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
  // Live delivery replaces this sink (issue 12); until then events are dropped.
  std::unique_ptr<messaging::EventSink> events = std::make_unique<messaging::NoEvents>();
  std::unique_ptr<messaging::MessagingService> messaging;
  std::unique_ptr<api::RateLimiter> send_limiter;
  std::unique_ptr<api::AuthThrottle> auth_throttle;
  std::unique_ptr<api::ApiContext> api;
};

Services::Services(const Config& config) : parts_(std::make_unique<Parts>()) {
  Parts& p = *parts_;
  p.config = config;

  p.table = open_message_table(config);
  // Every authenticated request looks up its caller: remembered for a while (users/cached_directory.hpp).
  p.users = std::make_unique<users::CachedDirectory>(open_user_directory(config), p.clock);
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
  p.messaging = std::make_unique<messaging::MessagingService>(*p.table, config.table_name, *p.users, p.clock,
                                                               *p.events);
  p.send_limiter = std::make_unique<api::RateLimiter>(p.clock, config.send_rate, config.send_burst);
  p.auth_throttle = std::make_unique<api::AuthThrottle>(p.clock, config.signin_rate, config.signin_failures);
  p.api = std::make_unique<api::ApiContext>(api::ApiContext{*p.messaging, *p.users, *p.authenticator,
                                                            p.accounts.get(), *p.send_limiter,
                                                            *p.auth_throttle, client_config(config)});
}

Services::~Services() = default;  // the hashing queue runs what is queued, then joins its threads

store::Table& Services::table() { return *parts_->table; }
users::Directory& Services::users() { return *parts_->users; }
messaging::MessagingService& Services::messaging() { return *parts_->messaging; }
api::ApiContext& Services::api_context() { return *parts_->api; }
const Clock& Services::clock() const { return parts_->clock; }
const Config& Services::config() const { return parts_->config; }

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
