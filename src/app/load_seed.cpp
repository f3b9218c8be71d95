#include "app/load_seed.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "auth/password_hasher.hpp"
#include "core/clock.hpp"
#include "core/uuid.hpp"
#include "messaging/all_of.hpp"

namespace cruddur::app {

namespace {

std::string load_handle(int u) { return "load_u" + std::to_string(u); }

// The conversations, as pairs of people (smaller index first); pair 0 is load_u0 <-> load_u1.
std::vector<std::pair<int, int>> load_pairs(int n) {
  std::vector<std::pair<int, int>> pairs;
  std::set<std::pair<int, int>> seen;
  for (int step : {1, 3}) {
    for (int u = 0; u < n; ++u) {
      int v = (u + step) % n;
      if (u == v) continue;
      std::pair<int, int> pair{std::min(u, v), std::max(u, v)};
      if (seen.insert(pair).second) pairs.push_back(pair);
    }
  }
  return pairs;
}

// Which conversation message i goes to, and whether the first member of the pair sends it.
std::pair<std::size_t, bool> load_route(int i, std::size_t pair_count) {
  if (i % 5 == 0) return {0, (i / 5) % 2 == 0};
  std::size_t turn = static_cast<std::size_t>(i - i / 5 - 1);  // the i-th message not sent to pair 0
  return {turn % pair_count, (turn / pair_count) % 2 == 0};
}

// Sends, in order, the messages of the conversations `worker` owns (pair index % workers == worker).
boost::asio::awaitable<void> send_share(messaging::MessagingService& messaging, const std::vector<users::User>& people,
                                        const std::vector<std::pair<int, int>>& pairs, int message_count,
                                        int worker, int workers) {
  for (int i = 0; i < message_count; ++i) {
    auto [pair, first_sends] = load_route(i, pairs.size());
    if (static_cast<int>(pair % static_cast<std::size_t>(workers)) != worker) continue;
    const users::User& from = people[first_sends ? pairs[pair].first : pairs[pair].second];
    const users::User& to = people[first_sends ? pairs[pair].second : pairs[pair].first];
    messaging::SendRequest send{"load message " + std::to_string(i) + " from @" + from.handle + " \"é ✓\"",
                                std::nullopt, to.handle, "load-" + std::to_string(i)};
    auto sending = messaging.send(from, std::move(send));
    co_await std::move(sending);
  }
}

}  // namespace

boost::asio::awaitable<LoadReport> seed_load(messaging::MessagingService& messaging, users::Directory& users,
                                             Microseconds now, int user_count, int message_count,
                                             int concurrency) {
  if (user_count < 2) throw std::runtime_error("--users must be at least 2");
  if (message_count < 0) throw std::runtime_error("--messages must not be negative");
  if (concurrency < 1) concurrency = 1;
  LoadReport report;
  std::string password_hash;  // hashed once, lazily: argon2id is slow on purpose
  std::vector<users::User> people;
  for (int u = 0; u < user_count; ++u) {
    std::string handle = load_handle(u);
    if (auto found = co_await users.find_by_handle(handle)) {
      people.push_back(*found);
      continue;
    }
    if (password_hash.empty()) password_hash = auth::PasswordHasher::hash(kLoadPassword);
    users::Account account{{uuid::random_v4(), handle, "Load User " + std::to_string(u)},
                           handle + "@example.com", password_hash, std::nullopt, format_timestamp(now)};
    people.push_back(account.user);
    auto creating = users.create(std::move(account));
    if (co_await std::move(creating) == users::CreateStatus::created) ++report.users_created;
  }

  auto pairs = load_pairs(user_count);
  std::vector<boost::asio::awaitable<void>> workers;
  int worker_count = std::min<int>(concurrency, static_cast<int>(pairs.size()));
  for (int w = 0; w < worker_count; ++w)
    workers.push_back(send_share(messaging, people, pairs, message_count, w, worker_count));
  auto sending = messaging::all_of(std::move(workers));
  co_await std::move(sending);
  report.messages = message_count;

  // Read markers travel too: every third person reads their first conversation.
  for (int u = 0; u < user_count && message_count > 0; u += 3) {
    auto listing = messaging.list_conversations(people[u], messaging::PageRequest{1, std::nullopt});
    auto list = co_await std::move(listing);
    if (list.items.empty()) continue;
    auto reading = messaging.mark_read(people[u], list.items.front().message_group_uuid, std::nullopt);
    co_await std::move(reading);
  }
  co_return report;
}

}  // namespace cruddur::app
