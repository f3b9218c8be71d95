#pragma once
// Headers every reply the server writes carries (API, static files, the session's own error replies and
// the over-capacity refusal), unless the reply already sets them. Beast-free.
//   X-Content-Type-Options: nosniff  -- a browser never guesses a type other than Content-Type (a JSON error
//                                       reply is never run as a script or rendered as HTML)
//   Referrer-Policy: no-referrer     -- the app's URLs (conversation ids) never leave in a Referer header

#include <array>
#include <string_view>
#include <utility>

namespace cruddur::http {

inline constexpr std::array<std::pair<std::string_view, std::string_view>, 2> security_headers{{
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
}};

}  // namespace cruddur::http
