#pragma once
// Awaiting several storage calls at once. Unlike `a && b` (awaitable_operators), which cancels the others
// when one fails, all_of lets every call finish: a request in flight on an engine's own threads is not
// safely cancellable, and each write of the domain must either land or fail on its own (all are idempotent,
// so the caller's retry redoes whichever did not).

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>
#include <vector>

namespace cruddur::messaging {

// Runs every task concurrently on the caller's executor, waits for all, then rethrows the first failure.
inline boost::asio::awaitable<void> all_of(std::vector<boost::asio::awaitable<void>> tasks) {
  namespace asio = boost::asio;
  if (tasks.empty()) co_return;
  auto executor = co_await asio::this_coro::executor;
  using Spawned = decltype(asio::co_spawn(executor, std::move(tasks.front()), asio::deferred));
  std::vector<Spawned> spawned;
  spawned.reserve(tasks.size());
  for (auto& task : tasks) spawned.push_back(asio::co_spawn(executor, std::move(task), asio::deferred));
  auto group = asio::experimental::make_parallel_group(std::move(spawned));
  auto [order, errors] = co_await group.async_wait(asio::experimental::wait_for_all(), asio::use_awaitable);
  for (const auto& error : errors)
    if (error) std::rethrow_exception(error);
}

// `task`, its result stored at `*into` (which must outlive it): for all_of over calls of different types.
template <typename T>
boost::asio::awaitable<void> store_into(boost::asio::awaitable<T> task, T* into) {
  *into = co_await std::move(task);
}

// `task` with its result dropped (a conditional write whose "already there" is success).
template <typename T>
boost::asio::awaitable<void> ignore_result(boost::asio::awaitable<T> task) {
  co_await std::move(task);
}

}  // namespace cruddur::messaging
