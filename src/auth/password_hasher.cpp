#include "auth/password_hasher.hpp"

#include <sodium.h>

#include <stdexcept>

#include "auth/sodium_init.hpp"
#include "core/base64url.hpp"

namespace cruddur::auth {

std::string PasswordHasher::hash(std::string_view password) {
  ensure_sodium_initialized();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("password hashing ran out of memory");
  return std::string(out);
}

bool PasswordHasher::verify(const std::string& hash, std::string_view password) {
  ensure_sodium_initialized();
  if (hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

const std::string& PasswordHasher::dummy_hash() {
  static const std::string dummy = [] {
    ensure_sodium_initialized();
    unsigned char secret[32];
    randombytes_buf(secret, sizeof secret);
    return hash(base64url::encode(std::string_view(reinterpret_cast<const char*>(secret), sizeof secret)));
  }();
  return dummy;
}

}  // namespace cruddur::auth
