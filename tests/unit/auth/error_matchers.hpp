#pragma once
// The auth tests use the shared Error expectations (tests/support/expect_error.hpp).
#include "support/expect_error.hpp"

namespace cruddur::auth {
using cruddur::testing::thrown_error;
}  // namespace cruddur::auth
