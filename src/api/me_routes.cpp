// GET /api/me/export: the caller's own conversations and every message in them, as one JSON document to
// download (doc/api.md). Only the caller's data: the conversations are the caller's own list, and each
// conversation is read as the caller, through the same membership check as every read. The document is built
// in memory: its size is one person's history (a few MB for tens of thousands of messages).
#include "api/api_context.hpp"
#include "api/render.hpp"
#include "core/error.hpp"

namespace cruddur::api {

namespace {

using boost::asio::awaitable;

// Every message of a conversation, oldest first (pages come newest first).
awaitable<std::vector<messaging::Message>> all_messages(ApiContext& context, const users::User& me,
                                                       const std::string& group) {
  std::vector<std::vector<messaging::Message>> pages;
  messaging::PageRequest request{messaging::kMaxPageSize, std::nullopt};
  for (;;) {
    auto page = co_await context.messaging.list_messages(me, group, request);
    pages.push_back(std::move(page.items));
    if (!page.next_cursor) break;
    request.cursor = std::move(page.next_cursor);
  }
  std::vector<messaging::Message> messages;
  for (auto page = pages.rbegin(); page != pages.rend(); ++page)
    messages.insert(messages.end(), std::make_move_iterator(page->begin()), std::make_move_iterator(page->end()));
  co_return messages;
}

awaitable<Response> export_mine(ApiContext& context, Request request) {
  users::User me = co_await caller(context, request);
  // A whole history is the most expensive read there is: a few an hour per person.
  if (Microseconds wait = context.export_limiter.acquire(me.uuid); wait > 0)
    throw Error::too_many_requests(retry_after(wait));

  JsonWriter out;
  out.begin_object();
  out.member("format", "cruddur-my-messages");
  out.key("version");
  out.number(1);
  out.key("user");
  render_user(out, me);
  out.key("conversations");
  out.begin_array();
  messaging::PageRequest page_request{messaging::kMaxPageSize, std::nullopt};
  for (;;) {
    auto page = co_await context.messaging.list_conversations(me, page_request);
    for (const auto& conversation : page.items) {
      auto messages = co_await all_messages(context, me, conversation.message_group_uuid);
      out.begin_object();
      out.key("conversation");
      render_conversation(out, conversation);
      out.key("messages");
      out.begin_array();
      for (const auto& message : messages) render_message(out, message);
      out.end_array();
      out.end_object();
    }
    if (!page.next_cursor) break;
    page_request.cursor = std::move(page.next_cursor);
  }
  out.end_array();
  out.end_object();

  Response response = json_text_reply(out.take());
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"cruddur-messages-" + me.handle + ".json\"");
  co_return response;
}

}  // namespace

void add_me_routes(ApiContext& context, std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/me/export", bind(context, export_mine)});
}

}  // namespace cruddur::api
