#pragma once
// The phases every dependency-fault test puts one dependency through, under the same FaultLoad: normal,
// slowed (30 ms added to every chunk through the proxy), hung (the proxy forwards nothing), resumed, stopped
// (the real engine killed or stopped), restarted, after. Prints the figures per phase ("[ figures ]" lines,
// the source of doc/reliability.md's tables) and checks what a user must see: no answer other than 200 and
// 503, none missing (a hang), 503s within 1 s while the dependency is away (when requests need it), and every
// client back to 200 within 2 s of its return.

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "reliability/fault_load.hpp"
#include "support/tcp_proxy.hpp"

namespace cruddur::testing {

// How to take the real engine away and bring it back. `recovered` (optional): a further check of recovery,
// called after the load's clients recovered, with the moment the engine was back; returns how long after
// that moment it held, or nullopt when it did not within 10 s (asserted <= 2 s like the clients).
struct Outage {
  std::function<void()> stop, start;
  std::function<std::optional<std::chrono::milliseconds>(std::chrono::steady_clock::time_point back)> recovered;
};

// `sends_need_it`: the outage must show as 503s (false for a dependency no request needs, like Redis).
void run_phases(const std::string& engine, TcpProxy& proxy, FaultLoad& load, const Outage& outage, bool sends_need_it);

// The phase names run_phases uses, in order.
const std::vector<std::string>& fault_phase_names();

void print_phase(const std::string& engine, const std::string& name, const PhaseFigures& f);

}  // namespace cruddur::testing
