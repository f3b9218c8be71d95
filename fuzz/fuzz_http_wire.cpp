// Raw bytes on a TCP connection to the real server (every route, the stream endpoint, SQLite): Beast's
// request parser, the request reader's framing and limits (request_reader.hpp), Host policy, pipelining,
// the dispatcher and the handlers, and the session's replies.
//
// Input: what the client sends (then it shuts down its sending side and reads until the server closes).
// @ALICE@, @BOB@ and @GROUP@ are replaced as World::substitute says; the server answers Host "t". A reply
// with status 500 aborts (World::check_reply).
#include "api/api_context.hpp"
#include "http/server.hpp"
#include "support/world.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <thread>

using namespace cruddur;
namespace asio = boost::asio;

namespace {

// The server on 127.0.0.1:<any port>, on a thread of its own, for the life of the process.
http::Server& server() {
  static http::Server* server = [] {
    fuzz::World& world = fuzz::World::get();
    http::ServerOptions options;
    options.port = 0;
    options.threads = 1;
    options.allowed_hosts = {"t"};
    options.header_timeout = std::chrono::seconds(5);
    options.idle_timeout = std::chrono::seconds(5);
    options.stream = &world.services().stream();
    auto* s = new http::Server(options, api::make_routes(world.services().api_context()));
    std::thread([s] { s->run(); }).detach();
    return s;
  }();
  return *server;
}

// Aborts when any reply in `replies` has status 500.
void check_replies(const std::string& request, const std::string& replies) {
  for (size_t at = replies.find("HTTP/1.1 "); at != std::string::npos; at = replies.find("HTTP/1.1 ", at + 1)) {
    if (replies.compare(at + 9, 4, "500 ") == 0) fuzz::World::check_reply(500, request, replies);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static uint16_t port = server().port();
  std::string request = fuzz::World::get().substitute({reinterpret_cast<const char*>(data), size});

  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  boost::system::error_code ec;
  socket.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
  if (ec) {
    std::fprintf(stderr, "fuzz: cannot connect to the server: %s\n", ec.message().c_str());
    std::abort();
  }
  asio::write(socket, asio::buffer(request), ec);  // the server may close early (431, 400 ...): fine
  socket.shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  std::string replies;
  asio::read(socket, asio::dynamic_buffer(replies), ec);  // until the server closes
  check_replies(request, replies);
  return 0;
}
