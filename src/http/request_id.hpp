#pragma once
// Request ids: every exchange has one, echoed as X-Request-Id and carried by its log line.
// Thread-safe; Beast-free.
//
// A client (or a proxy in front) may send its own X-Request-Id: it is adopted when sane, i.e. 1..64
// characters of [A-Za-z0-9._-] (so it can go into a log line as it is and is no vector for log injection).
// Otherwise the server makes one: 8 hex digits chosen at random when the process starts, '-', and 8 or more
// hex digits of a counter (unique within the process, and across instances with high probability).

#include <string>
#include <string_view>

namespace cruddur::http {

inline constexpr std::string_view kRequestIdHeader = "X-Request-Id";
inline constexpr std::size_t kMaxRequestIdLength = 64;

bool acceptable_request_id(std::string_view id);

// The offered id when acceptable, else a new one.
std::string request_id_for(std::string_view offered);

}  // namespace cruddur::http
