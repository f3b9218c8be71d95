// Crashes: the server is SIGKILLed at random moments (CRUDDUR_CRASH_KILLS times, default 100) while clients
// send with retries by client_message_id, and restarted on the same data each time. Afterwards, through the
// API (send_ledger.hpp): every send is stored exactly once under its acknowledged uuid, a repeat returns the
// same message, and every conversation row and unread count agrees with the messages.
//
// CRUDDUR_CRASH_CLIENTS (8) sending people, CRUDDUR_CRASH_ALIVE_MS (250): the longest the server lives
// between kills. The engine comes from CRUDDUR_TEST_ENGINE as for the API tests: sqlite (default), or dynamodb under
// tests/engines/run-with-dynamodb-engine.sh (ctest runs both: reliability_crash_sqlite, _dynalite).
// tests/reliability/crash-kill.sh runs it by hand with a kill count. Figures: doc/reliability.md.

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <thread>

#include "reliability/send_ledger.hpp"

namespace cruddur::testing {
namespace {

int env_int(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::atoi(value) : fallback;
}

TEST(CrashKill, RandomKillsLoseAndDuplicateNothing) {
  const int kills = env_int("CRUDDUR_CRASH_KILLS", 100);
  const int clients = env_int("CRUDDUR_CRASH_CLIENTS", 8);
  // The server lives 20 ms .. this long between kills (longer on a slower engine, so that sends get through).
  const int alive_ms = std::max(21, env_int("CRUDDUR_CRASH_ALIVE_MS", 250));
  TestServer server({"--send-rate", "0"});

  // Pairs (0,1), (2,3) ... plus (0,2) and (1,3): some people have two conversations. Every client is a
  // person sending to one partner; both members of a pair send at once. First sends go by handle.
  std::vector<Person> people;
  {
    HttpClient setup(server.port());
    for (int i = 0; i < clients; ++i) people.push_back(sign_up(setup, "crash" + std::to_string(i)));
  }
  std::vector<std::pair<std::size_t, std::size_t>> routes;  // client -> (sender, recipient)
  for (int i = 0; i < clients; ++i) routes.emplace_back(i, i ^ 1);
  routes.emplace_back(0, 2);
  routes.emplace_back(3, 1);

  SendLedger ledger;
  std::atomic<bool> stop{false};
  std::atomic<long> attempts{0}, unavailable{0}, failed{0};
  std::vector<std::exception_ptr> errors(routes.size());
  std::vector<std::thread> threads;
  for (std::size_t c = 0; c < routes.size(); ++c)
    threads.emplace_back([&, c] {
      try {
        HttpClient client(server.port());
        client.set_timeout(std::chrono::seconds(5));
        std::mt19937 rng(static_cast<unsigned>(c) * 7919u + 17u);
        std::string group;
        for (int n = 0; !stop; ++n) {
          const std::string id = "crash-" + std::to_string(c) + "-" + std::to_string(n);
          const std::string text = "message " + std::to_string(n) + " of client " + std::to_string(c);
          // By handle for the first send and now and then after (opening is idempotent too).
          const std::string target = (group.empty() || rng() % 5 == 0) ? "" : group;
          SendOutcome outcome = send_until_acknowledged(client, people, routes[c].first, routes[c].second, target,
                                                        text, id, std::chrono::milliseconds(10 + rng() % 20));
          group = outcome.sent.group;
          attempts += outcome.attempts;
          unavailable += outcome.unavailable;
          failed += outcome.failed;
          ledger.add(outcome.sent);
        }
      } catch (...) {
        errors[c] = std::current_exception();
      }
    });

  // The killer runs on this (the main) thread: the server is its child (see ChildProcess about PDEATHSIG).
  std::mt19937 rng(static_cast<unsigned>(std::random_device{}()));
  using clock = std::chrono::steady_clock;
  std::chrono::milliseconds slowest_restart{0}, restarts_total{0};
  std::size_t acknowledged_before = 0;
  for (int k = 0; k < kills; ++k) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20 + rng() % static_cast<unsigned>(alive_ms - 20)));
    server.process().kill_hard();
    const auto started = clock::now();
    server.process().restart();
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - started);
    slowest_restart = std::max(slowest_restart, took);
    restarts_total += took;
  }
  acknowledged_before = ledger.size();
  stop = true;
  for (auto& t : threads) t.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);

  std::vector<SentMessage> sent = ledger.all();
  ASSERT_GT(acknowledged_before, static_cast<std::size_t>(kills)) << "too few sends between kills to mean anything";
  const std::size_t stored = expect_ledger_stored(server.port(), people, sent, 300);

  std::printf("[ figures ] engine %s: %d kills, %zu sends acknowledged (%ld requests, %ld refused or cut off, "
              "%ld answered 503), %zu stored, restart to healthy avg %lld ms, slowest %lld ms\n",
              server.engine_args()[1].c_str(), kills, sent.size(), attempts.load(), failed.load(),
              unavailable.load(), stored, static_cast<long long>(restarts_total.count() / std::max(1, kills)),
              static_cast<long long>(slowest_restart.count()));
}

}  // namespace
}  // namespace cruddur::testing
