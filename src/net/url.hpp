#pragma once
// Splitting an absolute http(s) URL into the parts a client needs to connect and to write a request line.
// Plain value types and pure functions; no thread affinity.

#include <cstdint>
#include <string>
#include <string_view>

namespace cruddur::net {

struct Url {
  std::string scheme;  // "http" or "https", lower case
  std::string host;    // a name or an address; IPv6 without brackets ("::1")
  std::uint16_t port = 0;  // explicit or the scheme's default (80 / 443)
  std::string target;  // path and query as given, "/" when the URL has none ("/a/b?x=1")

  bool is_tls() const { return scheme == "https"; }
  bool has_default_port() const { return port == (is_tls() ? 443 : 80); }
  // The Host header's value: host, plus ":port" unless it is the scheme's default; IPv6 in brackets.
  std::string host_header() const;
  // The path part of target (before '?') and the query part (after '?', without it; empty when none).
  std::string_view path() const;
  std::string_view query() const;
};

// Parses "http://host[:port][/target]" or "https://...". Throws std::invalid_argument with the reason on
// anything else (other schemes, user info, empty host, bad port). A fragment ("#...") is dropped.
Url parse_url(std::string_view text);

}  // namespace cruddur::net
