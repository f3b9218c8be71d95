#include "live/remote_position.hpp"

#include <charconv>

namespace cruddur::live {

namespace {

bool parse_u64(std::string_view text, std::uint64_t& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::optional<RemotePosition> parse_stream_id(std::string_view id) {
  auto dash = id.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  RemotePosition position;
  if (!parse_u64(id.substr(0, dash), position.ms) || !parse_u64(id.substr(dash + 1), position.seq)) return std::nullopt;
  return position;
}

std::optional<std::string> stream_id_of_token(std::string_view token) {
  if (token.substr(0, 2) != "r.") return std::nullopt;
  std::string_view id = token.substr(2);
  if (!parse_stream_id(id)) return std::nullopt;
  return std::string(id);
}

}  // namespace cruddur::live
