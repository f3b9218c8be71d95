#pragma once
// What the reliability tests' clients sent, and the brute-force check of the stored state against it
// (through the HTTP API only, as a user would see it).
//
// A client sends each message with its own client_message_id and retries the same id (same text, same
// target) until it is acknowledged (200), as a well-behaved client does across crashes and outages. Every
// send therefore ends acknowledged, and the check can demand, for every send: stored exactly once (its text
// is unique), under the acknowledged uuid and time; and for every person's conversation list: the row's
// preview is the newest message, and `unread` equals the brute-force count (the other member's messages
// after my newest one, capped at 99: nobody calls /read in these tests, so my marker is my latest send).
//
// Thread-safety: SendLedger::add may be called from any thread; the rest from one thread.

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "api/api_fixture.hpp"

namespace cruddur::testing {

struct SentMessage {
  std::size_t sender = 0;  // index into the people
  std::size_t to = 0;      // index into the people
  std::string text;        // unique per send
  std::string client_message_id;
  std::string uuid;        // as acknowledged
  std::string created_at;  // as acknowledged
  std::string group;
};

class SendLedger {
 public:
  void add(SentMessage sent);
  std::vector<SentMessage> all() const;
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::vector<SentMessage> sent_;
};

// How one send went: the acknowledged message, and what it took.
struct SendOutcome {
  SentMessage sent;
  int attempts = 0;       // requests made (1 = acknowledged at once)
  int unavailable = 0;    // 503 answers among them
  int failed = 0;         // transport errors (refused, reset, timeout) among them
  std::chrono::milliseconds longest_answer{0};  // the slowest single request, answered or not
};

// Sends `text` from people[sender] to people[to] (by handle when `group` is empty, else to the group) with
// `client_message_id`, retrying every `pause` until a 200, or until `give_up` passed (then throws). Any
// answer other than 200, 503 or 429 throws: it is a bug, not a fault to ride out. `on_answer` (optional)
// sees every status (0 = no answer).
SendOutcome send_until_acknowledged(HttpClient& client, const std::vector<Person>& people, std::size_t sender,
                                    std::size_t to, const std::string& group, const std::string& text,
                                    const std::string& client_message_id,
                                    std::chrono::milliseconds pause = std::chrono::milliseconds(20),
                                    std::chrono::milliseconds give_up = std::chrono::seconds(60),
                                    const std::function<void(int status, std::chrono::milliseconds took)>& on_answer = {});

// The brute-force check described at the top (GoogleTest EXPECTs; returns the number of messages stored).
// Also repeats up to `repeats` acknowledged sends and expects the same uuid and time back, nothing new stored.
std::size_t expect_ledger_stored(uint16_t port, const std::vector<Person>& people,
                                 const std::vector<SentMessage>& sent, std::size_t repeats = 200);

}  // namespace cruddur::testing
