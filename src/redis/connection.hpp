#pragma once
// One TCP connection to a Redis server, spoken to with Asio coroutines. hiredis is used only as the RESP
// codec (redisFormatCommandArgv encodes a command, redisReader parses replies); the I/O is Asio's.
//
// Thread-safety: none. Use a Connection from one coroutine at a time, on the executor it was made with
// (the backplane keeps each connection on its own single-threaded io_context).
// Bounded: a reply larger than kMaxReplyBytes fails the connection; every call but receive() is bounded by
// the timeout it is given (on expiry the socket is closed and the call throws).
// Failure: every error (refused, reset, timeout, protocol) throws std::runtime_error and leaves the
// connection closed; an error *reply* (-ERR ...) is not a failure, it is a Reply of type error.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <vector>

#include "redis/endpoint.hpp"
#include "redis/reply.hpp"

namespace cruddur::redis {

class Connection {
 public:
  static constexpr std::size_t kMaxReplyBytes = 64u << 20;

  explicit Connection(boost::asio::any_io_executor executor);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Resolves, connects and SELECTs the endpoint's db (when not 0).
  boost::asio::awaitable<void> connect(const Endpoint& endpoint, std::chrono::milliseconds timeout);

  // Sends `commands` in one write (pipelined) and returns their replies, in order.
  boost::asio::awaitable<std::vector<Reply>> exec(const std::vector<Command>& commands,
                                                  std::chrono::milliseconds timeout);

  // Sends `commands` without waiting for replies (SUBSCRIBE: its replies come through receive()).
  boost::asio::awaitable<void> send(const std::vector<Command>& commands, std::chrono::milliseconds timeout);

  // The next reply the server pushes (pub/sub messages), waiting as long as it takes.
  boost::asio::awaitable<Reply> receive();

  // Closes the socket; a pending call completes by throwing. Harmless twice.
  void close();
  bool is_open() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cruddur::redis
