#pragma once
// Stream tickets: what a browser puts in the WebSocket URL instead of its long-lived access token
// (POST /api/stream/ticket, then GET /api/stream?ticket=...). A ticket is 32 random bytes from libsodium's
// RNG (base64url), names one user, is good for `ttl` from its issue, and can be redeemed once.
//
// Bounded: at most `capacity` unexpired tickets are outstanding; issue() refuses more (the caller answers
// 503). Tickets expire in issue order (one ttl for all), so expired ones are dropped from the front of a
// queue on every call: no sweeper thread.
//
// Thread-safety: every member may be called from any thread (one mutex, held for a hash lookup).
// In-process: a ticket works only on the instance that issued it (Redis would share them; doc/stream.md).

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/mutex.hpp"

namespace cruddur::live {

struct TicketHolder {
  std::string user_uuid;
  std::string handle;  // shown to the other member in typing frames
};

class TicketStore {
 public:
  static constexpr std::size_t kDefaultCapacity = 100'000;

  TicketStore(const Clock& clock, Microseconds ttl, std::size_t capacity = kDefaultCapacity);

  // A fresh ticket for `holder`, or nullopt when `capacity` tickets are outstanding.
  std::optional<std::string> issue(TicketHolder holder);

  // The holder of `ticket` if it was issued here, has not expired and was not redeemed before; the ticket
  // is used up either way.
  std::optional<TicketHolder> redeem(const std::string& ticket);

  Microseconds ttl() const { return ttl_; }

 private:
  struct Entry {
    TicketHolder holder;
    Microseconds expires_at;
  };
  void drop_expired(Microseconds now) CRUDDUR_REQUIRES(mutex_);

  const Clock& clock_;
  const Microseconds ttl_;
  const std::size_t capacity_;
  Mutex mutex_;
  std::unordered_map<std::string, Entry> tickets_ CRUDDUR_GUARDED_BY(mutex_);
  // (expires_at, ticket), in issue order.
  std::deque<std::pair<Microseconds, std::string>> expiry_ CRUDDUR_GUARDED_BY(mutex_);
};

}  // namespace cruddur::live
