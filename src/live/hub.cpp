#include "live/hub.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <stdexcept>

#include "core/base64url.hpp"

namespace cruddur::live {

namespace {

// How often a shard looks for idle users to forget, in publishes (and whenever it is over its budget).
constexpr std::size_t kSweepEvery = 1024;

std::string random_epoch() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::array<unsigned char, 9> bytes;
  randombytes_buf(bytes.data(), bytes.size());
  return base64url::encode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

}  // namespace

Hub::Hub(const Clock& clock, HubLimits limits) : clock_(clock), limits_(limits), epoch_(random_epoch()) {
  if (limits_.replay_events == 0) throw std::invalid_argument("the replay log must hold at least one event");
}

Hub::Shard& Hub::shard_for(const std::string& user) { return shards_[std::hash<std::string>{}(user) % kShards]; }

Hub::UserState& Hub::state_for(Shard& shard, const std::string& user, Microseconds now) {
  auto found = shard.users.find(user);
  if (found != shard.users.end()) return found->second;
  // A new (or forgotten) user's log starts at the counter's current value: every event this user had
  // before is at or below it, so an older position resyncs and the latest one resumes with nothing missed.
  return shard.users.try_emplace(user, sequence_.load(), now).first->second;
}

std::string Hub::token(std::uint64_t seq) const { return epoch_ + "." + std::to_string(seq); }

std::optional<std::uint64_t> Hub::parse_token(std::string_view token) const {
  if (token.size() <= epoch_.size() + 1 || token.substr(0, epoch_.size()) != epoch_ || token[epoch_.size()] != '.')
    return std::nullopt;
  std::string_view digits = token.substr(epoch_.size() + 1);
  std::uint64_t seq = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), seq);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return seq;
}

bool Hub::reserve_socket() {
  std::size_t open = sockets_.load();
  do {
    if (open >= limits_.max_sockets) return false;
  } while (!sockets_.compare_exchange_weak(open, open + 1));
  return true;
}

bool Hub::add_subscriber(UserState& state, std::shared_ptr<Subscriber> subscriber, bool held, Microseconds now,
                         Subscription& result) {
  if (state.subscribers.size() >= limits_.sockets_per_user) {
    result.outcome = Subscription::Outcome::user_full;
    return false;
  }
  if (!reserve_socket()) {
    result.outcome = Subscription::Outcome::server_full;
    return false;
  }
  result.id = next_subscriber_.fetch_add(1);
  UserState::Entry entry{result.id, std::move(subscriber)};
  entry.held = held;
  state.subscribers.push_back(std::move(entry));
  state.last_activity = std::max(state.last_activity, now);
  bump(stats_.open_sockets);
  bump(stats_.sockets_opened);
  return true;
}

Hub::Subscription Hub::subscribe(const std::string& user, const std::optional<std::string>& since,
                                 std::shared_ptr<Subscriber> subscriber) {
  Subscription result;
  const Microseconds now = clock_.now();
  Shard& shard = shard_for(user);
  MutexLock lock(shard.mutex);
  UserState& state = state_for(shard, user, now);
  if (!add_subscriber(state, std::move(subscriber), false, now, result)) return result;

  result.start = token(state.log.head());
  if (!since) return result;
  auto position = parse_token(*since);
  if (position && state.log.replay_after(*position, result.replay)) {
    result.start = *since;
    bump(stats_.resume_replayed);
  } else {
    result.resync = true;
    bump(stats_.resume_resync);
  }
  return result;
}

Hub::Subscription Hub::subscribe_held(const std::string& user, std::shared_ptr<Subscriber> subscriber) {
  Subscription result;
  const Microseconds now = clock_.now();
  Shard& shard = shard_for(user);
  MutexLock lock(shard.mutex);
  UserState& state = state_for(shard, user, now);
  add_subscriber(state, std::move(subscriber), true, now, result);
  return result;
}

bool Hub::release(const std::string& user, std::uint64_t id, std::optional<RemotePosition> after) {
  Shard& shard = shard_for(user);
  MutexLock lock(shard.mutex);
  auto found = shard.users.find(user);
  if (found == shard.users.end()) return true;
  for (auto& entry : found->second.subscribers) {
    if (entry.id != id) continue;
    entry.held = false;
    entry.floor = after;
    auto subscriber = entry.subscriber.lock();
    for (auto& [position, frame] : entry.held_frames)
      if (subscriber && (!after || position > *after)) subscriber->deliver(frame, FrameKind::event);
    entry.held_frames.clear();
    entry.held_frames.shrink_to_fit();
    return !entry.held_overflow;
  }
  return true;
}

