#pragma once
// EXPECT_CRUDDUR_ERROR(statement, status, codes): `statement` throws a cruddur::Error with that status and
// those codes (anything else, or nothing, fails the test).

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace cruddur::api::testing {

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

}  // namespace cruddur::api::testing

#define EXPECT_CRUDDUR_ERROR(statement, status_, codes_)                               \
  do {                                                                                 \
    auto error_ = ::cruddur::api::testing::thrown_error([&] { (void)(statement); });   \
    if (error_) {                                                                      \
      EXPECT_EQ(error_->status(), status_);                                            \
      EXPECT_EQ(error_->codes(), std::vector<std::string>(codes_));                    \
    }                                                                                  \
  } while (0)
