#pragma once
// A self-signed certificate for "localhost" only (no IP address in it), made with the openssl command, for
// TLS test servers (support/fake_http_server.hpp). Throws std::runtime_error when openssl fails.

#include <string>

namespace cruddur::testing {

struct TestCertificate {
  std::string cert_pem;
  std::string key_pem;
};

TestCertificate make_localhost_certificate();

}  // namespace cruddur::testing
