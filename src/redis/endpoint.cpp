#include "redis/endpoint.hpp"

#include <charconv>
#include <stdexcept>

namespace cruddur::redis {

namespace {

template <typename Int>
bool parse_number(std::string_view text, Int& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

Endpoint parse_url(std::string_view url) {
  const std::string_view scheme = "redis://";
  auto bad = [&](const char* why) {
    return std::invalid_argument("redis url '" + std::string(url) + "': " + why + " (expected redis://HOST[:PORT][/DB])");
  };
  if (url.substr(0, scheme.size()) != scheme) throw bad("scheme must be redis://");
  std::string_view rest = url.substr(scheme.size());
  if (rest.find('@') != std::string_view::npos) throw bad("credentials are not supported");
  Endpoint endpoint;
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    std::string_view db = rest.substr(slash + 1);
    if (!db.empty() && (!parse_number(db, endpoint.db) || endpoint.db < 0)) throw bad("bad database number");
    rest = rest.substr(0, slash);
  }
  if (auto colon = rest.rfind(':'); colon != std::string_view::npos && rest.find(']', colon) == std::string_view::npos) {
    if (!parse_number(rest.substr(colon + 1), endpoint.port) || endpoint.port == 0) throw bad("bad port");
    rest = rest.substr(0, colon);
  }
  if (rest.size() > 2 && rest.front() == '[' && rest.back() == ']') rest = rest.substr(1, rest.size() - 2);
  if (rest.empty()) throw bad("no host");
  endpoint.host = std::string(rest);
  return endpoint;
}

}  // namespace cruddur::redis
