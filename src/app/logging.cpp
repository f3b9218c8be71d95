#include "app/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "app/json_log_formatter.hpp"

namespace cruddur::app {

void apply_logging(const Config& config) {
  auto level = spdlog::level::from_str(config.log_level);
  spdlog::set_level(level);
  bool json = config.log_format == "json";
  if (json) spdlog::default_logger()->set_formatter(std::make_unique<JsonLogFormatter>());

  // The request log renders its whole line itself in json mode (its fields at the top level), so its sink
  // prints the message as it is; in text mode it looks like every other line. Console sinks of one kind
  // share one mutex, so its lines never interleave with the default logger's.
  if (spdlog::get(kRequestLoggerName)) return;
  auto sink = std::make_shared<spdlog::sinks::stdout_color_sink_mt>();
  if (json) sink->set_formatter(std::make_unique<spdlog::pattern_formatter>("%v"));
  auto logger = std::make_shared<spdlog::logger>(kRequestLoggerName, std::move(sink));
  logger->set_level(level);
  spdlog::register_logger(logger);
}

}  // namespace cruddur::app
