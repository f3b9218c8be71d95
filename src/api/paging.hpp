#pragma once
// `limit` and `cursor` query parameters of list routes.

#include "api/exchange.hpp"
#include "messaging/model.hpp"

namespace cruddur::api {

// limit: integer 1..100 (default 20), else 422 limit_invalid. cursor: passed through (the domain checks it);
// an empty cursor means the first page.
messaging::PageRequest page_request(const Request& request);

}  // namespace cruddur::api
