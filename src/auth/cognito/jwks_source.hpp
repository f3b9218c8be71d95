#pragma once
// Where JWKS documents come from. HttpJwksSource fetches the pool's /.well-known/jwks.json; tests may supply
// a fixed document.
// Thread-safety: fetch may be called from any thread and coroutine at once.

#include <boost/asio/awaitable.hpp>

#include <memory>
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
};

// GET `url`; any status but 200 is a failure. The client must outlive the source.
class HttpJwksSource final : public JwksSource {
 public:
  HttpJwksSource(std::shared_ptr<net::HttpClient> client, std::string url);
  boost::asio::awaitable<std::string> fetch() override;

 private:
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
