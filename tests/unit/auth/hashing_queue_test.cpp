// The hashing queue: caps per client and in all, round robin between clients.

#include "auth/hashing_queue.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <atomic>
#include <future>

#include "core/error.hpp"

namespace cruddur::auth {
namespace {

namespace asio = boost::asio;

// Submits jobs from `clients` (in that order) while the single thread is held by a blocker, then lets it
// go; returns the order the jobs ran in and the status each refused job got.
struct Outcome {
  std::vector<std::string> ran;
  std::vector<int> refused;
};

asio::awaitable<void> submit(HashingQueue& queue, std::string client, std::vector<std::string>& ran,
                             std::vector<int>& refused, std::mutex& mutex) {
  std::function<int()> job = [&ran, &mutex, client] {
    std::lock_guard lock(mutex);
    ran.push_back(client);
    return 0;
  };
  try {
    co_await queue.run(client, std::move(job));
  } catch (const Error& error) {
    std::lock_guard lock(mutex);
    refused.push_back(error.status());
  }
}

Outcome run_with(std::size_t max_waiting, std::size_t per_client, const std::vector<std::string>& clients) {
  HashingQueue queue(1, max_waiting, per_client);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> blocking{false};
  queue.post([&] {
    blocking = true;
    released.wait();
  });
  while (!blocking) std::this_thread::yield();
  asio::io_context io;
  Outcome outcome;
  std::mutex mutex;
  for (const auto& client : clients)
    asio::co_spawn(io, submit(queue, client, outcome.ran, outcome.refused, mutex), asio::detached);
  io.poll();  // every job is queued (or refused) now
  release.set_value();
  io.run();
  return outcome;
}

TEST(HashingQueue, TakesClientsInTurnSoOneFloodDoesNotStarveAnother) {
  auto outcome = run_with(64, 4, {"flood", "flood", "flood", "flood", "alice"});
  EXPECT_EQ(outcome.ran, (std::vector<std::string>{"alice", "flood", "flood", "flood", "flood"}));
  EXPECT_TRUE(outcome.refused.empty());
}

TEST(HashingQueue, RefusesAClientOverItsShareWith429AndEveryoneOverTheTotalWith503) {
  auto outcome = run_with(3, 2, {"flood", "flood", "flood", "alice", "bob"});
  EXPECT_EQ(outcome.ran.size(), 3u);
  EXPECT_EQ(outcome.refused, (std::vector<int>{429, 503}));
}

}  // namespace
}  // namespace cruddur::auth
