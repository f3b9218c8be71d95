#include "http/server.hpp"

#include "api/error_reply.hpp"
#include "core/error.hpp"
#include "http/connection_set.hpp"
#include "http/dispatcher.hpp"
#include "http/host_policy.hpp"
#include "http/security_headers.hpp"
#include "http/session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>
#include <atomic>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace cruddur::http {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
// After accept() fails (out of file descriptors, typically), wait before trying again instead of spinning.
constexpr std::chrono::milliseconds accept_backoff{50};

// The whole reply to a connection over max_connections, written without a session: no Beast needed.
std::string render_refusal() {
  api::Response reply = api::error_reply(Error::unavailable());
  std::string head = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: " + reply.content_type +
                     "\r\nContent-Length: " + std::to_string(reply.body.size()) +
                     "\r\nCache-Control: no-store\r\nRetry-After: 1\r\nConnection: close\r\n";
  for (const auto& [name, value] : security_headers) head += std::string(name) + ": " + std::string(value) + "\r\n";
  return head + "\r\n" + reply.body;
}

tcp::endpoint resolve(const std::string& host, uint16_t port) {
  boost::system::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (!ec) return {address, port};
  asio::io_context io;
  tcp::resolver resolver(io);
  auto results = resolver.resolve(host, std::to_string(port), ec);
  if (ec || results.empty()) throw std::invalid_argument("cannot resolve listen host '" + host + "'");
  return *results.begin();
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions opts, std::vector<api::Route> routes)
      : options(std::move(opts)),
        dispatcher(std::move(routes), options.web_root, options.extra_connect_src),
        connections(options.max_connections),
        io(std::max(1, options.threads)),
        acceptor(asio::make_strand(io)),
        grace_timer(acceptor.get_executor()),
        refusal(render_refusal()),
        env{&dispatcher, &connections, nullptr,
            SessionSettings{options.body_limit, options.header_limit, options.header_timeout,
                            options.idle_timeout},
            options.on_request, options.stream} {
    tcp::endpoint endpoint = resolve(options.host, options.port);
    boost::system::error_code ec;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      throw std::system_error(ec, "cannot listen on " + options.host + ":" + std::to_string(options.port));
    }
    bound_port = acceptor.local_endpoint().port();
    hosts.emplace(options.host, bound_port, options.allowed_hosts);
    env.hosts = &*hosts;
  }

  ~Impl() { connections.forget_drained(); }

  asio::awaitable<void> accept_loop();
  void refuse(tcp::socket& socket);
  void begin_shutdown();  // on the acceptor's strand
  static void fail(const boost::system::error_code& ec, const char* what);

  // Declaration order is destruction order reversed: the io_context (and the sessions it still holds) goes
  // before the dispatcher and the connection set they refer to.
  ServerOptions options;
  Dispatcher dispatcher;
  ConnectionSet connections;
  asio::io_context io;
  tcp::acceptor acceptor;          // its executor is a strand: accept loop and shutdown never race
  asio::steady_timer grace_timer;  // shutdown_grace; on the acceptor's strand
  const std::string refusal;
  std::optional<HostPolicy> hosts;  // set once the port is bound
  SessionEnvironment env;
  uint16_t bound_port = 0;
  std::atomic<std::uint64_t> refused{0};  // connections refused over max_connections
  bool shutting_down = false;      // acceptor strand only
};

void Server::Impl::fail(const boost::system::error_code& ec, const char* what) {
  if (ec == asio::error::operation_aborted) {
    spdlog::debug("http server {}: {}", what, ec.message());
  } else {
    spdlog::warn("http server {}: {}", what, ec.message());
  }
}

asio::awaitable<void> Server::Impl::accept_loop() {
  while (acceptor.is_open()) {
    // Each connection gets a strand of its own: with several io threads, its work never runs concurrently.
    auto [ec, accepted] = co_await acceptor.async_accept(asio::make_strand(io), use_tuple);
    if (ec) {
      fail(ec, "accept");
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      asio::steady_timer backoff(acceptor.get_executor(), accept_backoff);
      co_await backoff.async_wait(use_tuple);
      continue;
    }
    tcp::socket socket(std::move(accepted));
    if (!connections.try_open()) {
      refuse(socket);
      continue;
    }
    start_session(std::move(socket), env);
  }
}

// A fresh socket's send buffer always has room for this short reply, so one non-blocking write suffices.
void Server::Impl::refuse(tcp::socket& socket) {
  refused.fetch_add(1, std::memory_order_relaxed);
  spdlog::warn("http server: refusing a connection ({} open, max {})", connections.size(), options.max_connections);
  boost::system::error_code ec;
  socket.non_blocking(true, ec);
  socket.write_some(asio::buffer(refusal), ec);
  socket.shutdown(tcp::socket::shutdown_both, ec);
  socket.close(ec);
}

void Server::Impl::begin_shutdown() {
  if (shutting_down) return;
  shutting_down = true;
  boost::system::error_code ec;
  acceptor.close(ec);
  grace_timer.cancel();
  grace_timer.expires_after(options.shutdown_grace);
  grace_timer.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    spdlog::warn("http server: {} connection(s) still busy after the shutdown grace; stopping", connections.size());
    io.stop();
  });
  // Other components may keep work on this io_context (pooled clients, timers): stop it explicitly once
  // the last connection is gone rather than wait for the io_context to run out of work.
  connections.close_all([this] { io.stop(); });
}

Server::Server(ServerOptions options, std::vector<api::Route> routes)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(routes))) {}

Server::~Server() = default;

void Server::run() {
  Impl& impl = *impl_;
  asio::co_spawn(impl.acceptor.get_executor(), impl.accept_loop(), [](std::exception_ptr error) {
    if (error) spdlog::error("http server: the accept loop ended by an exception");
  });
  auto run_io = [&impl] {
    for (;;) {
      try {
        impl.io.run();
        return;
      } catch (const std::exception& e) {  // a handler threw through Asio: log it and keep serving
        spdlog::error("http server: exception from an io handler: {}", e.what());
      }
    }
  };
  std::vector<std::thread> extra_threads;
  for (int i = 1; i < impl.options.threads; ++i) extra_threads.emplace_back(run_io);
  run_io();
  for (auto& thread : extra_threads) thread.join();
}

void Server::stop() {
  asio::post(impl_->acceptor.get_executor(), [impl = impl_.get()] { impl->begin_shutdown(); });
}

Server::ConnectionStats Server::connection_stats() const {
  return {impl_->connections.size(), impl_->refused.load(std::memory_order_relaxed)};
}

uint16_t Server::port() const { return impl_->bound_port; }

boost::asio::io_context& Server::context() { return impl_->io; }

}  // namespace cruddur::http
