#include "http/request_metrics.hpp"

#include <chrono>

namespace cruddur::http {

namespace {

// Methods that get a label value of their own on static and other; anything else is "other".
constexpr std::array<std::string_view, 8> kMethods = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "other"};

std::size_t method_position(std::string_view method) {
  for (std::size_t i = 0; i + 1 < kMethods.size(); ++i)
    if (kMethods[i] == method) return i;
  return kMethods.size() - 1;
}

// The child `cached` points to, made by `make` the first time (the family's lock, once; threads racing on
// the first use get the same child from the family).
template <typename Metric, typename Make>
Metric& cached_child(std::atomic<Metric*>& cached, Make make) {
  Metric* metric = cached.load(std::memory_order_acquire);
  if (!metric) {
    metric = &make();
    cached.store(metric, std::memory_order_release);
  }
  return *metric;
}

}  // namespace

RequestMetrics::RequestMetrics(metrics::Registry& registry, const std::vector<api::Route>& routes)
    : requests_(registry.counter("cruddur_http_requests_total", "HTTP requests answered, by route and status.",
                                 {"method", "route", "status"})),
      durations_(registry.histogram("cruddur_http_request_duration_seconds",
                                    "HTTP request latency, from the first byte to the reply written.",
                                    {"method", "route"}, metrics::latency_buckets())) {
  for (const auto& route : routes) add_slot(route.method, route.pattern);
  route_slots_ = slots_.size();
  for (std::string_view route : {"static", "other"})
    for (std::string_view method : kMethods) add_slot(std::string(method), std::string(route));
}

void RequestMetrics::add_slot(std::string method, std::string route) {
  Slot& slot = slots_.emplace_back();
  slot.method = std::move(method);
  slot.route = std::move(route);
}

RequestMetrics::Slot& RequestMetrics::slot_for(const CompletedRequest& request) {
  int index = request.info.route_index;
  if (index >= 0 && static_cast<std::size_t>(index) < route_slots_) return slots_[static_cast<std::size_t>(index)];
  std::size_t group = request.info.route == "static" ? 0 : 1;
  return slots_[route_slots_ + group * kMethods.size() + method_position(request.method)];
}

void RequestMetrics::record(const CompletedRequest& request) {
  Slot& slot = slot_for(request);
  int status = request.status >= kFirstStatus && request.status < kFirstStatus + kStatuses ? request.status : 500;
  auto& by_status = slot.by_status[static_cast<std::size_t>(status - kFirstStatus)];
  cached_child(by_status, [&]() -> auto& { return requests_.with({slot.method, slot.route, std::to_string(status)}); })
      .inc();
  cached_child(slot.duration, [&]() -> auto& { return durations_.with({slot.method, slot.route}); })
      .observe(std::chrono::duration<double>(request.duration).count());
}

}  // namespace cruddur::http
