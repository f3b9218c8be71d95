#include "aws/backoff.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <random>

namespace cruddur::aws {

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int attempt) {
  thread_local std::mt19937 random{std::random_device{}()};
  long long cap = policy.base_delay.count() << std::clamp(attempt, 0, 20);
  cap = std::clamp<long long>(cap, 0, policy.max_delay.count());
  return std::chrono::milliseconds(std::uniform_int_distribution<long long>(0, cap)(random));
}

Task<void> sleep_for(std::chrono::milliseconds delay) {
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, delay);
  co_await timer.async_wait(boost::asio::use_awaitable);
}

}  // namespace cruddur::aws
