#pragma once
// Counts and times the operations of one component that others call (the storage engine, the user
// directory), as two families:
//   <prefix>_operations_total{op,outcome}        counter; outcome "ok" or a named failure
//   <prefix>_operation_duration_seconds{op}      histogram (metrics::latency_buckets)
// and times one awaited call into them (timed()). The decorators store::ObservedTable and
// users::ObservedDirectory use it.
//
// Thread-safety: record() and timed() may run on any number of threads at once; an "ok" is lock-free, a
// failure outcome looks its counter up under the family's lock (failures are rare). Owns nothing but
// references into the registry, which must outlive it.

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <exception>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/metrics.hpp"

namespace cruddur::metrics {

class OperationMetrics {
 public:
  // `ops`: the operation names, by position (record() and timed() take the position). Every op starts with
  // an ok count of 0 and an empty histogram, so each series exists before its first call.
  OperationMetrics(Registry& registry, const std::string& prefix, const std::string& what,
                   std::vector<std::string> ops);

  void record(std::size_t op, std::string_view outcome, std::chrono::steady_clock::duration elapsed);

 private:
  struct Op {
    std::string name;
    Counter* ok;
    Histogram* duration;
  };
  Family<Counter>& operations_;
  std::vector<Op> ops_;
};

// Awaits `call`, then records op `op` with outcome `outcome_of(result)` (a string_view), or with
// `error_outcome(exception)` when it threw (and rethrows). For a void call, outcome_of is not called: "ok".
template <typename T, typename OutcomeOf, typename ErrorOutcome>
boost::asio::awaitable<T> timed(OperationMetrics& metrics, std::size_t op, boost::asio::awaitable<T> call,
                                OutcomeOf outcome_of, ErrorOutcome error_outcome) {
  auto started = std::chrono::steady_clock::now();
  std::string_view outcome = "ok";
  std::exception_ptr error;
  try {
    if constexpr (std::is_void_v<T>) {
      co_await std::move(call);
      metrics.record(op, outcome, std::chrono::steady_clock::now() - started);
      co_return;
    } else {
      T result = co_await std::move(call);
      outcome = outcome_of(result);
      metrics.record(op, outcome, std::chrono::steady_clock::now() - started);
      co_return result;
    }
  } catch (...) {
    error = std::current_exception();
  }
  metrics.record(op, error_outcome(error), std::chrono::steady_clock::now() - started);
  std::rethrow_exception(error);
}

}  // namespace cruddur::metrics
