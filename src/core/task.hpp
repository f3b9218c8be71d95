#pragma once
// The one coroutine type of the service: every asynchronous operation is an Asio awaitable, resumed on the
// executor of whoever awaits it. Layers re-export it (`using cruddur::Task;`) so `store::Task` and the like
// keep naming this one alias.

#include <boost/asio/awaitable.hpp>

namespace cruddur {

template <typename T>
using Task = boost::asio::awaitable<T>;

}  // namespace cruddur
