// `limit` and `cursor` query parameters of the list routes.

#include "api/paging.hpp"

#include <gtest/gtest.h>

#include "support/expect_error.hpp"

namespace cruddur::api {
namespace {

Request with_query(std::map<std::string, std::string> query) {
  Request request;
  request.method = "GET";
  request.path = "/api/message_groups";
  request.query = std::move(query);
  return request;
}

TEST(PageRequest, DefaultsToTwentyFromTheStart) {
  auto page = page_request(with_query({}));
  EXPECT_EQ(page.limit, 20);
  EXPECT_FALSE(page.cursor);
}

TEST(PageRequest, AcceptsLimitsFromOneToAHundred) {
  EXPECT_EQ(page_request(with_query({{"limit", "1"}})).limit, 1);
  EXPECT_EQ(page_request(with_query({{"limit", "37"}})).limit, 37);
  EXPECT_EQ(page_request(with_query({{"limit", "100"}})).limit, 100);
}

TEST(PageRequest, RefusesAnyOtherLimit) {
  for (const char* limit : {"0", "101", "-1", "", "abc", "5x", " 5", "5 ", "+5", "1e2", "2.0", "0x10",
                            "99999999999999999999"}) {
    SCOPED_TRACE(limit);
    EXPECT_CRUDDUR_ERROR(page_request(with_query({{"limit", limit}})), 422, {"limit_invalid"});
  }
}

TEST(PageRequest, PassesTheCursorThrough) {
  auto page = page_request(with_query({{"cursor", "bTF8abc"}, {"limit", "5"}}));
  EXPECT_EQ(page.cursor, "bTF8abc");
  EXPECT_EQ(page.limit, 5);
}

TEST(PageRequest, AnEmptyCursorMeansTheFirstPage) {
  EXPECT_FALSE(page_request(with_query({{"cursor", ""}})).cursor);
}

TEST(PageRequest, IgnoresOtherParameters) {
  auto page = page_request(with_query({{"page", "3"}, {"Limit", "500"}}));
  EXPECT_EQ(page.limit, 20);
  EXPECT_FALSE(page.cursor);
}

}  // namespace
}  // namespace cruddur::api
