#pragma once
// The users of one Cognito user pool, as `update-cognito-user-ids` and auto-provisioning need them.
//
// Thread-safety: as CognitoIdpClient; the client must outlive this object.

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <vector>

#include "auth/cognito/cognito_idp_client.hpp"

namespace cruddur::auth::cognito {

struct PoolUser {
  std::string username;                          // Cognito user name
  std::string sub;                               // immutable id; "" if the answer lacked it
  std::optional<std::string> preferred_username;  // matched against our handles
  std::optional<std::string> email;
  std::optional<std::string> name;
};

struct ListUsersPage {
  std::vector<PoolUser> users;
  std::optional<std::string> pagination_token;  // present when more pages follow
};

class UserPoolClient {
 public:
  // Cognito allows at most 60 users per ListUsers page.
  static constexpr int kMaxPageSize = 60;

  // `api` signs with admin credentials when talking to AWS (ListUsers is an admin operation).
  UserPoolClient(CognitoIdpClient& api, std::string user_pool_id, int page_size = kMaxPageSize);

  // One ListUsers call (Limit = page size), starting at `pagination_token` (nullopt: the first page).
  boost::asio::awaitable<ListUsersPage> list_users_page(std::optional<std::string> pagination_token);

  // Every user, following PaginationToken to the last page. Throws std::runtime_error if the service
  // hands back a token it already gave (it would loop forever), and what the API throws.
  boost::asio::awaitable<std::vector<PoolUser>> list_all_users();

 private:
  CognitoIdpClient& api_;
  std::string user_pool_id_;
  int page_size_;
};

// GetUser: the attributes of the user an access token belongs to (no admin credentials needed).
// Throws CognitoApiError (NotAuthorizedException for a revoked or foreign token).
boost::asio::awaitable<PoolUser> get_user(CognitoIdpClient& api, std::string access_token);

}  // namespace cruddur::auth::cognito
