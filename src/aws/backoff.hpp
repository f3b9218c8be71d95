#pragma once
// Waiting between retries: jittered exponential backoff and an asynchronous sleep on the caller's executor.

#include <chrono>

#include "aws/aws_config.hpp"
#include "core/task.hpp"

namespace cruddur::aws {

// Full jitter: a delay drawn uniformly from [0, min(max_delay, base_delay * 2^attempt)]. Thread-safe.
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int attempt);

// Suspends the calling coroutine for `delay` without blocking its thread.
Task<void> sleep_for(std::chrono::milliseconds delay);

}  // namespace cruddur::aws
