#pragma once
// Where JWKS documents come from. HttpJwksSource fetches the pool's /.well-known/jwks.json; tests may supply
// a fixed document.
// Thread-safety: fetch may be called from any thread and coroutine at once.

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace cruddur::net {
class HttpClient;
}

namespace cruddur::auth::cognito {

class JwksSource {
 public:
  virtual ~JwksSource() = default;
  // The current JWKS document (JSON text). Throws std::runtime_error when it cannot be obtained.
  virtual boost::asio::awaitable<std::string> fetch() = 0;
  // The same, giving up (std::runtime_error) once `timeout` has passed: for a fetch a request waits for.
  // Sources that cannot hang (fixed documents) need not override it.
  virtual boost::asio::awaitable<std::string> fetch_within(std::chrono::milliseconds timeout) { return fetch(); }
};

// GET `url`; any status but 200 is a failure. The client must outlive the source.
class HttpJwksSource final : public JwksSource {
 public:
  HttpJwksSource(std::shared_ptr<net::HttpClient> client, std::string url);
  boost::asio::awaitable<std::string> fetch() override;
  boost::asio::awaitable<std::string> fetch_within(std::chrono::milliseconds timeout) override;

 private:
  boost::asio::awaitable<std::string> get(std::optional<std::chrono::milliseconds> timeout);

  std::shared_ptr<net::HttpClient> client_;
  std::string url_;
};

// Always the same document (tests, or keys pinned by configuration).
class StaticJwksSource final : public JwksSource {
 public:
  explicit StaticJwksSource(std::string document) : document_(std::move(document)) {}
  boost::asio::awaitable<std::string> fetch() override { co_return document_; }

 private:
  std::string document_;
};

}  // namespace cruddur::auth::cognito
