#include "app/logging.hpp"

#include <spdlog/spdlog.h>

namespace cruddur::app {

void apply_log_level(const Config& config) {
  spdlog::set_level(spdlog::level::from_str(config.log_level));
}

}  // namespace cruddur::app
