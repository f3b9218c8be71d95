#include "api/paging.hpp"

#include <charconv>

#include "core/error.hpp"

namespace cruddur::api {

messaging::PageRequest page_request(const Request& request) {
  messaging::PageRequest page;
  if (auto it = request.query.find("limit"); it != request.query.end()) {
    const std::string& text = it->second;
    int limit = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
    if (ec != std::errc() || end != text.data() + text.size() || limit < 1 || limit > messaging::kMaxPageSize)
      throw Error::validation({"limit_invalid"});
    page.limit = limit;
  }
  if (auto it = request.query.find("cursor"); it != request.query.end() && !it->second.empty())
    page.cursor = it->second;
  return page;
}

}  // namespace cruddur::api
