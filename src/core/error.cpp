#include "core/error.hpp"

namespace cruddur {

namespace {
std::string describe(int status, const std::vector<std::string>& codes) {
  std::string text = std::to_string(status);
  for (const auto& c : codes) text += " " + c;
  return text;
}
}  // namespace

Error::Error(int status, std::vector<std::string> codes)
    : std::runtime_error(describe(status, codes)), status_(status), codes_(std::move(codes)) {}

Error Error::bad_request(std::string code) { return {400, {std::move(code)}}; }
Error Error::unauthorized() { return {401, {"unauthorized"}}; }
Error Error::forbidden(std::string code) { return {403, {std::move(code)}}; }
Error Error::not_found(std::string code) { return {404, {std::move(code)}}; }
Error Error::method_not_allowed() { return {405, {"method_not_allowed"}}; }
Error Error::conflict(std::string code) { return {409, {std::move(code)}}; }
Error Error::payload_too_large() { return {413, {"payload_too_large"}}; }
Error Error::validation(std::vector<std::string> codes) { return {422, std::move(codes)}; }
Error Error::too_many_requests(std::chrono::seconds retry_after) {
  Error error(429, {"too_many_requests"});
  error.retry_after_ = retry_after;
  return error;
}
Error Error::headers_too_large() { return {431, {"headers_too_large"}}; }
Error Error::unavailable(std::string code) { return {503, {std::move(code)}}; }
Error Error::busy(std::chrono::seconds retry_after) {
  Error error(503, {"service_busy"});
  error.retry_after_ = retry_after;
  return error;
}

}  // namespace cruddur
