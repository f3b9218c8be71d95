#include "app/json_log_formatter.hpp"

#include <spdlog/details/log_msg.h>

#include <chrono>

#include "api/json_writer.hpp"
#include "core/clock.hpp"

namespace cruddur::app {

void JsonLogFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(msg.time.time_since_epoch()).count();
  auto level = spdlog::level::to_string_view(msg.level);
  api::JsonWriter line;
  line.begin_object();
  line.member("time", format_timestamp(micros));
  line.member("level", std::string_view(level.data(), level.size()));
  line.member("msg", std::string_view(msg.payload.data(), msg.payload.size()));
  line.end_object();
  std::string text = line.take();
  text += '\n';
  dest.append(text.data(), text.data() + text.size());
}

std::unique_ptr<spdlog::formatter> JsonLogFormatter::clone() const { return std::make_unique<JsonLogFormatter>(); }

}  // namespace cruddur::app
