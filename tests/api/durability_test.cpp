// A killed process loses no acknowledged message; a restart serves everything as before.
#include <atomic>
#include <set>
#include <thread>

#include "api_fixture.hpp"

namespace cruddur::testing {
namespace {

TEST(Durability, EveryAcknowledgedMessageSurvivesAKilledServer) {
  TestServer server({"--send-rate", "0"});
  HttpClient client(server.port());
  Person a = sign_up(client, "crash_a");
  Person b = sign_up(client, "crash_b");
  std::string group(send_to_handle(client, a, b.handle, "before").json().at("message_group_uuid").as_string());

  // Senders keep going while the server is killed mid-stream; only 200s count as acknowledged.
  // The kill waits for kMinAcknowledged acknowledgements rather than a fixed time: DynamoDB Local on a loaded
  // machine acknowledged only 6 sends in 700 ms, and the test is about what happens after the kill.
  constexpr size_t kMinAcknowledged = 20;
  std::atomic<bool> stop{false};
  std::atomic<size_t> acknowledged_count{0};
  std::vector<std::vector<std::string>> acknowledged(3);
  std::vector<std::thread> senders;
  for (size_t t = 0; t < acknowledged.size(); ++t)
    senders.emplace_back([&, t] {
      HttpClient own(server.port());
      own.set_timeout(std::chrono::seconds(2));
      for (int i = 0; !stop && i < 100000; ++i) {
        std::string text = "t" + std::to_string(t) + "-" + std::to_string(i);
        try {
          Reply r = reply_to(own, t % 2 ? b : a, group, text, text);
          if (r.status != 200) break;
          acknowledged[t].push_back(std::string(r.json().at("uuid").as_string()));
          ++acknowledged_count;
        } catch (const std::exception&) {
          break;  // the server is gone
        }
      }
    });
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (acknowledged_count < kMinAcknowledged && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // kill mid-stream, not at a quiet moment
  server.process().kill_hard();
  stop = true;
  for (auto& t : senders) t.join();
  size_t total = 0;
  for (const auto& list : acknowledged) total += list.size();
  ASSERT_GE(total, kMinAcknowledged) << "the senders should have been acknowledged before the kill";

  server.process().restart();
  HttpClient after(server.port());
  std::set<std::string> stored;
  std::string cursor;
  do {
    Reply page = after.get("/api/messages/" + group + "?limit=100" + (cursor.empty() ? "" : "&cursor=" + cursor), a.auth());
    ASSERT_EQ(page.status, 200) << page.body;
    auto json = page.json();
    for (const auto& m : json.as_array()) stored.insert(std::string(m.at("uuid").as_string()));
    cursor = page.header("x-next-cursor");
  } while (!cursor.empty());
  for (const auto& list : acknowledged)
    for (const auto& uuid : list) EXPECT_TRUE(stored.count(uuid)) << "acknowledged message " << uuid << " was lost";
  EXPECT_GE(stored.size(), total + 1);
}

}  // namespace
}  // namespace cruddur::testing
