#include "api/stream_frames.hpp"

#include "api/json_writer.hpp"
#include "api/render.hpp"

namespace cruddur::api::stream_frames {

namespace {

struct EventMembers {
  JsonWriter& out;
  void operator()(const messaging::MessageCreated& e) const {
    out.member("type", "message.created");
    out.key("message");
    render_sent_message(out, e.message);  // with message_group_uuid
  }
  void operator()(const messaging::GroupUpdated& e) const {
    out.member("type", "group.updated");
    out.key("group");
    render_conversation(out, e.group);
  }
  void operator()(const messaging::GroupRead& e) const {
    out.member("type", "group.read");
    out.member("message_group_uuid", e.message_group_uuid);
    out.member("reader", e.reader_handle);
    out.member("read_at", e.read_at);
  }
};

}  // namespace

std::string hello(std::string_view since) {
  JsonWriter out;
  out.begin_object();
  out.member("type", "hello");
  out.member("since", since);
  out.end_object();
  return out.take();
}

std::string resync() { return R"({"type":"resync"})"; }

std::string error(std::string_view code) {
  JsonWriter out;
  out.begin_object();
  out.member("type", "error");
  out.member("error", code);
  out.end_object();
  return out.take();
}

std::string typing(std::string_view message_group_uuid, std::string_view handle) {
  JsonWriter out;
  out.begin_object();
  out.member("type", "typing");
  out.member("message_group_uuid", message_group_uuid);
  out.member("handle", handle);
  out.end_object();
  return out.take();
}

std::string event(const messaging::Event& event, std::string_view since) {
  JsonWriter out;
  out.reserve(512);
  out.begin_object();
  std::visit(EventMembers{out}, event);
  out.member("since", since);
  out.end_object();
  return out.take();
}

}  // namespace cruddur::api::stream_frames
