#pragma once
// Password hashing with argon2id (libsodium crypto_pwhash_str, OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE).
// The hash is a self-describing string ("$argon2id$v=19$m=...,t=...,p=1$salt$hash") that carries its own
// salt and parameters, so hashes made with other parameters still verify.
//
// Deliberately slow (tens of milliseconds and 64 MiB per call): call it from a worker pool, never from an
// io thread. Thread-safe; stateless.

#include <string>
#include <string_view>

namespace cruddur::auth {

class PasswordHasher {
 public:
  // A new salted hash of `password`. Throws std::runtime_error when the memory cannot be had.
  static std::string hash(std::string_view password);

  // True when `password` matches `hash`. False for a wrong password and for anything that is not a
  // libsodium password hash (e.g. the empty hash of an account that signs in through Cognito).
  static bool verify(const std::string& hash, std::string_view password);

  // A hash of a random password nobody knows, made once per process. Sign-in verifies against it when
  // the login names no account, so an unknown login costs as much time as a wrong password.
  static const std::string& dummy_hash();
};

}  // namespace cruddur::auth
