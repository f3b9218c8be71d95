#include "http/websocket_session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/container/deque.hpp>
#include <spdlog/spdlog.h>

#include <memory>
#include <utility>
#include <variant>

#include "api/stream_endpoint.hpp"
#include "http/target.hpp"
#include "live/stats.hpp"

namespace cruddur::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace websocket = boost::beast::websocket;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// The limits of one stream socket (doc/stream.md).
constexpr std::size_t kMaxClientFrame = 4 * 1024;        // a larger client message: close 1009
constexpr std::size_t kQueueFrames = 256;                // frames waiting to be written ...
constexpr std::size_t kQueueBytes = 1024 * 1024;         // ... and their bytes; more: close 4008
constexpr std::chrono::seconds kHandshakeTimeout{10};    // the opening and the closing handshake
constexpr std::chrono::seconds kIdleTimeout{60};         // Beast pings after half of it without data
constexpr std::chrono::seconds kCloseGrace{10};          // a close frame not written by then: drop the TCP
constexpr std::chrono::seconds kRefusalTimeout{10};      // writing a 401/403/503 before the upgrade
// The kernel's send buffer of a stream socket, fixed (no autotuning to megabytes): a reader that stalls
// holds at most this in the kernel besides the queue, and is noticed as slow soon.
constexpr int kSocketSendBuffer = 64 * 1024;
constexpr auto kSlowConsumer = static_cast<websocket::close_code>(4008);  // in the private-use range

bool ordinary_end(const beast::error_code& ec) {
  return ec == websocket::error::closed || ec == asio::error::eof || ec == asio::error::operation_aborted ||
         ec == asio::error::connection_reset || ec == asio::error::broken_pipe || ec == beast::error::timeout ||
         ec == asio::error::not_connected || ec == asio::error::bad_descriptor;
}

// A frame queue that holds no memory while empty: an idle socket keeps no block of it (std::deque
// allocates ~600 bytes even when empty; boost's deque allocates on the first push), and drop_all() and a
// drained queue give theirs back.
using FrameQueue = boost::container::deque<live::Frame>;

void drop_all(FrameQueue& queue) {
  queue.clear();
  queue.shrink_to_fit();
}

void fail(const beast::error_code& ec, const char* what) {
  if (ordinary_end(ec)) {
    spdlog::debug("stream {}: {}", what, ec.message());
  } else {
    spdlog::info("stream {}: {}", what, ec.message());
  }
}

// One stream socket. Every member runs on the connection's strand (ws_'s executor) except deliver(),
// which the Hub calls from any thread and which posts to the strand. Owned by shared_ptr: the Hub holds
// one while subscribed, each pending operation holds one.
class StreamSession final : public live::Subscriber, public std::enable_shared_from_this<StreamSession> {
 public:
  StreamSession(api::StreamEndpoint& endpoint, beast::tcp_stream stream)
      : endpoint_(endpoint), stats_(endpoint.stats()), ws_(std::move(stream)), close_timer_(ws_.get_executor()) {}

  void deliver(const live::Frame& frame, live::FrameKind kind) override {
    asio::post(ws_.get_executor(), [self = shared_from_this(), frame, kind] { self->enqueue(frame, kind); });
  }

  asio::awaitable<void> run(StreamRequest request, StopHook stop);

 private:
  std::optional<api::StreamClient> admit(const StreamRequest& request, std::optional<api::Response>& refusal);
  asio::awaitable<void> refuse(const api::Response& response, unsigned version);
  asio::awaitable<void> read_loop();
  void enqueue(live::Frame frame, live::FrameKind kind);
  void write_next();
  void close(const websocket::close_reason& reason);
  void shut();  // drop the TCP connection: every pending operation completes with an error

  api::StreamEndpoint& endpoint_;
  live::Stats& stats_;
  websocket::stream<beast::tcp_stream> ws_;
  asio::steady_timer close_timer_;
  FrameQueue opening_;  // hello, resync or the replay: written first, outside the queue's limits (a replay
                        // is bounded by the log, and shares its frames)
  FrameQueue queue_;    // frames delivered since, waiting to be written, oldest first
  std::size_t queued_bytes_ = 0;
  live::Frame in_flight_;          // the frame being written (Beast holds a view of it)
  bool accepted_ = false;          // the handshake is done: frames may be written
  bool closing_ = false;           // a close was started (or the connection failed): queue nothing more
  api::StreamClient client_;       // who this stream belongs to (set once admitted)
};

