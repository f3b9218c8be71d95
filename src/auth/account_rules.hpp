#pragma once
// The rules for the fields of a new account and of a sign-in, checked before any hashing or storage.
// Pure functions, thread-safe.
//
// Sign-up codes (every failing rule is reported, in field order):
//   display_name_blank (nothing visible: only white space and invisible characters, utf8::is_blank) |
//   display_name_invalid_characters (any control character: a name is one line, so newline and tab too) |
//   display_name_too_long (> 100 code points) | display_name_invalid (not UTF-8)
//   handle_blank | handle_invalid (after ASCII lowercasing not 1-30 of [a-z0-9_])
//   email_blank | email_invalid (not one '@' between a non-empty local part and a domain with an inner dot,
//                                > 254 bytes, white space or control characters, not UTF-8)
//   password_too_short (< 8 code points) | password_too_long (> 1024 bytes) | password_invalid (not UTF-8)
// Blank means nothing visible after trimming white space; display name, handle and email are trimmed before the other
// rules apply and before they are stored. Passwords are used exactly as given.

#include <string>
#include <string_view>
#include <vector>

#include "auth/account_requests.hpp"

namespace cruddur::auth {

inline constexpr std::size_t kMaxDisplayNameCodePoints = 100;
inline constexpr std::size_t kMaxHandleBytes = 30;
inline constexpr std::size_t kMaxEmailBytes = 254;
inline constexpr std::size_t kMinPasswordCodePoints = 8;
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// True for 1-30 characters of [a-z0-9_] once ASCII-lowercased.
bool is_valid_handle(std::string_view handle);

// The request with display name, handle and email trimmed, handle and email ASCII-lowercased.
// Throws Error::validation(codes) listing every failing rule above.
SignupRequest normalize_signup(const SignupRequest& request);

// The request with the login trimmed. Throws Error::validation with login_blank and/or password_blank
// (a password is blank only when empty: spaces are legitimate password characters).
SigninRequest normalize_signin(const SigninRequest& request);

}  // namespace cruddur::auth
