// WebSocket client frames on a real stream: the upgrade (with a valid ticket of alice's) is sent by the
// harness, the input is every byte after it -- Beast's frame parser (masking, fragmentation, control
// frames, close codes, size limits), the session's queues and close rules (http/websocket_session.cpp) and
// the stream protocol's handling of text frames (api/stream_endpoint.hpp: JSON, typing relays).
//
// Input: raw client frames (RFC 6455; clients must mask: the seeds use the mask key 0 so their JSON stays
// readable). World::kGroupPlaceholder (36 bytes) is replaced by the conversation's uuid. A reply with
// status 500 to the upgrade aborts (World::check_reply).
#include "http/server.hpp"
#include "api/api_context.hpp"
#include "support/world.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <thread>

using namespace cruddur;
namespace asio = boost::asio;

namespace {

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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static uint16_t port = server().port();
  fuzz::World& world = fuzz::World::get();
  std::string frames = world.substitute({reinterpret_cast<const char*>(data), size});
  std::string upgrade = "GET /api/stream?ticket=" + world.alice_ticket() +
                        " HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  boost::system::error_code ec;
  socket.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
  if (ec) std::abort();
  asio::write(socket, asio::buffer(upgrade + frames), ec);  // the server may close early: fine
  socket.shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  std::string replies;
  asio::read(socket, asio::dynamic_buffer(replies), ec);  // until the server closes
  if (replies.starts_with("HTTP/1.1 500")) fuzz::World::check_reply(500, upgrade, replies);
  return 0;
}
