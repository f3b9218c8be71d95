#pragma once
// A tiny HTTP/1.1 server on 127.0.0.1 (free port) for tests that need to play a service we cannot run
// here: a JWKS endpoint whose keys the test controls, a Cognito that paginates ListUsers. One request per
// connection (it answers "Connection: close"). The handler runs on the server's own thread, one request at
// a time.

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>

namespace cruddur::testing {

class LocalHttpServer {
 public:
  struct Request {
    std::string method;
    std::string target;
    std::map<std::string, std::string> headers;  // names lower-cased
    std::string body;
  };
  struct Response {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
  };
  using Handler = std::function<Response(const Request&)>;

  explicit LocalHttpServer(Handler handler);
  ~LocalHttpServer();
  LocalHttpServer(const LocalHttpServer&) = delete;
  LocalHttpServer& operator=(const LocalHttpServer&) = delete;

  int port() const { return port_; }
  std::string url(const std::string& target = "/") const;
  int requests() const { return requests_.load(); }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
  std::atomic<int> requests_{0};
};

}  // namespace cruddur::testing
