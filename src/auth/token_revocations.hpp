#pragma once
// Which local access tokens were signed out, on every instance that shares the user directory.
//
// The directory (SQLite file in the data dir, or PostgreSQL) keeps one row per revoked token id until the
// token would have expired anyway (users/directory.hpp: revoke_token, revoked_tokens_since). Each instance
// keeps the unexpired revoked ids in memory and brings them up to date from the directory at most once per
// kRefreshInterval, when a request asks and the copy is older than that: one small indexed query a second
// per busy instance, whatever the number of users, and no directory read on the other requests.
//
// The promise (doc/api.md, "Sign-out"): a revoked token is refused at once on the instance that revoked it,
// and on the others from at most kRefreshInterval (plus one directory round trip) after the revocation was
// committed. The refresh asks for every row stamped since kLookback before the newest stamp it has seen,
// so a revocation whose commit became visible up to kLookback after its stamp (a slow commit; clocks of
// several writers of one SQLite file) is not missed.
//
// Memory: one entry (~100 bytes) per token revoked within one token lifetime; it cannot be bounded lower
// without forgetting a revocation too early, so it is not.
//
// Thread-safety: every member may be called from any thread and coroutine at once. A refresh that fails
// (directory unreachable) throws to the request that ran it; the next request tries again.
// The directory and clock must outlive this object.

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/mutex.hpp"
#include "users/directory.hpp"

namespace cruddur::auth {

class TokenRevocations {
 public:
  static constexpr Microseconds kRefreshInterval = kMicrosPerSecond;
  static constexpr Microseconds kLookback = 10 * kMicrosPerSecond;
  static constexpr Microseconds kPruneInterval = 60 * kMicrosPerSecond;

  TokenRevocations(users::Directory& directory, const Clock& clock);

  // Records the revocation in the directory, then in this instance's memory. Idempotent.
  boost::asio::awaitable<void> revoke(std::string token_id, Microseconds expires_at);

  // True when `token_id` was revoked (here, or on another instance as of the last refresh, which this call
  // runs first when the copy is older than kRefreshInterval).
  boost::asio::awaitable<bool> is_revoked(std::string token_id);

 private:
  boost::asio::awaitable<void> refresh_if_stale();
  void remember(const std::string& token_id, std::int64_t expires_at_seconds) CRUDDUR_REQUIRES(mutex_);

  users::Directory& directory_;
  const Clock& clock_;
  Mutex mutex_;
  std::unordered_map<std::string, std::int64_t> revoked_ CRUDDUR_GUARDED_BY(mutex_);  // token id -> expiry, unix s
  Microseconds refreshed_at_ CRUDDUR_GUARDED_BY(mutex_) = 0;                          // this clock, 0 = never
  Microseconds pruned_at_ CRUDDUR_GUARDED_BY(mutex_) = 0;
  std::int64_t newest_stamp_ CRUDDUR_GUARDED_BY(mutex_) = 0;  // the directory's clock
  bool refreshing_ CRUDDUR_GUARDED_BY(mutex_) = false;        // a refresh is in flight
};

}  // namespace cruddur::auth
