#pragma once
// Every error code the HTTP API can answer, declared once: the code, its status and what it means. The API
// reference (doc/api.md) describes each one and the web app (web/src/lib/errors.js) words the ones a person
// meets; tests/unit/core/error_codes_test.cpp checks both against this list, and api::error_reply logs an
// error for a code missing here (the API tests fail on such a line in any server log).
// Codes of the stream's own error frames are listed in doc/stream.md, not here.

#include <span>
#include <string_view>

namespace cruddur {

struct ErrorCodeInfo {
  std::string_view code;
  int status;                // the HTTP status it is answered with
  std::string_view meaning;  // one line, for people reading the code
};

// Sorted by code.
std::span<const ErrorCodeInfo> error_codes();
// nullptr for a code that is not declared.
const ErrorCodeInfo* find_error_code(std::string_view code);

}  // namespace cruddur
