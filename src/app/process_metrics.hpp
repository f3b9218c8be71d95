#pragma once
// The standard process metrics of Prometheus clients, read from /proc at scrape time (Linux):
//   process_cpu_seconds_total, process_resident_memory_bytes, process_open_fds, process_max_fds,
//   process_start_time_seconds. A number that cannot be read is left out of that scrape.

#include "core/metrics.hpp"

namespace cruddur::app {

void add_process_collector(metrics::Registry& registry);

}  // namespace cruddur::app
