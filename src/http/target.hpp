#pragma once
// The request target (origin-form: "/path?query"), percent-decoded. Beast-free.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cruddur::http {

struct Target {
  std::vector<std::string> segments;         // decoded; "/" has none, "/a/" has "a" and ""
  std::string path;                          // "/" + decoded segments joined by '/'
  std::map<std::string, std::string> query;  // decoded ('+' is a space); a repeated key keeps the last value
};

// nullopt when `target` is not origin-form (absolute-form, "*", a fragment, invalid escapes ...).
std::optional<Target> parse_target(std::string_view target);

}  // namespace cruddur::http
