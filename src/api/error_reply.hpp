#pragma once
// The one place an Error becomes an HTTP reply: its status and `{"errors": [codes...]}`.
// Every error body the service sends (handler errors, routing 404/405, transport 400/413/431, the 500 for
// unexpected exceptions) is rendered here, so clients see one shape.

#include <exception>
#include <string>

#include "api/exchange.hpp"
#include "core/error.hpp"

namespace cruddur::api {

// Pure: same Error, same Response. Content type application/json; the only extra header is Retry-After,
// when the error carries one.
Response error_reply(const Error& error);

// The reply for an exception that escaped a handler; the one place storage outcomes become HTTP:
//   cruddur::Error                                  -> its status and codes
//   store::StoreError unavailable or throttled      -> 503 service_unavailable (logged as a warning)
//   anything else                                   -> 500 internal_error (logged once, with method + path)
Response reply_for_exception(std::exception_ptr error, const std::string& method, const std::string& path);

}  // namespace cruddur::api
