#pragma once
// The live stream's counters (live::Stats) on /metrics: sockets, tickets, deliveries, drops by reason,
// refused client frames, resume outcomes, and the Redis backplane. Read at scrape time from the atomics;
// `stats` must outlive the registry's use of the collector (both live in Services).

#include "core/metrics.hpp"
#include "live/stats.hpp"

namespace cruddur::app {

void add_stream_collector(metrics::Registry& registry, const live::Stats& stats);

}  // namespace cruddur::app
