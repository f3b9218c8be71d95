#include "http/request_id.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <random>

namespace cruddur::http {

namespace {

std::string process_prefix() {
  std::random_device random;
  char text[9];
  std::snprintf(text, sizeof text, "%08x", static_cast<unsigned>(random()));
  return text;
}

std::string new_request_id() {
  static const std::string prefix = process_prefix();
  static std::atomic<std::uint64_t> counter{0};
  std::uint64_t n = counter.fetch_add(1, std::memory_order_relaxed) + 1;
  char text[32];
  int length = std::snprintf(text, sizeof text, "%s-%08llx", prefix.c_str(), static_cast<unsigned long long>(n));
  return std::string(text, static_cast<std::size_t>(length));
}

}  // namespace

bool acceptable_request_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxRequestIdLength) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  });
}

std::string request_id_for(std::string_view offered) {
  if (acceptable_request_id(offered)) return std::string(offered);
  return new_request_id();
}

}  // namespace cruddur::http
