// The Cognito key endpoint (JWKS) failing under load: cognito-local behind our TCP proxy (the tokens' issuer
// is the proxy's address, so the server fetches the pool's keys through it), slowed, hung, killed and
// started again, while people whose tokens are signed with the key the server already holds send and read,
// and a probe presents a token whose `kid` the pool never had (a key rotated in, as far as the server can
// tell). What a user must see (doc/reliability.md):
// - tokens of known keys keep working: no 503 in any phase, nothing lost or duplicated;
// - the unknown kid is answered 401 while the endpoint answers (it says the kid is not the pool's), and 503,
//   never 401, once the server found the endpoint away: it cannot tell a forged kid from a new key then.
//   Every answer within 1 s; within 2 s of the endpoint's return the answer is 401 again.
// The server runs with --jwks-refresh-interval 1 so that unknown kids refetch every second (the default, 60 s,
// answers 401 without asking for a minute after a fetch, endpoint away or not).

#include <atomic>
#include <cstdio>
#include <thread>

#include "reliability/fault_load.hpp"
#include "reliability/fault_phases.hpp"
#include "support/child_process.hpp"
#include "support/free_port.hpp"
#include "support/tcp_proxy.hpp"
#include "unit/auth/cognito/cognito_local.hpp"
#include "unit/auth/cognito/test_tokens.hpp"

namespace cruddur::testing {
namespace {

using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

// One request at a time with the unknown-kid token, each answer kept with the phase it started in.
class UnknownKidProbe {
 public:
  struct Answer {
    std::string phase;
    clock_type::time_point started;
    int status = 0;  // 0: no answer
    std::chrono::milliseconds took{0};
  };

  UnknownKidProbe(uint16_t port, std::string token, const FaultLoad& load)
      : port_(port), token_(std::move(token)), load_(load), thread_([this] { run(); }) {}
  ~UnknownKidProbe() { stop(); }

  void stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  std::vector<Answer> answers() const {
    std::lock_guard lock(mutex_);
    return answers_;
  }
  // How long after `back` the first 401 came to a request that started after it (waits up to 10 s).
  std::optional<std::chrono::milliseconds> settled_after(clock_type::time_point back) const {
    std::optional<std::chrono::milliseconds> settled;
    wait_until(
        [&] {
          for (const auto& a : answers())
            if (a.status == 401 && a.started >= back)
              settled = std::chrono::duration_cast<std::chrono::milliseconds>(a.started + a.took - back);
          return settled.has_value();
        },
        10s, 5ms);
    return settled;
  }

 private:
  void run() {
    HttpClient client(port_);
    client.set_timeout(10s);
    while (!stop_) {
      Answer answer;
      answer.phase = load_.phase();
      answer.started = clock_type::now();
      try {
        answer.status = client.get("/api/message_groups", {{"Authorization", "Bearer " + token_}}).status;
      } catch (const std::exception&) {
        client.disconnect();
      }
      answer.took = std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - answer.started);
      {
        std::lock_guard lock(mutex_);
        answers_.push_back(answer);
      }
      std::this_thread::sleep_for(20ms);
    }
  }

