#include "http/dispatcher.hpp"

#include "api/error_reply.hpp"
#include "core/error.hpp"
#include "http/target.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <strings.h>

namespace cruddur::http {

namespace {

bool has_header(const api::Response& response, std::string_view name) {
  return std::any_of(response.headers.begin(), response.headers.end(), [&](const auto& header) {
    return header.first.size() == name.size() && strncasecmp(header.first.data(), name.data(), name.size()) == 0;
  });
}

api::Response finish_api_reply(api::Response response) {
  if (!has_header(response, "Cache-Control")) response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace

Dispatcher::Dispatcher(std::vector<api::Route> routes, const std::optional<std::filesystem::path>& web_root,
                       const std::vector<std::string>& extra_connect_src)
    : router_(std::move(routes)) {
  if (web_root) static_files_.emplace(*web_root, extra_connect_src);
}

boost::asio::awaitable<api::Response> Dispatcher::dispatch(IncomingRequest incoming) const {
  auto target = parse_target(incoming.target);
  if (!target) co_return finish_api_reply(api::error_reply(Error::bad_request("bad_request")));

  // Paths outside /api are the web app's when it is served; otherwise they go to the routing table like the
  // rest (only a server given such routes has any: the metrics listener's /metrics).
  bool is_api = !target->segments.empty() && target->segments.front() == "api";
  if (!is_api && static_files_) {
    if (incoming.info) incoming.info->route = "static";
    co_return static_files_->serve(incoming.method, target->segments);
  }

  RouteMatch match = router_.match(incoming.method, target->segments);
  if (match.outcome == RouteMatch::Outcome::not_found) {
    co_return finish_api_reply(api::error_reply(Error::not_found()));
  }
  if (match.outcome == RouteMatch::Outcome::method_not_allowed) {
    auto response = api::error_reply(Error::method_not_allowed());
    response.headers.emplace_back("Allow", match.allow);
    co_return finish_api_reply(std::move(response));
  }

  if (incoming.info) {
    incoming.info->route = match.pattern;
    incoming.info->route_index = match.index;
  }
  api::Request request;
  request.info = incoming.info;
  request.method = std::move(incoming.method);
  request.path = target->path;
  request.query = std::move(target->query);
  request.params = std::move(match.params);
  request.authorization = std::move(incoming.authorization);
  request.body = std::move(incoming.body);
  request.remote_address = std::move(incoming.remote_address);
  std::string method = request.method;  // the handler takes the request by value

  api::Response response;
  try {
    response = co_await (*match.handler)(std::move(request));
  } catch (...) {
    response = api::reply_for_exception(std::current_exception(), method, target->path);
  }
  co_return finish_api_reply(std::move(response));
}

}  // namespace cruddur::http
