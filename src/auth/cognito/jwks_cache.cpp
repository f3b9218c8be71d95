#include "auth/cognito/jwks_cache.hpp"

#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <stdexcept>
#include <utility>

namespace cruddur::auth::cognito {

JwksCache::JwksCache(JwksSource& source, const Clock& clock, std::chrono::seconds min_refresh_interval,
                     std::chrono::milliseconds fetch_timeout, std::chrono::milliseconds retry_after_failure)
    : source_(source),
      clock_(clock),
      min_refresh_interval_(min_refresh_interval.count() * kMicrosPerSecond),
      fetch_timeout_(fetch_timeout),
      retry_after_failure_(retry_after_failure.count() * (kMicrosPerSecond / 1000)) {}

int JwksCache::fetch_count() const {
  MutexLock lock(mutex_);
  return fetch_count_;
}

std::optional<RsaPublicKey> JwksCache::known_key(const std::string& kid) const {
  MutexLock lock(mutex_);
  if (!keys_) return std::nullopt;
  auto found = keys_->find(kid);
  if (found == keys_->end()) return std::nullopt;
  return found->second;
}

// Fetches and parses outside the lock; stores the new set only when both succeed.
boost::asio::awaitable<void> JwksCache::fetch_and_store(std::chrono::milliseconds timeout) {
  std::string document;
  if (timeout.count() > 0) {
    document = co_await source_.fetch_within(timeout);
  } else {
    document = co_await source_.fetch();
  }
  auto keys = std::make_shared<const KeySet>(parse_jwks(document));
  MutexLock lock(mutex_);
  keys_ = std::move(keys);
  ++fetch_count_;
}

// Ends the in-flight fetch and resumes everyone who waited for it, each on its own executor. Called from a
// destructor: must not throw (post() of a handler onto its executor does not).
void JwksCache::finish_fetch() noexcept {
  std::vector<Waiter> waiters;
  {
    MutexLock lock(mutex_);
    fetch_in_flight_ = false;
    waiters.swap(waiters_);
  }
  for (auto& waiter : waiters) boost::asio::post(waiter.executor, std::move(waiter.resume));
}

boost::asio::awaitable<void> JwksCache::wait_for_fetch_in_flight() {
  return boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void()>(
      [this](auto handler) {
        boost::asio::any_io_executor executor = boost::asio::get_associated_executor(handler);
        MutexLock lock(mutex_);
        if (!fetch_in_flight_) {  // it ended between our check and now
          lock.unlock();
          boost::asio::post(executor, std::move(handler));
          return;
        }
        waiters_.push_back(Waiter{std::move(executor), std::move(handler)});
      },
      boost::asio::use_awaitable);
}

// Not counted against the rate limit: a key rotated just after start must not wait a whole interval.
boost::asio::awaitable<void> JwksCache::refresh() {
  const auto no_limit = std::chrono::milliseconds(0);
  co_await fetch_and_store(no_limit);
}

boost::asio::awaitable<std::optional<RsaPublicKey>> JwksCache::key_for(std::string kid) {
  if (auto key = known_key(kid)) co_return key;

  bool start_fetch = false;
  bool wait = false;
  {
    MutexLock lock(mutex_);
    const bool never_loaded = !keys_;
    const auto now = clock_.now();
    const Microseconds interval = last_failure_.empty() ? min_refresh_interval_ : retry_after_failure_;
    if (fetch_in_flight_) {
      wait = true;
    } else if (never_loaded || !last_fetch_started_ || now - *last_fetch_started_ >= interval) {
      // With no keys at all every token fails, so the rate limit does not hold us back then.
      fetch_in_flight_ = true;
      last_fetch_started_ = now;
      start_fetch = true;
    } else if (!last_failure_.empty()) {
      throw JwksError("the key endpoint failed at the last try (" + last_failure_ + "); kid " + kid + " unknown");
    }
  }

  std::string failure;
  if (wait) {
    co_await wait_for_fetch_in_flight();
  } else if (start_fetch) {
    // Ends the fetch on every way out: success, any exception (std:: or not), and this coroutine being
    // destroyed while suspended in the fetch (the destructor). Otherwise fetch_in_flight_ would stay set and
    // every later lookup of an unknown kid would wait forever. The exception paths end it explicitly too:
    // an exception leaving this coroutine body did not run the local's destructor here (GCC 12, tested).
    // Exactly once: a second finish_fetch() could end somebody else's later fetch.
    struct EndFetch {
      JwksCache* cache;
      bool ended = false;
      void now() {
        if (!std::exchange(ended, true)) cache->finish_fetch();
      }
      ~EndFetch() { now(); }
    } end_fetch{this};
    try {
      co_await fetch_and_store(fetch_timeout_);
    } catch (const std::exception& error) {
      failure = error.what();
      if (failure.empty()) failure = "failed";
    } catch (...) {
      end_fetch.now();
      throw;
    }
    {
      MutexLock lock(mutex_);
      last_failure_ = failure;  // before the waiters resume: they read it
    }
    end_fetch.now();
  }
  {
    MutexLock lock(mutex_);
    if (!keys_) throw JwksError("no JWKS keys could be loaded" + (failure.empty() ? "" : ": " + failure));
    if (failure.empty()) failure = last_failure_;  // a waiter: how the fetch it waited for ended
  }
  if (auto key = known_key(kid)) co_return key;
  if (!failure.empty())  // the kid may be a new key of the pool that we could not fetch
    throw JwksError("cannot refetch the keys for kid " + kid + ": " + failure);
  co_return std::nullopt;
}

}  // namespace cruddur::auth::cognito
