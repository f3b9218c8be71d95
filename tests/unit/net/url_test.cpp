#include "net/url.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace cruddur::net {
namespace {

TEST(Url, SplitsSchemeHostPortAndTarget) {
  Url u = parse_url("http://127.0.0.1:8000/a/b?x=1");
  EXPECT_EQ(u.scheme, "http");
  EXPECT_EQ(u.host, "127.0.0.1");
  EXPECT_EQ(u.port, 8000);
  EXPECT_EQ(u.target, "/a/b?x=1");
  EXPECT_EQ(u.path(), "/a/b");
  EXPECT_EQ(u.query(), "x=1");
  EXPECT_EQ(u.host_header(), "127.0.0.1:8000");
}

TEST(Url, DefaultsPortsAndTargetAndOmitsDefaultPortFromHost) {
  Url u = parse_url("HTTPS://DynamoDB.us-east-1.amazonaws.com");
  EXPECT_EQ(u.scheme, "https");
  EXPECT_EQ(u.host, "dynamodb.us-east-1.amazonaws.com");
  EXPECT_EQ(u.port, 443);
  EXPECT_EQ(u.target, "/");
  EXPECT_EQ(u.host_header(), "dynamodb.us-east-1.amazonaws.com");
  EXPECT_EQ(parse_url("http://localhost").port, 80);
  EXPECT_EQ(parse_url("http://localhost?a=b").target, "/?a=b");
}

TEST(Url, BracketsIpv6) {
  Url u = parse_url("http://[::1]:9000/");
  EXPECT_EQ(u.host, "::1");
  EXPECT_EQ(u.port, 9000);
  EXPECT_EQ(u.host_header(), "[::1]:9000");
}

TEST(Url, RejectsWhatItCannotConnectTo) {
  EXPECT_THROW(parse_url("ftp://example.com/"), std::invalid_argument);
  EXPECT_THROW(parse_url("example.com"), std::invalid_argument);
  EXPECT_THROW(parse_url("http://:80/"), std::invalid_argument);
  EXPECT_THROW(parse_url("http://host:0/"), std::invalid_argument);
  EXPECT_THROW(parse_url("http://host:70000/"), std::invalid_argument);
  EXPECT_THROW(parse_url("http://host:8x/"), std::invalid_argument);
  EXPECT_THROW(parse_url("http://user:pw@host/"), std::invalid_argument);
}

}  // namespace
}  // namespace cruddur::net
