#include "core/operation_metrics.hpp"

namespace cruddur::metrics {

OperationMetrics::OperationMetrics(Registry& registry, const std::string& prefix, const std::string& what,
                                   std::vector<std::string> ops)
    : operations_(registry.counter(prefix + "_operations_total", what + " operations, by outcome.",
                                   {"op", "outcome"})) {
  auto& durations = registry.histogram(prefix + "_operation_duration_seconds", what + " operation latency.",
                                       {"op"}, latency_buckets());
  for (auto& name : ops) {
    Counter* ok = &operations_.with({name, "ok"});
    Histogram* duration = &durations.with({name});
    ops_.push_back({std::move(name), ok, duration});
  }
}

void OperationMetrics::record(std::size_t op, std::string_view outcome, std::chrono::steady_clock::duration elapsed) {
  const Op& entry = ops_.at(op);
  if (outcome == "ok") {
    entry.ok->inc();
  } else {
    operations_.with({entry.name, outcome}).inc();
  }
  entry.duration->observe(std::chrono::duration<double>(elapsed).count());
}

}  // namespace cruddur::metrics
