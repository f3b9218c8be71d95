#pragma once
// An account as the directory tests create them: a fresh uuid, the given handle and email, a placeholder
// password hash (never verified here) and a fixed creation time.

#include <string>
#include <utility>

#include "core/uuid.hpp"
#include "users/directory.hpp"

namespace cruddur::testing {

inline constexpr const char* kTestPasswordHash = "$argon2id$v=19$m=65536,t=2,p=1$not-a-real-hash";
inline constexpr const char* kTestCreatedAt = "2026-11-26T12:00:00.123456+00:00";

inline users::Account make_account(std::string handle, std::string email, std::string display_name = "Someone") {
  users::Account account;
  account.user = users::User{uuid::random_v4(), std::move(handle), std::move(display_name)};
  account.email = std::move(email);
  account.password_hash = kTestPasswordHash;
  account.created_at = kTestCreatedAt;
  return account;
}

}  // namespace cruddur::testing
