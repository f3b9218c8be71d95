#pragma once
// cognito-local (npm) for tests: tests/engines/start-cognito-local.sh in a temp dir on a free port, stopped
// by PID (tests/engines/stop-engine.sh) when the object dies; plus the admin calls a test needs to set up a
// pool, a client and users through its API, and USER_PASSWORD_AUTH sign-in for real tokens.

#include <boost/json/object.hpp>

#include <memory>
#include <optional>
#include <string>

#include "support/temp_dir.hpp"

namespace cruddur::net {
class HttpClient;
}

namespace cruddur::testing {

class CognitoLocal {
 public:
  CognitoLocal();
  ~CognitoLocal();
  CognitoLocal(const CognitoLocal&) = delete;
  CognitoLocal& operator=(const CognitoLocal&) = delete;

  std::string endpoint() const;                            // http://127.0.0.1:P/
  std::string issuer(const std::string& pool_id) const;    // http://127.0.0.1:P/<pool id>

  // One API call; throws std::runtime_error with the answer unless it is 200.
  boost::json::object call(const std::string& operation, boost::json::object request);

  std::string create_pool(const std::string& name);                          // its id
  std::string create_client(const std::string& pool_id, const std::string& name);  // its client id
  struct NewUser {
    std::string username;
    std::optional<std::string> preferred_username;
    std::optional<std::string> email;
    std::optional<std::string> name;
    std::string password = "Passw0rd!";
  };
  std::string create_user(const std::string& pool_id, const NewUser& user);  // its sub; password set, CONFIRMED

  struct Tokens {
    std::string access_token;
    std::string id_token;
    std::string refresh_token;
  };
  Tokens sign_in(const std::string& client_id, const std::string& username, const std::string& password);

 private:
  TempDir dir_;
  int port_ = 0;
  int pid_ = 0;
  std::shared_ptr<net::HttpClient> http_;
};

}  // namespace cruddur::testing
