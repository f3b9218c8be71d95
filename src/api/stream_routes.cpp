// The stream's HTTP routes: tickets, and GET /api/stream for a request that is not a WebSocket upgrade
// (upgrades never reach the router: src/http hands them to the WebSocket session).
#include "api/api_context.hpp"
#include "api/error_reply.hpp"
#include "api/stream_endpoint.hpp"
#include "core/error.hpp"

namespace cruddur::api {

namespace {

using boost::asio::awaitable;

awaitable<Response> issue_ticket(ApiContext& context, Request request) {
  users::User me = co_await caller(context, request);
  if (!context.stream) throw Error::not_found();
  co_return context.stream->issue_ticket(me);
}

awaitable<Response> not_an_upgrade(ApiContext&, Request) {
  Response reply = error_reply(Error(426, {"upgrade_required"}));
  reply.headers.emplace_back("Upgrade", "websocket");
  co_return reply;
}

}  // namespace

void add_stream_routes(ApiContext& context, std::vector<Route>& routes) {
  routes.push_back({"POST", "/api/stream/ticket", bind(context, issue_ticket)});
  routes.push_back({"GET", "/api/stream", bind(context, not_an_upgrade)});
}

}  // namespace cruddur::api
