#include "support/canned_server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>

#include <algorithm>
#include <cctype>
#include <memory>
#include <thread>

namespace cruddur::testing {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

void serve_one(tcp::socket& socket, const Responder& responder) {
  boost::system::error_code ec;
  std::string buffer;
  size_t head_end = asio::read_until(socket, asio::dynamic_buffer(buffer), "\r\n\r\n", ec);
  if (ec) return;
  CannedRequest request;
  request.head = buffer.substr(0, head_end);
  request.body = buffer.substr(head_end);
  size_t length = 0;
  std::string length_text = request.header("Content-Length");
  if (!length_text.empty()) length = std::stoul(length_text);
  if (request.body.size() < length) {
    size_t have = request.body.size();
    request.body.resize(length);
    asio::read(socket, asio::buffer(request.body.data() + have, length - have), ec);
    if (ec) return;
  }
  std::string answer = responder(request);
  asio::write(socket, asio::buffer(answer), ec);
  socket.shutdown(tcp::socket::shutdown_both, ec);
}

}  // namespace

std::string CannedRequest::header(std::string_view name) const {
  size_t line = head.find("\r\n");
  while (line != std::string::npos && line + 2 < head.size()) {
    size_t start = line + 2;
    size_t end = head.find("\r\n", start);
    std::string_view field(head.data() + start, (end == std::string::npos ? head.size() : end) - start);
    auto colon = field.find(':');
    if (colon != std::string_view::npos && iequals(field.substr(0, colon), name)) {
      std::string_view value = field.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      return std::string(value);
    }
    line = end;
  }
  return {};
}

std::string http_response(int status, std::string_view content_type, std::string_view body) {
  return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: " + std::string(content_type) +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

CannedServer::CannedServer(Responder responder) {
  auto io = std::make_shared<asio::io_context>();
  auto acceptor = std::make_shared<tcp::acceptor>(*io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  port_ = acceptor->local_endpoint().port();
  std::thread([io, acceptor, responder = std::move(responder)] {
    for (;;) {
      tcp::socket socket(*io);
      boost::system::error_code ec;
      acceptor->accept(socket, ec);
      if (!ec) serve_one(socket, responder);
    }
  }).detach();
}

}  // namespace cruddur::testing
