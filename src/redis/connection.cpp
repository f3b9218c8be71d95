#include "redis/connection.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/system/system_error.hpp>
#include <hiredis/hiredis.h>

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace cruddur::redis {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

Reply convert(const redisReply& raw) {
  Reply reply;
  switch (raw.type) {
    case REDIS_REPLY_STRING:
      reply.type = Reply::Type::string;
      reply.str.assign(raw.str, raw.len);
      break;
    case REDIS_REPLY_STATUS:
      reply.type = Reply::Type::status;
      reply.str.assign(raw.str, raw.len);
      break;
    case REDIS_REPLY_ERROR:
      reply.type = Reply::Type::error;
      reply.str.assign(raw.str, raw.len);
      break;
    case REDIS_REPLY_INTEGER:
      reply.type = Reply::Type::integer;
      reply.integer = raw.integer;
      break;
    case REDIS_REPLY_ARRAY:
      reply.type = Reply::Type::array;
      reply.elements.reserve(raw.elements);
      for (std::size_t i = 0; i < raw.elements; ++i) reply.elements.push_back(convert(*raw.element[i]));
      break;
    default:
      reply.type = Reply::Type::nil;
  }
  return reply;
}

// RESP bytes of `command` (hiredis's encoder).
void append_encoded(std::string& out, const Command& command) {
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  argv.reserve(command.size());
  lengths.reserve(command.size());
  for (const auto& arg : command) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  char* encoded = nullptr;
  int length = redisFormatCommandArgv(&encoded, static_cast<int>(argv.size()), argv.data(), lengths.data());
  if (length < 0 || !encoded) throw std::runtime_error("redis: cannot encode a command");
  out.append(encoded, static_cast<std::size_t>(length));
  redisFreeCommand(encoded);
}

struct ReaderDeleter {
  void operator()(redisReader* reader) const { redisReaderFree(reader); }
};

}  // namespace

struct Connection::Impl {
  explicit Impl(asio::any_io_executor executor) : socket(executor), deadline(executor), reader(redisReaderCreate()) {
    if (!reader) throw std::bad_alloc();
  }

  // Closes the socket when `timeout` passes before disarm(): the pending operation then throws.
  void arm(std::chrono::milliseconds timeout) {
    timed_out = false;
    deadline.expires_after(timeout);
    // The generation guards against a wait that completed just before disarm() could cancel it.
    deadline.async_wait([this, armed = ++generation](const boost::system::error_code& ec) {
      if (ec) return;  // disarmed (or the Impl is going away: touch nothing)
      if (armed != generation) return;
      timed_out = true;
      boost::system::error_code ignored;
      socket.close(ignored);
    });
  }
  void disarm() {
    ++generation;
    deadline.cancel();
  }

  [[noreturn]] void fail(const std::exception& e) {
    boost::system::error_code ignored;
    socket.close(ignored);
    if (timed_out) throw std::runtime_error("redis: timed out");
    if (auto* system = dynamic_cast<const boost::system::system_error*>(&e))  // its what() has a source location
      throw std::runtime_error("redis: " + system->code().message());
    throw std::runtime_error(std::string("redis: ") + e.what());
  }

  asio::awaitable<Reply> read_reply() {
    for (;;) {
      void* raw = nullptr;
      if (redisReaderGetReply(reader.get(), &raw) != REDIS_OK)
        throw std::runtime_error(std::string("protocol error: ") + reader->errstr);
      if (raw) {
        Reply reply = convert(*static_cast<redisReply*>(raw));
        freeReplyObject(raw);
        co_return reply;
      }
      if (reader->len - reader->pos > kMaxReplyBytes) throw std::runtime_error("reply too large");
      std::size_t n = co_await socket.async_read_some(asio::buffer(buffer), asio::use_awaitable);
      if (redisReaderFeed(reader.get(), buffer.data(), n) != REDIS_OK)
        throw std::runtime_error(std::string("protocol error: ") + reader->errstr);
    }
  }

  tcp::socket socket;
  asio::steady_timer deadline;
  std::unique_ptr<redisReader, ReaderDeleter> reader;
  std::array<char, 16 * 1024> buffer{};
  bool timed_out = false;
  std::uint64_t generation = 0;
};

Connection::Connection(asio::any_io_executor executor) : impl_(std::make_unique<Impl>(std::move(executor))) {}
Connection::~Connection() { close(); }

void Connection::close() {
  boost::system::error_code ignored;
  impl_->deadline.cancel();
  impl_->socket.close(ignored);
}

bool Connection::is_open() const { return impl_->socket.is_open(); }

asio::awaitable<void> Connection::connect(const Endpoint& endpoint, std::chrono::milliseconds timeout) {
  Impl& d = *impl_;
  try {
    tcp::resolver resolver(d.socket.get_executor());
    auto results = co_await resolver.async_resolve(endpoint.host, std::to_string(endpoint.port), asio::use_awaitable);
    d.arm(timeout);
    co_await asio::async_connect(d.socket, results, asio::use_awaitable);
    d.socket.set_option(tcp::no_delay(true));
    d.disarm();
  } catch (const std::exception& e) {
    d.disarm();
    d.fail(e);
  }
  if (endpoint.db != 0) {
    std::vector<Command> select{Command{"SELECT", std::to_string(endpoint.db)}};  // (GCC 12: no braced list in co_await)
    auto replies = co_await exec(select, timeout);
    if (replies.at(0).is_error()) {
      close();
      throw std::runtime_error("redis: SELECT " + std::to_string(endpoint.db) + ": " + replies[0].str);
    }
  }
}

asio::awaitable<std::vector<Reply>> Connection::exec(const std::vector<Command>& commands,
                                                     std::chrono::milliseconds timeout) {
  Impl& d = *impl_;
  std::vector<Reply> replies;
  replies.reserve(commands.size());
  try {
    std::string bytes;
    for (const auto& command : commands) append_encoded(bytes, command);
    d.arm(timeout);
    co_await asio::async_write(d.socket, asio::buffer(bytes), asio::use_awaitable);
    for (std::size_t i = 0; i < commands.size(); ++i) replies.push_back(co_await d.read_reply());
    d.disarm();
  } catch (const std::exception& e) {
    d.disarm();
    d.fail(e);
  }
  co_return replies;
}

asio::awaitable<void> Connection::send(const std::vector<Command>& commands, std::chrono::milliseconds timeout) {
  Impl& d = *impl_;
  try {
    std::string bytes;
    for (const auto& command : commands) append_encoded(bytes, command);
    d.arm(timeout);
    co_await asio::async_write(d.socket, asio::buffer(bytes), asio::use_awaitable);
    d.disarm();
  } catch (const std::exception& e) {
    d.disarm();
    d.fail(e);
  }
}

asio::awaitable<Reply> Connection::receive() {
  Impl& d = *impl_;
  try {
    co_return co_await d.read_reply();
  } catch (const std::exception& e) {
    d.fail(e);
  }
}

}  // namespace cruddur::redis
