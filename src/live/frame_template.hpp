#pragma once
// An event's frame rendered before its position is known (the position of an event logged in Redis is the
// entry id Redis assigns): rendered once with kSincePlaceholder as `since`, then completed per position.
// Pure functions; thread-safe.

#include <string>
#include <string_view>

#include "live/hub.hpp"

namespace cruddur::live {

inline constexpr std::string_view kSincePlaceholder = "@@since@@";

// `render` with the placeholder as its position.
inline std::string render_template(const RenderFrame& render) { return render(kSincePlaceholder); }

// The template with its (last) quoted placeholder replaced by `since`. A frame's "since" is its last member,
// so the last occurrence is the one; text elsewhere in the frame is JSON-escaped and cannot end it early.
inline std::string complete_frame(std::string_view frame_template, std::string_view since) {
  const std::string quoted = "\"" + std::string(kSincePlaceholder) + "\"";
  auto at = frame_template.rfind(quoted);
  if (at == std::string_view::npos) return std::string(frame_template);
  std::string frame;
  frame.reserve(frame_template.size() + since.size());
  frame.append(frame_template.substr(0, at + 1));
  frame.append(since);
  frame.append(frame_template.substr(at + quoted.size() - 1));
  return frame;
}

}  // namespace cruddur::live
