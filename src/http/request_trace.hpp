#pragma once
// One exchange's bookkeeping on a connection: its request id (request_id.hpp), when it began, what the
// dispatcher and the handlers learned about it (api::RequestInfo: route, caller), and the report to the
// server's observer (the request log line and the request metrics) once its reply was written.
// Beast-free. Not thread-safe: a trace lives on its connection's strand, for one exchange.

#include "api/exchange.hpp"

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

namespace cruddur::http {

// One finished exchange, as the observer sees it. Views are valid only during the call.
struct CompletedRequest {
  std::string_view id;
  std::string_view method;  // as sent; "" when the request could not be parsed
  const api::RequestInfo& info;
  int status;
  std::chrono::steady_clock::duration duration;  // from the request's first byte to its reply written
};

// Called once per exchange after its reply was written (or failed to be), on the connection's strand,
// concurrently for different connections: must be thread-safe and quick. Exceptions are logged and dropped.
using RequestObserver = std::function<void(const CompletedRequest&)>;

class RequestTrace {
 public:
  // `offered_id`: the request's X-Request-Id ("" when absent), adopted when acceptable.
  RequestTrace(std::string_view offered_id, std::chrono::steady_clock::time_point started);

  const std::string& id() const { return id_; }
  api::RequestInfo& info() { return info_; }

  // Adds X-Request-Id to `response` (replacing a handler's own, if any).
  void stamp(api::Response& response) const;

  // Reports the exchange to `observer` (nothing when it is empty).
  void finish(const RequestObserver& observer, std::string_view method, int status) const;

 private:
  std::string id_;
  std::chrono::steady_clock::time_point started_;
  api::RequestInfo info_;
};

}  // namespace cruddur::http
