#include "local_http_server.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <istream>
#include <sstream>

namespace cruddur::testing {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct LocalHttpServer::Impl {
  asio::io_context io;
  tcp::acceptor acceptor{io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
  Handler handler;
  std::atomic<int>* requests = nullptr;
  std::thread thread;

  asio::awaitable<void> serve(tcp::socket socket) {
    asio::streambuf buffer;
    co_await asio::async_read_until(socket, buffer, "\r\n\r\n", asio::use_awaitable);
    Request request;
    std::istream in(&buffer);
    std::string line;
    std::getline(in, line);
    std::istringstream(line) >> request.method >> request.target;
    while (std::getline(in, line) && line != "\r") {
      const auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
      while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.pop_back();
      request.headers[name] = value;
    }
    std::size_t length = 0;
    if (auto found = request.headers.find("content-length"); found != request.headers.end())
      length = std::stoul(found->second);
    if (buffer.size() < length)
      co_await asio::async_read(socket, buffer, asio::transfer_exactly(length - buffer.size()), asio::use_awaitable);
    request.body.resize(length);
    in.read(request.body.data(), static_cast<std::streamsize>(length));

    ++*requests;
    Response response = handler(request);
    std::string reply = "HTTP/1.1 " + std::to_string(response.status) + " X\r\nContent-Type: " +
                        response.content_type + "\r\nContent-Length: " + std::to_string(response.body.size()) +
                        "\r\nConnection: close\r\n\r\n" + response.body;
    co_await asio::async_write(socket, asio::buffer(reply), asio::use_awaitable);
    boost::system::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
  }

  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto socket = co_await acceptor.async_accept(asio::use_awaitable);
      asio::co_spawn(io, serve(std::move(socket)), asio::detached);
    }
  }
};

LocalHttpServer::LocalHttpServer(Handler handler) : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  impl_->requests = &requests_;
  port_ = impl_->acceptor.local_endpoint().port();
  asio::co_spawn(impl_->io, impl_->accept_loop(), asio::detached);
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

LocalHttpServer::~LocalHttpServer() {
  impl_->io.stop();
  impl_->thread.join();
}

std::string LocalHttpServer::url(const std::string& target) const {
  return "http://127.0.0.1:" + std::to_string(port_) + target;
}

}  // namespace cruddur::testing
