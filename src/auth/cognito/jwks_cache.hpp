#pragma once
// The pool's signing keys, fetched from a JwksSource, kept, and refetched when a token names a `kid` we do
// not know (Cognito rotating keys) -- at most once per `min_refresh_interval`, so tokens with made-up kids
// cannot make us hammer the JWKS endpoint. Concurrent lookups of unknown kids share one fetch: callers
// that arrive while a fetch is in flight wait for it instead of starting another.
//
// Thread-safety: every member may be called from any thread and coroutine at once. The source and clock
// must outlive the cache, and the cache must outlive every coroutine suspended in it.

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/cognito/jwks.hpp"
#include "auth/cognito/jwks_source.hpp"
#include "core/clock.hpp"
#include "core/mutex.hpp"

namespace cruddur::auth::cognito {

class JwksCache {
 public:
  JwksCache(JwksSource& source, const Clock& clock, std::chrono::seconds min_refresh_interval);

  // Fetches the keys now (at start). Throws what the source or parse_jwks throws; the cache keeps its old
  // keys then. Neither rate-limited nor counted against the limit.
  boost::asio::awaitable<void> refresh();

  // The key for `kid`: a known one, else (rate limits permitting) whatever a refetch brings. nullopt when
  // the kid stays unknown. A failed refetch counts as "unknown" (and is retried after the interval),
  // except when no keys were ever loaded: then it throws JwksError, since no token could be verified at all
  // (a server-side failure, not the caller's).
  boost::asio::awaitable<std::optional<RsaPublicKey>> key_for(std::string kid);

  // Completed fetches (for tests and metrics).
  int fetch_count() const;

 private:
  // A coroutine suspended until the in-flight fetch ends, and the executor to resume it on.
  struct Waiter {
    boost::asio::any_io_executor executor;
    boost::asio::any_completion_handler<void()> resume;
  };

  std::optional<RsaPublicKey> known_key(const std::string& kid) const CRUDDUR_EXCLUDES(mutex_);
  boost::asio::awaitable<void> fetch_and_store();
  boost::asio::awaitable<void> wait_for_fetch_in_flight();
  void finish_fetch() noexcept;

  JwksSource& source_;
  const Clock& clock_;
  const Microseconds min_refresh_interval_;

  mutable Mutex mutex_;
  std::shared_ptr<const KeySet> keys_ CRUDDUR_GUARDED_BY(mutex_);  // null until the first success
  // Refetches for unknown kids only.
  std::optional<Microseconds> last_fetch_started_ CRUDDUR_GUARDED_BY(mutex_);
  bool fetch_in_flight_ CRUDDUR_GUARDED_BY(mutex_) = false;
  std::vector<Waiter> waiters_ CRUDDUR_GUARDED_BY(mutex_);  // resumed when the fetch ends
  int fetch_count_ CRUDDUR_GUARDED_BY(mutex_) = 0;
};

}  // namespace cruddur::auth::cognito
