// JwksCache ends a fetch on every path: a source that fails with something other than std::exception must
// not leave later lookups waiting for a fetch that is over (issue 15).
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <chrono>
#include <future>

#include "auth/cognito/jwks_cache.hpp"
#include "auth/cognito/jwks_source.hpp"
#include "token_fixture.hpp"

namespace cruddur::testing {
namespace {

// Fails its first fetch by throwing a non-std exception, then serves `document`.
class FailingOnceSource final : public cognito::JwksSource {
 public:
  explicit FailingOnceSource(std::string document) : document_(std::move(document)) {}
  boost::asio::awaitable<std::string> fetch() override {
    if (calls_++ == 0) throw 42;  // e.g. a coroutine cancelled by something that is not a std::exception
    co_return document_;
  }
  int calls() const { return calls_; }

 private:
  std::string document_;
  int calls_ = 0;
};

class JwksCacheTest : public CognitoTokenTest {};

TEST_F(JwksCacheTest, AFetchThatThrowsANonStandardExceptionStillEndsAndTheNextLookupFetchesAgain) {
  FailingOnceSource source(jwks_document({pool_key().jwk("kid-1")}));
  cognito::JwksCache cache(source, clock_, settings_.jwks_min_refresh_interval);
  boost::asio::io_context io;

  auto first = boost::asio::co_spawn(io, cache.key_for("kid-1"), boost::asio::use_future);
  io.run();
  ASSERT_EQ(first.wait_for(std::chrono::seconds(0)), std::future_status::ready);
  EXPECT_THROW(first.get(), int);

  // No keys were ever loaded, so the next lookup may fetch at once; it must not wait for the failed fetch.
  io.restart();
  auto second = boost::asio::co_spawn(io, cache.key_for("kid-1"), boost::asio::use_future);
  io.run();
  ASSERT_EQ(second.wait_for(std::chrono::seconds(0)), std::future_status::ready)
      << "the second lookup waited for a fetch that had already ended";
  EXPECT_TRUE(second.get().has_value());
  EXPECT_EQ(source.calls(), 2);
}

}  // namespace
}  // namespace cruddur::testing
