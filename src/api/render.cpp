#include "api/render.hpp"

#include <boost/json/serialize.hpp>

namespace cruddur::api {

void render_user(JsonWriter& out, const users::User& user) {
  out.begin_object();
  out.member("uuid", user.uuid);
  out.member("handle", user.handle);
  out.member("display_name", user.display_name);
  out.end_object();
}

void render_conversation(JsonWriter& out, const messaging::ConversationSummary& s) {
  out.begin_object();
  out.member("uuid", s.message_group_uuid);
  out.member("display_name", s.other_display_name);
  out.member("handle", s.other_handle);
  out.member("message", s.last_message);
  out.member("created_at", s.last_message_at);
  out.key("unread");
  out.number(s.unread);
  out.key("other_read_at");
  if (s.other_read_at) out.string(*s.other_read_at);
  else out.null();
  out.end_object();
}

void render_read(JsonWriter& out, const messaging::ReadResult& r) {
  out.begin_object();
  out.key("unread");
  out.number(r.unread);
  out.key("read_at");
  if (r.read_at) out.string(*r.read_at);
  else out.null();
  out.end_object();
}

namespace {

void message_members(JsonWriter& out, const messaging::Message& m) {
  out.member("uuid", m.uuid);
  out.member("display_name", m.sender_display_name);
  out.member("handle", m.sender_handle);
  out.member("message", m.text);
  out.member("created_at", m.created_at);
}

}  // namespace

void render_message(JsonWriter& out, const messaging::Message& m) {
  out.begin_object();
  message_members(out, m);
  out.end_object();
}

void render_sent_message(JsonWriter& out, const messaging::Message& m) {
  out.begin_object();
  message_members(out, m);
  out.member("message_group_uuid", m.message_group_uuid);
  out.end_object();
}

Response json_text_reply(std::string body, int status) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

Response json_reply(const boost::json::value& body, int status) {
  return json_text_reply(boost::json::serialize(body), status);
}

}  // namespace cruddur::api