  uint16_t port_;
  std::string token_;
  const FaultLoad& load_;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  std::vector<Answer> answers_;
  std::thread thread_;  // last
};

TEST(CognitoKeyFaults, KnownKeysKeepWorkingAndUnknownKidsAnswer503FastWhileTheKeyEndpointIsAway) {
  const auto idp_port = free_port();
  TcpProxy proxy(idp_port);
  const std::string domain = "http://127.0.0.1:" + std::to_string(proxy.port());
  CognitoLocal idp(CognitoLocal::Options{idp_port, domain});
  const std::string pool = idp.create_pool("faults");
  const std::string app = idp.create_client(pool, "web");

  std::vector<Person> people;
  std::vector<std::string> subs;
  for (int i = 0; i < 4; ++i) {
    const std::string handle = "cog" + std::to_string(i);
    subs.push_back(idp.create_user(pool, CognitoLocal::NewUser{handle, handle, handle + "@example.com", handle}));
    people.push_back(Person{"", handle, handle, idp.sign_in(app, handle, "Passw0rd!").access_token});
  }
  TempDir data;
  ServerProcess server(data.path(),
                       {"--store",
                        "sqlite",
                        "--auth",
                        "cognito",
                        "--auto-provision",
                        "--cognito-user-pool-id",
                        pool,
                        "--cognito-client-id",
                        app,
                        "--cognito-issuer",
                        domain + "/" + pool,
                        "--cognito-endpoint",
                        domain + "/",
                        "--jwks-refresh-interval",
                        "1",
                        "--signin-rate",
                        "0",
                        "--signin-failures",
                        "0",
                        "--send-rate",
                        "0"},
                       {{"AWS_REGION", "us-east-1"}});
  {
    HttpClient setup(server.port());
    for (const auto& person : people) ASSERT_EQ(setup.get("/api/me", person.auth()).status, 200) << person.handle;
  }
  // A well-formed access token of the first person, signed by a key the pool never had.
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  const std::string unknown_kid = rs256_token(other_key(), {{"kid", "rotated-in-key"}, {"alg", "RS256"}},
                                              {{"sub", subs[0]},
                                               {"iss", domain + "/" + pool},
                                               {"client_id", app},
                                               {"token_use", "access"},
                                               {"username", people[0].handle},
                                               {"iat", now},
                                               {"exp", now + 3600}});

  FaultLoad load(server.port(), people, 3);
  UnknownKidProbe probe(server.port(), unknown_kid, load);
  Outage outage{[&] { idp.kill_hard(); }, [&] { idp.start(); },
                [&](clock_type::time_point back) { return probe.settled_after(back); }};
  // No request with a known key needs the endpoint: like Redis, the outage must not show as 503s.
  run_phases("cognito", proxy, load, outage, false);
  probe.stop();
  for (const auto& [phase, f] : load.figures()) EXPECT_EQ(f.unavailable, 0) << phase << ": a 503 with a known key";

  std::map<std::string, std::vector<UnknownKidProbe::Answer>> by_phase;
  for (const auto& a : probe.answers()) by_phase[a.phase].push_back(a);
  for (const auto& phase : fault_phase_names()) {
    const auto& answers = by_phase[phase];
    long ok401 = 0, unavailable = 0, other = 0;
    std::chrono::milliseconds slowest{0}, first_503{-1};
    for (const auto& a : answers) {
      slowest = std::max(slowest, a.took);
      if (a.status == 401)
        ++ok401;
      else if (a.status == 503)
        ++unavailable;
      else
        ++other;
      if (a.status == 503 && first_503.count() < 0)
        first_503 = std::chrono::duration_cast<std::chrono::milliseconds>(a.started + a.took - answers.front().started);
    }
    std::printf(
        "[ figures ] cognito unknown kid %-8s: %4ld 401, %4ld 503, %ld other or none; slowest %lld ms; "
        "first 503 %lld ms into the phase\n",
        phase.c_str(), ok401, unavailable, other, static_cast<long long>(slowest.count()),
        static_cast<long long>(first_503.count()));
    EXPECT_EQ(other, 0) << phase << ": the unknown kid got an answer other than 401 or 503, or none";
    EXPECT_LT(slowest.count(), 1000) << phase << ": the unknown kid waited " << slowest.count() << " ms";
    if (phase == "normal" || phase == "slow") EXPECT_EQ(unavailable, 0) << phase << ": 503 while the endpoint answers";
    if (phase == "hung" || phase == "stopped") {
      EXPECT_GT(unavailable, 0) << phase << ": the endpoint's absence was never noticed";
      // Once the server found the endpoint away, it never claims the kid is not the pool's while it stays
      // away (an answer that came after the next phase began may have had the endpoint back).
      const auto next = load.phase_started(phase == "hung" ? "resumed" : "restart");
      ASSERT_TRUE(next);
      bool seen_503 = false;
      for (const auto& a : answers) {
        seen_503 = seen_503 || a.status == 503;
        if (a.started + a.took < *next)
          EXPECT_FALSE(seen_503 && a.status == 401) << phase << ": 401 for an unknown kid while the endpoint is away";
      }
    }
    if (phase == "after") {
      ASSERT_FALSE(answers.empty());
      EXPECT_EQ(answers.back().status, 401) << "the unknown kid is not settled after the endpoint's return";
    }
  }
  expect_ledger_stored(server.port(), people, load.ledger().all(), 100);
}

}  // namespace
}  // namespace cruddur::testing
