#pragma once
// Runs a shell command of the tests' helper scripts (tests/engines) and returns what it printed.

#include <string>

namespace cruddur::testing {

// Runs `command` with /bin/sh and returns its stdout; throws std::runtime_error when it cannot be started or
// exits non-zero (the message names the command and its status).
std::string run_command(const std::string& command);

}  // namespace cruddur::testing
