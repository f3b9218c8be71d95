#include "app/demo_seed.hpp"

#include <array>
#include <stdexcept>

#include "app/config.hpp"
#include "app/demo_conversation.hpp"
#include "auth/password_hasher.hpp"
#include "core/uuid.hpp"
#include "messaging/messaging_service.hpp"

namespace cruddur::app {

namespace {

struct DemoUser {
  const char* handle;
  const char* display_name;
  const char* email;
};

constexpr std::array<DemoUser, 3> kDemoUsers{{
    {"andrewbrown", "Andrew Brown", "andrew@example.com"},
    {"bayko", "Andrew Bayko", "bayko@example.com"},
    {"londo", "Londo Mollari", "londo@example.com"},
}};

boost::asio::awaitable<users::User> must_find(users::Directory& users, std::string handle) {
  auto user = co_await users.find_by_handle(handle);
  if (!user) throw std::runtime_error("demo user @" + handle + " is missing; run `cruddur db seed` first");
  co_return *user;
}

}  // namespace

boost::asio::awaitable<int> seed_demo_users(users::Directory& users, Microseconds now) {
  int created = 0;
  std::string password_hash;  // hashed once, lazily: argon2id is slow on purpose
  for (const auto& demo : kDemoUsers) {
    if (co_await users.find_by_handle(demo.handle)) continue;
    if (password_hash.empty()) password_hash = auth::PasswordHasher::hash(kDemoPassword);
    users::Account account{{uuid::random_v4(), demo.handle, demo.display_name}, demo.email, password_hash,
                           std::nullopt, format_timestamp(now)};
    if (co_await users.create(std::move(account)) == users::CreateStatus::created) ++created;
  }
  co_return created;
}

boost::asio::awaitable<int> seed_demo_conversation(store::Table& table, std::string table_name,
                                                   users::Directory& users, Microseconds now) {
  users::User andrew = co_await must_find(users, "andrewbrown");
  users::User bayko = co_await must_find(users, "bayko");
  auto lines = demo_conversation();
  ManualClock clock(now);
  messaging::NoEvents events;  // seeding happens before anyone is connected
  messaging::MessagingService service(table, table_name, users, clock, events);
  constexpr Microseconds kMinute = 60 * kMicrosPerSecond;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    clock.set(now - Microseconds(lines.size() - 1 - i) * kMinute);
    const auto& line = lines[i];
    messaging::SendRequest send{std::string(line.text), std::nullopt,
                                std::string(line.from_andrew ? bayko.handle : andrew.handle),
                                "demo-b5-" + std::to_string(i)};
    const auto& sender = line.from_andrew ? andrew : bayko;  // not inside co_await (doc/architecture.md)
    co_await service.send(sender, std::move(send));
  }
  co_return static_cast<int>(lines.size());
}

boost::asio::awaitable<SeedReport> seed_demo(store::Table& table, std::string table_name, users::Directory& users,
                                             Microseconds now) {
  SeedReport report;
  report.users_created = co_await seed_demo_users(users, now);
  report.messages = co_await seed_demo_conversation(table, std::move(table_name), users, now);
  co_return report;
}

}  // namespace cruddur::app
