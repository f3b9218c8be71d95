#pragma once
// The api tests use the shared Error expectations (tests/support/expect_error.hpp).
#include "support/expect_error.hpp"
