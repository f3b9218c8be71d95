#pragma once
#include "app/config.hpp"

namespace cruddur::app {
// Sets spdlog's level from --log-level (already checked by the CLI).
void apply_log_level(const Config& config);
}  // namespace cruddur::app
