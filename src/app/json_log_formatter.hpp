#pragma once
// `--log-format json`: every line of the default logger as one JSON object,
//   {"time":"2026-12-02T06:46:32.123456+00:00","level":"warn","msg":"..."}
// (the message escaped as a JSON string). Thread-safety: as any spdlog formatter (one per sink, used under
// the sink's lock).

#include <spdlog/formatter.h>

#include <memory>

namespace cruddur::app {

class JsonLogFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;
};

}  // namespace cruddur::app
