#include "support/http_client.hpp"

#include "support/exchange_record.hpp"
#include "support/secret_watch.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <stdexcept>

namespace cruddur::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;

namespace {

std::string lowercase(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

// A connection the server closed before answering: worth one more try on a fresh connection.
bool closed_by_peer(const beast::error_code& ec) {
  return ec == asio::error::eof || ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == bhttp::error::end_of_stream;
}

// For the log-hygiene check (secret_watch.hpp): the secrets that pass through this client.
void remember_secrets_sent(const std::string& body) {
  if (body.find("password") == std::string::npos) return;
  boost::system::error_code ec;
  auto json = boost::json::parse(body, ec);
  if (ec || !json.is_object()) return;
  if (auto* password = json.as_object().if_contains("password"); password && password->is_string())
    remember_password(password->as_string());
}

void remember_secrets_received(const std::string& body) {
  if (body.find("access_token") == std::string::npos && body.find("ticket") == std::string::npos) return;
  boost::system::error_code ec;
  auto json = boost::json::parse(body, ec);
  if (ec || !json.is_object()) return;
  for (const char* key : {"access_token", "ticket"})
    if (auto* value = json.as_object().if_contains(key); value && value->is_string()) remember_secret(value->as_string());
}

}  // namespace

boost::json::value Reply::json() const {
  boost::system::error_code ec;
  auto value = boost::json::parse(body, ec);
  if (ec) throw std::runtime_error("reply body is not JSON (" + ec.message() + "): " + body);
  return value;
}

std::string Reply::header(std::string_view name) const {
  auto found = headers.find(lowercase(name));
  return found == headers.end() ? std::string() : found->second;
}

struct HttpClient::Impl {
  asio::io_context io;
  tcp::endpoint endpoint;
  std::string host_header;
  std::optional<beast::tcp_stream> stream;  // the keep-alive connection, when open
  beast::flat_buffer buffer;
  std::chrono::milliseconds timeout{30000};
  Headers default_headers;
  int opened = 0;
  bool recorded = true;

  // Runs one asynchronous operation to completion on the private io_context; returns its error code.
  template <typename Start>
  beast::error_code run(Start&& start) {
    beast::error_code result = asio::error::would_block;
    start([&result](beast::error_code ec, auto&&...) { result = ec; });
    io.restart();
    io.run();
    return result;
  }

  beast::tcp_stream connect_new() {
    beast::tcp_stream fresh(io);
    fresh.expires_after(timeout);
    auto ec = run([&](auto handler) { fresh.async_connect(endpoint, handler); });
    if (ec) {
      throw std::runtime_error("cannot connect to " + host_header + ": " + ec.message());
    }
    return fresh;
  }

  void close() {
    if (stream) {
      beast::error_code ec;
      stream->socket().shutdown(tcp::socket::shutdown_both, ec);
      stream->close();
    }
    stream.reset();
    buffer.clear();
  }

