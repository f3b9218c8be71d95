#pragma once
// Synthetic history at scale, for tests and benchmarks of moving house (doc/export.md): `users` people
// load_u0 .. load_u<N-1> (password kLoadPassword, hashed once) and `messages` messages sent through the
// domain (MessagingService::send: the same items a send over HTTP writes, without HTTP), then some read
// markers. Who talks to whom:
//   - every person u talks with u+1 and u+3 (mod N), so each has about four conversations and some
//     conversations do not include a given person;
//   - every fifth message goes to load_u0 <-> load_u1 (a conversation of many pages); the others take the
//     conversations in turn, the two members alternating.
// Each message carries client_message_id "load-<i>", so running it again writes nothing new; timestamps come
// from the system clock. `concurrency` conversations are sent to at once (messages of one conversation are
// sent in order). Every third person then marks their first conversation read.

#include <boost/asio/awaitable.hpp>

#include "messaging/messaging_service.hpp"
#include "users/directory.hpp"

namespace cruddur::app {

inline constexpr const char* kLoadPassword = "cruddur-load-2026";

struct LoadReport {
  int users_created = 0;
  int messages = 0;  // sent (or already there)
};

boost::asio::awaitable<LoadReport> seed_load(messaging::MessagingService& messaging, users::Directory& users,
                                             Microseconds now, int user_count, int message_count,
                                             int concurrency);

}  // namespace cruddur::app
