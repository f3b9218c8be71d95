#pragma once
// One user's replay log: the frames of their latest events, each at a sequence number, oldest first.
// Sequence numbers of one user increase (they come from the Hub's one counter, so they have gaps).
//
// The invariant resume relies on: every event of this user with floor() < seq <= head() is in the log.
// floor() rises when old events are dropped (more than max_events, or the Hub's memory budget), so a
// position below it can no longer be proven gap-free and gets resync.
//
// Not thread-safe: the Hub guards each log with its shard's mutex.

#include <cstddef>
#include <cstdint>
#include <vector>

#include <boost/container/deque.hpp>

#include "live/frame.hpp"

namespace cruddur::live {

class UserLog {
 public:
  // A log that starts empty at `start`: nothing before it can be replayed.
  explicit UserLog(std::uint64_t start) : head_(start), floor_(start) {}

  std::uint64_t head() const { return head_; }
  std::uint64_t floor() const { return floor_; }
  std::size_t size() const { return events_.size(); }
  std::size_t bytes() const { return bytes_; }  // frame text held (approximate memory)

  // Appends the event at `seq` (> head()); drops the oldest events beyond `max_events`. Returns how many
  // were dropped.
  std::size_t append(std::uint64_t seq, Frame frame, std::size_t max_events);

  // The frames of every event after `since`, oldest first, appended to `out`: true when the log holds all
  // of them (floor() <= since <= head()), false (nothing appended) when it cannot prove that.
  bool replay_after(std::uint64_t since, std::vector<Frame>& out) const;

  // Drops every event (the memory budget needs the room): floor() becomes head(). Returns how many.
  std::size_t forget();

 private:
  struct Logged {
    std::uint64_t seq;
    Frame frame;
  };
  void drop_oldest();

  std::uint64_t head_;
  std::uint64_t floor_;
  boost::container::deque<Logged> events_;  // allocates on the first event (std::deque: at construction)
  std::size_t bytes_ = 0;
};

}  // namespace cruddur::live
