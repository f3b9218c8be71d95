#include "http/session.hpp"

#include "api/error_reply.hpp"
#include "core/error.hpp"
#include "http/connection_set.hpp"
#include "http/dispatcher.hpp"
#include "http/request_id.hpp"
#include "http/request_reader.hpp"
#include "http/request_trace.hpp"
#include "http/security_headers.hpp"
#include "http/websocket_session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <functional>
#include <memory>
#include <utility>

namespace cruddur::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// After a reply that closes the connection, the session half-closes and reads (and discards) what the
// client still sends, so that closing with unread data does not reset the connection before the client
// has read the reply (a 413 sent while the client is still uploading, for instance). Bounded by both:
constexpr size_t kLingerMaxBytes = 1024 * 1024;
constexpr std::chrono::seconds linger_timeout{2};
constexpr size_t kReadChunk = 4096;

// Shared between the session coroutine and the closer the ConnectionSet holds. Touched on the strand only.
struct SessionState {
  explicit SessionState(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool idle = true;       // waiting for the first byte of the next request: stop() may close it at once
  bool stopping = false;  // the server is stopping: finish the current exchange, then close
  std::function<void()> on_stop;  // set while the connection is the stream's WebSocket: how stop() ends it
};

// Releases the admitted connection when the session's coroutine frame goes away, however that happens.
class ConnectionLease {
 public:
  ConnectionLease(ConnectionSet& set, uint64_t id) : set_(&set), id_(id) {}
  ConnectionLease(ConnectionLease&& other) noexcept : set_(std::exchange(other.set_, nullptr)), id_(other.id_) {}
  ConnectionLease& operator=(ConnectionLease&&) = delete;
  ~ConnectionLease() {
    if (set_) set_->release(id_);
  }

 private:
  ConnectionSet* set_;
  uint64_t id_;
};

// Framing headers belong to the session; a handler's own copy of them would corrupt the stream.
bool framing_header(std::string_view name) {
  return beast::iequals(name, "content-length") || beast::iequals(name, "transfer-encoding") ||
         beast::iequals(name, "connection");
}

class Session {
 public:
  Session(std::shared_ptr<SessionState> state, const SessionEnvironment& env)
      : state_(std::move(state)), stream_(state_->stream), env_(env), buffer_(env.settings.header_limit) {}

  asio::awaitable<void> run();

 private:
  asio::awaitable<bool> wait_for_request(bool first);
  asio::awaitable<beast::error_code> write(api::Response response, unsigned version, bool keep_alive, bool head);
  asio::awaitable<beast::error_code> write_streamed(api::Response response, unsigned version, bool keep_alive,
                                                    bool head);
  asio::awaitable<void> linger_and_close();
  void close();
  static void fail(const beast::error_code& ec, const char* what);

  std::shared_ptr<SessionState> state_;
  beast::tcp_stream& stream_;
  const SessionEnvironment& env_;
  beast::flat_buffer buffer_;  // at most header_limit bytes: see request_reader.hpp
};

void Session::fail(const beast::error_code& ec, const char* what) {
  if (ordinary_disconnect(ec)) {
    spdlog::debug("http session {}: {}", what, ec.message());
  } else {
    spdlog::info("http session {}: {}", what, ec.message());
  }
}

// Waits (idle) until bytes of a request are buffered. False: the connection ended or the server stops.
asio::awaitable<bool> Session::wait_for_request(bool first) {
  if (buffer_.size() > 0) co_return true;  // a pipelined request is already here
  if (state_->stopping) co_return false;
  state_->idle = true;
  stream_.expires_after(first ? env_.settings.header_timeout : env_.settings.idle_timeout);
  auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(std::min(kReadChunk, buffer_.max_size())), use_tuple);
  state_->idle = false;
  if (ec) {
    fail(ec, "wait for request");
    co_return false;
  }
  buffer_.commit(n);
  co_return true;
}

