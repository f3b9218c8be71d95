#include "reliability/fault_load.hpp"

#include <random>

namespace cruddur::testing {

using clock_type = std::chrono::steady_clock;

FaultLoad::FaultLoad(uint16_t port, const std::vector<Person>& people, int readers, bool signins)
    : port_(port), people_(people), signins_(signins) {
  senders_ = people.size();
  groups_.resize(people.size() / 2);
  last_ok_started_.assign(senders_ + static_cast<std::size_t>(readers), clock_type::time_point{});
  phase_ = "start";
  for (std::size_t i = 0; i < senders_; ++i) threads_.emplace_back([this, i] { sender(i); });
  for (int r = 0; r < readers; ++r) threads_.emplace_back([this, r] { reader(senders_ + static_cast<std::size_t>(r)); });
}

FaultLoad::~FaultLoad() { stop(); }

void FaultLoad::set_phase(const std::string& phase) {
  std::lock_guard lock(mutex_);
  phase_ = phase;
  phases_.emplace_back(clock_type::now(), phase);
}

std::optional<clock_type::time_point> FaultLoad::phase_started(const std::string& name) const {
  std::lock_guard lock(mutex_);
  for (auto it = phases_.rbegin(); it != phases_.rend(); ++it)
    if (it->second == name) return it->first;
  return std::nullopt;
}

const std::string& FaultLoad::phase_at(clock_type::time_point t) const {
  static const std::string before = "start";
  const std::string* current = &before;
  for (const auto& [since, name] : phases_) {
    if (since > t) break;
    current = &name;
  }
  return *current;
}

std::string FaultLoad::phase() const {
  std::lock_guard lock(mutex_);
  return phase_;
}

void FaultLoad::stop() {
  stop_ = true;
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

std::map<std::string, PhaseFigures> FaultLoad::figures() const {
  std::lock_guard lock(mutex_);
  return figures_;
}

std::optional<std::chrono::milliseconds> FaultLoad::all_recovered_after(clock_type::time_point since,
                                                                        std::chrono::milliseconds timeout) const {
  const auto deadline = clock_type::now() + timeout;
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      bool all = true;
      for (auto t : last_ok_started_) all = all && t >= since;
      if (all) return std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - since);
    }
    if (clock_type::now() > deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

void FaultLoad::record(std::size_t client, clock_type::time_point started, int status, std::chrono::milliseconds took,
                       const std::string& body) {
  std::lock_guard lock(mutex_);
  PhaseFigures& f = figures_[phase_at(started)];  // the phase its request started in, not the one it ended in
  f.slowest = std::max(f.slowest, took);
  if (status == 200) {
    ++f.ok;
    last_ok_started_[client] = std::max(last_ok_started_[client], started);
  } else if (status == 503) {
    ++f.unavailable;
    f.slowest_unavailable = std::max(f.slowest_unavailable, took);
  } else if (status == 0) {
    ++f.failed;
  } else {
    if (f.other++ == 0) f.first_other = std::to_string(status) + " " + body;
  }
}

void FaultLoad::sender(std::size_t index) {
  HttpClient client(port_);
  client.set_timeout(std::chrono::seconds(10));
  const std::size_t partner = index ^ 1;
  std::string group;
  for (int n = 0; !stop_; ++n) {
    const std::string id = "fault-" + std::to_string(index) + "-" + std::to_string(n);
    const std::string text = "fault message " + std::to_string(n) + " of " + std::to_string(index);
    try {
      SendOutcome outcome = send_until_acknowledged(
          client, people_, index, partner, group, text, id, std::chrono::milliseconds(20), std::chrono::seconds(120),
          [&](int status, std::chrono::milliseconds took) { record(index, clock_type::now() - took, status, took); });
      group = outcome.sent.group;
      ledger_.add(outcome.sent);
    } catch (const std::exception& e) {
      // An unexpected status: counted by the callback as `other`; this sender stops.
      record(index, clock_type::now(), -1, std::chrono::milliseconds(0), e.what());
      return;
    }
    std::lock_guard lock(mutex_);
    groups_[index / 2] = group;
  }
}

void FaultLoad::reader(std::size_t index) {
  HttpClient client(port_);
  client.set_timeout(std::chrono::seconds(10));
  std::mt19937 rng(static_cast<unsigned>(index));
  while (!stop_) {
    const std::size_t pair = rng() % groups_.size();
    const Person& me = people_[pair * 2];
    std::string group;
    {
      std::lock_guard lock(mutex_);
      group = groups_[pair];
    }
    const std::string target = group.empty() || rng() % 2 ? "/api/message_groups" : "/api/messages/" + group + "?limit=20";
    const bool signin = signins_ && rng() % 2 == 0;
    const auto started = clock_type::now();
    int status = 0;
    std::string body;
    try {
      Reply reply = signin ? client.post_json("/api/auth/signin",
                                              boost::json::value{{"login", me.handle}, {"password", "correct horse battery"}})
                           : client.get(target, me.auth());
      status = reply.status;
      body = reply.body;
    } catch (const std::exception&) {
      client.disconnect();
    }
    record(index, started, status, std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - started),
           body);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace cruddur::testing
