#pragma once
// The one error type that reaches the HTTP edge. Domain and API code throw Error through its named
// factories; exactly one place (api/error_reply.cpp) turns it into a status and `{"errors": [codes...]}`.
// Any other exception reaching the edge is logged once and answered 500 {"errors":["internal_error"]}.

#include <chrono>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <vector>

namespace cruddur {

class Error : public std::runtime_error {
 public:
  Error(int status, std::vector<std::string> codes);

  int status() const { return status_; }
  const std::vector<std::string>& codes() const { return codes_; }
  // When the client may try again (answered as a Retry-After header); zero when the error does not say.
  std::chrono::seconds retry_after() const { return retry_after_; }

  static Error bad_request(std::string code);                  // 400: malformed JSON, wrong types
  static Error unauthorized();                                 // 401 unauthorized
  static Error forbidden(std::string code);                    // 403
  static Error not_found(std::string code = "not_found");      // 404
  static Error method_not_allowed();                           // 405
  static Error conflict(std::string code);                     // 409
  static Error payload_too_large();                            // 413
  static Error validation(std::vector<std::string> codes);     // 422, every failing rule
  // 429 too_many_requests; a positive `retry_after` is sent as Retry-After (rounded up to >= 1 s by callers).
  static Error too_many_requests(std::chrono::seconds retry_after = {});
  static Error headers_too_large();                            // 431
  static Error unavailable(std::string code = "service_unavailable");  // 503
  static Error busy(std::chrono::seconds retry_after);         // 503 service_busy, with Retry-After

 private:
  int status_;
  std::vector<std::string> codes_;
  std::chrono::seconds retry_after_{0};
};

}  // namespace cruddur