std::optional<api::StreamClient> StreamSession::admit(const StreamRequest& request,
                                                      std::optional<api::Response>& refusal) {
  api::StreamHandshake handshake;
  if (auto target = parse_target(request.target())) handshake.query = std::move(target->query);
  if (auto origin = request.find(bhttp::field::origin); origin != request.end())
    handshake.origin = std::string(origin->value());
  handshake.host = std::string(request[bhttp::field::host]);
  auto admitted = endpoint_.admit(handshake);
  if (auto* reply = std::get_if<api::Response>(&admitted)) {
    refusal = std::move(*reply);
    return std::nullopt;
  }
  return std::get<api::StreamClient>(std::move(admitted));
}

asio::awaitable<void> StreamSession::run(StreamRequest request, StopHook stop) {
  auto self = shared_from_this();
  std::optional<api::Response> refusal;
  auto client = admit(request, refusal);
  if (!client) {
    co_await refuse(*refusal, request.version());
    co_return;
  }
  client_ = std::move(*client);
  auto opened = co_await endpoint_.open(client_, self);
  if (auto* reply = std::get_if<api::Response>(&opened)) {
    co_await refuse(*reply, request.version());
    co_return;
  }
  auto& opening = std::get<api::StreamOpening>(opened);
  // Frames delivered since the subscription (deliver() posts to this strand) wait in queue_; the opening's
  // frames (hello, resync or the replay) go to opening_, which write_next() empties first, and nothing is
  // written before the handshake below: hello and the replay precede every delivered frame.
  for (auto& frame : opening.frames) opening_.push_back(std::move(frame));
  live::bump(stats_.deliveries, opening_.size());
  stop.on_stop = [weak = std::weak_ptr<StreamSession>(self)] {
    if (auto session = weak.lock()) session->close(websocket::close_reason(websocket::close_code::going_away));
  };

  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().set_option(asio::socket_base::send_buffer_size(kSocketSendBuffer), ignored);
  beast::get_lowest_layer(ws_).expires_never();  // the websocket's own timeouts from here on
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = kHandshakeTimeout;
  timeouts.idle_timeout = kIdleTimeout;
  timeouts.keep_alive_pings = true;
  ws_.set_option(timeouts);
  ws_.read_message_max(kMaxClientFrame);

  auto [ec] = co_await ws_.async_accept(request, use_tuple);
  if (ec) {
    fail(ec, "handshake");
  } else {
    accepted_ = true;
    request = StreamRequest();  // its headers are not needed any more: an idle stream keeps little
    if (stop.stopping) close(websocket::close_reason(websocket::close_code::going_away));
    if (!in_flight_) write_next();
    try {
      co_await read_loop();
    } catch (const std::exception& e) {  // a bug: end this stream, never leave it subscribed
      spdlog::error("stream: read loop ended by an exception: {}", e.what());
    }
  }

  stop.on_stop = nullptr;
  endpoint_.close(client_, opening.id);
  closing_ = true;
  drop_all(opening_);
  drop_all(queue_);
  queued_bytes_ = 0;
  close_timer_.cancel();
}

asio::awaitable<void> StreamSession::read_loop() {
  for (;;) {
    beast::flat_buffer buffer;
    auto [ec, n] = co_await ws_.async_read(buffer, use_tuple);
    if (ec) {
      // Beast has already answered a too-big message with close 1009 (and invalid UTF-8 with 1007).
      if (ec == websocket::error::message_too_big) live::bump(stats_.client_too_big);
      fail(ec, "read");
      co_return;
    }
    if (closing_) continue;  // reading on only to complete the close handshake
    if (ws_.got_binary()) {
      live::bump(stats_.client_binary);
      close(websocket::close_reason(websocket::close_code::unknown_data));
      continue;
    }
    // One client frame at a time: the next read starts after this one is handled (typing awaits a
    // membership check); writes go on meanwhile.
    auto reply = co_await endpoint_.on_text(client_, beast::buffers_to_string(buffer.data()));
    if (reply) enqueue(std::make_shared<const std::string>(std::move(*reply)), live::FrameKind::control);
  }
}

