// The unread invariant of doc/keys.md, under random interleavings: whenever no send or read is in flight,
// every list row's `unread` equals a brute-force count (the other member's messages after my marker, up to
// kUnreadCap), its `other_read_at` is the other member's marker, markers only ever moved forward, the counter
// is the sum of the rows, and no send was duplicated. The operations: sends from two tabs per person running
// concurrently (by handle or to the conversation), reads (of everything or up to a random message), retries
// of completed sends with the same client_message_id, and sends killed at a random write (write lost or reply
// lost, through FaultyTable) and then retried as a client would.
//
// The engine comes from CRUDDUR_TEST_ENGINE: sqlite (default) or dynamodb (the endpoint in AWS_ENDPOINT_URL,
// dynalite under tests/engines/run-with-dynamodb-engine.sh; ctest runs both).

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <random>

#include "core/uuid.hpp"
#include "faulty_table.hpp"
#include "messaging/keys.hpp"
#include "messaging/messaging_service.hpp"
#include "messaging/unread.hpp"
#include "recording_events.hpp"
#include "aws/aws_config.hpp"
#include "store/dynamodb/dynamo_table.hpp"
#include "store/sqlite/sqlite_table.hpp"
#include "support/run_task.hpp"
#include "support/temp_dir.hpp"
#include "users/sqlite/sqlite_directory.hpp"

