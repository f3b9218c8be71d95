#pragma once
// JSON shapes of the API (doc/api.md). One function per shape, so every route renders a thing the same way.

#include <boost/json/value.hpp>

#include <string>

#include "api/exchange.hpp"
#include "messaging/model.hpp"
#include "users/user.hpp"

namespace cruddur::api {

boost::json::value render_user(const users::User& user);  // {uuid, handle, display_name}
boost::json::value render_conversation(const messaging::ConversationSummary& summary);
boost::json::value render_message(const messaging::Message& message);
boost::json::value render_sent_message(const messaging::Message& message);  // + message_group_uuid

// A JSON reply with `status`.
Response json_reply(const boost::json::value& body, int status = 200);

// A page as a JSON array, with X-Next-Cursor when there is an older page.
template <typename T, typename Render>
Response page_reply(const messaging::PageOf<T>& page, Render render) {
  boost::json::array items;
  items.reserve(page.items.size());
  for (const auto& item : page.items) items.push_back(render(item));
  Response response = json_reply(items);
  if (page.next_cursor) response.headers.emplace_back("X-Next-Cursor", *page.next_cursor);
  return response;
}

}  // namespace cruddur::api