void StreamSession::enqueue(live::Frame frame, live::FrameKind kind) {
  if (closing_) return;
  const std::size_t size = frame->size();
  if (kind == live::FrameKind::transient &&
      (queue_.size() >= kQueueFrames / 2 || queued_bytes_ + size > kQueueBytes / 2)) {
    live::bump(stats_.drops_typing_backlog);
    return;
  }
  if (queue_.size() >= kQueueFrames || queued_bytes_ + size > kQueueBytes) {
    live::bump(stats_.drops_slow_consumer);
    spdlog::info("stream: closing a slow consumer ({} frames, {} bytes queued)", queue_.size(), queued_bytes_);
    close(websocket::close_reason(kSlowConsumer, "slow consumer"));
    return;
  }
  queue_.push_back(std::move(frame));
  queued_bytes_ += size;
  live::bump(stats_.deliveries);
  if (accepted_ && !in_flight_) write_next();
}

// Starts writing the next frame, if any. Precondition: accepted_, no write in flight.
void StreamSession::write_next() {
  if (closing_) return;
  if (!opening_.empty()) {
    in_flight_ = std::move(opening_.front());
    opening_.pop_front();
    if (opening_.empty()) opening_.shrink_to_fit();
  } else if (!queue_.empty()) {
    in_flight_ = std::move(queue_.front());
    queue_.pop_front();
    queued_bytes_ -= in_flight_->size();
    if (queue_.empty()) queue_.shrink_to_fit();
  } else {
    return;
  }
  ws_.text(true);
  ws_.async_write(asio::buffer(*in_flight_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
    self->in_flight_.reset();
    if (ec) {
      fail(ec, "write");
      self->closing_ = true;
      drop_all(self->opening_);
      drop_all(self->queue_);
      self->queued_bytes_ = 0;
      return;
    }
    self->write_next();
  });
}

void StreamSession::close(const websocket::close_reason& reason) {
  if (closing_) return;
  closing_ = true;
  drop_all(opening_);
  drop_all(queue_);
  queued_bytes_ = 0;
  if (!accepted_) {  // still in the handshake (stop() came first): nothing to say goodbye on
    shut();
    return;
  }
  // Beast writes the close frame after the write in flight, if any; a peer that reads nothing never lets
  // that happen, so the connection is dropped after a grace.
  ws_.async_close(reason, [self = shared_from_this()](beast::error_code ec) {
    if (ec) fail(ec, "close");
  });
  close_timer_.expires_after(kCloseGrace);
  close_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
    if (!ec) self->shut();
  });
}

void StreamSession::shut() {
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  beast::get_lowest_layer(ws_).close();
}

asio::awaitable<void> StreamSession::refuse(const api::Response& response, unsigned version) {
  bhttp::response<bhttp::string_body> reply;
  reply.version(version);
  reply.result(static_cast<unsigned>(response.status));
  reply.set(bhttp::field::content_type, response.content_type);
  reply.set(bhttp::field::cache_control, "no-store");
  for (const auto& [name, value] : response.headers) reply.insert(name, value);
  reply.keep_alive(false);
  reply.body() = response.body;
  reply.prepare_payload();
  auto& tcp = ws_.next_layer();
  tcp.expires_after(kRefusalTimeout);
  auto [ec, n] = co_await bhttp::async_write(tcp, reply, use_tuple);
  if (ec) fail(ec, "refusal");
  shut();
}

}  // namespace

bool is_stream_upgrade(const StreamRequest& request) {
  if (!websocket::is_upgrade(request)) return false;
  auto target = parse_target(request.target());
  return target && target->path == "/api/stream";
}

asio::awaitable<void> serve_stream(api::StreamEndpoint& endpoint, beast::tcp_stream stream, StreamRequest request,
                                   StopHook stop) {
  auto session = std::make_shared<StreamSession>(endpoint, std::move(stream));
  co_await session->run(std::move(request), stop);
}

}  // namespace cruddur::http
