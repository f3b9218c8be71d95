#pragma once
// The request log: one line per exchange after its reply was written, on the `request` logger
// (logging.hpp). Fields: request id (also sent as X-Request-Id), method, route pattern, status, duration
// and, when the caller authenticated, their uuid. Never the target's path or query (a query may carry a
// stream ticket), never a header: so no token, ticket or password reaches the log.
//   text (at debug level, so the default info output looks as it did):
//     [2026-12-02 06:46:32.123] [debug] request 5f3a9c1e-0000002a GET /api/messages/{message_group_uuid} 200 1.234 ms user=<uuid>
//   json (at info level):
//     {"time":"2026-12-02T06:46:32.123456+00:00","level":"info","msg":"request","request_id":"5f3a9c1e-0000002a",
//      "method":"GET","route":"/api/messages/{message_group_uuid}","status":200,"duration_ms":1.234,"user_uuid":"<uuid>"}
// Thread-safety: record() may run on any number of threads at once.

#include <spdlog/logger.h>

#include <memory>

#include "http/request_trace.hpp"

namespace cruddur::app {

class RequestLog {
 public:
  // Logs on the `request` logger set up by apply_logging (the default logger if there is none).
  explicit RequestLog(bool json);

  void record(const http::CompletedRequest& request) const;

 private:
  std::shared_ptr<spdlog::logger> logger_;
  bool json_;
};

}  // namespace cruddur::app