  // One attempt on the current (or a new) connection. nullopt: a reused connection was closed by the
  // server before it answered.
  std::optional<Reply> attempt(const bhttp::request<bhttp::string_body>& request) {
    bool reused = stream.has_value();
    if (!stream) {
      stream.emplace(connect_new());
      ++opened;
    }
    stream->expires_after(timeout);
    auto ec = run([&](auto handler) { bhttp::async_write(*stream, request, handler); });
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(boost::none);
    parser.skip(request.method() == bhttp::verb::head);
    if (!ec) {
      stream->expires_after(timeout);
      ec = run([&](auto handler) { bhttp::async_read(*stream, buffer, parser, handler); });
    }
    if (ec) {
      close();
      if (reused && closed_by_peer(ec)) return std::nullopt;
      throw std::runtime_error(std::string(request.method_string()) + " " + std::string(request.target()) +
                               ": " + ec.message());
    }
    auto& response = parser.get();
    Reply reply;
    reply.status = static_cast<int>(response.result_int());
    for (const auto& field : response) {
      auto& value = reply.headers[lowercase(field.name_string())];
      if (!value.empty()) value += ", ";
      value += std::string(field.value());
    }
    reply.body = std::move(response.body());
    if (!response.keep_alive()) close();
    return reply;
  }
};

HttpClient::HttpClient(uint16_t port, std::string host) : impl_(std::make_unique<Impl>()) {
  impl_->endpoint = tcp::endpoint(asio::ip::make_address(host), port);
  impl_->host_header = host + ":" + std::to_string(port);
}

HttpClient::~HttpClient() { impl_->close(); }

Reply HttpClient::request(const std::string& method, const std::string& target, const std::string& body,
                          const Headers& headers) {
  bhttp::request<bhttp::string_body> request;
  request.method_string(method);
  request.target(target);
  request.version(11);
  request.set(bhttp::field::host, impl_->host_header);
  request.set(bhttp::field::user_agent, "cruddur-tests");
  Headers all = impl_->default_headers;
  for (const auto& [name, value] : headers) {
    // (An init-capture: clang 14 cannot capture a structured binding.)
    std::erase_if(all, [&name = name](const auto& entry) { return beast::iequals(entry.first, name); });
    all[name] = value;
  }
  for (const auto& [name, value] : all) request.set(name, value);
  if (!body.empty() && request.find(bhttp::field::content_type) == request.end()) {
    request.set(bhttp::field::content_type, "application/json");
  }
  request.body() = body;
  request.prepare_payload();

  remember_secrets_sent(body);
  auto reply = impl_->attempt(request);
  if (!reply) reply = impl_->attempt(request);  // a fresh connection: never nullopt
  remember_secrets_received(reply->body);
  if (impl_->recorded) record_exchange(method, target, reply->status, reply->header("content-type"), reply->body);
  return std::move(*reply);
}

Reply HttpClient::get(const std::string& target, const Headers& headers) {
  return request("GET", target, "", headers);
}

Reply HttpClient::post(const std::string& target, const std::string& body, const Headers& headers) {
  return request("POST", target, body, headers);
}

Reply HttpClient::post_json(const std::string& target, const boost::json::value& body, const Headers& headers) {
  return request("POST", target, boost::json::serialize(body), headers);
}

std::string HttpClient::raw(const std::string& bytes) {
  beast::tcp_stream connection = impl_->connect_new();
  connection.expires_after(impl_->timeout);
  // A write error (the server closed early) is not a failure here: what it answered is still readable.
  impl_->run([&](auto handler) { asio::async_write(connection, asio::buffer(bytes), handler); });
  std::string received;
  std::array<char, 4096> chunk;
  for (;;) {
    size_t n = 0;
    connection.expires_after(impl_->timeout);
    auto ec = impl_->run([&](auto handler) {
      connection.async_read_some(asio::buffer(chunk), [&n, handler](beast::error_code ec, size_t count) mutable {
        n = count;
        handler(ec);
      });
    });
    received.append(chunk.data(), n);
    if (ec == beast::error::timeout) {
      throw std::runtime_error("raw: the server did not close the connection in time; received so far: " +
                               received);
    }
    if (ec) break;
  }
  return received;
}

void HttpClient::set_header(const std::string& name, const std::string& value) {
  clear_header(name);
  impl_->default_headers[name] = value;
}

void HttpClient::clear_header(const std::string& name) {
  std::erase_if(impl_->default_headers, [&](const auto& entry) { return beast::iequals(entry.first, name); });
}

void HttpClient::set_timeout(std::chrono::milliseconds timeout) { impl_->timeout = timeout; }

void HttpClient::disconnect() { impl_->close(); }

int HttpClient::connections_opened() const { return impl_->opened; }

void HttpClient::set_recorded(bool recorded) { impl_->recorded = recorded; }

}  // namespace cruddur::testing
