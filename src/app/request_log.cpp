#include "app/request_log.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>

#include "api/json_writer.hpp"
#include "app/logging.hpp"
#include "core/clock.hpp"

namespace cruddur::app {

namespace {

// Milliseconds, to the microsecond.
double milliseconds(std::chrono::steady_clock::duration duration) {
  return std::round(std::chrono::duration<double, std::micro>(duration).count()) / 1000.0;
}

}  // namespace

RequestLog::RequestLog(bool json) : logger_(spdlog::get(kRequestLoggerName)), json_(json) {
  if (!logger_) logger_ = spdlog::default_logger();
}

void RequestLog::record(const http::CompletedRequest& request) const {
  auto level = json_ ? spdlog::level::info : spdlog::level::debug;
  if (!logger_->should_log(level)) return;
  std::string_view method = request.method.empty() ? std::string_view("-") : request.method;
  if (!json_) {
    logger_->log(level, "request {} {} {} {} {:.3f} ms{}{}", request.id, method, request.info.route, request.status,
                 milliseconds(request.duration), request.info.user_uuid.empty() ? "" : " user=",
                 request.info.user_uuid);
    return;
  }
  api::JsonWriter line;
  line.reserve(256);
  line.begin_object();
  line.member("time", format_timestamp(SystemClock().now()));
  line.member("level", "info");
  line.member("msg", "request");
  line.member("request_id", request.id);
  line.member("method", method);
  line.member("route", request.info.route);
  line.key("status");
  line.number(request.status);
  line.key("duration_ms");
  line.decimal(milliseconds(request.duration));
  if (!request.info.user_uuid.empty()) line.member("user_uuid", request.info.user_uuid);
  line.end_object();
  logger_->log(level, "{}", line.take());
}

}  // namespace cruddur::app