namespace cruddur::messaging::testing {
namespace {

using cruddur::testing::run_task;
using Op = std::function<Task<void>()>;

std::string engine_name() {
  const char* name = std::getenv("CRUDDUR_TEST_ENGINE");
  return name && *name ? name : "sqlite";
}

std::unique_ptr<store::Table> make_engine(const std::string& dir) {
  if (engine_name() == "dynamodb") return store::dynamodb::make_dynamodb_table(aws::resolve_aws_config());
  return std::make_unique<store::SqliteTable>(dir + "/messages.db");
}

// Runs every op at once on one io_context (their storage calls interleave) and rethrows the first failure.
void run_concurrently(const std::vector<Op>& ops) {
  boost::asio::io_context io;
  std::vector<std::exception_ptr> errors(ops.size());
  for (std::size_t i = 0; i < ops.size(); ++i)
    boost::asio::co_spawn(io, ops[i](), [&errors, i](std::exception_ptr e) { errors[i] = e; });
  io.run();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

class UnreadInvariant : public ::testing::Test {
 protected:
  // A send as the client makes it (and repeats it).
  struct Attempt {
    std::size_t conversation;  // index into the round's conversations
    users::User from;
    SendRequest request;
  };
  struct Conversation {
    users::User a, b;
    std::string group;
    std::vector<Message> sent;  // completed sends (a retry of one appears once)
  };

  UnreadInvariant()
      : table_name_("unread-inv-" + uuid::random_v4().substr(0, 8)),
        engine_(make_engine(dir_.str())),
        users_(dir_.str() + "/users.db"),
        service_(*engine_, table_name_, users_, clock_, events_) {
    run_task(engine_->create_table(keys::table_schema(table_name_), {}));
    run_task(users_.schema_load());
  }
  ~UnreadInvariant() override {
    try {
      run_task(engine_->delete_table(table_name_));
    } catch (...) {
    }
  }

  users::User add_user(const std::string& handle) {
    users::Account account;
    account.user = users::User{uuid::random_v4(), handle, "Display " + handle};
    account.email = handle + "@example.com";
    account.password_hash = "$argon2id$not-a-real-hash";
    account.created_at = format_timestamp(clock_.now());
    EXPECT_EQ(run_task(users_.create(account)), users::CreateStatus::created);
    return account.user;
  }

  Attempt new_send(std::size_t conversation, Conversation& c, const users::User& from, const users::User& to) {
    Attempt attempt{conversation, from, {}};
    attempt.request.text = "m" + std::to_string(next_id_) + " from " + from.handle;
    attempt.request.client_message_id = "c" + std::to_string(next_id_++);
    if (rng_() % 4 == 0) attempt.request.handle = to.handle;
    else attempt.request.message_group_uuid = c.group;
    return attempt;
  }

  Op send_op(Conversation& c, Attempt attempt) {
    return [this, &c, attempt]() -> Task<void> {
      SendRequest request = attempt.request;
      Message sent = co_await service_.send(attempt.from, std::move(request));
      record(c, sent);
    };
  }

  // A send that dies at write `n` (1-based), then is retried once everything else of the round is done.
  Op crashing_send_op(Conversation& c, Attempt attempt, std::vector<Attempt>& to_retry) {
    int n = 1 + static_cast<int>(rng_() % 9);
    auto fault = rng_() % 2 ? FaultyTable::Fault::lost_write : FaultyTable::Fault::lost_reply;
    return [this, &c, attempt, n, fault, &to_retry]() -> Task<void> {
      FaultyTable faulty(*engine_);
      faulty.fail_write(n, fault);
      MessagingService crashing(faulty, table_name_, users_, clock_, events_);
      SendRequest request = attempt.request;
      try {
        Message sent = co_await crashing.send(attempt.from, std::move(request));
        record(c, sent);  // fewer than n writes: it completed
      } catch (const store::StoreError&) {
        to_retry.push_back(attempt);
      }
    };
  }

  Op read_op(Conversation& c, const users::User& reader) {
    std::optional<std::string> up_to;
    if (!c.sent.empty() && rng_() % 2) up_to = c.sent[rng_() % c.sent.size()].uuid;
    return [this, &c, reader, up_to]() -> Task<void> {
      ReadResult result = co_await service_.mark_read(reader, c.group, up_to);
      EXPECT_GE(result.unread, 0);
    };
  }

  void record(Conversation& c, const Message& sent) {
    for (const auto& m : c.sent)
      if (m.uuid == sent.uuid) return;
    c.sent.push_back(sent);
  }

  std::optional<std::string> marker_of(const users::User& owner, const std::string& group) {
    store::GetRequest get{table_name_, keys::conversation_row_key(owner.uuid, group)};
    auto row = run_task(engine_->get(std::move(get)));
    return row ? store::get_string(*row, "read_marker") : std::nullopt;
  }

  // Every message of the conversation straight from the table: (sort key, sender uuid).
  std::vector<std::pair<std::string, std::string>> stored_messages(const std::string& group) {
    std::vector<std::pair<std::string, std::string>> out;
    store::QueryRequest query;
    query.table = table_name_;
    query.hash_value = keys::message_partition(group);
    for (;;) {
      store::QueryRequest request = query;
      auto page = run_task(engine_->query(std::move(request)));
      for (const auto& item : page.items)
        out.emplace_back(*store::get_string(item, "sk"), *store::get_string(item, "user_uuid"));
      if (!page.last_evaluated_key) break;
      query.exclusive_start_key = page.last_evaluated_key;
    }
    return out;
  }

  std::map<std::string, ConversationSummary> rows_of(const users::User& me) {
    std::map<std::string, ConversationSummary> rows;
    std::optional<std::string> cursor;
    do {
      PageRequest page{1 + static_cast<int>(rng_() % 3), cursor};  // small pages: the counts of every page
      auto listed = run_task(service_.list_conversations(me, std::move(page)));
      for (auto& row : listed.items) rows[row.message_group_uuid] = row;
      cursor = listed.next_cursor;
    } while (cursor);
    return rows;
  }

  void check(std::vector<Conversation>& conversations, const std::vector<users::User>& people) {
    std::map<std::string, int> totals;
    std::map<std::string, std::map<std::string, ConversationSummary>> rows;
    for (const auto& person : people) rows[person.uuid] = rows_of(person);
    for (auto& c : conversations) {
      auto stored = stored_messages(c.group);
      EXPECT_EQ(stored.size(), c.sent.size()) << "a send was lost or duplicated";
      for (const auto& [me, other] : {std::pair{c.a, c.b}, std::pair{c.b, c.a}}) {
        SCOPED_TRACE(me.handle + " in " + c.group);
        auto marker = marker_of(me, c.group);
        auto& previous = markers_[me.uuid + c.group];
        if (previous) {
          ASSERT_TRUE(marker);
          EXPECT_GE(*marker, *previous) << "a marker moved back";
        }
        previous = marker;
        int brute = 0;
        for (const auto& [sk, sender] : stored)
          if (sender == other.uuid && (!marker || sk > *marker)) ++brute;
        auto it = rows[me.uuid].find(c.group);
        if (it == rows[me.uuid].end()) {
          EXPECT_TRUE(stored.empty()) << "a conversation with messages is missing from the list";
          continue;
        }
        EXPECT_EQ(it->second.unread, std::min(brute, kUnreadCap));
        auto other_marker = marker_of(other, c.group);
        EXPECT_EQ(it->second.other_read_at, other_marker ? std::optional(read_at_of(*other_marker)) : std::nullopt);
        totals[me.uuid] += it->second.unread;
      }
    }
    for (const auto& person : people) EXPECT_EQ(run_task(service_.unread_total(person)), totals[person.uuid]);
  }

  void run_rounds(int rounds) {
    users::User ann = add_user("ann"), ben = add_user("ben"), cat = add_user("cat");
    std::vector<users::User> people{ann, ben, cat};
    std::vector<Conversation> conversations{{ann, ben, {}, {}}, {ann, cat, {}, {}}};
    for (auto& c : conversations) {
      SendRequest opening{"hello", std::nullopt, c.b.handle, "open-" + c.b.handle};
      Message first = run_task(service_.send(c.a, std::move(opening)));
      c.group = first.message_group_uuid;
      c.sent.push_back(first);
    }
    std::vector<Attempt> completed;
    for (int round = 0; round < rounds; ++round) {
      SCOPED_TRACE("round " + std::to_string(round));
      std::vector<Op> ops;
      std::vector<Attempt> to_retry;
      int size = 1 + static_cast<int>(rng_() % 5);
      for (int k = 0; k < size; ++k) {
        std::size_t index = rng_() % conversations.size();
        Conversation& c = conversations[index];
        bool by_a = rng_() % 2;
        const users::User& me = by_a ? c.a : c.b;
        const users::User& other = by_a ? c.b : c.a;
        switch (rng_() % 6) {
          case 0:
          case 1: {  // a send (two of these for one person are two tabs sending at once)
            Attempt attempt = new_send(index, c, me, other);
            completed.push_back(attempt);
            ops.push_back(send_op(c, attempt));
            break;
          }
          case 2: ops.push_back(read_op(c, me)); break;
          case 3: {  // a retry of an earlier send: the same message, nothing new
            if (completed.empty()) break;
            const Attempt& earlier = completed[rng_() % completed.size()];
            ops.push_back(send_op(conversations[earlier.conversation], earlier));
            break;
          }
          default: {  // killed mid-send
            Attempt attempt = new_send(index, c, me, other);
            completed.push_back(attempt);
            ops.push_back(crashing_send_op(c, attempt, to_retry));
            break;
          }
        }
      }
      run_concurrently(ops);
      for (auto& attempt : to_retry) {  // the client retries once the process is back
        SendRequest request = attempt.request;
        record(conversations[attempt.conversation], run_task(service_.send(attempt.from, std::move(request))));
      }
      clock_.advance(static_cast<Microseconds>(rng_() % 3));  // sometimes the same microsecond
      check(conversations, people);
      if (HasFailure()) return;
    }
  }

  cruddur::testing::TempDir dir_;
  ManualClock clock_{1'795'694'400LL * kMicrosPerSecond};
  std::string table_name_;
  std::unique_ptr<store::Table> engine_;
  users::sqlite::SqliteDirectory users_;
  RecordingEvents events_;
  MessagingService service_;
  std::mt19937 rng_{20261202};
  int next_id_ = 0;
  std::map<std::string, std::optional<std::string>> markers_;
};

TEST_F(UnreadInvariant, HoldsUnderRandomSendsReadsRetriesAndCrashes) {
  SCOPED_TRACE("engine " + engine_name());
  run_rounds(engine_name() == "sqlite" ? 120 : 40);
}

TEST_F(UnreadInvariant, HoldsWithAnotherInterleaving) {
  rng_.seed(7);
  run_rounds(engine_name() == "sqlite" ? 120 : 40);
}

}  // namespace
}  // namespace cruddur::messaging::testing
