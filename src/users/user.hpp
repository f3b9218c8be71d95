#pragma once
// A person who can sign in and send messages. Plain value types.

#include <cstdint>
#include <optional>
#include <string>

namespace cruddur::users {

// What other people see of a user.
struct User {
  std::string uuid;
  std::string handle;        // 1-30 of [a-z0-9_], stored case-folded (lowercase)
  std::string display_name;
  friend bool operator==(const User&, const User&) = default;
};

// Everything the directory keeps about a user.
struct Account {
  User user;
  std::string email;                          // stored lowercased
  std::string password_hash;                  // argon2id string (libsodium); empty for Cognito users
  std::optional<std::string> cognito_user_id; // the Cognito `sub`, when linked
  std::string created_at;                     // fixed-width UTC timestamp
};

// A signed-out access token (auth/token_revocations.hpp): refused until it would have expired anyway.
struct RevokedToken {
  std::string token_id;
  std::int64_t expires_at;  // the token's expiry, unix seconds
  std::int64_t revoked_at;  // when the directory recorded it, microseconds since the epoch (its clock)
};

}  // namespace cruddur::users
