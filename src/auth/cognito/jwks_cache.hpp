#pragma once
// The pool's signing keys, fetched from a JwksSource, kept, and refetched when a token names a `kid` we do
// not know (Cognito rotating keys) -- at most once per `min_refresh_interval`, so tokens with made-up kids
// cannot make us hammer the JWKS endpoint. Concurrent lookups of unknown kids share one fetch: callers
// that arrive while a fetch is in flight wait for it instead of starting another.
//
// The key endpoint down (doc/reliability.md): tokens whose keys are known never need it and keep working.
// For an unknown kid the cache cannot tell a forged kid from a rotated key while the endpoint does not
// answer, so that lookup fails with JwksError (the server's fault: 503, never 401): when the refetch fails
// or takes longer than `fetch_timeout`, when it waited for such a refetch, and while the last refetch
// failed and the next is not yet allowed. After a failed refetch the next is allowed `retry_after_failure`
// later (not a whole min_refresh_interval), so once the endpoint is back the kid is settled within about
// that time.
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
  // `fetch_timeout`: a refetch for an unknown kid gives up after this long (0: the source's own limits).
  JwksCache(JwksSource& source, const Clock& clock, std::chrono::seconds min_refresh_interval,
            std::chrono::milliseconds fetch_timeout = std::chrono::milliseconds(0),
            std::chrono::milliseconds retry_after_failure = std::chrono::milliseconds(1000));

  // Fetches the keys now (at start). Throws what the source or parse_jwks throws; the cache keeps its old
  // keys then. Neither rate-limited nor counted against the limit.
  boost::asio::awaitable<void> refresh();

  // The key for `kid`: a known one, else (rate limits permitting) whatever a refetch brings. nullopt when
  // the kid stays unknown: the last refetch succeeded and did not have it. Throws JwksError when that cannot
  // be known: no keys were ever loaded, or the refetch this lookup made or waited for failed, or it is
  // rate-limited and the last refetch failed (see the top).  
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
  boost::asio::awaitable<void> fetch_and_store(std::chrono::milliseconds timeout);
  boost::asio::awaitable<void> wait_for_fetch_in_flight();
  void finish_fetch() noexcept;

  JwksSource& source_;
  const Clock& clock_;
  const Microseconds min_refresh_interval_;
  const std::chrono::milliseconds fetch_timeout_;
  const Microseconds retry_after_failure_;

  mutable Mutex mutex_;
  std::shared_ptr<const KeySet> keys_ CRUDDUR_GUARDED_BY(mutex_);  // null until the first success
  // Refetches for unknown kids only.
  std::optional<Microseconds> last_fetch_started_ CRUDDUR_GUARDED_BY(mutex_);
  bool fetch_in_flight_ CRUDDUR_GUARDED_BY(mutex_) = false;
  std::string last_failure_ CRUDDUR_GUARDED_BY(mutex_);  // "" when the last refetch succeeded
  std::vector<Waiter> waiters_ CRUDDUR_GUARDED_BY(mutex_);  // resumed when the fetch ends
  int fetch_count_ CRUDDUR_GUARDED_BY(mutex_) = 0;
};

}  // namespace cruddur::auth::cognito
