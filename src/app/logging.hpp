#pragma once
// Log set-up (doc/observability.md "Logs"): spdlog's level from --log-level, and the line format from
// --log-format: `text` (spdlog's usual lines) or `json` (one JSON object a line, json_log_formatter.hpp).
// Besides the default logger there is the `request` logger of the request log (request_log.hpp).
// Call once, before other threads log.

#include "app/config.hpp"

namespace cruddur::app {

inline constexpr const char* kRequestLoggerName = "request";

void apply_logging(const Config& config);

}  // namespace cruddur::app