asio::awaitable<void> Session::run() {
  for (bool first = true;; first = false) {
    if (!co_await wait_for_request(first)) break;
    auto started = std::chrono::steady_clock::now();  // the request's first byte is here

    RequestParser parser;
    ReadResult read = co_await read_request(stream_, buffer_, parser, env_.settings, *env_.hosts);
    if (read.ec) {
      fail(read.ec, "read");
      break;
    }
    if (read.refusal) {
      spdlog::debug("http session read: refusing the request with {}", read.refusal->status());
      RequestTrace trace({}, started);
      api::Response reply = api::error_reply(*read.refusal);
      trace.stamp(reply);
      auto write_ec = co_await write(std::move(reply), 11, false, false);
      trace.finish(env_.on_request, {}, read.refusal->status());
      if (write_ec) {
        fail(write_ec, "write error reply");
        break;
      }
      co_await linger_and_close();
      co_return;
    }
    if (env_.stream && is_stream_upgrade(parser.get())) {
      // The stream's WebSocket takes the connection over (clients send no frame before the 101 answer,
      // so buffer_ holds nothing of it).
      buffer_ = beast::flat_buffer();  // an idle stream should not keep this session's read buffer
      StopHook stop{state_->stopping, state_->on_stop};
      co_await serve_stream(*env_.stream, std::move(stream_), parser.release(), stop);
      co_return;
    }

    auto& request = parser.get();
    bool keep_alive = request.keep_alive();
    bool head = request.method() == bhttp::verb::head;
    unsigned version = request.version();
    RequestTrace trace(request[kRequestIdHeader], started);
    std::string method(request.method_string());
    IncomingRequest incoming{method, std::string(request.target()),
                             std::string(request[bhttp::field::authorization]), std::move(request.body())};
    incoming.info = &trace.info();
    beast::error_code peer_ec;
    auto peer = stream_.socket().remote_endpoint(peer_ec);
    if (!peer_ec) incoming.remote_address = peer.address().to_string();
    api::Response response = co_await env_.dispatcher->dispatch(std::move(incoming));
    trace.stamp(response);
    int status = response.status;

    keep_alive = keep_alive && !state_->stopping;
    auto write_ec = co_await write(std::move(response), version, keep_alive, head);
    trace.finish(env_.on_request, method, status);  // the log line and metrics of this exchange
    if (write_ec) {
      fail(write_ec, "write");
      break;
    }
    if (!keep_alive) {
      co_await linger_and_close();
      co_return;
    }
  }
  close();
}

// The status line and headers every reply carries (the handler's own, then the security headers).
template <typename Body>
void set_head(bhttp::response<Body>& reply, const api::Response& response, int status, unsigned version,
              bool keep_alive) {
  reply.version(version);
  reply.result(static_cast<unsigned>(status));
  reply.set(bhttp::field::content_type, response.content_type);
  for (const auto& [name, value] : response.headers) {
    if (!framing_header(name)) reply.insert(name, value);
  }
  for (const auto& [name, value] : security_headers) {
    if (reply.find(name) == reply.end()) reply.set(name, value);
  }
  reply.keep_alive(keep_alive);
}

asio::awaitable<beast::error_code> Session::write(api::Response response, unsigned version, bool keep_alive,
                                                  bool head) {
  if (response.stream) {
    auto streamed = write_streamed(std::move(response), version, keep_alive, head);
    co_return co_await std::move(streamed);
  }
  bhttp::response<bhttp::string_body> reply;
  int status = response.status >= 100 && response.status <= 599 ? response.status : 500;
  set_head(reply, response, status, version, keep_alive);
  bool bodiless_status = status < 200 || status == 204 || status == 304;
  if (!bodiless_status) reply.body() = std::move(response.body);
  reply.prepare_payload();          // Content-Length of the full body ...
  if (head) reply.body().clear();   // ... which a HEAD reply announces but does not carry

  stream_.expires_after(env_.settings.idle_timeout);
  // Yield once before writing: the replies of every request that became ready in the same pass of the event
  // loop then go out back to back, after all of them were handled. A client waiting in epoll is woken by
  // the first and finds the rest already queued, instead of being woken (an inter-processor interrupt, a
  // VM exit under virtualisation) once per reply. On an idle server the queue is empty and this costs one
  // handler dispatch. bench/README.md has the numbers (big page +14%, send CPU -14%).
  co_await asio::post(stream_.get_executor(), asio::use_awaitable);
  auto [ec, unused] = co_await bhttp::async_write(stream_, reply, use_tuple);
  co_return ec;
}

