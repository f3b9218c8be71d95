#pragma once
// An RSA public key from a JWK's modulus and exponent, verifying RS256 (RSASSA-PKCS1-v1_5 with SHA-256)
// signatures with OpenSSL 3's EVP API.
//
// Immutable once made; copies share the key. verify_rs256 may be called from any number of threads at once
// (each call makes its own EVP_MD_CTX).

#include <memory>
#include <optional>
#include <string_view>

struct evp_pkey_st;

namespace cruddur::auth::cognito {

class RsaPublicKey {
 public:
  // Keys smaller than this are refused: RS256 with less is forgeable in practice.
  static constexpr int kMinBits = 2048;

  // From the base64url "n" and "e" of a JWK. nullopt when either does not decode, or the key is under
  // kMinBits or not a valid RSA key.
  static std::optional<RsaPublicKey> from_jwk(std::string_view n_base64url, std::string_view e_base64url);

  // True when `signature` is a valid RS256 signature of `data` under this key.
  bool verify_rs256(std::string_view data, std::string_view signature) const;
  int bits() const;

 private:
  explicit RsaPublicKey(std::shared_ptr<evp_pkey_st> key) : key_(std::move(key)) {}
  std::shared_ptr<evp_pkey_st> key_;
};

}  // namespace cruddur::auth::cognito
