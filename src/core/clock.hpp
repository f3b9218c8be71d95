#pragma once
// The one clock. Production uses SystemClock; tests use ManualClock to control time.
// Timestamps are fixed-width UTC with microseconds: 2026-11-26T12:00:00.123456+00:00 (32 bytes), so their
// byte order is their time order.
//
// Thread-safety: both clocks may be read from any thread.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cruddur {

using Microseconds = std::int64_t;  // since the Unix epoch, UTC

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Microseconds now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Microseconds now() const override;
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(Microseconds start) : now_(start) {}
  Microseconds now() const override { return now_.load(); }
  void set(Microseconds t) { now_.store(t); }
  void advance(Microseconds delta) { now_.fetch_add(delta); }

 private:
  std::atomic<Microseconds> now_;
};

// "2026-11-26T12:00:00.123456+00:00"
std::string format_timestamp(Microseconds t);
// Parses exactly the format above (only the +00:00 offset); nullopt otherwise.
std::optional<Microseconds> parse_timestamp(std::string_view text);

constexpr Microseconds kMicrosPerSecond = 1'000'000;

}  // namespace cruddur
