#include "http/target.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace cruddur::http {

std::optional<Target> parse_target(std::string_view target) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return std::nullopt;
  const boost::urls::url_view& url = *parsed;

  Target result;
  for (auto segment : url.segments()) {
    result.segments.push_back(std::string(segment));
    result.path += '/';
    result.path += result.segments.back();
  }
  if (result.path.empty()) result.path = "/";
  for (auto param : url.params()) {  // params() decodes '+' as a space, like an HTML form
    result.query[std::string(param.key)] = param.has_value ? std::string(param.value) : std::string();
  }
  return result;
}

}  // namespace cruddur::http
