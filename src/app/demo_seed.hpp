#pragma once
// Demo data: users andrewbrown, bayko and londo (password kDemoPassword) and a Babylon 5 conversation
// between andrewbrown and bayko, one line a minute, ending at `now`. Idempotent: users are created only when
// their handle is free, and every demo message carries a fixed client_message_id, so a second run writes
// nothing new.

#include <boost/asio/awaitable.hpp>

#include "core/clock.hpp"
#include "store/table.hpp"
#include "users/directory.hpp"

namespace cruddur::app {

struct SeedReport {
  int users_created = 0;
  int messages = 0;  // demo messages now present (sent or already there)
};

boost::asio::awaitable<int> seed_demo_users(users::Directory& users, Microseconds now);
boost::asio::awaitable<int> seed_demo_conversation(store::Table& table, std::string table_name,
                                                   users::Directory& users, Microseconds now);
boost::asio::awaitable<SeedReport> seed_demo(store::Table& table, std::string table_name,
                                             users::Directory& users, Microseconds now);

}  // namespace cruddur::app
