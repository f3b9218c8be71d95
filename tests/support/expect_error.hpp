#pragma once
// Expecting a cruddur::Error in tests.
//   thrown_error(action): the Error `action` throws; fails the test when it throws nothing or another type.
//   EXPECT_CRUDDUR_ERROR(statement, status, codes): `statement` throws an Error with that status and codes.

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace cruddur::testing {

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

}  // namespace cruddur::testing

#define EXPECT_CRUDDUR_ERROR(statement, status_, codes_)                           \
  do {                                                                             \
    auto error_ = ::cruddur::testing::thrown_error([&] { (void)(statement); });    \
    if (error_) {                                                                  \
      EXPECT_EQ(error_->status(), status_);                                        \
      EXPECT_EQ(error_->codes(), std::vector<std::string>(codes_));                \
    }                                                                              \
  } while (0)
