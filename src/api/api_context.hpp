#pragma once
// What the route handlers work with. Owned by the app (src/app/services); outlives the server.

#include <boost/json/object.hpp>

#include <vector>

#include "api/exchange.hpp"
#include "api/auth_throttle.hpp"
#include "api/rate_limiter.hpp"
#include "auth/authenticator.hpp"
#include "messaging/messaging_service.hpp"
#include "users/directory.hpp"

namespace cruddur::auth {
class AccountService;
}

namespace cruddur::api {
class StreamEndpoint;
}

namespace cruddur::api {

struct ApiContext {
  messaging::MessagingService& messaging;
  users::Directory& users;
  auth::Authenticator& authenticator;
  auth::AccountService* accounts;   // local sign-up/sign-in; null when sign-in is Cognito's (routes are off)
  RateLimiter& send_limiter;         // per user sends
  RateLimiter& export_limiter;       // per user GET /api/me/export
  AuthThrottle& auth_throttle;       // sign-in and sign-up, per address and per login
  boost::json::object client_config;  // served at GET /api/config (no secrets)
  StreamEndpoint* stream = nullptr;   // live stream (tickets); null in processes that serve no stream
};

// The whole route table. Handlers keep a reference to `context`.
std::vector<Route> make_routes(ApiContext& context);

// The token of an `Authorization: Bearer <token>` header (scheme case-insensitive, spaces trimmed); "" for
// anything else.
std::string_view bearer_token(std::string_view header);

// The caller of an authenticated route: the Bearer token of `request`, verified. Throws
// Error::unauthorized() for a missing or malformed Authorization header, or a bad token. Records the
// caller's uuid in request.info (when set) for the request's log line.
boost::asio::awaitable<users::User> caller(ApiContext& context, const Request& request);

// A route handler that needs the context, bound to it.
using ContextHandler = boost::asio::awaitable<Response> (*)(ApiContext&, Request);
inline Handler bind(ApiContext& context, ContextHandler handler) {
  return [&context, handler](Request request) { return handler(context, std::move(request)); };
}

// Route groups (one file each).
void add_account_routes(ApiContext& context, std::vector<Route>& routes);
void add_message_routes(ApiContext& context, std::vector<Route>& routes);
void add_stream_routes(ApiContext& context, std::vector<Route>& routes);
void add_me_routes(ApiContext& context, std::vector<Route>& routes);

}  // namespace cruddur::api
