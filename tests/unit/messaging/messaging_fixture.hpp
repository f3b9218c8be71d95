#pragma once
// A MessagingService on the real engines: a SqliteTable file and a SqliteDirectory file in a fresh temp dir,
// the message table created from messaging::keys::table_schema, and a ManualClock the test controls.
// Helpers run the service's coroutines to completion and page through whole lists.

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "messaging/messaging_service.hpp"
#include "recording_events.hpp"
#include "store/sqlite/sqlite_table.hpp"
#include "support/expect_error.hpp"
#include "support/run_task.hpp"
#include "support/temp_dir.hpp"
#include "users/sqlite/sqlite_directory.hpp"

namespace cruddur::messaging::testing {

using cruddur::testing::run_task;

// 2026-11-26T12:00:00.000000+00:00
inline constexpr Microseconds kStart = 1'795'694'400LL * kMicrosPerSecond;

class MessagingTest : public ::testing::Test {
 protected:
  MessagingTest();

  // A user created directly in the directory (handle lowercase, any non-empty password hash).
  users::User add_user(const std::string& handle);

  Message send_to_handle(const users::User& from, const std::string& handle, const std::string& text,
                         std::optional<std::string> client_message_id = std::nullopt);
  Message reply(const users::User& from, const std::string& group, const std::string& text,
                std::optional<std::string> client_message_id = std::nullopt);
  Message send_with(MessagingService& service, const users::User& from, SendRequest request);

  PageOf<Message> messages_page(const users::User& me, const std::string& group, int limit,
                                std::optional<std::string> cursor = std::nullopt);
  PageOf<ConversationSummary> conversations_page(const users::User& me, int limit,
                                                 std::optional<std::string> cursor = std::nullopt);
  // Every message of a conversation oldest first / every conversation newest first, paging with `limit`.
  std::vector<Message> all_messages(const users::User& me, const std::string& group, int limit = 100);
  std::vector<ConversationSummary> all_conversations(const users::User& me, int limit = 100);
  // POST .../read as `me`; the counter.
  ReadResult mark_read(const users::User& me, const std::string& group,
                       std::optional<std::string> up_to = std::nullopt);
  int unread_total(const users::User& me);
  // My list row of `group` (fails the test when it is not in my list).
  ConversationSummary row_of(const users::User& me, const std::string& group);

  cruddur::testing::TempDir dir_;
  ManualClock clock_{kStart};
  store::SqliteTable table_;
  users::sqlite::SqliteDirectory users_;
  RecordingEvents events_;  // every event the service published (take() to inspect)
  MessagingService service_;
  static constexpr const char* kTable = "messages-test";
};

using cruddur::testing::thrown_error;  // and EXPECT_CRUDDUR_ERROR, from support/expect_error.hpp

std::vector<std::string> texts(const std::vector<Message>& messages);
std::vector<std::string> handles(const std::vector<ConversationSummary>& conversations);

}  // namespace cruddur::messaging::testing
