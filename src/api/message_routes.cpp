// The conversation list, a conversation's messages, sending, read markers and the unread counter.
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

// Body optional: none (or `{}`) marks everything read; `{"up_to": "<message uuid>"}` up to that message.
awaitable<Response> mark_read(ApiContext& context, Request request) {
  users::User me = co_await caller(context, request);
  std::optional<std::string> up_to;
  if (!request.body.empty()) up_to = optional_string(parse_object(request.body), "up_to");
  auto result = co_await context.messaging.mark_read(me, request.params["message_group_uuid"], std::move(up_to));
  co_return json_reply(result, render_read);
}

awaitable<Response> unread_counter(ApiContext& context, Request request) {
  users::User me = co_await caller(context, request);
  int count = co_await context.messaging.unread_total(me);
  co_return json_reply(boost::json::value{{"count", count}});
}

}  // namespace

void add_message_routes(ApiContext& context, std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/message_groups", bind(context, list_conversations)});
  routes.push_back({"GET", "/api/messages/{message_group_uuid}", bind(context, list_messages)});
  routes.push_back({"POST", "/api/messages", bind(context, send)});
  routes.push_back({"POST", "/api/message_groups/{message_group_uuid}/read", bind(context, mark_read)});
  routes.push_back({"GET", "/api/messages/counter", bind(context, unread_counter)});
}

}  // namespace cruddur::api
