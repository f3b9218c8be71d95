#include "live/tickets.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

#include "core/base64url.hpp"

namespace cruddur::live {

namespace {
constexpr std::size_t kTicketBytes = 32;
}

TicketStore::TicketStore(const Clock& clock, Microseconds ttl, std::size_t capacity)
    : clock_(clock), ttl_(ttl), capacity_(capacity) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");  // idempotent
}

void TicketStore::drop_expired(Microseconds now) {
  while (!expiry_.empty() && expiry_.front().first <= now) {
    auto found = tickets_.find(expiry_.front().second);
    if (found != tickets_.end() && found->second.expires_at <= now) tickets_.erase(found);
    expiry_.pop_front();
  }
}

std::optional<std::string> TicketStore::issue(TicketHolder holder) {
  std::array<unsigned char, kTicketBytes> bytes;
  randombytes_buf(bytes.data(), bytes.size());
  std::string ticket = base64url::encode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  const Microseconds now = clock_.now();
  MutexLock lock(mutex_);
  drop_expired(now);
  if (tickets_.size() >= capacity_) return std::nullopt;
  tickets_.emplace(ticket, Entry{std::move(holder), now + ttl_});
  expiry_.emplace_back(now + ttl_, ticket);
  return ticket;
}

std::optional<TicketHolder> TicketStore::redeem(const std::string& ticket) {
  const Microseconds now = clock_.now();
  MutexLock lock(mutex_);
  drop_expired(now);
  auto found = tickets_.find(ticket);
  if (found == tickets_.end()) return std::nullopt;
  std::optional<TicketHolder> holder;
  if (found->second.expires_at > now) holder = std::move(found->second.holder);
  tickets_.erase(found);  // its expiry_ entry goes when it falls due
  return holder;
}

}  // namespace cruddur::live
