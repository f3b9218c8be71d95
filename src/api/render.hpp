#pragma once
// JSON shapes of the API (doc/api.md). One function per shape, so every route renders a thing the same way.
// Shapes are written straight to text with a JsonWriter (no DOM): the list routes are the hot path.

#include <boost/json/value.hpp>

#include <string>

#include "api/exchange.hpp"
#include "api/json_writer.hpp"
#include "messaging/model.hpp"
#include "users/user.hpp"

namespace cruddur::api {

void render_user(JsonWriter& out, const users::User& user);  // {uuid, handle, display_name}
// {uuid, display_name, handle, message, created_at, unread, other_read_at}
void render_conversation(JsonWriter& out, const messaging::ConversationSummary& summary);
void render_read(JsonWriter& out, const messaging::ReadResult& result);  // {unread, read_at}
void render_message(JsonWriter& out, const messaging::Message& message);
void render_sent_message(JsonWriter& out, const messaging::Message& message);  // + message_group_uuid

// The JSON text of `thing` as `render` writes it.
template <typename T, typename Render>
std::string json_text(const T& thing, Render render) {
  JsonWriter out;
  render(out, thing);
  return out.take();
}

// A reply with `body` (JSON text) and `status`.
Response json_text_reply(std::string body, int status = 200);

// A reply with `thing` rendered by `render`.
template <typename T, typename Render>
Response json_reply(const T& thing, Render render, int status = 200) {
  return json_text_reply(json_text(thing, render), status);
}

// A JSON reply of a small ad-hoc value (health, config, errors).
Response json_reply(const boost::json::value& body, int status = 200);

// A page as a JSON array, with X-Next-Cursor when there is an older page.
template <typename T, typename Render>
Response page_reply(const messaging::PageOf<T>& page, Render render) {
  JsonWriter out;
  out.reserve(64 + 256 * page.items.size());  // a rendered message or conversation is ~200 bytes
  out.begin_array();
  for (const auto& item : page.items) render(out, item);
  out.end_array();
  Response response = json_text_reply(out.take());
  if (page.next_cursor) response.headers.emplace_back("X-Next-Cursor", *page.next_cursor);
  return response;
}

}  // namespace cruddur::api
