#include "reliability/send_ledger.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <thread>

namespace cruddur::testing {

void SendLedger::add(SentMessage sent) {
  std::lock_guard lock(mutex_);
  sent_.push_back(std::move(sent));
}

std::vector<SentMessage> SendLedger::all() const {
  std::lock_guard lock(mutex_);
  return sent_;
}

std::size_t SendLedger::size() const {
  std::lock_guard lock(mutex_);
  return sent_.size();
}

SendOutcome send_until_acknowledged(HttpClient& client, const std::vector<Person>& people, std::size_t sender,
                                    std::size_t to, const std::string& group, const std::string& text,
                                    const std::string& client_message_id, std::chrono::milliseconds pause,
                                    std::chrono::milliseconds give_up,
                                    const std::function<void(int, std::chrono::milliseconds)>& on_answer) {
  using clock = std::chrono::steady_clock;
  SendOutcome outcome;
  outcome.sent = {sender, to, text, client_message_id, "", "", group};
  const auto deadline = clock::now() + give_up;
  for (;;) {
    ++outcome.attempts;
    const auto started = clock::now();
    int status = 0;
    std::string body;
    try {
      Reply reply = group.empty() ? send_to_handle(client, people[sender], people[to].handle, text, client_message_id)
                                  : reply_to(client, people[sender], group, text, client_message_id);
      status = reply.status;
      body = reply.body;
      if (status == 200) {
        auto json = reply.json();
        outcome.sent.uuid = std::string(json.at("uuid").as_string());
        outcome.sent.created_at = std::string(json.at("created_at").as_string());
        outcome.sent.group = std::string(json.at("message_group_uuid").as_string());
      }
    } catch (const std::exception&) {
      client.disconnect();
      ++outcome.failed;
    }
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - started);
    outcome.longest_answer = std::max(outcome.longest_answer, took);
    if (on_answer) on_answer(status, took);
    if (status == 200) return outcome;
    if (status == 503) ++outcome.unavailable;
    if (status != 0 && status != 503 && status != 429)
      throw std::runtime_error("send " + client_message_id + " answered " + std::to_string(status) + ": " + body);
    if (clock::now() > deadline) throw std::runtime_error("send " + client_message_id + " never acknowledged");
    std::this_thread::sleep_for(pause);
  }
}

namespace {

struct StoredMessage {
  std::string uuid, created_at, handle, text;
};

// Every message of a conversation, oldest first (pages of 100 through the cursor).
std::vector<StoredMessage> all_messages(HttpClient& client, const Person& member, const std::string& group) {
  std::vector<StoredMessage> messages;
  std::string cursor;
  do {
    Reply page = client.get("/api/messages/" + group + "?limit=100" + (cursor.empty() ? "" : "&cursor=" + cursor),
                            member.auth());
    if (page.status != 200) throw std::runtime_error("listing " + group + ": " + std::to_string(page.status) + " " + page.body);
    auto json = page.json();
    for (const auto& m : json.as_array())
      messages.push_back({std::string(m.at("uuid").as_string()), std::string(m.at("created_at").as_string()),
                          std::string(m.at("handle").as_string()), std::string(m.at("message").as_string())});
    cursor = page.header("x-next-cursor");
  } while (!cursor.empty());
  std::sort(messages.begin(), messages.end(), [](const StoredMessage& a, const StoredMessage& b) {
    return a.created_at != b.created_at ? a.created_at < b.created_at : a.uuid < b.uuid;
  });
  return messages;
}

struct Row {
  std::string group, message, created_at;
  long unread = 0;
};

std::vector<Row> all_rows(HttpClient& client, const Person& me) {
  std::vector<Row> rows;
  std::string cursor;
  do {
    Reply page = client.get("/api/message_groups?limit=100" + (cursor.empty() ? "" : "&cursor=" + cursor), me.auth());
    if (page.status != 200) throw std::runtime_error("list of " + me.handle + ": " + std::to_string(page.status));
    auto json = page.json();
    for (const auto& r : json.as_array())
      rows.push_back({std::string(r.at("uuid").as_string()), std::string(r.at("message").as_string()),
                      std::string(r.at("created_at").as_string()), static_cast<long>(r.at("unread").as_int64())});
    cursor = page.header("x-next-cursor");
  } while (!cursor.empty());
  return rows;
}

}  // namespace

