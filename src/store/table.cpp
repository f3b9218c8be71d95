// The Table operations that have a default built from the others.

#include "store/table.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>

namespace cruddur::store {

namespace {

Task<WriteStatus> write_follow_up(Table& table, FollowUpWrite write) {
  if (auto* put = std::get_if<PutRequest>(&write)) co_return co_await table.put(std::move(*put));
  UpdateResult updated = co_await table.update(std::get<UpdateRequest>(std::move(write)));
  co_return updated.status;
}

}  // namespace

Task<PutThenResult> Table::put_then(PutRequest first, std::vector<FollowUpWrite> then) {
  namespace asio = boost::asio;
  PutThenResult result;
  result.first = co_await put(std::move(first));
  if (result.first != WriteStatus::ok || then.empty()) co_return result;

  auto executor = co_await asio::this_coro::executor;
  using Spawned = decltype(asio::co_spawn(executor, write_follow_up(*this, FollowUpWrite{}), asio::deferred));
  std::vector<Spawned> writes;
  writes.reserve(then.size());
  for (auto& write : then) writes.push_back(asio::co_spawn(executor, write_follow_up(*this, std::move(write)), asio::deferred));
  auto group = asio::experimental::make_parallel_group(std::move(writes));
  auto [order, errors, statuses] = co_await group.async_wait(asio::experimental::wait_for_all(), asio::use_awaitable);
  for (const auto& error : errors)
    if (error) std::rethrow_exception(error);
  result.then = std::move(statuses);
  co_return result;
}

}  // namespace cruddur::store
