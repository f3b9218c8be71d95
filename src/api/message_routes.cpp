// The conversation list, a conversation's messages, and sending.
#include "api/api_context.hpp"
#include "api/json_body.hpp"
#include "api/paging.hpp"
#include "api/render.hpp"
#include "core/error.hpp"

namespace cruddur::api {

namespace {

using boost::asio::awaitable;

awaitable<Response> list_conversations(ApiContext& context, Request request) {
  users::User me = co_await caller(context, request);
  auto page = co_await context.messaging.list_conversations(me, page_request(request));
  co_return page_reply(page, render_conversation);
}

awaitable<Response> list_messages(ApiContext& context, Request request) {
  users::User me = co_await caller(context, request);
  auto page = co_await context.messaging.list_messages(me, request.params["message_group_uuid"], page_request(request));
  co_return page_reply(page, render_message);
}

messaging::SendRequest send_request(const boost::json::object& body) {
  return {string_or_blank(body, "message"), optional_string(body, "message_group_uuid"),
          optional_string(body, "handle"), optional_string(body, "client_message_id")};
}

awaitable<Response> send(ApiContext& context, Request request) {
  users::User me = co_await caller(context, request);
  auto send = send_request(parse_object(request.body));  // parse before the rate check: bad input costs no token
  if (Microseconds wait = context.send_limiter.acquire(me.uuid); wait > 0)
    throw Error::too_many_requests(retry_after(wait));
  auto message = co_await context.messaging.send(me, std::move(send));
  co_return json_reply(message, render_sent_message);
}

}  // namespace

void add_message_routes(ApiContext& context, std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/message_groups", bind(context, list_conversations)});
  routes.push_back({"GET", "/api/messages/{message_group_uuid}", bind(context, list_messages)});
  routes.push_back({"POST", "/api/messages", bind(context, send)});
}

}  // namespace cruddur::api