// A streamed body (api::BodyStream): the head with Transfer-Encoding: chunked, then one chunk per piece as the
// source makes it, then the last chunk. One piece is held at a time, so memory does not grow with the body.
// A source that throws ends the exchange without the last chunk (an error the caller closes the connection
// on): the client sees a truncated body. HTTP/1.0 has no chunks: the body then ends when the connection
// closes (end_of_stream tells the caller to close it).
asio::awaitable<beast::error_code> Session::write_streamed(api::Response response, unsigned version,
                                                           bool keep_alive, bool head) {
  bool chunked = version >= 11;
  keep_alive = keep_alive && chunked;
  bhttp::response<bhttp::empty_body> reply;
  int status = response.status >= 100 && response.status <= 599 ? response.status : 500;
  set_head(reply, response, status, version, keep_alive);
  if (chunked) reply.chunked(true);
  bhttp::response_serializer<bhttp::empty_body> serializer(reply);
  stream_.expires_after(env_.settings.idle_timeout);
  auto [ec, unused] = co_await bhttp::async_write_header(stream_, serializer, use_tuple);
  if (ec || head) co_return ec;
  for (;;) {
    std::string piece;
    try {
      auto next = response.stream();
      piece = co_await std::move(next);
    } catch (const std::exception& e) {
      spdlog::error("http session: a streamed body failed part-way: {}", e.what());
      co_return beast::error_code(asio::error::connection_aborted);
    } catch (...) {
      spdlog::error("http session: a streamed body failed part-way (an exception of unknown type)");
      co_return beast::error_code(asio::error::connection_aborted);
    }
    if (piece.empty()) break;
    stream_.expires_after(env_.settings.idle_timeout);
    if (chunked) {
      auto chunk = bhttp::make_chunk(asio::buffer(piece));
      auto writing = asio::async_write(stream_, chunk, use_tuple);
      std::tie(ec, unused) = co_await std::move(writing);
    } else {
      auto writing = asio::async_write(stream_, asio::buffer(piece), use_tuple);
      std::tie(ec, unused) = co_await std::move(writing);
    }
    if (ec) co_return ec;
  }
  if (!chunked) co_return beast::error_code(bhttp::error::end_of_stream);
  stream_.expires_after(env_.settings.idle_timeout);
  auto last = bhttp::make_chunk_last();
  auto finishing = asio::async_write(stream_, last, use_tuple);
  std::tie(ec, unused) = co_await std::move(finishing);
  co_return ec;
}

asio::awaitable<void> Session::linger_and_close() {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream_.expires_after(linger_timeout);
  std::array<char, kReadChunk> scratch;
  for (size_t discarded = 0; !ec && discarded < kLingerMaxBytes;) {
    size_t n = 0;
    std::tie(ec, n) = co_await stream_.async_read_some(asio::buffer(scratch), use_tuple);
    discarded += n;
  }
  close();
}

void Session::close() {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  stream_.close();
}

asio::awaitable<void> serve(std::shared_ptr<SessionState> state, ConnectionLease lease,
                            const SessionEnvironment& env) {
  Session session(std::move(state), env);
  co_await session.run();
}

}  // namespace

void start_session(tcp::socket socket, const SessionEnvironment& env) {
  auto state = std::make_shared<SessionState>(std::move(socket));
  auto executor = state->stream.get_executor();

  // stop(): an idle connection closes at once; a busy one closes after its current reply; a WebSocket as
  // on_stop says. The executor is captured here: the stream may have moved into the WebSocket since.
  auto closer = [weak = std::weak_ptr<SessionState>(state), executor] {
    auto alive = weak.lock();
    if (!alive) return;
    asio::post(executor, [state = std::move(alive)] {
      state->stopping = true;
      if (state->on_stop) state->on_stop();
      else if (state->idle) state->stream.cancel();
    });
  };
  ConnectionLease lease(*env.connections, env.connections->watch(std::move(closer)));

  asio::co_spawn(executor, serve(std::move(state), std::move(lease), env), [](std::exception_ptr error) {
    if (!error) return;
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      spdlog::error("http session ended by an exception: {}", e.what());
    } catch (...) {
      spdlog::error("http session ended by an exception of unknown type");
    }
  });
}

}  // namespace cruddur::http
