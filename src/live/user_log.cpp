#include "live/user_log.hpp"

#include <algorithm>

namespace cruddur::live {

void UserLog::drop_oldest() {
  floor_ = events_.front().seq;
  bytes_ -= events_.front().frame->size();
  events_.pop_front();
}

std::size_t UserLog::append(std::uint64_t seq, Frame frame, std::size_t max_events) {
  bytes_ += frame->size();
  events_.push_back(Logged{seq, std::move(frame)});
  head_ = seq;
  std::size_t dropped = 0;
  while (events_.size() > max_events) {
    drop_oldest();
    ++dropped;
  }
  return dropped;
}

bool UserLog::replay_after(std::uint64_t since, std::vector<Frame>& out) const {
  if (since < floor_ || since > head_) return false;
  auto first = std::upper_bound(events_.begin(), events_.end(), since,
                                [](std::uint64_t position, const Logged& event) { return position < event.seq; });
  for (auto it = first; it != events_.end(); ++it) out.push_back(it->frame);
  return true;
}

std::size_t UserLog::forget() {
  std::size_t dropped = events_.size();
  events_.clear();
  events_.shrink_to_fit();
  bytes_ = 0;
  floor_ = head_;
  return dropped;
}

}  // namespace cruddur::live
