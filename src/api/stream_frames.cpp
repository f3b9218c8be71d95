#include "api/stream_frames.hpp"

#include "api/json_writer.hpp"
#include "api/render.hpp"

#include <initializer_list>
#include <utility>

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

namespace {

// A frame of string members only.
std::string flat_frame(std::initializer_list<std::pair<std::string_view, std::string_view>> members) {
  JsonWriter out;
  out.begin_object();
  for (const auto& [name, value] : members) out.member(name, value);
  out.end_object();
  return out.take();
}

}  // namespace

std::string hello(std::string_view since) { return flat_frame({{"type", "hello"}, {"since", since}}); }

std::string resync() { return flat_frame({{"type", "resync"}}); }

std::string error(std::string_view code) { return flat_frame({{"type", "error"}, {"error", code}}); }

std::string typing(std::string_view message_group_uuid, std::string_view handle) {
  return flat_frame({{"type", "typing"}, {"message_group_uuid", message_group_uuid}, {"handle", handle}});
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
