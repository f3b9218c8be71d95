#pragma once
// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, read, closed). Another process may
// take it before the caller binds it; callers that start servers retry on "address in use".

#include <cstdint>

namespace cruddur::testing {

uint16_t free_port();

}  // namespace cruddur::testing
