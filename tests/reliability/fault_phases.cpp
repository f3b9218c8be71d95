#include "reliability/fault_phases.hpp"

#include <cstdio>
#include <thread>

#include <gtest/gtest.h>

namespace cruddur::testing {

using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

namespace {

// What every phase must show, whatever the dependency.
void expect_phase(const std::map<std::string, PhaseFigures>& figures, const std::string& name, bool away) {
  auto it = figures.find(name);
  ASSERT_NE(it, figures.end()) << "no request in phase " << name;
  const PhaseFigures& f = it->second;
  EXPECT_EQ(f.other, 0) << name << ": answers other than 200/503, first: " << f.first_other;
  EXPECT_EQ(f.failed, 0) << name << ": requests the server did not answer";
  if (away) {
    EXPECT_GT(f.unavailable, 0) << name << ": the outage was not noticed";
    EXPECT_LT(f.slowest.count(), 1000) << name << ": an answer took " << f.slowest.count() << " ms";
  }
}

long long ms_or_minus_one(const std::optional<std::chrono::milliseconds>& d) {
  return d ? static_cast<long long>(d->count()) : -1LL;
}

}  // namespace

const std::vector<std::string>& fault_phase_names() {
  static const std::vector<std::string> names{"normal", "slow", "hung", "resumed", "stopped", "restart", "after"};
  return names;
}

void print_phase(const std::string& engine, const std::string& name, const PhaseFigures& f) {
  std::printf(
      "[ figures ] %s %-8s: %5ld ok, %5ld 503, %4ld no answer, %ld other; slowest answer %lld ms, "
      "slowest 503 %lld ms\n",
      engine.c_str(), name.c_str(), f.ok, f.unavailable, f.failed, f.other, static_cast<long long>(f.slowest.count()),
      static_cast<long long>(f.slowest_unavailable.count()));
}

void run_phases(const std::string& engine, TcpProxy& proxy, FaultLoad& load, const Outage& outage, bool sends_need_it) {
  std::optional<std::chrono::milliseconds> extra_after_hang, extra_after_restart;
  load.set_phase("normal");
  std::this_thread::sleep_for(1500ms);
  load.set_phase("slow");
  proxy.set_delay(30ms);
  std::this_thread::sleep_for(2000ms);
  proxy.set_delay(0ms);
  load.set_phase("hung");
  proxy.set_mode(TcpProxy::Mode::hang);
  std::this_thread::sleep_for(3000ms);
  load.set_phase("resumed");
  proxy.set_mode(TcpProxy::Mode::pass);
  const auto resumed_at = clock_type::now();
  auto after_hang = load.all_recovered_after(resumed_at, 10s);
  if (outage.recovered) extra_after_hang = outage.recovered(resumed_at);
  std::this_thread::sleep_for(500ms);
  load.set_phase("stopped");
  outage.stop();
  std::this_thread::sleep_for(3000ms);
  load.set_phase("restart");
  outage.start();
  const auto restarted_at = clock_type::now();
  auto after_restart = load.all_recovered_after(restarted_at, 10s);
  if (outage.recovered) extra_after_restart = outage.recovered(restarted_at);
  load.set_phase("after");
  std::this_thread::sleep_for(1000ms);
  load.stop();

  auto figures = load.figures();
  for (const auto& phase : fault_phase_names())
    if (figures.count(phase)) print_phase(engine, phase, figures[phase]);
  std::printf(
      "[ figures ] %s: every client answered 200 again %lld ms after the hung engine resumed, "
      "%lld ms after the stopped one was back\n",
      engine.c_str(), ms_or_minus_one(after_hang), ms_or_minus_one(after_restart));
  if (outage.recovered)
    std::printf("[ figures ] %s: its own recovery check held %lld ms after the resume, %lld ms after the restart\n",
                engine.c_str(), ms_or_minus_one(extra_after_hang), ms_or_minus_one(extra_after_restart));
  expect_phase(figures, "normal", false);
  expect_phase(figures, "slow", false);
  expect_phase(figures, "hung", sends_need_it);
  expect_phase(figures, "stopped", sends_need_it);
  expect_phase(figures, "after", false);
  for (const char* phase : {"hung", "stopped"})
    if (figures.count(phase)) EXPECT_LT(figures[phase].slowest.count(), 1000) << phase << ": an answer took too long";
  ASSERT_TRUE(after_hang) << "not every client recovered after the engine resumed";
  ASSERT_TRUE(after_restart) << "not every client recovered after the engine restarted";
  EXPECT_LE(after_hang->count(), 2000);
  EXPECT_LE(after_restart->count(), 2000);
  if (outage.recovered) {
    ASSERT_TRUE(extra_after_hang) << "the recovery check did not hold after the engine resumed";
    ASSERT_TRUE(extra_after_restart) << "the recovery check did not hold after the engine restarted";
    EXPECT_LE(extra_after_hang->count(), 2000);
    EXPECT_LE(extra_after_restart->count(), 2000);
  }
}

}  // namespace cruddur::testing
