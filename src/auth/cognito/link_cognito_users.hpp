#pragma once
// `cruddur db update-cognito-user-ids`: stores each Cognito user's `sub` on the directory user whose handle
// equals the Cognito user's preferred_username (case-insensitively), over every page of ListUsers.
// Idempotent: running it again links the same pairs again and changes nothing.

#include <boost/asio/awaitable.hpp>

#include <string>
#include <vector>

#include "auth/cognito/user_pool_client.hpp"
#include "users/directory.hpp"

namespace cruddur::auth::cognito {

struct LinkedUser {
  std::string handle;  // as stored (case-folded)
  std::string sub;
};

struct UnmatchedPoolUser {
  PoolUser user;
  std::string reason;  // "no preferred_username", "no user with handle 'x'", "sub already linked to another
                       // user", "no sub"
};

struct LinkReport {
  std::vector<LinkedUser> linked;
  std::vector<UnmatchedPoolUser> unmatched;
};

// Throws what the pool client throws (the directory is then partly updated; running again finishes it).
boost::asio::awaitable<LinkReport> update_cognito_user_ids(UserPoolClient& pool, users::Directory& directory);

}  // namespace cruddur::auth::cognito
