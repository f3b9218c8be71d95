#pragma once
// The request metrics of doc/observability.md, fed by the server's RequestObserver:
//   cruddur_http_requests_total{method,route,status}          counter
//   cruddur_http_request_duration_seconds{method,route}       histogram (first byte to reply written)
// `route` is the matched route's pattern (`/api/messages/{message_group_uuid}`), `static` for the web app's files, or
// `other` (unknown paths, unparsable requests), so the number of series is bounded by the route table and
// never by what clients send. `method` is the matched route's method; for static and other, the request's
// method when it is a standard one, else `other`.
//
// Thread-safety: record() may run on any number of threads at once; after a (route, status) pair was seen
// once it is lock-free. Series appear when first recorded (a few relaxed atomics). Beast-free.

#include "api/exchange.hpp"
#include "core/metrics.hpp"
#include "http/request_trace.hpp"

#include <array>
#include <atomic>
#include <deque>
#include <string>
#include <vector>

namespace cruddur::http {

class RequestMetrics {
 public:
  // `routes`: the route table the server is given (same order). `registry` must outlive this object.
  RequestMetrics(metrics::Registry& registry, const std::vector<api::Route>& routes);

  void record(const CompletedRequest& request);

 private:
  static constexpr int kFirstStatus = 100;
  static constexpr int kStatuses = 500;  // 100..599
  struct Slot {
    std::string method;
    std::string route;
    std::atomic<metrics::Histogram*> duration{nullptr};                  // filled on first use
    std::array<std::atomic<metrics::Counter*>, kStatuses> by_status{};  // filled on first use
  };

  Slot& slot_for(const CompletedRequest& request);
  void add_slot(std::string method, std::string route);

  metrics::Family<metrics::Counter>& requests_;
  metrics::Family<metrics::Histogram>& durations_;
  std::size_t route_slots_ = 0;
  std::deque<Slot> slots_;  // the routes in table order, then per standard method: static, other
};

}  // namespace cruddur::http
