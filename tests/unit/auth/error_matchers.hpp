#pragma once
// Runs `action` and returns the cruddur::Error it throws; fails the test if it throws nothing or another type.

#include <gtest/gtest.h>

#include <optional>

#include "core/error.hpp"

namespace cruddur::auth {

template <typename Action>
std::optional<Error> thrown_error(Action&& action) {
  try {
    action();
  } catch (const Error& error) {
    return error;
  } catch (const std::exception& other) {
    ADD_FAILURE() << "expected cruddur::Error, got: " << other.what();
    return std::nullopt;
  }
  ADD_FAILURE() << "expected cruddur::Error, nothing was thrown";
  return std::nullopt;
}

}  // namespace cruddur::auth
