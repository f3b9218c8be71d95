#pragma once
// The routing table: api::Route patterns matched against decoded path segments. Beast-free.
//
// Patterns (see api/exchange.hpp): literal segments, `{name}` (any non-empty segment) and `@{name}`
// (a segment starting with '@', capturing the rest, which must be non-empty). When several patterns match
// one path, the most specific wins: comparing segment by segment, literal beats `@{}` beats `{}`; the order
// of registration does not matter. HEAD is answered by a path's GET route unless it has a HEAD route of its
// own (the session leaves the body out), so wherever GET is allowed HEAD is too. Immutable after
// construction, so safe to share between threads.

#include "api/exchange.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cruddur::http {

struct RouteMatch {
  enum class Outcome { found, not_found, method_not_allowed };
  Outcome outcome = Outcome::not_found;
  const api::Handler* handler = nullptr;        // found: valid as long as the Router lives
  std::string_view pattern;                     // found: the route's pattern, valid as long as the Router lives
  int index = -1;                               // found: the route's position in the constructor's list
  std::map<std::string, std::string> params;    // found: captured path parameters
  std::string allow;                            // method_not_allowed: "GET, HEAD, POST" (sorted)
};

class Router {
 public:
  // Throws std::invalid_argument for a malformed pattern or the same method + pattern twice.
  explicit Router(std::vector<api::Route> routes);

  RouteMatch match(std::string_view method, const std::vector<std::string>& segments) const;

 private:
  struct PatternSegment {
    enum class Kind { literal, at_param, param };  // in order of precedence
    Kind kind;
    std::string text;  // the literal, or the parameter name
  };
  struct Entry {
    std::string method;
    std::vector<PatternSegment> pattern;
    api::Handler handler;
    std::string text;  // the pattern as registered (metrics and logs name routes by it)
  };

  static std::vector<PatternSegment> parse_pattern(const std::string& pattern);
  static bool matches(const Entry& entry, const std::vector<std::string>& segments);
  static bool more_specific(const Entry& a, const Entry& b);

  std::vector<Entry> entries_;
};

}  // namespace cruddur::http
