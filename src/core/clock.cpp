#include "core/clock.hpp"

#include <cstdio>

namespace cruddur {

namespace {
// Howard Hinnant's civil-from-days / days-from-civil, via <chrono> calendar types.
std::chrono::sys_days to_days(Microseconds t, Microseconds& micros_of_day) {
  Microseconds day_us = 86'400LL * kMicrosPerSecond;
  Microseconds days = t / day_us;
  micros_of_day = t % day_us;
  if (micros_of_day < 0) {
    micros_of_day += day_us;
    --days;
  }
  return std::chrono::sys_days{std::chrono::days{days}};
}
}  // namespace

Microseconds SystemClock::now() const {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

std::string format_timestamp(Microseconds t) {
  Microseconds rest = 0;
  std::chrono::year_month_day ymd{to_days(t, rest)};
  long long secs = rest / kMicrosPerSecond;
  long long micros = rest % kMicrosPerSecond;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lld.%06lld+00:00", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), secs / 3600, (secs / 60) % 60, secs % 60, micros);
  return buf;
}

std::optional<Microseconds> parse_timestamp(std::string_view s) {
  // 0123456789012345678901234567890
  // 2026-11-26T12:00:00.123456+00:00
  if (s.size() != 32 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
      s[19] != '.' || s.substr(26) != "+00:00")
    return std::nullopt;
  auto num = [&](size_t pos, size_t len) -> long long {
    long long v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  long long y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2), se = num(17, 2),
            us = num(20, 6);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || se < 0 || us < 0) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(int(y)), std::chrono::month(unsigned(mo)),
                                  std::chrono::day(unsigned(d))};
  if (!ymd.ok() || h > 23 || mi > 59 || se > 59) return std::nullopt;
  Microseconds days = std::chrono::sys_days(ymd).time_since_epoch().count();
  return ((days * 86'400 + h * 3600 + mi * 60 + se) * kMicrosPerSecond) + us;
}

}  // namespace cruddur
