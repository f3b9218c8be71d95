#pragma once
// Tests run coroutines to completion with cruddur::run_sync (src/core/run_sync.hpp).

#include "core/run_sync.hpp"

namespace cruddur::testing {

template <typename T>
T run_task(boost::asio::awaitable<T> task) {
  return cruddur::run_sync(std::move(task));
}

}  // namespace cruddur::testing
