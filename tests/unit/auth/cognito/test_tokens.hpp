#pragma once
// Keys and tokens the tests build themselves: RSA keys from OpenSSL, their JWKs, and JWTs signed with them
// (or forged: unsigned, HS256 with the public key as the secret).

#include <boost/json/object.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct evp_pkey_st;

namespace cruddur::testing {

class TestRsaKey {
 public:
  explicit TestRsaKey(int bits = 2048);
  // {"kty":"RSA","kid":kid,"use":"sig","alg":"RS256","n":...,"e":...}
  boost::json::object jwk(const std::string& kid) const;
  std::string sign_rs256(std::string_view data) const;
  std::string public_key_pem() const;

 private:
  std::shared_ptr<evp_pkey_st> key_;
};

// Keys shared by every test of the binary (RSA key generation is slow-ish).
const TestRsaKey& pool_key();     // the pool's real key
const TestRsaKey& other_key();    // an attacker's key
const TestRsaKey& small_key();    // 1024 bits: too small to be trusted

std::string jwks_document(const std::vector<boost::json::object>& jwks);

std::string rs256_token(const TestRsaKey& key, const boost::json::object& header, const boost::json::object& claims);
std::string hs256_token(std::string_view secret, const boost::json::object& header, const boost::json::object& claims);
// header.claims.signature with the given raw signature bytes (empty: "header.claims.").
std::string unsigned_token(const boost::json::object& header, const boost::json::object& claims,
                           std::string_view signature = {});

}  // namespace cruddur::testing
