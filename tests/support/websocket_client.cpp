#include "support/websocket_client.hpp"

#include "support/exchange_record.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json/parse.hpp>

#include <deque>
#include <stdexcept>

namespace cruddur::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace websocket = boost::beast::websocket;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct WebSocketClient::Impl {
  asio::io_context io;
  websocket::stream<beast::tcp_stream> ws{io};
  Options options;
  int status = 0;
  std::string body;
  beast::flat_buffer buffer;
  std::deque<std::string> frames;
  bool reading = false;
  bool closed = false;
  int close_code = -1;

  // Runs the io_context until `done()` or the deadline; true when done.
  template <typename Done>
  bool run_until(Done done, Clock::time_point deadline) {
    while (!done()) {
      auto now = Clock::now();
      if (now >= deadline) return false;
      io.restart();
      io.run_one_for(deadline - now);
    }
    return true;
  }

  void start_reading() {
    if (reading || closed) return;
    reading = true;
    ws.async_read(buffer, [this](beast::error_code ec, std::size_t) {
      reading = false;
      if (ec) {
        closed = true;
        // The server's close frame, if one came (also when answering it failed: the server may have gone).
        if (ws.reason().code != websocket::close_code::none) close_code = ws.reason().code;
        return;
      }
      frames.push_back(beast::buffers_to_string(buffer.data()));
      buffer.consume(buffer.size());
      start_reading();
    });
  }

  std::optional<std::string> next(std::chrono::milliseconds wait) {
    start_reading();
    run_until([this] { return !frames.empty() || closed; }, Clock::now() + wait);
    if (frames.empty()) return std::nullopt;
    std::string frame = std::move(frames.front());
    frames.pop_front();
    return frame;
  }

  void write(const std::string& bytes, bool text) {
    if (closed) throw std::runtime_error("websocket: write on a closed connection");
    bool done = false;
    beast::error_code result;
    ws.text(text);
    ws.async_write(asio::buffer(bytes), [&](beast::error_code ec, std::size_t) {
      done = true;
      result = ec;
    });
    if (!run_until([&] { return done; }, Clock::now() + options.timeout))
      throw std::runtime_error("websocket: write timed out");
    if (result) throw std::runtime_error("websocket: write failed: " + result.message());
  }
};

WebSocketClient::WebSocketClient(uint16_t port, const std::string& target, Options options)
    : impl_(std::make_unique<Impl>()) {
  Impl& impl = *impl_;
  impl.options = std::move(options);
  auto deadline = Clock::now() + impl.options.timeout;
  tcp::socket& socket = beast::get_lowest_layer(impl.ws).socket();
  socket.open(tcp::v4());
  if (impl.options.receive_buffer > 0) socket.set_option(asio::socket_base::receive_buffer_size(impl.options.receive_buffer));
  beast::error_code ec = asio::error::would_block;
  beast::get_lowest_layer(impl.ws).async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                                                 [&](beast::error_code e) { ec = e; });
  if (!impl.run_until([&] { return ec != asio::error::would_block; }, deadline) || ec)
    throw std::runtime_error("websocket: cannot connect: " + ec.message());

  auto headers = impl.options.headers;
  impl.ws.set_option(websocket::stream_base::decorator([headers](websocket::request_type& request) {
    for (const auto& [name, value] : headers) request.set(name, value);
  }));
  websocket::response_type response;
  ec = asio::error::would_block;
  impl.ws.async_handshake(response, "127.0.0.1:" + std::to_string(port), target, [&](beast::error_code e) { ec = e; });
  if (!impl.run_until([&] { return ec != asio::error::would_block; }, deadline))
    throw std::runtime_error("websocket: handshake timed out");
  impl.status = static_cast<int>(response.result_int());
  impl.body = response.body();
  if (impl.status != 0)
    record_exchange("GET", target, impl.status, std::string(response[bhttp::field::content_type]), impl.body);
  if (!ec) return;
  impl.closed = true;
  if (impl.status == 0) throw std::runtime_error("websocket: handshake failed: " + ec.message());
}

WebSocketClient::~WebSocketClient() = default;

int WebSocketClient::status() const { return impl_->status; }
const std::string& WebSocketClient::body() const { return impl_->body; }
bool WebSocketClient::closed() const { return impl_->closed; }

boost::json::value WebSocketClient::read_json() {
  auto frame = impl_->next(impl_->options.timeout);
  if (!frame) throw std::runtime_error(impl_->closed ? "websocket: closed (code " + std::to_string(impl_->close_code) + ")"
                                                     : "websocket: no frame within the timeout");
  return boost::json::parse(*frame);
}

std::optional<std::string> WebSocketClient::read_within(std::chrono::milliseconds wait) { return impl_->next(wait); }

void WebSocketClient::send_text(const std::string& text) { impl_->write(text, true); }
void WebSocketClient::send_binary(const std::string& bytes) { impl_->write(bytes, false); }

int WebSocketClient::wait_for_close(std::size_t* frames_seen) {
  Impl& impl = *impl_;
  auto deadline = Clock::now() + impl.options.timeout;
  std::size_t seen = 0;
  while (!impl.closed || !impl.frames.empty()) {
    if (!impl.frames.empty()) {
      impl.frames.pop_front();
      ++seen;
      continue;
    }
    impl.start_reading();
    if (!impl.run_until([&] { return !impl.frames.empty() || impl.closed; }, deadline)) break;
  }
  if (frames_seen) *frames_seen = seen;
  return impl.closed ? impl.close_code : -1;
}

}  // namespace cruddur::testing
