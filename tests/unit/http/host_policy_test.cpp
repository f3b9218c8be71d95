// Which Host values the server answers (no sockets: the connection's local address is given).

#include "http/host_policy.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace cruddur::http {
namespace {

using Verdict = HostPolicy::Verdict;
namespace ip = boost::asio::ip;

const ip::address loopback = ip::make_address("127.0.0.1");

TEST(HostPolicy, ItsOwnAddressAndLocalhostOnItsOwnPort) {
  HostPolicy policy("127.0.0.1", 4567, {});
  EXPECT_EQ(policy.check("127.0.0.1:4567", loopback), Verdict::allowed);
  EXPECT_EQ(policy.check("localhost:4567", loopback), Verdict::allowed);
  EXPECT_EQ(policy.check("LocalHost:4567", loopback), Verdict::allowed);
  EXPECT_EQ(policy.check("127.0.0.1:4568", loopback), Verdict::misdirected);
  EXPECT_EQ(policy.check("127.0.0.1", loopback), Verdict::misdirected) << "no port means 80";
  EXPECT_EQ(policy.check("[::1]:4567", loopback), Verdict::misdirected) << "not the address it arrived on";
  EXPECT_EQ(policy.check("attacker.example:4567", loopback), Verdict::misdirected);
  EXPECT_EQ(HostPolicy("127.0.0.1", 80, {}).check("localhost", loopback), Verdict::allowed);
}

TEST(HostPolicy, AWildcardListenAcceptsTheAddressTheConnectionArrivedOn) {
  HostPolicy policy("0.0.0.0", 4567, {});
  auto lan = ip::make_address("10.1.2.3");
  EXPECT_EQ(policy.check("10.1.2.3:4567", lan), Verdict::allowed);
  EXPECT_EQ(policy.check("10.1.2.4:4567", lan), Verdict::misdirected);
  EXPECT_EQ(policy.check("localhost:4567", lan), Verdict::misdirected) << "not a loopback connection";
  EXPECT_EQ(policy.check("0.0.0.0:4567", lan), Verdict::misdirected);
  auto mapped = ip::make_address("::ffff:10.1.2.3");
  EXPECT_EQ(HostPolicy("::", 4567, {}).check("10.1.2.3:4567", mapped), Verdict::allowed);
  auto v6 = ip::make_address("::1");
  EXPECT_EQ(HostPolicy("::1", 4567, {}).check("[::1]:4567", v6), Verdict::allowed);
  EXPECT_EQ(HostPolicy("::1", 4567, {}).check("[0:0::1]:4567", v6), Verdict::allowed);
  EXPECT_EQ(HostPolicy("::1", 4567, {}).check("localhost:4567", v6), Verdict::allowed);
}

TEST(HostPolicy, TheConfiguredListenNameIsItsOwn) {
  HostPolicy policy("chat.internal", 4567, {});
  auto lan = ip::make_address("10.1.2.3");
  EXPECT_EQ(policy.check("chat.internal:4567", lan), Verdict::allowed);
  EXPECT_EQ(policy.check("chat.internal:80", lan), Verdict::misdirected);
}

TEST(HostPolicy, AllowedEntriesMatchAnyPortUnlessTheyNameOne) {
  HostPolicy policy("127.0.0.1", 4567, {"chat.example.com", "api.example.com:8443", "[2001:db8::1]"});
  EXPECT_EQ(policy.check("chat.example.com", loopback), Verdict::allowed);
  EXPECT_EQ(policy.check("CHAT.example.com:443", loopback), Verdict::allowed);
  EXPECT_EQ(policy.check("api.example.com:8443", loopback), Verdict::allowed);
  EXPECT_EQ(policy.check("api.example.com", loopback), Verdict::misdirected);
  EXPECT_EQ(policy.check("api.example.com:443", loopback), Verdict::misdirected);
  EXPECT_EQ(policy.check("[2001:db8:0::1]:9000", loopback), Verdict::allowed);
  EXPECT_EQ(policy.check("x.chat.example.com", loopback), Verdict::misdirected);
}

TEST(HostPolicy, StarAllowsAnyWellFormedHost) {
  HostPolicy policy("127.0.0.1", 4567, {"*"});
  EXPECT_EQ(policy.check("anything.example:1", loopback), Verdict::allowed);
  EXPECT_EQ(policy.check("bad host", loopback), Verdict::malformed);
}

TEST(HostPolicy, MalformedHostsAndEntries) {
  HostPolicy policy("127.0.0.1", 4567, {});
  for (const char* bad : {"", ":4567", "a b", "a/b", "a@b", "127.0.0.1:65536", "127.0.0.1:x", "[::1", "[nope]:1",
                          "[::1]x", "a:1:2"}) {
    EXPECT_EQ(policy.check(bad, loopback), Verdict::malformed) << bad;
  }
  EXPECT_EQ(policy.check("localhost:", loopback), Verdict::misdirected) << "an empty port is the default one";
  EXPECT_THROW(HostPolicy("127.0.0.1", 4567, {"bad host"}), std::invalid_argument);
  EXPECT_THROW(HostPolicy("127.0.0.1", 4567, {""}), std::invalid_argument);
}

}  // namespace
}  // namespace cruddur::http