void Hub::deliver_remote(const std::string& user, RemotePosition position, const Frame& frame) {
  Shard& shard = shard_for(user);
  MutexLock lock(shard.mutex);
  auto found = shard.users.find(user);
  if (found == shard.users.end()) return;  // nobody of this user is connected here
  found->second.last_activity = clock_.now();
  for (auto& entry : found->second.subscribers) {
    if (entry.held) {
      if (entry.held_frames.size() < kHeldFrames) {
        entry.held_frames.emplace_back(position, frame);
      } else {
        entry.held_overflow = true;
      }
      continue;
    }
    if (entry.floor && position <= *entry.floor) continue;  // already in this stream's replay
    if (auto subscriber = entry.subscriber.lock()) subscriber->deliver(frame, FrameKind::event);
  }
}

void Hub::deliver_to_all(const Frame& frame) {
  for (Shard& shard : shards_) {
    MutexLock lock(shard.mutex);
    for (auto& [user, state] : shard.users)
      for (auto& entry : state.subscribers)
        if (auto subscriber = entry.subscriber.lock()) subscriber->deliver(frame, FrameKind::control);
  }
}

std::string Hub::local_position(const std::string& user) {
  Shard& shard = shard_for(user);
  MutexLock lock(shard.mutex);
  return token(state_for(shard, user, clock_.now()).log.head());
}

void Hub::unsubscribe(const std::string& user, std::uint64_t id) {
  Shard& shard = shard_for(user);
  MutexLock lock(shard.mutex);
  auto found = shard.users.find(user);
  if (found == shard.users.end()) return;
  auto& subscribers = found->second.subscribers;
  auto it = std::find_if(subscribers.begin(), subscribers.end(), [id](const auto& s) { return s.id == id; });
  if (it == subscribers.end()) return;
  subscribers.erase(it);
  // Kept (for idle_ttl) even without streams: a reconnect with the latest position must find the log.
  found->second.last_activity = std::max(found->second.last_activity, clock_.now());
  sockets_.fetch_sub(1);
  drop(stats_.open_sockets);
}

void Hub::publish(const std::string& user, const RenderFrame& render) {
  const Microseconds now = clock_.now();
  Shard& shard = shard_for(user);
  MutexLock lock(shard.mutex);
  UserState& state = state_for(shard, user, now);
  std::uint64_t seq = sequence_.fetch_add(1) + 1;
  Frame frame = std::make_shared<const std::string>(render(token(seq)));
  shard.bytes -= state.log.bytes();
  std::size_t dropped = state.log.append(seq, frame, limits_.replay_events);
  shard.bytes += state.log.bytes();
  (void)dropped;  // the window moving on is the normal case, not a drop
  state.last_activity = now;
  bump(stats_.events_logged);
  for (const auto& entry : state.subscribers)
    if (auto subscriber = entry.subscriber.lock()) subscriber->deliver(frame, FrameKind::event);
  if (++shard.publishes_since_sweep >= kSweepEvery || shard.bytes > limits_.log_bytes / kShards) trim(shard, now);
}

void Hub::publish_transient(const std::string& user, const Frame& frame) {
  Shard& shard = shard_for(user);
  MutexLock lock(shard.mutex);
  auto found = shard.users.find(user);
  if (found == shard.users.end()) return;
  for (const auto& entry : found->second.subscribers)
    if (auto subscriber = entry.subscriber.lock()) subscriber->deliver(frame, FrameKind::transient);
}

void Hub::trim(Shard& shard, Microseconds now) {
  shard.publishes_since_sweep = 0;
  // A loop, not std::erase_if with a lambda: the thread-safety analysis checks a lambda as a function of
  // its own, which does not hold shard.mutex.
  for (auto it = shard.users.begin(); it != shard.users.end();) {
    const UserState& state = it->second;
    if (state.subscribers.empty() && state.last_activity + limits_.idle_ttl <= now) {
      shard.bytes -= state.log.bytes();
      it = shard.users.erase(it);
    } else {
      ++it;
    }
  }
  const std::size_t budget = limits_.log_bytes / kShards;
  if (shard.bytes <= budget) return;
  // Over budget: empty the logs of the users with the oldest activity until it fits (their next resume
  // resyncs). Rare, so a sort is fine.
  std::vector<UserState*> by_age;
  for (auto& [user, state] : shard.users)
    if (state.log.size() > 0) by_age.push_back(&state);
  std::sort(by_age.begin(), by_age.end(),
            [](const UserState* a, const UserState* b) { return a->last_activity < b->last_activity; });
  for (UserState* state : by_age) {
    if (shard.bytes <= budget / 2) break;  // leave headroom, so the next publish does not sort again
    shard.bytes -= state->log.bytes();
    bump(stats_.drops_log_evicted, state->log.forget());
  }
}

}  // namespace cruddur::live
