#pragma once
// Runs a coroutine to completion on a private io_context and returns its result (or rethrows its
// exception). For CLI commands and tests that call the awaitable interfaces from plain code. Never call it
// from an io thread of the server: it blocks the calling thread.

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <future>

namespace cruddur {

template <typename T>
T run_sync(boost::asio::awaitable<T> task) {
  boost::asio::io_context io;
  auto future = boost::asio::co_spawn(io, std::move(task), boost::asio::use_future);
  io.run();
  return future.get();
}

}  // namespace cruddur