std::size_t expect_ledger_stored(uint16_t port, const std::vector<Person>& people,
                                 const std::vector<SentMessage>& sent, std::size_t repeats) {
  HttpClient client(port);
  // Conversations and their two members, from the acknowledgements.
  std::map<std::string, std::pair<std::size_t, std::size_t>> groups;
  for (const auto& s : sent) groups.emplace(s.group, std::make_pair(std::min(s.sender, s.to), std::max(s.sender, s.to)));

  std::map<std::string, std::vector<StoredMessage>> stored;
  std::size_t total = 0;
  for (const auto& [group, members] : groups) {
    stored[group] = all_messages(client, people[members.first], group);
    total += stored[group].size();
  }

  // Every send stored exactly once, under its acknowledged uuid and time; nothing else stored.
  std::map<std::string, std::vector<const StoredMessage*>> by_text;
  for (const auto& [group, messages] : stored)
    for (const auto& m : messages) by_text[m.text].push_back(&m);
  std::size_t lost = 0, duplicated = 0, other_uuid = 0;
  for (const auto& s : sent) {
    auto found = by_text.find(s.text);
    if (found == by_text.end()) {
      if (++lost <= 5) ADD_FAILURE() << "acknowledged send " << s.client_message_id << " (" << s.uuid << ") was lost";
      continue;
    }
    if (found->second.size() != 1 && ++duplicated <= 5)
      ADD_FAILURE() << "send " << s.client_message_id << " stored " << found->second.size() << " times";
    if ((found->second[0]->uuid != s.uuid || found->second[0]->created_at != s.created_at) && ++other_uuid <= 5)
      ADD_FAILURE() << "send " << s.client_message_id << " acknowledged as " << s.uuid << " but stored as "
                    << found->second[0]->uuid;
  }
  EXPECT_EQ(lost, 0u) << "acknowledged sends lost";
  EXPECT_EQ(duplicated, 0u) << "sends stored more than once";
  EXPECT_EQ(other_uuid, 0u) << "sends stored under another uuid than acknowledged";
  EXPECT_EQ(total, sent.size()) << "messages stored that nobody sent (or sends lost)";

  // Every person's list: one row per conversation with messages, previewing the newest, with the exact count.
  for (std::size_t p = 0; p < people.size(); ++p) {
    std::map<std::string, Row> rows;
    for (auto& row : all_rows(client, people[p]))
      if (!rows.emplace(row.group, row).second) ADD_FAILURE() << people[p].handle << "'s list shows " << row.group << " twice";
    long unread_sum = 0;
    for (const auto& [group, members] : groups) {
      if (members.first != p && members.second != p) continue;
      const auto& messages = stored[group];
      auto row = rows.find(group);
      if (messages.empty()) continue;
      if (row == rows.end()) {
        ADD_FAILURE() << people[p].handle << "'s list lacks conversation " << group;
        continue;
      }
      EXPECT_EQ(row->second.message, messages.back().text) << "preview of " << group << " for " << people[p].handle;
      EXPECT_EQ(row->second.created_at, messages.back().created_at) << "time of " << group;
      long unread = 0;
      for (const auto& m : messages) {
        if (m.handle == people[p].handle) unread = 0;  // my send moved my marker past everything before it
        else ++unread;
      }
      EXPECT_EQ(row->second.unread, std::min(unread, 99L)) << "unread of " << group << " for " << people[p].handle;
      unread_sum += row->second.unread;
      rows.erase(row);
    }
    EXPECT_TRUE(rows.empty()) << people[p].handle << "'s list has " << rows.size() << " conversations nobody wrote in";
    Reply counter = client.get("/api/messages/counter", people[p].auth());
    EXPECT_EQ(counter.status, 200);
    if (counter.status == 200) EXPECT_EQ(counter.json().at("count").as_int64(), unread_sum) << "counter of " << people[p].handle;
  }

  // A repeat of an acknowledged send answers the same message and stores nothing new.
  const std::size_t step = std::max<std::size_t>(1, sent.size() / std::max<std::size_t>(1, repeats));
  for (std::size_t i = 0; i < sent.size() && repeats > 0; i += step) {
    const auto& s = sent[i];
    Reply again = reply_to(client, people[s.sender], s.group, s.text, s.client_message_id);
    EXPECT_EQ(again.status, 200) << again.body;
    if (again.status != 200) continue;
    auto json = again.json();
    EXPECT_EQ(json.at("uuid").as_string(), s.uuid) << "repeat of " << s.client_message_id;
    EXPECT_EQ(json.at("created_at").as_string(), s.created_at) << "repeat of " << s.client_message_id;
  }
  std::size_t after = 0;
  for (const auto& [group, members] : groups) after += all_messages(client, people[members.first], group).size();
  EXPECT_EQ(after, total) << "repeats stored new messages";
  return total;
}

}  // namespace cruddur::testing
