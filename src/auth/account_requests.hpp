#pragma once
// What the API hands to AccountService and gets back. Plain value types.

#include <cstdint>
#include <string>

#include "users/user.hpp"

namespace cruddur::auth {

struct SignupRequest {
  std::string display_name;
  std::string handle;
  std::string email;
  std::string password;
  std::string client;  // who asks (the client address): its share of the hashing queue
};

struct SigninRequest {
  std::string login;  // a handle, or an email address (contains '@')
  std::string password;
  std::string client;  // who asks (the client address): its share of the hashing queue
};

// The answer to a successful sign-up or sign-in.
struct AuthResult {
  std::string access_token;
  std::string token_type = "Bearer";
  std::int64_t expires_in = 0;  // seconds
  users::User user;
};

}  // namespace cruddur::auth
