#pragma once
// Steady load for dependency-fault tests: sender threads (each a person sending to a partner with retries by
// client_message_id, into a SendLedger) and reader threads (conversation lists and message pages), against
// one server, while the test stops, slows and restarts what the server depends on. Every answer is recorded
// under the phase that was current when its request started, so a test can ask per phase: how many 200s,
// 503s, transport failures and other statuses, and how long the slowest answer took. Statuses other than 200,
// 503 and 429 are bugs and are counted as `other` (the test expects none).
//
// Thread-safety: set_phase and figures may be called from any thread while the load runs.

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "reliability/send_ledger.hpp"

namespace cruddur::testing {

struct PhaseFigures {
  long ok = 0;
  long unavailable = 0;  // 503
  long failed = 0;       // no answer (refused, reset, client timeout)
  long other = 0;        // any other status
  std::chrono::milliseconds slowest{0};
  std::chrono::milliseconds slowest_unavailable{0};
  std::string first_other;  // the first unexpected answer, for the failure message
};

class FaultLoad {
 public:
  // people.size() must be even: person 2i sends to 2i+1 and back. With `signins`, every other read of a
  // reader is a sign-in (POST /api/auth/signin, which reads the user directory).
  FaultLoad(uint16_t port, const std::vector<Person>& people, int readers, bool signins = false);
  ~FaultLoad();  // stop()

  void set_phase(const std::string& phase);
  std::string phase() const;  // the current one, for probes of the test's own
  // When set_phase(name) was last called; nullopt if never.
  std::optional<std::chrono::steady_clock::time_point> phase_started(const std::string& name) const;
  // Stops the readers, lets every sender finish the send it is on (retrying until acknowledged), joins.
  void stop();
  std::map<std::string, PhaseFigures> figures() const;
  const SendLedger& ledger() const { return ledger_; }
  // Waits until every client (senders and readers) has had a 200 that started after `since`; returns how
  // long after `since` the last of them got one, or nullopt after `timeout`.
  std::optional<std::chrono::milliseconds> all_recovered_after(std::chrono::steady_clock::time_point since,
                                                               std::chrono::milliseconds timeout) const;

 private:
  // The phase current at `t` (mutex_ held).
  const std::string& phase_at(std::chrono::steady_clock::time_point t) const;
  void record(std::size_t client, std::chrono::steady_clock::time_point started, int status,
              std::chrono::milliseconds took, const std::string& body = {});
  void sender(std::size_t index);
  void reader(std::size_t index);

  uint16_t port_;
  const std::vector<Person>& people_;
  bool signins_;
  SendLedger ledger_;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  std::string phase_;
  std::vector<std::pair<std::chrono::steady_clock::time_point, std::string>> phases_;  // as set, in order
  std::map<std::string, PhaseFigures> figures_;
  std::vector<std::chrono::steady_clock::time_point> last_ok_started_;  // per client
  std::vector<std::string> groups_;                                      // per pair, once known
  std::vector<std::thread> threads_;
  std::size_t senders_ = 0;
};

}  // namespace cruddur::testing
