#include <boost/json/value.hpp>

#include "api/api_context.hpp"
#include "api/render.hpp"
#include "core/error.hpp"

namespace cruddur::api {

namespace {

boost::asio::awaitable<Response> health(Request) {
  // Touches no storage: a load balancer's probe must not load the database.
  co_return json_reply(boost::json::value{{"status", "ok"}});
}

}  // namespace

std::string_view bearer_token(std::string_view header) {
  constexpr std::string_view scheme = "bearer ";
  if (header.size() <= scheme.size()) return {};
  for (size_t i = 0; i < scheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(header[i])) != scheme[i]) return {};
  std::string_view token = header.substr(scheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  return token;
}

boost::asio::awaitable<users::User> caller(ApiContext& context, const Request& request) {
  std::string_view token = bearer_token(request.authorization);
  if (token.empty()) throw Error::unauthorized();
  users::User user = co_await context.authenticator.authenticate(std::string(token));
  if (request.info) request.info->user_uuid = user.uuid;  // for the request's log line
  co_return user;
}

std::vector<Route> make_routes(ApiContext& context) {
  std::vector<Route> routes;
  routes.push_back({"GET", "/api/health", health});
  routes.push_back({"GET", "/api/config", [&context](Request) -> boost::asio::awaitable<Response> {
                      co_return json_reply(context.client_config);
                    }});
  add_account_routes(context, routes);
  add_message_routes(context, routes);
  add_stream_routes(context, routes);
  add_me_routes(context, routes);
  return routes;
}

}  // namespace cruddur::api
