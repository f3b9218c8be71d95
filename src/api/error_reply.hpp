#pragma once
// The one place an Error becomes an HTTP reply: its status and `{"errors": [codes...]}`.
// Every error body the service sends (handler errors, routing 404/405, transport 400/413/431, the 500 for
// unexpected exceptions) is rendered here, so clients see one shape.

#include "api/exchange.hpp"
#include "core/error.hpp"

namespace cruddur::api {

// Pure: same Error, same Response. Content type application/json; the only extra header is Retry-After,
// when the error carries one.
Response error_reply(const Error& error);

}  // namespace cruddur::api
