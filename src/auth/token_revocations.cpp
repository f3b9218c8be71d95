#include "auth/token_revocations.hpp"

#include <algorithm>

namespace cruddur::auth {

TokenRevocations::TokenRevocations(users::Directory& directory, const Clock& clock)
    : directory_(directory), clock_(clock) {}

void TokenRevocations::remember(const std::string& token_id, std::int64_t expires_at_seconds) {
  revoked_.insert_or_assign(token_id, expires_at_seconds);
}

boost::asio::awaitable<void> TokenRevocations::revoke(std::string token_id, Microseconds expires_at) {
  const std::int64_t expires_at_seconds = (expires_at + kMicrosPerSecond - 1) / kMicrosPerSecond;
  co_await directory_.revoke_token(token_id, expires_at_seconds);
  MutexLock lock(mutex_);
  remember(token_id, expires_at_seconds);
}

boost::asio::awaitable<bool> TokenRevocations::is_revoked(std::string token_id) {
  co_await refresh_if_stale();
  MutexLock lock(mutex_);
  co_return revoked_.contains(token_id);
}

boost::asio::awaitable<void> TokenRevocations::refresh_if_stale() {
  std::int64_t since = 0;
  {
    MutexLock lock(mutex_);
    // Someone else is refreshing: their answer is at most one round trip away; use what we have.
    if (refreshing_ || (refreshed_at_ != 0 && clock_.now() - refreshed_at_ < kRefreshInterval)) co_return;
    refreshing_ = true;
    since = newest_stamp_ == 0 ? 0 : newest_stamp_ - kLookback;
  }
  const Microseconds started = clock_.now();
  std::vector<users::RevokedToken> rows;
  try {
    rows = co_await directory_.revoked_tokens_since(since);
  } catch (...) {
    MutexLock lock(mutex_);
    refreshing_ = false;
    throw;
  }
  MutexLock lock(mutex_);
  for (const auto& row : rows) {
    remember(row.token_id, row.expires_at);
    newest_stamp_ = std::max(newest_stamp_, row.revoked_at);
  }
  refreshed_at_ = started;
  refreshing_ = false;
  if (started - pruned_at_ >= kPruneInterval) {
    const std::int64_t now_seconds = started / kMicrosPerSecond;
    std::erase_if(revoked_, [now_seconds](const auto& entry) { return entry.second <= now_seconds; });
    pruned_at_ = started;
  }
}

}  // namespace cruddur::auth
